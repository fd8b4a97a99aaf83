import type { IDataObject } from 'n8n-workflow';

import type { NormalizedEvent, NormalizedMedia, NormalizedStatus } from './types';

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

/** Broad groups of normalized events, for the trigger's "Event Types" option. */
export type EventGroup = 'message.received' | 'message.status' | 'session' | 'other';

export function eventGroup(event: string): EventGroup {
	if (event === 'message.received') return 'message.received';
	if (event === 'message.status') return 'message.status';
	if (event.startsWith('session.')) return 'session';
	return 'other';
}

export interface EventFilter {
	/** Groups to emit; empty or absent = all. */
	eventTypes?: string[];
	/** Drop status-only updates (message.status). */
	ignoreStatusUpdates?: boolean;
	/** Emit status updates only with these normalized statuses; empty or absent = all. */
	statuses?: string[];
}

/** Keeps the events the trigger's options ask for. */
export function filterEvents(events: NormalizedEvent[], filter: EventFilter): NormalizedEvent[] {
	return events.filter((event) => {
		const group = eventGroup(event.event);
		if (filter.eventTypes && filter.eventTypes.length > 0 && !filter.eventTypes.includes(group))
			return false;
		if (group === 'message.status') {
			if (filter.ignoreStatusUpdates) return false;
			if (
				filter.statuses &&
				filter.statuses.length > 0 &&
				!filter.statuses.includes(String(event.status))
			)
				return false;
		}
		return true;
	});
}

/** Maps a provider status through a table, case-insensitively; `unknown` when it is not in it. */
export function mapStatus(
	value: unknown,
	table: Record<string, NormalizedStatus>,
): NormalizedStatus | null {
	const key = firstString(value);
	if (key === null) return null;
	return table[key.trim().toLowerCase()] ?? 'unknown';
}

/** How many delivery keys a trigger remembers to drop duplicates and replays. */
export const SEEN_LIMIT = 1000;

/**
 * Remembers delivery keys in the node's static data (saved by n8n after each webhook call), most
 * recent last, bounded. Returns true when the key was seen before.
 */
export function seenBefore(store: IDataObject, key: string, limit = SEEN_LIMIT): boolean {
	const seen = Array.isArray(store.seen)
		? (store.seen as unknown[]).filter((k): k is string => typeof k === 'string')
		: [];
	if (seen.includes(key)) return true;
	seen.push(key);
	store.seen = seen.length > limit ? seen.slice(seen.length - limit) : seen;
	return false;
}
