import type { ProviderAdapter } from './types';
import { decisionTelecomAdapter } from './decisionTelecom';
import { engineAdapter } from './engine';
import { innovaAdapter } from './innova';
import { sevenAdapter } from './seven';
import { whaapyAdapter } from './whaapy';

/**
 * Every provider this package speaks. Adding a provider = one adapter folder + one credential +
 * one line here (or a registerProvider call); operations, node and trigger descriptions are
 * generated from the adapters. CONTRIBUTING.md, "Adding a provider".
 */
export const PROVIDERS: ProviderAdapter[] = [
	decisionTelecomAdapter,
	innovaAdapter,
	sevenAdapter,
	whaapyAdapter,
	engineAdapter,
];

export function getProvider(id: string): ProviderAdapter {
	const adapter = PROVIDERS.find((p) => p.id === id);
	if (!adapter) throw new Error(`Unknown provider "${id}"`);
	return adapter;
}

/**
 * Adds a provider from outside this file (e.g. a test fixture). Register before the node's
 * description is built (a node instance is created), as n8n builds it once per load.
 */
export function registerProvider(adapter: ProviderAdapter): void {
	if (PROVIDERS.some((p) => p.id === adapter.id)) {
		throw new Error(`A provider with the id "${adapter.id}" is already registered`);
	}
	PROVIDERS.push(adapter);
}
