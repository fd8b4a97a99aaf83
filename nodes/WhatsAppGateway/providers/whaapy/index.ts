import type { OutboundMessage, ProviderAdapter, SendResult } from '../types';
import { trimSlash } from '../shared';
import { interpretWhaapy } from './errors';
import { whaapyEventOperations, whaapyEventProperties } from './events';
import { WHAAPY_MEDIA_LIMITS } from './media';
import { whaapyMediaOperations } from './upload';
import {
	retryWhaapyMessage,
	sendWhaapyMessage,
	whaapyLinkButton,
	whaapyMessageProperties,
	whaapyMessageTypes,
} from './messages';
import { listWhaapyTemplates } from './templates';
import { whaapyWebhookManagement, whaapyWebhooks } from './webhooks';
import { webhookOperations } from '../webhookOperations';

/** Whaapy (docs/providers/whaapy.md): Bearer `wha_...` key, base https://api.whaapy.com, numbers in `+` E.164. */
export const whaapyAdapter: ProviderAdapter = {
	id: 'whaapy',
	name: 'Whaapy',
	credentialType: 'whatsAppGatewayWhaapyApi',
	phone: { format: 'e164' },
	baseUrl: (credentials) => trimSlash(credentials.baseUrl || 'https://api.whaapy.com'),
	secrets: (credentials) => [String(credentials.apiKey ?? '')],
	// Whaapy keys start with `wha_` (docs/providers/whaapy.md#base-url-and-auth).
	secretPatterns: [/(wha_)[A-Za-z0-9]{6,}/g],
	uploadLimits: WHAAPY_MEDIA_LIMITS,
	messageTypes: whaapyMessageTypes,
	maxTextLength: 4096,
	interpret: interpretWhaapy,
	properties: [...whaapyEventProperties, ...whaapyMessageProperties],
	operations: {
		...whaapyEventOperations,
		...whaapyMediaOperations,
		'message.retry': retryWhaapyMessage,
		...webhookOperations('whaapy', whaapyWebhookManagement),
	},
	webhooks: whaapyWebhooks,
	lists: { templates: listWhaapyTemplates },
	linkButton: whaapyLinkButton,
	// docs/providers/whaapy.md#errors: 1,000 messages and 100 requests per minute (plan-dependent; these are the defaults).
	rateLimits: [
		{ limit: 100, windowMs: 60_000, counts: 'requests' },
		{ limit: 1000, windowMs: 60_000, counts: 'messages' },
	],
	// More than 100 requests in flight can never pass a limit of 100 requests per minute.
	traffic: { start: 10, max: 100 },
	async send(ctx, message: OutboundMessage): Promise<SendResult> {
		return await sendWhaapyMessage(ctx, message);
	},
};

/** Normalizes Whaapy's send (and retry) answer (kept exported here for other operations). */
export { whaapySendResult } from './messages';
