/** The retry policy itself (transport/retry.ts): which failures are repeated, and how long to wait. */
import type { ProviderFailure, ProviderRequest } from '../../../nodes/WhatsAppGateway/providers/types';
import { backoffMs, decideRetry, DEFAULT_RETRY_POLICY, retryAfterMs, TrafficGate } from '../../../nodes/WhatsAppGateway/transport/retry';

const send: ProviderRequest = { method: 'POST', path: '/send', action: 'send the message', sendsMessage: true };
const get: ProviderRequest = { method: 'GET', path: '/status', action: 'get the status' };
const register: ProviderRequest = { method: 'POST', path: '/hooks', action: 'register the webhook' };
const check: ProviderRequest = { method: 'POST', path: '/check', action: 'check the numbers', idempotent: true };
const upload: ProviderRequest = { method: 'POST', path: '/media', action: 'upload the file', encoding: 'multipart' };
const policy = DEFAULT_RETRY_POLICY;
const half = () => 0.5;

const failure = (kind: ProviderFailure['kind'], extra: Partial<ProviderFailure> = {}): ProviderFailure => ({ kind, message: 'x', hint: '', ...extra });

describe('retryAfterMs', () => {
	const now = Date.parse('2026-01-01T00:00:00Z');
	test.each([
		[{ 'Retry-After': '2' }, 2000],
		[{ 'retry-after': '0' }, 0],
		[{ 'retry-after': '1.5' }, 1500],
		[{ 'retry-after': ['7'] }, 7000],
		[{ 'retry-after': 'Thu, 01 Jan 2026 00:00:30 GMT' }, 30_000],
		[{ 'retry-after': 'Wed, 31 Dec 2025 23:59:00 GMT' }, 0],
		[{ 'RateLimit-Reset': '840' }, 840_000],
		[{ 'x-ratelimit-reset': String(now / 1000 + 12) }, 12_000],
	])('%j → %d ms', (headers, expected) => {
		expect(retryAfterMs(headers, now)).toBe(expected);
	});
	test.each([[{}], [undefined], [{ 'retry-after': 'soon' }], [{ 'retry-after': '-3' }], [{ 'retry-after': '' }]])('%j → undefined', (headers) => {
		expect(retryAfterMs(headers, now)).toBeUndefined();
	});
});

describe('decideRetry', () => {
	test('rate limits are retried for every request, honouring the wait the provider asked for', () => {
		expect(decideRetry(failure('rateLimit', { httpStatus: 429 }), send, 0, policy, 2000)).toEqual({ retry: true, waitMs: 2000, reason: 'Retry-After' });
		expect(decideRetry(failure('rateLimit', { httpStatus: 200, providerCode: '0' }), send, 1, policy, undefined, half)).toEqual({
			retry: true,
			waitMs: 1500,
			reason: 'backoff',
		});
	});

	test('a daily quota, a flagged rate limit and input errors are never retried', () => {
		expect(decideRetry(failure('quota', { httpStatus: 429 }), send, 0, policy, 1000)).toEqual({ retry: false });
		expect(decideRetry(failure('rateLimit', { retryable: false }), send, 0, policy, 1000)).toEqual({ retry: false });
		expect(decideRetry(failure('validation', { httpStatus: 400 }), get, 0, policy, undefined)).toEqual({ retry: false });
		expect(decideRetry(failure('auth', { httpStatus: 401 }), get, 0, policy, undefined)).toEqual({ retry: false });
	});

	test('sends: only failures that prove the request never arrived are retried', () => {
		for (const code of ['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']) {
			expect(decideRetry(failure('network', { providerCode: code }), send, 0, policy, undefined, half)).toEqual({ retry: true, waitMs: 750, reason: 'backoff' });
		}
		const note = 'It was not retried automatically, because the message may already have reached the provider.';
		for (const f of [
			failure('network', { providerCode: 'ECONNRESET' }),
			failure('network', { providerCode: 'EPIPE' }),
			failure('network'),
			failure('timeout', { providerCode: 'ECONNABORTED' }),
			failure('server', { httpStatus: 500 }),
			failure('server', { httpStatus: 502 }),
			failure('server', { httpStatus: 503 }),
			failure('unexpected', { httpStatus: 504 }),
		]) {
			expect(decideRetry(f, send, 0, policy, undefined)).toEqual({ retry: false, note });
		}
		expect(decideRetry(failure('network', { providerCode: 'ENOTFOUND' }), send, 0, policy, undefined)).toEqual({ retry: false });
		expect(decideRetry(failure('notConnected', { httpStatus: 503 }), send, 0, policy, undefined)).toEqual({ retry: false });
	});

	test('requests that change nothing are also retried after timeouts, resets and 5xx', () => {
		for (const request of [get, check, { ...get, method: 'DELETE' as const }]) {
			expect(decideRetry(failure('server', { httpStatus: 502 }), request, 0, policy, undefined, half)).toMatchObject({ retry: true, waitMs: 750 });
			expect(decideRetry(failure('timeout', { providerCode: 'ETIMEDOUT' }), request, 0, policy, undefined, half)).toMatchObject({ retry: true });
			expect(decideRetry(failure('network', { providerCode: 'ECONNRESET' }), request, 0, policy, undefined, half)).toMatchObject({ retry: true });
		}
		// A POST that creates something (a webhook) is not repeated after an unclear outcome.
		expect(decideRetry(failure('server', { httpStatus: 500 }), register, 0, policy, undefined)).toEqual({ retry: false });
		expect(decideRetry(failure('rateLimit', { httpStatus: 429 }), register, 0, policy, 10)).toMatchObject({ retry: true });
	});

	test('multipart bodies are streams the first attempt consumed: never retried', () => {
		expect(decideRetry(failure('rateLimit', { httpStatus: 429 }), upload, 0, policy, 10)).toEqual({ retry: false });
	});

	test('attempts and waits are bounded', () => {
		const small = { maxRetries: 2, maxWaitMs: 5000, baseDelayMs: 1000 };
		expect(decideRetry(failure('rateLimit'), send, 2, small, 10)).toEqual({ retry: false, note: 'Gave up after 3 attempts (Max Retries option).' });
		expect(decideRetry(failure('rateLimit'), send, 0, { ...small, maxRetries: 0 }, 10)).toEqual({ retry: false });
		expect(decideRetry(failure('rateLimit'), send, 0, small, 6500)).toEqual({
			retry: false,
			note: 'The provider asked to wait 6.5 s before the next request, longer than the Max Retry Wait option (5 s), so the item was not retried.',
		});
		expect(decideRetry(failure('rateLimit'), send, 0, small, 5000)).toEqual({ retry: true, waitMs: 5000, reason: 'Retry-After' });
	});

	test('backoff doubles from the base delay, is capped, and jitters between half and full', () => {
		const p = { maxRetries: 10, maxWaitMs: 10_000, baseDelayMs: 1000 };
		expect([0, 1, 2, 3, 4, 30].map((a) => backoffMs(a, p, () => 1))).toEqual([1000, 2000, 4000, 8000, 10_000, 10_000]);
		expect([0, 1, 2, 3, 4].map((a) => backoffMs(a, p, () => 0))).toEqual([500, 1000, 2000, 4000, 5000]);
	});
});

describe('TrafficGate', () => {
	test('paces to a sliding-window limit and counts messages separately from requests', () => {
		let now = 1_000_000;
		const gate = new TrafficGate(
			[
				{ limit: 3, windowMs: 60_000, counts: 'requests' },
				{ limit: 2, windowMs: 10_000, counts: 'messages' },
			],
			() => now,
		);
		expect([gate.reserve({ sendsMessage: true }), gate.reserve({ sendsMessage: true })]).toEqual([0, 0]);
		// Third message: the message window (2 per 10 s) is full.
		expect(gate.reserve({ sendsMessage: true })).toBe(10_000);
		// A fourth request of any kind: the request window (3 per minute) is full.
		expect(gate.reserve({})).toBe(60_000);
		now += 60_000;
		expect(gate.reserve({})).toBe(0);
	});

	test('a pause holds back every later request; no rules means no pacing', () => {
		let now = 0;
		const gate = new TrafficGate([], () => now);
		expect(gate.reserve({ sendsMessage: true })).toBe(0);
		gate.pause(3000);
		expect(gate.reserve({})).toBe(3000);
		now = 2500;
		expect(gate.reserve({ sendsMessage: true })).toBe(500);
		now = 4000;
		expect(gate.reserve({})).toBe(0);
	});
});

test('a timeout is retried at most once, even for requests that change nothing', () => {
	const timeout = failure('timeout', { providerCode: 'ECONNABORTED' });
	expect(decideRetry(timeout, get, 0, policy, undefined, half)).toMatchObject({ retry: true });
	expect(decideRetry(timeout, get, 1, policy, undefined, half)).toEqual({ retry: false, note: 'Gave up after 2 attempts.' });
});
