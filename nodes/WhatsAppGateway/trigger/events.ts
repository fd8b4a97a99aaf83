import type { IDataObject } from 'n8n-workflow';

import { sha256Hex } from '../providers/signing';
import type { NormalizedEvent } from '../providers/types';

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

/** How many delivery keys a trigger remembers (in static data) to drop duplicates and replays. */
export const SEEN_LIMIT = 2000;

/**
 * The identity of an event, independent of how it was delivered: provider, normalized event,
 * message id and status. The same status of the same message delivered twice (a provider retry, a
 * re-signed copy, a replay with new unsigned headers) has the same identity. Events without a
 * message id (session events) have none; their delivery keys (body digest) still apply.
 */
export function eventIdentity(event: NormalizedEvent): string | undefined {
	if (!event.messageId) return undefined;
	return `${event.provider}:${event.event}:${event.messageId}:${event.status ?? ''}`;
}

/** A short digest of a key (64 bits): 2000 of them take ~40 kB of static data. */
function digest(key: string): string {
	return sha256Hex(key).slice(0, 16);
}

function keysOf(store: IDataObject): string[] {
	return Array.isArray(store.seen)
		? (store.seen as unknown[]).filter((k): k is string => typeof k === 'string')
		: [];
}

/**
 * Remembers delivery keys in two places: this process (a Map, for duplicates arriving at the same
 * moment) and the node's static data (saved by n8n to the database after the webhook call, so the
 * memory survives restarts and is shared by queue-mode webhook processors). Static data keeps the
 * most recent SEEN_LIMIT digests; `seen` is always assigned a new array, because n8n notices
 * assignments to static data, not changes inside arrays.
 */
export class DeliveryMemory {
	constructor(
		private readonly memory: IDataObject,
		private readonly stored: IDataObject,
	) {}

	seenAny(keys: string[]): boolean {
		if (keys.length === 0) return false;
		const digests = keys.map(digest);
		const known = new Set([...keysOf(this.memory), ...keysOf(this.stored)]);
		return digests.some((d) => known.has(d));
	}

	remember(keys: string[], limit = SEEN_LIMIT): void {
		if (keys.length === 0) return;
		const digests = [...new Set(keys.map(digest))];
		for (const store of [this.memory, this.stored]) {
			const current = keysOf(store).filter((d) => !digests.includes(d));
			const next = [...current, ...digests];
			store.seen = next.length > limit ? next.slice(next.length - limit) : next;
		}
	}
}
