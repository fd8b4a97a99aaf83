import type { IDataObject } from 'n8n-workflow';

import type {
	AdapterContext,
	OperationHandlers,
	OperationOutput,
	WebhookInfo,
	WebhookManagement,
} from './types';

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
	deriveSecret?: (credentials: IDataObject, url: string) => string | undefined,
): OperationHandlers {
	const operations: OperationHandlers = {
		'webhook.register': async (ctx, input): Promise<OperationOutput[]> => {
			urlCheck(ctx, management, input.url);
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
	if (deriveSecret) {
		operations['webhook.ensure'] = async (ctx, input) =>
			await ensure(ctx, provider, management, deriveSecret, {
				url: input.url,
				events: input.events.slice().sort(),
			});
	}
	if (management.toggle) {
		const toggle = management.toggle;
		operations['webhook.toggle'] = async (ctx, input): Promise<OperationOutput[]> => {
			const result = await toggle(ctx.call, input.id);
			return [{ json: { provider, id: result.id, active: result.active } }];
		};
	}
	return operations;
}

function urlCheck(ctx: AdapterContext, management: WebhookManagement, url: string): void {
	const problem = management.urlProblem?.(url);
	if (problem) ctx.fail('URL', problem.message, problem.hint);
}

/**
 * Registers `url` for `events` unless exactly one active registration with those events exists
 * (then nothing is sent). Other registrations of the URL are removed first. The secret is derived
 * from the credential and the URL, as the trigger derives it, so the trigger verifies deliveries.
 */
async function ensure(
	ctx: AdapterContext,
	provider: string,
	management: WebhookManagement,
	deriveSecret: (credentials: IDataObject, url: string) => string | undefined,
	input: { url: string; events: string[] },
): Promise<OperationOutput[]> {
	urlCheck(ctx, management, input.url);
	const mine = (await management.list(ctx.call)).filter((w) => w.url === input.url);
	const same = (w: WebhookInfo) =>
		w.active !== false && w.events.slice().sort().join('\n') === input.events.join('\n');
	if (mine.length === 1 && same(mine[0])) {
		return [
			{
				json: {
					provider,
					url: input.url,
					events: input.events,
					id: mine[0].id,
					action: 'unchanged',
					removed: [],
				},
			},
		];
	}
	const removed: string[] = [];
	for (const webhook of mine) {
		await management.remove(ctx.call, webhook.id);
		removed.push(webhook.id);
	}
	const secret = deriveSecret((await ctx.credentials?.()) ?? {}, input.url);
	const created = await management.register(ctx.call, {
		url: input.url,
		events: input.events,
		...(secret ? { secret } : {}),
	});
	return [
		{
			json: {
				provider,
				url: input.url,
				events: input.events,
				id: created[0]?.id ?? null,
				action: 'registered',
				removed,
				// Without an API key to derive a secret from, the deliveries are not signed.
				signed: secret !== undefined,
			},
		},
	];
}
