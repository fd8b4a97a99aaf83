import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { nodeCredentials, nodeProperties, nodeSubtitle } from './actions/nodeProperties';
import { searchTemplates, searchWebhooks } from './actions/methods/listSearch';
import { router } from './actions/router';

/** The WhatsApp Gateway node: a shell; the router runs resource → operation for every item. */
export class WhatsAppGateway implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'WhatsApp Gateway',
		name: 'whatsAppGateway',
		icon: { light: 'file:whatsAppGateway.svg', dark: 'file:whatsAppGateway.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: nodeSubtitle(),
		description:
			'Send WhatsApp messages and manage WhatsApp sessions through InnovaAPI, seven.io, Whaapy, WhatsApp API Engine or DecisionTelecom',
		defaults: { name: 'WhatsApp Gateway' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: nodeCredentials(),
		properties: nodeProperties(),
	};

	methods = {
		listSearch: { searchTemplates, searchWebhooks },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
