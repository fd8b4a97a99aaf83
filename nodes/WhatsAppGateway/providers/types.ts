import type { IDataObject, INode, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import type { FieldContext, ParamReader, PhoneRules } from '../helpers/types';
import type {
	FailureKind,
	ProviderFailure,
	ProviderRequest,
	ProviderResponse,
	RateLimitRule,
	TransportTarget,
} from '../transport/types';

// The request/response/failure contract is the transport's, field reading and phone rules are the
// helpers'; providers build on them (imports point down: providers → transport → helpers).
export type {
	FailureKind,
	FieldContext,
	ParamReader,
	PhoneRules,
	ProviderFailure,
	ProviderRequest,
	ProviderResponse,
	RateLimitRule,
	TransportTarget,
};

/**
 * How many requests the node keeps in flight when the Concurrency option is automatic, from what
 * the provider documents (actions/reliability.ts, transport/retry.ts AdaptiveConcurrency).
 */
export interface TrafficProfile {
	/** Items in flight when a run starts. */
	start: number;
	/** Never more items in flight than this. */
	max: number;
	/**
	 * Least time between the starts of two message sends (a pacing the provider documents); the
	 * window then stays at `start`.
	 */
	messageSpacingMs?: number;
}

/** One entry of a provider's error-code table: what the code means and what the user should do. */
export interface ErrorCodeInfo {
	kind: FailureKind;
	message: string;
	hint?: string;
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

/** What a file uploaded with Media → Upload is used as in WhatsApp. */
export type UploadMediaType = 'audio' | 'document' | 'image' | 'sticker' | 'video';

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

/** What an adapter gets to do its work: the transport bound to the current item, and parameters. */
export interface AdapterContext extends FieldContext {
	call: (request: ProviderRequest) => Promise<ProviderResponse>;
	node: INode;
	/** IANA time zone of the workflow, for date/time fields written without an offset. */
	timezone?: string;
	/** The provider's credential data (e.g. to derive a callback token); {} when there is none. */
	credentials?: () => Promise<IDataObject>;
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
 * Every operation an adapter can implement besides Message → Send, keyed `resource.operation`, with
 * the input the node's operation hands over (already read, validated and normalized). The keys are
 * the only place these names are written as types: `offers()`, `runAdapterOperation()` and the
 * adapters' `operations` maps all take `OperationKey`, so a misspelt key does not compile.
 */
export interface OperationInputs {
	'bulk.send': { recipients: string[]; message: string; delay: number };
	'contact.check': { phone: string };
	'contact.checkBulk': { phones: string[] };
	'contact.getInfo': { phone: string };
	/** `to`: the chat's number, provider-formatted, when the user gave one. */
	'conversation.markAsRead': { to?: string };
	'conversation.react': { messageId: string; emoji: string };
	'conversation.typingIndicator': { to?: string };
	/** `field`: the editor field the file came from, named in errors. */
	'media.upload': { file: MediaFile; type: string; field: string };
	'message.deleteScheduled': undefined;
	'message.getStatus': undefined;
	'message.retry': undefined;
	'session.getProfile': undefined;
	'session.getQrCode': { binaryPropertyName: string };
	'session.getQrImage': { binaryPropertyName: string };
	'session.getStatus': undefined;
	'session.logout': undefined;
	'session.restart': undefined;
	'webhook.delete': { id: string };
	'webhook.ensure': { url: string; events: string[] };
	'webhook.list': undefined;
	'webhook.register': { url: string; events: string[]; secret?: string };
	'webhook.toggle': { id: string };
}

export type OperationKey = keyof OperationInputs;

/** A file an operation read from the input item's binary data. */
export interface MediaFile {
	data: Buffer;
	mimeType: string;
	fileName: string;
}

/** The handler of one operation: context and typed input in, output items (json, binary) out. */
export type OperationHandler<K extends OperationKey> = (
	ctx: AdapterContext,
	input: OperationInputs[K],
) => Promise<OperationOutput[]>;

/** An adapter's operations: only known keys, each handler typed for its own input. */
export type OperationHandlers = { [K in OperationKey]?: OperationHandler<K> };

export interface OperationOutput {
	json: IDataObject;
	binary?: { propertyName: string; data: Buffer; mimeType: string; fileName: string };
}

/** One page of a dynamic list shown in the editor (resource locator "From list" mode). */
export interface ListPage {
	results: Array<{ name: string; value: string; url?: string }>;
	/** Opaque token for the next page; absent on the last page. */
	paginationToken?: string;
}

/** Lists the editor can load from a provider: `filter` is what the user typed in the list. */
export type ListHandler = (
	call: AdapterContext['call'],
	query: { filter?: string; paginationToken?: string },
) => Promise<ListPage>;

export interface ProviderAdapter extends TransportTarget {
	phone: PhoneRules;
	/** Message types this provider can send and what each accepts. */
	messageTypes: Partial<Record<MessageType, MessageTypeSupport>>;
	/** Maximum text length (WhatsApp: 4096). */
	maxTextLength: number;
	/** Provider-specific node fields, shown only for this provider (displayOptions are added). */
	properties?: INodeProperties[];
	send: SendHandler;
	/** Further operations: `resource.operation` → handler (OperationInputs lists them). */
	operations?: OperationHandlers;
	/** How this provider delivers events (trigger node, Webhook resource); absent = no webhooks. */
	webhooks?: ProviderWebhooks;
	/** Dynamic lists this provider documents, for the editor (absent = typed values only). */
	lists?: { templates?: ListHandler };
	/** Automatic concurrency of this provider; absent = DEFAULT_TRAFFIC (actions/reliability.ts). */
	traffic?: TrafficProfile;
	/**
	 * Media → Upload: the file types the provider takes, each with its documented formats and size
	 * limit (shown in the Media Type option and checked before uploading).
	 */
	uploadLimits?: Partial<Record<UploadMediaType, { formats: string; maxBytes: number }>>;
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

/* ----- Webhooks: what a provider delivers and how it is verified, parsed and managed ----- */

/** Normalized event types every provider's events are mapped to. */
export type NormalizedEventName =
	| 'message.received'
	| 'message.status'
	| 'session.qr'
	| 'session.ready'
	| 'session.authenticated'
	| 'session.disconnected'
	| 'session.auth_failure'
	| string;

/** Delivery statuses, the same for every provider (the provider's own value stays in `raw`). */
export type NormalizedStatus =
	'pending' | 'sent' | 'delivered' | 'read' | 'played' | 'failed' | 'deleted' | 'unknown';

export interface NormalizedMedia extends IDataObject {
	/** image, video, audio, document, sticker, … as the provider names it. */
	type: string | null;
	/** A URL the media can be downloaded from, when the provider gives one. */
	url: string | null;
	/** The provider's media id, when it gives one. */
	id: string | null;
	mimeType: string | null;
	caption: string | null;
	fileName: string | null;
}

/** One event, one output item. */
export interface NormalizedEvent extends IDataObject {
	provider: string;
	event: NormalizedEventName;
	/** Phone numbers are digits with country code (no `+`, no `@c.us`); group ids stay as they are. */
	from: string | null;
	to: string | null;
	messageId: string | null;
	status: NormalizedStatus | string | null;
	text: string | null;
	media: NormalizedMedia | null;
	/** ISO 8601. */
	timestamp: string | null;
	/** The provider's payload as it arrived. */
	raw: IDataObject | IDataObject[] | string | null;
}

/** An incoming webhook request, reduced to what verification and parsing need. */
export interface IncomingWebhook {
	method: string;
	/** Lower-case header names. */
	headers: Record<string, string | undefined>;
	/** The body exactly as it arrived (empty for GET). */
	rawBody: Buffer;
	/** The parsed body (JSON or form), or {} */
	body: unknown;
	query: IDataObject;
	/** Full URLs the request may have been addressed to, most likely first (with the query string). */
	urls: string[];
}

export type VerifyOutcome =
	| { ok: true; verified: boolean }
	| { ok: false; reason: 'missing' | 'invalid' | 'expired' | 'unverifiable' };

export interface VerifyInput {
	/** Secrets known for this trigger (derived from the credential, or returned by the provider at registration). */
	secrets: string[];
	credentials: IDataObject;
	/** Unix time in seconds. */
	now: number;
	/** Maximum age of a signed timestamp, in seconds (providers that sign a timestamp). */
	maxAgeSeconds: number;
	/**
	 * Whether the user chose "Accept Unverified Deliveries" (off by default). Without it, a delivery
	 * that cannot be checked (no secret, no key) is refused: verification fails closed.
	 */
	acceptUnverified: boolean;
}

/** What a provider registered for one webhook URL. */
export interface WebhookRegistration extends IDataObject {
	url: string;
	ids: string[];
	events: string[];
	/**
	 * The signing secret, stored only when it cannot be derived from the credential (Whaapy's, which
	 * Whaapy generates). Static data is exported with the workflow (README, Security).
	 */
	secret?: string;
	/** A fingerprint (SHA-256 prefix) of a derived secret: a changed credential forces a new registration. */
	secretId?: string;
}

/** One webhook as the provider lists it. */
export interface WebhookInfo extends IDataObject {
	id: string;
	url: string;
	events: string[];
	active: boolean | null;
}

export type Call = (request: ProviderRequest) => Promise<ProviderResponse>;

/** The provider's webhook API (used by the trigger's lifecycle and by the Webhook resource). */
export interface WebhookManagement {
	/**
	 * Whether the provider accepts a secret we choose at registration (and signs with it). When
	 * false, the secret comes back from the provider or from the credential.
	 */
	acceptsSecret: boolean;
	/**
	 * Whether an existing registration for our URL can be taken over without knowing anything
	 * stored at registration time (the signing key is the account's, not the registration's).
	 */
	adoptable: boolean;
	/** Whether one registration carries several events (otherwise one registration per event). */
	multiEvent: boolean;
	register: (
		call: Call,
		input: { url: string; events: string[]; secret?: string },
	) => Promise<Array<WebhookInfo & { secret?: string }>>;
	list: (call: Call) => Promise<WebhookInfo[]>;
	remove: (call: Call, id: string) => Promise<void>;
	toggle?: (call: Call, id: string) => Promise<WebhookInfo>;
	/**
	 * A URL the provider is known to refuse, explained before anything is sent (the Engine refuses
	 * hosts without a dot); undefined when the URL is fine.
	 */
	urlProblem?: (url: string) => { message: string; hint: string } | undefined;
}

/** Everything the trigger and the Webhook resource need to know about a provider's webhooks. */
export interface ProviderWebhooks {
	/** The provider's own event names the user can subscribe to (sorted by name). */
	events: INodePropertyOptions[];
	defaultEvents: string[];
	/** Absent when the provider has no webhook API (the user puts the URL somewhere by hand). */
	management?: WebhookManagement;
	/** Explains in the trigger how events arrive when there is no webhook API. */
	manualSetupNotice?: string;
	/**
	 * How long the provider waits for the webhook answer before it gives up and retries, in ms
	 * (bounds the trigger's media downloads). Absent: 5000.
	 */
	deliveryTimeoutMs?: number;
	/** HTTP methods the provider delivers with (POST always; GET for query-string callbacks). */
	acceptsGet?: boolean;
	verify: (request: IncomingWebhook, input: VerifyInput) => VerifyOutcome;
	/**
	 * Why deliveries could not be verified with this credential (checked when the trigger is
	 * activated, so it fails closed up front); undefined when they can.
	 */
	verificationGap?: (credentials: IDataObject) => string | undefined;
	/** What the user does when deliveries cannot be verified (shown with the refusal). */
	verificationFix?: string;
	/**
	 * The signing secret for a registration of `url` when the provider accepts a secret we choose:
	 * derived from the credential, so it need not be stored (undefined: a random one is stored).
	 */
	deriveSecret?: (credentials: IDataObject, url: string) => string | undefined;
	/**
	 * Keys of what the signature covers (body digest, seven's nonce), to drop replays of the same
	 * signed delivery. The trigger adds each event's own identity (message id + event + status).
	 */
	deliveryKeys?: (request: IncomingWebhook) => string[];
	/** Turns a verified request into normalized events (possibly none). */
	parse: (request: IncomingWebhook, receivedAt: Date) => NormalizedEvent[];
}
