import type { INodeProperties } from 'n8n-workflow';

import type { OperationDefinition } from '../types';
import { offers, runAdapterOperation } from '../adapterOperation';
import { optionsCollection } from '../common.descriptions';
import { readWebhookTarget, webhookEventFields } from './fields';

/**
 * Webhook → Ensure Registered (issue #10): makes sure a webhook for the URL and events exists,
 * registering it only when it is missing, inactive or has other events. Run on a schedule, it
 * restores registrations a provider forgot (the WhatsApp API Engine keeps them in memory, and
 * n8n 2.x does not re-check trigger registrations at start-up). Signed like the trigger's own
 * registration, so the trigger verifies the deliveries.
 */
const properties: INodeProperties[] = [
	{
		displayName: 'URL',
		name: 'webhookUrl',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'https://n8n.example.com/webhook/5d7c2b1a-…/webhook',
		description:
			"The trigger's Production URL (open the WhatsApp Gateway Trigger, Webhook URLs → Production URL)",
	},
	...webhookEventFields(),
	optionsCollection(),
];

export const ensureOperation: OperationDefinition = {
	resource: 'webhook',
	operation: 'ensure',
	name: 'Ensure Registered',
	action: 'Ensure a webhook is registered',
	description:
		'Register the URL for the events only if the provider does not already have it (run on a schedule after provider restarts)',
	properties,
	isSupported: offers('webhook.ensure'),
	async execute(ctx, adapter) {
		const hint = "Paste the trigger's Production URL.";
		const { url, events } = readWebhookTarget(ctx, {
			url: hint,
			emptyUrl: hint,
			events: 'Choose the events the trigger listens to.',
		});
		return await runAdapterOperation(ctx, adapter, 'webhook.ensure', {
			url,
			events: [...events].sort(),
		});
	},
};
