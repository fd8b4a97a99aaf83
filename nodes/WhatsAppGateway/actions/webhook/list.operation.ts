import type { INodeProperties } from 'n8n-workflow';

import type { OperationDefinition } from '../types';
import { offers, runAdapterOperation } from '../adapterOperation';
import { optionsCollection } from '../common.descriptions';

const properties: INodeProperties[] = [optionsCollection()];

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
