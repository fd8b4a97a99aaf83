import type { INodeProperties } from 'n8n-workflow';

import type { OperationDefinition } from '../types';
import { offers, runAdapterOperation } from '../adapterOperation';
import { optionsCollection } from '../common.descriptions';

const properties: INodeProperties[] = [
	{
		displayName: 'Message ID',
		name: 'messageId',
		type: 'string',
		required: true,
		default: '',
		placeholder: '554',
		description: 'ID of the message (the messageId output of Send)',
	},
	optionsCollection(),
];

export const getStatusOperation: OperationDefinition = {
	resource: 'message',
	operation: 'getStatus',
	name: 'Get Status',
	action: 'Get the status of a message',
	description:
		'Get the delivery status of a sent message: delivered, rejected, error, failed, deleted, pending or seen',
	properties,
	isSupported: offers('message.getStatus'),
	async execute(ctx, adapter) {
		return await runAdapterOperation(ctx, adapter, 'message.getStatus');
	},
};
