import type { INodeProperties } from 'n8n-workflow';

import type { OperationDefinition } from '../types';
import { offers, runAdapterOperation } from '../adapterOperation';
import { optionsCollection } from '../common.descriptions';
import { providersAcceptingSecret, readWebhookTarget, webhookEventFields } from './fields';

const properties: INodeProperties[] = [
	{
		displayName: 'URL',
		name: 'webhookUrl',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'https://example.com/whatsapp-events',
		description: 'Where the provider sends the events (http or https)',
	},
	...webhookEventFields(),
	{
		displayName: 'Secret',
		name: 'webhookSecret',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		description:
			'Optional secret the provider signs each delivery with (X-Webhook-Signature: HMAC-SHA256 of the body)',
		displayOptions: { show: { provider: providersAcceptingSecret() } },
	},
	optionsCollection(),
];

export const registerOperation: OperationDefinition = {
	resource: 'webhook',
	operation: 'register',
	name: 'Register',
	action: 'Register a webhook',
	description: 'Register a URL to receive events from the provider',
	properties,
	isSupported: offers('webhook.register'),
	async execute(ctx, adapter) {
		const { url, events } = readWebhookTarget(ctx, {
			emptyUrl: 'Enter the address that should receive the events.',
			url: 'Enter a full address such as https://example.com/whatsapp-events.',
			events: 'Choose at least one event.',
		});
		const secret = String(ctx.param<string>('webhookSecret', '') ?? '');
		return await runAdapterOperation(ctx, adapter, 'webhook.register', {
			url,
			events: events.includes('*') ? ['*'] : events,
			...(secret ? { secret } : {}),
		});
	},
};
