import { sleep } from 'n8n-workflow';

import type { ProviderFailure, ProviderRequest, RateLimitRule } from './types';

/**
 * Retry and rate-limit policy of the transport (README "Retries and rate limits").
 *
 * The rule that matters most: a request that sends a message is repeated only when the provider
 * certainly did not process it, so no message is ever sent twice:
 * - the provider said so: HTTP 429 or a documented rate-limit answer (kind `rateLimit`), or
 * - the connection never opened (connection refused, host unreachable, temporary DNS failure).
 * Timeouts, connection resets and 5xx answers on sends are reported, never retried: the message
 * may have reached the provider. Requests that change nothing (GET, or `idempotent: true`) are
 * also retried on those. A daily quota (kind `quota`, e.g. InnovaAPI's 429) is never waited for.
 */
export interface RetryPolicy {
	/** Retries after the first attempt (0 = never retry). */
	maxRetries: number;
	/** Longest single wait. A Retry-After above it fails the item at once instead of waiting. */
	maxWaitMs: number;
	/** First backoff step when the provider gives no Retry-After; doubles per retry. */
	baseDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
	maxRetries: 5,
	maxWaitMs: 60_000,
	baseDelayMs: 1_000,
};

/** Network error codes that prove the request never reached the provider. */
const NEVER_CONNECTED = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);
/** Failures where the request may have been received and processed. */
const MAYBE_RECEIVED_CODES = new Set([
	'ECONNRESET',
	'EPIPE',
	'ECONNABORTED',
	'ETIMEDOUT',
	'ESOCKETTIMEDOUT',
]);
const TRANSIENT_STATUSES = new Set([408, 500, 502, 503, 504]);
const SAFE_METHODS = new Set(['GET', 'HEAD', 'PUT', 'DELETE']);

export type RetryDecision =
	{ retry: true; waitMs: number; reason: string } | { retry: false; note?: string };

/**
 * Decides whether a failed attempt is repeated and after how long.
 * `attempt` is 0 for the first try. `waitHintMs` is what the provider asked for (Retry-After).
 */
export function decideRetry(
	failure: ProviderFailure,
	request: ProviderRequest,
	attempt: number,
	policy: RetryPolicy,
	waitHintMs: number | undefined,
	random: () => number = Math.random,
): RetryDecision {
	const code = failure.providerCode;
	const networkCode =
		failure.httpStatus === undefined && (failure.kind === 'network' || failure.kind === 'timeout');
	const notProcessed =
		(failure.kind === 'rateLimit' && failure.retryable !== false) ||
		failure.retryable === true ||
		(networkCode && code !== undefined && NEVER_CONNECTED.has(code));
	const idempotent =
		!request.sendsMessage && (request.idempotent === true || SAFE_METHODS.has(request.method));
	const transient =
		(networkCode && (code === undefined || MAYBE_RECEIVED_CODES.has(code))) ||
		(failure.httpStatus !== undefined &&
			TRANSIENT_STATUSES.has(failure.httpStatus) &&
			['server', 'timeout', 'unexpected'].includes(failure.kind));

	// A streamed body is consumed by the first attempt and cannot be sent again; a Buffer (Whaapy's
	// multipart upload builds one) can, so it is retried like any other request.
	if (request.encoding === 'multipart' && !Buffer.isBuffer(request.body)) return { retry: false };
	if (!notProcessed && !(transient && idempotent)) {
		if (transient && request.sendsMessage) {
			return {
				retry: false,
				note: 'It was not retried automatically, because the message may already have reached the provider.',
			};
		}
		return { retry: false };
	}
	// A provider that did not answer in time is probably still stuck: one more try at most, so a
	// hung provider costs at most two timeouts.
	const timedOut =
		failure.kind === 'timeout' ||
		(code !== undefined && ['ETIMEDOUT', 'ESOCKETTIMEDOUT', 'ECONNABORTED'].includes(code));
	if (attempt >= policy.maxRetries || (timedOut && attempt >= 1)) {
		if (timedOut && attempt >= 1)
			return { retry: false, note: `Gave up after ${attempt + 1} attempts.` };
		return policy.maxRetries > 0
			? {
					retry: false,
					note: `Gave up after ${policy.maxRetries + 1} attempts (Max Retries option).`,
				}
			: { retry: false };
	}
	if (waitHintMs !== undefined) {
		if (waitHintMs > policy.maxWaitMs) {
			return {
				retry: false,
				note: `The provider asked to wait ${formatSeconds(waitHintMs)} before the next request, longer than the Max Retry Wait option (${formatSeconds(policy.maxWaitMs)}), so the item was not retried.`,
			};
		}
		return { retry: true, waitMs: waitHintMs, reason: 'Retry-After' };
	}
	return { retry: true, waitMs: backoffMs(attempt, policy, random), reason: 'backoff' };
}

/** Exponential backoff with "equal jitter", capped at the policy's maximum wait. */
export function backoffMs(
	attempt: number,
	policy: RetryPolicy,
	random: () => number = Math.random,
): number {
	const exponential = Math.min(policy.maxWaitMs, policy.baseDelayMs * 2 ** Math.min(attempt, 20));
	return Math.round(exponential / 2 + (exponential / 2) * random());
}

type Headers = Record<string, string | string[] | undefined> | undefined;

function header(headers: Headers, name: string): string | undefined {
	if (!headers) return undefined;
	for (const [key, value] of Object.entries(headers)) {
		if (key.toLowerCase() !== name) continue;
		const first = Array.isArray(value) ? value[0] : value;
		return first === undefined || first === null ? undefined : String(first).trim();
	}
	return undefined;
}

/**
 * How long the provider asks us to wait, in ms: `Retry-After` as delay-seconds or HTTP date
 * (RFC 9110 §10.2.3), else `RateLimit-Reset` / `X-RateLimit-Reset` (seconds, or a Unix time),
 * as sent by express-rate-limit (the Engine). Undefined when there is no usable header.
 */
export function retryAfterMs(headers: Headers, now: number = Date.now()): number | undefined {
	const retryAfter = header(headers, 'retry-after');
	if (retryAfter !== undefined && retryAfter !== '') {
		if (/^\d+(\.\d+)?$/.test(retryAfter)) return Math.ceil(Number(retryAfter) * 1000);
		// An HTTP date ("Wed, 21 Oct 2015 07:28:00 GMT") always names a day or month.
		const date = /[a-z]{3}/i.test(retryAfter) ? Date.parse(retryAfter) : NaN;
		if (!Number.isNaN(date)) return Math.max(0, date - now);
	}
	for (const name of ['ratelimit-reset', 'x-ratelimit-reset']) {
		const value = header(headers, name);
		if (value === undefined || !/^\d+(\.\d+)?$/.test(value)) continue;
		const seconds = Number(value);
		// Values this large are Unix timestamps (seconds), not a number of seconds to wait.
		if (seconds > 1_000_000_000) return Math.max(0, seconds * 1000 - now);
		return Math.ceil(seconds * 1000);
	}
	return undefined;
}

function formatSeconds(ms: number): string {
	return `${Number((ms / 1000).toFixed(1))} s`;
}

/** Something that can cancel waits: n8n's execution cancel signal. */
export interface CancelSource {
	aborted: boolean;
}

/** Sleeps in slices so a cancelled execution stops waiting within a second. */
export async function wait(ms: number, cancel?: CancelSource): Promise<void> {
	let left = Math.max(0, Math.round(ms));
	while (left > 0) {
		if (cancel?.aborted) throw new Error('The execution was cancelled');
		const slice = Math.min(left, 1_000);
		await sleep(slice);
		left -= slice;
	}
}

/**
 * Whether a failed attempt says the provider is overloaded or refusing traffic: a rate limit (429,
 * documented rate-limit codes), a 5xx, a timeout or a connection failure. A daily quota, a
 * validation error or a cancelled execution say nothing about load.
 */
export function signalsOverload(failure: ProviderFailure | undefined): boolean {
	if (!failure) return false;
	if (failure.providerCode === 'ERR_CANCELED') return false;
	return (
		failure.kind === 'rateLimit' ||
		failure.kind === 'server' ||
		failure.kind === 'timeout' ||
		failure.kind === 'network' ||
		(failure.httpStatus !== undefined && failure.httpStatus >= 500)
	);
}

/**
 * Whether a failed attempt certainly produced no message: the provider refused it (4xx, rate
 * limit, quota) or the connection never opened. Anything else (success, 5xx, timeout, reset, an
 * unreadable answer) may have sent one.
 */
function certainlyNotSent(failure: ProviderFailure | undefined): boolean {
	if (!failure) return false;
	const code = failure.providerCode;
	return (
		failure.kind === 'rateLimit' ||
		failure.kind === 'quota' ||
		(failure.httpStatus !== undefined && failure.httpStatus >= 400 && failure.httpStatus < 500) ||
		(failure.httpStatus === undefined &&
			code !== undefined &&
			(NEVER_CONNECTED.has(code) || code === 'ERR_CANCELED'))
	);
}

/**
 * How many items of a run may be in flight at once when the Concurrency option is automatic:
 * additive increase, multiplicative decrease (AIMD, as TCP congestion control).
 *
 * - It starts at `start` and, while the provider answers without overload and its latency stays
 *   flat, grows by one per answer (doubling per round trip, "slow start") up to `max`.
 * - An overloaded answer (429, 5xx, timeout, connection failure) halves it (never below `min`),
 *   at most once per round trip: answers to requests sent before the last cut do not cut again.
 * - A slow answer (more than 4× the fastest answer so far + 1 s) neither grows nor cuts it.
 *   The slack is wide on purpose: an attempt's time includes n8n's own work on a busy event loop,
 *   which grows with the number of items in flight even when the provider's latency is flat.
 * - After the first cut or slow answer it grows by one per round trip only.
 *
 * `fixed` windows (Concurrency option set by the user, or a provider paced one at a time) never
 * change.
 */
export class AdaptiveConcurrency {
	private value: number;
	private fastestMs = Infinity;
	private slowStart = true;
	private lastCutAt = -Infinity;

	constructor(
		readonly start: number,
		readonly max: number,
		readonly min = 1,
		readonly fixed = false,
	) {
		this.value = Math.min(max, Math.max(min, start));
	}

	/** Items that may be in flight now. */
	get limit(): number {
		return Math.floor(this.value);
	}

	/** Feedback of one finished attempt (times in ms since epoch). */
	observe(startedAt: number, endedAt: number, overloaded: boolean): void {
		if (this.fixed) return;
		if (overloaded) {
			this.slowStart = false;
			if (startedAt < this.lastCutAt) return;
			this.value = Math.max(this.min, this.value / 2);
			this.lastCutAt = endedAt;
			return;
		}
		const ms = Math.max(0, endedAt - startedAt);
		this.fastestMs = Math.min(this.fastestMs, ms);
		if (ms > this.fastestMs * 4 + 1000) {
			this.slowStart = false;
			return;
		}
		this.value = Math.min(this.max, this.value + (this.slowStart ? 1 : 1 / this.value));
	}
}

/**
 * Per-run traffic control shared by all items of one node execution:
 * - a pause every request honours after the provider asked to wait (so concurrent items do not
 *   keep hitting a rate limit),
 * - up-front pacing to the provider's published limits (Respect Rate Limit option) and to its
 *   documented message spacing (the Engine's bulk pacing), and
 * - the run's concurrency window, fed with the outcome of every attempt (`settle`).
 * Slots are reserved synchronously, so concurrent callers never share one.
 */
export class TrafficGate {
	private pausedUntil = 0;
	/**
	 * Per rule, the moments the provider may have counted the last requests: the reserved start
	 * while a request is in flight, its answer once it has one (the provider counted it at the
	 * latest then). A request that waited in n8n's event loop after its slot would otherwise open
	 * the next window early and meet a 429 (bench: 42 of 342 requests before this).
	 */
	private readonly starts = new Map<RateLimitRule, Slot[]>();
	private readonly inFlight = new WeakMap<object, Slot>();
	/** When the last message send started or ended, whichever is later (for `messageSpacingMs`). */
	private lastMessageAt = -Infinity;

	constructor(
		private readonly rules: RateLimitRule[] = [],
		private readonly now: () => number = Date.now,
		readonly concurrency: AdaptiveConcurrency = new AdaptiveConcurrency(1, 1, 1, true),
		/** Least pause between the end of one message send and the start of the next. */
		private readonly messageSpacingMs = 0,
	) {}

	/** Reports how one attempt went, started at `startedAt` (ms since epoch); no failure = success. */
	settle(
		request: Pick<ProviderRequest, 'sendsMessage'>,
		startedAt: number,
		failure?: ProviderFailure,
	): void {
		const now = this.now();
		const slot = this.inFlight.get(request);
		if (slot) {
			slot.at = Math.max(slot.at, now);
			this.inFlight.delete(request);
		}
		if (request.sendsMessage && !certainlyNotSent(failure))
			this.lastMessageAt = Math.max(this.lastMessageAt, now);
		this.concurrency.observe(startedAt, now, signalsOverload(failure));
	}

	/** Asks every later request to wait until `until` (ms since epoch). */
	pause(until: number): void {
		this.pausedUntil = Math.max(this.pausedUntil, until);
	}

	/** Reserves the next slot for a request and returns how long to wait for it (ms). */
	reserve(request: Pick<ProviderRequest, 'sendsMessage'>): number {
		const now = this.now();
		let at = Math.max(now, this.pausedUntil);
		// Spacing counts from the end of the last send that may have produced a message. It is used
		// with one item in flight at a time (reliability.ts), so sends never overlap.
		if (request.sendsMessage && this.messageSpacingMs > 0)
			at = Math.max(at, this.lastMessageAt + this.messageSpacingMs);
		const applicable = this.rules.filter(
			(rule) => rule.counts === 'requests' || request.sendsMessage === true,
		);
		const after: Slot['after'] = [];
		for (const rule of applicable) {
			const starts = this.starts.get(rule) ?? [];
			starts.sort((a, b) => a.at - b.at);
			if (starts.length >= rule.limit) {
				const oldest = starts[starts.length - rule.limit];
				after.push({ slot: oldest, windowMs: rule.windowMs });
				at = Math.max(at, oldest.at + rule.windowMs);
			}
		}
		if (applicable.length > 0) {
			const slot: Slot = { at, after };
			this.inFlight.set(request, slot);
			for (const rule of applicable) {
				const starts = this.starts.get(rule) ?? [];
				starts.push(slot);
				starts.sort((a, b) => a.at - b.at);
				if (starts.length > rule.limit) starts.splice(0, starts.length - rule.limit);
				this.starts.set(rule, starts);
			}
		}
		return at - now;
	}

	/**
	 * After waiting for its slot: how much longer the request must wait because a request its slot
	 * was counted from got its answer later than planned (0 = go). Each wait is the shift only, so
	 * this ends as soon as those requests have their answers.
	 */
	recheck(request: object): number {
		const slot = this.inFlight.get(request);
		if (!slot) return 0;
		const required = Math.max(slot.at, ...slot.after.map((a) => a.slot.at + a.windowMs));
		const extra = required - slot.at;
		slot.at = required;
		return extra;
	}
}

/** A request's place in the rate-limit windows, and the slots it was counted from. */
interface Slot {
	at: number;
	after: Array<{ slot: Slot; windowMs: number }>;
}
