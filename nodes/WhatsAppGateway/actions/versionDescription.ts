import type { IDisplayOptions, INodeProperties, INodeTypeDescription } from 'n8n-workflow';

import { PROVIDERS } from '../providers';
import type { ProviderAdapter } from '../providers/types';
import { RESOURCES } from './resources';
import type { OperationDefinition, ResourceDefinition } from './types';

/** Adds conditions to a property's displayOptions.show (deep, without mutating the original). */
export function showOnly(property: INodeProperties, show: IDisplayOptions['show']): INodeProperties {
	return {
		...property,
		displayOptions: {
			...(property.displayOptions ?? {}),
			show: { ...(show ?? {}), ...(property.displayOptions?.show ?? {}) },
		},
	};
}

function supportedResources(adapter: ProviderAdapter): ResourceDefinition[] {
	return RESOURCES.filter((r) => r.operations.some((o) => o.isSupported(adapter)));
}

const providerProperty: INodeProperties = {
	displayName: 'Provider',
	name: 'provider',
	type: 'options',
	noDataExpression: true,
	default: 'whaapy',
	options: PROVIDERS.map((p) => ({ name: p.name, value: p.id })),
	description: 'The WhatsApp API provider to use. The node shows only what this provider supports.',
};

function resourceProperties(): INodeProperties[] {
	return PROVIDERS.map((adapter) => ({
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		default: 'message',
		options: supportedResources(adapter).map((r) => ({ name: r.name, value: r.value })),
		displayOptions: { show: { provider: [adapter.id] } },
	}));
}

function operationProperties(): INodeProperties[] {
	const properties: INodeProperties[] = [];
	for (const adapter of PROVIDERS) {
		for (const resource of supportedResources(adapter)) {
			const ops = resource.operations.filter((o) => o.isSupported(adapter));
			// eslint-disable-next-line n8n-nodes-base/node-param-default-missing -- default is the first operation this provider offers
			properties.push({
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				default: ops[0].operation,
				options: ops
					.map((o) => ({ name: o.name, value: o.operation, action: o.action, description: o.description }))
					.sort((a, b) => a.name.localeCompare(b.name)),
				displayOptions: { show: { provider: [adapter.id], resource: [resource.value] } },
			});
		}
	}
	return properties;
}

function operationFields(): INodeProperties[] {
	const properties: INodeProperties[] = [];
	for (const resource of RESOURCES) {
		for (const op of resource.operations) {
			const providers = PROVIDERS.filter((p) => op.isSupported(p)).map((p) => p.id);
			if (providers.length === 0) continue;
			for (const property of op.properties) {
				properties.push(fieldFor(op, property, providers));
			}
		}
	}
	return properties;
}

function fieldFor(op: OperationDefinition, property: INodeProperties, providers: string[]): INodeProperties {
	const show: IDisplayOptions['show'] = { resource: [op.resource], operation: [op.operation] };
	if (providers.length < PROVIDERS.length && !property.displayOptions?.show?.provider) {
		show.provider = providers;
	}
	return showOnly(property, show);
}

/** Provider-specific fields declared by the adapters, shown for their provider only. */
function adapterFields(): INodeProperties[] {
	return PROVIDERS.flatMap((adapter) =>
		(adapter.properties ?? []).map((p) => showOnly(p, { provider: [adapter.id] })),
	);
}

export const versionDescription: INodeTypeDescription = {
	displayName: 'WhatsApp Gateway',
	name: 'whatsAppGateway',
	icon: { light: 'file:whatsAppGateway.svg', dark: 'file:whatsAppGateway.dark.svg' },
	group: ['output'],
	version: 1,
	subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
	description:
		'Send WhatsApp messages and manage WhatsApp sessions through InnovaAPI, seven.io, Whaapy, WhatsApp API Engine or DecisionTelecom',
	defaults: { name: 'WhatsApp Gateway' },
	usableAsTool: true,
	inputs: ['main'],
	outputs: ['main'],
	credentials: PROVIDERS.map((adapter) => ({
		name: adapter.credentialType,
		required: true,
		displayOptions: { show: { provider: [adapter.id] } },
		...(adapter.credentialCheck ? { testedBy: adapter.credentialCheck.testedBy } : {}),
	})),
	properties: [
		providerProperty,
		...resourceProperties(),
		...operationProperties(),
		...operationFields(),
		...adapterFields(),
	],
};
