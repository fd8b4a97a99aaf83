import type { INodeProperties } from 'n8n-workflow';

import type { OperationDefinition } from '../types';
import { offers, runAdapterOperation } from '../adapterOperation';
import { optionsCollection } from '../common.descriptions';
import { defaultCountryOption } from '../fields';
import { chatToProperty, optionalChat } from './chatTarget';

const properties: INodeProperties[] = [
	{
		...chatToProperty,
		description: 'Phone number of the contact who sees "typing…", with country code',
	},
	optionsCollection(defaultCountryOption),
];

export const typingIndicatorOperation: OperationDefinition = {
	resource: 'conversation',
	operation: 'typingIndicator',
	name: 'Typing Indicator',
	action: 'Show the typing indicator',
	description: 'Show "typing…" to the contact while a reply is being prepared',
	properties,
	isSupported: offers('conversation.typingIndicator'),
	async execute(ctx, adapter) {
		return await runAdapterOperation(ctx, adapter, 'conversation.typingIndicator', {
			to: optionalChat(ctx, adapter),
		});
	},
};
