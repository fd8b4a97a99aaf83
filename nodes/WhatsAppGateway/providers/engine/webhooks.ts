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
import { engineWebhookSecret, verifyEngine } from './verify';
import { isObject } from '../shared';

/**
 * WhatsApp API Engine webhooks (docs/providers/engine.md#webhooks):
 * POST /api/webhooks/register {url, events, secret} → 201 {data:{webhookId,url,events}};
 * GET /api/webhooks → {data:[{id,url,events,active,createdAt}]}; DELETE /api/webhooks/{id};
 * POST /api/webhooks/{id}/toggle → {data:{id,active}}. Registrations live in memory on the Engine.
 * Deliveries: POST {event, timestamp, data} with X-Webhook-Event and, when a secret was given,
 * X-Webhook-Signature = hex HMAC-SHA256(secret, raw body). No timestamp or nonce is signed.
 */

function webhookInfo(value: unknown): WebhookInfo | undefined {
	if (!isObject(value)) return undefined;
	const id = firstString(value.id, value.webhookId);
	if (id === null) return undefined;
	return {
		id,
		url: firstString(value.url) ?? '',
		events: Array.isArray(value.events) ? value.events.map(String) : [],
		active: typeof value.active === 'boolean' ? value.active : null,
		createdAt: firstString(value.createdAt),
	};
}

const path = (id: string) => `/api/webhooks/${encodeURIComponent(id)}`;

/**
 * The Engine validates `url` with express-validator's isURL(), whose default require_tld refuses a
 * host without a dot: `localhost`, Docker service names such as `n8n`. The answer is only
 * "URL inválida", so the node explains it before sending. IP addresses are accepted.
 */
export function engineUrlProblem(url: string): { message: string; hint: string } | undefined {
	let host: string;
	try {
		host = new URL(url).hostname;
	} catch {
		return undefined;
	}
	if (host.startsWith('[') || /^\d{1,3}(\.\d{1,3}){3}$/.test(host) || host.includes('.'))
		return undefined;
	return {
		message: `The WhatsApp API Engine refuses webhook URLs whose host has no dot ("${host}" in ${url})`,
		hint: "The Engine checks URLs with express-validator isURL, which requires a top-level domain, so localhost and container names such as n8n are refused. Set n8n's WEBHOOK_URL to an address the Engine can reach with a dot or an IP, e.g. http://127.0.0.1:5678/ (same machine), http://172.17.0.1:5678/ (Docker host) or https://n8n.example.com/, and restart n8n.",
	};
}

export const engineWebhookManagement: WebhookManagement = {
	urlProblem: engineUrlProblem,
	acceptsSecret: true,
	adoptable: false,
	multiEvent: true,
	async register(call: Call, input) {
		const body: IDataObject = { url: input.url, events: input.events };
		if (input.secret) body.secret = input.secret;
		const response = await call({
			method: 'POST',
			path: '/api/webhooks/register',
			body,
			action: 'register the webhook',
		});
		const data = isObject(response.body) && isObject(response.body.data) ? response.body.data : {};
		const info = webhookInfo(data);
		return [
			{
				id: info?.id ?? '',
				url: info?.url || input.url,
				events: info && info.events.length > 0 ? info.events : input.events,
				// The Engine answers 201 without `active`; new registrations are active.
				active: true,
			},
		];
	},
	async list(call: Call) {
		const response = await call({
			method: 'GET',
			path: '/api/webhooks',
			action: 'list the webhooks',
		});
		const data = isObject(response.body) ? response.body.data : undefined;
		return (Array.isArray(data) ? data : [])
			.map(webhookInfo)
			.filter((w): w is WebhookInfo => w !== undefined);
	},
	async remove(call: Call, id: string) {
		await call({ method: 'DELETE', path: path(id), action: 'delete the webhook' });
	},
	async toggle(call: Call, id: string) {
		const response = await call({
			method: 'POST',
			path: `${path(id)}/toggle`,
			action: 'toggle the webhook',
		});
		const data = isObject(response.body) && isObject(response.body.data) ? response.body.data : {};
		return {
			id: firstString(data.id) ?? id,
			url: firstString(data.url) ?? '',
			events: Array.isArray(data.events) ? data.events.map(String) : [],
			active: typeof data.active === 'boolean' ? data.active : null,
		};
	},
};

/** whatsapp-web.js ack values: -1 error, 0 pending, 1 server, 2 device, 3 read, 4 played. */
const ACK_STATUS = {
	'-1': 'failed',
	'0': 'pending',
	'1': 'sent',
	'2': 'delivered',
	'3': 'read',
	'4': 'played',
} as const;

const SESSION_EVENTS: Record<string, { event: string; status: string }> = {
	qr: { event: 'session.qr', status: 'qr_pending' },
	ready: { event: 'session.ready', status: 'connected' },
	authenticated: { event: 'session.authenticated', status: 'authenticated' },
	disconnected: { event: 'session.disconnected', status: 'disconnected' },
	auth_failure: { event: 'session.auth_failure', status: 'auth_failed' },
	qr_blocked: { event: 'session.qr_blocked', status: 'qr_blocked' },
};

/** A whatsapp-web.js message id: a string (flat shape) or {_serialized} (full Message JSON). */
function messageIdOf(message: IDataObject): string | null {
	if (isObject(message.id)) return firstString(message.id._serialized, message.id.id);
	return firstString(message.id);
}

/**
 * The Engine sends two payload shapes (docs/providers/engine.md#webhooks): the original single-session one, where
 * `data` is the message itself, and the multi-tenant one, where `data` is
 * `{connectionId, message: <full Message JSON>, connection}` (`msg` for message_ack).
 */
function messageOf(data: unknown): IDataObject | undefined {
	if (!isObject(data)) return undefined;
	if (isObject(data.message)) return data.message;
	if (isObject(data.msg)) return data.msg;
	return data;
}

export function parseEngineEvent(request: IncomingWebhook): NormalizedEvent[] {
	const payload = isObject(request.body) ? request.body : {};
	const name = firstString(payload.event, request.headers['x-webhook-event']);
	if (name === null) return [];
	const data = payload.data;
	const event = emptyEvent('engine', name, payload);
	event.timestamp = toIsoTimestamp(payload.timestamp);

	if (name === 'message' || name === 'message_create') {
		const message = messageOf(data) ?? {};
		const internal = isObject(message._data) ? message._data : {};
		event.event = 'message.received';
		event.from = normalizeAddress(message.from);
		event.to = normalizeAddress(message.to);
		event.messageId = messageIdOf(message);
		const body = firstString(message.body);
		const type = firstString(message.type) ?? 'chat';
		event.text = body;
		if (message.hasMedia === true) {
			// The Engine does not send the media itself, nor a URL to download it from.
			event.media = media({
				type,
				mimeType: firstString(internal.mimetype),
				caption: body,
				fileName: firstString(internal.filename),
			});
		}
		event.timestamp = toIsoTimestamp(message.timestamp) ?? event.timestamp;
		return [event];
	}

	if (name === 'message_ack') {
		const message = messageOf(data) ?? {};
		const ack = isObject(data) ? data.ack : undefined;
		event.event = 'message.status';
		event.from = normalizeAddress(message.from);
		event.to = normalizeAddress(message.to);
		event.messageId = messageIdOf(message);
		event.status = mapStatus(ack ?? message.ack, ACK_STATUS);
		return [event];
	}

	const session = ownValue(SESSION_EVENTS, name);
	if (session) {
		event.event = session.event;
		event.status = session.status;
		if (typeof data === 'string') event.text = data;
		else if (isObject(data)) event.text = firstString(data.qr, data.reason, data.message);
		return [event];
	}

	event.event = `engine.${name}`;
	return [event];
}

export const engineWebhooks: ProviderWebhooks = {
	// The Engine's node-fetch call has `timeout: 10000` (src/routes/webhook.routes.js).
	deliveryTimeoutMs: 10000,
	events: [
		{
			name: 'Auth Failure',
			value: 'auth_failure',
			description: 'The WhatsApp session failed to authenticate',
		},
		{
			name: 'Authenticated',
			value: 'authenticated',
			description: 'The WhatsApp session authenticated',
		},
		{
			name: 'Disconnected',
			value: 'disconnected',
			description: 'The WhatsApp session disconnected',
		},
		{ name: 'Message', value: 'message', description: 'A message was received' },
		{
			name: 'Message Ack',
			value: 'message_ack',
			description: 'Delivery status of a sent message (sent by newer Engine versions only)',
		},
		{ name: 'QR Code', value: 'qr', description: 'A new QR code must be scanned' },
		{ name: 'Ready', value: 'ready', description: 'The WhatsApp session is connected and ready' },
	],
	defaultEvents: ['message'],
	management: engineWebhookManagement,
	verify: verifyEngine,
	deriveSecret: engineWebhookSecret,
	// The Engine signs the whole body; each event's identity is added by the trigger.
	deliveryKeys: (request) => [contentKey('engine', request)],
	parse: (request) => parseEngineEvent(request),
};
