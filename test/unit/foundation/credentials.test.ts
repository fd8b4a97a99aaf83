/**
 * Every credential: secrets are password fields, and its `test` request (run as n8n's credential
 * tester does, through RoutingNode with the credential's own `authenticate`) accepts a good key,
 * rejects a bad one, and never sends a message.
 */
import nock from 'nock';

import { runCredentialTest } from '../../helpers/credentialTest';
import { CREDENTIAL_TYPES } from '../../helpers/workflow';

/** The request carries no numero/tipo/mensaje: it cannot send anything. */
const noMessage = (body: unknown) => body === '' || (typeof body === 'object' && body !== null && Object.keys(body).length === 0);

afterEach(() => {
	expect(nock.pendingMocks()).toEqual([]);
});

test('secret fields are passwords, names are prefixed, every credential has a test', () => {
	const secretFields: Record<string, string[]> = {
		whatsAppGatewayInnovaApi: ['apiKey'],
		whatsAppGatewaySevenApi: ['apiKey', 'signingKey'],
		whatsAppGatewayWhaapyApi: ['apiKey'],
		whatsAppGatewayEngineApi: ['apiKey'],
		whatsAppGatewayDecisionTelecomApi: ['accessKey'],
	};
	for (const [name, fields] of Object.entries(secretFields)) {
		const type = CREDENTIAL_TYPES[name];
		expect(type.name).toMatch(/^whatsAppGateway[A-Za-z]+Api$/);
		expect(type.test).toBeDefined();
		expect(type.properties.find((p) => p.name === 'baseUrl')).toBeDefined();
		for (const field of fields) {
			expect(type.properties.find((p) => p.name === field)?.typeOptions?.password).toBe(true);
		}
	}
});

describe('InnovaAPI (POST an empty body to the send endpoint: nothing can be sent)', () => {
	const data = { baseUrl: 'https://innova.test/', apiKey: 'innova-secret-key-123' };

	test('a good key gets 400 for the missing fields: OK', async () => {
		nock('https://innova.test', { reqheaders: { authorization: 'Bearer innova-secret-key-123' } })
			.post('/api/whatsapp/enviar', noMessage)
			.reply(400, { success: false, message: 'Parámetros incorrectos' });
		expect(await runCredentialTest('whatsAppGatewayInnovaApi', data)).toEqual({ status: 'OK', message: 'Connection successful!' });
	});

	test('a bad key gets the documented 401 text: Error', async () => {
		nock('https://innova.test').post('/api/whatsapp/enviar', noMessage).reply(401, { success: false, message: 'API Key inválida o no enviada' });
		expect(await runCredentialTest('whatsAppGatewayInnovaApi', data)).toEqual({ status: 'Error', message: 'The API key was rejected (HTTP 401)' });
	});
});

describe('seven.io (GET /api/hooks)', () => {
	const data = { apiKey: 'seven-secret-key-456', signingKey: '', baseUrl: '' };

	test('a good key lists the hooks: OK', async () => {
		nock('https://gateway.seven.io', { reqheaders: { 'x-api-key': 'seven-secret-key-456' } })
			.get('/api/hooks')
			.reply(200, { success: true, hooks: [] });
		expect((await runCredentialTest('whatsAppGatewaySevenApi', data)).status).toBe('OK');
	});

	test('a bad key gets the bare code 900 with HTTP 200: Error', async () => {
		nock('https://gateway.seven.io').get('/api/hooks').reply(200, '900');
		expect(await runCredentialTest('whatsAppGatewaySevenApi', data)).toEqual({ status: 'Error', message: 'The API key was rejected (seven code 900)' });
	});
});

describe('Whaapy (GET /templates/v1)', () => {
	const data = { apiKey: 'wha_testsecretkey0001', baseUrl: 'https://api.whaapy.com' };

	test('a good key: OK', async () => {
		nock('https://api.whaapy.com', { reqheaders: { authorization: 'Bearer wha_testsecretkey0001' } }).get('/templates/v1').reply(200, { data: [] });
		expect((await runCredentialTest('whatsAppGatewayWhaapyApi', data)).status).toBe('OK');
	});

	test('a bad key: Error', async () => {
		nock('https://api.whaapy.com').get('/templates/v1').reply(401, { error: 'unauthorized' });
		expect((await runCredentialTest('whatsAppGatewayWhaapyApi', data)).status).toBe('Error');
	});
});

describe('WhatsApp API Engine (GET /api/session/status)', () => {
	const data = { apiKey: 'engine-secret-key-000', baseUrl: 'http://engine.test:3000/' };

	test('a good key: OK', async () => {
		nock('http://engine.test:3000', { reqheaders: { 'x-api-key': 'engine-secret-key-000' } })
			.get('/api/session/status')
			.reply(200, { success: true, data: { status: 'ready' } });
		expect((await runCredentialTest('whatsAppGatewayEngineApi', data)).status).toBe('OK');
	});

	test('a bad key gets 403: Error', async () => {
		nock('http://engine.test:3000').get('/api/session/status').reply(403, { success: false, error: 'Invalid API key', code: 'INVALID_API_KEY' });
		expect((await runCredentialTest('whatsAppGatewayEngineApi', data)).status).toBe('Error');
	});
});

describe('DecisionTelecom (status of message 0: needs a valid key, sends nothing)', () => {
	const data = { accessKey: 'decision-hash-key-abc', keyIsBase64: false, baseUrl: '' };
	const basic = `Basic ${Buffer.from('decision-hash-key-abc').toString('base64')}`;

	test('a good key (message 0 does not exist): OK', async () => {
		nock('https://web.it-decision.com', { reqheaders: { authorization: basic } })
			.post('/v1/api/receive-whatsapp', { message_id: 0 })
			.reply(200, { name: 'Bad Request', message: 'Empty parameter or parameter validation error', code: 1, status: 4 });
		expect((await runCredentialTest('whatsAppGatewayDecisionTelecomApi', data)).status).toBe('OK');
	});

	test('a bad key gets 401 Unauthorized: Error', async () => {
		nock('https://web.it-decision.com')
			.post('/v1/api/receive-whatsapp', { message_id: 0 })
			.reply(401, { name: 'Unauthorized', message: 'Your request was made with invalid credentials.', code: 0, status: 401 });
		expect(await runCredentialTest('whatsAppGatewayDecisionTelecomApi', data)).toEqual({ status: 'Error', message: 'The access key was rejected (HTTP 401)' });
	});
});
