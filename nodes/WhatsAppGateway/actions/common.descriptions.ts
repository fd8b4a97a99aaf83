import type { INodeProperties } from 'n8n-workflow';

/** An option for Options collections: how long to wait for the provider. */
export const timeoutOption: INodeProperties = {
	displayName: 'Timeout (Seconds)',
	name: 'timeout',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: 600 },
	default: 60,
	description: 'How long to wait for the provider to answer before giving up',
};
