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

/**
 * A value of the Provider parameter that no provider has. Description entries shown only for it are
 * never displayed in the node panel and never become node parameters: they exist for the editor's
 * node creator (see nodeCreatorProperties()).
 */
export const NODE_CREATOR_ONLY = '__nodeCreator';

function supportedResources(adapter: ProviderAdapter): ResourceDefinition[] {
	return RESOURCES.filter((r) => r.operations.some((o) => o.isSupported(adapter)));
}

function supportedOperations(adapter: ProviderAdapter, resource: ResourceDefinition) {
	return resource.operations.filter((o) => o.isSupported(adapter));
}

/** How many providers offer an operation. */
function providerCount(op: OperationDefinition): number {
	return PROVIDERS.filter((p) => op.isSupported(p)).length;
}

/**
 * The node-creator entry of one operation of one provider. The provider is named where several
 * providers offer the operation, so the five "Send a message" entries can be told apart.
 */
export function actionName(op: OperationDefinition, adapter: ProviderAdapter): string {
	return providerCount(op) > 1 ? `${op.action} (${adapter.name})` : op.action;
}

/** Value of the node-creator-only resource entry of one provider's resource. */
function creatorResourceValue(adapter: ProviderAdapter, resource: ResourceDefinition): string {
	return `${adapter.id}.${resource.value}`;
}

/**
 * The Provider parameter, first in the panel. The credentials depend on it as `/provider` (see
 * nodeCredentials), so n8n's editor does not take it for the "main auth field" it hides.
 */
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
			const ops = supportedOperations(adapter, resource);
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
						action: actionName(o, adapter),
						description: o.description,
					}))
					.sort((a, b) => a.name.localeCompare(b.name)),
				// The second resource value lets the node creator find this property (see below). The
				// editor fills a picked entry's parameters from the FIRST value of each condition:
				// provider = this provider, resource = the real resource.
				displayOptions: {
					show: {
						provider: [adapter.id],
						resource: [resource.value, creatorResourceValue(adapter, resource)],
					},
				},
			};
			// The default is the first operation this provider offers for the resource.
			operation.default = ops[0].operation;
			properties.push(operation);
		}
	}
	return properties;
}

/**
 * What n8n's node creator needs to list every operation of every provider once.
 *
 * The editor (editor-ui useActionsGeneration.ts, resourceCategories) lists, for each option of each
 * property named `resource`, the options of the FIRST property named `operation` whose
 * `displayOptions.show.resource` contains that option's value, and fills a picked entry's
 * parameters from the operation value and the first value of each display condition. With the same
 * resource values for every provider that would list one provider's operations five times.
 * So:
 * - a first, option-less `operation` entry catches the real resource values (it yields no entries);
 * - a `resource` entry with one option per provider and resource (`seven.message`, …) points the
 *   node creator at that provider's operation list, which sets provider and real resource; its
 *   option names (the provider's name) head the groups: "seven.io Actions".
 * Both are shown only for a provider value that does not exist: never in the panel, never stored.
 */
function nodeCreatorProperties(): INodeProperties[] {
	const hidden = { provider: [NODE_CREATOR_ONLY] };
	return [
		{
			displayName: 'Operation',
			name: 'operation',
			type: 'hidden',
			default: '',
			displayOptions: { show: { ...hidden, resource: RESOURCES.map((r) => r.value) } },
		},
		{
			displayName: 'Resource',
			name: 'resource',
			type: 'options',
			noDataExpression: true,
			default: '',
			options: PROVIDERS.flatMap((adapter) =>
				// The node creator groups entries under "<name> Actions": one group per provider.
				supportedResources(adapter).map((resource) => ({
					name: adapter.name,
					value: creatorResourceValue(adapter, resource),
				})),
			),
			displayOptions: { show: hidden },
		},
	];
}

/** Whether a provider field belongs to an operation (by its resource/operation display conditions). */
function belongsTo(property: INodeProperties, op: OperationDefinition): boolean {
	const show = property.displayOptions?.show ?? {};
	const resources = show.resource as string[] | undefined;
	const operations = show.operation as string[] | undefined;
	return (
		(resources === undefined || resources.includes(op.resource)) &&
		(operations === undefined || operations.includes(op.operation))
	);
}

function isOptionsCollection(property: INodeProperties): boolean {
	return property.type === 'collection' && /options$/i.test(property.name);
}

/**
 * The fields of one operation in the order a person fills them: the operation's own fields
 * (recipient, message…), then the fields only some providers have (seven.io From,
 * DecisionTelecom Sender…), then ONE Options collection holding the common options, the
 * reliability options and each provider's own options (shown only for that provider).
 */
function fieldsOf(op: OperationDefinition, providers: ProviderAdapter[]): INodeProperties[] {
	const own = withReliabilityOptions(op.properties);
	const optionsIndex = own.findIndex((p) => p.name === 'options' && p.type === 'collection');
	const before = own.slice(0, optionsIndex);
	const options = own[optionsIndex];

	const providerFields: INodeProperties[] = [];
	const providerOptions: INodeProperties[] = [];
	for (const adapter of providers) {
		for (const property of adapter.properties ?? []) {
			if (!belongsTo(property, op)) continue;
			if (isOptionsCollection(property)) {
				for (const option of (property.options ?? []) as INodeProperties[]) {
					providerOptions.push({
						...option,
						displayOptions: { show: { '/provider': [adapter.id] } },
					});
				}
			} else {
				// Shown for this provider and this operation only (a field shared by several operations
				// is emitted once per operation).
				providerFields.push({
					...property,
					displayOptions: {
						...(property.displayOptions ?? {}),
						show: {
							...(property.displayOptions?.show ?? {}),
							provider: [adapter.id],
							resource: [op.resource],
							operation: [op.operation],
						},
					},
				});
			}
		}
	}
	const merged: INodeProperties = {
		...options,
		options: [...((options.options ?? []) as INodeProperties[]), ...providerOptions].sort((a, b) =>
			a.displayName.localeCompare(b.displayName),
		),
	};
	// A provider's own recipient field (Whaapy React: To) still comes first.
	const recipients = providerFields.filter((p) => p.name === 'to');
	const others = providerFields.filter((p) => p.name !== 'to');
	return [...recipients, ...before, ...others, merged];
}

function operationFields(): INodeProperties[] {
	const properties: INodeProperties[] = [];
	for (const resource of RESOURCES) {
		for (const op of resource.operations) {
			const providers = PROVIDERS.filter((p) => op.isSupported(p));
			if (providers.length === 0) continue;
			const ids = providers.map((p) => p.id);
			for (const property of fieldsOf(op, providers)) {
				const show: IDisplayOptions['show'] = {
					resource: [op.resource],
					operation: [op.operation],
				};
				if (ids.length < PROVIDERS.length && !property.displayOptions?.show?.provider) {
					show.provider = ids;
				}
				properties.push(showOnly(property, show));
			}
		}
	}
	return properties;
}

/**
 * The credentials of the node: exactly one is shown, the selected provider's. The condition is
 * written on `/provider` (the same parameter, read from the node's root): n8n's editor takes a
 * parameter named in a credential's `show` for the node's "main auth field" and hides it
 * (editor-ui nodeTypesUtils getNodeAuthFields matches property names only), and with no `show` at
 * all 1.x opens the first credential type for "Create new credential".
 */
export function nodeCredentials(): INodeCredentialDescription[] {
	return PROVIDERS.map((adapter) => ({
		name: adapter.credentialType,
		required: true,
		displayOptions: { show: { '/provider': [adapter.id] } },
	}));
}

/**
 * Subtitle under the node on the canvas: "Message: Send · seven.io". Built from the definitions,
 * so it always names what the panel shows.
 */
export function nodeSubtitle(): string {
	const operations: Record<string, string> = {};
	for (const resource of RESOURCES) {
		for (const op of resource.operations) {
			operations[`${resource.value}.${op.operation}`] = `${resource.name}: ${op.name}`;
		}
	}
	const providers: Record<string, string> = {};
	for (const adapter of PROVIDERS) providers[adapter.id] = adapter.name;
	return `={{ (${JSON.stringify(operations)}[$parameter["resource"] + "." + $parameter["operation"]] || "") + " · " + (${JSON.stringify(providers)}[$parameter["provider"]] || "") }}`;
}

/**
 * The node's parameters, generated from the providers and operations: the Provider, then per
 * provider only the resources, operations and fields that provider supports.
 */
export function nodeProperties(): INodeProperties[] {
	return [
		providerProperty,
		...nodeCreatorProperties(),
		...resourceProperties(),
		...operationProperties(),
		...operationFields(),
	];
}
