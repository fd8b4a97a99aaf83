import type { INodeProperties } from 'n8n-workflow';

/**
 * The Options collection of an operation. The reliability options (concurrency, retries, timeout…)
 * are merged into it for every operation by nodeProperties.ts.
 */
export function optionsCollection(...options: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options,
	};
}

/** An option for Options collections: how long to wait for the provider. */
export const timeoutOption: INodeProperties = {
	displayName: 'Timeout (Seconds)',
	name: 'timeout',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: 600 },
	default: 60,
	description: 'How long to wait for the provider to answer before giving up',
};

/**
 * Reliability options every operation offers (merged into each operation's Options collection by
 * nodeProperties.ts). The router and the transport read them as `options.<name>`.
 */
export const reliabilityOptions: INodeProperties[] = [
	{
		displayName: 'Concurrency',
		name: 'concurrency',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 1000 },
		default: 0,
		description:
			"How many items are sent to the provider at the same time. 0 = automatic: starts at 50 (Whaapy 10) and grows up to 1,000 (Whaapy 100) while the provider answers quickly, halving on every 429 or 5xx. WhatsApp API Engine: one message at a time with 2 s between messages, as the Engine's own bulk send does, because WhatsApp bans numbers that send in bursts (a number here turns that pacing off). Messages to the same recipient always leave one after another in input order; output items keep the input order.",
	},
	{
		displayName: 'Max Retries',
		name: 'maxRetries',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 10 },
		default: 5,
		description:
			'How many times a request is repeated when the provider certainly did not process it (rate limit, connection refused). A message is never sent again after it may have reached the provider.',
	},
	{
		displayName: 'Max Retry Wait (Seconds)',
		name: 'maxRetryWait',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 3600 },
		default: 60,
		description:
			'Longest wait before one retry. When the provider asks to wait longer (Retry-After), the item fails with a rate limit error instead of waiting.',
	},
	{
		displayName: 'Respect Rate Limit',
		name: 'respectRateLimit',
		type: 'boolean',
		default: false,
		description:
			"Whether to pace requests up front to the provider's published limits (Whaapy: 1,000 messages and 100 requests per minute; WhatsApp API Engine: 100 requests per 15 minutes), so the provider never has to refuse them",
	},
	timeoutOption,
];

/**
 * Adds the reliability options to an operation's fields: into each of its Options collections
 * (options it already has win), or as a new Options collection when it has none.
 */
export function withReliabilityOptions(properties: INodeProperties[]): INodeProperties[] {
	const hasOptions = properties.some((p) => p.name === 'options' && p.type === 'collection');
	if (!hasOptions) {
		return [
			...properties,
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add option',
				default: {},
				options: reliabilityOptions,
			},
		];
	}
	return properties.map((p) => {
		if (p.name !== 'options' || p.type !== 'collection') return p;
		const own = (p.options ?? []) as INodeProperties[];
		const names = new Set(own.map((o) => o.name));
		const merged = [...own, ...reliabilityOptions.filter((o) => !names.has(o.name))].sort((a, b) =>
			a.displayName.localeCompare(b.displayName),
		);
		return { ...p, options: merged };
	});
}
