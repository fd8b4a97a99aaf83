/**
 * The router's item loop: bounded concurrency, input order and pairedItem whatever the completion
 * order, the first failure stops the run, and Respect Rate Limit paces to the published limits.
 */
const mockSleeps: number[] = [];
jest.mock('n8n-workflow', () => {
	const actual = jest.requireActual('n8n-workflow');
	return { ...actual, sleep: jest.fn(async (ms: number) => void mockSleeps.push(ms)) };
});

import { FIXTURES, providerScope, recipientOf, runNode, sendParams } from './fixtures';

beforeEach(() => {
	mockSleeps.length = 0;
});

/**
 * Provider answers the test releases one by one (no timing): `arrive(text)` is awaited inside a
 * nock reply and resolves when the test calls `release(text)`.
 */
function holdAnswers() {
	const arrived: string[] = [];
	const waiting = new Map<string, () => void>();
	let max = 0;
	const tick = async () => await new Promise((resolve) => setTimeout(resolve, 1));
	return {
		arrived,
		arrive: async (text: string) => {
			arrived.push(text);
			await new Promise<void>((resolve) => {
				waiting.set(text, resolve);
				max = Math.max(max, waiting.size);
			});
		},
		release: (text: string) => {
			const resolve = waiting.get(text);
			if (!resolve) throw new Error(`${text} is not in flight`);
			waiting.delete(text);
			resolve();
		},
		/** Requests that arrived and were not answered yet, in arrival order. */
		inFlight: () => [...waiting.keys()],
		maxInFlight: () => max,
		tick,
		/** Waits (bounded, generously) until the node has done what the test waits for. */
		until: async (condition: () => boolean) => {
			for (let i = 0; i < 5000 && !condition(); i++) await tick();
			if (!condition()) throw new Error('the node never got there');
		},
		/** Lets the node run on a little, so a request that should not start would have started. */
		quiet: async () => {
			for (let i = 0; i < 20; i++) await tick();
		},
	};
}

test.each([
	[1, 1],
	[3, 3],
	[200, 60],
])('Concurrency %p → exactly %p requests in flight while the provider holds every answer; outputs in input order with pairedItem', async (concurrency, expected) => {
	const p = providerScope('seven');
	const held = holdAnswers();
	const texts = Array.from({ length: 60 }, (_, i) => `n${i}`);
	for (const [i, text] of texts.entries()) {
		p.send(text, recipientOf(i)).reply(async () => {
			await held.arrive(text);
			return [200, { success: '100', messages: [{ id: `id-${text}`, success: true, error: null }] }];
		});
	}
	const run = runNode({
		parameters: sendParams('seven', { to: '={{ $json.to }}', options: { concurrency } }),
		items: texts.map((text, i) => ({ text, to: `+${recipientOf(i)}` })),
	});
	await held.until(() => held.inFlight().length === expected);
	await held.quiet();
	expect(held.inFlight()).toEqual(texts.slice(0, expected));
	// Answers in reverse order: completion order differs from input order.
	while (held.arrived.length < texts.length || held.inFlight().length > 0) {
		const inFlight = held.inFlight();
		if (inFlight.length === 0) await held.until(() => held.inFlight().length > 0);
		else held.release(inFlight[inFlight.length - 1]);
		await held.tick();
	}
	const { output, error } = await run;
	expect(error).toBeUndefined();
	expect(held.maxInFlight()).toBe(expected);
	expect(output!.map((o) => o.json.messageId)).toEqual(texts.map((t) => `id-${t}`));
	expect(output!.map((o) => o.pairedItem)).toEqual(texts.map((_, item) => ({ item })));
	for (const text of texts) expect(p.count(text)).toBe(1);
});

test('automatic concurrency (option not set): 200 in flight for seven.io, and one fast answer lets two more start (the window grows by one)', async () => {
	const p = providerScope('seven');
	const held = holdAnswers();
	const texts = Array.from({ length: 210 }, (_, i) => `a${i}`);
	for (const [i, text] of texts.entries()) {
		p.send(text, recipientOf(i)).reply(async () => {
			await held.arrive(text);
			return [200, { success: '100', messages: [{ id: `id-${text}`, success: true, error: null }] }];
		});
	}
	const run = runNode({
		parameters: sendParams('seven', { to: '={{ $json.to }}' }),
		items: texts.map((text, i) => ({ text, to: `+${recipientOf(i)}` })),
	});
	await held.until(() => held.inFlight().length === 200);
	await held.quiet();
	expect(held.arrived).toEqual(texts.slice(0, 200));
	held.release('a0');
	await held.until(() => held.arrived.length === 202);
	await held.quiet();
	expect(held.arrived.slice(200)).toEqual(['a200', 'a201']);
	expect(held.inFlight()).toHaveLength(201);
	while (held.inFlight().length > 0) {
		held.release(held.inFlight()[0]);
		await held.tick();
	}
	await held.until(() => held.arrived.length === texts.length);
	while (held.inFlight().length > 0) {
		held.release(held.inFlight()[0]);
		await held.tick();
	}
	const { output, error } = await run;
	expect(error).toBeUndefined();
	expect(output!.map((o) => o.json.messageId)).toEqual(texts.map((t) => `id-${t}`));
});

test('without Continue On Fail the first failing item stops the run: later items never start', async () => {
	const p = providerScope('seven');
	p.send('t0').reply(200, FIXTURES.seven.ok);
	p.send('t1').reply(200, '900');
	const { output, error } = await runNode({
		parameters: sendParams('seven', { options: { concurrency: 1 } }),
		items: ['t0', 't1', 't2', 't3'].map((text) => ({ text })),
	});
	expect(output).toBeUndefined();
	expect(error?.message).toBe('seven.io: Authentication failed');
	expect(error?.context).toMatchObject({ itemIndex: 1 });
	expect(p.requests).toEqual(['t0', 't1']);
});

test('with concurrency, the reported error is the failing item with the lowest index', async () => {
	const p = providerScope('whaapy');
	p.send('t0', recipientOf(0)).delay(60).reply(500, { message: 'first' });
	p.send('t1', recipientOf(1)).reply(401, { error: 'unauthorized', message: 'bad key' });
	p.send('t2', recipientOf(2)).delay(20).reply(200, FIXTURES.whaapy.ok);
	const { error } = await runNode({
		parameters: sendParams('whaapy', { to: '={{ $json.to }}', options: { concurrency: 3 } }),
		items: ['t0', 't1', 't2', 't3', 't4'].map((text, i) => ({ text, to: `+${recipientOf(i)}` })),
	});
	expect(error?.message).toBe('Whaapy: Whaapy had an internal server error');
	expect(error?.context).toMatchObject({ itemIndex: 0 });
	// t1 failed first and stopped the run; t3 and t4 never started.
	expect(p.requests.sort()).toEqual(['t0', 't1', 't2']);
});

test('input validation errors come out in order among sent items under Continue On Fail', async () => {
	const p = providerScope('innova');
	p.send('ok0').reply(200, FIXTURES.innova.ok);
	p.send('ok2').reply(200, FIXTURES.innova.ok);
	const { output } = await runNode({
		parameters: sendParams('innova', { to: '={{ $json.to }}' }),
		items: [
			{ text: 'ok0', to: '+57 300 123 4567' },
			{ text: 'bad', to: 'not a phone' },
			{ text: 'ok2', to: '+57 300 123 4567' },
		],
		continueOnFail: true,
	});
	expect(output!.map((o) => [o.pairedItem, o.json.kind ?? o.json.status])).toEqual([
		[{ item: 0 }, 'accepted'],
		[{ item: 1 }, 'input'],
		[{ item: 2 }, 'accepted'],
	]);
	expect(p.requests).toEqual(['ok0', 'ok2']);
});

test('Respect Rate Limit paces Whaapy to 100 requests per minute without any 429', async () => {
	// A virtual clock: Date.now stands still while requests run and moves only by the recorded
	// sleeps, so the pacing arithmetic does not depend on how fast this machine is.
	let clock = Date.now();
	const now = jest.spyOn(Date, 'now').mockImplementation(() => clock);
	const sleep = jest.requireMock<{ sleep: jest.Mock }>('n8n-workflow').sleep;
	sleep.mockImplementation(async (ms: number) => {
		mockSleeps.push(ms);
		clock += ms;
	});
	try {
		const p = providerScope('whaapy');
		const texts = Array.from({ length: 101 }, (_, i) => `r${i}`);
		for (const [i, text] of texts.entries()) p.send(text, recipientOf(i)).reply(200, FIXTURES.whaapy.ok);
		const { output, error } = await runNode({
			parameters: sendParams('whaapy', { to: '={{ $json.to }}', options: { respectRateLimit: true, concurrency: 10 } }),
			items: texts.map((text, i) => ({ text, to: `+${recipientOf(i)}` })),
		});
		expect(error).toBeUndefined();
		expect(output).toHaveLength(101);
		// The 101st request waited for the first minute's window to pass (sleep is recorded, not waited).
		expect(mockSleeps.reduce((a, b) => a + b, 0)).toBe(60_000);
	} finally {
		now.mockRestore();
		sleep.mockImplementation(async (ms: number) => void mockSleeps.push(ms));
	}
});

test('without Respect Rate Limit nothing is paced', async () => {
	const p = providerScope('whaapy');
	const texts = Array.from({ length: 101 }, (_, i) => `s${i}`);
	for (const text of texts) p.send(text).reply(200, FIXTURES.whaapy.ok);
	const { error } = await runNode({ parameters: sendParams('whaapy', { options: { concurrency: 10 } }), items: texts.map((text) => ({ text })) });
	expect(error).toBeUndefined();
	expect(mockSleeps).toEqual([]);
});

test('a Retry-After on one item holds back the other concurrent items too (no storm of 429s)', async () => {
	const p = providerScope('seven');
	p.send('x0').reply(429, { error_code: 429 }, { 'Retry-After': '2' });
	p.send('x0').reply(200, FIXTURES.seven.ok);
	for (const text of ['x1', 'x2', 'x3']) p.send(text).delay(30).reply(200, FIXTURES.seven.ok);
	const { output, error } = await runNode({
		parameters: sendParams('seven', { options: { concurrency: 2 } }),
		items: ['x0', 'x1', 'x2', 'x3'].map((text) => ({ text })),
	});
	expect(error).toBeUndefined();
	expect(output).toHaveLength(4);
	expect(p.requests.filter((t) => t === 'x0')).toHaveLength(2);
	// x0's retry (2 s) and at least one item started after the 429 (x2) waited for the pause.
	expect(mockSleeps.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(2000 + 1900);
});

test('options set by expression are read per item (Max Retries 0 for one item, 1 for the next)', async () => {
	const p = providerScope('decisionTelecom');
	const limited = { name: 'Too Many Requests', message: 'Rate limit exceeded', code: 0, status: 429 };
	p.send('no-retry').reply(429, limited);
	p.send('one-retry').reply(429, limited);
	p.send('one-retry').reply(200, FIXTURES.decisionTelecom.ok);
	const { output } = await runNode({
		parameters: sendParams('decisionTelecom', { options: { maxRetries: '={{ $json.retries }}', concurrency: 1 } }),
		items: [
			{ text: 'no-retry', retries: 0 },
			{ text: 'one-retry', retries: 1 },
		],
		continueOnFail: true,
	});
	expect(output!.map((o) => o.json.kind ?? o.json.messageId)).toEqual(['rateLimit', '1001']);
	expect(p.requests).toEqual(['no-retry', 'one-retry', 'one-retry']);
});
