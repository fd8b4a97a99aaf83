import type { INodeProperties } from 'n8n-workflow';

import type { OperationDefinition } from '../types';
import { offers, runAdapterOperation } from '../adapterOperation';
import { optionsCollection } from '../common.descriptions';
import { locatorValue } from '../fields';
import { webhookIdField } from './fields';

const properties: INodeProperties[] = [webhookIdField, optionsCollection()];

export const toggleOperation: OperationDefinition = {
	resource: 'webhook',
	operation: 'toggle',
	name: 'Toggle',
	action: 'Turn a webhook on or off',
	description: 'Switch a webhook between active and inactive; the output says which it is now',
	properties,
	isSupported: offers('webhook.toggle'),
	async execute(ctx, adapter) {
		const id = locatorValue(ctx.param<unknown>('webhookId', ''));
		if (!id)
			ctx.fail(
				'Webhook',
				'No webhook is selected',
				'Pick one From List, or enter the ID that Register or List returned.',
			);
		return await runAdapterOperation(ctx, adapter, 'webhook.toggle', { id });
	},
};
