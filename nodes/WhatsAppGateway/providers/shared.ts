import type { IDataObject } from 'n8n-workflow';

import type { FailureKind, ProviderFailure, ProviderResponse } from './types';

/** The kind of failure an HTTP status means when the provider says nothing more specific. */
export function kindForStatus(status: number): FailureKind {
	if (status === 401) return 'auth';
	if (status === 403) return 'permission';
	if (status === 404) return 'notFound';
	if (status === 408) return 'timeout';
	if (status === 429) return 'rateLimit';
	if (status === 402) return 'balance';
	if (status >= 500) return 'server';
	if (status >= 400) return 'validation';
	return 'unexpected';
}

const STATUS_MESSAGES: Record<FailureKind, string> = {
	auth: 'The API key was rejected',
	permission: 'The API key is not allowed to do this',
	validation: 'The request was rejected as invalid',
	notFound: 'Not found',
	rateLimit: 'Too many requests',
	quota: 'Message quota reached',
	window24h: 'The 24-hour conversation window is closed',
	notConnected: 'WhatsApp is not connected',
	balance: 'The account balance is empty',
	server: 'The provider had an internal error',
	network: 'The provider could not be reached',
	timeout: 'The provider did not answer in time',
	unexpected: 'Unexpected answer',
};

export function defaultMessage(kind: FailureKind): string {
	return STATUS_MESSAGES[kind];
}

/** A failure built from the HTTP status alone, with the provider's own text if it sent one. */
export function statusFailure(
	response: ProviderResponse,
	providerMessage?: string,
): ProviderFailure {
	const kind = kindForStatus(response.statusCode);
	return {
		kind,
		message: `${defaultMessage(kind)} (HTTP ${response.statusCode})`,
		hint: '',
		httpStatus: response.statusCode,
		providerMessage: providerMessage ?? textOf(response.body),
	};
}

export function isObject(value: unknown): value is IDataObject {
	return (
		typeof value === 'object' && value !== null && !Array.isArray(value) && !Buffer.isBuffer(value)
	);
}

/** The first string (or number) found under the given keys. */
export function pick(body: unknown, ...keys: string[]): string | undefined {
	if (!isObject(body)) return undefined;
	for (const key of keys) {
		const value = body[key];
		if (typeof value === 'string' && value !== '') return value;
		if (typeof value === 'number') return String(value);
	}
	return undefined;
}

/** A short text view of a response body for error details (HTML pages are summarized). */
export function textOf(body: unknown): string | undefined {
	if (body === undefined || body === null || body === '') return undefined;
	if (Buffer.isBuffer(body)) return undefined;
	if (typeof body === 'string') {
		if (/^\s*</.test(body)) {
			const title = /<title>([^<]{0,120})<\/title>/i.exec(body)?.[1];
			return `an HTML page${title ? ` ("${title.trim()}")` : ''} instead of JSON`;
		}
		return body.length > 300 ? `${body.slice(0, 300)}…` : body;
	}
	const text = pick(body, 'message', 'error_message', 'error', 'error_text');
	if (text) return text;
	const json = JSON.stringify(body);
	return json.length > 300 ? `${json.slice(0, 300)}…` : json;
}

/** Success bodies must be JSON objects; anything else (HTML, plain text) is a failure. */
export function notJsonFailure(response: ProviderResponse): ProviderFailure | undefined {
	if (isObject(response.body) || Array.isArray(response.body)) return undefined;
	return {
		kind: 'unexpected',
		message: `Unexpected answer (HTTP ${response.statusCode}): expected JSON`,
		hint: '',
		httpStatus: response.statusCode,
		providerMessage: textOf(response.body),
	};
}

export const isSuccessStatus = (status: number) => status >= 200 && status < 300;

/** A base URL from a credential, without trailing slashes (a linear scan: no regex backtracking). */
export function trimSlash(value: unknown): string {
	const text = String(value ?? '').trim();
	let end = text.length;
	while (end > 0 && text.charCodeAt(end - 1) === 47) end--;
	return text.slice(0, end);
}

/** `table[key]` only when it is the table's own property (`constructor`, `__proto__` are not). */
export function ownValue<T>(table: Record<string, T>, key: string): T | undefined {
	return Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;
}
