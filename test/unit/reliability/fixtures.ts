/**
 * Shared fixtures of the reliability tests: one text send per provider (exact request), and a
 * recorder of n8n-workflow's `sleep` so retry waits are asserted without being waited.
 */
import type { IDataObject } from 'n8n-workflow';
import nock from 'nock';

import { runNode } from '../../helpers/workflow';

export interface ProviderFixture {
	host: string;
	path: string;
	/** Provider-specific parameters a text send needs. */
	params: IDataObject;
	/** Exact request body for the given text and recipient (digits; default +57 300 123 4567). */
	body: (text: string, to?: string) => IDataObject;
	/** Headers that carry the credential. */
	auth: Record<string, string>;
	/** A documented success answer. */
	ok: IDataObject;
	/** The normalized output json of that success. */
	output: (text: string) => IDataObject;
}

export const TO = '+57 300 123 4567';
const DIGITS = '573001234567';

/** A distinct recipient per index (digits with country code): +57 310 000 0000 + index. */
export const recipientOf = (index: number): string => String(573100000000 + index);

export const FIXTURES: Record<string, ProviderFixture> = {
	innova: {
		host: 'https://innova.test',
		path: '/api/whatsapp/enviar',
		params: {},
		body: (text, to = DIGITS) => ({ numero: to, tipo: 'text', mensaje: text }),
		auth: { authorization: 'Bearer innova-secret-key-123' },
		ok: { success: true, message: 'Mensaje enviado correctamente' },
		output: () => ({ provider: 'innova', to: '573001234567', messageId: null, status: 'accepted', type: 'text' }),
	},
	seven: {
		host: 'https://gateway.seven.io',
		path: '/api/waba/messages',
		params: { sevenFrom: '4915112345678' },
		body: (text, to = DIGITS) => ({ from: '4915112345678', to, type: 'text', text }),
		auth: { 'x-api-key': 'seven-secret-key-456' },
		ok: { success: '100', messages: [{ id: '77', success: true, error: null }] },
		output: () => ({ provider: 'seven', to: '573001234567', messageId: '77', status: 'accepted', type: 'text' }),
	},
	whaapy: {
		host: 'https://api.whaapy.com',
		path: '/messages/v1',
		params: {},
		body: (text, to = DIGITS) => ({ to: `+${to}`, content: text }),
		auth: { authorization: 'Bearer wha_testsecretkey0001' },
		ok: { messaging_product: 'whatsapp', messages: [{ id: 'u1', wamid: 'wamid.1' }], data: { status: 'sent', conversationId: 'c1' } },
		output: () => ({ provider: 'whaapy', to: '+573001234567', messageId: 'u1', status: 'sent', type: 'text' }),
	},
	engine: {
		host: 'http://engine.test:3000',
		path: '/api/messages/send',
		params: {},
		body: (text, to = DIGITS) => ({ phone: to, message: text }),
		auth: { 'x-api-key': 'engine-secret-key-000' },
		ok: { success: true, message: 'Mensaje enviado', data: { messageId: 'm1', whatsappId: 'true_573001234567@c.us_ABC' } },
		output: () => ({ provider: 'engine', to: '573001234567', messageId: 'true_573001234567@c.us_ABC', status: 'sent', type: 'text' }),
	},
	decisionTelecom: {
		host: 'https://web.it-decision.com',
		path: '/v1/api/send-whatsapp',
		params: { decisionSourceAddr: 'MyBrand' },
		body: (text, to = DIGITS) => ({ source_addr: 'MyBrand', destination_addr: to, message_type: 1, text }),
		auth: { authorization: `Basic ${Buffer.from('decision-hash-key-abc').toString('base64')}` },
		ok: { message_id: 1001 },
		output: () => ({ provider: 'decisionTelecom', to: '573001234567', messageId: '1001', status: 'accepted', type: 'text' }),
	},
};

export const PROVIDER_IDS = Object.keys(FIXTURES);

/** Parameters of a text send. */
export function sendParams(provider: string, extra: IDataObject = {}): IDataObject {
	return {
		provider,
		resource: 'message',
		operation: 'send',
		messageType: 'text',
		to: TO,
		text: '={{ $json.text }}',
		...FIXTURES[provider].params,
		...extra,
	};
}

/** The text a provider's request body carries. */
export function textOf(provider: string, body: IDataObject): string {
	const key = { innova: 'mensaje', whaapy: 'content', engine: 'message' }[provider] ?? 'text';
	return String(body[key]);
}

/**
 * A nock scope for one provider that checks the credential header and records the text of every
 * request it answers (in arrival order), so tests can count requests per item.
 */
export function providerScope(provider: string) {
	const fixture = FIXTURES[provider];
	const scope = nock(fixture.host, { reqheaders: fixture.auth });
	const requests: string[] = [];
	scope.on('request', (_req: unknown, _interceptor: unknown, body: string) => {
		requests.push(textOf(provider, JSON.parse(body) as IDataObject));
	});
	return {
		scope,
		requests,
		/** An interceptor for exactly the send of `text` (to `to`, digits, default TO). */
		send: (text: string, to?: string) =>
			scope.post(fixture.path, fixture.body(text, to) as nock.DataMatcherMap),
		count: (text: string) => requests.filter((t) => t === text).length,
	};
}

/** An error like the ones Node's sockets raise (nock needs an Error instance with a code). */
export function socketError(code: 'ECONNRESET' | 'ECONNREFUSED', message = code === 'ECONNRESET' ? 'socket hang up' : 'connect ECONNREFUSED 10.0.0.1:443') {
	return Object.assign(new Error(message), { code });
}

export { runNode };
