import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

import type { TransportTarget } from './types';
import { redact } from './redact';
import { providerRequest } from './request';

export interface DownloadedFile {
	data: Buffer;
	mimeType?: string;
	fileName?: string;
}

const DOWNLOAD_TIMEOUT_MS = 60_000;

function fileNameOf(url: string, disposition: unknown): string | undefined {
	const fromHeader =
		typeof disposition === 'string'
			? /filename\*?="?(?:UTF-8'')?([^";]+)"?/i.exec(disposition)?.[1]
			: undefined;
	if (fromHeader) return decodeURIComponent(fromHeader);
	try {
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

/** The provider's API base URL and secrets from the credential (none when there is no credential). */
async function apiOf(
	this: IWebhookFunctions,
	adapter: TransportTarget,
): Promise<{ base: string; secrets: string[] }> {
	try {
		const credentials = (await this.getCredentials(adapter.credentialType)) as IDataObject;
		return { base: adapter.baseUrl(credentials), secrets: adapter.secrets(credentials) };
	} catch {
		return { base: '', secrets: [] };
	}
}

/** A download from a host that is not the provider's API: no credential is sent. */
async function publicDownload(
	this: IWebhookFunctions,
	url: string,
	secrets: string[],
): Promise<{ body: unknown; headers: IDataObject }> {
	const response = (await this.helpers.httpRequest({
		method: 'GET',
		url,
		encoding: 'arraybuffer',
		json: false,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		timeout: DOWNLOAD_TIMEOUT_MS,
	})) as { statusCode: number; headers: IDataObject; body: unknown };
	if (response.statusCode < 200 || response.statusCode >= 300) {
		throw new Error(redact(`Could not download the media: HTTP ${response.statusCode}`, secrets));
	}
	return { body: response.body, headers: response.headers };
}

/**
 * Downloads media a webhook payload points to. A URL on the provider's own API host goes through
 * the shared transport (with the credential); any other host gets a plain request, so the API
 * key never leaves for a host it does not belong to.
 */
export async function downloadMedia(
	this: IWebhookFunctions,
	adapter: TransportTarget,
	url: string,
): Promise<DownloadedFile> {
	if (!/^https?:\/\//i.test(url)) throw new Error('The media URL is not an http(s) URL');
	const { base, secrets } = await apiOf.call(this, adapter);
	let body: unknown;
	let headers: IDataObject;
	if (base && url.startsWith(`${base}/`)) {
		const response = await providerRequest.call(this, adapter, {
			method: 'GET',
			path: url.slice(base.length),
			responseType: 'binary',
			action: 'download the media',
		});
		body = response.body;
		headers = response.headers as IDataObject;
	} else {
		({ body, headers } = await publicDownload.call(this, url, secrets));
	}
	const data = Buffer.isBuffer(body)
		? body
		: body instanceof ArrayBuffer
			? Buffer.from(body)
			: Buffer.from(String(body ?? ''));
	const contentType = first(headers['content-type'])?.split(';')[0].trim();
	return {
		data,
		mimeType: contentType && contentType !== 'application/octet-stream' ? contentType : undefined,
		fileName: fileNameOf(url, first(headers['content-disposition'])),
	};
}
