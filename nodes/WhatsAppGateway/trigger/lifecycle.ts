import type { IDataObject, IHookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { getProvider } from '../providers';
import { generateSecret, sha256Hex } from '../providers/signing';
import type {
	Call,
	ProviderAdapter,
	WebhookInfo,
	WebhookManagement,
	WebhookRegistration,
} from '../providers/types';
import { ensureNodeError } from '../transport/errors';
import { providerRequest } from '../transport/request';

/**
 * The trigger's webhookMethods (checkExists / create / delete), the same for every provider with a
 * webhook API. What was registered for each webhook URL (production and test URLs separately) is
 * kept in the node's static data under `registrations[url]`: ids, events, and the secret when it
 * cannot be derived from the credential (Whaapy's).
 *
 * Verification fails closed: a trigger whose deliveries cannot be verified refuses to activate,
 * unless the user turned on Options → Accept Unverified Deliveries.
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
	acceptUnverified: boolean;
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
		acceptUnverified: acceptsUnverified(fn.getNodeParameter('options', {}) as IDataObject),
	};
}

export function acceptsUnverified(options: IDataObject): boolean {
	return options.acceptUnverified === true;
}

/** The credential of the trigger, or {} when none is selected (DecisionTelecom's is optional). */
async function credentialsOf(fn: IHookFunctions, adapter: ProviderAdapter): Promise<IDataObject> {
	try {
		return ((await fn.getCredentials(adapter.credentialType)) as IDataObject) ?? {};
	} catch {
		return {};
	}
}

const OPT_IN =
	'Or, if you accept that anyone who learns the webhook URL can start this workflow, turn on Options → Accept Unverified Deliveries (every item then carries verified: false).';

/** Refuses to activate when the credential leaves nothing to verify deliveries with. */
async function assertVerifiable(fn: IHookFunctions, e: HookEnv): Promise<IDataObject> {
	const credentials = await credentialsOf(fn, e.adapter);
	const gap = e.adapter.webhooks?.verificationGap?.(credentials);
	if (gap && !e.acceptUnverified) {
		throw new NodeOperationError(
			fn.getNode(),
			`${gap}: the trigger will not accept unverified deliveries`,
			{
				description: `${e.adapter.webhooks?.verificationFix ?? ''} ${OPT_IN}`.trim(),
			},
		);
	}
	return credentials;
}

/** Refuses, before anything is sent, a webhook URL the provider is known to reject. */
function assertUrlAccepted(fn: IHookFunctions, e: HookEnv): void {
	const problem = e.management?.urlProblem?.(e.url);
	if (problem)
		throw new NodeOperationError(fn.getNode(), problem.message, { description: problem.hint });
}

/** The secret for a new registration: derived from the credential where possible, else random. */
function secretFor(
	adapter: ProviderAdapter,
	credentials: IDataObject,
	url: string,
): { secret: string; derived: boolean } {
	const derived = adapter.webhooks?.deriveSecret?.(credentials, url);
	return derived
		? { secret: derived, derived: true }
		: { secret: generateSecret(), derived: false };
}

/** A fingerprint of a derived secret (not the secret): tells whether the credential changed. */
export function secretFingerprint(secret: string): string {
	return sha256Hex(`fingerprint\n${secret}`).slice(0, 16);
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
	const credentials = await assertVerifiable(this, e);
	if (!e.management) return true;
	assertUrlAccepted(this, e);
	const registrations = registrationsOf(e.staticData);
	const stored = ownRegistration(registrations, e.url);
	if (stored && e.management.acceptsSecret) {
		// A registration signed with a secret we can no longer produce is recreated.
		const derived = e.adapter.webhooks?.deriveSecret?.(credentials, e.url);
		if (derived ? stored.secretId !== secretFingerprint(derived) : !stored.secret) return false;
	}
	// Without a stored secret (Whaapy returned none) deliveries cannot be verified: register anew.
	if (
		stored &&
		!e.management.acceptsSecret &&
		!e.management.adoptable &&
		!stored.secret &&
		!e.acceptUnverified
	)
		return false;
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
	const credentials = await assertVerifiable(this, e);
	if (!e.management) return true;
	assertUrlAccepted(this, e);
	const registrations = registrationsOf(e.staticData);
	// Registrations for our URL we cannot use (unknown secret, other events) would deliver twice.
	const stale = (await e.management.list(e.call)).filter((w) => w.url === e.url);
	for (const webhook of stale) {
		try {
			await e.management.remove(e.call, webhook.id);
		} catch (error) {
			if (!isNotFound(error)) throw ensureNodeError(this.getNode(), error);
		}
	}
	delete registrations[e.url];
	const chosen = e.management.acceptsSecret ? secretFor(e.adapter, credentials, e.url) : undefined;
	const created = await e.management.register(e.call, {
		url: e.url,
		events: e.events,
		...(chosen ? { secret: chosen.secret } : {}),
	});
	const returnedSecret = created.find(
		(c) => typeof c.secret === 'string' && c.secret !== '',
	)?.secret;
	const ids = created.map((c) => c.id).filter((id) => id !== '');
	if (!chosen && !returnedSecret && !e.management.adoptable && !e.acceptUnverified) {
		// Fail closed: a registration we cannot verify deliveries of is removed again.
		for (const id of ids) {
			try {
				await e.management.remove(e.call, id);
			} catch {
				// Reported below; the next activation removes leftovers for this URL first.
			}
		}
		throw new NodeOperationError(
			this.getNode(),
			`${e.adapter.name} returned no signing secret for the new webhook, so its deliveries cannot be verified; the webhook was removed again`,
			{ description: `${e.adapter.webhooks?.verificationFix ?? ''} ${OPT_IN}`.trim() },
		);
	}
	const registration: WebhookRegistration = { url: e.url, ids, events: e.events };
	if (chosen?.derived) registration.secretId = secretFingerprint(chosen.secret);
	else if (chosen) registration.secret = chosen.secret;
	else if (returnedSecret) registration.secret = returnedSecret;
	registrations[e.url] = registration;
	return true;
}

/** The stored registration of a URL (own property only: URLs are input). */
function ownRegistration(
	registrations: Record<string, WebhookRegistration>,
	url: string,
): WebhookRegistration | undefined {
	return Object.prototype.hasOwnProperty.call(registrations, url) ? registrations[url] : undefined;
}

export async function remove(this: IHookFunctions): Promise<boolean> {
	const e = env(this);
	if (!e.management) return true;
	const registrations = registrationsOf(e.staticData);
	const stored = ownRegistration(registrations, e.url);
	if (!stored) return true;
	let ok = true;
	let forgotten = false;
	for (const id of stored.ids) {
		try {
			await e.management.remove(e.call, id);
		} catch (error) {
			// Already gone (the Engine forgets its webhooks on restart) is fine. Anything else: the
			// registration may be left behind; the next activation removes it before registering.
			if (isNotFound(error)) forgotten = true;
			else ok = false;
		}
	}
	if (forgotten) {
		// The provider had forgotten ours, so the URL may have been registered again without the
		// trigger (Webhook → Ensure Registered): remove those too, or the provider keeps delivering
		// to a URL that no longer answers.
		try {
			const others = (await e.management.list(e.call)).filter(
				(w) => w.url === e.url && !stored.ids.includes(w.id),
			);
			for (const webhook of others) {
				try {
					await e.management.remove(e.call, webhook.id);
				} catch (error) {
					if (!isNotFound(error)) ok = false;
				}
			}
		} catch {
			ok = false;
		}
	}
	delete registrations[e.url];
	return ok;
}
