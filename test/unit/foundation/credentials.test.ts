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
		expect(await runCredentialTest('whatsAppGatewayInnovaApi', data)).toEqual({ status: 'Error', message: 'InnovaAPI rejected the API key (HTTP 401 "API Key inválida o no enviada")' });
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
		expect(await runCredentialTest('whatsAppGatewaySevenApi', data)).toEqual({
			status: 'Error',
			message: 'No seven.io answer: the API key was rejected (seven code 900) or lacks the waba scope (902), or the Base URL does not point at the seven.io gateway (https://gateway.seven.io)',
		});
	});
});

describe('Whaapy (GET /templates/v1)', () => {
	const data = { apiKey: 'wha_testsecretkey0001', baseUrl: 'https://api.whaapy.com' };

	test('a good key: OK', async () => {
		nock('https://api.whaapy.com', { reqheaders: { authorization: 'Bearer wha_testsecretkey0001' } }).get('/templates/v1').reply(200, { data: [], pagination: { next_cursor: null, has_more: false } });
		expect((await runCredentialTest('whatsAppGatewayWhaapyApi', data)).status).toBe('OK');
	});

	test('a bad key: Error', async () => {
		nock('https://api.whaapy.com').get('/templates/v1').reply(401, { error: 'unauthorized', message: 'Invalid API key' });
		expect(await runCredentialTest('whatsAppGatewayWhaapyApi', data)).toEqual({ status: 'Error', message: 'Whaapy rejected the API key (HTTP 401 unauthorized)' });
	});
});

describe('WhatsApp API Engine (GET /api/session/status)', () => {
	const data = { apiKey: 'engine-secret-key-000', baseUrl: 'http://engine.test:3000/' };

	test('a good key: OK', async () => {
		nock('http://engine.test:3000', { reqheaders: { 'x-api-key': 'engine-secret-key-000' } })
			.get('/api/session/status')
			.reply(200, { success: true, data: { status: 'ready', isReady: true, hasQR: false } });
		expect((await runCredentialTest('whatsAppGatewayEngineApi', data)).status).toBe('OK');
	});

	test('a bad key gets 403: Error', async () => {
		nock('http://engine.test:3000').get('/api/session/status').reply(403, { success: false, error: 'Invalid API key', code: 'INVALID_API_KEY' });
		expect(await runCredentialTest('whatsAppGatewayEngineApi', data)).toEqual({ status: 'Error', message: 'The Engine rejected the API key (HTTP 403 INVALID_API_KEY): use the API_KEY of your server' });
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
		expect(await runCredentialTest('whatsAppGatewayDecisionTelecomApi', data)).toEqual({ status: 'Error', message: 'DecisionTelecom rejected the access key (HTTP 401 Unauthorized)' });
	});
});

/**
 * A test must fail unless the provider really answered as that provider: a Base URL pointing at
 * nothing (404), at a web page (HTML) or at another API fails, and the reason is what the
 * credential window shows.
 */
describe('the wrong server never passes', () => {
	const HTML = '<!doctype html><html><head><title>Welcome</title></head><body>It works!</body></html>';
	const OTHER_API = { status: 'ok', version: '2.3.1', items: [] };
	const cases: Array<{
		type: string;
		data: Record<string, unknown>;
		host: string;
		method: 'get' | 'post';
		path: string;
		expected: { notFound: string; html: string; other: string };
	}> = [
		{
			type: 'whatsAppGatewayInnovaApi',
			data: { baseUrl: 'https://wrong.test', apiKey: 'innova-secret-key-123' },
			host: 'https://wrong.test', method: 'post', path: '/api/whatsapp/enviar',
			expected: {
				notFound: 'Nothing at <Base URL>/api/whatsapp/enviar (route not found): check the Base URL (without /api)',
				html: 'The server answered, but not as InnovaAPI does (no "success" field): check the Base URL (your InnovaAPI server, without /api)',
				other: 'The server answered, but not as InnovaAPI does (no "success" field): check the Base URL (your InnovaAPI server, without /api)',
			},
		},
		{
			type: 'whatsAppGatewaySevenApi',
			data: { apiKey: 'seven-secret-key-456', signingKey: '', baseUrl: 'https://wrong.test' },
			host: 'https://wrong.test', method: 'get', path: '/api/hooks',
			expected: {
				notFound: 'No seven.io answer: the API key was rejected (seven code 900) or lacks the waba scope (902), or the Base URL does not point at the seven.io gateway (https://gateway.seven.io)',
				html: 'No seven.io answer: the API key was rejected (seven code 900) or lacks the waba scope (902), or the Base URL does not point at the seven.io gateway (https://gateway.seven.io)',
				other: 'No seven.io answer: the API key was rejected (seven code 900) or lacks the waba scope (902), or the Base URL does not point at the seven.io gateway (https://gateway.seven.io)',
			},
		},
		{
			type: 'whatsAppGatewayWhaapyApi',
			data: { apiKey: 'wha_testsecretkey0001', baseUrl: 'https://wrong.test' },
			host: 'https://wrong.test', method: 'get', path: '/templates/v1',
			expected: {
				notFound: 'No Whaapy template list came back: the API key was refused (401) or lacks a scope (403), or the Base URL does not point at the Whaapy API (https://api.whaapy.com)',
				html: 'No Whaapy template list came back: the API key was refused (401) or lacks a scope (403), or the Base URL does not point at the Whaapy API (https://api.whaapy.com)',
				other: 'No Whaapy template list came back: the API key was refused (401) or lacks a scope (403), or the Base URL does not point at the Whaapy API (https://api.whaapy.com)',
			},
		},
		{
			type: 'whatsAppGatewayEngineApi',
			data: { apiKey: 'engine-secret-key-000', baseUrl: 'https://wrong.test' },
			host: 'https://wrong.test', method: 'get', path: '/api/session/status',
			expected: {
				notFound: 'The server answered, but not as the WhatsApp API Engine does (no session status): check the Base URL (your Engine server, without /api)',
				html: 'The server answered, but not as the WhatsApp API Engine does (no session status): check the Base URL (your Engine server, without /api)',
				other: 'The server answered, but not as the WhatsApp API Engine does (no session status): check the Base URL (your Engine server, without /api)',
			},
		},
		{
			type: 'whatsAppGatewayDecisionTelecomApi',
			data: { accessKey: 'decision-hash-key-abc', keyIsBase64: false, baseUrl: 'https://wrong.test' },
			host: 'https://wrong.test', method: 'post', path: '/v1/api/receive-whatsapp',
			expected: {
				notFound: 'Nothing at <Base URL>/v1/api/receive-whatsapp (HTTP 404): check the Base URL (https://web.it-decision.com)',
				html: 'The server answered, but not as DecisionTelecom does (no error object for message 0): check the Base URL (https://web.it-decision.com)',
				other: 'The server answered, but not as DecisionTelecom does (no error object for message 0): check the Base URL (https://web.it-decision.com)',
			},
		},
	];

	describe.each(cases)('$type', ({ type, data, host, method, path, expected }) => {
		const reply = (status: number, body: unknown, headers?: Record<string, string>) => {
			nock(host)[method](path).reply(status, body as never, headers);
		};

		test('a 404 (nothing at this address): Error with the reason', async () => {
			// What each kind of server sends for an unknown route: JSON from an Express app like
			// InnovaAPI's, the framework's error object from DecisionTelecom's, otherwise HTML.
			if (type === 'whatsAppGatewayInnovaApi') reply(404, { success: false, message: 'Ruta no encontrada' });
			else if (type === 'whatsAppGatewayDecisionTelecomApi') reply(404, { name: 'Not Found', message: 'Page not found.', code: 0, status: 404 });
			else reply(404, '<html><body>Cannot GET</body></html>', { 'Content-Type': 'text/html' });
			expect(await runCredentialTest(type, data as never)).toEqual({ status: 'Error', message: expected.notFound });
		});

		test('an HTML page with HTTP 200: Error with the reason', async () => {
			reply(200, HTML, { 'Content-Type': 'text/html' });
			expect(await runCredentialTest(type, data as never)).toEqual({ status: 'Error', message: expected.html });
		});

		test('another API answering JSON with HTTP 200: Error with the reason', async () => {
			reply(200, OTHER_API);
			expect(await runCredentialTest(type, data as never)).toEqual({ status: 'Error', message: expected.other });
		});
	});

	test('InnovaAPI: a 404 page as HTML and a server that accepts an empty message fail too', async () => {
		const data = { baseUrl: 'https://wrong.test', apiKey: 'innova-secret-key-123' };
		nock('https://wrong.test').post('/api/whatsapp/enviar').reply(404, '<html><body>Not Found</body></html>', { 'Content-Type': 'text/html' });
		expect((await runCredentialTest('whatsAppGatewayInnovaApi', data)).status).toBe('Error');
		nock('https://wrong.test').post('/api/whatsapp/enviar').reply(200, { success: true, message: 'ok' });
		expect(await runCredentialTest('whatsAppGatewayInnovaApi', data)).toEqual({
			status: 'Error',
			message: 'The server accepted an empty message, which InnovaAPI refuses: the Base URL does not point at InnovaAPI',
		});
	});
});
