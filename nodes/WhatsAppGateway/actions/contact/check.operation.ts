import type { INodeProperties } from 'n8n-workflow';

import type { OperationDefinition } from '../types';
import { recipient } from '../../helpers/validation';
import { offers, runAdapterOperation } from '../adapterOperation';
import { optionsCollection } from '../common.descriptions';
import { defaultCountryOption } from '../fields';

const properties: INodeProperties[] = [
	{
		displayName: 'Phone Number',
		name: 'phoneNumber',
		type: 'string',
		required: true,
		default: '',
		placeholder: '+57 300 123 4567',
		description: 'The number to check, with country code',
	},
	optionsCollection(defaultCountryOption),
];

export const checkOperation: OperationDefinition = {
	resource: 'contact',
	operation: 'check',
	name: 'Check Number',
	action: 'Check whether a number is on WhatsApp',
	description: 'Check whether a phone number has a WhatsApp account',
	properties,
	isSupported: offers('contact.check'),
	async execute(ctx, adapter) {
		const phone = recipient(ctx, adapter, 'Phone Number', 'phoneNumber');
		return await runAdapterOperation(ctx, adapter, 'contact.check', { phone });
	},
};
