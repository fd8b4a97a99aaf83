import type {
	AdapterContext,
	OperationInput,
	OperationOutput,
	ProviderAdapter,
} from '../providers/types';

/**
 * Calls the adapter's handler for `resource.operation` with the input the operation read and
 * validated. Operations are only offered for adapters that have the handler (isSupported), so a
 * missing one is a programming error.
 */
export async function runAdapterOperation(
	ctx: AdapterContext,
	adapter: ProviderAdapter,
	key: string,
	input?: OperationInput,
): Promise<OperationOutput[]> {
	const handler = adapter.operations?.[key];
	if (!handler) throw new Error(`${adapter.name} has no handler for "${key}"`);
	return await handler(ctx, input);
}

/** isSupported for operations an adapter offers through its `operations` map. */
export const offers = (key: string) => (adapter: ProviderAdapter) =>
	Boolean(adapter.operations?.[key]);
