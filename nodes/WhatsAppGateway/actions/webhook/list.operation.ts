import type { INodeProperties } from 'n8n-workflow';

import type { OperationDefinition } from '../types';
import { offers, runAdapterOperation } from '../adapterOperation';
import { timeoutOption } from '../common.descriptions';

const properties: INodeProperties[] = [
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [timeoutOption],
	},
];

export const listOperation: OperationDefinition = {
	resource: 'webhook',
	operation: 'list',
	name: 'List',
	action: 'List webhooks',
	description: 'List the registered webhooks, one item each',
	properties,
	isSupported: offers('webhook.list'),
	async execute(ctx, adapter) {
		return await runAdapterOperation(ctx, adapter, 'webhook.list');
	},
};
