'use strict';
/* Sandbox control API: recording, faults, latency, rate limits, signed webhook fire + replay. */
const crypto = require('crypto');
const http = require('http');
// The sandbox's sleep still waits, but every wait is recorded: tests assert the waits the sandbox
// asked for, never wall-clock durations (the machine may be slow).
const mockSleeps = [];
jest.mock('../../sandbox/lib/util', () => {
	const actual = jest.requireActual('../../sandbox/lib/util');
	return { ...actual, sleep: (ms) => (mockSleeps.push(ms), actual.sleep(ms)) };
});
const { startSandbox } = require('../../sandbox/server');

let sb;
let receiver;
let received = [];
let receiverUrl;

beforeAll(async () => {
	sb = await startSandbox({ port: 0 });
	receiver = http.createServer((req, res) => {
		const chunks = [];
		req.on('data', (c) => chunks.push(c));
		req.on('end', () => {
			received.push({ method: req.method, url: req.url, headers: req.headers, raw: Buffer.concat(chunks).toString('utf8') });
			res.writeHead(200, { 'Content-Type': 'application/json' });
			res.end('{"ok":true}');
		});
	});
	await new Promise((r) => receiver.listen(0, '127.0.0.1', r));
	receiverUrl = `http://127.0.0.1:${receiver.address().port}`;
});
afterAll(async () => {
	await sb.close();
	await new Promise((r) => receiver.close(r));
});
beforeEach(async () => {
	received = [];
	await fetch(`${sb.url}/__sandbox/reset`, { method: 'POST' });
});

const post = async (path, json, headers = {}) => {
	const res = await fetch(sb.url + path, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(json) });
	const text = await res.text();
	let data;
	try {
		data = JSON.parse(text);
	} catch {
		data = text;
	}
	return { status: res.status, data, headers: res.headers };
};
const ENGINE = { 'X-API-Key': 'sandbox-engine-key' };
const SEVEN = { 'X-Api-Key': 'sandbox-seven-key' };
const WHAAPY = { Authorization: 'Bearer wha_sandboxkey000000000000' };
const DECISION = { Authorization: 'Basic ' + Buffer.from('sandbox-decision-key').toString('base64') };
const hmac = (key, data) => crypto.createHmac('sha256', key).update(data).digest('hex');

test('recording: every provider request in order, lower-case headers, path without prefix, clear', async () => {
	await post('/seven/api/waba/messages?x=1', { from: '4915112345678', to: '4917612345678', text: 'hi' }, SEVEN);
	await post('/engine/api/messages/send', { phone: '573001234567', message: 'Hola' }, ENGINE);
	const all = await (await fetch(`${sb.url}/__sandbox/requests`)).json();
	expect(all.map((r) => r.provider)).toEqual(['seven', 'engine']);
	const seven = await (await fetch(`${sb.url}/__sandbox/requests?provider=seven`)).json();
	expect(seven).toHaveLength(1);
	expect(seven[0]).toMatchObject({ provider: 'seven', method: 'POST', path: '/api/waba/messages', query: { x: '1' }, status: 200 });
	expect(seven[0].headers['x-api-key']).toBe('sandbox-seven-key');
	expect(seven[0].json).toEqual({ from: '4915112345678', to: '4917612345678', text: 'hi' });
	expect(typeof seven[0].rawBody).toBe('string');
	expect(typeof seven[0].time).toBe('string');
	await fetch(`${sb.url}/__sandbox/requests`, { method: 'DELETE' });
	expect(await (await fetch(`${sb.url}/__sandbox/requests`)).json()).toEqual([]);
});

test('faults: status/body for next N matching requests, then normal; recorded', async () => {
	const cfg = await post('/__sandbox/config', { faults: [{ provider: 'engine', path: '/api/messages/send', count: 2, status: 502, body: { boom: true } }] });
	expect(cfg.status).toBe(200);
	const a = await post('/engine/api/messages/send', { phone: '573001234567', message: 'x' }, ENGINE);
	const b = await post('/engine/api/messages/send', { phone: '573001234567', message: 'x' }, ENGINE);
	const c = await post('/engine/api/messages/send', { phone: '573001234567', message: 'x' }, ENGINE);
	expect([a.status, b.status, c.status]).toEqual([502, 502, 200]);
	expect(a.data).toEqual({ boom: true });
	const rec = await (await fetch(`${sb.url}/__sandbox/requests?provider=engine`)).json();
	expect(rec).toHaveLength(3);
	expect(rec[0].fault).toMatchObject({ status: 502 });
});

test('faults: reset, html, badjson kinds', async () => {
	await post('/__sandbox/config', { faults: [{ provider: 'whaapy', kind: 'reset', count: 1 }, { provider: 'whaapy', kind: 'html', count: 1 }, { provider: 'whaapy', kind: 'badjson', count: 1 }] });
	await expect(fetch(`${sb.url}/whaapy/templates/v1`, { headers: WHAAPY })).rejects.toThrow();
	const html = await fetch(`${sb.url}/whaapy/templates/v1`, { headers: WHAAPY });
	expect(html.status).toBe(502);
	expect(html.headers.get('content-type')).toMatch(/text\/html/);
	const bad = await fetch(`${sb.url}/whaapy/templates/v1`, { headers: WHAAPY });
	await expect(bad.json()).rejects.toThrow();
	expect((await fetch(`${sb.url}/whaapy/templates/v1`, { headers: WHAAPY })).status).toBe(200);
});

test('fault kind hang never answers (client aborts)', async () => {
	await post('/__sandbox/config', { faults: [{ provider: 'innova', kind: 'hang', count: 1 }] });
	const ctl = new AbortController();
	const t = setTimeout(() => ctl.abort(), 200);
	await expect(fetch(`${sb.url}/innova/api/whatsapp/enviar`, { method: 'POST', signal: ctl.signal })).rejects.toThrow();
	clearTimeout(t);
});

test('latency and rateLimit (429 + Retry-After: 1)', async () => {
	await post('/__sandbox/config', { latencyMs: 150 });
	mockSleeps.length = 0;
	await fetch(`${sb.url}/engine/health`);
	expect(mockSleeps).toEqual([150]);
	await post('/__sandbox/config', { latencyMs: 0, rateLimit: { provider: 'seven', perSecond: 2 } });
	const codes = [];
	let last;
	for (let i = 0; i < 3; i++) {
		last = await fetch(`${sb.url}/seven/api/balance`, { headers: SEVEN });
		codes.push(last.status);
	}
	expect(codes).toEqual([200, 200, 429]);
	expect(last.headers.get('retry-after')).toBe('1');
	const bad = await post('/__sandbox/config', { nope: 1 });
	expect(bad.status).toBe(400);
});

test('engine fire: flat + wrapped, HMAC hex of exact body, invalid/missing signature, toggled hook skipped', async () => {
	const reg = await post('/engine/api/webhooks/register', { url: `${receiverUrl}/engine`, events: ['message', 'ready'], secret: 's3cret' }, ENGINE);
	await post('/engine/api/webhooks/register', { url: `${receiverUrl}/engine-off`, events: ['message'] }, ENGINE);
	const off = (await (await fetch(`${sb.url}/engine/api/webhooks`, { headers: ENGINE })).json()).data.find((w) => w.url.endsWith('engine-off'));
	await post(`/engine/api/webhooks/${off.id}/toggle`, {}, ENGINE);
	const res = await post('/__sandbox/fire', { provider: 'engine', event: 'message' });
	expect(res.data).toHaveLength(1);
	expect(res.data[0]).toMatchObject({ url: `${receiverUrl}/engine`, status: 200, responseBody: '{"ok":true}' });
	const d = received[0];
	expect(d.headers['x-webhook-event']).toBe('message');
	expect(d.headers['x-webhook-signature']).toBe(hmac('s3cret', d.raw));
	const body = JSON.parse(d.raw);
	expect(body.event).toBe('message');
	expect(body.data).toMatchObject({ from: expect.stringMatching(/@c\.us$/), body: expect.any(String), type: 'chat' });
	await post('/__sandbox/fire', { provider: 'engine', event: 'message', shape: 'wrapped', signature: 'invalid' });
	const w = JSON.parse(received[1].raw);
	expect(w.data.message.body).toEqual(expect.any(String));
	expect(w.data.connectionId).toBeDefined();
	expect(received[1].headers['x-webhook-signature']).not.toBe(hmac('s3cret', received[1].raw));
	await post('/__sandbox/fire', { provider: 'engine', event: 'message', signature: 'missing' });
	expect(received[2].headers['x-webhook-signature']).toBeUndefined();
	expect(reg.status).toBe(201);
});

test('seven fire: X-Signature over ts\\nnonce\\nMETHOD\\nURL\\nmd5(body) with signing key; replay is byte-identical', async () => {
	await post('/seven/api/hooks', { target_url: `${receiverUrl}/seven?a=1`, event_type: 'wa_mo', request_method: 'JSON' }, SEVEN);
	await post('/seven/api/hooks', { target_url: `${receiverUrl}/seven-dlr`, event_type: 'dlr', request_method: 'JSON' }, SEVEN);
	const res = await post('/__sandbox/fire', { provider: 'seven', event: 'wa_mo' });
	expect(res.data).toHaveLength(1);
	const d = received[0];
	const { 'x-signature': sig, 'x-timestamp': ts, 'x-nonce': nonce } = d.headers;
	expect(nonce).toMatch(/^[A-Za-z0-9]{32}$/);
	expect(Math.abs(Date.now() / 1000 - Number(ts))).toBeLessThan(30);
	const md5 = crypto.createHash('md5').update(d.raw).digest('hex');
	const expected = hmac('sandbox-seven-signing-key', `${ts}\n${nonce}\nPOST\n${receiverUrl}/seven?a=1\n${md5}`);
	expect(sig).toBe(expected);
	const body = JSON.parse(d.raw);
	expect(body).toMatchObject({ webhook_event: 'wa_mo', webhook_timestamp: expect.any(String), data: expect.any(Object) });
	await post('/__sandbox/fire', { replay: true });
	expect(received[1].raw).toBe(d.raw);
	expect(received[1].headers['x-nonce']).toBe(nonce);
	expect(received[1].headers['x-signature']).toBe(sig);
	await post('/__sandbox/fire', { provider: 'seven', event: 'wa_mo', signature: 'invalid' });
	expect(received[2].headers['x-signature']).not.toBe(
		hmac('sandbox-seven-signing-key', `${received[2].headers['x-timestamp']}\n${received[2].headers['x-nonce']}\nPOST\n${receiverUrl}/seven?a=1\n${crypto.createHash('md5').update(received[2].raw).digest('hex')}`),
	);
});

test('whaapy fire: HMAC hex of raw body with registration secret, unique whd_ delivery ids, replay keeps the id', async () => {
	const reg = await post('/whaapy/user-webhooks', { name: 'n8n', url: `${receiverUrl}/whaapy`, events: ['message.received'] }, WHAAPY);
	const secret = reg.data.data.secret;
	await post('/__sandbox/fire', { provider: 'whaapy', event: 'message.received' });
	await post('/__sandbox/fire', { provider: 'whaapy', event: 'message.received' });
	await post('/__sandbox/fire', { replay: true });
	expect(received).toHaveLength(3);
	for (const d of received) {
		expect(d.headers['x-webhook-signature']).toBe(hmac(secret, d.raw));
		expect(d.headers['x-webhook-event']).toBe('message.received');
		expect(d.headers['x-webhook-delivery-id']).toMatch(/^whd_/);
	}
	expect(received[0].headers['x-webhook-delivery-id']).not.toBe(received[1].headers['x-webhook-delivery-id']);
	expect(received[2].headers['x-webhook-delivery-id']).toBe(received[1].headers['x-webhook-delivery-id']);
	const body = JSON.parse(received[0].raw);
	expect(body).toMatchObject({ event: 'message.received', data: { message: { type: 'text', from: expect.stringMatching(/^\+/) } } });
	const none = await post('/__sandbox/fire', { provider: 'whaapy', event: 'message.read' });
	expect(none.data).toEqual([]);
});

test('decision fire: unsigned {message_id,status} to callback_urls; status visible via receive-whatsapp', async () => {
	const s = await post('/decision/v1/api/send-whatsapp', { source_addr: 'C', destination_addr: '380631111111', message_type: 1, text: 'x', callback_url: `${receiverUrl}/dt` }, DECISION);
	const res = await post('/__sandbox/fire', { provider: 'decision', event: 'seen' });
	expect(res.data[0].status).toBe(200);
	expect(JSON.parse(received[0].raw)).toEqual({ message_id: s.data.message_id, status: 7 });
	const st = await post('/decision/v1/api/receive-whatsapp', { message_id: s.data.message_id }, DECISION);
	expect(st.data.status).toBe(7);
	const hooks = await (await fetch(`${sb.url}/__sandbox/webhooks`)).json();
	expect(hooks.decision[0].url).toBe(`${receiverUrl}/dt`);
});

test('non-local webhook targets are refused', async () => {
	await post('/engine/api/webhooks/register', { url: 'https://example.com/hook', events: ['message'] }, ENGINE);
	const res = await post('/__sandbox/fire', { provider: 'engine', event: 'message' });
	expect(res.data[0]).toMatchObject({ status: null, error: expect.stringMatching(/refused/) });
});
