/**
 * Foundation: every documented provider error (including the ones sent with HTTP 2xx) becomes one
 * NodeApiError with a plain message, a "what to do" description, the HTTP status and the provider
 * code, and never contains a key.
 */
import nock from 'nock';

import { WINDOW_24H_HINT } from '../../../nodes/WhatsAppGateway/transport/errors';
import { redact } from '../../../nodes/WhatsAppGateway/transport/redact';
import { ALL_SECRETS, everyString, runNode } from '../../helpers/workflow';

interface Case {
	name: string;
	status: number;
	body: unknown;
	kind: string;
	httpStatus: number | null;
	providerCode: string | null;
	/** The node error's message, exactly. */
	message: string;
	/** A phrase of the description ("what to do"). */
	hint: string;
	/** A phrase the description must not have (a hint that does not apply). */
	notHint?: string;
}

const WINDOW = 'Send an approved template instead';

const PROVIDERS: Record<string, { host: string; path: string; parameters: Record<string, unknown>; cases: Case[] }> = {
	innova: {
		host: 'https://innova.test',
		path: '/api/whatsapp/enviar',
		parameters: {},
		cases: [
			{ name: '401 bad key', status: 401, body: { success: false, message: 'API Key inválida o no enviada' }, kind: 'auth', httpStatus: 401, providerCode: '401', message: 'InnovaAPI: The API key is invalid or missing', hint: 'Check the API key and the base URL' },
			{ name: '400 not connected', status: 400, body: { success: false, message: 'WhatsApp no está conectado' }, kind: 'notConnected', httpStatus: 400, providerCode: '400', message: 'InnovaAPI: WhatsApp is not connected on the InnovaAPI server', hint: 'reconnect WhatsApp' },
			{ name: '400 bad parameters', status: 400, body: { success: false, error: 'Parámetros incorrectos' }, kind: 'validation', httpStatus: 400, providerCode: '400', message: 'InnovaAPI: WhatsApp is not connected or the parameters are incorrect', hint: 'Check the number and message fields' },
			{ name: '429 daily quota', status: 429, body: { success: false, message: 'Límite de mensajes diarios alcanzado' }, kind: 'quota', httpStatus: 429, providerCode: '429', message: 'InnovaAPI: The daily message limit of the account has been reached', hint: 'daily quota resets' },
			{ name: '500', status: 500, body: { success: false, message: 'Error interno' }, kind: 'server', httpStatus: 500, providerCode: '500', message: 'InnovaAPI: InnovaAPI had an internal server error', hint: 'check whether it arrived' },
			{ name: '200 with success:false', status: 200, body: { success: false, message: 'Parámetros incorrectos' }, kind: 'validation', httpStatus: 200, providerCode: '400', message: 'InnovaAPI: WhatsApp is not connected or the parameters are incorrect', hint: 'Check the number' },
			{ name: '200 with an HTML page', status: 200, body: '<html><title>Welcome to nginx</title></html>', kind: 'unexpected', httpStatus: 200, providerCode: null, message: 'InnovaAPI: Unexpected answer (HTTP 200): expected JSON', hint: 'base URL' },
		],
	},
	seven: {
		host: 'https://gateway.seven.io',
		path: '/api/waba/messages',
		parameters: { sevenFrom: '4915112345678' },
		cases: [
			{ name: '7002001 no active conversation (24 h)', status: 200, body: { success: false, code: '7002001', error_message: 'No active conversation' }, kind: 'window24h', httpStatus: 200, providerCode: '7002001', message: 'seven.io: No active conversation: free-form messages need an open 24-hour window', hint: WINDOW },
			{ name: 'error_code 7002001', status: 400, body: { error_code: 7002001, error_message: 'No active conversation' }, kind: 'window24h', httpStatus: 400, providerCode: '7002001', message: 'seven.io: No active conversation: free-form messages need an open 24-hour window', hint: WINDOW },
			{ name: 'bare 900 body with HTTP 200', status: 200, body: '900', kind: 'auth', httpStatus: 200, providerCode: '900', message: 'seven.io: Authentication failed', hint: 'Check the API key' },
			{ name: 'bare 902 (no waba scope)', status: 200, body: '902', kind: 'permission', httpStatus: 200, providerCode: '902', message: 'seven.io: The API key has no access to this endpoint', hint: '"waba" scope' },
			{ name: 'success "400"', status: 200, body: { success: '400' }, kind: 'validation', httpStatus: 200, providerCode: '400', message: 'seven.io: Invalid request (sender, recipient or another field)', hint: 'registered WABA sender' },
			{ name: 'success "404"', status: 200, body: { success: '404' }, kind: 'notFound', httpStatus: 200, providerCode: '404', message: 'seven.io: Message not found', hint: 'does not exist' },
			{ name: 'messages[].success false', status: 200, body: { success: '100', messages: [{ success: false, error: '202', error_text: 'Invalid recipient' }] }, kind: 'validation', httpStatus: 200, providerCode: '202', message: 'seven.io: Invalid recipient number', hint: 'recipient number' },
			{ name: 'HTTP 401 with code 900', status: 401, body: { code: '900', message: 'Unauthorized' }, kind: 'auth', httpStatus: 401, providerCode: '900', message: 'seven.io: Authentication failed', hint: 'Check the API key' },
			{ name: 'HTTP 500 HTML page', status: 500, body: '<html><title>502 Bad Gateway</title></html>', kind: 'server', httpStatus: 500, providerCode: null, message: 'seven.io: The provider had an internal error (HTTP 500)', hint: 'Try again later' },
		],
	},
	whaapy: {
		host: 'https://api.whaapy.com',
		path: '/messages/v1',
		parameters: {},
		cases: [
			{ name: 'Meta 131047 (24 h)', status: 400, body: { error: 'Re-engagement message', code: 131047, action_required: 'Use a template.' }, kind: 'window24h', httpStatus: 400, providerCode: '131047', message: 'Whaapy: More than 24 hours have passed since the customer last replied', hint: WINDOW },
			{ name: '400 validation', status: 400, body: { error: 'validation_error', message: 'to is required' }, kind: 'validation', httpStatus: 400, providerCode: 'validation_error', message: 'Whaapy: The request failed validation', hint: 'Provider said: to is required' },
			{ name: '401', status: 401, body: { error: 'unauthorized', message: 'Invalid API key' }, kind: 'auth', httpStatus: 401, providerCode: 'unauthorized', message: 'Whaapy: The API key is invalid or missing', hint: 'wha_' },
			{ name: '403', status: 403, body: { error: 'forbidden', message: 'Missing scope messages:write' }, kind: 'permission', httpStatus: 403, providerCode: 'forbidden', message: 'Whaapy: The API key lacks the scope for this operation', hint: 'scope' },
			{ name: '404', status: 404, body: { error: 'not_found' }, kind: 'notFound', httpStatus: 404, providerCode: 'not_found', message: 'Whaapy: Resource not found', hint: 'Check the ID' },
			{ name: '429', status: 429, body: { error: 'rate_limited', message: 'Too many requests' }, kind: 'rateLimit', httpStatus: 429, providerCode: 'rate_limited', message: 'Whaapy: Rate limit exceeded (Whaapy allows 1,000 messages and 100 requests per minute by default)', hint: 'Wait and run again' },
			{ name: '500', status: 500, body: { error: 'internal_error' }, kind: 'server', httpStatus: 500, providerCode: 'internal_error', message: 'Whaapy: Whaapy had an internal server error', hint: 'Try again later' },
			{ name: '200 with error + code', status: 200, body: { error: 'Message failed', code: 131026 }, kind: 'validation', httpStatus: 200, providerCode: '131026', message: 'Whaapy: The message could not be delivered to this number', hint: 'may not use WhatsApp' },
		],
	},
	engine: {
		host: 'http://engine.test:3000',
		path: '/api/messages/send',
		parameters: {},
		cases: [
			{ name: '400 with details', status: 400, body: { success: false, error: 'Validation failed', details: [{ field: 'phone', message: 'Phone must be 10-15 digits' }] }, kind: 'validation', httpStatus: 400, providerCode: '400', message: 'WhatsApp API Engine: Validation failed (phone: Phone must be 10-15 digits)', hint: '10–15 digits' },
			// The real server's answers (GAMEZ1125/whatsapp-api): express-validator's own shape, and errors the
			// error handler maps by their text.
			{ name: '400 express-validator errors[] (real server)', status: 400, body: { success: false, errors: [{ type: 'field', value: 'nope', msg: 'URL de imagen inválida', path: 'imageUrl', location: 'body' }] }, kind: 'validation', httpStatus: 400, providerCode: '400', message: 'WhatsApp API Engine: Validation failed (imageUrl: URL de imagen inválida)', hint: 'Media URLs must be full http(s) URLs', notHint: 'digits' },
			{ name: '503 number not on WhatsApp (real server)', status: 503, body: { success: false, error: 'El numero no esta registrado en WhatsApp', code: 'WHATSAPP_ERROR' }, kind: 'validation', httpStatus: 503, providerCode: 'WHATSAPP_ERROR', message: 'WhatsApp API Engine: The number is not on WhatsApp', hint: 'Contact → Check', notHint: 'digits' },
			{ name: '500 MIME type from the URL (real server)', status: 500, body: { success: false, error: 'Unable to determine MIME type using URL. Set unsafeMime to true to download it anyway.' }, kind: 'validation', httpStatus: 500, providerCode: '500', message: 'WhatsApp API Engine: The Engine could not tell the media type from the URL', hint: 'ends in the file extension' },
			{ name: '401 missing key', status: 401, body: { success: false, error: 'API key is required', code: 'MISSING_API_KEY' }, kind: 'auth', httpStatus: 401, providerCode: 'MISSING_API_KEY', message: 'WhatsApp API Engine: The API key is missing', hint: 'X-API-Key' },
			{ name: '403 invalid key', status: 403, body: { success: false, error: 'Invalid API key', code: 'INVALID_API_KEY' }, kind: 'auth', httpStatus: 403, providerCode: 'INVALID_API_KEY', message: 'WhatsApp API Engine: The API key is invalid', hint: 'API_KEY of your Engine server' },
			{ name: '503 not connected', status: 503, body: { success: false, error: 'WhatsApp client is not ready', code: 'WHATSAPP_ERROR' }, kind: 'notConnected', httpStatus: 503, providerCode: 'WHATSAPP_ERROR', message: 'WhatsApp API Engine: WhatsApp error: WhatsApp client is not ready', hint: 'scan the QR code' },
			{ name: '429', status: 429, body: { success: false, error: 'Too many requests' }, kind: 'rateLimit', httpStatus: 429, providerCode: '429', message: 'WhatsApp API Engine: Too many requests (the Engine allows 100 requests per 15 minutes per IP by default)', hint: 'RATE_LIMIT_MAX_REQUESTS' },
			{ name: '200 with success:false', status: 200, body: { success: false, error: 'Failed to send' }, kind: 'unexpected', httpStatus: 200, providerCode: '200', message: 'WhatsApp API Engine: Failed to send', hint: 'unexpected way' },
		],
	},
	decisionTelecom: {
		host: 'https://web.it-decision.com',
		path: '/v1/api/send-whatsapp',
		parameters: { decisionSourceAddr: 'Shop' },
		cases: [
			{ name: 'code 0 rate limit', status: 429, body: { name: 'Too Many Requests', message: 'Rate limit exceeded', code: 0, status: 429 }, kind: 'rateLimit', httpStatus: 429, providerCode: '0', message: 'DecisionTelecom: Rate limit exceeded', hint: 'Wait and run again' },
			{ name: 'code 1 validation, HTTP 200', status: 200, body: { name: 'Bad Request', message: 'Empty parameter or parameter validation error', code: 1, status: 4 }, kind: 'validation', httpStatus: 200, providerCode: '1', message: 'DecisionTelecom: Empty parameter or parameter validation error', hint: 'source_addr' },
			{ name: 'code 2', status: 500, body: { name: 'Internal', message: 'The server encountered an unexpected condition', code: 2, status: 500 }, kind: 'server', httpStatus: 500, providerCode: '2', message: 'DecisionTelecom: DecisionTelecom had an unexpected server error', hint: 'Try again later' },
			{ name: 'code 3 balance, HTTP 200', status: 200, body: { name: 'Payment Required', message: 'User balance is empty', code: 3, status: 402 }, kind: 'balance', httpStatus: 402, providerCode: '3', message: 'DecisionTelecom: The account balance is empty', hint: 'Top up' },
			{ name: 'code 4', status: 500, body: { name: 'Internal', message: 'unexpected', code: 4, status: 500 }, kind: 'server', httpStatus: 500, providerCode: '4', message: 'DecisionTelecom: DecisionTelecom had an unexpected server error', hint: 'Try again later' },
			{ name: 'code 5', status: 500, body: { name: 'Internal', message: 'unexpected', code: 5, status: 500 }, kind: 'server', httpStatus: 500, providerCode: '5', message: 'DecisionTelecom: DecisionTelecom had an unexpected server error', hint: 'Try again later' },
			{ name: 'code 6', status: 500, body: { name: 'Internal', message: 'unexpected', code: 6, status: 500 }, kind: 'server', httpStatus: 500, providerCode: '6', message: 'DecisionTelecom: DecisionTelecom had an unexpected server error', hint: 'Try again later' },
			{ name: 'code 7 (24 h), HTTP 200', status: 200, body: { name: 'Service Unavailable', message: 'more than 24 hours have passed', code: 7, status: 503 }, kind: 'window24h', httpStatus: 503, providerCode: '7', message: 'DecisionTelecom: More than 24 hours have passed since the customer last replied: only a template can be sent', hint: WINDOW },
			{ name: 'code 8 MIME', status: 401, body: { name: 'Unauthorized', message: 'Invalid MIME type file_url', code: 8, status: 401 }, kind: 'validation', httpStatus: 401, providerCode: '8', message: 'DecisionTelecom: Invalid MIME type of the file URL', hint: 'JPEG and PNG' },
			{ name: 'code 9 extension', status: 401, body: { name: 'Unauthorized', message: 'Invalid file extension', code: 9, status: 401 }, kind: 'validation', httpStatus: 401, providerCode: '9', message: 'DecisionTelecom: Invalid file extension', hint: '.jpg, .jpeg or .png' },
			{ name: '401 rejected key', status: 401, body: { name: 'Unauthorized', message: 'Your request was made with invalid credentials.', code: 0, status: 401 }, kind: 'auth', httpStatus: 401, providerCode: '0', message: 'DecisionTelecom: The access key was rejected', hint: 'User Hash Key' },
		],
	},
};

// Retries are covered by the reliability tests; here each answer is mapped once.
const base = { resource: 'message', operation: 'send', messageType: 'text', to: '+57 300 123 4567', text: 'Hola', options: { maxRetries: 0 } };

describe.each(Object.entries(PROVIDERS))('%s errors', (provider, spec) => {
	test.each(spec.cases)('$name', async (c) => {
		const scope = nock(spec.host).post(spec.path).reply(c.status, c.body as nock.Body);

		const { output, error } = await runNode({
			parameters: { provider, ...base, ...spec.parameters },
			continueOnFail: true,
		});

		expect(scope.isDone()).toBe(true);
		expect(error).toBeUndefined();
		expect(output).toHaveLength(1);
		const json = output![0].json;
		expect(json).toMatchObject({
			error: c.message,
			provider,
			kind: c.kind,
			httpStatus: c.httpStatus,
			providerCode: c.providerCode,
			itemIndex: 0,
		});
		expect(String(json.description)).toContain(c.hint);
		if (c.notHint) expect(String(json.description)).not.toContain(c.notHint);
		expect(output![0].pairedItem).toEqual({ item: 0 });
	});
});

test('without "Continue On Fail" the run stops with a NodeApiError carrying status and provider code', async () => {
	nock('https://api.whaapy.com').post('/messages/v1').reply(400, { error: 'Re-engagement message', code: 131047 });

	const { output, error } = await runNode({ parameters: { provider: 'whaapy', ...base } });

	expect(output).toBeUndefined();
	expect(error?.name).toBe('NodeApiError');
	expect(error?.message).toBe('Whaapy: More than 24 hours have passed since the customer last replied');
	expect(error?.description).toContain(WINDOW);
	expect(error?.httpCode).toBe('400');
	expect(error?.context).toMatchObject({ provider: 'whaapy', providerCode: '131047', kind: 'window24h', httpStatus: 400 });
});

test('the 24-hour window error says the same thing for every provider that has one', async () => {
	const hints: string[] = [];
	const answers: Array<[string, string, string, number, unknown, Record<string, unknown>]> = [
		['seven', 'https://gateway.seven.io', '/api/waba/messages', 200, { success: false, code: '7002001' }, { sevenFrom: '4915112345678' }],
		['whaapy', 'https://api.whaapy.com', '/messages/v1', 400, { error: 'x', code: 131047 }, {}],
		['decisionTelecom', 'https://web.it-decision.com', '/v1/api/send-whatsapp', 200, { name: 'x', message: 'x', code: 7, status: 503 }, { decisionSourceAddr: 'Shop' }],
	];
	for (const [provider, host, path, status, body, extra] of answers) {
		nock(host).post(path).reply(status, body as nock.Body);
		const { output } = await runNode({ parameters: { provider, ...base, ...extra }, continueOnFail: true });
		expect(output?.[0].json.kind).toBe('window24h');
		hints.push(String(output?.[0].json.description));
	}
	expect(hints).toHaveLength(3);
	for (const hint of hints) expect(hint.startsWith(WINDOW_24H_HINT)).toBe(true);
	expect(WINDOW_24H_HINT).toContain('Message Type: Template');
});

test('a provider that echoes the key back never shows it: errors, descriptions and outputs are redacted', async () => {
	nock('http://engine.test:3000')
		.post('/api/messages/send')
		.reply(403, { success: false, error: 'Invalid API key engine-secret-key-000', code: 'INVALID_API_KEY', key: 'engine-secret-key-000' });
	nock('https://innova.test').post('/api/whatsapp/enviar').reply(401, { message: 'Bearer innova-secret-key-123 rejected' });

	const engine = await runNode({ parameters: { provider: 'engine', ...base } });
	const innova = await runNode({ parameters: { provider: 'innova', ...base }, continueOnFail: true });

	expect(engine.error?.message).toBe('WhatsApp API Engine: The API key is invalid');
	const strings = [...everyString(engine.error), ...everyString(engine.run.data), ...everyString(innova.output), ...everyString(innova.run.data)];
	expect(strings.length).toBeGreaterThan(10);
	for (const secret of ALL_SECRETS) {
		expect(strings.filter((s) => s.includes(secret))).toEqual([]);
	}
	expect(strings.join('\n')).toContain('Invalid API key ***');
});

test("key shapes a provider declares (Whaapy's wha_ keys) are masked even when they are not this credential's", async () => {
	nock('https://api.whaapy.com')
		.post('/messages/v1')
		.reply(401, { error: 'unauthorized', message: 'Key wha_OtherAccountKey123 is revoked; use wha_AnotherOne456', details: { key: 'wha_OtherAccountKey123' } });
	const { error } = await runNode({ parameters: { provider: 'whaapy', ...base } });
	const text = everyString(error).join('\n');
	expect(text).toContain('Key wha_*** is revoked; use wha_***');
	expect(text).not.toMatch(/wha_(?!\*\*\*)[A-Za-z0-9]{6,}/);
	// The shared transport knows no provider's key shape: another provider's answer is left as it is.
	expect(redact('token wha_OtherAccountKey123', ['x-secret'])).toBe('token wha_OtherAccountKey123');
});

test('network failures are normalized: connection refused names the base URL problem', async () => {
	// A real refused connection: nothing listens on 127.0.0.1:9 (discard port) here.
	const { output } = await runNode({
		parameters: { provider: 'engine', ...base },
		continueOnFail: true,
		credentials: { whatsAppGatewayEngineApi: { baseUrl: 'http://127.0.0.1:9', apiKey: 'engine-secret-key-000' } },
	});

	expect(output?.[0].json).toMatchObject({
		error: 'WhatsApp API Engine: Could not send the message: the connection was refused',
		kind: 'network',
		providerCode: 'ECONNREFUSED',
		httpStatus: null,
	});
	expect(String(output?.[0].json.description)).toContain('Check the base URL');
});
