import { createHash, createHmac } from 'crypto';
import type { IDataObject } from 'n8n-workflow';
import nock from 'nock';

import { createTrigger, PRODUCTION_URL, TEST_URL } from '../../helpers/trigger';

const ENGINE = 'http://engine.test:3000';
const KEY = { 'x-api-key': 'engine-secret-key-000' };

const sign = (secret: string, body: string) => createHmac('sha256', secret).update(body).digest('hex');
/** The secret the node derives for a URL from the credential's API key (nothing secret is stored). */
const derived = (url: string) => createHmac('sha256', KEY['x-api-key']).update(`n8n-whatsapp-gateway/engine-webhook/v1\n${url}`).digest('hex');
const fingerprint = (secret: string) => createHash('sha256').update(`fingerprint\n${secret}`).digest('hex').slice(0, 16);

function engineTrigger(parameters: IDataObject = {}, staticData?: IDataObject) {
	return createTrigger({ parameters: { provider: 'engine', events: ['message'], ...parameters }, staticData });
}

/** Activates a trigger against an Engine with no webhooks; returns the generated secret. */
async function activated(parameters: IDataObject = {}) {
	const trigger = engineTrigger(parameters);
	let secret = '';
	nock(ENGINE, { reqheaders: KEY }).get('/api/webhooks').twice().reply(200, { success: true, data: [] });
	nock(ENGINE, { reqheaders: KEY })
		.post('/api/webhooks/register', (body: { secret: string }) => {
			secret = body.secret;
			return true;
		})
		.reply(201, { success: true, message: 'Webhook registrado exitosamente', data: { webhookId: 'wh_1', url: PRODUCTION_URL, events: ['message'] } });
	await trigger.activate();
	return { trigger, secret };
}

describe('Engine trigger lifecycle', () => {
	test('activation registers the production URL with the events and a secret derived from the API key (not stored)', async () => {
		const trigger = engineTrigger({ events: ['ready', 'message'] });
		const list = nock(ENGINE, { reqheaders: KEY }).get('/api/webhooks').twice().reply(200, { success: true, data: [] });
		let sent: Record<string, unknown> = {};
		const register = nock(ENGINE, { reqheaders: { ...KEY, 'content-type': 'application/json' } })
			.post('/api/webhooks/register', (body: Record<string, unknown>) => {
				sent = body;
				return true;
			})
			.reply(201, { success: true, data: { webhookId: 'wh_100', url: PRODUCTION_URL, events: ['message', 'ready'] } });

		expect(await trigger.activate()).toEqual({ existed: false });

		expect(list.isDone() && register.isDone()).toBe(true);
		expect(Object.keys(sent).sort()).toEqual(['events', 'secret', 'url']);
		expect(sent.url).toBe(PRODUCTION_URL);
		expect(sent.events).toEqual(['message', 'ready']);
		expect(sent.secret).toBe(derived(PRODUCTION_URL));
		expect(trigger.staticData()).toEqual({
			registrations: { [PRODUCTION_URL]: { url: PRODUCTION_URL, ids: ['wh_100'], events: ['message', 'ready'], secretId: fingerprint(derived(PRODUCTION_URL)) } },
		});
		expect(JSON.stringify(trigger.staticData())).not.toContain(derived(PRODUCTION_URL));
	});

	test('checkExists is true while the Engine still lists the registration', async () => {
		const { trigger, secret } = await activated();
		nock(ENGINE, { reqheaders: KEY })
			.get('/api/webhooks')
			.reply(200, { success: true, data: [{ id: 'wh_1', url: PRODUCTION_URL, events: ['message'], active: true, createdAt: '2026-01-01T00:00:00Z' }] });
		expect(await trigger.checkExists()).toBe(true);
		expect(secret).toBe(derived(PRODUCTION_URL));
		expect(trigger.staticData().registrations).toEqual({ [PRODUCTION_URL]: { url: PRODUCTION_URL, ids: ['wh_1'], events: ['message'], secretId: fingerprint(secret) } });
	});

	test('a registration lost in an Engine restart is noticed and made again', async () => {
		const { trigger, secret } = await activated();
		nock(ENGINE, { reqheaders: KEY }).get('/api/webhooks').twice().reply(200, { success: true, data: [] });
		let second = '';
		const register = nock(ENGINE, { reqheaders: KEY })
			.post('/api/webhooks/register', (body: { url: string; events: string[]; secret: string }) => {
				second = body.secret;
				return body.url === PRODUCTION_URL && body.events.join() === 'message';
			})
			.reply(201, { success: true, data: { webhookId: 'wh_2', url: PRODUCTION_URL, events: ['message'] } });
		expect(await trigger.activate()).toEqual({ existed: false });
		expect(register.isDone()).toBe(true);
		// Derived, so the same secret again: deliveries still in flight keep verifying.
		expect(second).toBe(secret);
		expect(trigger.staticData().registrations).toEqual({ [PRODUCTION_URL]: { url: PRODUCTION_URL, ids: ['wh_2'], events: ['message'], secretId: fingerprint(secret) } });
	});

	test('an inactive (toggled off) registration or changed events count as missing', async () => {
		const { trigger } = await activated();
		nock(ENGINE).get('/api/webhooks').reply(200, { success: true, data: [{ id: 'wh_1', url: PRODUCTION_URL, events: ['message'], active: false }] });
		expect(await trigger.checkExists()).toBe(false);
		const changed = engineTrigger({ events: ['message', 'qr'] }, trigger.workflow.staticData);
		nock(ENGINE).get('/api/webhooks').reply(200, { success: true, data: [{ id: 'wh_1', url: PRODUCTION_URL, events: ['message'], active: true }] });
		expect(await changed.checkExists()).toBe(false);
	});

	test('create removes registrations for the same URL it cannot use (unknown secret) and leaves others alone', async () => {
		const trigger = engineTrigger();
		nock(ENGINE)
			.get('/api/webhooks')
			.reply(200, {
				success: true,
				data: [
					{ id: 'wh_old', url: PRODUCTION_URL, events: ['message'], active: true },
					{ id: 'wh_other', url: 'https://other.example.com/hook', events: ['message'], active: true },
				],
			});
		const removed = nock(ENGINE, { reqheaders: KEY }).delete('/api/webhooks/wh_old').reply(200, { success: true, message: 'Webhook eliminado exitosamente' });
		const register = nock(ENGINE).post('/api/webhooks/register').reply(201, { success: true, data: { webhookId: 'wh_new', url: PRODUCTION_URL, events: ['message'] } });
		expect(await trigger.create()).toBe(true);
		expect(removed.isDone() && register.isDone()).toBe(true);
		expect((trigger.staticData().registrations as Record<string, { ids: string[] }>)[PRODUCTION_URL].ids).toEqual(['wh_new']);
	});

	test('delete removes the registration; one the Engine already forgot (404) is fine', async () => {
		const { trigger } = await activated();
		const del = nock(ENGINE, { reqheaders: KEY }).delete('/api/webhooks/wh_1').reply(404, { success: false, error: 'Webhook no encontrado' });
		const list = nock(ENGINE, { reqheaders: KEY }).get('/api/webhooks').reply(200, { success: true, data: [] });
		expect(await trigger.delete()).toBe(true);
		expect(del.isDone()).toBe(true);
		expect(list.isDone()).toBe(true);
		expect(trigger.staticData().registrations).toEqual({});
	});

	test('delete also removes a registration of its URL made after the Engine forgot ours (Ensure Registered)', async () => {
		const { trigger } = await activated();
		nock(ENGINE, { reqheaders: KEY }).delete('/api/webhooks/wh_1').reply(404, { success: false, error: 'Webhook no encontrado' });
		nock(ENGINE, { reqheaders: KEY })
			.get('/api/webhooks')
			.reply(200, {
				success: true,
				data: [
					{ id: 'wh_ensured', url: PRODUCTION_URL, events: ['message'], active: true },
					{ id: 'wh_other', url: 'https://elsewhere.example.com/hook', events: ['message'], active: true },
				],
			});
		const ensured = nock(ENGINE, { reqheaders: KEY }).delete('/api/webhooks/wh_ensured').reply(200, { success: true, message: 'Webhook eliminado exitosamente' });
		expect(await trigger.delete()).toBe(true);
		expect(ensured.isDone()).toBe(true);
		expect(nock.pendingMocks()).toEqual([]);
		expect(trigger.staticData().registrations).toEqual({});
	});

	test('delete sends DELETE /api/webhooks/{id}', async () => {
		const { trigger } = await activated();
		const del = nock(ENGINE, { reqheaders: KEY }).delete('/api/webhooks/wh_1').reply(200, { success: true, message: 'Webhook eliminado exitosamente' });
		expect(await trigger.delete()).toBe(true);
		expect(del.isDone()).toBe(true);
	});

	test('the test URL is registered separately and its events verify with its own secret', async () => {
		const { trigger, secret } = await activated();
		let testSecret = '';
		nock(ENGINE).get('/api/webhooks').twice().reply(200, { success: true, data: [{ id: 'wh_1', url: PRODUCTION_URL, events: ['message'], active: true }] });
		nock(ENGINE)
			.post('/api/webhooks/register', (body: { url: string; secret: string }) => {
				testSecret = body.secret;
				return body.url === TEST_URL;
			})
			.reply(201, { success: true, data: { webhookId: 'wh_t', url: TEST_URL, events: ['message'] } });
		expect(await trigger.activate({ test: true })).toEqual({ existed: false });
		const registrations = trigger.staticData().registrations as Record<string, { secretId: string }>;
		expect(Object.keys(registrations).sort()).toEqual([PRODUCTION_URL, TEST_URL].sort());
		expect(secret).toBe(derived(PRODUCTION_URL));
		expect(testSecret).toBe(derived(TEST_URL));
		expect(registrations[TEST_URL].secretId).toBe(fingerprint(testSecret));

		const body = JSON.stringify({ event: 'message', timestamp: '2026-01-15T10:30:00.000Z', data: { id: 'm-test', from: '573001234567@c.us', to: '573009876543@c.us', body: 'hi', timestamp: 1768473000, type: 'chat', hasMedia: false } });
		const result = await trigger.receive({ url: TEST_URL, body, headers: { 'x-webhook-signature': sign(testSecret, body), 'x-webhook-event': 'message' } });
		expect(result.items?.[0].json.text).toBe('hi');

		nock(ENGINE).delete('/api/webhooks/wh_t').reply(200, { success: true });
		expect(await trigger.delete({ test: true })).toBe(true);
		expect(Object.keys(trigger.staticData().registrations as object)).toEqual([PRODUCTION_URL]);
	});

	test('an Engine error while registering fails activation with the provider message', async () => {
		const trigger = engineTrigger();
		nock(ENGINE).get('/api/webhooks').reply(200, { success: true, data: [] });
		nock(ENGINE).post('/api/webhooks/register').reply(403, { success: false, error: 'API Key inválida', code: 'INVALID_API_KEY' });
		await expect(trigger.create()).rejects.toThrow('WhatsApp API Engine: The API key is invalid');
	});
});

describe('Engine deliveries', () => {
	const flat = {
		event: 'message',
		timestamp: '2026-01-15T10:30:05.000Z',
		data: { id: 'false_573001234567@c.us_3EB0ABC', from: '573001234567@c.us', to: '573009876543@c.us', body: 'Hola', timestamp: 1768473000, type: 'chat', isForwarded: false, hasMedia: false },
	};
	const wrapped = {
		event: 'message',
		timestamp: '2026-01-15T10:30:05.000Z',
		data: {
			connectionId: 'default',
			message: {
				id: { fromMe: false, remote: '573001234567@c.us', id: '3EB0XYZ', _serialized: 'false_573001234567@c.us_3EB0XYZ' },
				body: 'Hola wrapped',
				type: 'chat',
				timestamp: 1768473000,
				from: '573001234567@c.us',
				to: '573009876543@c.us',
				hasMedia: false,
				_data: { notifyName: 'Cliente' },
			},
			connection: { id: 'default', status: 'connected' },
		},
	};

	test('a signed message (original flat shape) becomes one normalized item', async () => {
		const { trigger, secret } = await activated();
		const body = JSON.stringify(flat);
		const result = await trigger.receive({ body, headers: { 'x-webhook-event': 'message', 'x-webhook-signature': sign(secret, body) } });
		expect(result.status).toBe(200);
		expect(result.items).toEqual([
			{
				json: {
					provider: 'engine',
					event: 'message.received',
					from: '573001234567',
					to: '573009876543',
					messageId: 'false_573001234567@c.us_3EB0ABC',
					status: null,
					text: 'Hola',
					media: null,
					timestamp: '2026-01-15T10:30:00.000Z',
					raw: flat,
					verified: true,
				},
			},
		]);
	});

	test('the multi-tenant wrapped shape gives the same normalized fields', async () => {
		const { trigger, secret } = await activated();
		const body = JSON.stringify(wrapped);
		const result = await trigger.receive({ body, headers: { 'x-webhook-signature': sign(secret, body) } });
		expect(result.items?.[0].json).toMatchObject({
			provider: 'engine',
			event: 'message.received',
			from: '573001234567',
			to: '573009876543',
			messageId: 'false_573001234567@c.us_3EB0XYZ',
			text: 'Hola wrapped',
			timestamp: '2026-01-15T10:30:00.000Z',
		});
	});

	test('a wrong signature answers 401 and starts nothing', async () => {
		const { trigger } = await activated();
		const body = JSON.stringify(flat);
		const result = await trigger.receive({ body, headers: { 'x-webhook-signature': sign('not-the-secret', body) } });
		expect(result).toMatchObject({ status: 401, body: { error: 'Invalid signature' }, result: { noWebhookResponse: true } });
		expect(result.items).toBeUndefined();
	});

	test('a missing signature answers 401', async () => {
		const { trigger } = await activated();
		const result = await trigger.receive({ body: JSON.stringify(flat) });
		expect(result).toMatchObject({ status: 401, body: { error: 'Missing signature' } });
	});

	test('a signature over a different body (tampered payload) answers 401', async () => {
		const { trigger, secret } = await activated();
		const signed = JSON.stringify(flat);
		const tampered = signed.replace('Hola', 'Adios');
		const result = await trigger.receive({ body: tampered, headers: { 'x-webhook-signature': sign(secret, signed) } });
		expect(result.status).toBe(401);
	});

	test('the same message delivered twice starts one run', async () => {
		const { trigger, secret } = await activated();
		const body = JSON.stringify(flat);
		const headers = { 'x-webhook-signature': sign(secret, body) };
		expect((await trigger.receive({ body, headers })).items).toHaveLength(1);
		const again = await trigger.receive({ body, headers });
		expect(again.status).toBe(200);
		expect(again.items).toBeUndefined();
		expect(again.body).toEqual({ received: true, duplicate: true });
	});

	test('message_ack becomes message.status with the whatsapp-web.js ack mapped', async () => {
		const { trigger, secret } = await activated({ events: ['message_ack'] });
		const payload = { event: 'message_ack', timestamp: '2026-01-15T10:31:00.000Z', data: { connectionId: 'default', msg: wrapped.data.message, ack: 3, connection: {} } };
		const body = JSON.stringify(payload);
		const result = await trigger.receive({ body, headers: { 'x-webhook-signature': sign(secret, body) } });
		expect(result.items?.[0].json).toEqual({
			provider: 'engine',
			event: 'message.status',
			from: '573001234567',
			to: '573009876543',
			messageId: 'false_573001234567@c.us_3EB0XYZ',
			status: 'read',
			text: null,
			media: null,
			timestamp: '2026-01-15T10:31:00.000Z',
			raw: payload,
			verified: true,
		});
	});

	test.each([
		['qr', '2@QRDATA,key==', 'session.qr', 'qr_pending', '2@QRDATA,key=='],
		['ready', null, 'session.ready', 'connected', null],
		['authenticated', null, 'session.authenticated', 'authenticated', null],
		['disconnected', 'LOGOUT', 'session.disconnected', 'disconnected', 'LOGOUT'],
		['disconnected', { connectionId: 'default', reason: 'NAVIGATION' }, 'session.disconnected', 'disconnected', 'NAVIGATION'],
	])('session event %s', async (name, data, event, status, text) => {
		const { trigger, secret } = await activated();
		const body = JSON.stringify({ event: name, timestamp: '2026-01-15T10:30:00.000Z', data });
		const result = await trigger.receive({ body, headers: { 'x-webhook-signature': sign(secret, body) } });
		expect(result.items?.[0].json).toMatchObject({ provider: 'engine', event, status, text, from: null, messageId: null, timestamp: '2026-01-15T10:30:00.000Z' });
	});

	test('a media message reports hasMedia as media without a URL (the Engine sends none)', async () => {
		const { trigger, secret } = await activated({ options: { downloadMedia: true } });
		const payload = { event: 'message', timestamp: '2026-01-15T10:30:00.000Z', data: { ...flat.data, id: 'img-1', type: 'image', body: 'a caption', hasMedia: true } };
		const body = JSON.stringify(payload);
		const result = await trigger.receive({ body, headers: { 'x-webhook-signature': sign(secret, body) } });
		expect(result.items?.[0]).toEqual({
			json: expect.objectContaining({
				text: 'a caption',
				media: { type: 'image', url: null, id: null, mimeType: null, caption: 'a caption', fileName: null },
			}),
		});
	});

	test('Event Types option drops session events', async () => {
		const { trigger, secret } = await activated({ options: { eventTypes: ['message.received'] } });
		const body = JSON.stringify({ event: 'ready', timestamp: '2026-01-15T10:30:00.000Z', data: null });
		const result = await trigger.receive({ body, headers: { 'x-webhook-signature': sign(secret, body) } });
		expect(result.status).toBe(200);
		expect(result.items).toBeUndefined();
	});
});
