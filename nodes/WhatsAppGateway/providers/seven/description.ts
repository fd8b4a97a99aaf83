import type { INodeProperties } from 'n8n-workflow';

/** Fields only seven.io needs. The registry adds `provider: ['seven']` to their displayOptions. */
export const sevenProperties: INodeProperties[] = [
	{
		displayName: 'From',
		name: 'sevenFrom',
		type: 'string',
		required: true,
		default: '',
		placeholder: '4915112345678',
		description: 'Your registered WhatsApp Business sender number, in international format',
		displayOptions: { show: { resource: ['message'], operation: ['send'] } },
	},
];
