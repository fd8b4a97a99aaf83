import type { IDataObject, IHttpRequestOptions, IWebhookFunctions } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { blockedAddress, blockedHostName } from '../helpers/network';
import type { TransportTarget } from './types';
import { redact } from './redact';

/**
 * Media downloads for the trigger's Download Media option (issue #10).
 *
 * - Only http(s). A URL on the provider's API (the credential's base URL, which the user chose) is
 *   fetched with the credential; any other host without it, and only when it is public: IP literals
 *   are classified directly, host names are resolved over DNS-over-HTTPS (n8n's community scanner
 *   allows no `dns`/`net` import) and every answer must be public (helpers/network.ts).
 * - Redirects are followed by hand (at most MAX_REDIRECTS), each target checked like the first URL.
 * - Size: Content-Length above the cap is refused before reading; the body is counted while it
 *   streams and the download stops at the cap.
 * - Time: one deadline for all downloads of a delivery, so the webhook answer reaches the provider
 *   before its delivery timeout (seven.io: 5 s).
 *
 * Known limit: the name is resolved twice (our check, then n8n's HTTP client), so a host whose DNS
 * answer changes in between (DNS rebinding) can still reach an internal address. README, Security.
 */

export interface DownloadedFile {
	data: Buffer;
	mimeType?: string;
	fileName?: string;
}

export interface DownloadLimits {
	/** Largest body accepted, in bytes. */
	maxBytes: number;
	/** Epoch milliseconds by which the download must be complete. */
	deadline: number;
}

export type DownloadRefusal =
	| 'scheme'
	| 'blockedAddress'
	| 'dns'
	| 'redirects'
	| 'tooLarge'
	| 'timeout'
	| 'httpStatus'
	| 'failed';

/**
 * A download that was refused or failed; `reason` is stable, `message` says what happened. It never
 * reaches n8n as a node error: the trigger turns it into `media.downloadError(Reason)` of the item.
 */
export class MediaDownloadError extends Error {
	constructor(
		readonly reason: DownloadRefusal,
		message: string,
	) {
		super(message);
		this.name = 'MediaDownloadError';
	}
}

export const MAX_REDIRECTS = 3;
/** DNS-over-HTTPS resolver (JSON API) used to check host names. */
export const DOH_URL = 'https://cloudflare-dns.com/dns-query';

interface StreamLike {
	[Symbol.asyncIterator](): AsyncIterator<unknown>;
	destroy?: (error?: Error) => void;
}

interface RawResponse {
	statusCode: number;
	headers: IDataObject;
	body: unknown;
}

function fileNameOf(url: string, disposition: unknown): string | undefined {
	const fromHeader =
		typeof disposition === 'string'
			? /filename\*?="?(?:UTF-8'')?([^";]+)"?/i.exec(disposition)?.[1]
			: undefined;
	try {
		if (fromHeader) return decodeURIComponent(fromHeader);
		const last = new URL(url).pathname.split('/').pop();
		return last ? decodeURIComponent(last) : undefined;
	} catch {
		return undefined;
	}
}

function first(value: unknown): string | undefined {
	if (Array.isArray(value)) return first(value[0]);
	return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The error to report for anything that went wrong (a refusal as it is, anything else as `failed`). */
function asDownloadError(
	error: unknown,
	secrets: string[] = [],
	patterns: RegExp[] = [],
): MediaDownloadError {
	if (error instanceof MediaDownloadError) {
		error.message = redact(error.message, secrets, patterns);
		return error;
	}
	const text = error instanceof Error ? error.message : String(error);
	return new MediaDownloadError(
		'failed',
		redact(`The media download failed: ${text}`, secrets, patterns),
	);
}

function remaining(limits: DownloadLimits): number {
	return limits.deadline - Date.now();
}

function invalidUrl(): MediaDownloadError {
	return new MediaDownloadError('scheme', 'The media URL is not a valid URL');
}

function timedOut(): MediaDownloadError {
	return new MediaDownloadError(
		'timeout',
		'The media download did not finish in time (the provider expects a quick answer)',
	);
}

/** The provider's API base URL and secrets from the credential (none when there is no credential). */
async function apiOf(
	fn: IWebhookFunctions,
	adapter: TransportTarget,
): Promise<{ base: string; secrets: string[] }> {
	try {
		const credentials = (await fn.getCredentials(adapter.credentialType)) as IDataObject;
		return { base: adapter.baseUrl(credentials), secrets: adapter.secrets(credentials) };
	} catch {
		return { base: '', secrets: [] };
	}
}

/** The addresses a host name resolves to (A and AAAA), over DNS-over-HTTPS. */
async function resolveHost(
	fn: IWebhookFunctions,
	host: string,
	limits: DownloadLimits,
): Promise<string[]> {
	const addresses: string[] = [];
	for (const type of ['A', 'AAAA']) {
		const left = remaining(limits);
		if (left <= 0) throw timedOut();
		let answer: unknown;
		try {
			answer = await fn.helpers.httpRequest({
				method: 'GET',
				url: DOH_URL,
				qs: { name: host, type },
				headers: { accept: 'application/dns-json' },
				json: true,
				timeout: left,
			});
		} catch (error) {
			throw asDownloadError(
				new MediaDownloadError(
					'dns',
					`Could not check where ${host} points (DNS-over-HTTPS lookup failed: ${(error as Error).message})`,
				),
			);
		}
		const record = typeof answer === 'string' ? (JSON.parse(answer) as unknown) : answer;
		const list = (record as { Answer?: unknown })?.Answer;
		if (!Array.isArray(list)) continue;
		for (const entry of list) {
			const data = (entry as { type?: unknown; data?: unknown }) ?? {};
			// 1 = A, 28 = AAAA (CNAME entries, type 5, are followed by the resolver).
			if ((data.type === 1 || data.type === 28) && typeof data.data === 'string')
				addresses.push(data.data);
		}
	}
	return addresses;
}

/** Refuses URLs the node must not fetch without the provider's credential. */
export async function assertPublicUrl(
	fn: IWebhookFunctions,
	url: URL,
	limits: DownloadLimits,
): Promise<void> {
	if (url.protocol !== 'http:' && url.protocol !== 'https:') {
		throw new MediaDownloadError(
			'scheme',
			`Only http(s) media URLs are downloaded, not ${url.protocol}`,
		);
	}
	const host = url.hostname;
	const literal = blockedAddress(host);
	if (literal !== null) {
		if (literal) throw refusedAddress(host, literal);
		return;
	}
	const byName = blockedHostName(host);
	if (byName) throw refusedAddress(host, byName);
	const addresses = await resolveHost(fn, host, limits);
	if (addresses.length === 0)
		throw new MediaDownloadError('dns', `${host} does not resolve to any address`);
	for (const address of addresses) {
		const why = blockedAddress(address);
		if (why) throw refusedAddress(`${host} (${address})`, why);
		if (why === null)
			throw new MediaDownloadError('dns', `${host} resolved to something that is not an address`);
	}
}

function refusedAddress(host: string, why: string): MediaDownloadError {
	return new MediaDownloadError(
		'blockedAddress',
		`The media URL points to ${host}, a ${why} address; only public hosts are downloaded from`,
	);
}

/** Reads a streamed body up to `maxBytes`, before the deadline. */
async function readBody(body: unknown, limits: DownloadLimits): Promise<Buffer> {
	if (Buffer.isBuffer(body)) return body;
	if (body instanceof ArrayBuffer) return Buffer.from(body);
	if (typeof body === 'string') return Buffer.from(body);
	if (!body || typeof (body as StreamLike)[Symbol.asyncIterator] !== 'function')
		return Buffer.alloc(0);
	const stream = body as StreamLike;
	const chunks: Buffer[] = [];
	let size = 0;
	let expired = false;
	let finished = false;
	// n8n-workflow's sleep (the scanner allows no setTimeout; sleepWithAbort is gone in n8n 2.x):
	// the timer runs out on its own, and does nothing once the body is read.
	void sleep(Math.max(remaining(limits), 0)).then(() => {
		if (finished) return;
		expired = true;
		stream.destroy?.(timedOut());
	});
	try {
		for await (const chunk of stream as AsyncIterable<unknown>) {
			const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
			size += buffer.length;
			if (size > limits.maxBytes) {
				stream.destroy?.();
				throw tooLarge(limits.maxBytes);
			}
			chunks.push(buffer);
		}
	} catch (error) {
		throw expired ? timedOut() : asDownloadError(error);
	} finally {
		finished = true;
	}
	if (expired) throw timedOut();
	return Buffer.concat(chunks);
}

function tooLarge(maxBytes: number): MediaDownloadError {
	const mb = Math.round((maxBytes / (1024 * 1024)) * 1000) / 1000;
	return new MediaDownloadError(
		'tooLarge',
		`The media is larger than ${mb} MB (Options → Max Media Size); it was not downloaded`,
	);
}

/** One GET without following redirects, bounded by the deadline. */
async function fetchOnce(
	fn: IWebhookFunctions,
	adapter: TransportTarget,
	url: string,
	withCredential: boolean,
	limits: DownloadLimits,
): Promise<RawResponse> {
	const left = remaining(limits);
	if (left <= 0) throw timedOut();
	const abort = new AbortController();
	let answered = false;
	void sleep(left).then(() => {
		if (!answered) abort.abort();
	});
	const options: IHttpRequestOptions = {
		method: 'GET',
		url,
		encoding: 'stream',
		json: false,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		disableFollowRedirect: true,
		timeout: left,
		abortSignal: abort.signal,
	};
	try {
		const response = (
			withCredential
				? await fn.helpers.httpRequestWithAuthentication.call(fn, adapter.credentialType, options)
				: await fn.helpers.httpRequest(options)
		) as RawResponse;
		return response;
	} catch (error) {
		throw abort.signal.aborted || Date.now() >= limits.deadline
			? timedOut()
			: asDownloadError(error);
	} finally {
		answered = true;
	}
}

function discard(body: unknown): void {
	(body as StreamLike | undefined)?.destroy?.();
}

/**
 * Downloads media a webhook payload points to, within `limits`. Throws MediaDownloadError with
 * the reason when it refuses or fails (the caller keeps the event and reports the reason).
 */
export async function downloadMedia(
	this: IWebhookFunctions,
	adapter: TransportTarget,
	url: string,
	limits: DownloadLimits,
): Promise<DownloadedFile> {
	const { base, secrets } = await apiOf(this, adapter);
	try {
		let current = url;
		for (let hop = 0; ; hop++) {
			let parsed: URL;
			try {
				parsed = new URL(current);
			} catch {
				throw invalidUrl();
			}
			// The provider's own API (the credential's base URL) is trusted and gets the credential.
			const onProvider = base !== '' && `${parsed.origin}${parsed.pathname}`.startsWith(`${base}/`);
			if (!onProvider) await assertPublicUrl(this, parsed, limits);
			const response = await fetchOnce(this, adapter, parsed.toString(), onProvider, limits);
			const status = response.statusCode;
			if (status >= 300 && status < 400 && first(response.headers.location)) {
				discard(response.body);
				if (hop >= MAX_REDIRECTS)
					throw new MediaDownloadError(
						'redirects',
						`The media URL redirected more than ${MAX_REDIRECTS} times`,
					);
				current = new URL(first(response.headers.location) as string, parsed).toString();
				continue;
			}
			if (status < 200 || status >= 300) {
				discard(response.body);
				throw new MediaDownloadError('httpStatus', `Could not download the media: HTTP ${status}`);
			}
			const length = Number(first(response.headers['content-length']));
			if (Number.isFinite(length) && length > limits.maxBytes) {
				discard(response.body);
				throw tooLarge(limits.maxBytes);
			}
			const data = await readBody(response.body, limits);
			const contentType = first(response.headers['content-type'])?.split(';')[0].trim();
			return {
				data,
				mimeType:
					contentType && contentType !== 'application/octet-stream' ? contentType : undefined,
				fileName: fileNameOf(current, first(response.headers['content-disposition'])),
			};
		}
	} catch (error) {
		throw asDownloadError(error, secrets, adapter.secretPatterns);
	}
}
