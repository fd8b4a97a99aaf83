import type { INodeProperties } from 'n8n-workflow';

import type { OperationDefinition } from '../types';
import type { MessageType } from '../../providers/types';
import { recipient } from '../../helpers/validation';
import { countryOptions } from '../../helpers/countries';
import { readMessage } from './content';
import {
	contactFields,
	interactiveFields,
	locationFields,
	mediaFields,
	metaJsonFields,
	templateFields,
	textFields,
} from './fields';
import {
	mediaSourceProperties,
	messageTypeProperties,
	providerMessageProperties,
} from './messageTypes';

const properties: INodeProperties[] = [
	{
		displayName: 'To',
		name: 'to',
		type: 'string',
		required: true,
		default: '',
		placeholder: '+57 300 123 4567',
		description:
			'Recipient phone number with country code. Spaces, dashes, brackets and a leading + or 00 are fine; numbers without a country code need a Default Country under Options.',
	},
	...messageTypeProperties(),
	...textFields,
	...mediaSourceProperties(),
	...mediaFields,
	...locationFields,
	...contactFields,
	...interactiveFields,
	...templateFields,
	...metaJsonFields,
	...providerMessageProperties(),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Default Country',
				name: 'defaultCountry',
				type: 'options',
				default: '',
				options: countryOptions(),
				description: 'Country of numbers written without a country code, e.g. (300) 123-4567',
			},
		],
	},
];

export const sendOperation: OperationDefinition = {
	resource: 'message',
	operation: 'send',
	name: 'Send',
	action: 'Send a message',
	description:
		'Send a WhatsApp message: text, media (URL or binary file), location, contacts, buttons, list or template, depending on the provider',
	properties,
	isSupported: () => true,
	async execute(ctx, adapter) {
		const type = ctx.param<string>('messageType', 'text') as MessageType;
		if (!adapter.messageTypes[type]) {
			ctx.fail(
				'Message Type',
				`${adapter.name} cannot send "${type}" messages`,
				`${adapter.name} supports: ${Object.keys(adapter.messageTypes).join(', ')}.`,
			);
		}
		const to = recipient(ctx, adapter);
		const message = await readMessage.call(this, ctx, adapter, type, to);
		const result = await adapter.send(ctx, message);
		return [{ json: result }];
	},
};
