import type { CredentialCheck } from '../types';
import { isObject } from '../shared';

/**
 * InnovaAPI documents only the send endpoint. The check posts an empty body to it: the server checks
 * the key first (401) and then rejects the missing fields (400), so no message can be sent.
 */
export const innovaCredentialCheck: CredentialCheck = {
	testedBy: 'whatsAppGatewayInnovaApiTest',
	request: (credentials) => ({
		method: 'POST',
		path: '/api/whatsapp/enviar',
		body: {},
		headers: { Authorization: `Bearer ${String(credentials.apiKey ?? '')}` },
	}),
	judge: (statusCode, body) => {
		if (statusCode === 401 || statusCode === 403) return { ok: false, message: 'The API key was rejected (HTTP 401)' };
		if (statusCode === 404) return { ok: false, message: 'No InnovaAPI endpoint at this base URL (HTTP 404)' };
		if (statusCode >= 500) return { ok: false, message: `The InnovaAPI server failed (HTTP ${statusCode})` };
		if (statusCode === 429) return { ok: true, message: 'Key accepted (daily limit currently reached)' };
		if (!isObject(body) && statusCode !== 400) return { ok: false, message: 'The base URL did not answer like InnovaAPI' };
		return { ok: true, message: 'Key accepted' };
	},
};
