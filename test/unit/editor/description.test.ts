/**
 * What n8n's editor makes of the node descriptions. The node creator's entries are computed with a
 * faithful copy of the editor's own algorithm (n8n-io/n8n packages/frontend/editor-ui, nodeCreator
 * composables useActionsGeneration.ts `resourceCategories` / `triggersCategory` and useActions.ts
 * `getActionData`, identical in 1.123 and 2.41 for these parts); the browser test
 * (test/browser) checks the same in the real editors.
 */
import type {
	INodeProperties,
	INodePropertyOptions,
	INodeTypeDescription,
	IDataObject,
} from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { WhatsAppGateway } from '../../../nodes/WhatsAppGateway/WhatsAppGateway.node';
import { WhatsAppGatewayTrigger } from '../../../nodes/WhatsAppGateway/WhatsAppGatewayTrigger.node';

const node = new WhatsAppGateway().description;
const trigger = new WhatsAppGatewayTrigger().description;

interface Entry {
	displayName: string;
	label: string;
	values: IDataObject;
}

/** editor-ui resourceCategories + getActionData. */
function nodeCreatorEntries(description: INodeTypeDescription): Entry[] {
	const entries: Entry[] = [];
	for (const property of description.properties.filter((p) => p.name === 'resource')) {
		const options = (property.options ?? []) as INodePropertyOptions[];
		for (const resourceOption of options) {
			const isSingleResource = options.length === 1;
			const operations = description.properties.find(
				(operation) =>
					operation.name === 'operation' &&
					((operation.displayOptions?.show?.resource as unknown[] | undefined)?.includes(
						resourceOption.value,
					) ??
						isSingleResource),
			);
			if (!operations?.options) continue;
			for (const operationOption of operations.options as INodePropertyOptions[]) {
				const show = operations.displayOptions?.show ?? {};
				const conditions = Object.fromEntries(
					Object.keys(show).map((k) => [k, (show[k] as unknown[])[0]]),
				);
				entries.push({
					displayName: operationOption.action ?? `${resourceOption.name} ${operationOption.name}`,
					label: `${resourceOption.name} Actions`,
					values: { operation: operationOption.value, ...conditions } as IDataObject,
				});
			}
		}
	}
	return entries;
}

/** editor-ui triggersCategory + getActionData. */
function triggerEntries(description: INodeTypeDescription): Entry[] {
	const matched = description.properties.find((p) =>
		['event', 'events', 'trigger on'].includes(p.displayName.toLowerCase()),
	);
	return ((matched?.options ?? []) as INodePropertyOptions[]).map((o) => ({
		displayName: o.action ?? o.name,
		label: 'Triggers',
		values: { [matched!.name]: o.value },
	}));
}

const PROVIDER_NAMES: Record<string, string> = {
	decisionTelecom: 'DecisionTelecom',
	innova: 'InnovaAPI',
	seven: 'seven.io',
	whaapy: 'Whaapy',
	engine: 'WhatsApp API Engine',
};

/** Every provider × operation the node offers (from the per-provider Operation lists). */
function offered(): string[] {
	return node.properties
		.filter((p) => p.name === 'operation' && p.type === 'options')
		.flatMap((p) =>
			(p.options as INodePropertyOptions[]).map(
				(o) =>
					`${String(p.displayOptions?.show?.provider)} ${String(p.displayOptions?.show?.resource?.[0])}.${String(o.value)}`,
			),
		)
		.sort();
}

describe('node creator', () => {
	const entries = nodeCreatorEntries(node);

	test('every operation of every provider is listed exactly once, and picking it sets provider, resource and operation', () => {
		const picked = entries
			.map((e) => `${e.values.provider} ${e.values.resource}.${e.values.operation}`)
			.sort();
		expect(picked).toEqual(offered());
		expect(new Set(picked).size).toBe(picked.length);
		expect(picked).toHaveLength(40);
	});

	test('entries can be told apart: the provider is named where several providers offer the operation', () => {
		const names = entries.map((e) => e.displayName);
		expect(new Set(names).size).toBe(names.length);
		const sends = entries.filter(
			(e) => e.values.resource === 'message' && e.values.operation === 'send',
		);
		expect(sends.map((e) => [e.displayName, e.values.provider])).toEqual([
			['Send a message (DecisionTelecom)', 'decisionTelecom'],
			['Send a message (InnovaAPI)', 'innova'],
			['Send a message (seven.io)', 'seven'],
			['Send a message (Whaapy)', 'whaapy'],
			['Send a message (WhatsApp API Engine)', 'engine'],
		]);
		const qr = entries.find((e) => e.values.operation === 'getQrImage');
		expect(qr).toEqual({
			displayName: 'Get the QR code as an image',
			label: 'WhatsApp API Engine Actions',
			values: { operation: 'getQrImage', provider: 'engine', resource: 'session' },
		});
		for (const e of entries) {
			const shared =
				entries.filter(
					(o) =>
						o.values.resource === e.values.resource && o.values.operation === e.values.operation,
				).length > 1;
			if (shared) expect(e.displayName).toContain(`(${PROVIDER_NAMES[String(e.values.provider)]})`);
		}
	});

	test('the helper entries for the node creator are never shown in the panel', () => {
		const helpers = node.properties.filter((p) =>
			p.displayOptions?.show?.provider?.includes('__nodeCreator'),
		);
		expect(helpers.map((p) => [p.name, p.type])).toEqual([
			['operation', 'hidden'],
			['resource', 'options'],
		]);
		for (const provider of Object.keys(PROVIDER_NAMES)) {
			for (const p of helpers)
				expect(
					NodeHelpers.displayParameter(
						{ provider, resource: 'message', operation: 'send' },
						p,
						{ typeVersion: 1 },
						node,
					),
				).toBe(false);
		}
	});

	test('Provider is not the "main auth field" n8n hides: credentials depend on it as /provider', () => {
		for (const description of [node, trigger]) {
			for (const credential of description.credentials ?? []) {
				expect(Object.keys(credential.displayOptions?.show ?? {})).toEqual(['/provider']);
				expect(credential.displayOptions?.hide).toBeUndefined();
			}
			const providers = (
				(description.properties.find((p) => p.name === 'provider')?.options ??
					[]) as INodePropertyOptions[]
			).map((o) => String(o.value));
			for (const provider of providers) {
				const shownCredentials = (description.credentials ?? []).filter((c) =>
					NodeHelpers.displayParameter({ provider } as never, c, { typeVersion: 1 }, description),
				);
				expect(shownCredentials).toHaveLength(1);
			}
		}
	});

	test('the helper for the trigger entries is never shown and never stored', () => {
		const helper = trigger.properties.find((p) => p.displayName === 'Trigger On');
		for (const provider of ['decisionTelecom', 'seven', 'whaapy', 'engine']) {
			expect(
				NodeHelpers.displayParameter({ provider } as never, helper!, { typeVersion: 1 }, trigger),
			).toBe(false);
			const parameters = NodeHelpers.getNodeParameters(
				trigger.properties,
				{ provider },
				true,
				false,
				{ typeVersion: 1 } as never,
				trigger,
			);
			expect(parameters?.provider).toBe(provider);
		}
	});

	test('the trigger lists one entry per provider, in words', () => {
		expect(triggerEntries(trigger)).toEqual([
			{
				displayName: 'On message status callback (DecisionTelecom)',
				label: 'Triggers',
				values: { provider: 'decisionTelecom' },
			},
			{
				displayName: 'On inbound WhatsApp message (seven.io)',
				label: 'Triggers',
				values: { provider: 'seven' },
			},
			{
				displayName: 'On inbound WhatsApp message (Whaapy)',
				label: 'Triggers',
				values: { provider: 'whaapy' },
			},
			{
				displayName: 'On inbound WhatsApp message (WhatsApp API Engine)',
				label: 'Triggers',
				values: { provider: 'engine' },
			},
		]);
	});

	test('every trigger provider with events pre-selects its inbound-message event (what its entry says)', () => {
		const defaults = trigger.properties
			.filter((p) => p.name === 'events')
			.map((p) => [p.displayOptions?.show?.provider?.[0], p.default]);
		expect(defaults).toEqual([
			['seven', ['wa_mo']],
			['whaapy', ['message.received']],
			['engine', ['message']],
		]);
	});
});

/** The parameters the editor shows, in order, for these values. */
function shown(description: INodeTypeDescription, values: IDataObject): string[] {
	return description.properties
		.filter((p) => p.type !== 'hidden')
		.filter((p) =>
			NodeHelpers.displayParameter(values as never, p, { typeVersion: 1 }, description),
		)
		.map((p) => (p.type === 'notice' ? `notice: ${p.displayName.slice(0, 40)}` : p.displayName));
}

function optionsOf(description: INodeTypeDescription, values: IDataObject): string[] {
	const collection = description.properties.find(
		(p) =>
			p.name === 'options' &&
			NodeHelpers.displayParameter(values as never, p, { typeVersion: 1 }, description),
	) as INodeProperties;
	return ((collection.options ?? []) as INodeProperties[])
		.filter((o) =>
			NodeHelpers.displayParameter(
				{} as never,
				o,
				{ typeVersion: 1 },
				description,
				values as never,
			),
		)
		.map((o) => o.displayName);
}

describe('node panel: fields in the order a person fills them', () => {
	test('seven.io send: recipient, message, From, then one Options collection with the seven.io options', () => {
		const values = {
			provider: 'seven',
			resource: 'message',
			operation: 'send',
			messageType: 'text',
		};
		expect(shown(node, values)).toEqual([
			'Provider',
			'Resource',
			'Operation',
			'To',
			'Message Type',
			'Text',
			'From',
			'Options',
		]);
		expect(optionsOf(node, values)).toEqual([
			'Concurrency',
			'Default Country',
			'Foreign ID',
			'Label',
			'Max Retries',
			'Max Retry Wait (Seconds)',
			'Performance Tracking',
			'Respect Rate Limit',
			'Send At',
			'Timeout (Seconds)',
			'Validity (Minutes)',
		]);
	});

	test('DecisionTelecom send: Sender after the message; its Status Callback URL inside Options only for it', () => {
		const values = {
			provider: 'decisionTelecom',
			resource: 'message',
			operation: 'send',
			messageType: 'text',
		};
		expect(shown(node, values).slice(3)).toEqual([
			'To',
			'Message Type',
			'Text',
			'Sender',
			'Options',
		]);
		expect(optionsOf(node, values)).toContain('Status Callback URL');
		expect(optionsOf(node, { ...values, provider: 'whaapy' })).not.toContain('Status Callback URL');
		expect(optionsOf(node, { ...values, provider: 'whaapy' })).toEqual(
			expect.arrayContaining(['Link Preview', 'Reply To Message ID']),
		);
	});

	test('Whaapy template: the Template comes from the list; seven.io types the name', () => {
		const whaapy = shown(node, {
			provider: 'whaapy',
			resource: 'message',
			operation: 'send',
			messageType: 'template',
		});
		expect(whaapy.slice(3)).toEqual([
			'To',
			'Message Type',
			'Template',
			'Language Code',
			'Parameters',
			'Options',
		]);
		const template = node.properties.find(
			(p) => p.name === 'templateName' && p.type === 'resourceLocator',
		);
		expect(template?.modes?.map((m) => [m.name, m.typeOptions?.searchListMethod])).toEqual([
			['list', 'searchTemplates'],
			['name', undefined],
		]);
		const seven = shown(node, {
			provider: 'seven',
			resource: 'message',
			operation: 'send',
			messageType: 'template',
		});
		expect(seven.slice(3)).toEqual([
			'To',
			'Message Type',
			'Template Name',
			'Language Code',
			'Parameters',
			'From',
			'Options',
		]);
	});

	test('Webhook Delete / Toggle pick the webhook from a list, or by ID', () => {
		expect(
			shown(node, { provider: 'engine', resource: 'webhook', operation: 'toggle' }).slice(3),
		).toEqual(['Webhook', 'Options']);
		const field = node.properties.find((p) => p.name === 'webhookId');
		expect(field?.type).toBe('resourceLocator');
		expect(field?.modes?.map((m) => m.name)).toEqual(['list', 'id']);
	});

	test('exactly one Options collection for every provider × operation', () => {
		for (const entry of nodeCreatorEntries(node)) {
			const visible = node.properties.filter(
				(p) =>
					p.type === 'collection' &&
					NodeHelpers.displayParameter(
						{ ...entry.values, messageType: 'text' } as never,
						p,
						{ typeVersion: 1 },
						node,
					),
			);
			expect([entry.displayName, visible.map((p) => p.displayName)]).toEqual([
				entry.displayName,
				['Options'],
			]);
		}
	});

	test('the subtitle names operation and provider', () => {
		expect(node.subtitle).toMatch(/^=\{\{/);
		const expression = String(node.subtitle)
			.replace(/^=\{\{/, '')
			.replace(/\}\}$/, '');
		const evaluate = (p: IDataObject) =>
			new Function('$parameter', `return ${expression}`)(p) as string;
		expect(evaluate({ provider: 'seven', resource: 'message', operation: 'send' })).toBe(
			'Message: Send · seven.io',
		);
		expect(evaluate({ provider: 'engine', resource: 'session', operation: 'getQrImage' })).toBe(
			'Session: Get QR Image · WhatsApp API Engine',
		);
		const triggerExpression = String(trigger.subtitle)
			.replace(/^=\{\{/, '')
			.replace(/\}\}$/, '');
		expect(new Function('$parameter', `return ${triggerExpression}`)({ provider: 'engine' })).toBe(
			'WhatsApp API Engine',
		);
	});
});

describe('trigger panel', () => {
	test('one status filter; the DecisionTelecom notice names the option as the editor shows it', () => {
		const options = trigger.properties.find((p) => p.name === 'options');
		const names = ((options?.options ?? []) as INodeProperties[]).map((o) => o.displayName);
		expect(names.filter((n) => /status/i.test(n))).toEqual(['Only Statuses']);
		expect(shown(trigger, { provider: 'decisionTelecom' })).toEqual([
			'Provider',
			'notice: DecisionTelecom has no webhook API: it c',
			'Options',
		]);
		const notice = trigger.properties.find((p) => p.name === 'manualSetupNotice');
		expect(notice?.displayName).toContain('Options → Status Callback URL');
		// …which is where the node shows it: the send operation's one Options collection.
		expect(
			optionsOf(node, { provider: 'decisionTelecom', resource: 'message', operation: 'send' }),
		).toContain('Status Callback URL');
	});
});
