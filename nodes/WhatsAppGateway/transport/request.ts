import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';

import type { ProviderFailure, ProviderRequest, ProviderResponse, TransportTarget } from './types';
import { buildProviderError, DEFAULT_HINTS } from './errors';
import type { RetryPolicy, TrafficGate } from './retry';
import { decideRetry, DEFAULT_RETRY_POLICY, retryAfterMs, wait } from './retry';

export type RequestContext =
	IExecuteFunctions | IHookFunctions | ILoadOptionsFunctions | IWebhookFunctions;

export interface TransportOptions {
	itemIndex?: number;
	/** Milliseconds before a request is abandoned. */
	timeoutMs?: number;
	/** Retries (see transport/retry.ts); defaults to DEFAULT_RETRY_POLICY. */
	retry?: RetryPolicy;
	/** Traffic control shared by the items of one run (pauses after 429, optional pacing). */
	gate?: TrafficGate;
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
	adapter: TransportTarget,
	request: ProviderRequest,
	options: TransportOptions = {},
): Promise<ProviderResponse> {
	const credentials = await runCredentials(this, adapter.credentialType);
	const secrets = adapter.secrets(credentials);
	const node = this.getNode();

	const httpOptions: IHttpRequestOptions = {
		method: request.method,
		url: `${adapter.baseUrl(credentials)}${request.path}`,
		qs: request.qs,
		headers: { Accept: 'application/json', ...(request.headers ?? {}) },
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		// Requests that take long by design (bulk sends) wait that long on top of the timeout.
		timeout: (options.timeoutMs ?? DEFAULT_TIMEOUT_MS) + (request.expectedDurationMs ?? 0),
	};
	if (request.body !== undefined) {
		httpOptions.body = request.body as IDataObject;
		if (request.encoding !== 'multipart') httpOptions.json = true;
	}
	if (request.responseType === 'binary') {
		httpOptions.encoding = 'arraybuffer';
		httpOptions.json = false;
	}

	const policy = options.retry ?? DEFAULT_RETRY_POLICY;
	const cancel = cancelSignal(this);
	for (let attempt = 0; ; attempt++) {
		let slot = options.gate?.reserve(request) ?? 0;
		while (slot > 0) {
			await wait(slot, cancel);
			slot = options.gate?.recheck(request) ?? 0;
		}
		if (cancel?.aborted)
			throw buildProviderError(
				node,
				adapter,
				cancelledFailure(request),
				secrets,
				options.itemIndex,
			);

		let failure: ProviderFailure | undefined;
		let response: ProviderResponse | undefined;
		let raw: { statusCode: number; headers?: IDataObject; body: unknown } | undefined;
		const startedAt = Date.now();
		try {
			// A fresh copy per attempt: authentication adds headers/query values to the options.
			raw = (await this.helpers.httpRequestWithAuthentication.call(
				this,
				adapter.credentialType,
				{
					...httpOptions,
					headers: { ...httpOptions.headers },
					...(httpOptions.qs ? { qs: { ...httpOptions.qs } } : {}),
				},
				// The credential read once for the run: n8n would otherwise load and decrypt it again.
				{
					credentialsDecrypted: {
						id: '',
						name: '',
						type: adapter.credentialType,
						data: credentials as ICredentialDataDecryptedObject,
					},
				},
			)) as typeof raw;
		} catch (error) {
			failure = networkFailure(error, request);
		}
		if (raw) {
			response = {
				statusCode: Number(raw.statusCode),
				headers: (raw.headers ?? {}) as ProviderResponse['headers'],
				body: parseBody(raw.body, request),
			};
			failure = adapter.interpret(response, request);
		}
		if (!failure && !raw) failure = networkFailure(undefined, request);
		// Latency and overload (429/5xx/timeouts) of every attempt drive the run's concurrency.
		options.gate?.settle(request, startedAt, failure);
		if (!failure) return response as ProviderResponse;

		const waitHint = response ? retryAfterMs(response.headers) : undefined;
		const decision = decideRetry(failure, request, attempt, policy, waitHint);
		if (decision.retry) {
			// The provider's Retry-After holds back every item of the run (the gate waits for it);
			// a backoff concerns this request only.
			if (decision.reason === 'Retry-After' && options.gate)
				options.gate.pause(Date.now() + decision.waitMs);
			else await wait(decision.waitMs, cancel);
			continue;
		}
		const final: ProviderFailure = decision.note
			? { ...failure, hint: `${failure.hint || DEFAULT_HINTS[failure.kind]} ${decision.note}` }
			: failure;
		throw buildProviderError(node, adapter, final, secrets, options.itemIndex, response?.body);
	}
}

/**
 * The credential of the run, read once per node execution context (n8n loads and decrypts it on
 * every getCredentials call, which cost more than the HTTP request itself on a local provider).
 * Assumption: a credential does not change while one node execution runs.
 */
const credentialCache = new WeakMap<object, Map<string, Promise<IDataObject>>>();

async function runCredentials(context: RequestContext, type: string): Promise<IDataObject> {
	let byType = credentialCache.get(context);
	if (!byType) {
		byType = new Map();
		credentialCache.set(context, byType);
	}
	let pending = byType.get(type);
	if (!pending) {
		pending = context.getCredentials(type) as Promise<IDataObject>;
		byType.set(type, pending);
		// A failed read is not kept: the next item tries again and reports its own error.
		pending.catch(() => byType?.delete(type));
	}
	return await pending;
}

function cancelSignal(context: RequestContext): { aborted: boolean } | undefined {
	const fn = (context as Partial<IExecuteFunctions>).getExecutionCancelSignal;
	if (typeof fn !== 'function') return undefined;
	try {
		return fn.call(context) ?? undefined;
	} catch {
		return undefined;
	}
}

function cancelledFailure(request: ProviderRequest): ProviderFailure {
	return {
		kind: 'network',
		message: `Could not ${request.action}: the execution was cancelled`,
		hint: 'The workflow execution was cancelled.',
		providerCode: 'ERR_CANCELED',
	};
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
		// n8n wraps network errors in a NodeApiError whose `httpCode` holds the system code.
		for (const candidate of [
			(current as { code?: unknown }).code,
			(current as { httpCode?: unknown }).httpCode,
		]) {
			if (typeof candidate === 'string' && /^E[A-Z_]+$/.test(candidate)) return candidate;
			if (candidate === 'ERR_CANCELED') return candidate;
		}
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
