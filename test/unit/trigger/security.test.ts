/**
 * Trust at the edges (issue #10): fail-closed verification, replays, lookups on input, and the
 * DecisionTelecom callback token, through n8n-core's real HookContext/WebhookContext.
 */
import { createHmac } from 'crypto';
import nock from 'nock';

import { createTrigger, PRODUCTION_URL } from '../../helpers/trigger';
import { TEST_CREDENTIALS } from '../../helpers/workflow';
import { withCallbackToken } from '../../../nodes/WhatsAppGateway/providers/decisionTelecom/verify';
import { redact } from '../../../nodes/WhatsAppGateway/transport/redact';

const ENGINE = 'http://engine.test:3000';
const ENGINE_KEY = 'engine-secret-key-000';
const engineSecret = createHmac('sha256', ENGINE_KEY).update(`n8n-whatsapp-gateway/engine-webhook/v1\n${PRODUCTION_URL}`).digest('hex');
const sign = (body: string, secret = engineSecret) => createHmac('sha256', secret).update(body).digest('hex');

async function engineTrigger(options: Record<string, unknown> = {}) {
	const trigger = createTrigger({ parameters: { provider: 'engine', events: ['message'], options } });
	nock(ENGINE).get('/api/webhooks').twice().reply(200, { success: true, data: [] });
	nock(ENGINE).post('/api/webhooks/register').reply(201, { success: true, data: { webhookId: 'wh_1', url: PRODUCTION_URL, events: ['message'] } });
	await trigger.activate();
	return trigger;
}

const DT_KEY = 'decision-hash-key-abc';
const TOKEN = createHmac('sha256', DT_KEY).update('n8n-whatsapp-gateway/decision-callback/v1\n/webhook/abc-123/webhook').digest('hex').slice(0, 32);

describe('Engine: signed events named like Object members', () => {
	test.each(['constructor', 'toString', '__proto__', 'hasOwnProperty'])('event "%s" is a plain engine.%s event, no 500', async (name) => {
		const trigger = await engineTrigger();
		const body = JSON.stringify({ event: name, timestamp: '2026-01-15T10:30:00.000Z', data: { x: 1 } });
		const result = await trigger.receive({ body, headers: { 'x-webhook-signature': sign(body) } });
		expect(result.status).toBe(200);
		expect(result.items?.map((i) => [i.json.event, i.json.status, i.json.verified])).toEqual([[`engine.${name}`, null, true]]);
	});

	test('unsigned and forged deliveries get 401 and start nothing', async () => {
		const trigger = await engineTrigger();
		const body = JSON.stringify({ event: 'message', data: { id: 'm1', from: '573001234567@c.us', body: 'hi' } });
		expect(await trigger.receive({ body })).toMatchObject({ status: 401, body: { error: 'Missing signature' } });
		expect(await trigger.receive({ body, headers: { 'x-webhook-signature': sign(body, 'guess') } })).toMatchObject({ status: 401, body: { error: 'Invalid signature' } });
	});

	test('a registration not made by this trigger (no secret known) is refused unless opted in', async () => {
		const stranger = createTrigger({ parameters: { provider: 'engine', events: ['message'] } });
		const body = JSON.stringify({ event: 'message', data: { id: 'm1', body: 'hi' } });
		expect(await stranger.receive({ body })).toMatchObject({ status: 401, body: { error: expect.stringContaining('cannot verify') } });
		const optedIn = createTrigger({ parameters: { provider: 'engine', events: ['message'], options: { acceptUnverified: true } } });
		expect((await optedIn.receive({ body })).items?.[0].json.verified).toBe(false);
	});

	test('the same message delivered twice (other envelope timestamp) runs once', async () => {
		const trigger = await engineTrigger();
		const message = (ts: string) => JSON.stringify({ event: 'message', timestamp: ts, data: { id: 'ABC', from: '573001234567@c.us', to: '573009876543@c.us', body: 'hi', type: 'chat', hasMedia: false } });
		const first = message('2026-01-15T10:30:00.000Z');
		const second = message('2026-01-15T10:30:04.000Z');
		expect((await trigger.receive({ body: first, headers: { 'x-webhook-signature': sign(first) } })).items).toHaveLength(1);
		expect(await trigger.receive({ body: second, headers: { 'x-webhook-signature': sign(second) } })).toMatchObject({ status: 200, body: { duplicate: true } });
	});
});

describe('DecisionTelecom callback token', () => {
	const dt = (options: Record<string, unknown> = {}, credentials = TEST_CREDENTIALS) =>
		createTrigger({ parameters: { provider: 'decisionTelecom', options }, credentials });

	test('the Send side adds wgt=HMAC(access key, path) to the callback URL; the trigger accepts it', async () => {
		const url = withCallbackToken(`${PRODUCTION_URL}?ref=7`, { accessKey: DT_KEY });
		expect(url).toBe(`${PRODUCTION_URL}?ref=7&wgt=${TOKEN}`);
		// The key given with surrounding spaces derives the same token (the credential trims it).
		expect(withCallbackToken(PRODUCTION_URL, { accessKey: ` ${DT_KEY} ` })).toBe(`${PRODUCTION_URL}?wgt=${TOKEN}`);
		const result = await dt().receive({ query: { wgt: TOKEN }, body: { message_id: 5, status: 1 } });
		expect(result.items?.map((i) => [i.json.messageId, i.json.status, i.json.verified])).toEqual([['5', 'delivered', true]]);
		expect(result.items?.[0].json.raw).toEqual({ message_id: 5, status: 1 });
	});

	test('a missing or wrong token gets 401', async () => {
		expect(await dt().receive({ body: { message_id: 5, status: 1 } })).toMatchObject({ status: 401, body: { error: 'Missing signature' } });
		expect(await dt().receive({ query: { wgt: TOKEN.replace(/.$/, '0') === TOKEN ? TOKEN.replace(/.$/, '1') : TOKEN.replace(/.$/, '0') }, body: { message_id: 5, status: 1 } })).toMatchObject({ status: 401, body: { error: 'Invalid signature' } });
		// A token for another workflow's path does not open this one.
		const other = createHmac('sha256', DT_KEY).update('n8n-whatsapp-gateway/decision-callback/v1\n/webhook/other/webhook').digest('hex').slice(0, 32);
		expect(await dt().receive({ query: { wgt: other }, body: { message_id: 5, status: 1 } })).toMatchObject({ status: 401 });
	});

	test('the same callback twice runs once (GET and POST); another status of the message runs', async () => {
		const trigger = dt();
		expect((await trigger.receive({ method: 'GET', query: { wgt: TOKEN, message_id: '9', status: '1' } })).items).toHaveLength(1);
		expect((await trigger.receive({ method: 'GET', query: { wgt: TOKEN, message_id: '9', status: '1' } })).items).toBeUndefined();
		expect((await trigger.receive({ query: { wgt: TOKEN }, body: { message_id: 9, status: 1 } })).items).toBeUndefined();
		expect((await trigger.receive({ query: { wgt: TOKEN }, body: { message_id: 9, status: 7 } })).items).toHaveLength(1);
	});

	test('status=__proto__ is "unknown", not an object', async () => {
		const result = await dt().receive({ method: 'GET', query: { wgt: TOKEN, message_id: '10', status: '__proto__' } });
		expect(result.items?.[0].json.status).toBe('unknown');
	});

	test('without a DecisionTelecom credential the trigger refuses to activate unless opted in', async () => {
		const { whatsAppGatewayDecisionTelecomApi: _unused, ...withoutDt } = TEST_CREDENTIALS;
		const trigger = createTrigger({ parameters: { provider: 'decisionTelecom' }, credentials: withoutDt });
		trigger.node.credentials = {};
		await expect(trigger.activate()).rejects.toThrow(
			'DecisionTelecom does not sign its callbacks, and without a DecisionTelecom credential on the trigger the callback token cannot be checked',
		);
		expect(await trigger.receive({ body: { message_id: 1, status: 1 } })).toMatchObject({ status: 401 });
		const optedIn = createTrigger({ parameters: { provider: 'decisionTelecom', options: { acceptUnverified: true } }, credentials: withoutDt });
		optedIn.node.credentials = {};
		expect(await optedIn.activate()).toEqual({ existed: true });
		expect((await optedIn.receive({ body: { message_id: 1, status: 1 } })).items?.[0].json.verified).toBe(false);
	});
});

describe('redaction', () => {
	test('URL-encoded secrets and keys given with surrounding spaces are redacted', () => {
		const key = 'abc/def+ghi=jkl mno';
		expect(redact(`url?key=${encodeURIComponent(key)}&x=1`, [key])).toBe('url?key=***&x=1');
		expect(redact('q=abc%2Fdef%2Bghi%3Djkl+mno', [key])).toBe('q=***');
		expect(redact('Basic auth with decision-key-42 sent', ['  decision-key-42  '])).toBe('Basic auth with *** sent');
		expect(redact(Buffer.from('decision-key-42').toString('base64'), [' decision-key-42 '])).toBe('***');
	});
});
