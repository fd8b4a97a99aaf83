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
		description: 'ID of the failed message (the messageId of Send, or data.ID of the failure)',
	},
	optionsCollection(),
];

export const retryOperation: OperationDefinition = {
	resource: 'message',
	operation: 'retry',
	name: 'Retry',
	action: 'Retry a failed message',
	description:
		'Send a message that failed once more (only messages with status failed can be retried)',
	properties,
	isSupported: offers('message.retry'),
	async execute(ctx, adapter) {
		return await runAdapterOperation(ctx, adapter, 'message.retry');
	},
};
