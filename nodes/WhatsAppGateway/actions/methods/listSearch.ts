import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { getProvider } from '../../providers';
import type { AdapterContext, ProviderAdapter } from '../../providers/types';
import { providerRequest } from '../../transport/request';

function currentProvider(fn: ILoadOptionsFunctions): ProviderAdapter {
	return getProvider(String(fn.getCurrentNodeParameter('provider') ?? 'whaapy'));
}

function caller(fn: ILoadOptionsFunctions, adapter: ProviderAdapter): AdapterContext['call'] {
	// One attempt, a short wait: the user is looking at an open list.
	return async (request) =>
		await providerRequest.call(fn, adapter, request, {
			timeoutMs: 20_000,
			retry: { maxRetries: 0, maxWaitMs: 0, baseDelayMs: 0 },
		});
}

/**
 * "From list" of the Template field (Message → Send, template): the provider's approved templates,
 * each entry named with its language and how many body/button parameters it needs. Choosing one
 * gives the field `name (language)`: the node sends that name and language.
 */
export async function searchTemplates(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const adapter = currentProvider(this);
	const list = adapter.lists?.templates;
	if (!list) {
		throw new NodeOperationError(this.getNode(), `${adapter.name} offers no list of templates`, {
			description: 'Type the template name (mode "By Name") and its Language Code.',
		});
	}
	return await list(caller(this, adapter), { filter, paginationToken });
}

/**
 * "From list" of the Webhook field (Webhook → Delete / Toggle): the webhooks registered with the
 * provider (the same request as Webhook → List), named by URL and events, valued by ID.
 */
export async function searchWebhooks(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const adapter = currentProvider(this);
	const management = adapter.webhooks?.management;
	if (!management) {
		throw new NodeOperationError(this.getNode(), `${adapter.name} has no webhook API`);
	}
	const webhooks = await management.list(caller(this, adapter));
	const needle = (filter ?? '').trim().toLowerCase();
	const results = webhooks
		.map((w) => {
			const events = w.events.length > 0 ? ` (${w.events.join(', ')})` : '';
			const off = w.active === false ? ' [inactive]' : '';
			return { name: `${w.url}${events}${off}`, value: String(w.id), id: String(w.id) };
		})
		.filter((r) => !needle || r.name.toLowerCase().includes(needle) || r.id.includes(needle))
		.map(({ name, value }) => ({ name, value }));
	return { results };
}
