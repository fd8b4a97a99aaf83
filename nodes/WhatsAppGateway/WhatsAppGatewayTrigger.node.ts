import type {
	IExecuteFunctions,
	IHookFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { triggerCredentials, triggerProperties, triggerSubtitle } from './trigger/description';
import { checkExists, create, remove } from './trigger/lifecycle';
import { receive } from './trigger/receive';
import { deliveryScope, persistDeliveryMemory } from './trigger/events';

export class WhatsAppGatewayTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'WhatsApp Gateway Trigger',
		name: 'whatsAppGatewayTrigger',
		icon: { light: 'file:whatsAppGateway.svg', dark: 'file:whatsAppGateway.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: triggerSubtitle(),
		description:
			'Starts the workflow when WhatsApp messages, status updates or session events arrive through seven.io, Whaapy, WhatsApp API Engine or DecisionTelecom',
		defaults: { name: 'WhatsApp Gateway Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: triggerCredentials(),
		webhooks: [
			{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' },
			// Status callbacks sent as a query string (DecisionTelecom's payload is not documented).
			{ name: 'setup', httpMethod: 'GET', responseMode: 'onReceived', path: 'webhook' },
		],
		properties: triggerProperties,
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return await checkExists.call(this);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return await create.call(this);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return await remove.call(this);
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receive.call(this);
	}

	/**
	 * Runs when n8n executes the workflow a delivery started: passes the trigger's items on unchanged
	 * and makes n8n save the delivery memory (trigger/events.ts, persistDeliveryMemory: n8n 2.x
	 * would otherwise lose what webhook() wrote to static data).
	 */
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		persistDeliveryMemory(
			deliveryScope(this.getWorkflow().id, this.getNode().name),
			this.getWorkflowStaticData('node'),
		);
		return [this.getInputData()];
	}
}
