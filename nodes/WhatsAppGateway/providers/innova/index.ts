import type { IDataObject } from 'n8n-workflow';

import type { OutboundMessage, ProviderAdapter, SendResult } from '../types';
import { trimSlash } from '../shared';
import { interpretInnova } from './errors';
import { buildInnovaPayload, innovaMessageTypes } from './messages';

/**
 * InnovaAPI (docs/providers/innova.md): one endpoint, `POST /api/whatsapp/enviar`, Bearer key, self-hosted base URL.
 * It returns no message ID, so `messageId` is always null and `status` is `accepted`.
 */
export const innovaAdapter: ProviderAdapter = {
	id: 'innova',
	name: 'InnovaAPI',
	credentialType: 'whatsAppGatewayInnovaApi',
	phone: { format: 'digits' },
	baseUrl: (credentials) => trimSlash(credentials.baseUrl),
	secrets: (credentials) => [String(credentials.apiKey ?? '')],
	messageTypes: innovaMessageTypes,
	maxTextLength: 4096,
	interpret: interpretInnova,
	async send(ctx, message: OutboundMessage): Promise<SendResult> {
		const response = await ctx.call({
			method: 'POST',
			path: '/api/whatsapp/enviar',
			body: buildInnovaPayload(message),
			action: 'send the message',
			sendsMessage: true,
		});
		return {
			provider: 'innova',
			to: message.to,
			messageId: null,
			status: 'accepted',
			type: message.type,
			providerResponse: response.body as IDataObject,
		};
	},
};
