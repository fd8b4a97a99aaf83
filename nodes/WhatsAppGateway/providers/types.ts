import type { IDataObject, INode, INodeProperties } from 'n8n-workflow';

import type { ProviderWebhooks } from '../trigger/types';

/** Everything the shared transport needs to send one HTTP request to a provider. */
export interface ProviderRequest {
	method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
	/** Path below the credential's base URL, starting with `/`. */
	path: string;
	qs?: IDataObject;
	body?: unknown;
	headers?: Record<string, string>;
	/** `json` (default) or `multipart` (body is a ready multipart Buffer, sent as it is). */
	encoding?: 'json' | 'multipart';
	responseType?: 'json' | 'binary';
	/** Short English name of what the request does, used in error messages ("send the message"). */
	action: string;
	/** Whether the request sends a message (never retried once it may have reached the provider). */
	sendsMessage?: boolean;
	/** How long the provider needs by design (e.g. a bulk send with delays), added to the timeout. */
	expectedDurationMs?: number;
	/**
	 * Whether repeating the request is harmless (no message, no new resource), so it may be retried
	 * after timeouts and 5xx like GET/PUT/DELETE. Default: true for GET/HEAD/PUT/DELETE only.
	 */
	idempotent?: boolean;
}

export interface ProviderResponse {
	statusCode: number;
	headers: Record<string, string | string[] | undefined>;
	body: unknown;
}

/** A provider failure in provider-neutral terms; transport/errors.ts turns it into a NodeApiError. */
export interface ProviderFailure {
	/** Plain-English message: what happened. */
	message: string;
	/** What the user should do about it. */
	hint: string;
	httpStatus?: number;
	/** The provider's own error code, as a string ("7002001", "131047", "WHATSAPP_ERROR", "7"). */
	providerCode?: string;
	/** Text the provider sent, for reference (redacted of secrets before it is shown). */
	providerMessage?: string;
	kind: FailureKind;
	/**
	 * Overrides the transport's retry rule (transport/retry.ts): `true` = the provider certainly did
	 * not process the request and it may be retried; `false` = never retry (e.g. a rate limit that
	 * waiting does not lift). Default: retry rate limits only.
	 */
	retryable?: boolean;
}

/** A published provider limit the transport can respect up front (Respect Rate Limit option). */
export interface RateLimitRule {
	/** At most `limit` … */
	limit: number;
	/** … per `windowMs` milliseconds … */
	windowMs: number;
	/** … of all requests, or only of requests that send a message. */
	counts: 'requests' | 'messages';
}

/** One entry of a provider's error-code table: what the code means and what the user should do. */
export interface ErrorCodeInfo {
	kind: FailureKind;
	message: string;
	hint?: string;
}

export type FailureKind =
	| 'auth'
	| 'permission'
	| 'validation'
	| 'notFound'
	| 'rateLimit'
	| 'quota'
	| 'window24h'
	| 'notConnected'
	| 'balance'
	| 'server'
	| 'network'
	| 'timeout'
	| 'unexpected';

/** How a provider wants phone numbers. */
export interface PhoneRules {
	/** `digits`: country code and number, digits only. `e164`: the same with a leading `+`. */
	format: 'digits' | 'e164';
	minDigits?: number;
	maxDigits?: number;
}

export type MessageType =
	| 'text'
	| 'image'
	| 'video'
	| 'audio'
	| 'document'
	| 'sticker'
	| 'location'
	| 'contacts'
	| 'buttons'
	| 'list'
	| 'template'
	| 'metaJson';

/** Where media of a message can come from. */
export type MediaSource = 'url' | 'binary' | 'mediaId';

export interface MessageTypeSupport {
	/** Media sources accepted (media types only). */
	mediaSources?: MediaSource[];
	caption?: boolean;
	filename?: 'required' | 'optional';
	/** Location: whether an address line is sent. */
	address?: boolean;
	/** Lower-case file extensions the provider accepts for URLs/binary files (without dot). */
	extensions?: string[];
	/** Whether a URL must end in one of `extensions` (otherwise only a present extension is checked). */
	extensionRequired?: boolean;
	/** Largest binary file accepted, in bytes. */
	maxBytes?: number;
	/** MIME types accepted for binary files (media types only). */
	mimeTypes?: string[];
	/** Audio: whether the provider can mark it as a voice note. */
	voice?: boolean;
	/** Interactive buttons: how many buttons are allowed. */
	buttonCount?: { min: number; max: number };
	/** Interactive list: whether every section needs a title (otherwise only when there are several). */
	sectionTitleRequired?: boolean;
	/** Template: header media types the provider can fill (none = text headers only). */
	headerMediaTypes?: Array<'image' | 'video' | 'document'>;
	/** Template: button parameter kinds the provider can fill. */
	buttonSubTypes?: Array<'url' | 'quick_reply'>;
}

/** Reads a node parameter of the current item. */
export type ParamReader = <T = unknown>(name: string, fallback?: T) => T;

/** What an adapter gets to do its work: the transport bound to the current item, and parameters. */
export interface AdapterContext {
	call: (request: ProviderRequest) => Promise<ProviderResponse>;
	param: ParamReader;
	itemIndex: number;
	node: INode;
	/** Throws a NodeOperationError naming the item and the field. */
	fail: (field: string, message: string, hint?: string) => never;
	/** IANA time zone of the workflow, for date/time fields written without an offset. */
	timezone?: string;
}

export interface MediaInput {
	source: MediaSource;
	url?: string;
	mediaId?: string;
	/** Binary file data, already read from the item. */
	data?: Buffer;
	mimeType?: string;
	fileName?: string;
	/** Audio sent as a voice note. */
	voice?: boolean;
}

export interface OutboundMessage {
	/** Recipient, already formatted as the provider expects. */
	to: string;
	type: MessageType;
	text?: string;
	media?: MediaInput;
	caption?: string;
	filename?: string;
	location?: { latitude: number; longitude: number; name?: string; address?: string };
	contacts?: ContactCard[];
	interactive?: InteractiveContent;
	template?: TemplateContent;
	/** Raw provider payload (the `metaJson` escape hatch). */
	rawPayload?: IDataObject;
}

export interface ContactCard {
	firstName: string;
	lastName?: string;
	phones: Array<{ phone: string; type?: string }>;
	emails?: string[];
	organization?: string;
}

export interface InteractiveContent {
	body: string;
	header?: string;
	footer?: string;
	buttons?: Array<{ id: string; title: string }>;
	buttonText?: string;
	sections?: Array<{
		title?: string;
		rows: Array<{ id: string; title: string; description?: string }>;
	}>;
}

export interface TemplateContent {
	name: string;
	language: string;
	header?: string[];
	headerMedia?: { type: 'image' | 'video' | 'document'; url: string };
	body?: string[];
	buttons?: Array<{ subType: 'url' | 'quick_reply'; index: number; value: string }>;
}

/** The normalized result of any message send. */
export interface SendResult extends IDataObject {
	provider: string;
	to: string;
	messageId: string | null;
	status: string;
	type: string;
}

export type SendHandler = (ctx: AdapterContext, message: OutboundMessage) => Promise<SendResult>;

/**
 * A generic provider operation: takes the context and, optionally, the input its operation already
 * read and validated (e.g. normalized phone numbers), returns output items (json only or with binary).
 */
export type OperationHandler = (
	ctx: AdapterContext,
	input?: OperationInput,
) => Promise<OperationOutput[]>;

/** Values an operation hands to the adapter (already validated and normalized). */
export type OperationInput = Record<string, unknown>;

export interface OperationOutput {
	json: IDataObject;
	binary?: { propertyName: string; data: Buffer; mimeType: string; fileName: string };
}

export interface ProviderAdapter {
	/** Value of the node's Provider parameter. */
	id: string;
	/** Display name ("seven.io"). */
	name: string;
	/** Name of the credential type this provider uses. */
	credentialType: string;
	phone: PhoneRules;
	/** Base URL of the API from the credential data (no trailing slash). */
	baseUrl: (credentials: IDataObject) => string;
	/** Credential values that must never appear in outputs or errors. */
	secrets: (credentials: IDataObject) => string[];
	/** Message types this provider can send and what each accepts. */
	messageTypes: Partial<Record<MessageType, MessageTypeSupport>>;
	/** Maximum text length (WhatsApp: 4096). */
	maxTextLength: number;
	/** Provider-specific node fields, shown only for this provider (displayOptions are added). */
	properties?: INodeProperties[];
	send: SendHandler;
	/** Further operations: `resource.operation` → handler. */
	operations?: Record<string, OperationHandler>;
	/** How this provider delivers events (trigger node, Webhook resource); absent = no webhooks. */
	webhooks?: ProviderWebhooks;
	/**
	 * Decides whether a response is a failure, including failures that arrive with HTTP 2xx.
	 * Returns undefined when the response is a success.
	 */
	interpret: (response: ProviderResponse, request: ProviderRequest) => ProviderFailure | undefined;
	/** Published rate limits, respected up front when the Respect Rate Limit option is on. */
	rateLimits?: RateLimitRule[];
	/** A message with one button that opens a link (WhatsApp "CTA URL"), when the provider has it. */
	linkButton?: LinkButtonSupport;
}

/** How a provider sends a text with one URL button (sent through `send` as a `metaJson` message). */
export interface LinkButtonSupport {
	/** Longest button label the provider accepts. */
	maxLabelLength: number;
	/** Longest message body above the button. */
	maxBodyLength: number;
	/** The provider payload (without the recipient) of a text with one URL button. */
	payload: (input: { body: string; label: string; url: string }) => IDataObject;
}
