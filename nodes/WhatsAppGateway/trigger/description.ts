import type { INodeCredentialDescription, INodeProperties } from 'n8n-workflow';

import { PROVIDERS } from '../providers';
import type { ProviderAdapter } from '../providers/types';

/** Providers that can deliver events: those whose adapter describes its webhooks. */
export function triggerProviders(): ProviderAdapter[] {
	return PROVIDERS.filter((p) => p.webhooks !== undefined).sort((a, b) =>
		a.name.localeCompare(b.name),
	);
}

/** Seconds a signed timestamp may be old (seven.io: "not more than 30 seconds in the past"). */
export const DEFAULT_SIGNATURE_MAX_AGE = 30;

/** Default cap of Download Media, in MiB (WhatsApp's own media limit is 16 MB for most types). */
export const DEFAULT_MAX_MEDIA_MB = 16;

function providerFields(): INodeProperties[] {
	const fields: INodeProperties[] = [];
	for (const adapter of triggerProviders()) {
		const webhooks = adapter.webhooks!;
		const show = { provider: [adapter.id] };
		if (webhooks.manualSetupNotice) {
			fields.push({
				displayName: webhooks.manualSetupNotice,
				name: 'manualSetupNotice',
				type: 'notice',
				default: '',
				displayOptions: { show },
			});
		}
		if (webhooks.events.length > 0) {
			const events: INodeProperties = {
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				options: webhooks.events,
				default: [],
				description: `The ${adapter.name} events to subscribe to. The trigger registers its URL for them when the workflow is activated.`,
				displayOptions: { show },
			};
			// Each provider pre-selects its own default events (set here: they differ per provider).
			events.default = [...webhooks.defaultEvents];
			fields.push(events);
		}
	}
	return fields;
}

const optionsField: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add option',
	default: {},
	options: [
		{
			displayName: 'Accept Unverified Deliveries',
			name: 'acceptUnverified',
			type: 'boolean',
			default: false,
			description:
				'Whether to start the workflow for deliveries that cannot be verified (seven.io without a signing key, DecisionTelecom without its credential, a Whaapy webhook without a secret). Off: such a trigger refuses to activate. On: anyone who learns the webhook URL can start the workflow; every item carries verified: false.',
		},
		{
			displayName: 'Binary Property',
			name: 'binaryPropertyName',
			type: 'string',
			default: 'data',
			description:
				'Name of the binary property the downloaded media is put in (with Download Media)',
		},
		{
			displayName: 'Download Media',
			name: 'downloadMedia',
			type: 'boolean',
			default: false,
			description:
				'Whether to download the media of inbound messages into binary data, when the provider gives a URL for it (Whaapy does; WhatsApp API Engine does not). Only http(s) URLs of public hosts are fetched (README, Security), within Max Media Size and a few seconds, so the answer reaches the provider in time.',
		},
		{
			displayName: 'Event Types',
			name: 'eventTypes',
			type: 'multiOptions',
			default: [],
			description: 'Which kinds of normalized events start the workflow. Empty means all.',
			options: [
				{ name: 'Message Received', value: 'message.received' },
				{
					name: 'Message Status',
					value: 'message.status',
					description: 'Sent, delivered, read, failed, …',
				},
				{
					name: 'Other Events',
					value: 'other',
					description: 'Conversation and contact events, and events without a normalized name',
				},
				{
					name: 'Session Events',
					value: 'session',
					description: 'QR code, ready, disconnected, … (WhatsApp API Engine)',
				},
			],
		},
		{
			displayName: 'Max Media Size (MB)',
			name: 'maxMediaSizeMb',
			type: 'number',
			typeOptions: { minValue: 0.001, numberPrecision: 3 },
			default: DEFAULT_MAX_MEDIA_MB,
			description:
				'Largest media file Download Media fetches. Bigger files are not downloaded; the item says why in media.downloadError.',
		},
		{
			displayName: 'Only Statuses',
			name: 'statuses',
			type: 'multiOptions',
			default: [],
			description:
				'The one status filter: emit status updates only with these statuses. Empty means all. To drop status updates altogether, leave Message Status out of Event Types.',
			options: [
				{ name: 'Deleted', value: 'deleted' },
				{ name: 'Delivered', value: 'delivered' },
				{ name: 'Failed', value: 'failed' },
				{ name: 'Pending', value: 'pending' },
				{ name: 'Played', value: 'played' },
				{ name: 'Read', value: 'read' },
				{ name: 'Sent', value: 'sent' },
				{ name: 'Unknown', value: 'unknown' },
			],
		},
		{
			displayName: 'Signature Max Age (Seconds)',
			name: 'signatureMaxAge',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: DEFAULT_SIGNATURE_MAX_AGE,
			description:
				'How old a signed delivery may be before it is rejected. seven.io signs a timestamp and documents 30 seconds; raise it if the clocks of seven and your n8n server differ.',
			displayOptions: { show: { '/provider': ['seven'] } },
		},
	],
};

/**
 * One credential per provider, shown for that provider only, on `/provider` (see nodeCredentials in
 * actions/nodeProperties.ts: so n8n's editor keeps the Provider parameter visible).
 */
export function triggerCredentials(): INodeCredentialDescription[] {
	return triggerProviders().map((adapter) => ({
		name: adapter.credentialType,
		// Without a webhook API (DecisionTelecom) the trigger never calls the provider.
		required: adapter.webhooks?.management !== undefined,
		displayOptions: { show: { '/provider': [adapter.id] } },
	}));
}

/**
 * The node-creator entry of a provider: what the trigger listens to out of the box. Every provider
 * with an event list pre-selects its inbound-message event (tested); DecisionTelecom only sends
 * status callbacks.
 */
export function triggerActionName(adapter: ProviderAdapter): string {
	const what =
		(adapter.webhooks?.events.length ?? 0) > 0
			? 'On inbound WhatsApp message'
			: 'On message status callback';
	return `${what} (${adapter.name})`;
}

/** Subtitle on the canvas: the provider's name. */
export function triggerSubtitle(): string {
	const names: Record<string, string> = {};
	for (const adapter of triggerProviders()) names[adapter.id] = adapter.name;
	return `={{ ${JSON.stringify(names)}[$parameter["provider"]] || "" }}`;
}

export const triggerProperties: INodeProperties[] = [
	{
		displayName: 'Provider',
		name: 'provider',
		type: 'options',
		noDataExpression: true,
		default: 'whaapy',
		options: triggerProviders().map((p) => ({ name: p.name, value: p.id })),
		description:
			'The WhatsApp API provider that sends the events. InnovaAPI documents no webhooks, so it is not offered.',
	},
	{
		// For n8n's node creator only: it lists the options of the first property labelled
		// "Trigger On" (editor-ui useActionsGeneration.ts triggersCategory), one entry per provider
		// named by `action`, and a picked entry sets `provider`. Hidden for every provider, so it is
		// never shown in the panel nor stored; `hide` (not `show`) so the editor adds no condition
		// values to the picked entry.
		displayName: 'Trigger On',
		name: 'provider',
		type: 'options',
		noDataExpression: true,
		default: 'whaapy',
		options: triggerProviders().map((p) => ({
			name: p.name,
			value: p.id,
			action: triggerActionName(p),
			description: `Events that ${p.name} sends`,
		})),
		displayOptions: { hide: { provider: triggerProviders().map((p) => p.id) } },
	},
	...providerFields(),
	optionsField,
];
