import type { INodeProperties } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { AdapterContext, OperationHandler, OperationHandlers } from '../types';
import { isObject, pick } from '../shared';
import { normalizePhone } from '../../helpers/phone';
import { ensureNodeError } from '../../transport/errors';

/**
 * Whaapy conversation events (docs/providers/whaapy.md#conversations):
 * - React: a `reaction` message, `POST /messages/v1 {to, type:"reaction", reaction:{message_id, emoji}}`
 *   (Meta shape; an empty emoji removes the reaction, as in Meta's API).
 * - Mark as Read: `PATCH /conversations/v1/{id}/mark-read` (no body). Without a conversation ID the
 *   conversation is found by number: `GET /conversations/v1/by-phone/{phone}` → `data.id`.
 */

export const whaapyEventProperties: INodeProperties[] = [
	{
		displayName: 'Conversation ID',
		name: 'conversationId',
		type: 'string',
		default: '',
		placeholder: 'e.g. 3f1c2a4e-…',
		description:
			'The Whaapy conversation to mark as read (e.g. from the trigger). Leave empty to find the conversation by the To number.',
		displayOptions: { show: { resource: ['conversation'], operation: ['markAsRead'] } },
	},
	{
		displayName: 'To',
		name: 'to',
		type: 'string',
		required: true,
		default: '',
		placeholder: '+57 300 123 4567',
		description:
			'Phone number of the contact whose message you react to (the chat the message is in)',
		displayOptions: { show: { resource: ['conversation'], operation: ['react'] } },
	},
];

async function conversationByPhone(ctx: AdapterContext, phone: string): Promise<string> {
	try {
		const response = await ctx.call({
			method: 'GET',
			path: `/conversations/v1/by-phone/${encodeURIComponent(phone)}`,
			action: 'find the conversation',
		});
		const data =
			isObject(response.body) && isObject(response.body.data) ? response.body.data : response.body;
		const id = pick(data, 'id', 'conversationId');
		if (!id)
			ctx.fail(
				'To',
				`Whaapy returned no conversation for ${phone}`,
				'Give the Conversation ID instead.',
			);
		return id as string;
	} catch (error) {
		if (error instanceof NodeApiError && Number(error.context?.httpStatus) === 404) {
			error.message = `Whaapy: there is no conversation with ${phone}`;
			error.description =
				'Check the number, or give the Conversation ID (e.g. from the Whaapy trigger).';
		}
		throw ensureNodeError(ctx.node, error);
	}
}

export const whaapyMarkAsRead: OperationHandler<'conversation.markAsRead'> = async (ctx, input) => {
	const given = String(ctx.param<unknown>('conversationId', '') ?? '').trim();
	const to = input.to || undefined;
	if (!given && !to) {
		ctx.fail(
			'Conversation ID',
			'Give a Conversation ID or the To number',
			"Whaapy marks a conversation as read: give its ID, or the contact's number to find it.",
		);
	}
	const conversationId = given || (await conversationByPhone(ctx, to as string));
	const response = await ctx.call({
		method: 'PATCH',
		path: `/conversations/v1/${encodeURIComponent(conversationId)}/mark-read`,
		action: 'mark the conversation as read',
		idempotent: true,
	});
	const data = isObject(response.body) && isObject(response.body.data) ? response.body.data : {};
	return [
		{
			json: {
				provider: 'whaapy',
				event: 'read',
				success: true,
				conversationId,
				to: to ?? null,
				unreadCount: typeof data.unreadCount === 'number' ? data.unreadCount : null,
			},
		},
	];
};

export const whaapyReact: OperationHandler<'conversation.react'> = async (ctx, input) => {
	const parsed = normalizePhone(
		ctx.param<unknown>('to', '') ?? '',
		{ format: 'e164' },
		ctx.param<string>('options.defaultCountry', '') || undefined,
	);
	if (!parsed.ok) {
		return ctx.fail(
			'To',
			`Invalid phone number: ${parsed.reason}`,
			"Write the contact's number with its country code, e.g. +57 300 123 4567.",
		);
	}
	const to = parsed.value;
	const { messageId, emoji } = input;
	const response = await ctx.call({
		method: 'POST',
		path: '/messages/v1',
		body: { to, type: 'reaction', reaction: { message_id: messageId, emoji } },
		action: emoji ? 'send the reaction' : 'remove the reaction',
		sendsMessage: true,
	});
	const body = isObject(response.body) ? response.body : {};
	const first = Array.isArray(body.messages) && isObject(body.messages[0]) ? body.messages[0] : {};
	const data = isObject(body.data) ? body.data : {};
	return [
		{
			json: {
				provider: 'whaapy',
				event: 'reaction',
				success: true,
				to,
				messageId,
				emoji,
				removed: emoji === '',
				reactionId: pick(first, 'id') ?? pick(data, 'id') ?? null,
				wamid: pick(first, 'wamid') ?? null,
				status: pick(data, 'status') ?? 'sent',
			},
		},
	];
};

export const whaapyEventOperations: OperationHandlers = {
	'conversation.markAsRead': whaapyMarkAsRead,
	'conversation.react': whaapyReact,
};
