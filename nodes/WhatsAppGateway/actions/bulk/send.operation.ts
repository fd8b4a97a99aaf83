import type { INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ItemOutput, OperationDefinition } from '../types';
import type { NumberEntry } from '../numberList';
import { collectNumbers, numberSourceProperties, readsAllItems } from '../numberList';
import { createAdapterContext } from '../context';
import { requiredText } from '../../helpers/validation';
import { failureFields } from '../../helpers/failureFields';
import { offers, runAdapterOperation } from '../adapterOperation';
import { optionsCollection } from '../common.descriptions';
import { defaultCountryOption } from '../fields';
import { inItemOrder, invalidNumberOutputs, pairWithSources } from './pairing';
import { ensureNodeError } from '../../transport/errors';

const DELAY = { min: 1000, max: 10000, default: 2000 };
const DELAY_FIELD = 'Delay Between Messages (Ms)';

const properties: INodeProperties[] = [
	...numberSourceProperties({
		what: 'Recipients',
		listName: 'Recipients',
		listDescription:
			'Recipient numbers with country code, separated by commas, semicolons or new lines (or an expression that returns a list)',
		itemName: 'Recipient',
		itemDescription: 'The recipient number of each input item, e.g. {{ $json.phone }}',
	}),
	{
		displayName: 'Message',
		name: 'message',
		type: 'string',
		required: true,
		default: '',
		typeOptions: { rows: 4 },
		description:
			'The text sent to every recipient (up to 4,096 characters). With recipients from all input items, items with different texts are sent in separate batches.',
	},
	{
		displayName: 'Delay Between Messages (Ms)',
		name: 'delay',
		type: 'number',
		typeOptions: { minValue: 1000, maxValue: 10000 },
		default: 2000,
		description:
			'Pause between two messages, 1,000–10,000 ms. The provider sends one after another, so a batch of 100 takes up to 100 × this delay; the node waits for it.',
	},
	optionsCollection(defaultCountryOption),
];

interface Batch {
	message: string;
	delay: number;
	entries: NumberEntry[];
}

export const sendBulkOperation: OperationDefinition = {
	resource: 'bulk',
	operation: 'send',
	name: 'Send',
	action: 'Send a text to many recipients',
	description:
		'Send one text message to many numbers in batched calls; outputs one item per recipient (success, message ID, error)',
	properties,
	isSupported: offers('bulk.send'),
	aggregatesItems: readsAllItems,
	async execute(ctx, adapter): Promise<ItemOutput[]> {
		const fromItems = readsAllItems(this);
		const { entries, invalid } = collectNumbers(this, ctx, adapter, {
			source: fromItems ? 'items' : 'list',
			listField: 'Recipients',
			listParam: 'phoneNumbers',
			itemField: 'Recipient',
			itemParam: 'phoneNumber',
		});

		// Message and delay belong to the item (all input items: each item's own values, grouped).
		const batches = new Map<string, Batch>();
		const invalidItems = new Set(invalid.map((i) => i.sourceItem));
		for (const entry of entries) {
			if (invalidItems.has(entry.sourceItem)) continue;
			const itemCtx =
				entry.sourceItem === ctx.itemIndex
					? ctx
					: createAdapterContext(this, adapter, entry.sourceItem);
			let message: string;
			let delay: number;
			try {
				message = requiredText(itemCtx, 'message', 'Message', adapter.maxTextLength);
				delay = delayOf(itemCtx.param<unknown>('delay', DELAY.default), itemCtx.fail);
			} catch (error) {
				if (fromItems && this.continueOnFail() && error instanceof NodeOperationError) {
					invalid.push({ sourceItem: entry.sourceItem, error });
					invalidItems.add(entry.sourceItem);
					continue;
				}
				throw ensureNodeError(ctx.node, error);
			}
			const key = JSON.stringify([message, delay]);
			const batch = batches.get(key) ?? { message, delay, entries: [] };
			batch.entries.push(entry);
			batches.set(key, batch);
		}

		const outputs: ItemOutput[] = [];
		let sentSomething = false;
		let stopped: unknown;
		for (const batch of batches.values()) {
			const valid = batch.entries.filter((e) => !invalidItems.has(e.sourceItem));
			if (valid.length === 0) continue;
			if (stopped !== undefined) {
				outputs.push(...notSent(valid, adapter.id, stopped));
				continue;
			}
			try {
				const results = await runAdapterOperation(ctx, adapter, 'bulk.send', {
					recipients: valid.map((e) => e.phone),
					message: batch.message,
					delay: batch.delay,
				});
				outputs.push(...pairWithSources(valid, results));
				sentSomething = true;
			} catch (error) {
				// Nothing sent yet: fail as usual. Otherwise keep what was sent and report the rest.
				if (!sentSomething) throw ensureNodeError(ctx.node, error);
				stopped = error;
				outputs.push(...notSent(valid, adapter.id, error));
			}
		}
		return inItemOrder([...outputs, ...invalidNumberOutputs(invalid, adapter)]);
	},
};

function delayOf(
	value: unknown,
	fail: (field: string, message: string, hint?: string) => never,
): number {
	const delay = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (
		typeof delay !== 'number' ||
		!Number.isInteger(delay) ||
		delay < DELAY.min ||
		delay > DELAY.max
	) {
		return fail(
			DELAY_FIELD,
			`${DELAY_FIELD} must be a whole number from ${DELAY.min} to ${DELAY.max}, not ${JSON.stringify(value)}`,
			'The provider accepts a pause of 1,000–10,000 milliseconds between messages.',
		);
	}
	return delay;
}

function notSent(entries: NumberEntry[], provider: string, error: unknown): ItemOutput[] {
	const reason = failureFields(error);
	return entries.map((entry) => ({
		json: {
			provider,
			phone: entry.phone,
			success: false,
			messageId: null,
			status: 'notSent',
			...reason,
			error: `Not sent: an earlier batch failed (${String(reason.error)})`,
			input: entry.input,
		},
		sourceItems: [entry.sourceItem],
	}));
}
