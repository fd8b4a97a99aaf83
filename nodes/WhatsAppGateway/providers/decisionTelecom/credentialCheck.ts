import type { CredentialCheck } from '../types';
import { decisionAuthorization } from './auth';

/**
 * DecisionTelecom has no documented read-only WhatsApp endpoint besides the status lookup; the
 * check asks for the status of message 0, which needs a valid key and sends nothing.
 */
export const decisionCredentialCheck: CredentialCheck = {
	testedBy: 'whatsAppGatewayDecisionTelecomApiTest',
	request: (credentials) => ({
		method: 'POST',
		path: '/v1/api/receive-whatsapp',
		body: { message_id: 0 },
		headers: { Authorization: decisionAuthorization(credentials) },
	}),
	judge: (statusCode) => {
		if (statusCode === 401 || statusCode === 403) return { ok: false, message: `The access key was rejected (HTTP ${statusCode})` };
		if (statusCode === 404) return { ok: false, message: 'No DecisionTelecom API at this base URL (HTTP 404)' };
		if (statusCode >= 500) return { ok: false, message: `DecisionTelecom failed (HTTP ${statusCode})` };
		return { ok: true, message: 'Key accepted' };
	},
};
