import type { IDataObject, IHookFunctions, INode } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { getProvider } from '../providers';
import type { ProviderAdapter } from '../providers/types';
import { providerRequest } from '../transport/request';
import type { Call, WebhookInfo, WebhookManagement, WebhookRegistration } from './types';
import { generateSecret } from './verify';

/**
 * The trigger's webhookMethods (checkExists / create / delete), the same for every provider with a
 * webhook API. What was registered for each webhook URL (production and test URLs separately) is
 * kept in the node's static data under `registrations[url]`: ids, events, and the secret.
 */

export function registrationsOf(staticData: IDataObject): Record<string, WebhookRegistration> {
	if (typeof staticData.registrations !== 'object' || staticData.registrations === null)
		staticData.registrations = {};
	return staticData.registrations as Record<string, WebhookRegistration>;
}

/** The events to subscribe: the node's Events, `*` alone when chosen, the defaults when empty. */
export function desiredEvents(adapter: ProviderAdapter, selected: unknown): string[] {
	const events = Array.isArray(selected)
		? [...new Set(selected.map(String).filter((e) => e !== ''))]
		: [];
	if (events.includes('*') || events.includes('all')) return [events.includes('*') ? '*' : 'all'];
	if (events.length === 0) return [...(adapter.webhooks?.defaultEvents ?? [])];
	return events.sort();
}

function sameEvents(a: string[], b: string[]): boolean {
	const x = [...a].sort();
	const y = [...b].sort();
	return x.length === y.length && x.every((v, i) => v === y[i]);
}

interface HookEnv {
	adapter: ProviderAdapter;
	management: WebhookManagement | undefined;
	call: Call;
	url: string;
	events: string[];
	staticData: IDataObject;
}

function env(fn: IHookFunctions): HookEnv {
	const adapter = getProvider(fn.getNodeParameter('provider') as string);
	const url = fn.getNodeWebhookUrl('default') as string;
	return {
		adapter,
		management: adapter.webhooks?.management,
		call: async (request) => await providerRequest.call(fn, adapter, request),
		url,
		events: desiredEvents(adapter, fn.getNodeParameter('events', []) as unknown),
		staticData: fn.getWorkflowStaticData('node'),
	};
}

/** Provider failures already are NodeApiErrors (transport/errors.ts); anything else is wrapped. */
function asNodeError(node: INode, error: unknown): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(node, error instanceof Error ? error : String(error));
}

function isNotFound(error: unknown): boolean {
	const context = (error as { context?: IDataObject } | undefined)?.context;
	return context?.kind === 'notFound' || context?.httpStatus === 404;
}

/** Whether the registrations listed for our URL are exactly what we want. */
export function registrationMatches(
	management: WebhookManagement,
	mine: WebhookInfo[],
	events: string[],
	stored: WebhookRegistration | undefined,
): boolean {
	if (mine.length === 0 || mine.some((w) => w.active === false)) return false;
	const listedEvents = mine.flatMap((w) => w.events);
	if (management.adoptable) {
		// One registration per event (seven): the listed events must be exactly the wanted ones.
		return (
			sameEvents(listedEvents, events) ||
			(management.multiEvent && mine.length === 1 && sameEvents(mine[0].events, events))
		);
	}
	if (!stored || !sameEvents(stored.events, events)) return false;
	// Registrations we did not store (e.g. duplicates) would deliver twice: recreate.
	return (
		mine.length === stored.ids.length && stored.ids.every((id) => mine.some((w) => w.id === id))
	);
}

export async function checkExists(this: IHookFunctions): Promise<boolean> {
	const e = env(this);
	if (!e.management) return true;
	const registrations = registrationsOf(e.staticData);
	const stored = registrations[e.url];
	// The Engine keeps registrations in memory: list them every time, so a registration lost in a
	// restart is noticed and made again.
	const mine = (await e.management.list(e.call)).filter((w) => w.url === e.url);
	if (!registrationMatches(e.management, mine, e.events, stored)) return false;
	if (
		e.management.adoptable &&
		(!stored ||
			!sameEvents(
				stored.ids,
				mine.map((w) => w.id),
			))
	) {
		registrations[e.url] = { url: e.url, ids: mine.map((w) => w.id), events: e.events };
	}
	return true;
}

export async function create(this: IHookFunctions): Promise<boolean> {
	const e = env(this);
	if (!e.management) return true;
	const registrations = registrationsOf(e.staticData);
	// Registrations for our URL we cannot use (unknown secret, other events) would deliver twice.
	const stale = (await e.management.list(e.call)).filter((w) => w.url === e.url);
	for (const webhook of stale) {
		try {
			await e.management.remove(e.call, webhook.id);
		} catch (error) {
			if (!isNotFound(error)) throw asNodeError(this.getNode(), error);
		}
	}
	delete registrations[e.url];
	const secret = e.management.acceptsSecret ? generateSecret() : undefined;
	const created = await e.management.register(e.call, {
		url: e.url,
		events: e.events,
		...(secret ? { secret } : {}),
	});
	const returnedSecret = created.find(
		(c) => typeof c.secret === 'string' && c.secret !== '',
	)?.secret;
	const registration: WebhookRegistration = {
		url: e.url,
		ids: created.map((c) => c.id).filter((id) => id !== ''),
		events: e.events,
	};
	const finalSecret = secret ?? returnedSecret;
	if (finalSecret) registration.secret = finalSecret;
	registrations[e.url] = registration;
	return true;
}

export async function remove(this: IHookFunctions): Promise<boolean> {
	const e = env(this);
	if (!e.management) return true;
	const registrations = registrationsOf(e.staticData);
	const stored = registrations[e.url];
	if (!stored) return true;
	let ok = true;
	for (const id of stored.ids) {
		try {
			await e.management.remove(e.call, id);
		} catch (error) {
			// Already gone (the Engine forgets its webhooks on restart) is fine. Anything else: the
			// registration may be left behind; the next activation removes it before registering.
			if (!isNotFound(error)) ok = false;
		}
	}
	delete registrations[e.url];
	return ok;
}
