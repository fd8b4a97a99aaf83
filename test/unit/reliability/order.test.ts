/**
 * Order per recipient and the traffic controller, with answers the test controls (no timing):
 * - messages to the same recipient leave in input order, never two in flight to the same number,
 *   while other recipients go ahead (the scheduler alone, then the node against a provider);
 * - the automatic concurrency window (AIMD) and the Engine's message spacing, on a fake clock.
 */
const mockSleeps: number[] = [];
jest.mock('n8n-workflow', () => {
	const actual = jest.requireActual('n8n-workflow');
	return { ...actual, sleep: jest.fn(async (ms: number) => void mockSleeps.push(ms)) };
});

import { forEachInLanes } from '../../../nodes/WhatsAppGateway/actions/reliability';
import { AdaptiveConcurrency, TrafficGate } from '../../../nodes/WhatsAppGateway/transport/retry';
import { FIXTURES, providerScope, runNode, sendParams } from './fixtures';

beforeEach(() => {
	mockSleeps.length = 0;
});

const flush = async () => {
	for (let i = 0; i < 5; i++) await Promise.resolve();
};

/** Runs forEachInLanes with tasks that finish only when the test says so. */
function controlledRun(lanes: Array<string | undefined>, limit: () => number) {
	const started: number[] = [];
	const finishers = new Map<number, (result: 'continue' | 'stop') => void>();
	let violation: string | undefined;
	const done = forEachInLanes(lanes.length, { limit, laneOf: (i) => lanes[i] }, async (index) => {
		const lane = lanes[index];
		for (const other of finishers.keys()) {
			if (lane !== undefined && lanes[other] === lane) violation ??= `${index} started while ${other} (same lane) was in flight`;
		}
		started.push(index);
		return await new Promise<'continue' | 'stop'>((resolve) => finishers.set(index, resolve));
	});
	return {
		started,
		done,
		violation: () => violation,
		inFlight: () => [...finishers.keys()].sort((a, b) => a - b),
		finish: async (index: number, result: 'continue' | 'stop' = 'continue') => {
			const resolve = finishers.get(index);
			if (!resolve) throw new Error(`${index} is not in flight`);
			finishers.delete(index);
			resolve(result);
			await flush();
		},
	};
}

describe('forEachInLanes (the item scheduler)', () => {
	test('same lane: input order, one at a time; other lanes go ahead', async () => {
		//            0    1    2    3    4    5    6
		const lanes = ['A', 'B', 'A', 'C', 'A', 'B', undefined];
		const run = controlledRun(lanes, () => 10);
		await flush();
		expect(run.inFlight()).toEqual([0, 1, 3, 6]);
		await run.finish(1);
		expect(run.inFlight()).toEqual([0, 3, 5, 6]);
		await run.finish(0);
		expect(run.inFlight()).toEqual([2, 3, 5, 6]);
		await run.finish(2);
		expect(run.inFlight()).toEqual([3, 4, 5, 6]);
		for (const index of [3, 4, 5, 6]) await run.finish(index);
		await run.done;
		expect(run.started).toEqual([0, 1, 3, 6, 5, 2, 4]);
		expect(run.violation()).toBeUndefined();
	});

	test('the window bounds items in flight; items waiting for their lane do not take a place', async () => {
		const lanes = ['A', 'A', 'A', 'B', 'C', 'D'];
		const run = controlledRun(lanes, () => 2);
		await flush();
		// 1 and 2 wait for lane A without using the window: 3 takes the second place.
		expect(run.inFlight()).toEqual([0, 3]);
		await run.finish(3);
		expect(run.inFlight()).toEqual([0, 4]);
		// Lane A passes to 1 before any new index.
		await run.finish(0);
		expect(run.inFlight()).toEqual([1, 4]);
		await run.finish(4);
		expect(run.inFlight()).toEqual([1, 5]);
		for (const index of [1, 5, 2]) await run.finish(index);
		await run.done;
		expect(run.started).toEqual([0, 3, 4, 1, 5, 2]);
	});

	test('a window that grows mid-run is followed at the next finish', async () => {
		let limit = 1;
		const run = controlledRun([undefined, undefined, undefined, undefined], () => limit);
		await flush();
		expect(run.inFlight()).toEqual([0]);
		limit = 3;
		await run.finish(0);
		expect(run.inFlight()).toEqual([1, 2, 3]);
		for (const index of [1, 2, 3]) await run.finish(index);
		await run.done;
	});

	test('stop: nothing starts any more, items waiting for their lane included; running items finish', async () => {
		const lanes = ['A', 'B', 'A', 'C', 'D'];
		const run = controlledRun(lanes, () => 3);
		await flush();
		expect(run.inFlight()).toEqual([0, 1, 3]);
		await run.finish(1, 'stop');
		expect(run.inFlight()).toEqual([0, 3]);
		await run.finish(0);
		await run.finish(3);
		await run.done;
		expect(run.started).toEqual([0, 1, 3]);
	});

	test('random lanes and random completion order: never two of a lane in flight, each lane in input order', async () => {
		let seed = 7;
		const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
		const lanes = Array.from({ length: 200 }, () => ['A', 'B', 'C', 'D', 'E', undefined][Math.floor(random() * 6)]);
		const run = controlledRun(lanes, () => 4);
		await flush();
		while (run.inFlight().length > 0) {
			const inFlight = run.inFlight();
			await run.finish(inFlight[Math.floor(random() * inFlight.length)]);
		}
		await run.done;
		expect(run.violation()).toBeUndefined();
		expect([...run.started].sort((a, b) => a - b)).toEqual(lanes.map((_, i) => i));
		for (const lane of ['A', 'B', 'C', 'D', 'E']) {
			const order = run.started.filter((i) => lanes[i] === lane);
			expect(order).toEqual([...order].sort((a, b) => a - b));
		}
	});
});

/** Provider answers released by the test: `arrive` is awaited inside a nock reply. */
function heldAnswers() {
	const arrived: string[] = [];
	const waiting = new Map<string, () => void>();
	const tick = async () => await new Promise((resolve) => setTimeout(resolve, 1));
	const until = async (condition: () => boolean) => {
		for (let i = 0; i < 5000 && !condition(); i++) await tick();
		if (!condition()) throw new Error('the node never got there');
	};
	return {
		arrived,
		arrive: async (text: string) => {
			arrived.push(text);
			await new Promise<void>((resolve) => waiting.set(text, resolve));
		},
		inFlight: () => [...waiting.keys()].sort(),
		until,
		/** Answers `text`, then waits until `expected` requests have arrived and the node is quiet. */
		release: async (text: string, expected: number) => {
			const resolve = waiting.get(text);
			if (!resolve) throw new Error(`${text} is not in flight`);
			waiting.delete(text);
			resolve();
			await until(() => arrived.length === expected);
			for (let i = 0; i < 20; i++) await tick();
		},
	};
}

const sevenOk = (id: string) => ({ success: '100', messages: [{ id, success: true, error: null }] });

describe('the node: order per recipient', () => {
	// Recipients: A = +57 300 123 4567 written three ways, B and C other numbers.
	const A = '573001234567';
	const B = '573009876543';
	const C = '4915112340000';
	const items = [
		{ text: 'a1', to: '+57 300 123 4567', digits: A },
		{ text: 'b1', to: '+57 300 987 6543', digits: B },
		{ text: 'a2', to: '573001234567', digits: A },
		{ text: 'c1', to: '+49 151 1234 0000', digits: C },
		{ text: 'a3', to: '(300) 123-4567', digits: A },
		{ text: 'b2', to: '0057 300 987 6543', digits: B },
	];

	test('messages to the same number leave in input order, one at a time, whatever format the number is written in; other numbers go ahead', async () => {
		const p = providerScope('seven');
		const held = heldAnswers();
		for (const item of items) {
			p.send(item.text, item.digits).reply(async () => {
				await held.arrive(item.text);
				return [200, sevenOk(`id-${item.text}`)];
			});
		}
		const run = runNode({
			parameters: sendParams('seven', { to: '={{ $json.to }}', options: { defaultCountry: 'CO' } }),
			items: items.map(({ text, to }) => ({ text, to })),
		});
		await held.until(() => held.arrived.length === 3);
		for (let i = 0; i < 20; i++) await new Promise((resolve) => setTimeout(resolve, 1));
		expect(held.arrived).toEqual(['a1', 'b1', 'c1']);
		await held.release('a1', 4);
		expect(held.arrived).toEqual(['a1', 'b1', 'c1', 'a2']);
		await held.release('c1', 4);
		await held.release('b1', 5);
		expect(held.arrived[4]).toBe('b2');
		await held.release('a2', 6);
		expect(held.arrived[5]).toBe('a3');
		for (const text of held.inFlight()) await held.release(text, 6);
		const { output, error } = await run;
		expect(error).toBeUndefined();
		expect(output!.map((o) => [o.pairedItem, o.json.messageId, o.json.to])).toEqual(
			items.map((item, index) => [{ item: index }, `id-${item.text}`, item.digits]),
		);
	});
});

describe('the node: a stopped run says what was sent', () => {
	const AUTH_FAILED = 'seven.io: Authentication failed';

	test('items in flight when an item fails still finish; the error lists them with their message IDs, other failures and what was not sent', async () => {
		const p = providerScope('seven');
		const held = heldAnswers();
		const answers: Record<string, [number, string | object]> = {
			m0: [200, sevenOk('id-0')],
			m1: [200, sevenOk('id-1')],
			m2: [200, '900'],
			m3: [200, sevenOk('id-3')],
			m4: [500, { error: 'boom' }],
		};
		const texts = Object.keys(answers);
		for (const [i, text] of texts.entries()) {
			p.send(text, String(573100000000 + i)).reply(async () => {
				await held.arrive(text);
				return answers[text];
			});
		}
		const run = runNode({
			parameters: sendParams('seven', { to: '={{ $json.to }}', options: { concurrency: 5 } }),
			items: [...texts, 'm5', 'm6'].map((text, i) => ({ text, to: `+${573100000000 + i}` })),
		});
		// m5 and m6 cannot start: the window is 5 and m0–m4 are held.
		await held.until(() => held.arrived.length === 5);
		// m2 fails first; m0, m1, m3 (sent) and m4 (fails too) were in flight and finish after it.
		await held.release('m2', 5);
		for (const text of ['m1', 'm0', 'm4', 'm3']) await held.release(text, 5);
		const { output, error } = await run;
		expect(output).toBeUndefined();
		expect(held.arrived.sort()).toEqual(texts);
		expect(error?.message).toBe(AUTH_FAILED);
		expect(error?.description).toBe(
			'Check the API key in the seven credential. ' +
				'The run stopped at item 2. Already sent, skip them when you re-run (3): item 0 (message ID id-0), 1 (message ID id-1), 3 (message ID id-3). ' +
				'Also failed: item 4 (seven.io: The provider had an internal error (HTTP 500)). Not sent: 5–6. ' +
				"The full lists are in this error's context (sentItems, failedItems, notSentItems).",
		);
		expect(error?.context).toMatchObject({
			itemIndex: 2,
			stoppedAtItem: 2,
			sentItems: [
				{ item: 0, messageId: 'id-0' },
				{ item: 1, messageId: 'id-1' },
				{ item: 3, messageId: 'id-3' },
			],
			failedItems: [
				{ item: 2, error: AUTH_FAILED },
				{ item: 4, error: 'seven.io: The provider had an internal error (HTTP 500)' },
			],
			notSentItems: '5–6',
		});
	});

	test('nothing sent before the failing item: the error says so and names the items not sent', async () => {
		const p = providerScope('seven');
		p.send('n0', '573100000000').reply(200, '900');
		const { error } = await runNode({
			parameters: sendParams('seven', { to: '={{ $json.to }}', options: { concurrency: 1 } }),
			items: ['n0', 'n1', 'n2', 'n3'].map((text, i) => ({ text, to: `+${573100000000 + i}` })),
		});
		expect(error?.message).toBe(AUTH_FAILED);
		expect(error?.description).toBe(
			'Check the API key in the seven credential. The run stopped at item 0. No item was sent. Not sent: 1–3. ' +
				"The full lists are in this error's context (sentItems, failedItems, notSentItems).",
		);
		expect(error?.context).toMatchObject({ sentItems: [], failedItems: [{ item: 0, error: AUTH_FAILED }], notSentItems: '1–3' });
		expect(p.requests).toEqual(['n0']);
	});

	test('a single item fails with its own error only', async () => {
		const p = providerScope('seven');
		p.send('solo').reply(200, '900');
		const { error } = await runNode({ parameters: sendParams('seven'), items: [{ text: 'solo' }] });
		expect(error?.description).toBe('Check the API key in the seven credential.');
		expect(error?.context).not.toHaveProperty('sentItems');
	});
});

describe('AdaptiveConcurrency (AIMD)', () => {
	test('grows by one per fast answer up to the ceiling', () => {
		const window = new AdaptiveConcurrency(2, 4);
		expect(window.limit).toBe(2);
		window.observe(0, 100, false);
		window.observe(0, 110, false);
		expect(window.limit).toBe(4);
		window.observe(0, 100, false);
		expect(window.limit).toBe(4);
	});

	test('a slow answer (more than 4× the fastest + 1 s) neither grows nor cuts it, and ends the doubling', () => {
		const window = new AdaptiveConcurrency(10, 100);
		window.observe(0, 100, false);
		window.observe(0, 1400, false);
		expect(window.limit).toBe(12);
		window.observe(0, 1401, false);
		expect(window.limit).toBe(12);
		// From now on +1/window per answer: about one per round trip.
		for (let i = 0; i < 12; i++) window.observe(0, 100, false);
		expect(window.limit).toBe(12);
		window.observe(0, 100, false);
		expect(window.limit).toBe(13);
	});

	test('an overloaded answer halves it once per round trip, then it grows by one per round trip', () => {
		const window = new AdaptiveConcurrency(40, 100);
		window.observe(1000, 1100, true);
		expect(window.limit).toBe(20);
		// Requests sent before that cut answer 429 too: no second cut.
		window.observe(1050, 1120, true);
		expect(window.limit).toBe(20);
		// A request sent after the cut: cut again.
		window.observe(1110, 1200, true);
		expect(window.limit).toBe(10);
		// Congestion avoidance: +1/window per answer, about +1 per round trip.
		for (let i = 0; i < 10; i++) window.observe(2000, 2100, false);
		expect(window.limit).toBe(10);
		window.observe(2000, 2100, false);
		expect(window.limit).toBe(11);
	});

	test('never below one; a fixed window never changes', () => {
		const window = new AdaptiveConcurrency(1, 10);
		window.observe(0, 10, true);
		expect(window.limit).toBe(1);
		const fixed = new AdaptiveConcurrency(5, 5, 1, true);
		fixed.observe(0, 10, true);
		fixed.observe(100, 110, false);
		expect(fixed.limit).toBe(5);
	});
});

describe('TrafficGate', () => {
	test('feeds the window: 429, 5xx, timeouts and connection failures cut it; 4xx and quota do not', () => {
		let now = 0;
		const cuts = (failure: Parameters<TrafficGate['settle']>[2]) => {
			const window = new AdaptiveConcurrency(64, 1000);
			const gate = new TrafficGate([], () => now, window);
			gate.settle({}, now - 10, failure);
			return window.limit;
		};
		now = 1000;
		expect(cuts({ kind: 'rateLimit', message: '', hint: '', httpStatus: 429 })).toBe(32);
		expect(cuts({ kind: 'server', message: '', hint: '', httpStatus: 503 })).toBe(32);
		expect(cuts({ kind: 'timeout', message: '', hint: '', providerCode: 'ETIMEDOUT' })).toBe(32);
		expect(cuts({ kind: 'network', message: '', hint: '', providerCode: 'ECONNRESET' })).toBe(32);
		expect(cuts({ kind: 'validation', message: '', hint: '', httpStatus: 400 })).toBe(65);
		expect(cuts({ kind: 'quota', message: '', hint: '', httpStatus: 429 })).toBe(65);
		expect(cuts({ kind: 'network', message: '', hint: '', providerCode: 'ERR_CANCELED' })).toBe(65);
		expect(cuts(undefined)).toBe(65);
	});

	test('Respect Rate Limit counts a request from its answer once it has one (the provider counted it by then)', () => {
		let now = 0;
		const gate = new TrafficGate([{ limit: 2, windowMs: 60_000, counts: 'requests' }], () => now);
		const [a, b] = [{}, {}];
		expect(gate.reserve(a)).toBe(0);
		expect(gate.reserve(b)).toBe(0);
		now = 5000;
		gate.settle(a, 0);
		now = 6000;
		gate.settle(b, 0);
		now = 7000;
		// The oldest of the last two (a, answered at 5 s) leaves the window at 65 s.
		expect(gate.reserve({})).toBe(58_000);
	});

	test('a request planned while the request it counts from was in flight waits the extra time that one took', () => {
		let now = 0;
		const gate = new TrafficGate([{ limit: 2, windowMs: 60_000, counts: 'requests' }], () => now);
		const [a, b, c] = [{}, {}, {}];
		gate.reserve(a);
		gate.reserve(b);
		now = 1000;
		// c is planned from a's start (a is still in flight).
		expect(gate.reserve(c)).toBe(59_000);
		now = 5000;
		gate.settle(a, 0);
		now = 60_000;
		// a was counted as late as 5 s: c waits 5 s more, then goes.
		expect(gate.recheck(c)).toBe(5000);
		expect(gate.recheck(c)).toBe(0);
		expect(gate.recheck({})).toBe(0);
	});

	test('message spacing counts from the end of the last send that may have produced a message', () => {
		let now = 10_000;
		const gate = new TrafficGate([], () => now, undefined, 2000);
		expect(gate.reserve({ sendsMessage: true })).toBe(0);
		now = 10_300;
		gate.settle({ sendsMessage: true }, 10_000);
		expect(gate.reserve({ sendsMessage: true })).toBe(2000);
		// Requests that send nothing (status, contacts) are not spaced.
		expect(gate.reserve({})).toBe(0);
		now = 12_300;
		// Refused (429) or never connected: no message, no spacing after it.
		gate.settle({ sendsMessage: true }, 12_300, { kind: 'rateLimit', message: '', hint: '', httpStatus: 429 });
		gate.settle({ sendsMessage: true }, 12_300, { kind: 'network', message: '', hint: '', providerCode: 'ECONNREFUSED' });
		expect(gate.reserve({ sendsMessage: true })).toBe(0);
		// A 5xx may have sent it: spaced.
		gate.settle({ sendsMessage: true }, 12_300, { kind: 'server', message: '', hint: '', httpStatus: 500 });
		expect(gate.reserve({ sendsMessage: true })).toBe(2000);
	});
});

describe('the node: the Engine keeps its bulk pacing by default', () => {
	test('automatic: one message at a time, 2 s after the previous one; a Concurrency number turns the pacing off', async () => {
		const p = providerScope('engine');
		const texts = ['e0', 'e1', 'e2'];
		for (const text of texts) p.send(text).reply(200, FIXTURES.engine.ok);
		const { output, error } = await runNode({ parameters: sendParams('engine'), items: texts.map((text) => ({ text })) });
		expect(error).toBeUndefined();
		expect(output).toHaveLength(3);
		expect(p.requests).toEqual(texts);
		// Two pauses of 2 s (sleep is recorded, not waited), in slices of at most 1 s.
		const total = mockSleeps.reduce((a, b) => a + b, 0);
		expect(total).toBeGreaterThan(2 * 1900);
		expect(total).toBeLessThanOrEqual(2 * 2000);

		mockSleeps.length = 0;
		for (const text of texts) p.send(text, String(573100000000 + texts.indexOf(text))).reply(200, FIXTURES.engine.ok);
		const fixed = await runNode({
			parameters: sendParams('engine', { to: '={{ $json.to }}', options: { concurrency: 3 } }),
			items: texts.map((text, i) => ({ text, to: `+${573100000000 + i}` })),
		});
		expect(fixed.error).toBeUndefined();
		expect(mockSleeps).toEqual([]);
	});
});
