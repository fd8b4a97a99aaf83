import type { IDataObject } from 'n8n-workflow';

import type { OutboundMessage, ProviderAdapter, SendResult } from '../types';
import { isObject, trimSlash } from '../shared';
import { decisionProperties } from './description';
import { interpretDecisionTelecom } from './errors';
import {
	buildDecisionContent,
	decisionMessageProperties,
	decisionMessageTypes,
	decisionSendOptions,
	getDecisionStatus,
} from './messages';
import { withCallbackToken } from './verify';
import { decisionWebhooks } from './webhooks';

/** DecisionTelecom (docs/providers/decisionTelecom.md): Basic auth with the user hash key, base https://web.it-decision.com. */
export const decisionTelecomAdapter: ProviderAdapter = {
	id: 'decisionTelecom',
	name: 'DecisionTelecom',
	credentialType: 'whatsAppGatewayDecisionTelecomApi',
	// destination_addr: digits, at most 20 characters.
	phone: { format: 'digits', maxDigits: 20 },
	baseUrl: (credentials) => trimSlash(credentials.baseUrl || 'https://web.it-decision.com'),
	secrets: (credentials) => [String(credentials.accessKey ?? '')],
	messageTypes: decisionMessageTypes,
	maxTextLength: 4096,
	properties: [...decisionProperties, ...decisionMessageProperties],
	operations: { 'message.getStatus': getDecisionStatus },
	interpret: interpretDecisionTelecom,
	webhooks: decisionWebhooks,
	async send(ctx, message: OutboundMessage): Promise<SendResult> {
		const sourceAddr = String(ctx.param<string>('decisionSourceAddr', '')).trim();
		if (!sourceAddr)
			ctx.fail(
				'Sender',
				'The Sender (source_addr) is empty',
				'Enter the sender name or number registered for WhatsApp with DecisionTelecom.',
			);
		if (sourceAddr.length > 20)
			ctx.fail(
				'Sender',
				`The Sender (source_addr) has ${sourceAddr.length} characters; at most 20 are allowed`,
			);
		const options = decisionSendOptions(ctx, message);
		const body: IDataObject = {
			source_addr: sourceAddr,
			destination_addr: message.to,
			...buildDecisionContent(message, options.namespace),
		};
		// The trigger checks this token: DecisionTelecom does not sign its callbacks (verify.ts).
		if (options.callbackUrl)
			body.callback_url = withCallbackToken(options.callbackUrl, (await ctx.credentials?.()) ?? {});
		const response = await ctx.call({
			method: 'POST',
			path: '/v1/api/send-whatsapp',
			body,
			action: 'send the message',
			sendsMessage: true,
		});
		const id = isObject(response.body) ? response.body.message_id : undefined;
		return {
			provider: 'decisionTelecom',
			to: message.to,
			messageId: id !== undefined && id !== null ? String(id) : null,
			status: 'accepted',
			type: message.type,
			providerResponse: response.body as IDataObject,
		};
	},
};
