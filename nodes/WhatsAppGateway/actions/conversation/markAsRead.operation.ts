import type { INodeProperties } from 'n8n-workflow';

import type { OperationDefinition } from '../types';
import { offers, runAdapterOperation } from '../adapterOperation';
import { optionsCollection } from '../common.descriptions';
import { defaultCountryOption } from '../fields';
import { chatToProperty, optionalChat } from './chatTarget';

const properties: INodeProperties[] = [
	{
		...chatToProperty,
		description: 'Phone number of the contact whose chat is marked as read, with country code',
	},
	optionsCollection(defaultCountryOption),
];

export const markAsReadOperation: OperationDefinition = {
	resource: 'conversation',
	operation: 'markAsRead',
	name: 'Mark as Read',
	action: 'Mark a conversation as read',
	description: 'Mark the messages of a chat as read (blue ticks)',
	properties,
	isSupported: offers('conversation.markAsRead'),
	async execute(ctx, adapter) {
		return await runAdapterOperation(ctx, adapter, 'conversation.markAsRead', {
			to: optionalChat(ctx, adapter),
		});
	},
};
