'use strict';
/*
 * Whaapy (docs/providers/whaapy.md).
 * Auth: Authorization: Bearer wha_<key>; missing/bad -> 401 JSON error.
 * Errors: { error, message, code?, details? }; delivery failures use the documented
 * { error:"message_delivery_failed", message, code:"131047", action_required, instructions, data:{id,status:"failed"} }.
 */
const { isPlainObject, isNonEmptyString, isFiniteNumber, isHttpUrl, isLocalTarget, magicOf } = require('../lib/util');
const { whaapySignature } = require('../lib/signing');
const { sampleFiles } = require('../lib/files');

const MB = 1024 * 1024;
const TYPES = ['text', 'image', 'video', 'audio', 'document', 'sticker', 'location', 'contacts', 'reaction', 'interactive', 'template'];
const MEDIA_TYPES = ['image', 'video', 'audio', 'document', 'sticker'];
const LIMITS = { image: 5 * MB, video: 16 * MB, audio: 16 * MB, document: 100 * MB, sticker: 500 * 1024 };
const MIMES = {
	image: ['image/jpeg', 'image/png', 'image/webp'],
	video: ['video/mp4', 'video/3gpp'],
	audio: ['audio/aac', 'audio/mpeg', 'audio/mp3', 'audio/ogg', 'audio/amr', 'audio/mp4'],
	document: [
		'application/pdf',
		'application/msword',
		'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
		'application/vnd.ms-excel',
		'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
		'application/vnd.ms-powerpoint',
		'application/vnd.openxmlformats-officedocument.presentationml.presentation',
		'text/plain',
	],
	sticker: ['image/webp'],
};
const EXT_MIME = {
	jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp', mp4: 'video/mp4', '3gp': 'video/3gpp', '3gpp': 'video/3gpp',
	aac: 'audio/aac', mp3: 'audio/mpeg', ogg: 'audio/ogg', opus: 'audio/ogg', amr: 'audio/amr', m4a: 'audio/mp4', pdf: 'application/pdf', doc: 'application/msword',
	docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', xls: 'application/vnd.ms-excel',
	xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', ppt: 'application/vnd.ms-powerpoint',
	pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', txt: 'text/plain',
};
const EVENTS = [
	'*', 'message.received', 'message.sent', 'message.delivered', 'message.read', 'message.failed',
	'conversation.created', 'conversation.updated', 'conversation.handoff', 'conversation.assigned', 'conversation.unassigned', 'conversation.closed',
	'contact.created', 'contact.updated', 'contact.deleted',
];
const E164 = /^\+[1-9]\d{7,14}$/;
const SEED_PHONE = '+5215512345678';
const TEMPLATES = [
	{ id: 'tpl_0001', name: 'hello_world', language: 'en_US', status: 'APPROVED', category: 'UTILITY', bodyVariables: [], buttonVariables: [] },
	{
		id: 'tpl_0002', name: 'order_update', language: 'es', status: 'APPROVED', category: 'UTILITY',
		bodyVariables: [{ index: 1, example: 'Juan' }, { index: 2, example: '#1234' }], buttonVariables: [],
	},
	{
		id: 'tpl_0003', name: 'appointment_reminder', language: 'es_MX', status: 'APPROVED', category: 'MARKETING',
		bodyVariables: [{ index: 1, example: 'Ana' }], buttonVariables: [{ index: 0, text: 'Confirmar' }],
	},
];

class VErr extends Error {
	constructor(field, message, code = '100') {
		super(message);
		this.field = field;
		this.code = code;
	}
}
const need = (cond, field, message, code) => {
	if (!cond) throw new VErr(field, message, code);
};
const required = (v, field) => need(v !== undefined && v !== null && v !== '', field, `${field} is required`, '131008');

function validateMediaObject(obj, t, field) {
	need(isPlainObject(obj), field, `${field} must be an object with link or id`, '131008');
	const hasLink = obj.link !== undefined;
	const hasId = obj.id !== undefined;
	need(hasLink || hasId, field, `${field}.link or ${field}.id is required`, '131008');
	need(!(hasLink && hasId), field, `${field}: use either link or id, not both`);
	if (hasLink) need(isHttpUrl(obj.link), `${field}.link`, `${field}.link must be a valid http(s) URL`);
	if (hasId) need(isNonEmptyString(obj.id), `${field}.id`, `${field}.id must be a non-empty string`);
	if (obj.caption !== undefined) {
		need(['image', 'video', 'document'].includes(t), `${field}.caption`, `caption is not supported for ${t}`);
		need(typeof obj.caption === 'string' && obj.caption.length <= 1024, `${field}.caption`, 'caption must be a string of at most 1024 characters');
	}
	if (obj.filename !== undefined) {
		need(t === 'document', `${field}.filename`, 'filename is only supported for document');
		need(isNonEmptyString(obj.filename), `${field}.filename`, 'filename must be a non-empty string');
	}
	if (obj.voice !== undefined) {
		need(t === 'audio', `${field}.voice`, 'voice is only supported for audio');
		need(typeof obj.voice === 'boolean', `${field}.voice`, 'voice must be a boolean');
	}
}

function validateInteractive(i) {
	need(isPlainObject(i), 'interactive', 'interactive is required', '131008');
	need(['button', 'list', 'cta_url'].includes(i.type), 'interactive.type', 'interactive.type must be button, list or cta_url');
	need(isPlainObject(i.body) && isNonEmptyString(i.body.text), 'interactive.body.text', 'interactive.body.text is required', '131008');
	need(i.body.text.length <= 1024, 'interactive.body.text', 'interactive.body.text must not exceed 1024 characters');
	if (i.footer !== undefined) need(isPlainObject(i.footer) && typeof i.footer.text === 'string' && i.footer.text.length <= 60, 'interactive.footer.text', 'interactive.footer must be {text} (max 60 characters)');
	if (i.header !== undefined) {
		const h = i.header;
		need(isPlainObject(h) && ['text', 'image', 'video', 'document'].includes(h.type), 'interactive.header.type', 'interactive.header.type must be text, image, video or document');
		if (h.type === 'text') need(isNonEmptyString(h.text) && h.text.length <= 60, 'interactive.header.text', 'interactive.header.text is required (max 60 characters)');
		else validateMediaObject(h[h.type], h.type, `interactive.header.${h.type}`);
	}
	const a = i.action;
	need(isPlainObject(a), 'interactive.action', 'interactive.action is required', '131008');
	if (i.type === 'button') {
		need(Array.isArray(a.buttons) && a.buttons.length >= 1 && a.buttons.length <= 3, 'interactive.action.buttons', 'interactive.action.buttons must have 1 to 3 buttons');
		for (const b of a.buttons) {
			need(isPlainObject(b) && b.type === 'reply' && isPlainObject(b.reply), 'interactive.action.buttons', 'each button must be {type:"reply", reply:{id,title}}');
			need(isNonEmptyString(b.reply.id), 'interactive.action.buttons.reply.id', 'reply.id is required', '131008');
			need(isNonEmptyString(b.reply.title) && b.reply.title.length <= 20, 'interactive.action.buttons.reply.title', 'reply.title is required (max 20 characters)');
		}
	} else if (i.type === 'list') {
		need(isNonEmptyString(a.button) && a.button.length <= 20, 'interactive.action.button', 'interactive.action.button is required (max 20 characters)');
		need(Array.isArray(a.sections) && a.sections.length >= 1 && a.sections.length <= 10, 'interactive.action.sections', 'interactive.action.sections must have 1 to 10 sections');
		let rows = 0;
		for (const s of a.sections) {
			need(isPlainObject(s) && Array.isArray(s.rows) && s.rows.length > 0, 'interactive.action.sections.rows', 'each section needs a non-empty rows array');
			if (s.title !== undefined) need(typeof s.title === 'string' && s.title.length <= 24, 'interactive.action.sections.title', 'section title max 24 characters');
			for (const r of s.rows) {
				rows += 1;
				need(isPlainObject(r) && isNonEmptyString(r.id), 'interactive.action.sections.rows.id', 'row id is required', '131008');
				need(isNonEmptyString(r.title) && r.title.length <= 24, 'interactive.action.sections.rows.title', 'row title is required (max 24 characters)');
				if (r.description !== undefined) need(typeof r.description === 'string' && r.description.length <= 72, 'interactive.action.sections.rows.description', 'row description max 72 characters');
			}
		}
		need(rows <= 10, 'interactive.action.sections', 'a list can have at most 10 rows in total');
	} else {
		need(a.name === 'cta_url', 'interactive.action.name', 'interactive.action.name must be "cta_url"');
		need(isPlainObject(a.parameters), 'interactive.action.parameters', 'interactive.action.parameters is required', '131008');
		need(isNonEmptyString(a.parameters.display_text) && a.parameters.display_text.length <= 20, 'interactive.action.parameters.display_text', 'display_text is required (max 20 characters)');
		need(isHttpUrl(a.parameters.url), 'interactive.action.parameters.url', 'parameters.url must be a valid http(s) URL');
	}
}

function validateTemplate(b) {
	if (b.template !== undefined) {
		const t = b.template;
		need(isPlainObject(t) && isNonEmptyString(t.name), 'template.name', 'template.name is required', '131008');
		need(isPlainObject(t.language) && isNonEmptyString(t.language.code), 'template.language.code', 'template.language.code is required', '131008');
		if (t.components !== undefined) {
			need(Array.isArray(t.components), 'template.components', 'template.components must be an array');
			for (const c of t.components) {
				need(isPlainObject(c) && ['header', 'body', 'button', 'footer'].includes(c.type), 'template.components.type', 'component type must be header, body, button or footer');
				if (c.parameters !== undefined) need(Array.isArray(c.parameters), 'template.components.parameters', 'component parameters must be an array');
				if (c.type === 'button') {
					need(['url', 'quick_reply', 'copy_code'].includes(c.sub_type), 'template.components.sub_type', 'button sub_type must be url, quick_reply or copy_code');
					need(c.index !== undefined && /^\d+$/.test(String(c.index)), 'template.components.index', 'button index is required');
				}
			}
		}
		if (b.templateName === undefined) return;
	}
	required(b.templateName, 'templateName');
	need(isNonEmptyString(b.templateName), 'templateName', 'templateName must be a string');
	required(b.language, 'language');
	need(typeof b.language === 'string' && /^[a-z]{2,3}(_[A-Z]{2})?$/.test(b.language), 'language', 'language must be a code like es, es_MX, en_US');
	if (b.template_parameters !== undefined) need(Array.isArray(b.template_parameters) && b.template_parameters.every((x) => typeof x === 'string'), 'template_parameters', 'template_parameters must be an array of strings');
	if (b.header_media !== undefined) {
		const h = b.header_media;
		need(isPlainObject(h) && ['image', 'video', 'document'].includes(h.type), 'header_media.type', 'header_media.type must be image, video or document');
		need(isHttpUrl(h.url) || isNonEmptyString(h.media_id), 'header_media', 'header_media needs url or media_id', '131008');
	}
	if (b.quickReplyPayloadOverrides !== undefined) need(isPlainObject(b.quickReplyPayloadOverrides), 'quickReplyPayloadOverrides', 'quickReplyPayloadOverrides must be an object');
}

function validateSend(b, state) {
	need(isPlainObject(b), 'body', 'request body must be a JSON object');
	const hasTo = b.to !== undefined && b.to !== null && b.to !== '';
	need(hasTo || isNonEmptyString(b.conversationId), 'to', 'to or conversationId is required', '131008');
	if (hasTo) need(typeof b.to === 'string' && E164.test(b.to), 'to', 'to must be an E.164 phone number with + (e.g. +5215512345678)');
	if (!hasTo) need(state.conversations.has(b.conversationId), 'conversationId', 'conversation not found');
	const type = b.type === undefined || b.type === null ? 'text' : b.type;
	need(TYPES.includes(type), 'type', `type must be one of ${TYPES.join(', ')}`, '131051');
	switch (type) {
		case 'text':
			if (b.text !== undefined) {
				need(isPlainObject(b.text) && isNonEmptyString(b.text.body), 'text.body', 'text.body is required', '131008');
				need(b.text.body.length <= 4096, 'text.body', 'text.body must not exceed 4096 characters');
				if (b.text.preview_url !== undefined) need(typeof b.text.preview_url === 'boolean', 'text.preview_url', 'preview_url must be a boolean');
			} else {
				need(isNonEmptyString(b.content), 'content', 'content is required for text messages', '131008');
				need(b.content.length <= 4096, 'content', 'content must not exceed 4096 characters');
			}
			break;
		case 'image':
		case 'video':
		case 'audio':
		case 'document':
		case 'sticker':
			validateMediaObject(b[type], type, type);
			break;
		case 'location': {
			const l = b.location;
			need(isPlainObject(l), 'location', 'location is required', '131008');
			need(isFiniteNumber(l.latitude) && l.latitude >= -90 && l.latitude <= 90, 'location.latitude', 'latitude must be a number between -90 and 90');
			need(isFiniteNumber(l.longitude) && l.longitude >= -180 && l.longitude <= 180, 'location.longitude', 'longitude must be a number between -180 and 180');
			break;
		}
		case 'contacts':
			need(Array.isArray(b.contacts) && b.contacts.length > 0, 'contacts', 'contacts must be a non-empty array', '131008');
			for (const c of b.contacts) need(isPlainObject(c) && isPlainObject(c.name) && isNonEmptyString(c.name.formatted_name), 'contacts.name.formatted_name', 'contacts[].name.formatted_name is required', '131008');
			break;
		case 'reaction':
			need(isPlainObject(b.reaction) && isNonEmptyString(b.reaction.message_id), 'reaction.message_id', 'reaction.message_id is required', '131008');
			need(typeof b.reaction.emoji === 'string', 'reaction.emoji', 'reaction.emoji is required', '131008');
			break;
		case 'interactive':
			validateInteractive(b.interactive);
			break;
		case 'template':
			validateTemplate(b);
			break;
		default:
	}
	if (b.context !== undefined) need(isPlainObject(b.context) && isNonEmptyString(b.context.message_id), 'context.message_id', 'context.message_id is required');
	if (b.createConversation !== undefined) need(typeof b.createConversation === 'boolean', 'createConversation', 'createConversation must be a boolean');
	if (b.metadata !== undefined) need(isPlainObject(b.metadata), 'metadata', 'metadata must be an object');
	if (b.ai !== undefined) {
		need(isPlainObject(b.ai), 'ai', 'ai must be an object');
		for (const k of ['pause', 'disable']) if (b.ai[k] !== undefined) need(typeof b.ai[k] === 'boolean', `ai.${k}`, `ai.${k} must be a boolean`);
		if (b.ai.pauseDuration !== undefined) need(Number.isInteger(b.ai.pauseDuration) && b.ai.pauseDuration >= 1 && b.ai.pauseDuration <= 1440, 'ai.pauseDuration', 'ai.pauseDuration must be an integer 1-1440 (minutes)');
	}
	return type;
}

function err(ctx, status, error, message, extra = {}, headers = {}) {
	return ctx.json(status, { error, message, ...extra }, headers);
}

function conversationFor(ctx, phone, create) {
	const st = ctx.state;
	const digits = phone.replace(/\D/g, '');
	for (const c of st.conversations.values()) if (c.phone.replace(/\D/g, '') === digits) return c;
	if (!create) return null;
	const c = { id: ctx.ids.uuid('whaapy.conversation'), phone: `+${digits}`, status: 'active', unreadCount: 0, createdAt: new Date().toISOString(), lastMessageAt: null };
	st.conversations.set(c.id, c);
	return c;
}

function wamid(ctx) {
	return 'wamid.HBgL' + Buffer.from(ctx.ids.token('whaapy.wamid', 24, 'hex'), 'hex').toString('base64').replace(/=+$/, '');
}

function successBody(msg) {
	return {
		messaging_product: 'whatsapp',
		contacts: [{ input: msg.input, wa_id: msg.phone.replace(/\D/g, '') }],
		messages: [{ id: msg.id, wamid: msg.wamid }],
		data: { id: msg.id, conversationId: msg.conversationId, messageType: msg.messageType, direction: 'outbound', status: msg.status, createdAt: msg.createdAt },
	};
}

module.exports = {
	name: 'whaapy',
	prefix: '/whaapy',
	bodyLimit: 100 * MB + 1 * MB, // largest documented upload (document 100 MB) + multipart overhead
	LIMITS,
	createState(sandbox) {
		const conversations = new Map();
		const seed = { id: sandbox.ids.uuid('whaapy.conversation'), phone: SEED_PHONE, status: 'active', unreadCount: 2, createdAt: '2026-01-22T10:00:00.000Z', lastMessageAt: '2026-01-22T10:30:00.000Z' };
		conversations.set(seed.id, seed);
		return { messages: new Map(), media: new Map(), conversations, webhooks: new Map(), lastSent: null };
	},
	rateLimitAnswer(ctx, headers) {
		err(ctx, 429, 'rate_limit_exceeded', 'Rate limit exceeded. Try again later.', { code: '130429' }, headers);
	},
	webhooks(state) {
		return [...state.webhooks.values()].map((w) => ({ ...w }));
	},
	async handle(ctx) {
		const m = /^Bearer\s+(\S+)$/i.exec(String(ctx.headers.authorization || ''));
		if (!m) return err(ctx, 401, 'unauthorized', 'Missing API key. Use Authorization: Bearer wha_...');
		if (m[1] !== ctx.keys.whaapy) return err(ctx, 401, 'unauthorized', 'Invalid API key');
		const p = ctx.path.length > 1 ? ctx.path.replace(/\/+$/, '') : ctx.path;
		const meth = ctx.method;
		let mm;
		if (meth === 'POST' && p === '/messages/v1') return this.send(ctx);
		if (meth === 'POST' && (mm = /^\/messages\/v1\/([^/]+)\/retry$/.exec(p))) return this.retry(ctx, decodeURIComponent(mm[1]));
		if (meth === 'POST' && p === '/media/v1') return this.upload(ctx);
		if (meth === 'GET' && (mm = /^\/media\/v1\/samples\/([^/]+)$/.exec(p))) {
			// Sandbox stand-in for an inbound message's `media_url` on Whaapy's own host (the real URL is
			// not documented beyond "a direct downloadable URL"): the sample files, with the API key.
			const f = sampleFiles()[decodeURIComponent(mm[1])];
			if (!f) return err(ctx, 404, 'not_found', 'Media not found');
			return ctx.send(200, f.data, { 'Content-Type': f.mimeType });
		}
		if (meth === 'GET' && p === '/templates/v1') return ctx.json(200, { data: TEMPLATES, pagination: { next_cursor: null, has_more: false } });
		if (meth === 'PATCH' && (mm = /^\/conversations\/v1\/([^/]+)\/mark-read$/.exec(p))) {
			const c = ctx.state.conversations.get(decodeURIComponent(mm[1]));
			if (!c) return err(ctx, 404, 'not_found', 'Conversation not found');
			c.unreadCount = 0;
			return ctx.json(200, { success: true, data: { id: c.id, unreadCount: 0 } });
		}
		if (meth === 'GET' && (mm = /^\/conversations\/v1\/by-phone\/([^/]+)$/.exec(p))) {
			const phone = decodeURIComponent(mm[1]);
			if (!/^\+?\d{8,15}$/.test(phone.trim())) return err(ctx, 400, 'validation_error', 'phone must be an E.164 number', { code: '100' });
			const c = conversationFor(ctx, phone, false);
			if (!c) return err(ctx, 404, 'not_found', 'Conversation not found');
			return ctx.json(200, { data: { ...c } });
		}
		if (p === '/user-webhooks' && meth === 'GET') {
			return ctx.json(200, { data: [...ctx.state.webhooks.values()].map(({ secret, ...w }) => (void secret, w)) });
		}
		if (p === '/user-webhooks' && meth === 'POST') return this.registerWebhook(ctx);
		if (meth === 'DELETE' && (mm = /^\/user-webhooks\/([^/]+)$/.exec(p))) {
			const id = decodeURIComponent(mm[1]);
			if (!ctx.state.webhooks.has(id)) return err(ctx, 404, 'not_found', 'Webhook not found');
			ctx.state.webhooks.delete(id);
			return ctx.json(200, { success: true });
		}
		return err(ctx, 404, 'not_found', `Route ${meth} ${p} not found`);
	},
	send(ctx) {
		if (ctx.jsonError) return err(ctx, 400, 'validation_error', 'Invalid JSON body', { code: '100' });
		const b = ctx.jsonBody;
		let type;
		try {
			type = validateSend(b, ctx.state);
		} catch (e) {
			if (!(e instanceof VErr)) throw e;
			if (e.field === 'conversationId' && e.message === 'conversation not found') return err(ctx, 404, 'not_found', 'Conversation not found');
			return err(ctx, 400, 'validation_error', e.message, { code: e.code, details: [{ field: e.field, message: e.message }] });
		}
		const conv = b.to ? conversationFor(ctx, b.to, b.createConversation !== false) : ctx.state.conversations.get(b.conversationId);
		const phone = b.to || conv.phone;
		const magic = magicOf(phone);
		if (magic === 'RATE_LIMIT') return err(ctx, 429, 'rate_limit_exceeded', 'Rate limit exceeded. Try again later.', { code: '130429' }, { 'Retry-After': '1' });
		if (magic === 'SERVER_ERROR') return err(ctx, 500, 'internal_error', 'Internal server error');
		const msg = {
			id: ctx.ids.uuid('whaapy.message'),
			wamid: wamid(ctx),
			input: b.to || conv.phone,
			phone,
			conversationId: conv ? conv.id : null,
			messageType: type,
			status: 'sent',
			createdAt: new Date().toISOString(),
			request: b,
		};
		if (conv) conv.lastMessageAt = msg.createdAt;
		if (magic === 'WINDOW_24H' && type !== 'template') {
			msg.status = 'failed';
			msg.wamid = null;
			ctx.state.messages.set(msg.id, msg);
			return err(ctx, 400, 'message_delivery_failed', 'Message failed to send because more than 24 hours have passed since the customer last replied to this number.', {
				code: '131047',
				action_required: 'send_template',
				instructions: 'Send an approved template message to re-open the 24-hour conversation window, then retry.',
				data: { id: msg.id, status: 'failed' },
			});
		}
		ctx.state.messages.set(msg.id, msg);
		ctx.state.lastSent = msg.id;
		return ctx.json(200, successBody(msg));
	},
	retry(ctx, id) {
		const msg = ctx.state.messages.get(id);
		if (!msg) return err(ctx, 404, 'not_found', 'Message not found');
		if (msg.status !== 'failed') return err(ctx, 400, 'invalid_status', `Only failed messages can be retried (status: ${msg.status})`, { code: '100' });
		msg.status = 'sent';
		msg.wamid = wamid(ctx);
		ctx.state.lastSent = msg.id;
		return ctx.json(200, successBody(msg));
	},
	upload(ctx) {
		if (ctx.tooLarge) return err(ctx, 413, 'file_too_large', 'Request body exceeds 100 MB', { code: '100' });
		if (!/^multipart\/form-data/i.test(ctx.contentType)) return err(ctx, 400, 'validation_error', 'Content-Type must be multipart/form-data', { code: '100' });
		if (ctx.multipartError || !ctx.multipart) return err(ctx, 400, 'validation_error', `Malformed multipart body: ${ctx.multipartError || 'empty'}`, { code: '100' });
		const { fields, files } = ctx.multipart;
		const type = fields.type;
		if (!type) return err(ctx, 400, 'validation_error', 'type is required', { code: '131008', details: [{ field: 'type', message: 'type is required' }] });
		if (!MEDIA_TYPES.includes(type)) return err(ctx, 400, 'validation_error', `type must be one of ${MEDIA_TYPES.join(', ')}`, { code: '100' });
		const file = files.find((f) => f.name === 'file');
		if (!file) return err(ctx, 400, 'validation_error', 'file is required', { code: '131008', details: [{ field: 'file', message: 'file is required' }] });
		if (file.size === 0) return err(ctx, 400, 'validation_error', 'file is empty', { code: '100' });
		let mime = String(file.contentType || '').split(';')[0].trim().toLowerCase();
		if (!mime || mime === 'application/octet-stream') {
			const ext = String(file.filename || '').split('.').pop().toLowerCase();
			mime = EXT_MIME[ext] || '';
		}
		if (!MIMES[type].includes(mime)) return err(ctx, 400, 'validation_error', `Unsupported mime type "${mime || 'unknown'}" for ${type}. Allowed: ${MIMES[type].join(', ')}`, { code: '131053' });
		if (file.size > LIMITS[type]) {
			const lim = LIMITS[type] >= MB ? `${LIMITS[type] / MB} MB` : `${LIMITS[type] / 1024} KB`;
			return err(ctx, 400, 'file_too_large', `File too large for ${type}: ${file.size} bytes (max ${lim})`, { code: '131053' });
		}
		const id = `media_${ctx.ids.uuid('whaapy.media')}`;
		const media = { id, media_id: id, type, mime_type: mime, size: file.size };
		ctx.state.media.set(id, { ...media, filename: file.filename, sha256: file.sha256 });
		return ctx.json(200, media);
	},
	registerWebhook(ctx) {
		if (ctx.jsonError) return err(ctx, 400, 'validation_error', 'Invalid JSON body', { code: '100' });
		const b = ctx.jsonBody;
		if (!isPlainObject(b)) return err(ctx, 400, 'validation_error', 'request body must be a JSON object', { code: '100' });
		const bad = (field, message) => err(ctx, 400, 'validation_error', message, { code: '100', details: [{ field, message }] });
		if (b.name !== undefined && (typeof b.name !== 'string' || b.name.length > 200)) return bad('name', 'name must be a string (max 200 characters)');
		if (!isHttpUrl(b.url)) return bad('url', 'url must be a valid http(s) URL');
		if (!Array.isArray(b.events) || b.events.length === 0) return bad('events', 'events must be a non-empty array');
		const unknown = b.events.filter((e) => !EVENTS.includes(e));
		if (unknown.length) return bad('events', `unknown events: ${unknown.join(', ')}`);
		const id = ctx.ids.uuid('whaapy.webhook');
		const secret = 'whsec_' + ctx.ids.token('whaapy.secret', 40, 'hex');
		const wh = { id, name: b.name || `webhook-${id.slice(0, 8)}`, url: b.url, events: b.events, secret, active: true, createdAt: new Date().toISOString() };
		ctx.state.webhooks.set(id, wh);
		return ctx.json(201, { data: { id, name: wh.name, url: wh.url, events: wh.events, secret } });
	},
	/** payload replaces `data`. Delivered to registrations subscribed to the event or "*". */
	fire(sandbox, state, opts) {
		const event = opts.event || 'message.received';
		if (!EVENTS.includes(event) || event === '*') throw new Error(`whaapy event must be one of ${EVENTS.filter((e) => e !== '*').join(', ')}`);
		const now = new Date();
		let data = opts.payload;
		if (data === undefined) {
			const conv = [...state.conversations.values()][0];
			if (event === 'message.received') {
				const n = sandbox.ids.next('whaapy.inbound');
				data = {
					message: { id: `wamid.SANDBOXIN${String(n).padStart(6, '0')}`, from: conv.phone, timestamp: String(Math.floor(now.getTime() / 1000)), type: 'text', text: { body: 'Hola desde el sandbox' } },
					contact_id: 'contact_sandbox_0001',
					conversation_id: conv.id,
					whaapy_message_id: sandbox.ids.uuid('whaapy.inbound.id'),
					media_url: null,
				};
			} else if (event.startsWith('message.')) {
				const last = state.lastSent ? state.messages.get(state.lastSent) : null;
				data = {
					id: last ? last.id : null,
					wamid: last ? last.wamid : null,
					conversationId: last ? last.conversationId : conv.id,
					to: last ? last.phone : conv.phone,
					status: event.slice('message.'.length),
					timestamp: now.toISOString(),
				};
			} else data = { conversation_id: conv.id, phone: conv.phone, timestamp: now.toISOString() };
		}
		const body = JSON.stringify({ event, businessId: 'biz_sandbox', timestamp: now.toISOString(), data });
		const out = [];
		for (const w of state.webhooks.values()) {
			if (!w.active || !(w.events.includes(event) || w.events.includes('*'))) continue;
			const headers = {
				'Content-Type': 'application/json',
				'X-Webhook-Event': event,
				'X-Webhook-Id': w.id,
				'X-Webhook-Delivery-Id': `whd_${sandbox.ids.token('whaapy.delivery', 24, 'hex')}`,
				'User-Agent': 'Whaapy-Webhooks/1.0 (sandbox)',
			};
			const sig = opts.signature || 'valid';
			if (sig === 'valid') headers['X-Webhook-Signature'] = whaapySignature(w.secret, body);
			else if (sig === 'invalid') headers['X-Webhook-Signature'] = whaapySignature('whsec_wrong', body);
			out.push({ url: w.url, method: 'POST', headers, body });
		}
		void isLocalTarget;
		return out;
	},
};
