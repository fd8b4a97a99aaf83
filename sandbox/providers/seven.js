'use strict';
/*
 * seven.io WhatsApp Business API (docs/providers/seven.md).
 * Auth: X-Api-Key: <key>  or  Authorization: Basic <raw key>. Bad/missing key -> HTTP 200, body `900`.
 * HTTP-status convention used here: bodies with error_code 400 are sent with HTTP 400,
 * 404 "Page not found" with HTTP 404, 7002001 with HTTP 200 (it is a gateway status, not an HTTP code),
 * hooks API failures with HTTP 200 + success:false (as the openapi describes).
 */
const { isPlainObject, isNonEmptyString, isFiniteNumber, isHttpUrl, magicOf, sqlDate } = require('../lib/util');
const { sevenSignature } = require('../lib/signing');

const TYPES = ['template', 'text', 'image', 'video', 'audio', 'document', 'sticker', 'location', 'contacts', 'interactive'];
const PHONE_TYPES = ['cell', 'main', 'iphone', 'home', 'work'];
const HOOK_EVENTS = ['all', 'rcs', 'sms_mo', 'dlr', 'voice_call', 'voice_status', 'voice_dtmf', 'tracking', 'wa_mo', 'rcs_dlr', 'rcs_mo'];
const LABEL_RE = /^[A-Za-z0-9.\-_@]+$/;
const PHONE_RE = /^\+?\d{6,16}$/;
const PRICE = 0.0735;

class VErr extends Error {}
const need = (cond, msg) => {
	if (!cond) throw new VErr(msg);
};

function parseDelay(v) {
	if (typeof v === 'number') {
		need(Number.isInteger(v) && v > 0, 'Invalid delay: use "YYYY-MM-DD hh:mm:ss" or a Unix timestamp');
		return v * 1000;
	}
	need(typeof v === 'string', 'Invalid delay: use "YYYY-MM-DD hh:mm:ss" or a Unix timestamp');
	if (/^\d{9,11}$/.test(v)) return Number(v) * 1000;
	const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(v);
	need(m, 'Invalid delay: use "YYYY-MM-DD hh:mm:ss" or a Unix timestamp');
	const [, Y, Mo, D, h, mi, s] = m.map(Number);
	const t = Date.UTC(Y, Mo - 1, D, h, mi, s); // interpreted as UTC (the real gateway uses Europe/Berlin)
	const d = new Date(t);
	need(d.getUTCFullYear() === Y && d.getUTCMonth() === Mo - 1 && d.getUTCDate() === D && h < 24 && mi < 60 && s < 60, 'Invalid delay: not a valid date/time');
	return t;
}

const optString = (b, k, max) => {
	if (b[k] === undefined || b[k] === null) return;
	need(typeof b[k] === 'string', `${k} must be a string`);
	if (max) need(b[k].length <= max, `${k} must not exceed ${max} characters`);
};

function validateMessage(b) {
	need(isPlainObject(b), 'Invalid request body');
	need(isNonEmptyString(b.from), 'The from field is required');
	need(typeof b.from === 'string' && PHONE_RE.test(b.from), 'Invalid WhatsApp sender number');
	need(isNonEmptyString(b.to), 'The to field is required');
	need(typeof b.to === 'string' && PHONE_RE.test(b.to), 'Invalid recipient number');
	const type = b.type === undefined || b.type === null ? 'text' : b.type;
	need(TYPES.includes(type), `Invalid type. Allowed: ${TYPES.join(', ')}`);
	if (b.delay !== undefined && b.delay !== null && b.delay !== '') parseDelay(b.delay);
	if (b.ttl !== undefined && b.ttl !== null) need(Number.isInteger(b.ttl) && b.ttl > 0, 'ttl must be a positive integer (minutes)');
	if (b.label !== undefined && b.label !== null) {
		need(typeof b.label === 'string' && b.label.length >= 1 && b.label.length <= 100, 'label must be a string of at most 100 characters');
		need(LABEL_RE.test(b.label), 'label contains invalid characters (allowed: a-z, A-Z, 0-9, .-_@)');
	}
	if (b.foreign_id !== undefined && b.foreign_id !== null) {
		need(typeof b.foreign_id === 'string' && b.foreign_id.length >= 1 && b.foreign_id.length <= 64, 'foreign_id must be a string of at most 64 characters');
		need(LABEL_RE.test(b.foreign_id), 'foreign_id contains invalid characters (allowed: a-z, A-Z, 0-9, .-_@)');
	}
	if (b.performance_tracking !== undefined && b.performance_tracking !== null) need(typeof b.performance_tracking === 'boolean', 'performance_tracking must be a boolean');
	switch (type) {
		case 'template': {
			need(isNonEmptyString(b.template), 'The template field is required when type is template');
			need(isNonEmptyString(b.language), 'The language field is required when type is template');
			need(/^[a-z]{2,3}([_-][A-Za-z]{2,4})?$/.test(b.language), 'Invalid language code');
			if (b.components !== undefined && b.components !== null) {
				need(isPlainObject(b.components), 'components must be an object with optional header, body and buttons arrays');
				for (const k of Object.keys(b.components)) need(['header', 'body', 'buttons'].includes(k), `Unknown components key "${k}"`);
				for (const k of ['header', 'body']) {
					const arr = b.components[k];
					if (arr === undefined) continue;
					need(Array.isArray(arr) && arr.every((x) => typeof x === 'string'), `components.${k} must be an array of strings`);
				}
				if (b.components.header) need(b.components.header.length <= 1 || !b.components.header.some(isHttpUrl), 'components.header: an image header takes exactly one URL');
				const buttons = b.components.buttons;
				if (buttons !== undefined) {
					need(Array.isArray(buttons), 'components.buttons must be an array');
					for (const btn of buttons) {
						need(isPlainObject(btn) && btn.type === 'button', 'components.buttons[].type must be "button"');
						need(btn.sub_type === 'url', 'components.buttons[].sub_type must be "url"');
						need(
							Array.isArray(btn.parameters) && btn.parameters.length > 0 && btn.parameters.every((p) => isPlainObject(p) && p.type === 'text' && typeof p.text === 'string'),
							'components.buttons[].parameters must be an array of {type:"text", text}',
						);
					}
				}
			}
			break;
		}
		case 'text':
			need(isNonEmptyString(b.text), 'The text field is required');
			need(b.text.length <= 4096, 'text must not exceed 4096 characters');
			break;
		case 'image':
		case 'video':
		case 'audio':
		case 'document':
		case 'sticker':
			need(isNonEmptyString(b.url), `The url field is required when type is ${type}`);
			need(isHttpUrl(b.url), 'url must be a public http(s) URL');
			if (type === 'audio' || type === 'sticker') need(b.caption === undefined || b.caption === null, `caption is not supported for ${type}`);
			else optString(b, 'caption', 1024);
			if (type === 'document') need(isNonEmptyString(b.filename), 'The filename field is required when type is document');
			break;
		case 'location':
			need(isFiniteNumber(b.latitude) && b.latitude >= -90 && b.latitude <= 90, 'latitude must be a number between -90 and 90');
			need(isFiniteNumber(b.longitude) && b.longitude >= -180 && b.longitude <= 180, 'longitude must be a number between -180 and 180');
			optString(b, 'name');
			optString(b, 'address');
			break;
		case 'contacts':
			need(Array.isArray(b.contacts) && b.contacts.length > 0, 'contacts must be a non-empty array');
			for (const c of b.contacts) {
				need(isPlainObject(c) && isPlainObject(c.name) && isNonEmptyString(c.name.first_name), 'contacts[].name.first_name is required');
				if (c.name.last_name !== undefined) need(typeof c.name.last_name === 'string', 'contacts[].name.last_name must be a string');
				need(Array.isArray(c.phones) && c.phones.length > 0, 'contacts[].phones must be a non-empty array');
				for (const p of c.phones) {
					need(isPlainObject(p) && isNonEmptyString(p.phone), 'contacts[].phones[].phone is required');
					if (p.type !== undefined) need(PHONE_TYPES.includes(p.type), `contacts[].phones[].type must be one of ${PHONE_TYPES.join(', ')}`);
				}
			}
			break;
		case 'interactive': {
			need(['button', 'list'].includes(b.interactive_type), 'interactive_type must be "button" or "list"');
			need(isNonEmptyString(b.body), 'The body field is required for interactive messages');
			need(b.body.length <= 1024, 'body must not exceed 1024 characters');
			optString(b, 'header', 60);
			optString(b, 'footer', 60);
			if (b.interactive_type === 'button') {
				need(Array.isArray(b.buttons) && b.buttons.length >= 2 && b.buttons.length <= 3, 'buttons must be an array of 2-3 buttons');
				const ids = new Set();
				for (const btn of b.buttons) {
					need(isPlainObject(btn) && isNonEmptyString(btn.id), 'buttons[].id is required');
					need(isNonEmptyString(btn.title), 'buttons[].title is required');
					need(btn.title.length <= 20, 'buttons[].title must not exceed 20 characters');
					need(!ids.has(btn.id), 'buttons[].id must be unique');
					ids.add(btn.id);
				}
			} else {
				need(isNonEmptyString(b.button_text), 'The button_text field is required for list messages');
				need(b.button_text.length <= 20, 'button_text must not exceed 20 characters');
				need(Array.isArray(b.sections) && b.sections.length > 0, 'sections must be a non-empty array');
				let rows = 0;
				for (const s of b.sections) {
					need(isPlainObject(s) && isNonEmptyString(s.title), 'sections[].title is required');
					need(s.title.length <= 24, 'sections[].title must not exceed 24 characters');
					need(Array.isArray(s.rows) && s.rows.length > 0, 'sections[].rows must be a non-empty array');
					for (const r of s.rows) {
						rows += 1;
						need(isPlainObject(r) && isNonEmptyString(r.id), 'sections[].rows[].id is required');
						need(isNonEmptyString(r.title) && r.title.length <= 24, 'sections[].rows[].title is required (max 24 characters)');
						if (r.description !== undefined) need(typeof r.description === 'string' && r.description.length <= 72, 'sections[].rows[].description must not exceed 72 characters');
					}
				}
				need(rows <= 10, 'a list message can have at most 10 rows in total');
			}
			break;
		}
		default:
	}
	return type;
}

function messageText(b, type) {
	const o = { type };
	for (const k of Object.keys(b)) if (!['from', 'to', 'delay', 'ttl', 'label', 'performance_tracking', 'foreign_id', 'type'].includes(k)) o[k] = b[k];
	return JSON.stringify(o);
}

function authOk(ctx) {
	if (ctx.headers['x-api-key'] !== undefined) return ctx.headers['x-api-key'] === ctx.keys.seven;
	const m = /^Basic\s+(.+)$/i.exec(String(ctx.headers.authorization || ''));
	return !!m && m[1].trim() === ctx.keys.seven;
}

function bodyParams(ctx) {
	if (!ctx.body.length) return {};
	if (/x-www-form-urlencoded/i.test(ctx.contentType)) return Object.fromEntries(new URLSearchParams(ctx.rawText));
	return ctx.jsonBody;
}

const e400 = (ctx, msg) => ctx.json(400, { success: false, error_code: 400, error_message: msg });

function flattenForm(obj, prefix, out) {
	for (const [k, v] of Object.entries(obj)) {
		const key = prefix ? `${prefix}[${k}]` : k;
		if (v !== null && typeof v === 'object') flattenForm(v, key, out);
		else out.push([key, v === null || v === undefined ? '' : String(v)]);
	}
	return out;
}

module.exports = {
	name: 'seven',
	prefix: '/seven',
	bodyLimit: 11 * 1024 * 1024,
	HOOK_EVENTS,
	createState() {
		return { messages: new Map(), hooks: new Map(), lastSent: null };
	},
	rateLimitAnswer(ctx, headers) {
		ctx.json(429, { success: false, error_code: 429, error_message: 'Too Many Requests' }, headers);
	},
	webhooks(state) {
		return [...state.hooks.values()].map((h) => ({ ...h }));
	},
	async handle(ctx) {
		if (!authOk(ctx)) return ctx.json(200, 900);
		const p = ctx.path.length > 1 ? ctx.path.replace(/\/+$/, '') : ctx.path;
		const m = ctx.method;
		if (ctx.tooLarge) return ctx.json(413, { code: 413, message: 'Payload Too Large', errors: [] });
		if (m === 'GET' && p === '/api/balance') return ctx.json(200, { amount: 12.34, currency: 'EUR' });
		if (m === 'POST' && p === '/api/waba/messages') return this.sendMessage(ctx);
		const del = /^\/api\/waba\/messages\/([^/]+)$/.exec(p);
		if (m === 'DELETE' && del) return this.deleteMessage(ctx, decodeURIComponent(del[1]));
		if (m === 'POST' && p === '/api/waba/events') return this.sendEvent(ctx);
		if (p === '/api/hooks') {
			if (m === 'GET') return this.listHooks(ctx);
			if (m === 'POST') return this.subscribe(ctx);
			if (m === 'DELETE') return this.unsubscribe(ctx);
		}
		return ctx.json(404, { code: 404, message: 'Page not found', errors: [] });
	},
	sendMessage(ctx) {
		if (ctx.jsonError && !/x-www-form-urlencoded/i.test(ctx.contentType)) return e400(ctx, 'Invalid JSON body');
		const b = bodyParams(ctx) || {};
		let type;
		try {
			type = validateMessage(b);
		} catch (e) {
			if (e instanceof VErr) return e400(ctx, e.message);
			throw e;
		}
		const magic = magicOf(b.to);
		if (magic === 'RATE_LIMIT') return ctx.json(429, { success: false, error_code: 429, error_message: 'Too Many Requests' }, { 'Retry-After': '1' });
		if (magic === 'SERVER_ERROR') return ctx.json(500, { code: 500, message: 'Internal Server Error', errors: [] });
		const id = String(ctx.ids.next('seven.message', 77000001));
		const base = {
			id,
			sender: b.from,
			recipient: b.to,
			text: messageText(b, type),
			encoding: 'gsm',
			label: b.label === undefined ? null : b.label,
			parts: 1,
			udh: null,
			is_binary: false,
			price: PRICE,
			channel: 'WA',
		};
		if (magic === 'WINDOW_24H' && type !== 'template') {
			return ctx.json(200, {
				success: '7002001',
				total_price: 0,
				balance: 12.34,
				debug: 'false',
				sms_type: 'WA',
				messages: [
					{
						...base,
						price: 0,
						success: false,
						error: '7002001',
						error_text: 'No active conversation. Free-form messages can only be sent within an active 24-hour conversation window. Use a template message to start a conversation.',
					},
				],
			});
		}
		const sendAt = b.delay !== undefined && b.delay !== null && b.delay !== '' ? parseDelay(b.delay) : Date.now();
		ctx.state.messages.set(id, { id, sendAt, scheduled: sendAt > Date.now(), deleted: false, foreign_id: b.foreign_id || null, request: b });
		ctx.state.lastSent = id;
		return ctx.json(200, {
			success: '100',
			total_price: PRICE,
			balance: 12.34,
			debug: 'false',
			sms_type: 'WA',
			messages: [{ ...base, success: true, error: null, error_text: null }],
		});
	},
	deleteMessage(ctx, id) {
		const msg = ctx.state.messages.get(id);
		if (!msg || msg.deleted) return ctx.json(404, { code: 404, message: 'Page not found', errors: [] });
		if (msg.sendAt <= Date.now()) {
			return ctx.json(400, { error_code: 400, error_message: 'Message already sent. WhatsApp does not support message revocation.' });
		}
		msg.deleted = true;
		return ctx.json(200, { success: true });
	},
	sendEvent(ctx) {
		if (ctx.jsonError && !/x-www-form-urlencoded/i.test(ctx.contentType)) return e400(ctx, 'Invalid JSON body');
		const b = bodyParams(ctx) || {};
		if (!isPlainObject(b)) return e400(ctx, 'Invalid request body');
		if (!['read', 'is_typing', 'reaction'].includes(b.event)) return e400(ctx, 'event must be one of read, is_typing, reaction');
		if (b.event === 'reaction') {
			const mid = b.message_id !== undefined ? b.message_id : b.msg_id;
			if (!isNonEmptyString(mid)) return e400(ctx, 'message_id is required when event is reaction');
			if (typeof b.emoji !== 'string') return e400(ctx, 'emoji is required when event is reaction (empty string removes the reaction)');
			return ctx.json(200, { success: true });
		}
		if (!isNonEmptyString(b.from)) return e400(ctx, 'The from field is required');
		if (!PHONE_RE.test(b.from)) return e400(ctx, 'Invalid WhatsApp sender number');
		if (!isNonEmptyString(b.to) && !isNonEmptyString(b.msg_id)) return e400(ctx, 'At least one of to or msg_id must be provided');
		if (isNonEmptyString(b.to) && !PHONE_RE.test(b.to)) return e400(ctx, 'Invalid recipient number');
		return ctx.json(200, { success: true });
	},
	listHooks(ctx) {
		return ctx.json(200, {
			success: true,
			code: null,
			hooks: [...ctx.state.hooks.values()].map((h) => ({
				id: String(h.id),
				target_url: h.target_url,
				headers: h.headers,
				event_type: h.event_type,
				event_filter: h.event_filter,
				request_method: h.request_method,
				enabled: true,
				created: h.created,
			})),
		});
	},
	subscribe(ctx) {
		const b = bodyParams(ctx);
		if (ctx.jsonError && !/x-www-form-urlencoded/i.test(ctx.contentType)) return ctx.json(200, { success: false, code: 400, error_message: 'Invalid JSON body' });
		if (!isPlainObject(b) || !isHttpUrl(b.target_url)) return ctx.json(200, { success: false, code: 400, error_message: 'Invalid target_url' });
		if (!HOOK_EVENTS.includes(b.event_type)) return ctx.json(200, { success: false, code: 400, error_message: `Invalid event_type. Allowed: ${HOOK_EVENTS.join(', ')}` });
		const rm = b.request_method === undefined || b.request_method === null || b.request_method === '' ? 'POST' : String(b.request_method).toUpperCase();
		if (!['POST', 'GET', 'JSON'].includes(rm)) return ctx.json(200, { success: false, code: 400, error_message: 'Invalid request_method. Allowed: POST, GET, JSON' });
		if (b.headers !== undefined && b.headers !== null && typeof b.headers !== 'string') return ctx.json(200, { success: false, code: 400, error_message: 'headers must be a string' });
		const id = ctx.ids.next('seven.hook', 410);
		ctx.state.hooks.set(String(id), {
			id,
			target_url: b.target_url,
			event_type: b.event_type,
			event_filter: b.event_filter === undefined || b.event_filter === '' ? null : String(b.event_filter),
			request_method: rm,
			headers: b.headers || '',
			created: sqlDate(),
		});
		return ctx.json(200, { success: true, id });
	},
	unsubscribe(ctx) {
		const b = bodyParams(ctx) || {};
		const id = ctx.query.id !== undefined ? ctx.query.id : isPlainObject(b) ? b.id : undefined;
		if (id === undefined || id === null || !ctx.state.hooks.has(String(id))) return ctx.json(200, { success: false, code: 404, error_message: 'Hook not found' });
		ctx.state.hooks.delete(String(id));
		return ctx.json(200, { success: true });
	},
	/**
	 * event: wa_mo | dlr | sms_mo | any HOOK_EVENTS value. payload replaces `data`.
	 * Delivered to hooks whose event_type is the event or "all", signed with the signing key.
	 */
	fire(sandbox, state, opts) {
		const event = opts.event || 'wa_mo';
		if (!HOOK_EVENTS.includes(event) || event === 'all') throw new Error(`seven event must be one of ${HOOK_EVENTS.filter((e) => e !== 'all').join(', ')}`);
		const now = new Date();
		let data = opts.payload;
		if (data === undefined) {
			if (event === 'wa_mo' || event === 'sms_mo') {
				data = {
					id: String(sandbox.ids.next('seven.mo', 681590)),
					sender: '4917612345678',
					system: '4915112345678',
					text: 'Hallo vom Sandbox',
					time: String(Math.floor(now.getTime() / 1000)),
					message_type: event === 'wa_mo' ? 'WHATSAPP' : 'SMS',
				};
			} else if (event === 'dlr') {
				const last = state.lastSent ? state.messages.get(state.lastSent) : null;
				data = {
					msg_id: last ? last.id : '77000000',
					status: 'DELIVERED',
					timestamp: now.toISOString().replace('T', ' ').replace('Z', '000'),
					...(last && last.foreign_id ? { foreign_id: last.foreign_id } : {}),
				};
			} else data = {};
		}
		const envelope = { webhook_event: event, webhook_timestamp: sqlDate(now), data };
		const out = [];
		for (const h of state.hooks.values()) {
			if (h.event_type !== event && h.event_type !== 'all') continue;
			let url = h.target_url;
			let method = 'POST';
			let body = '';
			const headers = {};
			if (h.request_method === 'JSON') {
				body = JSON.stringify(envelope);
				headers['Content-Type'] = 'application/json';
			} else if (h.request_method === 'GET') {
				method = 'GET';
				const u = new URL(url);
				for (const [k, v] of flattenForm(envelope, '', [])) u.searchParams.append(k, v);
				url = u.toString();
			} else {
				body = new URLSearchParams(flattenForm(envelope, '', [])).toString();
				headers['Content-Type'] = 'application/x-www-form-urlencoded';
			}
			for (const line of String(h.headers || '').split(/\r?\n/)) {
				const i = line.indexOf(':');
				if (i > 0) headers[line.slice(0, i).trim()] = line.slice(i + 1).trim();
			}
			const ts = String(Math.floor(now.getTime() / 1000));
			const nonce = sandbox.ids.token('seven.nonce', 32, 'alnum');
			const sig = opts.signature || 'valid';
			if (sig !== 'missing') {
				const key = sig === 'valid' ? sandbox.keys.sevenSigning : 'not-the-signing-key';
				headers['X-Signature'] = sevenSignature(key, ts, nonce, method, url, body);
				headers['X-Timestamp'] = ts;
				headers['X-Nonce'] = nonce;
			}
			out.push({ url, method, headers, body });
		}
		return out;
	},
};
