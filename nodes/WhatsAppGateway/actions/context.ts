import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { AdapterContext, ProviderAdapter } from '../providers/types';
import { providerRequest } from '../transport/request';
import { readParameter } from './parameters';
import { readReliability, wellFormed } from './reliability';

/**
 * The one way an operation gets an AdapterContext for an input item: parameters read for that item
 * (well-formed strings), requests through the transport with that item's reliability settings and
 * the run's traffic gate, failures naming the item and the field. Bulk operations that read values
 * of other input items use it with those items' indexes.
 */
export function createAdapterContext(
	fn: IExecuteFunctions,
	adapter: ProviderAdapter,
	itemIndex: number,
	preread?: Map<number, unknown>,
): AdapterContext {
	const node = fn.getNode();
	const transport = readReliability(fn, adapter, itemIndex);
	return {
		itemIndex,
		node,
		timezone: fn.getTimezone(),
		param: <T>(name: string, fallback?: T) => {
			// To was already read to find the item's recipient lane (router): not evaluated twice.
			if (name === 'to' && preread?.has(itemIndex)) {
				const value = preread.get(itemIndex);
				preread.delete(itemIndex);
				return wellFormed(value as T);
			}
			return wellFormed(readParameter(fn, name, itemIndex, fallback) as T);
		},
		call: async (request) =>
			await providerRequest.call(fn, adapter, request, { ...transport, itemIndex }),
		credentials: async () =>
			((await fn.getCredentials(adapter.credentialType, itemIndex)) as IDataObject) ?? {},
		fail: (field, message, hint) => {
			throw new NodeOperationError(node, `${message} (field "${field}", item ${itemIndex})`, {
				itemIndex,
				description: hint,
			});
		},
	};
}
