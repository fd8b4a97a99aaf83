import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { getProvider } from '../providers';
import type { OperationOutput, ProviderAdapter } from '../providers/types';
import { ensureNodeError } from '../transport/errors';
import { createAdapterContext } from './context';
import { forEachBounded, readConcurrency } from './reliability';
import { findOperation } from './resources';
import type { OperationDefinition } from './types';

/**
 * Runs the node: for every input item, dispatches resource → operation, wraps the output with
 * pairedItem, and owns "Continue On Fail" (one error item per failed input item, in order).
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const returnData: INodeExecutionData[] = [];
	const adapter = getProvider(this.getNodeParameter('provider', 0) as string);
	const aggregating = aggregatingOperation(this, adapter);
	if (aggregating) return [await runAggregated.call(this, adapter, aggregating, items.length)];

	// Items run with bounded concurrency (Concurrency option); outputs are stored per input index so
	// they leave in input order whatever the completion order. Without "Continue On Fail" the first
	// failing item (lowest index) stops the run: no further item starts, running ones finish.
	const perItem: INodeExecutionData[][] = new Array(items.length);
	let failure: { itemIndex: number; error: NodeApiError | NodeOperationError } | undefined;
	await forEachBounded(items.length, readConcurrency(this), async (itemIndex) => {
		try {
			perItem[itemIndex] = await runItem.call(this, adapter, itemIndex);
			return 'continue';
		} catch (error) {
			const normalized = ensureNodeError(this.getNode(), error, itemIndex);
			if (this.continueOnFail()) {
				perItem[itemIndex] = [
					{ json: errorJson(normalized, adapter, itemIndex), pairedItem: { item: itemIndex } },
				];
				return 'continue';
			}
			if (!failure || itemIndex < failure.itemIndex) failure = { itemIndex, error: normalized };
			return 'stop';
		}
	});
	if (failure) throw failure.error;
	for (const outputs of perItem) if (outputs) returnData.push(...outputs);
	return [returnData];
}

async function runItem(
	this: IExecuteFunctions,
	adapter: ProviderAdapter,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const resource = this.getNodeParameter('resource', itemIndex) as string;
	const operation = this.getNodeParameter('operation', itemIndex) as string;
	const definition = findOperation(resource, operation);
	if (!definition || !definition.isSupported(adapter)) {
		throw new NodeOperationError(
			this.getNode(),
			`${adapter.name} does not support "${resource} → ${operation}"`,
			{
				itemIndex,
				description: 'Choose another operation or another provider.',
			},
		);
	}
	const ctx = createAdapterContext(this, adapter, itemIndex);
	const outputs = await definition.execute.call(this, ctx, adapter);
	const executionData = await Promise.all(outputs.map((output) => toExecutionData(this, output)));
	return this.helpers.constructExecutionMetaData(executionData, { itemData: { item: itemIndex } });
}

/** The operation, when with the current parameters it runs once for all input items (bulk operations). */
function aggregatingOperation(
	fn: IExecuteFunctions,
	adapter: ProviderAdapter,
): OperationDefinition | undefined {
	if (fn.getInputData().length === 0) return undefined;
	const definition = findOperation(
		fn.getNodeParameter('resource', 0) as string,
		fn.getNodeParameter('operation', 0) as string,
	);
	return definition?.isSupported(adapter) && definition.aggregatesItems?.(fn)
		? definition
		: undefined;
}

/**
 * Runs an aggregating operation once, with the context of item 0. Each output is paired with the
 * input items it names in `sourceItems` (all items when it names none). Under "Continue On Fail" a
 * failure of the whole run becomes one error item paired with every input item.
 */
async function runAggregated(
	this: IExecuteFunctions,
	adapter: ProviderAdapter,
	definition: OperationDefinition,
	itemCount: number,
): Promise<INodeExecutionData[]> {
	const allItems = Array.from({ length: itemCount }, (_, item) => ({ item }));
	try {
		const outputs = await definition.execute.call(
			this,
			createAdapterContext(this, adapter, 0),
			adapter,
		);
		return await Promise.all(
			outputs.map(async (output) => ({
				...(await toExecutionData(this, output)),
				pairedItem: output.sourceItems?.length
					? output.sourceItems.map((item) => ({ item }))
					: allItems,
			})),
		);
	} catch (error) {
		const normalized = ensureNodeError(this.getNode(), error, 0);
		if (!this.continueOnFail()) throw normalized;
		const itemIndex = Number(normalized.context?.itemIndex ?? 0);
		return [{ json: errorJson(normalized, adapter, itemIndex), pairedItem: allItems }];
	}
}

async function toExecutionData(
	fn: IExecuteFunctions,
	output: OperationOutput,
): Promise<INodeExecutionData> {
	if (!output.binary) return { json: output.json };
	const { propertyName, data, mimeType, fileName } = output.binary;
	return {
		json: output.json,
		binary: { [propertyName]: await fn.helpers.prepareBinaryData(data, fileName, mimeType) },
	};
}

/** The json of an error item under "Continue On Fail". */
export function errorJson(
	error: NodeApiError | NodeOperationError,
	adapter: ProviderAdapter,
	itemIndex: number,
): IDataObject {
	const context = (error.context ?? {}) as IDataObject;
	return {
		error: error.message,
		description: error.description ?? null,
		provider: adapter.id,
		httpStatus: (context.httpStatus as number | undefined) ?? null,
		providerCode: (context.providerCode as string | undefined) ?? null,
		kind:
			(context.kind as string | undefined) ??
			(error instanceof NodeOperationError ? 'input' : 'unexpected'),
		itemIndex,
	};
}
