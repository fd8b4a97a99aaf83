import type { INodeProperties } from 'n8n-workflow';

import type { OperationDefinition } from '../types';
import { offers, runAdapterOperation } from '../adapterOperation';
import { optionsCollection } from '../common.descriptions';
import { providersAcceptingSecret, webhookEventFields } from './fields';

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
		const url = String(ctx.param<string>('webhookUrl', '')).trim();
		if (!url)
			ctx.fail('URL', 'The URL is empty', 'Enter the address that should receive the events.');
		let parsed: URL | undefined;
		try {
			parsed = new URL(url);
		} catch {
			parsed = undefined;
		}
		if (!parsed || !/^https?:$/.test(parsed.protocol)) {
			ctx.fail(
				'URL',
				`"${url}" is not an http(s) URL`,
				'Enter a full address such as https://example.com/whatsapp-events.',
			);
		}
		const selected = ctx.param<string[]>('webhookEvents', []);
		const events = Array.isArray(selected) ? [...new Set(selected.map(String))] : [];
		if (events.length === 0)
			ctx.fail('Events', 'No event is selected', 'Choose at least one event.');
		const secret = String(ctx.param<string>('webhookSecret', '') ?? '');
		return await runAdapterOperation(ctx, adapter, 'webhook.register', {
			url,
			events: events.includes('*') ? ['*'] : events,
			...(secret ? { secret } : {}),
		});
	},
};
