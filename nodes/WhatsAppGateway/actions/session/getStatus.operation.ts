import type { INodeProperties } from 'n8n-workflow';

import type { OperationDefinition } from '../types';
import { offers, runAdapterOperation } from '../adapterOperation';
import { optionsCollection } from '../common.descriptions';

const properties: INodeProperties[] = [optionsCollection()];

export const getStatusOperation: OperationDefinition = {
	resource: 'session',
	operation: 'getStatus',
	name: 'Get Status',
	action: 'Get the session status',
	description: 'Get the WhatsApp connection status (connected, QR pending, disconnected…)',
	properties,
	isSupported: offers('session.getStatus'),
	async execute(ctx, adapter) {
		return await runAdapterOperation(ctx, adapter, 'session.getStatus');
	},
};
