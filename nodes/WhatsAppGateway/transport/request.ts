import type {
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';

import type { ProviderAdapter, ProviderFailure, ProviderRequest, ProviderResponse } from '../providers/types';
import { buildProviderError } from './errors';

export type RequestContext = IExecuteFunctions | IHookFunctions | ILoadOptionsFunctions | IWebhookFunctions;

export interface TransportOptions {
	itemIndex?: number;
	/** Milliseconds before a request is abandoned. */
	timeoutMs?: number;
}

export const DEFAULT_TIMEOUT_MS = 60_000;

/**
 * The one way this package talks to a provider. Every operation and the trigger use it.
 *
 * It sends the request through `httpRequestWithAuthentication` (so n8n applies the credential,
 * proxies and its own settings), takes every answer as a full response whatever its status, and
 * lets the provider's adapter decide what is a failure (including failures sent with HTTP 2xx).
 * Every failure leaves as one NodeApiError built by transport/errors.ts, with secrets removed.
 */
export async function providerRequest(
	this: RequestContext,
	adapter: ProviderAdapter,
	request: ProviderRequest,
	options: TransportOptions = {},
): Promise<ProviderResponse> {
	const credentials = (await this.getCredentials(adapter.credentialType)) as IDataObject;
	const secrets = adapter.secrets(credentials);
	const node = this.getNode();

	const httpOptions: IHttpRequestOptions = {
		method: request.method,
		url: `${adapter.baseUrl(credentials)}${request.path}`,
		qs: request.qs,
		headers: { Accept: 'application/json', ...(request.headers ?? {}) },
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
	};
	if (request.body !== undefined) {
		httpOptions.body = request.body as IDataObject;
		if (request.encoding !== 'multipart') httpOptions.json = true;
	}
	if (request.responseType === 'binary') {
		httpOptions.encoding = 'arraybuffer';
		httpOptions.json = false;
	}

	let raw: { statusCode: number; headers: IDataObject; body: unknown };
	try {
		raw = (await this.helpers.httpRequestWithAuthentication.call(
			this,
			adapter.credentialType,
			httpOptions,
		)) as typeof raw;
	} catch (error) {
		throw buildProviderError(node, adapter, networkFailure(error, request), secrets, options.itemIndex);
	}

	const response: ProviderResponse = {
		statusCode: raw.statusCode,
		headers: raw.headers as ProviderResponse['headers'],
		body: parseBody(raw.body, request),
	};
	const failure = adapter.interpret(response, request);
	if (failure) {
		throw buildProviderError(node, adapter, failure, secrets, options.itemIndex, response.body);
	}
	return response;
}

/** JSON bodies arrive parsed; text bodies that hold JSON (or a bare code) are parsed here. */
function parseBody(body: unknown, request: ProviderRequest): unknown {
	if (request.responseType === 'binary') return body;
	if (Buffer.isBuffer(body)) body = body.toString('utf8');
	if (typeof body !== 'string') return body;
	const trimmed = body.trim();
	if (trimmed === '') return '';
	try {
		return JSON.parse(trimmed) as unknown;
	} catch {
		return trimmed;
	}
}

const NETWORK_CODES: Record<string, string> = {
	ECONNREFUSED: 'the connection was refused',
	ENOTFOUND: 'the host name could not be resolved',
	EAI_AGAIN: 'the host name could not be resolved',
	ECONNRESET: 'the connection was reset',
	EPIPE: 'the connection was closed',
	EHOSTUNREACH: 'the host is unreachable',
	ENETUNREACH: 'the network is unreachable',
	ECONNABORTED: 'the request timed out',
	ETIMEDOUT: 'the request timed out',
	ESOCKETTIMEDOUT: 'the request timed out',
	ERR_CANCELED: 'the request was cancelled',
};

/** Network-level failures (no HTTP answer). */
export function networkFailure(error: unknown, request: ProviderRequest): ProviderFailure {
	const code = errorCode(error);
	const timedOut = code === 'ECONNABORTED' || code === 'ETIMEDOUT' || code === 'ESOCKETTIMEDOUT';
	const what = (code && NETWORK_CODES[code]) ?? 'the request failed before an answer arrived';
	return {
		kind: timedOut ? 'timeout' : 'network',
		message: `Could not ${request.action}: ${what}`,
		hint: '',
		providerCode: code,
	};
}

export function errorCode(error: unknown): string | undefined {
	const seen = new Set<unknown>();
	let current: unknown = error;
	while (current && typeof current === 'object' && !seen.has(current)) {
		seen.add(current);
		const candidate = (current as { code?: unknown }).code;
		if (typeof candidate === 'string' && /^E[A-Z_]+$/.test(candidate)) return candidate;
		if (candidate === 'ERR_CANCELED') return candidate;
		current = (current as { cause?: unknown }).cause;
	}
	const message = (error as { message?: unknown })?.message;
	if (typeof message === 'string') {
		const match = /\b(E[A-Z]{4,})\b/.exec(message);
		if (match) return match[1];
		if (/timeout/i.test(message)) return 'ETIMEDOUT';
	}
	return undefined;
}
