import type { IExecuteFunctions } from 'n8n-workflow';

import type { ProviderAdapter } from '../providers/types';
import type { TransportOptions } from '../transport/request';
import { DEFAULT_TIMEOUT_MS } from '../transport/request';
import { DEFAULT_RETRY_POLICY, TrafficGate } from '../transport/retry';

/** Items processed at the same time when the Concurrency option is not set. */
export const DEFAULT_CONCURRENCY = 5;
export const MAX_CONCURRENCY = 50;

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

/** How many items run at the same time (Concurrency option of item 0), bounded to 1–50. */
export function readConcurrency(fn: IExecuteFunctions): number {
	return Math.floor(numberOption(fn, 'concurrency', 0, DEFAULT_CONCURRENCY, 1, MAX_CONCURRENCY));
}

/** One gate per node run (the context object n8n creates for this execution of the node). */
const gates = new WeakMap<object, TrafficGate>();

function gateFor(fn: IExecuteFunctions, adapter: ProviderAdapter): TrafficGate {
	let gate = gates.get(fn);
	if (!gate) {
		let respect = false;
		try {
			respect = fn.getNodeParameter('options.respectRateLimit', 0, false) === true;
		} catch {
			respect = false;
		}
		gate = new TrafficGate(respect ? (adapter.rateLimits ?? []) : []);
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
		gate: gateFor(fn, adapter),
	};
}

/**
 * Runs `task` for indexes 0..count-1 with at most `concurrency` running at once, starting them in
 * index order. Results are stored by index, so the caller sees input order whatever the completion
 * order. When `task` reports `stop`, no further index is started (running ones finish).
 */
export async function forEachBounded(
	count: number,
	concurrency: number,
	task: (index: number) => Promise<'continue' | 'stop'>,
): Promise<void> {
	let next = 0;
	let stopped = false;
	const worker = async () => {
		while (!stopped && next < count) {
			const index = next++;
			if ((await task(index)) === 'stop') stopped = true;
		}
	};
	await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, count)) }, worker));
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
