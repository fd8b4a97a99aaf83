import type { IDisplayOptions, INodeCredentialDescription, INodeProperties } from 'n8n-workflow';

import { PROVIDERS } from '../providers';
import type { ProviderAdapter } from '../providers/types';
import { RESOURCES } from './resources';
import type { OperationDefinition, ResourceDefinition } from './types';
import { withReliabilityOptions } from './common.descriptions';

/** Adds conditions to a property's displayOptions.show (deep, without mutating the original). */
export function showOnly(
	property: INodeProperties,
	show: IDisplayOptions['show'],
): INodeProperties {
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
			const operation: INodeProperties = {
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				default: '',
				options: ops
					.map((o) => ({
						name: o.name,
						value: o.operation,
						action: o.action,
						description: o.description,
					}))
					.sort((a, b) => a.name.localeCompare(b.name)),
				displayOptions: { show: { provider: [adapter.id], resource: [resource.value] } },
			};
			// The default is the first operation this provider offers for the resource.
			operation.default = ops[0].operation;
			properties.push(operation);
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
			for (const property of withReliabilityOptions(op.properties)) {
				properties.push(fieldFor(op, property, providers));
			}
		}
	}
	return properties;
}

function fieldFor(
	op: OperationDefinition,
	property: INodeProperties,
	providers: string[],
): INodeProperties {
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

/** The credentials of the node: exactly one is shown, the selected provider's. */
export function nodeCredentials(): INodeCredentialDescription[] {
	return PROVIDERS.map((adapter) => ({
		name: adapter.credentialType,
		required: true,
		displayOptions: { show: { provider: [adapter.id] } },
	}));
}

/**
 * The node's parameters, generated from the providers and operations: a Provider selector, then per
 * provider only the resources, operations and fields that provider supports.
 */
export function nodeProperties(): INodeProperties[] {
	return [
		providerProperty,
		...resourceProperties(),
		...operationProperties(),
		...operationFields(),
		...adapterFields(),
	];
}
