import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { AdapterContext, ProviderAdapter } from '../providers/types';
import { phoneOrFail } from '../helpers/validation';
import { ensureNodeError } from '../transport/errors';
import { createAdapterContext } from './context';

/**
 * Lists of phone numbers for bulk operations (check numbers, bulk send). The numbers come either
 * from one field of the current item (`list`: a text with several numbers, or an expression that
 * returns an array) or from every input item (`items`: the operation then runs once per execution,
 * see OperationDefinition.aggregatesItems, and each number remembers the item it came from).
 */
export type NumberSource = 'list' | 'items';

/** One number of a bulk operation: what the user gave, the provider-formatted number, its item. */
export interface NumberEntry {
	input: string;
	phone: string;
	sourceItem: number;
}

/** An input item whose number could not be used (only collected under "Continue On Fail"). */
export interface InvalidNumber {
	sourceItem: number;
	error: NodeOperationError;
}

/** Splits a value into numbers: arrays as they are, text on commas, semicolons and line breaks. */
export function splitNumbers(value: unknown): string[] {
	if (value === undefined || value === null) return [];
	if (Array.isArray(value)) return value.flatMap((v) => splitNumbers(v));
	if (typeof value === 'number') return [String(value)];
	if (typeof value === 'object') {
		// `{ phone: '...' }` objects, e.g. an expression that returns items' json
		const phone =
			(value as Record<string, unknown>).phone ?? (value as Record<string, unknown>).number;
		return phone === undefined ? [JSON.stringify(value)] : splitNumbers(phone);
	}
	return String(value)
		.split(/[,;\n\r\t]+/)
		.map((part) => part.trim())
		.filter((part) => part !== '');
}

export interface CollectOptions {
	source: NumberSource;
	/** Field name shown in errors for the list field, and the parameter holding it. */
	listField: string;
	listParam: string;
	/** Field name shown in errors for the per-item field, and the parameter holding it. */
	itemField: string;
	itemParam: string;
}

/**
 * Reads, validates and formats the numbers of a bulk operation before any request is sent.
 * A bad number fails naming its item and field; with "Continue On Fail" and numbers from all items,
 * the bad items are returned apart (so the others still run) instead.
 */
export function collectNumbers(
	fn: IExecuteFunctions,
	ctx: AdapterContext,
	adapter: ProviderAdapter,
	options: CollectOptions,
): { entries: NumberEntry[]; invalid: InvalidNumber[] } {
	const entries: NumberEntry[] = [];
	const invalid: InvalidNumber[] = [];
	const itemIndexes =
		options.source === 'items' ? fn.getInputData().map((_, index) => index) : [ctx.itemIndex];
	const field = options.source === 'items' ? options.itemField : options.listField;
	const param = options.source === 'items' ? options.itemParam : options.listParam;

	for (const itemIndex of itemIndexes) {
		const itemCtx =
			itemIndex === ctx.itemIndex ? ctx : createAdapterContext(fn, adapter, itemIndex);
		try {
			const values = splitNumbers(itemCtx.param<unknown>(param, ''));
			if (values.length === 0) {
				itemCtx.fail(
					field,
					`${field} is empty`,
					options.source === 'items'
						? 'Map the phone number of each input item, e.g. {{ $json.phone }}.'
						: 'Enter phone numbers separated by commas or new lines, or an expression that returns a list.',
				);
			}
			const country = itemCtx.param<string>('options.defaultCountry', '') || undefined;
			for (const value of values) {
				entries.push({
					input: value,
					phone: phoneOrFail(itemCtx, adapter, value, field, country),
					sourceItem: itemIndex,
				});
			}
		} catch (error) {
			if (
				options.source === 'items' &&
				fn.continueOnFail() &&
				error instanceof NodeOperationError
			) {
				invalid.push({ sourceItem: itemIndex, error });
				continue;
			}
			throw ensureNodeError(fn.getNode(), error, itemIndex);
		}
	}
	return { entries, invalid };
}

/** The "Source" field and its two number fields, shared by the bulk operations. */
export function numberSourceProperties(texts: {
	what: string;
	listName: string;
	listDescription: string;
	itemName: string;
	itemDescription: string;
}): INodeProperties[] {
	return [
		{
			displayName: `${texts.what} Source`,
			name: 'source',
			type: 'options',
			noDataExpression: true,
			default: 'list',
			options: [
				{
					name: 'All Input Items',
					value: 'items',
					description:
						'One number per input item (e.g. a sheet row); the node makes one batched call for all items and outputs one item per number, linked to its row',
				},
				{
					name: 'List in a Field',
					value: 'list',
					description: 'Several numbers in one field, for each input item',
				},
			],
		},
		{
			displayName: texts.listName,
			name: 'phoneNumbers',
			type: 'string',
			required: true,
			default: '',
			placeholder: '573001234567, +57 300 765 4321',
			description: texts.listDescription,
			displayOptions: { show: { source: ['list'] } },
		},
		{
			displayName: texts.itemName,
			name: 'phoneNumber',
			type: 'string',
			required: true,
			default: '={{ $json.phone }}',
			placeholder: '={{ $json.phone }}',
			description: texts.itemDescription,
			displayOptions: { show: { source: ['items'] } },
		},
	];
}

/** Whether the operation reads its numbers from all input items (then it runs once). */
export function readsAllItems(fn: IExecuteFunctions): boolean {
	return fn.getNodeParameter('source', 0, 'list') === 'items';
}
