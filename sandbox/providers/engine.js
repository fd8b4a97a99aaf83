'use strict';
/*
 * "WhatsApp API Engine" (docs/providers/engine.md; behaviour of the public
 * GAMEZ1125/whatsapp-api original single-session version).
 * Auth: X-API-Key only. 401 MISSING_API_KEY / 403 INVALID_API_KEY. /health has no auth.
 */
const { isValidatorURL, magicOf, sleep, hmacHex } = require('../lib/util');
const { engineSignature } = require('../lib/signing');
const { qrLikePng } = require('../lib/png');

const PHONE_RE = /^\d{10,15}$/;
const NOT_CONNECTED = 'WhatsApp no está conectado';
const RATE_MSG = 'Demasiadas solicitudes, por favor intenta más tarde';
const PROFILE = { name: 'Sandbox Business', phone: '573001112233', platform: 'android' };
const DEFAULT_PHONE = '573001234567';

function statusOf(session) {
	return { status: session, isReady: session === 'connected', hasQR: session === 'qr_pending' };
}

/** express-validator style checker: collects every failing message (no bail). */
function checker() {
	const details = [];
	return {
		details,
		add(field, ok, message) {
			if (!ok) details.push({ field, message });
		},
	};
}
const notEmpty = (v) => v !== undefined && v !== null && !(typeof v === 'string' && v.trim() === '') && !(Array.isArray(v) && v.length === 0);

function validationError(ctx, details) {
	return ctx.json(400, { success: false, error: 'Error de validación', details });
}
const fail = (ctx, status, error, extra = {}) => ctx.json(status, { success: false, error, ...extra });
const notConnected = (ctx) => fail(ctx, 503, NOT_CONNECTED, { code: 'WHATSAPP_ERROR' });

function phoneChecks(c, v, field = 'phone', withString = false) {
	c.add(field, notEmpty(v), 'El número de teléfono es requerido');
	if (withString) c.add(field, typeof v === 'string', 'El número debe ser una cadena');
	c.add(field, PHONE_RE.test(v === undefined || v === null ? '' : String(v)), withString ? 'Formato de número inválido (10-15 dígitos)' : 'Formato de número inválido');
}

function sendResult(ctx, phone, extra = {}) {
	const hex = ctx.ids.token('engine.wa', 20, 'hex').toUpperCase();
	const result = {
		messageId: ctx.ids.uuid('engine.message'),
		whatsappId: `true_${String(phone).replace(/\D/g, '')}@c.us_3EB0${hex}`,
		phone,
		status: 'sent',
		timestamp: new Date().toISOString(),
		...extra,
	};
	ctx.state.sent.push({ ...result });
	return result;
}

/** throws-like magic handling for a single send; returns an [status, body] pair or null */
function magicFailure(phone) {
	const m = magicOf(phone);
	if (m === 'RATE_LIMIT') return [429, { success: false, error: RATE_MSG }, { 'Retry-After': '1' }];
	if (m === 'SERVER_ERROR') return [500, { success: false, error: 'Error interno del servidor' }];
	return null;
}

function isRegistered(phone) {
	const d = String(phone).replace(/\D/g, '');
	return d.length > 0 && Number(d[d.length - 1]) % 2 === 0;
}

function uniqueWebhookId(state) {
	let t = Date.now();
	if (t <= state.lastWebhookTs) t = state.lastWebhookTs + 1;
	state.lastWebhookTs = t;
	return `wh_${t}`;
}

const handlers = {
	'POST /api/messages/send': (ctx, b) => {
		const c = checker();
		phoneChecks(c, b.phone, 'phone', true);
		c.add('message', notEmpty(b.message), 'El mensaje es requerido');
		c.add('message', typeof b.message === 'string', 'El mensaje debe ser una cadena');
		c.add('message', typeof b.message === 'string' && b.message.length >= 1 && b.message.length <= 4096, 'El mensaje debe tener entre 1 y 4096 caracteres');
		if (c.details.length) return validationError(ctx, c.details);
		if (ctx.state.session !== 'connected') return notConnected(ctx);
		const mf = magicFailure(b.phone);
		if (mf) return ctx.json(mf[0], mf[1], mf[2]);
		return ctx.json(200, { success: true, message: 'Mensaje enviado exitosamente', data: sendResult(ctx, b.phone) });
	},
	'POST /api/messages/send-image': (ctx, b) => {
		const c = checker();
		c.add('phone', notEmpty(b.phone), 'El número de teléfono es requerido');
		c.add('phone', PHONE_RE.test(b.phone == null ? '' : String(b.phone)), 'Formato de número inválido');
		if (b.imageUrl !== undefined) c.add('imageUrl', isValidatorURL(b.imageUrl), 'URL de imagen inválida');
		if (b.base64 !== undefined) {
			c.add('base64', typeof b.base64 === 'string', 'El base64 debe ser una cadena');
			c.add('mimetype', notEmpty(b.mimetype), 'El mimetype es requerido cuando se envía base64');
		}
		if (b.caption !== undefined) {
			c.add('caption', typeof b.caption === 'string', 'El caption debe ser una cadena');
			c.add('caption', typeof b.caption === 'string' && b.caption.length <= 1024, 'El caption no puede exceder 1024 caracteres');
		}
		if (c.details.length) return validationError(ctx, c.details);
		let source;
		if (b.base64 && b.mimetype) source = 'base64';
		else if (b.imageUrl) source = 'url';
		else return fail(ctx, 400, 'Se requiere imageUrl o base64 con mimetype');
		if (source === 'base64' && !/^[A-Za-z0-9+/=\s]*$/.test(b.base64.replace(/^data:[^,]*,/, ''))) return fail(ctx, 500, 'Invalid base64 data');
		if (ctx.state.session !== 'connected') return notConnected(ctx);
		const mf = magicFailure(b.phone);
		if (mf) return ctx.json(mf[0], mf[1], mf[2]);
		return ctx.json(200, { success: true, message: 'Imagen enviada exitosamente', data: sendResult(ctx, b.phone, { type: 'image' }) });
	},
	'POST /api/messages/send-document': (ctx, b) => {
		const c = checker();
		c.add('phone', notEmpty(b.phone), 'El número de teléfono es requerido');
		c.add('phone', PHONE_RE.test(b.phone == null ? '' : String(b.phone)), 'Formato de número inválido');
		c.add('documentUrl', notEmpty(b.documentUrl), 'La URL del documento es requerida');
		c.add('documentUrl', isValidatorURL(b.documentUrl), 'URL de documento inválida');
		c.add('filename', notEmpty(b.filename), 'El nombre del archivo es requerido');
		c.add('filename', typeof b.filename === 'string', 'El nombre debe ser una cadena');
		if (b.caption !== undefined) c.add('caption', typeof b.caption === 'string', 'El caption debe ser una cadena');
		if (c.details.length) return validationError(ctx, c.details);
		if (ctx.state.session !== 'connected') return notConnected(ctx);
		const mf = magicFailure(b.phone);
		if (mf) return ctx.json(mf[0], mf[1], mf[2]);
		return ctx.json(200, { success: true, message: 'Documento enviado exitosamente', data: sendResult(ctx, b.phone, { type: 'document', filename: b.filename }) });
	},
	'POST /api/messages/send-bulk': async (ctx, b) => {
		const c = checker();
		const rec = b.recipients;
		c.add('recipients', Array.isArray(rec) && rec.length >= 1 && rec.length <= 100, 'Se requiere un array de 1 a 100 destinatarios');
		if (Array.isArray(rec)) rec.forEach((p, i) => c.add(`recipients[${i}]`, PHONE_RE.test(p == null ? '' : String(p)), 'Formato de número inválido en destinatarios'));
		c.add('message', notEmpty(b.message), 'El mensaje es requerido');
		c.add('message', (typeof b.message === 'string' || typeof b.message === 'number') && String(b.message).length >= 1 && String(b.message).length <= 4096, 'Mensaje entre 1 y 4096 caracteres');
		if (b.delay !== undefined) {
			const d = typeof b.delay === 'string' && /^[-+]?\d+$/.test(b.delay) ? Number(b.delay) : b.delay;
			c.add('delay', Number.isInteger(d) && d >= 1000 && d <= 10000, 'Delay entre 1000 y 10000 ms');
		}
		if (c.details.length) return validationError(ctx, c.details);
		if (ctx.state.session !== 'connected') return notConnected(ctx);
		const delay = b.delay === undefined ? 2000 : Number(b.delay);
		const wait = Math.min(delay, ctx.sandbox.config.bulkDelayCapMs);
		const results = [];
		for (let i = 0; i < rec.length; i++) {
			const phone = rec[i];
			const m = magicOf(phone);
			if (m === 'SERVER_ERROR' || m === 'RATE_LIMIT') results.push({ phone, success: false, error: m === 'RATE_LIMIT' ? RATE_MSG : 'Error interno del servidor' });
			else results.push({ phone, success: true, ...sendResult(ctx, phone) });
			if (i < rec.length - 1 && wait > 0) await sleep(wait);
		}
		const successful = results.filter((r) => r.success).length;
		const failed = results.length - successful;
		return ctx.json(200, {
			success: true,
			message: `Envío completado: ${successful} exitosos, ${failed} fallidos`,
			data: { total: rec.length, successful, failed, results },
		});
	},
	'GET /api/contacts/check/:phone': (ctx, b, phone) => {
		if (!PHONE_RE.test(phone)) return validationError(ctx, [{ field: 'phone', message: 'Formato de número inválido' }]);
		if (ctx.state.session !== 'connected') return notConnected(ctx);
		return ctx.json(200, { success: true, data: { phone, isRegistered: isRegistered(phone) } });
	},
	'POST /api/contacts/check-bulk': (ctx, b) => {
		if (!Array.isArray(b.phones)) return fail(ctx, 500, `${b.phones === undefined ? 'phones' : 'phones'} is not iterable`);
		const results = b.phones.map((phone) => {
			if (ctx.state.session !== 'connected') return { phone, isRegistered: false, error: NOT_CONNECTED };
			return { phone, isRegistered: isRegistered(phone) };
		});
		const registered = results.filter((r) => r.isRegistered).length;
		return ctx.json(200, { success: true, data: { total: b.phones.length, registered, notRegistered: b.phones.length - registered, results } });
	},
	'GET /api/contacts/info/:phone': (ctx, b, phone) => {
		if (!PHONE_RE.test(phone)) return validationError(ctx, [{ field: 'phone', message: 'Formato de número inválido' }]);
		if (ctx.state.session !== 'connected') return notConnected(ctx);
		const reg = isRegistered(phone);
		return ctx.json(200, {
			success: true,
			data: { id: `${phone}@c.us`, name: reg ? `Contacto ${phone.slice(-4)}` : null, number: phone, isUser: reg, isGroup: false, isBlocked: false },
		});
	},
	'GET /api/session/status': (ctx) => ctx.json(200, { success: true, data: statusOf(ctx.state.session) }),
	'GET /api/session/qr': (ctx) => {
		if (ctx.state.session !== 'qr_pending') {
			return ctx.json(404, { success: false, error: 'No hay código QR disponible', message: 'La sesión ya está autenticada o aún no se ha generado el QR' });
		}
		return ctx.json(200, { success: true, data: { qrCode: `data:image/png;base64,${ctx.state.qrPng.toString('base64')}` } });
	},
	'GET /api/session/qr/image': (ctx) => {
		if (ctx.state.session !== 'qr_pending') return ctx.send(404, 'No hay código QR disponible', { 'Content-Type': 'text/html; charset=utf-8' });
		return ctx.send(200, ctx.state.qrPng, { 'Content-Type': 'image/png' });
	},
	'GET /api/session/profile': (ctx) => {
		if (ctx.state.session !== 'connected') return notConnected(ctx);
		return ctx.json(200, { success: true, data: { ...PROFILE } });
	},
	'POST /api/session/logout': (ctx) => {
		if (ctx.state.session !== 'connected') return notConnected(ctx);
		ctx.state.session = 'disconnected';
		return ctx.json(200, { success: true, message: 'Sesión cerrada exitosamente' });
	},
	'POST /api/session/restart': (ctx) => {
		// a restarted client restores its saved session when it was connected; otherwise it shows a QR
		ctx.state.session = ctx.state.session === 'connected' ? 'connected' : 'qr_pending';
		return ctx.json(200, { success: true, message: 'Conexión reiniciada', data: statusOf(ctx.state.session) });
	},
	'POST /api/webhooks/register': (ctx, b) => {
		const errors = [];
		if (!isValidatorURL(b.url)) errors.push({ type: 'field', value: b.url, msg: 'URL inválida', path: 'url', location: 'body' });
		if (!(Array.isArray(b.events) && b.events.length >= 1)) errors.push({ type: 'field', value: b.events, msg: 'Se requiere al menos un evento', path: 'events', location: 'body' });
		if (errors.length) return ctx.json(400, { success: false, errors });
		const id = uniqueWebhookId(ctx.state);
		ctx.state.webhooks.set(id, { id, url: b.url, events: b.events, secret: b.secret, createdAt: new Date().toISOString(), active: true });
		return ctx.json(201, { success: true, message: 'Webhook registrado exitosamente', data: { webhookId: id, url: b.url, events: b.events } });
	},
	'GET /api/webhooks': (ctx) =>
		ctx.json(200, {
			success: true,
			data: [...ctx.state.webhooks.values()].map((w) => ({ id: w.id, url: w.url, events: w.events, active: w.active, createdAt: w.createdAt })),
		}),
	'DELETE /api/webhooks/:id': (ctx, b, id) => {
		if (!ctx.state.webhooks.has(id)) return fail(ctx, 404, 'Webhook no encontrado');
		ctx.state.webhooks.delete(id);
		return ctx.json(200, { success: true, message: 'Webhook eliminado exitosamente' });
	},
	'POST /api/webhooks/:id/toggle': (ctx, b, id) => {
		const w = ctx.state.webhooks.get(id);
		if (!w) return fail(ctx, 404, 'Webhook no encontrado');
		w.active = !w.active;
		return ctx.json(200, { success: true, message: `Webhook ${w.active ? 'activado' : 'desactivado'}`, data: { id, active: w.active } });
	},
};

function route(method, path) {
	const p = path.length > 1 ? path.replace(/\/+$/, '') : path;
	const exact = `${method} ${p}`;
	if (handlers[exact]) return [handlers[exact], null];
	for (const key of Object.keys(handlers)) {
		const [m, pattern] = key.split(' ');
		if (m !== method || !pattern.includes(':')) continue;
		const re = new RegExp('^' + pattern.replace(/:[a-z]+/g, '([^/]+)') + '$');
		const match = re.exec(p);
		if (match) return [handlers[key], decodeURIComponent(match[1])];
	}
	return [null, null];
}

// whatsapp-web.js style default payloads for fired events
function defaultData(event, shape, state) {
	const ts = Math.floor(Date.now() / 1000);
	const from = `${DEFAULT_PHONE}@c.us`;
	const to = `${PROFILE.phone}@c.us`;
	const msgKey = 'false_' + from + '_3EB0SANDBOX' + String(state.fired).padStart(6, '0');
	const msg = { id: msgKey, from, to, body: 'Hola desde el sandbox', timestamp: ts, type: 'chat', isForwarded: false, hasMedia: false };
	const connection = { id: 'default', name: 'Sandbox', phone: PROFILE.phone, status: state.session };
	const wrappedMsg = {
		id: { fromMe: false, remote: from, id: '3EB0SANDBOX' + String(state.fired).padStart(6, '0'), _serialized: msgKey },
		body: msg.body,
		type: 'chat',
		timestamp: ts,
		from,
		to,
		author: null,
		deviceType: 'android',
		isForwarded: false,
		forwardingScore: 0,
		isStatus: false,
		isStarred: false,
		fromMe: false,
		hasMedia: false,
		hasQuotedMsg: false,
		ack: 1,
		_data: { notifyName: 'Cliente Sandbox', type: 'chat', body: msg.body, t: ts },
	};
	const qr = '2@SANDBOXQR' + String(state.fired).padStart(4, '0') + ',sandboxkey==,sandboxid==';
	const flat = shape !== 'wrapped';
	switch (event) {
		case 'message':
		case 'message_create':
			return flat ? msg : { connectionId: 'default', message: wrappedMsg, connection };
		case 'qr':
			return flat ? qr : { connectionId: 'default', qr, connection };
		case 'ready':
		case 'authenticated':
			return flat ? null : { connectionId: 'default', connection };
		case 'disconnected':
			return flat ? 'LOGOUT' : { connectionId: 'default', reason: 'LOGOUT', connection };
		case 'auth_failure':
			return flat ? 'auth failure' : { connectionId: 'default', message: 'auth failure', connection };
		case 'message_ack':
			return { connectionId: 'default', msg: wrappedMsg, ack: 3, connection };
		default:
			return null;
	}
}

module.exports = {
	name: 'engine',
	prefix: '/engine',
	bodyLimit: 10 * 1024 * 1024,
	createState() {
		return { session: 'connected', webhooks: new Map(), lastWebhookTs: 0, sent: [], fired: 0, qrPng: qrLikePng('engine-sandbox') };
	},
	rateLimitAnswer(ctx, headers) {
		ctx.json(429, { success: false, error: RATE_MSG }, headers);
	},
	webhooks(state) {
		return [...state.webhooks.values()].map((w) => ({ ...w }));
	},
	async handle(ctx) {
		const path = ctx.path;
		if (ctx.method === 'GET' && (path === '/health' || path === '/health/')) {
			return ctx.json(200, { success: true, status: 'healthy', timestamp: new Date().toISOString(), whatsapp: statusOf(ctx.state.session) });
		}
		if (ctx.method === 'GET' && (path === '/api' || path === '/api/')) {
			return ctx.json(200, {
				success: true,
				name: 'WhatsApp API Engine',
				version: '1.0.0',
				documentation: '/api-docs',
				endpoints: { messages: '/api/messages', session: '/api/session', contacts: '/api/contacts', webhooks: '/api/webhooks' },
			});
		}
		const [h, param] = route(ctx.method, path);
		if (!h) return fail(ctx, 404, 'Ruta no encontrada');
		const key = ctx.headers['x-api-key'];
		if (!key) return fail(ctx, 401, 'API Key requerida', { code: 'MISSING_API_KEY' });
		if (key !== ctx.keys.engine) return fail(ctx, 403, 'API Key inválida', { code: 'INVALID_API_KEY' });
		if (ctx.tooLarge) return fail(ctx, 413, 'request entity too large');
		let b = {};
		if (ctx.body.length && /json/i.test(ctx.contentType)) {
			if (ctx.jsonError) return fail(ctx, 400, ctx.jsonError);
			b = ctx.jsonBody && typeof ctx.jsonBody === 'object' ? ctx.jsonBody : {};
		} else if (ctx.body.length && /x-www-form-urlencoded/i.test(ctx.contentType)) {
			b = Object.fromEntries(new URLSearchParams(ctx.rawText));
		}
		return h(ctx, b, param);
	},
	/**
	 * Fires `event` to every active registration that subscribed to it.
	 * payload replaces `data`; shape: flat (original) | wrapped (multi-tenant).
	 */
	fire(sandbox, state, opts) {
		const event = opts.event || 'message';
		state.fired += 1;
		if (event === 'ready' || event === 'authenticated') state.session = 'connected';
		else if (event === 'qr') state.session = 'qr_pending';
		else if (event === 'disconnected') state.session = 'disconnected';
		const data = opts.payload !== undefined ? opts.payload : defaultData(event, opts.shape, state);
		const out = [];
		for (const w of state.webhooks.values()) {
			if (!w.active || !Array.isArray(w.events) || !w.events.includes(event)) continue;
			const body = JSON.stringify({ event, timestamp: new Date().toISOString(), data });
			const headers = { 'Content-Type': 'application/json', 'X-Webhook-Event': event };
			const sig = opts.signature || 'valid';
			if (w.secret && sig === 'valid') headers['X-Webhook-Signature'] = engineSignature(w.secret, body);
			if (sig === 'invalid') headers['X-Webhook-Signature'] = hmacHex('not-the-secret', body);
			out.push({ url: w.url, method: 'POST', headers, body });
		}
		return out;
	},
};
