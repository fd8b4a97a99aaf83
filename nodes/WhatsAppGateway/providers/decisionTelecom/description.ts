import type { INodeProperties } from 'n8n-workflow';

/** Fields only DecisionTelecom needs. The registry adds `provider: ['decisionTelecom']`. */
export const decisionProperties: INodeProperties[] = [
	{
		displayName: 'Sender',
		name: 'decisionSourceAddr',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'Custom Company',
		description:
			'The sender name or number registered for WhatsApp (source_addr, up to 20 characters)',
		displayOptions: { show: { resource: ['message'], operation: ['send'] } },
	},
];
