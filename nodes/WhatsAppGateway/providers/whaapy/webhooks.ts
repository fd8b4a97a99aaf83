import type { IDataObject } from 'n8n-workflow';

import type {
	Call,
	IncomingWebhook,
	NormalizedEvent,
	ProviderWebhooks,
	WebhookInfo,
	WebhookManagement,
} from '../types';
import {
	emptyEvent,
	contentKey,
	firstString,
	mapStatus,
	media,
	normalizeAddress,
	ownValue,
	toIsoTimestamp,
} from '../events';
import { verifyWhaapy } from './verify';
import { isObject } from '../shared';

/**
 * Whaapy webhooks (docs/providers/whaapy.md#webhooks): POST /user-webhooks {name, url, events} (Whaapy generates
 * the signing secret and returns it at registration); GET /user-webhooks → data[] (or webhooks[]);
 * DELETE /user-webhooks/{id}. Deliveries: `{event, businessId, timestamp, data}` with
 * X-Webhook-Signature (HMAC-SHA256 of the raw body with that secret; hex or base64, both are
 * accepted), X-Webhook-Event and X-Webhook-Delivery-Id (not covered by the signature, so not used).
 */

function webhookInfo(value: unknown): WebhookInfo | undefined {
	if (!isObject(value)) return undefined;
	const id = firstString(value.id, value.webhookId, value.webhook_id);
	if (id === null) return undefined;
	return {
		id,
		url: firstString(value.url) ?? '',
		events: Array.isArray(value.events) ? value.events.map(String) : [],
		active:
			typeof value.active === 'boolean'
				? value.active
				: typeof value.enabled === 'boolean'
					? value.enabled
					: null,
		name: firstString(value.name),
		createdAt: firstString(value.createdAt, value.created_at),
	};
}

/** The registered webhook in the answer: under `data`, `webhook`, or at the top level. */
function registeredOf(body: unknown): IDataObject {
	if (!isObject(body)) return {};
	if (isObject(body.data)) return body.data;
	if (isObject(body.webhook)) return body.webhook;
	return body;
}

/**
 * The signing secret in Whaapy's registration answer. Its field name is not documented (docs/providers/whaapy.md#webhooks:
 * Whaapy returns it at registration); these are the names consumers read,
 * in the registered webhook or at the top level. None found: the trigger refuses to activate.
 */
export const WHAAPY_SECRET_FIELDS = [
	'secret',
	'webhook_secret',
	'webhookSecret',
	'signing_secret',
	'signingSecret',
	'secret_key',
	'secretKey',
];

export function whaapySecretOf(body: unknown): string | undefined {
	const top = isObject(body) ? body : {};
	const registered = registeredOf(body);
	for (const source of [registered, top]) {
		for (const field of WHAAPY_SECRET_FIELDS) {
			if (!Object.prototype.hasOwnProperty.call(source, field)) continue;
			const value = source[field];
			if (typeof value === 'string' && value.trim() !== '') return value.trim();
		}
	}
	return undefined;
}

export const whaapyWebhookManagement: WebhookManagement = {
	acceptsSecret: false,
	adoptable: false,
	multiEvent: true,
	async register(call: Call, input) {
		// The name only labels the webhook in Whaapy's dashboard.
		const name = `n8n WhatsApp Gateway ${input.events.join(', ')}`.slice(0, 200);
		const response = await call({
			method: 'POST',
			path: '/user-webhooks',
			body: { name, url: input.url, events: input.events },
			action: 'register the webhook',
		});
		const registered = registeredOf(response.body);
		const top = isObject(response.body) ? response.body : {};
		const info = webhookInfo(registered) ?? {
			id: firstString(top.id) ?? '',
			url: input.url,
			events: input.events,
			active: true,
		};
		const secret = whaapySecretOf(response.body);
		return [
			{
				...info,
				url: info.url || input.url,
				events: info.events.length > 0 ? info.events : input.events,
				active: info.active ?? true,
				...(secret ? { secret } : {}),
			},
		];
	},
	async list(call: Call) {
		const response = await call({
			method: 'GET',
			path: '/user-webhooks',
			action: 'list the webhooks',
		});
		const body = response.body;
		const items = Array.isArray(body)
			? body
			: isObject(body)
				? Array.isArray(body.data)
					? body.data
					: body.webhooks
				: undefined;
		return (Array.isArray(items) ? items : [])
			.map(webhookInfo)
			.filter((w): w is WebhookInfo => w !== undefined);
	},
	async remove(call: Call, id: string) {
		await call({
			method: 'DELETE',
			path: `/user-webhooks/${encodeURIComponent(id)}`,
			action: 'delete the webhook',
		});
	},
};

const STATUS_EVENTS: Record<string, 'sent' | 'delivered' | 'read' | 'failed'> = {
	'message.sent': 'sent',
	'message.delivered': 'delivered',
	'message.read': 'read',
	'message.failed': 'failed',
};

const STATUS_TABLE = {
	sent: 'sent',
	delivered: 'delivered',
	read: 'read',
	failed: 'failed',
	pending: 'pending',
} as const;

const MEDIA_TYPES = ['image', 'video', 'audio', 'document', 'sticker'];

/** Text of a Meta-style inbound message: text, button, interactive reply, or a media caption. */
function textOf(message: IDataObject, type: string | null): string | null {
	if (isObject(message.text)) return firstString(message.text.body);
	if (typeof message.text === 'string') return message.text;
	if (isObject(message.button)) return firstString(message.button.text, message.button.payload);
	if (isObject(message.interactive)) {
		const reply = isObject(message.interactive.button_reply)
			? message.interactive.button_reply
			: isObject(message.interactive.list_reply)
				? message.interactive.list_reply
				: {};
		return firstString(reply.title, reply.id);
	}
	if (isObject(message.reaction)) return firstString(message.reaction.emoji);
	if (type && isObject(message[type])) return firstString((message[type] as IDataObject).caption);
	return firstString(message.body, message.content);
}

export function parseWhaapyEvent(request: IncomingWebhook): NormalizedEvent[] {
	const payload = isObject(request.body) ? request.body : {};
	const name = firstString(
		payload.event,
		payload.type,
		payload.topic,
		request.headers['x-webhook-event'],
	);
	if (name === null) return [];
	const data = isObject(payload.data) ? payload.data : {};
	const event = emptyEvent('whaapy', name, payload);
	event.timestamp = toIsoTimestamp(payload.timestamp);

	if (name === 'message.received') {
		const message = isObject(data.message) ? data.message : data;
		const type = firstString(message.type);
		event.from = normalizeAddress(message.from ?? data.from);
		event.to = normalizeAddress(message.to ?? data.to);
		event.messageId = firstString(message.id, data.wamid, data.whaapy_message_id);
		event.text = textOf(message, type);
		if (type && MEDIA_TYPES.includes(type)) {
			const part = isObject(message[type]) ? (message[type] as IDataObject) : {};
			event.media = media({
				type,
				url: firstString(data.media_url, part.url, part.link),
				id: firstString(part.id),
				mimeType: firstString(part.mime_type, part.mimetype),
				caption: firstString(part.caption),
				fileName: firstString(part.filename),
			});
		}
		event.timestamp = toIsoTimestamp(message.timestamp) ?? event.timestamp;
		return [event];
	}

	const statusEvent = ownValue(STATUS_EVENTS, name);
	if (statusEvent) {
		event.event = 'message.status';
		event.status = mapStatus(data.status, STATUS_TABLE) ?? statusEvent;
		// `id` is Whaapy's message id, the one the Send operation returns as messageId.
		event.messageId = firstString(data.id, data.message_id, data.messageId, data.wamid);
		event.to = normalizeAddress(data.to ?? data.recipient);
		event.from = normalizeAddress(data.from);
		event.timestamp = toIsoTimestamp(data.timestamp) ?? event.timestamp;
		return [event];
	}

	// conversation.* and contact.* keep their own names.
	event.from = normalizeAddress(data.phone ?? data.from);
	event.timestamp = toIsoTimestamp(data.timestamp) ?? event.timestamp;
	return [event];
}

export const whaapyWebhooks: ProviderWebhooks = {
	verificationFix:
		'Whaapy did not return a signing secret when the webhook was registered. Check the API key can manage webhooks, or contact Whaapy.',
	// Not documented by Whaapy [assumption]: 5 s, like seven.io.
	deliveryTimeoutMs: 5000,
	events: [
		{ name: 'All Events', value: '*' },
		{ name: 'Contact Created', value: 'contact.created' },
		{ name: 'Contact Deleted', value: 'contact.deleted' },
		{ name: 'Contact Updated', value: 'contact.updated' },
		{ name: 'Conversation Assigned', value: 'conversation.assigned' },
		{ name: 'Conversation Closed', value: 'conversation.closed' },
		{ name: 'Conversation Created', value: 'conversation.created' },
		{
			name: 'Conversation Handoff',
			value: 'conversation.handoff',
			description: 'The AI agent handed the conversation to a human',
		},
		{ name: 'Conversation Unassigned', value: 'conversation.unassigned' },
		{ name: 'Conversation Updated', value: 'conversation.updated' },
		{ name: 'Message Delivered', value: 'message.delivered' },
		{ name: 'Message Failed', value: 'message.failed' },
		{ name: 'Message Read', value: 'message.read' },
		{ name: 'Message Received', value: 'message.received' },
		{ name: 'Message Sent', value: 'message.sent' },
	],
	defaultEvents: ['message.received'],
	management: whaapyWebhookManagement,
	verify: verifyWhaapy,
	// What the signature covers is the body; X-Webhook-Delivery-Id is not signed and not used.
	deliveryKeys: (request) => [contentKey('whaapy', request)],
	parse: (request) => parseWhaapyEvent(request),
};
