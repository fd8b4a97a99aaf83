/**
 * Fault injection per provider (nock): every fault gives the normalized error, or succeeds after
 * a safe retry; a send is never repeated once it may have reached the provider (requests are
 * counted per item); under "Continue On Fail" every input item comes out exactly once, in order.
 * n8n-workflow's `sleep` is recorded instead of waited.
 */
const mockSleeps: number[] = [];
jest.mock('n8n-workflow', () => {
	const actual = jest.requireActual('n8n-workflow');
	return { ...actual, sleep: jest.fn(async (ms: number) => void mockSleeps.push(ms)) };
});

import type { IDataObject } from 'n8n-workflow';

import { FIXTURES, PROVIDER_IDS, providerScope, runNode, sendParams, socketError } from './fixtures';

const NOT_RETRIED = 'It was not retried automatically, because the message may already have reached the provider.';
const HTML_502 = '<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>';

/** A documented failure each provider sends with HTTP 2xx. */
const ERROR_2XX: Record<string, { reply: [number, string | IDataObject]; error: string; kind: string }> = {
	innova: {
		reply: [200, { success: false, message: 'WhatsApp no está conectado' }],
		error: 'InnovaAPI: WhatsApp is not connected on the InnovaAPI server',
		kind: 'notConnected',
	},
	seven: { reply: [200, '900'], error: 'seven.io: Authentication failed', kind: 'auth' },
	whaapy: {
		reply: [200, { error: 'message_delivery_failed', message: 'Re-engagement message', code: '131047', data: { id: 'x', status: 'failed' } }],
		error: 'Whaapy: More than 24 hours have passed since the customer last replied',
		kind: 'window24h',
	},
	engine: { reply: [200, { success: false, error: 'Número no registrado' }], error: 'WhatsApp API Engine: Número no registrado', kind: 'unexpected' },
	decisionTelecom: {
		reply: [200, { name: 'Bad Request', message: 'Empty parameter or parameter validation error', code: 1, status: 400 }],
		error: 'DecisionTelecom: Empty parameter or parameter validation error',
		kind: 'validation',
	},
};

/** Each provider's own rate-limit answer (seeds 001–004); InnovaAPI's 429 is its daily quota. */
const RATE_LIMIT: Record<string, [number, string | IDataObject]> = {
	seven: [429, { error_code: 429, error_message: 'Too Many Requests' }],
	whaapy: [429, { error: 'rate_limited', message: 'Too many requests', code: '130429' }],
	engine: [429, { success: false, error: 'Demasiadas solicitudes, por favor intenta más tarde' }],
	decisionTelecom: [429, { name: 'Too Many Requests', message: 'Rate limit exceeded', code: 0, status: 429 }],
};
const RATE_LIMITED = Object.keys(RATE_LIMIT);

const NAMES: Record<string, string> = {
	innova: 'InnovaAPI',
	seven: 'seven.io',
	whaapy: 'Whaapy',
	engine: 'WhatsApp API Engine',
	decisionTelecom: 'DecisionTelecom',
};

beforeEach(() => {
	mockSleeps.length = 0;
});

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

describe.each(PROVIDER_IDS)('%s', (provider) => {
	const name = NAMES[provider];

	test('500, 502 HTML page, malformed JSON, 2xx error body and connection reset: normalized errors, each request sent once, items in order', async () => {
		const p = providerScope(provider);
		p.send('a-500').reply(500, { message: 'Internal Server Error' });
		p.send('b-502').reply(502, HTML_502, { 'Content-Type': 'text/html' });
		p.send('c-json').reply(200, '{"success": tru', { 'Content-Type': 'application/json' });
		p.send('d-2xx').reply(...ERROR_2XX[provider].reply);
		p.send('e-reset').replyWithError(socketError('ECONNRESET'));
		p.send('f-ok').reply(200, FIXTURES[provider].ok);
		const texts = ['a-500', 'b-502', 'c-json', 'd-2xx', 'e-reset', 'f-ok'];

		const { output } = await runNode({ parameters: sendParams(provider), items: texts.map((text) => ({ text })), continueOnFail: true });

		expect(p.scope.isDone()).toBe(true);
		for (const text of texts) expect(p.count(text)).toBe(1);
		expect(output?.map((o) => o.pairedItem)).toEqual(texts.map((_, item) => ({ item })));
		const json = output!.map((o) => o.json);
		expect(json.map((j) => j.itemIndex ?? 'ok')).toEqual([0, 1, 2, 3, 4, 'ok']);
		expect(json.map((j) => j.kind ?? 'ok')).toEqual(['server', 'server', 'unexpected', ERROR_2XX[provider].kind, 'network', 'ok']);
		expect(json.map((j) => j.httpStatus ?? null)).toEqual([500, 502, 200, json[3].httpStatus, null, null]);
		expect(json[1].error).toBe(`${name}: The provider had an internal error (HTTP 502)`);
		expect(json[1].description).toContain('Provider said: an HTML page ("502 Bad Gateway") instead of JSON');
		expect(json[2].error).toBe(`${name}: Unexpected answer (HTTP 200): expected JSON`);
		expect(json[3].error).toBe(ERROR_2XX[provider].error);
		expect(json[4]).toMatchObject({ error: `${name}: Could not send the message: the connection was reset`, providerCode: 'ECONNRESET' });
		// 5xx and resets on a send are reported with the reason they were not retried.
		for (const index of [0, 1, 4]) expect(String(json[index].description)).toContain(NOT_RETRIED);
		expect(json[5]).toMatchObject(FIXTURES[provider].output('f-ok'));
		if (provider === 'engine') {
			// The Engine's bulk pacing (automatic concurrency): 2 s after each of the five sends before
			// f-ok, since each may have produced a message; sleeps come in slices of at most 1 s.
			expect(sum(mockSleeps)).toBeGreaterThan(5 * 1900);
			expect(sum(mockSleeps)).toBeLessThanOrEqual(5 * 2000);
			expect(Math.max(...mockSleeps)).toBeLessThanOrEqual(1000);
		} else expect(mockSleeps).toEqual([]);
	});

	test('a timeout after the request was sent is reported, not retried', async () => {
		const p = providerScope(provider);
		p.send('slow').delay(1500).reply(200, FIXTURES[provider].ok);
		const { error } = await runNode({ parameters: sendParams(provider, { options: { timeout: 1 } }), items: [{ text: 'slow' }] });
		expect(error?.message).toBe(`${name}: Could not send the message: the request timed out`);
		expect(error?.context).toMatchObject({ kind: 'timeout', itemIndex: 0 });
		expect(error?.description).toContain(NOT_RETRIED);
		expect(p.count('slow')).toBe(1);
	});

	test('connection refused (the request never left) is retried with backoff and succeeds', async () => {
		const p = providerScope(provider);
		p.send('refused').replyWithError(socketError('ECONNREFUSED'));
		p.send('refused').reply(200, FIXTURES[provider].ok);
		const { output, error } = await runNode({ parameters: sendParams(provider), items: [{ text: 'refused' }] });
		expect(error).toBeUndefined();
		expect(output?.map((o) => o.json)).toEqual([expect.objectContaining(FIXTURES[provider].output('refused'))]);
		expect(p.scope.isDone()).toBe(true);
		// First backoff step: 1 s with equal jitter → 0.5–1 s.
		expect(mockSleeps).toHaveLength(1);
		expect(mockSleeps[0]).toBeGreaterThanOrEqual(500);
		expect(mockSleeps[0]).toBeLessThanOrEqual(1000);
	});
});

describe.each(RATE_LIMITED)('%s rate limit', (provider) => {
	const name = NAMES[provider];

	test('429 + Retry-After (seconds) waits that long, then the message is sent exactly once', async () => {
		const p = providerScope(provider);
		p.send('hello').reply(...RATE_LIMIT[provider], { 'Retry-After': '3' });
		p.send('hello').reply(200, FIXTURES[provider].ok);
		const { output, error } = await runNode({ parameters: sendParams(provider), items: [{ text: 'hello' }] });
		expect(error).toBeUndefined();
		expect(output).toEqual([{ json: expect.objectContaining(FIXTURES[provider].output('hello')), pairedItem: { item: 0 } }]);
		expect(p.requests).toEqual(['hello', 'hello']);
		expect(sum(mockSleeps)).toBeGreaterThanOrEqual(2990);
		expect(sum(mockSleeps)).toBeLessThanOrEqual(3000);
	});

	test('429 + Retry-After as an HTTP date is honoured', async () => {
		const p = providerScope(provider);
		const when = new Date(Date.now() + 5000).toUTCString();
		p.send('dated').reply(...RATE_LIMIT[provider], { 'Retry-After': when });
		p.send('dated').reply(200, FIXTURES[provider].ok);
		const { error } = await runNode({ parameters: sendParams(provider), items: [{ text: 'dated' }] });
		expect(error).toBeUndefined();
		expect(p.requests).toEqual(['dated', 'dated']);
		// HTTP dates have 1 s resolution.
		expect(sum(mockSleeps)).toBeGreaterThan(3500);
		expect(sum(mockSleeps)).toBeLessThanOrEqual(5000);
	});

	test('a Retry-After longer than Max Retry Wait fails at once instead of hanging', async () => {
		const p = providerScope(provider);
		p.send('later').reply(...RATE_LIMIT[provider], { 'Retry-After': '900' });
		const { error } = await runNode({ parameters: sendParams(provider, { options: { maxRetryWait: 60 } }), items: [{ text: 'later' }] });
		expect(error?.context).toMatchObject({ kind: 'rateLimit', httpStatus: 429 });
		expect(error?.message.startsWith(`${name}: `)).toBe(true);
		expect(error?.description).toContain(
			'The provider asked to wait 900 s before the next request, longer than the Max Retry Wait option (60 s), so the item was not retried.',
		);
		expect(p.requests).toEqual(['later']);
		expect(mockSleeps).toEqual([]);
	});

	test('a rate limit that does not lift gives up after Max Retries (+1 attempts), with capped backoff', async () => {
		const p = providerScope(provider);
		p.send('busy').times(3).reply(...RATE_LIMIT[provider]);
		const { error } = await runNode({ parameters: sendParams(provider, { options: { maxRetries: 2, maxRetryWait: 1.5 } }), items: [{ text: 'busy' }] });
		expect(error?.context).toMatchObject({ kind: 'rateLimit' });
		expect(error?.description).toContain('Gave up after 3 attempts (Max Retries option).');
		expect(p.requests).toEqual(['busy', 'busy', 'busy']);
		// Waits: 1 s and 2 s capped at Max Retry Wait (1.5 s), each with equal jitter (½–1×);
		// sleeps come in slices of at most 1 s so a cancelled execution stops quickly.
		expect(sum(mockSleeps)).toBeGreaterThanOrEqual(500 + 750);
		expect(sum(mockSleeps)).toBeLessThanOrEqual(1000 + 1500);
		expect(Math.max(...mockSleeps)).toBeLessThanOrEqual(1000);
	});

	test('Max Retries 0 turns retries off', async () => {
		const p = providerScope(provider);
		p.send('once').reply(...RATE_LIMIT[provider], { 'Retry-After': '1' });
		const { error } = await runNode({ parameters: sendParams(provider, { options: { maxRetries: 0 } }), items: [{ text: 'once' }] });
		expect(error?.context).toMatchObject({ kind: 'rateLimit', httpStatus: 429 });
		expect(p.requests).toEqual(['once']);
		expect(mockSleeps).toEqual([]);
	});
});

test('InnovaAPI: the daily quota (429) stops with a clear error and is never waited for', async () => {
	const p = providerScope('innova');
	p.send('q1').reply(429, { success: false, message: 'Límite de mensajes diarios alcanzado' }, { 'Retry-After': '5' });
	const { error } = await runNode({ parameters: sendParams('innova'), items: [{ text: 'q1' }] });
	expect(error?.message).toBe('InnovaAPI: The daily message limit of the account has been reached');
	expect(error?.description).toBe(
		'InnovaAPI limits messages per day. Sending resumes when the daily quota resets; contact InnovaAPI to raise it. Provider said: Límite de mensajes diarios alcanzado',
	);
	expect(error?.context).toMatchObject({ kind: 'quota', httpStatus: 429, itemIndex: 0 });
	expect(p.requests).toEqual(['q1']);
	expect(mockSleeps).toEqual([]);
});

test('Whaapy: the spam rate limit (131048) is reported, not retried', async () => {
	const p = providerScope('whaapy');
	p.send('spam').reply(400, { error: 'message_delivery_failed', message: 'Spam rate limit hit', code: '131048' });
	const { error } = await runNode({ parameters: sendParams('whaapy'), items: [{ text: 'spam' }] });
	expect(error?.message).toBe('Whaapy: Spam rate limit hit: too many previous messages were blocked or flagged');
	expect(p.requests).toEqual(['spam']);
});

test('Continue On Fail with concurrency: every item exactly once, in input order, whatever the completion order', async () => {
	const provider = 'whaapy';
	const p = providerScope(provider);
	const texts = Array.from({ length: 12 }, (_, i) => `m${i}`);
	// Later items answer first; some fail in different ways; one is rate limited once.
	for (const [i, text] of texts.entries()) {
		const delay = (texts.length - i) * 15;
		if (i % 4 === 1) p.send(text).delay(delay).reply(500, { message: 'boom' });
		else if (i % 4 === 2) p.send(text).delay(delay).replyWithError(socketError('ECONNRESET'));
		else if (i === 3) {
			p.send(text).reply(429, { error: 'rate_limited', code: '130429' }, { 'Retry-After': '1' });
			p.send(text).reply(200, { messages: [{ id: text }], data: { status: 'sent' } });
		} else p.send(text).delay(delay).reply(200, { messages: [{ id: text }], data: { status: 'sent' } });
	}
	const { output, error } = await runNode({
		parameters: sendParams(provider, { options: { concurrency: 4 } }),
		items: texts.map((text) => ({ text })),
		continueOnFail: true,
	});
	expect(error).toBeUndefined();
	expect(p.scope.isDone()).toBe(true);
	expect(output).toHaveLength(texts.length);
	expect(output!.map((o) => o.pairedItem)).toEqual(texts.map((_, item) => ({ item })));
	expect(output!.map((o) => o.json.messageId ?? `error:${String(o.json.kind)}:${String(o.json.itemIndex)}`)).toEqual(
		texts.map((text, i) => (i % 4 === 1 ? `error:server:${i}` : i % 4 === 2 ? `error:network:${i}` : text)),
	);
	for (const [i, text] of texts.entries()) expect(p.count(text)).toBe(i === 3 ? 2 : 1);
});
