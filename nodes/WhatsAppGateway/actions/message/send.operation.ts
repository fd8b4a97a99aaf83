import type { INodeProperties } from 'n8n-workflow';

import type { OperationDefinition } from '../types';
import type { OutboundMessage } from '../../providers/types';
import { recipient, requiredText } from '../../helpers/validation';
import { countryOptions } from '../../helpers/countries';
import { timeoutOption } from '../common.descriptions';
import { messageTypeProperties } from './messageTypes';

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
	{
		displayName: 'Text',
		name: 'text',
		type: 'string',
		required: true,
		default: '',
		typeOptions: { rows: 4 },
		description: 'The message text (up to 4,096 characters)',
		displayOptions: { show: { messageType: ['text'] } },
	},
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
			timeoutOption,
		],
	},
];

export const sendOperation: OperationDefinition = {
	resource: 'message',
	operation: 'send',
	name: 'Send',
	action: 'Send a message',
	description: 'Send a WhatsApp message',
	properties,
	isSupported: () => true,
	async execute(ctx, adapter) {
		const type = ctx.param<string>('messageType', 'text') as OutboundMessage['type'];
		if (!adapter.messageTypes[type]) {
			ctx.fail('Message Type', `${adapter.name} cannot send "${type}" messages`, `${adapter.name} supports: ${Object.keys(adapter.messageTypes).join(', ')}.`);
		}
		const to = recipient(ctx, adapter);
		const message: OutboundMessage = { to, type };
		if (type === 'text') message.text = requiredText(ctx, 'text', 'Text', adapter.maxTextLength);
		const result = await adapter.send(ctx, message);
		return [{ json: result }];
	},
};
