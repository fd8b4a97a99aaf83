import type {
	Call,
	NormalizedEvent,
	ProviderWebhooks,
	WebhookInfo,
	WebhookManagement,
	IncomingWebhook,
} from '../types';
import {
	emptyEvent,
	contentKey,
	firstString,
	mapStatus,
	media,
	normalizeAddress,
	toIsoTimestamp,
} from '../events';
import { sevenVerificationGap, verifySeven } from './verify';
import { isObject } from '../shared';

/**
 * seven.io hooks API (docs/providers/seven.md#webhooks-hooks-api):
 * GET /api/hooks → {hooks:[{id,target_url,event_type,request_method,enabled,…}]};
 * POST /api/hooks {target_url, event_type, request_method} → {success:true, id}; one hook per
 * event type; DELETE /api/hooks with `id` (sent in the query and the body: sources differ).
 * Every delivery carries X-Signature, X-Timestamp and X-Nonce, signed with the account's signing key.
 */

function hookInfo(value: unknown): WebhookInfo | undefined {
	if (!isObject(value)) return undefined;
	const id = firstString(value.id);
	if (id === null) return undefined;
	const eventType = firstString(value.event_type);
	return {
		id,
		url: firstString(value.target_url) ?? '',
		events: eventType ? [eventType] : [],
		active: typeof value.enabled === 'boolean' ? value.enabled : null,
		requestMethod: firstString(value.request_method),
		eventFilter: firstString(value.event_filter),
		createdAt: firstString(value.created),
	};
}

export const sevenWebhookManagement: WebhookManagement = {
	acceptsSecret: false,
	// The signing key is the account's, so an existing hook for our URL can simply be reused.
	adoptable: true,
	multiEvent: false,
	async register(call: Call, input) {
		const created: WebhookInfo[] = [];
		for (const eventType of input.events) {
			const response = await call({
				method: 'POST',
				path: '/api/hooks',
				// JSON: seven POSTs a JSON body (the default, POST, would be form-encoded).
				body: { target_url: input.url, event_type: eventType, request_method: 'JSON' },
				action: 'subscribe the webhook',
			});
			const id = isObject(response.body) ? firstString(response.body.id) : null;
			created.push({
				id: id ?? '',
				url: input.url,
				events: [eventType],
				active: true,
				requestMethod: 'JSON',
			});
		}
		return created;
	},
	async list(call: Call) {
		const response = await call({ method: 'GET', path: '/api/hooks', action: 'list the webhooks' });
		const hooks = isObject(response.body) ? response.body.hooks : undefined;
		return (Array.isArray(hooks) ? hooks : [])
			.map(hookInfo)
			.filter((h): h is WebhookInfo => h !== undefined);
	},
	async remove(call: Call, id: string) {
		const numeric = /^\d+$/.test(id) ? Number(id) : id;
		await call({
			method: 'DELETE',
			path: '/api/hooks',
			qs: { id },
			body: { id: numeric },
			action: 'unsubscribe the webhook',
		});
	},
};

/** seven delivery reports (SMS names, and WhatsApp's sent/delivered/read/failed). */
const DLR_STATUS = {
	delivered: 'delivered',
	notdelivered: 'failed',
	failed: 'failed',
	rejected: 'failed',
	expired: 'failed',
	buffered: 'pending',
	accepted: 'pending',
	transmitted: 'sent',
	sent: 'sent',
	read: 'read',
	unknown: 'unknown',
} as const;

const MEDIA_TYPES = ['image', 'video', 'audio', 'document', 'sticker', 'voice'];

/**
 * Parses both shapes seen for seven (docs/providers/seven.md#webhooks-hooks-api): the documented envelope
 * `{webhook_event, webhook_timestamp, data:{…}}` and help.seven.io's "typical" WhatsApp example
 * `{event:"wa_mo", from, to, timestamp, message:{type, text}}`.
 */
export function parseSevenEvent(request: IncomingWebhook): NormalizedEvent[] {
	const payload =
		isObject(request.body) && Object.keys(request.body).length > 0 ? request.body : request.query;
	const name = firstString(payload.webhook_event, payload.event);
	if (name === null) return [];
	const data = isObject(payload.data) ? payload.data : payload;
	const event = emptyEvent('seven', name, payload);
	event.timestamp = toIsoTimestamp(payload.webhook_timestamp ?? payload.timestamp);

	if (name === 'wa_mo' || name === 'sms_mo' || name === 'rcs_mo') {
		const message = isObject(data.message) ? data.message : {};
		event.event = name === 'wa_mo' ? 'message.received' : `seven.${name}`;
		event.from = normalizeAddress(data.sender ?? data.from);
		event.to = normalizeAddress(data.system ?? data.to);
		event.messageId = firstString(data.id, data.msg_id, data.message_id, message.id);
		const type = firstString(message.type, data.type);
		const textValue = isObject(message.text) ? message.text.body : message.text;
		event.text = firstString(data.text, textValue);
		if (type && MEDIA_TYPES.includes(type.toLowerCase())) {
			const part = isObject(message[type]) ? (message[type] as Record<string, unknown>) : {};
			event.media = media({
				type,
				url: firstString(part.url, part.link, message.url, data.url, data.media_url),
				id: firstString(part.id),
				mimeType: firstString(part.mime_type, part.mimetype),
				caption: firstString(part.caption, message.caption),
				fileName: firstString(part.filename),
			});
		}
		event.timestamp = toIsoTimestamp(data.time) ?? event.timestamp;
		return [event];
	}

	if (name === 'dlr' || name === 'wa_status' || name === 'rcs_dlr') {
		event.event = 'message.status';
		event.messageId = firstString(data.msg_id, data.message_id, data.id);
		event.status = mapStatus(data.status, DLR_STATUS);
		event.to = normalizeAddress(data.recipient ?? data.to);
		event.from = normalizeAddress(data.sender ?? data.from);
		event.timestamp = toIsoTimestamp(data.timestamp) ?? event.timestamp;
		return [event];
	}

	event.event = `seven.${name}`;
	return [event];
}

export const sevenWebhooks: ProviderWebhooks = {
	// seven.io waits 5 s for the answer (docs/providers/seven.md).
	deliveryTimeoutMs: 5000,
	events: [
		{ name: 'Delivery Report', value: 'dlr', description: 'Status of a sent message (dlr)' },
		{
			name: 'Inbound WhatsApp Message',
			value: 'wa_mo',
			description: 'A WhatsApp message was received (wa_mo)',
		},
	],
	defaultEvents: ['wa_mo'],
	management: sevenWebhookManagement,
	verify: verifySeven,
	verificationGap: sevenVerificationGap,
	verificationFix:
		'Copy the signing key from seven.io (Developer → Webhooks / API settings) into the Signing Key field of the seven.io credential.',
	deliveryKeys(request) {
		// The signature covers nonce and body: a replayed nonce or the same body signed anew is a repeat.
		const keys = [contentKey('seven', request)];
		const nonce = request.headers['x-nonce'];
		if (nonce) keys.push(`seven:nonce:${nonce}`);
		return keys;
	},
	parse: (request) => parseSevenEvent(request),
};
