/**
 * Foundation: a text message through each provider, run in n8n-core's WorkflowExecute with the
 * credential applied by its own `authenticate`. nock only answers the exact request the provider
 * documents (method, URL, auth header, body), so a wrong path, header or body fails the test.
 */
import nock from 'nock';

import { runNode } from '../../helpers/workflow';

const send = (provider: string, extra: Record<string, unknown> = {}) => ({
	provider,
	resource: 'message',
	operation: 'send',
	messageType: 'text',
	to: '+57 300 123 4567',
	text: 'Hola, ¿cómo estás? 👋',
	...extra,
});

afterEach(() => {
	expect(nock.pendingMocks()).toEqual([]);
});

describe('text send, exact request and normalized output per provider', () => {
	test('InnovaAPI: POST {base}/api/whatsapp/enviar with Bearer key and numero/tipo/mensaje', async () => {
		nock('https://innova.test', { reqheaders: { authorization: 'Bearer innova-secret-key-123', 'content-type': /application\/json/ } })
			.post('/api/whatsapp/enviar', { numero: '573001234567', tipo: 'text', mensaje: 'Hola, ¿cómo estás? 👋' })
			.reply(200, { success: true, message: 'Mensaje enviado correctamente' });

		const { output, error } = await runNode({ parameters: send('innova') });

		expect(error).toBeUndefined();
		expect(output).toEqual([
			{
				json: {
					provider: 'innova',
					to: '573001234567',
					messageId: null,
					status: 'accepted',
					type: 'text',
					providerResponse: { success: true, message: 'Mensaje enviado correctamente' },
				},
				pairedItem: { item: 0 },
			},
		]);
	});

	test('seven.io: POST /api/waba/messages with X-Api-Key and from/to/type/text', async () => {
		const answer = { success: '100', messages: [{ id: 'wamid.HBgN', to: '573001234567', success: true }] };
		nock('https://gateway.seven.io', { reqheaders: { 'x-api-key': 'seven-secret-key-456' }, badheaders: ['authorization'] })
			.post('/api/waba/messages', { from: '4915112345678', to: '573001234567', type: 'text', text: 'Hola, ¿cómo estás? 👋' })
			.reply(200, answer);

		const { output, error } = await runNode({ parameters: send('seven', { sevenFrom: '+49 151 12345678' }) });

		expect(error).toBeUndefined();
		expect(output?.[0].json).toEqual({
			provider: 'seven',
			to: '573001234567',
			messageId: 'wamid.HBgN',
			status: 'accepted',
			type: 'text',
			providerResponse: answer,
		});
	});

	test('Whaapy: POST /messages/v1 with Bearer wha_ key and +E.164 recipient', async () => {
		const answer = { messaging_product: 'whatsapp', messages: [{ id: 'msg_1', wamid: 'wamid.X1' }], data: { status: 'sent', conversationId: 'conv_9' } };
		nock('https://api.whaapy.com', { reqheaders: { authorization: 'Bearer wha_testsecretkey0001' } })
			.post('/messages/v1', { to: '+573001234567', content: 'Hola, ¿cómo estás? 👋' })
			.reply(200, answer);

		const { output, error } = await runNode({ parameters: send('whaapy') });

		expect(error).toBeUndefined();
		expect(output?.[0].json).toEqual({
			provider: 'whaapy',
			to: '+573001234567',
			messageId: 'msg_1',
			wamid: 'wamid.X1',
			conversationId: 'conv_9',
			status: 'sent',
			type: 'text',
			providerResponse: answer,
		});
	});

	test('WhatsApp API Engine: POST {base}/api/messages/send with X-API-Key and phone/message', async () => {
		const answer = { success: true, data: { messageId: 'local-1', whatsappId: 'true_573001234567@c.us_3EB0', status: 'sent', timestamp: '2026-11-25T10:00:00.000Z' } };
		nock('http://engine.test:3000', { reqheaders: { 'x-api-key': 'engine-secret-key-000' } })
			.post('/api/messages/send', { phone: '573001234567', message: 'Hola, ¿cómo estás? 👋' })
			.reply(200, answer);

		const { output, error } = await runNode({ parameters: send('engine') });

		expect(error).toBeUndefined();
		expect(output?.[0].json).toEqual({
			provider: 'engine',
			to: '573001234567',
			messageId: 'true_573001234567@c.us_3EB0',
			localMessageId: 'local-1',
			status: 'sent',
			type: 'text',
			timestamp: '2026-11-25T10:00:00.000Z',
			providerResponse: answer,
		});
	});

	test('DecisionTelecom: POST /v1/api/send-whatsapp with Basic base64(hash key) and message_type 1', async () => {
		nock('https://web.it-decision.com', {
			reqheaders: { authorization: `Basic ${Buffer.from('decision-hash-key-abc').toString('base64')}` },
		})
			.post('/v1/api/send-whatsapp', {
				source_addr: 'Custom Company',
				destination_addr: '573001234567',
				message_type: 1,
				text: 'Hola, ¿cómo estás? 👋',
			})
			.reply(200, { message_id: 554 });

		const { output, error } = await runNode({ parameters: send('decisionTelecom', { decisionSourceAddr: 'Custom Company' }) });

		expect(error).toBeUndefined();
		expect(output?.[0].json).toEqual({
			provider: 'decisionTelecom',
			to: '573001234567',
			messageId: '554',
			status: 'accepted',
			type: 'text',
			providerResponse: { message_id: 554 },
		});
	});

	test('DecisionTelecom: a key marked "already base64" is sent as it is', async () => {
		nock('https://web.it-decision.com', { reqheaders: { authorization: 'Basic QUJDREVGRw==' } })
			.post('/v1/api/send-whatsapp')
			.reply(200, { message_id: 1 });

		const { error } = await runNode({
			parameters: send('decisionTelecom', { decisionSourceAddr: 'Shop' }),
			credentials: { whatsAppGatewayDecisionTelecomApi: { accessKey: 'QUJDREVGRw==', keyIsBase64: true, baseUrl: 'https://web.it-decision.com' } },
		});
		expect(error).toBeUndefined();
	});

	test('a base URL with a trailing slash and a custom host is honoured (self-hosted Engine, proxies)', async () => {
		nock('http://127.0.0.9:8080', { reqheaders: { 'x-api-key': 'k-123456' } })
			.post('/engine/api/messages/send', { phone: '573001234567', message: 'hi' })
			.reply(200, { success: true, data: { messageId: 'm', whatsappId: 'w', status: 'sent' } });

		const { error } = await runNode({
			parameters: send('engine', { text: 'hi' }),
			credentials: { whatsAppGatewayEngineApi: { baseUrl: 'http://127.0.0.9:8080/engine//', apiKey: 'k-123456' } },
		});
		expect(error).toBeUndefined();
	});

	test('one output item per input item, each paired with its input', async () => {
		const scope = nock('https://api.whaapy.com')
			.post('/messages/v1', { to: '+573001234567', content: 'A' })
			.reply(200, { messages: [{ id: 'a' }] })
			.post('/messages/v1', { to: '+4915112345678', content: 'B' })
			.reply(200, { messages: [{ id: 'b' }] });

		const { output, error } = await runNode({
			parameters: send('whaapy', { to: '={{ $json.phone }}', text: '={{ $json.text }}' }),
			items: [
				{ phone: '+57 300 123 4567', text: 'A' },
				{ phone: '0049 151 12345678', text: 'B' },
			],
		});

		expect(error).toBeUndefined();
		expect(scope.isDone()).toBe(true);
		expect(output?.map((o) => [o.json.messageId, o.pairedItem])).toEqual([
			['a', { item: 0 }],
			['b', { item: 1 }],
		]);
	});
});
