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
		placeholder: '12345678',
		description: 'ID of the scheduled message (the messageId output of Send with a Send At time)',
	},
	optionsCollection(),
];

export const deleteScheduledOperation: OperationDefinition = {
	resource: 'message',
	operation: 'deleteScheduled',
	name: 'Delete Scheduled',
	action: 'Delete a scheduled message',
	description:
		'Cancel a message scheduled for later, before it is sent. Sent messages cannot be deleted (WhatsApp does not support revoking them).',
	properties,
	isSupported: offers('message.deleteScheduled'),
	async execute(ctx, adapter) {
		return await runAdapterOperation(ctx, adapter, 'message.deleteScheduled');
	},
};
