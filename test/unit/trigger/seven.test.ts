import { createHash, createHmac } from 'crypto';
import nock from 'nock';

import { createTrigger, PRODUCTION_URL } from '../../helpers/trigger';
import { TEST_CREDENTIALS } from '../../helpers/workflow';

const SEVEN = 'https://gateway.seven.io';
const KEY = { 'x-api-key': 'seven-secret-key-456' };
const SIGNING_KEY = 'seven-signing-789';

function signed(body: string, opts: { url?: string; ts?: number; nonce?: string; key?: string; method?: string } = {}) {
	const ts = String(opts.ts ?? Math.floor(Date.now() / 1000));
	const nonce = opts.nonce ?? `N${Math.random().toString(36).slice(2).padEnd(31, 'x')}`.slice(0, 32);
	const md5 = createHash('md5').update(body).digest('hex');
	const toSign = `${ts}\n${nonce}\n${opts.method ?? 'POST'}\n${opts.url ?? PRODUCTION_URL}\n${md5}`;
	const signature = createHmac('sha256', opts.key ?? SIGNING_KEY).update(toSign).digest('hex');
	return { 'x-signature': signature, 'x-timestamp': ts, 'x-nonce': nonce };
}

function sevenTrigger(parameters: Record<string, unknown> = {}, credentials = TEST_CREDENTIALS) {
	return createTrigger({ parameters: { provider: 'seven', events: ['wa_mo'], ...parameters }, credentials });
}

const waMo = {
	webhook_event: 'wa_mo',
	webhook_timestamp: '2026-01-15 10:30:05',
	data: { id: '681590', sender: '4917612345678', system: '4915112345678', text: 'Hallo', time: '1768473000', message_type: 'WHATSAPP' },
};

describe('seven trigger lifecycle', () => {
	test('activation subscribes one JSON hook per event with the production URL', async () => {
		const trigger = sevenTrigger({ events: ['wa_mo', 'dlr'] });
		nock(SEVEN, { reqheaders: KEY }).get('/api/hooks').twice().reply(200, { success: true, code: null, hooks: [] });
		const dlr = nock(SEVEN, { reqheaders: { ...KEY, 'content-type': 'application/json' } })
			.post('/api/hooks', { target_url: PRODUCTION_URL, event_type: 'dlr', request_method: 'JSON' })
			.reply(200, { success: true, id: 1234 });
		const mo = nock(SEVEN, { reqheaders: KEY })
			.post('/api/hooks', { target_url: PRODUCTION_URL, event_type: 'wa_mo', request_method: 'JSON' })
			.reply(200, { success: true, id: 1235 });
		expect(await trigger.activate()).toEqual({ existed: false });
		expect(dlr.isDone() && mo.isDone()).toBe(true);
		expect(trigger.staticData()).toEqual({
			registrations: { [PRODUCTION_URL]: { url: PRODUCTION_URL, ids: ['1234', '1235'], events: ['dlr', 'wa_mo'] } },
		});
	});

	test('checkExists takes over existing hooks for our URL (the signing key is the account\'s)', async () => {
		const trigger = sevenTrigger();
		nock(SEVEN, { reqheaders: KEY })
			.get('/api/hooks')
			.reply(200, {
				success: true,
				code: null,
				hooks: [
					{ id: '410', target_url: PRODUCTION_URL, headers: '', event_type: 'wa_mo', event_filter: null, request_method: 'JSON', enabled: true, created: '2026-01-01 10:00:00' },
					{ id: '411', target_url: 'https://elsewhere.example.com/x', event_type: 'wa_mo', request_method: 'JSON', enabled: true },
				],
			});
		expect(await trigger.checkExists()).toBe(true);
		expect(trigger.staticData().registrations).toEqual({ [PRODUCTION_URL]: { url: PRODUCTION_URL, ids: ['410'], events: ['wa_mo'] } });
	});

	test('checkExists is false when our URL has hooks for other events; create replaces them', async () => {
		const trigger = sevenTrigger();
		const hooks = { success: true, code: null, hooks: [{ id: '410', target_url: PRODUCTION_URL, event_type: 'dlr', request_method: 'JSON', enabled: true }] };
		nock(SEVEN).get('/api/hooks').twice().reply(200, hooks);
		const unsubscribe = nock(SEVEN, { reqheaders: KEY }).delete('/api/hooks', { id: 410 }).query({ id: '410' }).reply(200, { success: true });
		const subscribe = nock(SEVEN).post('/api/hooks', { target_url: PRODUCTION_URL, event_type: 'wa_mo', request_method: 'JSON' }).reply(200, { success: true, id: 500 });
		expect(await trigger.activate()).toEqual({ existed: false });
		expect(unsubscribe.isDone() && subscribe.isDone()).toBe(true);
	});

	test('delete unsubscribes every stored hook with its id in the query and the body', async () => {
		const trigger = sevenTrigger({ events: ['wa_mo', 'dlr'] });
		nock(SEVEN).get('/api/hooks').twice().reply(200, { success: true, hooks: [] });
		nock(SEVEN).post('/api/hooks').reply(200, { success: true, id: 1 }).post('/api/hooks').reply(200, { success: true, id: 2 });
		await trigger.activate();
		const first = nock(SEVEN, { reqheaders: KEY }).delete('/api/hooks', { id: 1 }).query({ id: '1' }).reply(200, { success: true });
		const second = nock(SEVEN, { reqheaders: KEY }).delete('/api/hooks', { id: 2 }).query({ id: '2' }).reply(200, { success: true });
		expect(await trigger.delete()).toBe(true);
		expect(first.isDone() && second.isDone()).toBe(true);
		expect(trigger.staticData().registrations).toEqual({});
	});

	test('seven refusing the subscription (HTTP 200, success:false) fails the activation', async () => {
		const trigger = sevenTrigger();
		nock(SEVEN).get('/api/hooks').reply(200, { success: true, hooks: [] });
		nock(SEVEN).post('/api/hooks').reply(200, { success: false, code: 400, error_message: 'Invalid target_url' });
		await expect(trigger.create()).rejects.toThrow(/^seven\.io: /);
	});
});

describe('seven deliveries', () => {
	test('a signed wa_mo becomes message.received', async () => {
		const trigger = sevenTrigger();
		const body = JSON.stringify(waMo);
		const result = await trigger.receive({ body, headers: signed(body) });
		expect(result.items).toEqual([
			{
				json: {
					provider: 'seven',
					event: 'message.received',
					from: '4917612345678',
					to: '4915112345678',
					messageId: '681590',
					status: null,
					text: 'Hallo',
					media: null,
					timestamp: '2026-01-15T10:30:00.000Z',
					raw: waMo,
					verified: true,
				},
			},
		]);
	});

	test('help.seven.io\'s WhatsApp example shape is understood as well', async () => {
		const trigger = sevenTrigger();
		const payload = { event: 'wa_mo', from: '491701234567', to: '491709876543', timestamp: '2026-01-15T10:30:00Z', message: { type: 'text', text: 'Hello, I have a question about my order.' } };
		const body = JSON.stringify(payload);
		const result = await trigger.receive({ body, headers: signed(body) });
		expect(result.items?.[0].json).toEqual({
			provider: 'seven',
			event: 'message.received',
			from: '491701234567',
			to: '491709876543',
			messageId: null,
			status: null,
			text: 'Hello, I have a question about my order.',
			media: null,
			timestamp: '2026-01-15T10:30:00.000Z',
			raw: payload,
			verified: true,
		});
	});

	test.each([
		['DELIVERED', 'delivered'],
		['NOTDELIVERED', 'failed'],
		['TRANSMITTED', 'sent'],
		['BUFFERED', 'pending'],
		['read', 'read'],
		['SOMETHING', 'unknown'],
	])('dlr status %s → %s', async (sevenStatus, status) => {
		const trigger = sevenTrigger({ events: ['dlr'] });
		const payload = { webhook_event: 'dlr', webhook_timestamp: '2021-08-24T08:08:00+02:00', data: { msg_id: '77149843739', status: sevenStatus, timestamp: '2021-08-24 08:08:00.000000' } };
		const body = JSON.stringify(payload);
		const result = await trigger.receive({ body, headers: signed(body) });
		expect(result.items?.[0].json).toEqual({
			provider: 'seven',
			event: 'message.status',
			from: null,
			to: null,
			messageId: '77149843739',
			status,
			text: null,
			media: null,
			timestamp: '2021-08-24T08:08:00.000Z',
			raw: payload,
			verified: true,
		});
	});

	test('a wrong signature answers 401', async () => {
		const trigger = sevenTrigger();
		const body = JSON.stringify(waMo);
		const result = await trigger.receive({ body, headers: signed(body, { key: 'not-the-signing-key' }) });
		expect(result).toMatchObject({ status: 401, body: { error: 'Invalid signature' } });
		expect(result.items).toBeUndefined();
	});

	test('a missing signature answers 401', async () => {
		const trigger = sevenTrigger();
		const result = await trigger.receive({ body: JSON.stringify(waMo) });
		expect(result).toMatchObject({ status: 401, body: { error: 'Missing signature' } });
	});

	test('a signature for another URL or another method answers 401', async () => {
		const trigger = sevenTrigger();
		const body = JSON.stringify(waMo);
		expect((await trigger.receive({ body, headers: signed(body, { url: 'https://attacker.example.com/webhook/abc-123/webhook' }) })).status).toBe(401);
		expect((await trigger.receive({ body, headers: signed(body, { method: 'GET' }) })).status).toBe(401);
	});

	test('a timestamp older than 30 seconds answers 401; the window can be widened', async () => {
		const body = JSON.stringify(waMo);
		const old = Math.floor(Date.now() / 1000) - 60;
		const strict = sevenTrigger();
		expect(await strict.receive({ body, headers: signed(body, { ts: old }) })).toMatchObject({ status: 401, body: { error: 'Signature timestamp outside the allowed window' } });
		const relaxed = sevenTrigger({ options: { signatureMaxAge: 300 } });
		expect((await relaxed.receive({ body, headers: signed(body, { ts: old }) })).items).toHaveLength(1);
	});

	test('a replayed nonce is dropped (200, no run); the memory is kept as digests in static data', async () => {
		const trigger = sevenTrigger();
		const body = JSON.stringify(waMo);
		const headers = signed(body, { nonce: 'AbCdEfGhIjKlMnOpQrStUvWxYz012345' });
		expect((await trigger.receive({ body, headers })).items).toHaveLength(1);
		const replay = await trigger.receive({ body, headers });
		expect(replay).toMatchObject({ status: 200, body: { received: true, duplicate: true } });
		expect(replay.items).toBeUndefined();
		const digest = (k: string) => createHash('sha256').update(k).digest('hex').slice(0, 16);
		expect(trigger.staticData().seen).toEqual([
			digest(`seven:body:${createHash('sha256').update(body).digest('hex')}`),
			digest('seven:nonce:AbCdEfGhIjKlMnOpQrStUvWxYz012345'),
			digest('seven:message.received:681590:'),
		]);
	});

	test('the same event signed anew (new nonce and timestamp, other envelope) runs once', async () => {
		const trigger = sevenTrigger();
		const body = JSON.stringify(waMo);
		expect((await trigger.receive({ body, headers: signed(body) })).items).toHaveLength(1);
		const resent = JSON.stringify({ ...waMo, webhook_timestamp: '2026-01-15 10:30:09' });
		const again = await trigger.receive({ body: resent, headers: signed(resent) });
		expect(again).toMatchObject({ status: 200, body: { received: true, duplicate: true } });
		// Another status of the same message is a new event.
		const dlr = (status: string) => JSON.stringify({ webhook_event: 'dlr', webhook_timestamp: '2026-01-15 10:00:00', data: { msg_id: '9', status } });
		const reports = sevenTrigger({ events: ['dlr'] });
		expect((await reports.receive({ body: dlr('DELIVERED'), headers: signed(dlr('DELIVERED')) })).items).toHaveLength(1);
		expect((await reports.receive({ body: dlr('READ'), headers: signed(dlr('READ')) })).items).toHaveLength(1);
	});

	test('the signed URL may be the one behind a proxy (X-Forwarded-Host / -Proto)', async () => {
		const trigger = sevenTrigger();
		const body = JSON.stringify(waMo);
		const publicUrl = 'https://n8n.example.com/webhook/abc-123/webhook';
		const result = await trigger.receive({
			body,
			headers: { ...signed(body, { url: publicUrl }), 'x-forwarded-host': 'n8n.example.com', 'x-forwarded-proto': 'https' },
		});
		expect(result.items).toHaveLength(1);
	});

	test('without a signing key: activation fails closed, deliveries get 401; opted in, items say verified: false', async () => {
		const credentials = { ...TEST_CREDENTIALS, whatsAppGatewaySevenApi: { apiKey: 'seven-secret-key-456', signingKey: '', baseUrl: SEVEN } };
		const trigger = sevenTrigger({}, credentials);
		await expect(trigger.activate()).rejects.toThrow(
			'The seven.io credential has no Signing Key, so deliveries cannot be verified: the trigger will not accept unverified deliveries',
		);
		expect(nock.pendingMocks()).toEqual([]);
		const refused = await trigger.receive({ body: JSON.stringify(waMo) });
		expect(refused).toMatchObject({ status: 401, body: { error: expect.stringContaining('cannot verify deliveries') } });
		expect(refused.items).toBeUndefined();

		const optedIn = sevenTrigger({ options: { acceptUnverified: true } }, credentials);
		nock(SEVEN).get('/api/hooks').twice().reply(200, { success: true, hooks: [] });
		nock(SEVEN).post('/api/hooks').reply(200, { success: true, id: 1 });
		await optedIn.activate();
		const result = await optedIn.receive({ body: JSON.stringify(waMo) });
		expect(result.items?.map((i) => i.json.verified)).toEqual([false]);
	});

	test('Only Statuses keeps failed reports and drops delivered ones; Event Types without Message Status drops all', async () => {
		const failedOnly = sevenTrigger({ events: ['dlr'], options: { statuses: ['failed'] } });
		const report = (status: string) => JSON.stringify({ webhook_event: 'dlr', webhook_timestamp: '2026-01-15 10:00:00', data: { msg_id: '1', status } });
		const delivered = report('DELIVERED');
		expect((await failedOnly.receive({ body: delivered, headers: signed(delivered) })).items).toBeUndefined();
		const failed = report('NOTDELIVERED');
		expect((await failedOnly.receive({ body: failed, headers: signed(failed) })).items?.[0].json.status).toBe('failed');

		const ignoring = sevenTrigger({ events: ['dlr', 'wa_mo'], options: { eventTypes: ['message.received'] } });
		expect((await ignoring.receive({ body: failed, headers: signed(failed) })).items).toBeUndefined();
		const mo = JSON.stringify(waMo);
		expect((await ignoring.receive({ body: mo, headers: signed(mo) })).items).toHaveLength(1);
	});
});
