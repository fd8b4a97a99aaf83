import type { IDataObject } from 'n8n-workflow';

import type { OutboundMessage, ProviderAdapter, SendResult } from '../types';
import { isObject, trimSlash } from '../shared';
import { engineBulkOperations } from './bulk';
import { engineContactOperations } from './contacts';
import { interpretEngine } from './errors';
import { buildEngineRequest, engineMessageTypes } from './messages';
import { engineSessionOperations } from './session';
import { engineWebhookSecret } from './verify';
import { engineWebhookManagement, engineWebhooks } from './webhooks';
import { webhookOperations } from '../webhookOperations';

/** WhatsApp API Engine (docs/providers/engine.md): self-hosted, `X-API-Key`, numbers as 10–15 digits. */
export const engineAdapter: ProviderAdapter = {
	id: 'engine',
	name: 'WhatsApp API Engine',
	credentialType: 'whatsAppGatewayEngineApi',
	phone: { format: 'digits', minDigits: 10, maxDigits: 15 },
	baseUrl: (credentials) => trimSlash(credentials.baseUrl),
	secrets: (credentials) => [String(credentials.apiKey ?? '')],
	messageTypes: engineMessageTypes,
	maxTextLength: 4096,
	interpret: interpretEngine,
	webhooks: engineWebhooks,
	operations: {
		...engineBulkOperations,
		...engineContactOperations,
		...engineSessionOperations,
		...webhookOperations('engine', engineWebhookManagement, engineWebhookSecret),
	},
	// docs/providers/engine.md#envelope-and-errors: express-rate-limit, 100 requests per 15 minutes per IP on /api/* (server default).
	rateLimits: [{ limit: 100, windowMs: 15 * 60_000, counts: 'requests' }],
	// A WhatsApp Web session: WhatsApp bans numbers that send in bursts. The server's own bulk send
	// (docs/providers/engine.md#messages; GAMEZ1125/whatsapp-api sendBulkMessages) sends one message at a time and waits
	// 2,000 ms between messages "para evitar bloqueos"; automatic concurrency does the same.
	traffic: { start: 1, max: 1, messageSpacingMs: 2000 },
	async send(ctx, message: OutboundMessage): Promise<SendResult> {
		const { path, body } = buildEngineRequest(message);
		const response = await ctx.call({
			method: 'POST',
			path,
			body,
			action: 'send the message',
			sendsMessage: true,
		});
		return engineSendResult(message, response.body);
	},
};

/** `data.whatsappId` is WhatsApp's id; `data.messageId` is a random id local to the Engine. */
export function engineSendResult(
	message: Pick<OutboundMessage, 'to' | 'type'>,
	body: unknown,
): SendResult {
	const data = isObject(body) && isObject(body.data) ? body.data : {};
	const whatsappId = typeof data.whatsappId === 'string' ? data.whatsappId : null;
	const localId = typeof data.messageId === 'string' ? data.messageId : null;
	return {
		provider: 'engine',
		to: message.to,
		messageId: whatsappId ?? localId,
		localMessageId: localId,
		status: typeof data.status === 'string' ? data.status : 'sent',
		type: message.type,
		timestamp: typeof data.timestamp === 'string' ? data.timestamp : null,
		providerResponse: body as IDataObject,
	};
}
