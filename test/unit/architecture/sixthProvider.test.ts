/**
 * A sixth provider added as one folder (test/fixtures/sixthProvider: adapter, credential, and the
 * registration lines) without editing any shared file: it appears in the generated node and
 * trigger descriptions, sends the exact request, and serves the trigger (register, verify, parse).
 */
import { createHmac } from 'crypto';
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import nock from 'nock';

import '../../fixtures/sixthProvider';
import { WhatsAppGateway } from '../../../nodes/WhatsAppGateway/WhatsAppGateway.node';
import { WhatsAppGatewayTrigger } from '../../../nodes/WhatsAppGateway/WhatsAppGatewayTrigger.node';
import { createTrigger, PRODUCTION_URL } from '../../helpers/trigger';
import { runNode, TEST_CREDENTIALS } from '../../helpers/workflow';

const API = 'https://api.sixth.test';
const KEY = 'sixth-secret-key-777';
const credentials = { ...TEST_CREDENTIALS, whatsAppGatewaySixthApi: { baseUrl: `${API}/`, apiKey: KEY } };
/** The secret the fixture derives for a URL (providers/signing.ts deriveKey). */
const derived = (url: string) => createHmac('sha256', KEY).update(`n8n-whatsapp-gateway/sixth-webhook/v1\n${url}`).digest('hex');

function optionValues(properties: INodeProperties[], name: string): unknown[] {
	return properties
		.filter((p) => p.name === name)
		.flatMap((p) => ((p.options ?? []) as INodePropertyOptions[]).map((o) => o.value));
}

test('the node description offers it, with its own credential shown only for it', () => {
	const { properties, credentials: creds } = new WhatsAppGateway().description;
	expect(optionValues(properties, 'provider')).toContain('sixth');
	const credential = creds?.find((c) => c.name === 'whatsAppGatewaySixthApi');
	expect(credential?.required).toBe(true);
	// Shown on `/provider` only for its own provider (see nodeCredentials: keeps Provider visible).
	expect(credential?.displayOptions?.show?.['/provider']).toEqual(['sixth']);
	// Only what the adapter implements: the Message resource, whose operations are Send and Send
	// and Wait (built on send), and of the message types only text.
	const forSixth = (p: INodeProperties) => p.displayOptions?.show?.provider?.includes('sixth') === true;
	expect(properties.filter((p) => p.name === 'resource' && forSixth(p)).flatMap((p) => optionValues([p], 'resource'))).toEqual(['message']);
	expect(properties.filter((p) => p.name === 'operation' && forSixth(p)).flatMap((p) => optionValues([p], 'operation'))).toEqual(expect.arrayContaining(['send']));
	expect(properties.filter((p) => p.name === 'messageType' && forSixth(p)).flatMap((p) => optionValues([p], 'messageType'))).toEqual(['text']);
});

test('the trigger description offers it with its events', () => {
	const { properties } = new WhatsAppGatewayTrigger().description;
	expect(optionValues(properties, 'provider')).toContain('sixth');
	const events = properties.find((p) => p.name === 'events' && p.displayOptions?.show?.provider?.includes('sixth'));
	expect(events?.options).toEqual([{ name: 'Message', value: 'message' }]);
});

test('Message → Send sends the exact request and outputs the normalized result', async () => {
	let sent: unknown;
	const scope = nock(API, { reqheaders: { 'x-sixth-key': KEY, 'content-type': 'application/json' } })
		.post('/v2/send', (body) => ((sent = body), true))
		.reply(200, { id: 'six-1', state: 'queued' });
	const { output, error } = await runNode({
		parameters: { provider: 'sixth', resource: 'message', operation: 'send', to: '+57 300 123 4567', messageType: 'text', text: 'Hola' },
		credentials,
	});
	expect(error).toBeUndefined();
	expect(scope.isDone()).toBe(true);
	expect(sent).toEqual({ phone: '573001234567', body: 'Hola' });
	expect(output).toEqual([
		{
			json: {
				provider: 'sixth',
				to: '573001234567',
				messageId: 'six-1',
				status: 'queued',
				type: 'text',
				providerResponse: { id: 'six-1', state: 'queued' },
			},
			pairedItem: { item: 0 },
		},
	]);
});

test('the provider error goes through the shared transport: one NodeApiError naming the provider', async () => {
	nock(API).post('/v2/send').reply(401, { error: `bad key ${KEY}` });
	const { error } = await runNode({
		parameters: { provider: 'sixth', resource: 'message', operation: 'send', to: '573001234567', messageType: 'text', text: 'x' },
		credentials,
	});
	expect(error?.name).toBe('NodeApiError');
	expect(error?.message).toMatch(/^Sixth Gateway: /);
	expect(JSON.stringify(error?.context)).not.toContain(KEY);
});

test('the trigger registers its webhook, verifies a signed delivery and emits the normalized event', async () => {
	const trigger = createTrigger({ parameters: { provider: 'sixth', events: ['message'] }, credentials });
	let registered: Record<string, unknown> = {};
	nock(API, { reqheaders: { 'x-sixth-key': KEY } }).get('/v2/hooks').twice().reply(200, { hooks: [] });
	const register = nock(API, { reqheaders: { 'x-sixth-key': KEY } })
		.post('/v2/hooks', (body) => ((registered = body), true))
		.reply(201, { id: 'hook-1' });
	expect(await trigger.activate()).toEqual({ existed: false });
	expect(register.isDone()).toBe(true);
	expect(registered).toEqual({ url: PRODUCTION_URL, events: ['message'], secret: derived(PRODUCTION_URL) });

	const payload = { type: 'message', id: 'in-1', from: '+57 300 123 4567', text: 'Hola', at: '2026-01-15T10:30:00Z' };
	const body = JSON.stringify(payload);
	const signature = createHmac('sha256', derived(PRODUCTION_URL)).update(body).digest('hex');
	const result = await trigger.receive({ body, headers: { 'x-sixth-signature': signature } });
	expect(result.status).toBe(200);
	expect(result.items).toEqual([
		{
			json: {
				provider: 'sixth',
				event: 'message.received',
				from: '573001234567',
				to: null,
				messageId: 'in-1',
				status: null,
				text: 'Hola',
				media: null,
				timestamp: '2026-01-15T10:30:00.000Z',
				raw: payload,
				verified: true,
			},
		},
	]);

	const forged = await trigger.receive({ body, headers: { 'x-sixth-signature': '0'.repeat(64) } });
	expect(forged.status).toBe(401);
	expect(forged.items).toBeUndefined();

	const removed = nock(API, { reqheaders: { 'x-sixth-key': KEY } }).delete('/v2/hooks/hook-1').reply(200, {});
	expect(await trigger.delete()).toBe(true);
	expect(removed.isDone()).toBe(true);
});
