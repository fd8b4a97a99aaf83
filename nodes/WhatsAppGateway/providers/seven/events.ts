import type { INodeProperties } from 'n8n-workflow';

import type {
	AdapterContext,
	OperationHandler,
	OperationHandlers,
	OperationOutput,
} from '../types';
import { normalizePhone } from '../../helpers/phone';

/**
 * seven.io conversation events: `POST /api/waba/events` (docs/providers/seven.md#conversation-events).
 * - read / is_typing: `{event, from, to?, msg_id?}`; `from` is the registered WABA sender, at least
 *   one of `to` / `msg_id` is required.
 * - reaction: `{event:"reaction", msg_id, emoji}`, the fields seven's document lists (docs/providers/seven.md; its example sends no
 *   `from`/`to`). seven's newer OpenAPI names the field `message_id`; it is not in the document, so it
 *   is not sent.
 * Answer `{success:true}`; errors `{success:false, error_code, error_message}` (interpretSeven).
 */

const EVENT_OPERATIONS = ['markAsRead', 'typingIndicator'];

/** seven-only fields of the conversation operations (the registry shows them for seven only). */
export const sevenEventProperties: INodeProperties[] = [
	{
		displayName: 'From',
		name: 'sevenFrom',
		type: 'string',
		required: true,
		default: '',
		placeholder: '4915112345678',
		description: 'Your registered WhatsApp Business sender number, in international format',
		displayOptions: { show: { resource: ['conversation'], operation: EVENT_OPERATIONS } },
	},
	{
		displayName: 'Message ID',
		name: 'messageId',
		type: 'string',
		default: '',
		placeholder: '77000001',
		description:
			'ID of a message in the chat (e.g. from the trigger). Give this, the To number, or both.',
		displayOptions: { show: { resource: ['conversation'], operation: EVENT_OPERATIONS } },
	},
];

function sender(ctx: AdapterContext): string {
	const result = normalizePhone(ctx.param<unknown>('sevenFrom', '') ?? '', { format: 'digits' });
	if (!result.ok) {
		return ctx.fail(
			'From',
			`The From number is missing or invalid: ${result.reason}`,
			'Enter your registered WhatsApp Business sender number in international format, e.g. 4915112345678.',
		);
	}
	return result.value;
}

function chatEvent(
	event: 'read' | 'is_typing',
): OperationHandler<'conversation.markAsRead' | 'conversation.typingIndicator'> {
	return async (ctx, input): Promise<OperationOutput[]> => {
		const from = sender(ctx);
		const to = input.to || undefined;
		const msgId = String(ctx.param<unknown>('messageId', '') ?? '').trim() || undefined;
		if (!to && !msgId) {
			ctx.fail(
				'To',
				'Give the To number or a Message ID',
				"seven needs the contact's number (To), the ID of a message in the chat (Message ID), or both.",
			);
		}
		const body: Record<string, string> = { event, from };
		if (to) body.to = to;
		if (msgId) body.msg_id = msgId;
		await ctx.call({
			method: 'POST',
			path: '/api/waba/events',
			body,
			action: event === 'read' ? 'mark the chat as read' : 'send the typing indicator',
		});
		return [
			{
				json: {
					provider: 'seven',
					event,
					success: true,
					from,
					to: to ?? null,
					messageId: msgId ?? null,
				},
			},
		];
	};
}

/** React: `{event:"reaction", msg_id, emoji}` (the fields of seven's documentation page, docs/providers/seven.md#conversation-events); an empty emoji removes it. */
export const sevenReact: OperationHandler<'conversation.react'> = async (ctx, input) => {
	const { messageId, emoji } = input;
	await ctx.call({
		method: 'POST',
		path: '/api/waba/events',
		body: { event: 'reaction', msg_id: messageId, emoji },
		action: emoji ? 'send the reaction' : 'remove the reaction',
	});
	return [
		{
			json: {
				provider: 'seven',
				event: 'reaction',
				success: true,
				messageId,
				emoji,
				removed: emoji === '',
			},
		},
	];
};

export const sevenEventOperations: OperationHandlers = {
	'conversation.markAsRead': chatEvent('read'),
	'conversation.react': sevenReact,
	'conversation.typingIndicator': chatEvent('is_typing'),
};
