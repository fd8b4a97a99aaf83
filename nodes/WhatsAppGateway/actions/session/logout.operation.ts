import type { INodeProperties } from 'n8n-workflow';

import type { OperationDefinition } from '../types';
import { offers, runAdapterOperation } from '../adapterOperation';
import { optionsCollection } from '../common.descriptions';

const properties: INodeProperties[] = [optionsCollection()];

export const logoutOperation: OperationDefinition = {
	resource: 'session',
	operation: 'logout',
	name: 'Logout',
	action: 'Log out of WhatsApp',
	description: 'Log the WhatsApp account out of the session (a new QR scan is needed afterwards)',
	properties,
	isSupported: offers('session.logout'),
	async execute(ctx, adapter) {
		return await runAdapterOperation(ctx, adapter, 'session.logout');
	},
};
