import type { IDataObject } from 'n8n-workflow';

/*
 * The contract between a provider adapter and the shared transport (transport/request.ts): what a
 * request looks like, what came back, and a failure in provider-neutral terms. Providers implement
 * TransportTarget (providers/types.ts ProviderAdapter extends it); the transport knows no provider.
 */

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

/** What the transport needs of a provider to send it a request and judge the answer. */
export interface TransportTarget {
	/** Value of the node's Provider parameter. */
	id: string;
	/** Display name ("seven.io"). */
	name: string;
	/** Name of the credential type this provider uses. */
	credentialType: string;
	/** Base URL of the API from the credential data (no trailing slash). */
	baseUrl: (credentials: IDataObject) => string;
	/** Credential values that must never appear in outputs or errors. */
	secrets: (credentials: IDataObject) => string[];
	/**
	 * Shapes of the keys this provider issues, masked in errors and outputs even when they are not
	 * this credential's (a key echoed from another account); a first capture group is kept.
	 */
	secretPatterns?: RegExp[];
	/**
	 * Decides whether a response is a failure, including failures that arrive with HTTP 2xx.
	 * Returns undefined when the response is a success.
	 */
	interpret: (response: ProviderResponse, request: ProviderRequest) => ProviderFailure | undefined;
	/** Published rate limits, respected up front when the Respect Rate Limit option is on. */
	rateLimits?: RateLimitRule[];
}
