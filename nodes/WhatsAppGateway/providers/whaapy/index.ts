import type { IDataObject } from 'n8n-workflow';

import type { OutboundMessage, ProviderAdapter, SendResult } from '../types';
import { isObject, trimSlash } from '../shared';
import { interpretWhaapy } from './errors';
import { whaapyEventOperations, whaapyEventProperties } from './events';
import { whaapyMediaOperations } from './upload';
import { buildWhaapyPayload, whaapyMessageTypes } from './messages';
import { whaapyWebhooks } from './webhooks';

/** Whaapy (seed 002): Bearer `wha_...` key, base https://api.whaapy.com, numbers in `+` E.164. */
export const whaapyAdapter: ProviderAdapter = {
	id: 'whaapy',
	name: 'Whaapy',
	credentialType: 'whatsAppGatewayWhaapyApi',
	phone: { format: 'e164' },
	baseUrl: (credentials) => trimSlash(credentials.baseUrl || 'https://api.whaapy.com'),
	secrets: (credentials) => [String(credentials.apiKey ?? '')],
	messageTypes: whaapyMessageTypes,
	maxTextLength: 4096,
	interpret: interpretWhaapy,
	properties: [...whaapyEventProperties],
	operations: { ...whaapyEventOperations, ...whaapyMediaOperations },
	webhooks: whaapyWebhooks,
	// Seed 002: 1,000 messages and 100 requests per minute (plan-dependent; these are the defaults).
	rateLimits: [
		{ limit: 100, windowMs: 60_000, counts: 'requests' },
		{ limit: 1000, windowMs: 60_000, counts: 'messages' },
	],
	async send(ctx, message: OutboundMessage): Promise<SendResult> {
		const response = await ctx.call({
			method: 'POST',
			path: '/messages/v1',
			body: buildWhaapyPayload(message),
			action: 'send the message',
			sendsMessage: true,
		});
		return whaapySendResult(message, response.body);
	},
};

/** Normalizes Whaapy's send (and retry) answer. */
export function whaapySendResult(message: Pick<OutboundMessage, 'to' | 'type'>, body: unknown): SendResult {
	const first = isObject(body) && Array.isArray(body.messages) && isObject(body.messages[0]) ? body.messages[0] : {};
	const data = isObject(body) && isObject(body.data) ? body.data : {};
	const id = first.id ?? data.id;
	return {
		provider: 'whaapy',
		to: message.to,
		messageId: id !== undefined && id !== null ? String(id) : null,
		wamid: typeof first.wamid === 'string' ? first.wamid : null,
		conversationId: typeof data.conversationId === 'string' ? data.conversationId : null,
		status: typeof data.status === 'string' ? data.status : 'sent',
		type: message.type,
		providerResponse: body as IDataObject,
	};
}
