import type { INodeProperties } from 'n8n-workflow';

import type { OperationDefinition } from '../types';
import { requiredText } from '../../helpers/validation';
import { offers, runAdapterOperation } from '../adapterOperation';
import { optionsCollection } from '../common.descriptions';
import { defaultCountryOption } from '../fields';

const properties: INodeProperties[] = [
	{
		displayName: 'Message ID',
		name: 'messageId',
		type: 'string',
		required: true,
		default: '',
		description: 'ID of the message to react to (e.g. from the trigger or a previous send)',
	},
	{
		displayName: 'Emoji',
		name: 'emoji',
		type: 'string',
		default: '👍',
		description: 'One emoji, e.g. 👍 or ❤️. Leave empty to remove your reaction.',
	},
	optionsCollection(defaultCountryOption),
];

export const reactOperation: OperationDefinition = {
	resource: 'conversation',
	operation: 'react',
	name: 'React',
	action: 'React to a message',
	description: 'React to a message with an emoji, or remove the reaction with an empty emoji',
	properties,
	isSupported: offers('conversation.react'),
	async execute(ctx, adapter) {
		const messageId = requiredText(ctx, 'messageId', 'Message ID').trim();
		const raw = ctx.param<unknown>('emoji', '');
		if (raw !== null && typeof raw === 'object') ctx.fail('Emoji', 'Emoji must be text');
		const emoji = String(raw ?? '').trim();
		// One emoji may be several code points (skin tones, ZWJ sequences, flags); reject plain text.
		const letters = emoji
			.replace(/[0-9#*]\uFE0F?\u20E3/gu, '')
			.replace(/[\u{1F1E6}-\u{1F1FF}]/gu, '');
		if (emoji !== '' && (/[\p{L}\p{N}]/u.test(letters) || [...emoji].length > 10)) {
			ctx.fail(
				'Emoji',
				`"${emoji}" is not a single emoji`,
				'Enter one emoji such as 👍, or leave the field empty to remove the reaction.',
			);
		}
		return await runAdapterOperation(ctx, adapter, 'conversation.react', { messageId, emoji });
	},
};
