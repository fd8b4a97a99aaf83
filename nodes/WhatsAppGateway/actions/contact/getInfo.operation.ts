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
		description: "The contact's number, with country code",
	},
	optionsCollection(defaultCountryOption),
];

export const getInfoOperation: OperationDefinition = {
	resource: 'contact',
	operation: 'getInfo',
	name: 'Get Info',
	action: 'Get contact information',
	description: 'Get the WhatsApp name and flags (user, group, blocked) of a number',
	properties,
	isSupported: offers('contact.getInfo'),
	async execute(ctx, adapter) {
		const phone = recipient(ctx, adapter, 'Phone Number', 'phoneNumber');
		return await runAdapterOperation(ctx, adapter, 'contact.getInfo', { phone });
	},
};
