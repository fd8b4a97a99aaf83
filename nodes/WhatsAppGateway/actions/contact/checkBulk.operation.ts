import type { INodeProperties } from 'n8n-workflow';

import type { ItemOutput, OperationDefinition } from '../types';
import { collectNumbers, numberSourceProperties, readsAllItems } from '../numberList';
import { offers, runAdapterOperation } from '../adapterOperation';
import { optionsCollection } from '../common.descriptions';
import { defaultCountryOption } from '../fields';
import { inItemOrder, invalidNumberOutputs, pairWithSources } from '../bulk/pairing';

const properties: INodeProperties[] = [
	...numberSourceProperties({
		what: 'Numbers',
		listName: 'Phone Numbers',
		listDescription:
			'Numbers to check, with country code, separated by commas, semicolons or new lines (or an expression that returns a list)',
		itemName: 'Phone Number',
		itemDescription: 'The number of each input item, e.g. {{ $json.phone }}',
	}),
	optionsCollection(defaultCountryOption),
];

export const checkBulkOperation: OperationDefinition = {
	resource: 'contact',
	operation: 'checkBulk',
	name: 'Check Numbers',
	action: 'Check whether several numbers are on WhatsApp',
	description:
		'Check many numbers in batched calls; outputs one item per number (isRegistered), linked to the input item it came from',
	properties,
	isSupported: offers('contact.checkBulk'),
	aggregatesItems: readsAllItems,
	async execute(ctx, adapter): Promise<ItemOutput[]> {
		const source = readsAllItems(this) ? 'items' : 'list';
		const { entries, invalid } = collectNumbers(this, ctx, adapter, {
			source,
			listField: 'Phone Numbers',
			listParam: 'phoneNumbers',
			itemField: 'Phone Number',
			itemParam: 'phoneNumber',
		});
		const outputs = entries.length
			? await runAdapterOperation(ctx, adapter, 'contact.checkBulk', {
					phones: entries.map((e) => e.phone),
				})
			: [];
		return inItemOrder([
			...pairWithSources(entries, outputs),
			...invalidNumberOutputs(invalid, adapter),
		]);
	},
};
