import type { INodeProperties } from 'n8n-workflow';

import type { OperationDefinition } from '../types';
import { offers, runAdapterOperation } from '../adapterOperation';
import { optionsCollection } from '../common.descriptions';
import { locatorValue } from '../fields';
import { webhookIdField } from './fields';

const properties: INodeProperties[] = [webhookIdField, optionsCollection()];

export const deleteOperation: OperationDefinition = {
	resource: 'webhook',
	operation: 'delete',
	name: 'Delete',
	action: 'Delete a webhook',
	description: 'Delete a registered webhook',
	properties,
	isSupported: offers('webhook.delete'),
	async execute(ctx, adapter) {
		const id = locatorValue(ctx.param<unknown>('webhookId', ''));
		if (!id)
			ctx.fail(
				'Webhook',
				'No webhook is selected',
				'Pick one From List, or enter the ID that Register or List returned.',
			);
		return await runAdapterOperation(ctx, adapter, 'webhook.delete', { id });
	},
};
