/** Helpers every provider's webhook parser uses to build normalized events. */
import { ownValue } from './shared';
import { sha256Hex } from './signing';
import type { IncomingWebhook, NormalizedEvent, NormalizedMedia, NormalizedStatus } from './types';

/** The first non-empty string (numbers become strings) among the values. */
export function firstString(...values: unknown[]): string | null {
	for (const value of values) {
		if (typeof value === 'string' && value.trim() !== '') return value;
		if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	}
	return null;
}

/**
 * A phone number as digits with country code: `573001234567@c.us` → `573001234567`,
 * `+52 155 1234` → `521551234`. Group and broadcast ids (`…@g.us`, `status@broadcast`) stay as they are.
 */
export function normalizeAddress(value: unknown): string | null {
	const text = firstString(value);
	if (text === null) return null;
	const trimmed = text.trim();
	const jid = /^([^@]+)@(c\.us|s\.whatsapp\.net)$/i.exec(trimmed);
	if (jid) return jid[1].replace(/\D/g, '') || jid[1];
	if (trimmed.includes('@')) return trimmed;
	if (/^\+?[\d\s().-]{6,}$/.test(trimmed)) return trimmed.replace(/\D/g, '');
	return trimmed;
}

/**
 * ISO 8601 from what providers send: Unix seconds or milliseconds (number or string), ISO strings,
 * or seven's "YYYY-MM-DD hh:mm:ss[.ffffff]" (no zone given; read as UTC).
 */
export function toIsoTimestamp(value: unknown): string | null {
	if (value === undefined || value === null || value === '') return null;
	if (typeof value === 'number' || (typeof value === 'string' && /^\d{9,13}$/.test(value.trim()))) {
		const n = Number(value);
		if (!Number.isFinite(n)) return null;
		const ms = n < 1e12 ? n * 1000 : n;
		return new Date(ms).toISOString();
	}
	if (typeof value !== 'string') return null;
	const text = value.trim();
	const sql = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})(\.\d+)?$/.exec(text);
	if (sql) {
		const fraction = sql[3] ? sql[3].slice(0, 4) : '';
		const date = new Date(`${sql[1]}T${sql[2]}${fraction}Z`);
		return Number.isNaN(date.getTime()) ? null : date.toISOString();
	}
	const date = new Date(text);
	return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

export function emptyEvent(
	provider: string,
	event: string,
	raw: NormalizedEvent['raw'],
): NormalizedEvent {
	return {
		provider,
		event,
		from: null,
		to: null,
		messageId: null,
		status: null,
		text: null,
		media: null,
		timestamp: null,
		raw,
	};
}

export function media(values: Partial<NormalizedMedia>): NormalizedMedia {
	return {
		type: values.type ?? null,
		url: values.url ?? null,
		id: values.id ?? null,
		mimeType: values.mimeType ?? null,
		caption: values.caption ?? null,
		fileName: values.fileName ?? null,
	};
}

/** Maps a provider status through a table, case-insensitively; `unknown` when it is not in it. */
export function mapStatus(
	value: unknown,
	table: Record<string, NormalizedStatus>,
): NormalizedStatus | null {
	const key = firstString(value);
	if (key === null) return null;
	return ownValue(table, key.trim().toLowerCase()) ?? 'unknown';
}

/**
 * A key for what a body-signing provider signs: the SHA-256 of the raw body (of the query string,
 * without `ignore`d parameters, for GET callbacks). The same signed delivery replayed, with any
 * unsigned header changed, gives the same key.
 */
export function contentKey(
	provider: string,
	request: IncomingWebhook,
	ignore: string[] = [],
): string {
	if (request.rawBody.length > 0) return `${provider}:body:${sha256Hex(request.rawBody)}`;
	const entries = Object.entries(request.query)
		.filter(([key]) => !ignore.includes(key))
		.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
	return `${provider}:query:${sha256Hex(JSON.stringify(entries))}`;
}

export { ownValue };
