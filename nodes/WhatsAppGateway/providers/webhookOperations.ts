import type { IDataObject } from 'n8n-workflow';

import type { WebhookInfo, WebhookManagement } from './types';
import type { OperationHandlers, OperationOutput } from './types';

function webhookJson(provider: string, webhook: WebhookInfo & { secret?: string }): IDataObject {
	const { id, url, events, active, ...rest } = webhook;
	return { provider, id, url, events, active, ...rest };
}

/**
 * The Webhook resource's handlers (`webhook.register|list|delete|toggle`) for a provider with a
 * webhook API, built on the same requests the trigger uses (providers/<id>/webhooks.ts).
 * Inputs are validated by the operations: `url`, `events`, `secret`, `id`.
 */
export function webhookOperations(
	provider: string,
	management: WebhookManagement,
): OperationHandlers {
	const operations: OperationHandlers = {
		'webhook.register': async (ctx, input): Promise<OperationOutput[]> => {
			const created = await management.register(ctx.call, {
				url: input.url,
				events: input.events,
				...(management.acceptsSecret && input.secret ? { secret: input.secret } : {}),
			});
			// A secret we chose is not echoed; one the provider generated (Whaapy) is the user's only copy.
			return created.map((webhook) => ({ json: webhookJson(provider, webhook) }));
		},
		'webhook.list': async (ctx): Promise<OperationOutput[]> => {
			const webhooks = await management.list(ctx.call);
			return webhooks.map((webhook) => ({ json: webhookJson(provider, webhook) }));
		},
		'webhook.delete': async (ctx, input): Promise<OperationOutput[]> => {
			const id = input.id;
			await management.remove(ctx.call, id);
			return [{ json: { provider, id, deleted: true } }];
		},
	};
	if (management.toggle) {
		const toggle = management.toggle;
		operations['webhook.toggle'] = async (ctx, input): Promise<OperationOutput[]> => {
			const result = await toggle(ctx.call, input.id);
			return [{ json: { provider, id: result.id, active: result.active } }];
		};
	}
	return operations;
}
