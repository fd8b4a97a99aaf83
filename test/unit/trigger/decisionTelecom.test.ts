import { createHmac } from 'crypto';
import nock from 'nock';

import { createTrigger } from '../../helpers/trigger';
import { WhatsAppGatewayTrigger } from '../../../nodes/WhatsAppGateway/WhatsAppGatewayTrigger.node';

/** The token the Send operation adds to the callback URL: HMAC(access key, URL path), 32 hex. */
const TOKEN = createHmac('sha256', 'decision-hash-key-abc').update('n8n-whatsapp-gateway/decision-callback/v1\n/webhook/abc-123/webhook').digest('hex').slice(0, 32);
const Q = { wgt: TOKEN };

function decisionTrigger(options: Record<string, unknown> = {}) {
	return createTrigger({ parameters: { provider: 'decisionTelecom', options } });
}

describe('DecisionTelecom trigger', () => {
	test('activation and deactivation call nothing (no webhook API): the user pastes the URL', async () => {
		const trigger = decisionTrigger();
		// Net connect is disabled: any request would fail the test.
		expect(await trigger.activate()).toEqual({ existed: true });
		expect(await trigger.delete()).toBe(true);
		expect(nock.pendingMocks()).toEqual([]);
		expect(trigger.staticData()).toEqual({});
	});

	test('the node shows where to put its URL, and needs no credential', () => {
		const description = new WhatsAppGatewayTrigger().description;
		const notice = description.properties.find((p) => p.name === 'manualSetupNotice' && p.displayOptions?.show?.provider?.includes('decisionTelecom'));
		// Named as the editor shows it: the option sits in the send operation's one Options collection.
		expect(notice?.displayName).toContain('Options → Status Callback URL');
		expect(description.credentials?.find((c) => c.name === 'whatsAppGatewayDecisionTelecomApi')?.required).toBe(false);
	});

	test('a POST JSON status callback becomes message.status', async () => {
		const trigger = decisionTrigger();
		const result = await trigger.receive({ query: Q, body: { message_id: 554, status: 1 } });
		expect(result.items).toHaveLength(1);
		expect(result.items?.[0].json).toEqual({
			provider: 'decisionTelecom',
			event: 'message.status',
			from: null,
			to: null,
			messageId: '554',
			status: 'delivered',
			text: null,
			media: null,
			timestamp: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
			raw: { message_id: 554, status: 1 },
			verified: true,
		});
	});

	test('a GET callback with a query string is parsed the same way', async () => {
		const trigger = decisionTrigger();
		const result = await trigger.receive({ method: 'GET', query: { message_id: '555', status: 'seen', ...Q } });
		expect(result.items?.[0].json).toMatchObject({ event: 'message.status', messageId: '555', status: 'read', raw: { message_id: '555', status: 'seen' } });
	});

	test('a form-encoded POST callback is parsed too', async () => {
		const trigger = decisionTrigger();
		const result = await trigger.receive({ query: Q, body: 'message_id=556&status=4', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
		expect(result.items?.[0].json).toMatchObject({ messageId: '556', status: 'failed' });
	});

	test.each([
		[1, 'delivered'],
		[2, 'failed'],
		[3, 'failed'],
		[4, 'failed'],
		[5, 'deleted'],
		[6, 'pending'],
		[7, 'read'],
		[9, 'unknown'],
		['rejected', 'failed'],
	])('status %s → %s', async (code, status) => {
		const trigger = decisionTrigger();
		const result = await trigger.receive({ query: Q, body: { message_id: 1000, status: code } });
		expect(result.items?.[0].json.status).toBe(status);
	});

	test('an empty request starts nothing', async () => {
		const trigger = decisionTrigger();
		const result = await trigger.receive({ method: 'GET', query: Q });
		expect(result.status).toBe(200);
		expect(result.items).toBeUndefined();
	});

	test('Only Statuses and Event Types apply to callbacks', async () => {
		const onlyFailed = decisionTrigger({ statuses: ['failed'] });
		expect((await onlyFailed.receive({ query: Q, body: { message_id: 1, status: 1 } })).items).toBeUndefined();
		expect((await onlyFailed.receive({ query: Q, body: { message_id: 1, status: 4 } })).items).toHaveLength(1);
		const ignoring = decisionTrigger({ eventTypes: ['message.received'] });
		expect((await ignoring.receive({ query: Q, body: { message_id: 1, status: 4 } })).items).toBeUndefined();
	});
});

describe('Trigger description', () => {
	test('offers only providers that deliver events, each with its own credential', () => {
		const description = new WhatsAppGatewayTrigger().description;
		const provider = description.properties.find((p) => p.name === 'provider' && p.displayName === 'Trigger On');
		// One node-creator entry per provider, named after what it listens to out of the box.
		expect(provider?.options?.map((o) => [(o as { name: string }).name, (o as { value: string }).value, (o as { action?: string }).action])).toEqual([
			['DecisionTelecom', 'decisionTelecom', 'On message status callback (DecisionTelecom)'],
			['seven.io', 'seven', 'On inbound WhatsApp message (seven.io)'],
			['Whaapy', 'whaapy', 'On inbound WhatsApp message (Whaapy)'],
			['WhatsApp API Engine', 'engine', 'On inbound WhatsApp message (WhatsApp API Engine)'],
		]);
		expect(provider?.displayName).toBe('Trigger On');
		expect(description.credentials?.map((c) => [c.name, c.displayOptions?.show?.['/provider']])).toEqual([
			['whatsAppGatewayDecisionTelecomApi', ['decisionTelecom']],
			['whatsAppGatewaySevenApi', ['seven']],
			['whatsAppGatewayWhaapyApi', ['whaapy']],
			['whatsAppGatewayEngineApi', ['engine']],
		]);
		const events = description.properties.filter((p) => p.name === 'events').map((p) => [p.displayOptions?.show?.provider, p.default]);
		expect(events).toEqual([
			[['seven'], ['wa_mo']],
			[['whaapy'], ['message.received']],
			[['engine'], ['message']],
		]);
		expect(description.inputs).toEqual([]);
		expect(description.webhooks?.map((w) => [w.name, w.httpMethod, w.path])).toEqual([
			['default', 'POST', 'webhook'],
			['setup', 'GET', 'webhook'],
		]);
	});
});
