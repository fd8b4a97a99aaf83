import type { INodeProperties } from 'n8n-workflow';

import type { OperationDefinition } from '../types';
import { offers, runAdapterOperation } from '../adapterOperation';
import { optionsCollection } from '../common.descriptions';

const properties: INodeProperties[] = [optionsCollection()];

export const getProfileOperation: OperationDefinition = {
	resource: 'session',
	operation: 'getProfile',
	name: 'Get Profile',
	action: 'Get the connected profile',
	description: 'Get the name, phone number and platform of the connected WhatsApp account',
	properties,
	isSupported: offers('session.getProfile'),
	async execute(ctx, adapter) {
		return await runAdapterOperation(ctx, adapter, 'session.getProfile');
	},
};
