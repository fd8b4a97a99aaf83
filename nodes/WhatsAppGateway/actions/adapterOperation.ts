import type {
	AdapterContext,
	OperationInputs,
	OperationKey,
	OperationOutput,
	ProviderAdapter,
} from '../providers/types';

/**
 * Calls the adapter's handler for `key` with the input the operation read and validated (none for
 * operations whose input type is `undefined`). Operations are only offered for adapters that have
 * the handler (isSupported), so a missing one is a programming error.
 */
export async function runAdapterOperation<K extends OperationKey>(
	ctx: AdapterContext,
	adapter: ProviderAdapter,
	key: K,
	...[input]: OperationInputs[K] extends undefined ? [] : [OperationInputs[K]]
): Promise<OperationOutput[]> {
	const handler = adapter.operations?.[key];
	if (!handler) throw new Error(`${adapter.name} has no handler for "${key}"`);
	return await handler(ctx, input as OperationInputs[K]);
}

/** isSupported for operations an adapter offers through its `operations` map. */
export const offers = (key: OperationKey) => (adapter: ProviderAdapter) =>
	Boolean(adapter.operations?.[key]);
