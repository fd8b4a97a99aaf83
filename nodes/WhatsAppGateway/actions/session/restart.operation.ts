import type { INodeProperties } from 'n8n-workflow';

import type { OperationDefinition } from '../types';
import { offers, runAdapterOperation } from '../adapterOperation';
import { optionsCollection } from '../common.descriptions';

const properties: INodeProperties[] = [optionsCollection()];

export const restartOperation: OperationDefinition = {
	resource: 'session',
	operation: 'restart',
	name: 'Restart',
	action: 'Restart the session',
	description:
		'Restart the WhatsApp connection (a new QR code is generated if the session is not linked)',
	properties,
	isSupported: offers('session.restart'),
	async execute(ctx, adapter) {
		return await runAdapterOperation(ctx, adapter, 'session.restart');
	},
};
