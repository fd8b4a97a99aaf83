import type { ProviderAdapter } from './types';
import { decisionTelecomAdapter } from './decisionTelecom';
import { engineAdapter } from './engine';
import { innovaAdapter } from './innova';
import { sevenAdapter } from './seven';
import { whaapyAdapter } from './whaapy';

/**
 * Every provider this package speaks. Adding a provider = one adapter folder + one credential +
 * one line here; operations and descriptions are generated from the adapters.
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
