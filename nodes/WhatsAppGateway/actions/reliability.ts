import type { IExecuteFunctions } from 'n8n-workflow';

import type { ProviderAdapter, TrafficProfile } from '../providers/types';
import type { TransportOptions } from '../transport/request';
import { DEFAULT_TIMEOUT_MS } from '../transport/request';
import { AdaptiveConcurrency, DEFAULT_RETRY_POLICY, TrafficGate } from '../transport/retry';

/**
 * Automatic concurrency of providers that publish no limit (seven.io, DecisionTelecom, InnovaAPI):
 * start with 200 items in flight and grow (AIMD, transport/retry.ts) up to 1,000 while the
 * provider answers without 429/5xx. n8n's HTTP Request node sends all items at once; starting at
 * 200 keeps up with it at 200 ms of provider latency (n8n's own work per item, not the window, is
 * then the limit), and the window halves as soon as the provider objects.
 */
export const DEFAULT_TRAFFIC: TrafficProfile = { start: 200, max: 1000 };
/** Highest value of the Concurrency option. */
export const MAX_CONCURRENCY = 1000;

/** Reads a number option; anything that is not a finite number (wrong type, empty) gives the fallback. */
function numberOption(
	fn: IExecuteFunctions,
	name: string,
	itemIndex: number,
	fallback: number,
	min: number,
	max: number,
): number {
	let value: unknown;
	try {
		value = fn.getNodeParameter(`options.${name}`, itemIndex, fallback);
	} catch {
		return fallback;
	}
	const number =
		typeof value === 'number'
			? value
			: typeof value === 'string' && value.trim() !== ''
				? Number(value)
				: NaN;
	if (!Number.isFinite(number)) return fallback;
	return Math.min(max, Math.max(min, number));
}

/**
 * The Concurrency option of item 0: a number of items in flight (1–1,000), or 0 / not set for the
 * automatic concurrency of the provider.
 */
export function readConcurrency(fn: IExecuteFunctions): number {
	return Math.floor(numberOption(fn, 'concurrency', 0, 0, 0, MAX_CONCURRENCY));
}

/** One gate per node run (the context object n8n creates for this execution of the node). */
const gates = new WeakMap<object, TrafficGate>();

/**
 * The traffic control of this node run: the concurrency window (automatic from the provider's
 * traffic profile, or fixed by the Concurrency option), the provider's message spacing (automatic
 * only) and, with Respect Rate Limit, its published rate limits.
 */
export function trafficGate(fn: IExecuteFunctions, adapter: ProviderAdapter): TrafficGate {
	let gate = gates.get(fn);
	if (!gate) {
		let respect = false;
		try {
			respect = fn.getNodeParameter('options.respectRateLimit', 0, false) === true;
		} catch {
			respect = false;
		}
		const fixed = readConcurrency(fn);
		const profile = adapter.traffic ?? DEFAULT_TRAFFIC;
		const window =
			fixed > 0
				? new AdaptiveConcurrency(fixed, fixed, 1, true)
				: new AdaptiveConcurrency(
						profile.start,
						profile.max,
						1,
						profile.messageSpacingMs !== undefined,
					);
		gate = new TrafficGate(
			respect ? (adapter.rateLimits ?? []) : [],
			Date.now,
			window,
			fixed > 0 ? 0 : (profile.messageSpacingMs ?? 0),
		);
		gates.set(fn, gate);
	}
	return gate;
}

/** Settings of a run whose options hold no expression: the same for every item, read once. */
const fixedSettings = new WeakMap<object, TransportOptions>();

function optionsHaveExpressions(fn: IExecuteFunctions): boolean {
	const options = fn.getNode().parameters?.options;
	if (typeof options === 'string') return true;
	if (!options || typeof options !== 'object') return false;
	return Object.values(options).some((value) => typeof value === 'string' && value.startsWith('='));
}

/** Transport settings of one item: timeout, retry policy and the run's traffic gate. */
export function readReliability(
	fn: IExecuteFunctions,
	adapter: ProviderAdapter,
	itemIndex: number,
): TransportOptions {
	const cached = fixedSettings.get(fn);
	if (cached) return cached;
	const settings = readItemReliability(fn, adapter, itemIndex);
	if (!optionsHaveExpressions(fn)) fixedSettings.set(fn, settings);
	return settings;
}

function readItemReliability(
	fn: IExecuteFunctions,
	adapter: ProviderAdapter,
	itemIndex: number,
): TransportOptions {
	const timeoutSeconds = numberOption(fn, 'timeout', itemIndex, DEFAULT_TIMEOUT_MS / 1000, 1, 600);
	return {
		timeoutMs: Math.round(timeoutSeconds * 1000),
		retry: {
			maxRetries: Math.floor(
				numberOption(fn, 'maxRetries', itemIndex, DEFAULT_RETRY_POLICY.maxRetries, 0, 10),
			),
			maxWaitMs: Math.round(
				numberOption(
					fn,
					'maxRetryWait',
					itemIndex,
					DEFAULT_RETRY_POLICY.maxWaitMs / 1000,
					0,
					3600,
				) * 1000,
			),
			baseDelayMs: DEFAULT_RETRY_POLICY.baseDelayMs,
		},
		gate: trafficGate(fn, adapter),
	};
}

/** How `forEachInLanes` schedules items. */
export interface ItemSchedule {
	/** Items that may run at once; read before every start, so a window that changes is followed. */
	limit: () => number;
	/**
	 * The lane of an item (e.g. its recipient). Items of one lane run one at a time, in index
	 * order; undefined = the item has no lane and only waits for the window.
	 */
	laneOf?: (index: number) => string | undefined;
}

/**
 * Runs `task` for indexes 0..count-1 with at most `limit()` running at once, starting them in index
 * order, except that an item whose lane has an item in flight waits for it (and for every earlier
 * item of that lane) while later items of other lanes go ahead. When `task` reports `stop`, no
 * further index is started (running ones finish). Results are the caller's to store by index.
 */
export async function forEachInLanes(
	count: number,
	schedule: ItemSchedule,
	task: (index: number) => Promise<'continue' | 'stop'>,
): Promise<void> {
	await new Promise<void>((resolve, reject) => {
		let next = 0;
		let running = 0;
		let stopped = false;
		let failed = false;
		/** Items whose lane was handed over to them, ascending: they start before any new index. */
		const released: number[] = [];
		/** Lane → items waiting behind the lane's item in flight, in index order. */
		const waiting = new Map<string, number[]>();
		const busy = new Set<string>();
		const laneOfItem = new Map<number, string>();

		const finish = (index: number, result: 'continue' | 'stop') => {
			running--;
			if (result === 'stop') stopped = true;
			const lane = laneOfItem.get(index);
			if (lane !== undefined) {
				laneOfItem.delete(index);
				const queue = waiting.get(lane);
				const following = queue?.shift();
				if (following === undefined) {
					busy.delete(lane);
				} else {
					// The lane passes straight to its next item, so no later item can overtake it.
					if (queue!.length === 0) waiting.delete(lane);
					laneOfItem.set(following, lane);
					let at = released.length;
					while (at > 0 && released[at - 1] > following) at--;
					released.splice(at, 0, following);
				}
			}
			pump();
		};

		const pump = () => {
			if (failed) return;
			while (!stopped && running < Math.max(1, schedule.limit())) {
				let index: number;
				if (released.length > 0) {
					index = released.shift()!;
				} else if (next < count) {
					index = next++;
					const lane = schedule.laneOf?.(index);
					if (lane !== undefined) {
						if (busy.has(lane)) {
							const queue = waiting.get(lane);
							if (queue) queue.push(index);
							else waiting.set(lane, [index]);
							continue;
						}
						busy.add(lane);
						laneOfItem.set(index, lane);
					}
				} else {
					break;
				}
				running++;
				task(index).then(
					(result) => finish(index, result),
					(error: unknown) => {
						failed = true;
						reject(error);
					},
				);
			}
			if (running === 0 && (stopped || (next >= count && released.length === 0))) resolve();
		};
		pump();
	});
}

/**
 * Replaces lone UTF-16 surrogates in a parameter string with U+FFFD. They cannot be sent in any
 * request (encodeURIComponent throws "URI malformed"; JSON bodies would carry them as U+FFFD anyway).
 */
export function wellFormed<T>(value: T): T {
	if (typeof value !== 'string') return value;
	return value.replace(
		/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
		'\uFFFD',
	) as T;
}
