import type { INodeProperties } from 'n8n-workflow';

import { PROVIDERS } from '../../providers';
import type { AdapterContext } from '../../providers/types';

/**
 * The webhook field of Delete and Toggle: picked from the provider's list of webhooks, or its ID
 * typed or mapped (as Register or List return it).
 */
export const webhookIdField: INodeProperties = {
	displayName: 'Webhook',
	name: 'webhookId',
	type: 'resourceLocator',
	required: true,
	default: { mode: 'list', value: '' },
	description: 'The webhook, as Register or List return it',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchWebhooks', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'wh_1700000000000',
		},
	],
};

/**
 * The Events field of Register, one per provider (each provider names its events differently).
 * The options come from the adapters' webhook descriptions.
 */
export function webhookEventFields(): INodeProperties[] {
	return PROVIDERS.filter((p) => p.webhooks?.management && p.webhooks.events.length > 0).map(
		(adapter) => {
			const webhooks = adapter.webhooks!;
			const field: INodeProperties = {
				displayName: 'Events',
				name: 'webhookEvents',
				type: 'multiOptions',
				required: true,
				options: webhooks.events,
				default: [],
				description: webhooks.management!.multiEvent
					? 'Events the webhook receives'
					: `Events the webhook receives (${adapter.name} keeps one webhook per event: one is registered for each)`,
				displayOptions: { show: { provider: [adapter.id] } },
			};
			// Each provider pre-selects its own default events (set here: they differ per provider).
			field.default = [...webhooks.defaultEvents];
			return field;
		},
	);
}

/** Providers whose webhook API signs with a secret we choose. */
export function providersAcceptingSecret(): string[] {
	return PROVIDERS.filter((p) => p.webhooks?.management?.acceptsSecret).map((p) => p.id);
}

/**
 * The URL and events of a Register / Ensure Registered step, checked before any request: an http(s)
 * URL and at least one event (deduplicated). `hints` say how to fix each field in that operation.
 */
export function readWebhookTarget(
	ctx: AdapterContext,
	hints: { url: string; emptyUrl: string; events: string },
): { url: string; events: string[] } {
	const url = String(ctx.param<string>('webhookUrl', '')).trim();
	if (!url) ctx.fail('URL', 'The URL is empty', hints.emptyUrl);
	let parsed: URL | undefined;
	try {
		parsed = new URL(url);
	} catch {
		parsed = undefined;
	}
	if (!parsed || !/^https?:$/.test(parsed.protocol)) {
		ctx.fail('URL', `"${url}" is not an http(s) URL`, hints.url);
	}
	const selected = ctx.param<string[]>('webhookEvents', []);
	const events = Array.isArray(selected) ? [...new Set(selected.map(String))] : [];
	if (events.length === 0) ctx.fail('Events', 'No event is selected', hints.events);
	return { url, events };
}
