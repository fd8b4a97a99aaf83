import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { nodeCredentials, nodeProperties, nodeSubtitle } from './actions/nodeProperties';
import { searchTemplates, searchWebhooks } from './actions/methods/listSearch';
import { router } from './actions/router';
import { sendAndWaitWebhook, sendAndWaitWebhooks } from './actions/message/sendAndWait.webhook';

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
		// Message → Send and Wait for Response: the answer links resume the waiting execution here.
		webhooks: sendAndWaitWebhooks,
		credentials: nodeCredentials(),
		properties: nodeProperties(),
	};

	methods = {
		listSearch: { searchTemplates, searchWebhooks },
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await sendAndWaitWebhook.call(this);
	}

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
