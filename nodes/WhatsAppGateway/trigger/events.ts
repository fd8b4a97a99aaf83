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

function store(target: IDataObject, digests: string[], limit: number): void {
	const current = keysOf(target).filter((d) => !digests.includes(d));
	const next = [...current, ...digests];
	target.seen = next.length > limit ? next.slice(next.length - limit) : next;
}

/**
 * Digests remembered by webhook() in this process and not yet known to be saved, per workflow and
 * trigger node. See `persistDeliveryMemory`.
 */
const unsaved = new Map<string, string[]>();

/**
 * Remembers delivery keys in two places: this process (a Map, for duplicates arriving at the same
 * moment) and the node's static data (saved by n8n to the database, so the memory survives
 * restarts and is shared by queue-mode webhook processors). Static data keeps the most recent
 * SEEN_LIMIT digests; `seen` is always assigned a new array, because n8n notices assignments to
 * static data, not changes inside arrays.
 */
export class DeliveryMemory {
	constructor(
		private readonly memory: IDataObject,
		private readonly stored: IDataObject,
		/** Workflow and node, for `persistDeliveryMemory`. */
		private readonly scope: string,
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
		store(this.memory, digests, limit);
		store(this.stored, digests, limit);
		const pending = [...(unsaved.get(this.scope) ?? []), ...digests];
		unsaved.set(this.scope, pending.slice(-limit));
		if (unsaved.size > 500) unsaved.delete(unsaved.keys().next().value as string);
	}
}

/**
 * Called from the trigger's execute() when n8n runs the execution a delivery started: writes the
 * digests this process remembered into the node's static data again.
 *
 * Why: n8n 2.x saves static data after a webhook call only if its change flag is still set, but
 * starting the execution builds a new Workflow over the same static data, which clears that flag
 * first (ObservableObject.create); the webhook's changes were then never saved (measured: no key
 * survived a restart on 2.41.1). An assignment during the execution sets the flag again, and n8n
 * saves static data at the end of every execution. n8n 1.x saves right after the webhook call;
 * there this is a harmless second save. In another process (a queue-mode worker) nothing is
 * pending, so nothing is written and no older copy can overwrite newer keys.
 */
export function persistDeliveryMemory(
	scope: string,
	target: IDataObject,
	limit = SEEN_LIMIT,
): number {
	const pending = unsaved.get(scope);
	if (!pending || pending.length === 0) return 0;
	unsaved.delete(scope);
	store(target, pending, limit);
	return pending.length;
}

/** The scope of a trigger node's delivery memory: workflow id and node name (its static-data key). */
export function deliveryScope(workflowId: string | undefined, nodeName: string): string {
	return `${workflowId ?? ''}\n${nodeName}`;
}
