import type { IDataObject } from 'n8n-workflow';

import type { OutboundMessage, ProviderAdapter, SendResult } from '../types';
import { isObject, trimSlash } from '../shared';
import { normalizePhone } from '../../helpers/phone';
import { interpretSeven } from './errors';
import { sevenEventOperations, sevenEventProperties } from './events';
import { sevenProperties } from './description';
import {
	buildSevenContent,
	deleteSevenScheduled,
	sevenMessageProperties,
	sevenMessageTypes,
	sevenSendOptions,
} from './messages';
import { sevenWebhookManagement, sevenWebhooks } from './webhooks';
import { webhookOperations } from '../webhookOperations';

/** seven.io WhatsApp Business API (docs/providers/seven.md): `X-Api-Key`, base https://gateway.seven.io. */
export const sevenAdapter: ProviderAdapter = {
	id: 'seven',
	name: 'seven.io',
	credentialType: 'whatsAppGatewaySevenApi',
	phone: { format: 'digits' },
	baseUrl: (credentials) => trimSlash(credentials.baseUrl || 'https://gateway.seven.io'),
	secrets: (credentials) => [
		String(credentials.apiKey ?? ''),
		String(credentials.signingKey ?? ''),
	],
	messageTypes: sevenMessageTypes,
	maxTextLength: 4096,
	properties: [...sevenProperties, ...sevenEventProperties, ...sevenMessageProperties],
	operations: {
		...sevenEventOperations,
		'message.deleteScheduled': deleteSevenScheduled,
		...webhookOperations('seven', sevenWebhookManagement),
	},
	interpret: interpretSeven,
	webhooks: sevenWebhooks,
	async send(ctx, message: OutboundMessage): Promise<SendResult> {
		const from = senderNumber(ctx.param<string>('sevenFrom', ''));
		if (!from)
			ctx.fail(
				'From',
				'The From number is missing or invalid',
				'Enter your registered WhatsApp Business sender number in international format, e.g. 4915112345678.',
			);
		const body: IDataObject = {
			from,
			to: message.to,
			...buildSevenContent(message),
			...sevenSendOptions(ctx),
		};
		const response = await ctx.call({
			method: 'POST',
			path: '/api/waba/messages',
			body,
			action: 'send the message',
			sendsMessage: true,
		});
		const first =
			isObject(response.body) && Array.isArray(response.body.messages)
				? response.body.messages[0]
				: undefined;
		const id =
			isObject(first) && first.id !== undefined && first.id !== null ? String(first.id) : null;
		return {
			provider: 'seven',
			to: message.to,
			messageId: id,
			status: 'accepted',
			type: message.type,
			providerResponse: response.body as IDataObject,
		};
	},
};

function senderNumber(value: string): string | undefined {
	const result = normalizePhone(value, { format: 'digits' });
	return result.ok ? result.value : undefined;
}
