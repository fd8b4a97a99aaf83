import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { getProvider } from '../providers';
import type { OperationOutput, ProviderAdapter } from '../providers/types';
import { ensureNodeError } from '../transport/errors';
import { createAdapterContext } from './context';
import { readParameter } from './parameters';
import { forEachInLanes, trafficGate } from './reliability';
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

	// Resource and operation take no expressions (noDataExpression): the same for every item.
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const definition = findOperation(resource, operation);

	// Items run in parallel within the run's concurrency window (automatic AIMD or the Concurrency
	// option, reliability.ts); items to the same recipient run one at a time in input order.
	// Outputs are stored per input index so they leave in input order whatever the completion
	// order. Without "Continue On Fail" the first failing item (lowest index) stops the run: no
	// further item starts, running ones finish, and the error lists what was sent.
	const gate = trafficGate(this, adapter);
	const prereadTo = new Map<number, unknown>();
	const byRecipient = definition?.properties.some((p) => p.name === 'to') === true;
	const perItem: INodeExecutionData[][] = new Array(items.length);
	const failures = new Map<number, NodeApiError | NodeOperationError>();
	await forEachInLanes(
		items.length,
		{
			limit: () => gate.concurrency.limit,
			laneOf: byRecipient ? (itemIndex) => recipientLane(this, itemIndex, prereadTo) : undefined,
		},
		async (itemIndex) => {
			try {
				perItem[itemIndex] = await runItem.call(this, adapter, definition, itemIndex, prereadTo);
				return 'continue';
			} catch (error) {
				const normalized = ensureNodeError(this.getNode(), error, itemIndex);
				if (this.continueOnFail()) {
					perItem[itemIndex] = [
						{ json: errorJson(normalized, adapter, itemIndex), pairedItem: { item: itemIndex } },
					];
					return 'continue';
				}
				failures.set(itemIndex, normalized);
				return 'stop';
			}
		},
	);
	if (failures.size > 0) throw stoppedRunError(failures, perItem, items.length);
	for (const outputs of perItem) if (outputs) returnData.push(...outputs);
	return [returnData];
}

async function runItem(
	this: IExecuteFunctions,
	adapter: ProviderAdapter,
	definition: OperationDefinition | undefined,
	itemIndex: number,
	preread?: Map<number, unknown>,
): Promise<INodeExecutionData[]> {
	if (!definition || !definition.isSupported(adapter)) {
		const resource = this.getNodeParameter('resource', 0) as string;
		const operation = this.getNodeParameter('operation', 0) as string;
		throw new NodeOperationError(
			this.getNode(),
			`${adapter.name} does not support "${resource} → ${operation}"`,
			{
				itemIndex,
				description: 'Choose another operation or another provider.',
			},
		);
	}
	const ctx = createAdapterContext(this, adapter, itemIndex, preread);
	const outputs = await definition.execute.call(this, ctx, adapter);
	const executionData = await Promise.all(outputs.map((output) => toExecutionData(this, output)));
	return this.helpers.constructExecutionMetaData(executionData, { itemData: { item: itemIndex } });
}

/**
 * The lane of an item: the last nine digits of its To number, so the same person written in any
 * format ("+57 300 123 4567", "3001234567" with a default country, "573001234567@c.us") shares
 * one lane. Two different numbers with the same last nine digits share a lane too, which only
 * costs parallelism, never order. The value read is kept for the item's own run (`preread`), so
 * To is evaluated once. An unreadable or digit-less To has no lane (the item fails validation).
 */
function recipientLane(
	fn: IExecuteFunctions,
	itemIndex: number,
	preread: Map<number, unknown>,
): string | undefined {
	let raw: unknown;
	try {
		raw = readParameter(fn, 'to', itemIndex, '');
	} catch {
		return undefined;
	}
	preread.set(itemIndex, raw);
	if (typeof raw === 'number' && Number.isFinite(raw)) raw = String(Math.trunc(raw));
	if (typeof raw !== 'string') return undefined;
	const digits = raw.replace(/@.*$/, '').replace(/\D/g, '');
	return digits === '' ? undefined : digits.slice(-9);
}

/** Lists at most this many items in the text of a stopped run's error (all are in its context). */
const LISTED_ITEMS = 50;

/**
 * The error of a run stopped by a failing item (no "Continue On Fail"): the failure of the lowest
 * item, with what happened to every other item appended to its description and, in full, to its
 * context: `sentItems` (succeeded, with the message ID), `failedItems`, `notSentItems`.
 */
function stoppedRunError(
	failures: Map<number, NodeApiError | NodeOperationError>,
	perItem: INodeExecutionData[][],
	itemCount: number,
): NodeApiError | NodeOperationError {
	const stoppedAt = Math.min(...failures.keys());
	const error = failures.get(stoppedAt)!;
	if (itemCount <= 1) return error;
	const sent: Array<{ item: number; messageId: string | null }> = [];
	const notSent: number[] = [];
	for (let item = 0; item < itemCount; item++) {
		const outputs = perItem[item];
		if (outputs) {
			const id = outputs[0]?.json?.messageId;
			sent.push({
				item,
				messageId: typeof id === 'string' || typeof id === 'number' ? String(id) : null,
			});
		} else if (!failures.has(item)) {
			notSent.push(item);
		}
	}
	const failed = [...failures.entries()]
		.sort(([a], [b]) => a - b)
		.map(([item, e]) => ({ item, error: e.message }));

	const listed = sent
		.slice(0, LISTED_ITEMS)
		.map(
			({ item, messageId }) =>
				`${item} (${messageId === null ? 'no message ID' : `message ID ${messageId}`})`,
		)
		.join(', ');
	const parts = [
		`The run stopped at item ${stoppedAt}.`,
		sent.length === 0
			? 'No item was sent.'
			: `Already sent, skip them when you re-run (${sent.length}): item ${listed}${sent.length > LISTED_ITEMS ? `, and ${sent.length - LISTED_ITEMS} more` : ''}.`,
	];
	if (failed.length > 1) {
		parts.push(
			`Also failed: ${failed
				.filter(({ item }) => item !== stoppedAt)
				.map(({ item, error: message }) => `item ${item} (${message})`)
				.join(', ')}.`,
		);
	}
	if (notSent.length > 0) parts.push(`Not sent: ${itemRanges(notSent)}.`);
	parts.push("The full lists are in this error's context (sentItems, failedItems, notSentItems).");
	error.description = [error.description, parts.join(' ')].filter(Boolean).join(' ');
	error.context = {
		...(error.context ?? {}),
		stoppedAtItem: stoppedAt,
		sentItems: sent,
		failedItems: failed,
		notSentItems: itemRanges(notSent),
	};
	return error;
}

/** "0–3, 7, 9–12": ascending item indexes as ranges. */
export function itemRanges(items: number[]): string {
	const ranges: string[] = [];
	for (let i = 0; i < items.length;) {
		let j = i;
		while (j + 1 < items.length && items[j + 1] === items[j] + 1) j++;
		ranges.push(j === i ? `${items[i]}` : `${items[i]}–${items[j]}`);
		i = j + 1;
	}
	return ranges.join(', ');
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
