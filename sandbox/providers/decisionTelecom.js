'use strict';
/*
 * DecisionTelecom WhatsApp Business API (docs/providers/decisionTelecom.md).
 *   POST /v1/api/send-whatsapp      -> { message_id: <int> }
 *   POST /v1/api/receive-whatsapp   -> { message_id, status: 1..7 }
 *   GET  /v1/api/balance            -> { balance: "10.00", currency: "EUR" }   [sandbox assumption]
 * Auth: Authorization: Basic base64(key)  (also base64(key + ':') as curl sends it).
 * Errors: { name, message, code, status } (documented table, codes 0–9).
 *   Returned with HTTP 200 (the SDKs detect the error object in 2xx bodies):
 *     code 1 (validation), 3 (balance empty), 7 (24-h window), 8 (MIME), 9 (extension)
 *   Returned with a real HTTP status: code 0 -> 429, code 2 -> 500,
 *     auth failure -> 401 (Yii-style {name:"Unauthorized",...,code:0,status:401}),
 *     unknown route -> 404, malformed JSON -> 400.
 * Callbacks: POST JSON { message_id, status } to callback_url, unsigned.
 */
const { isHttpUrl, isNonEmptyString, magicOf } = require('../lib/util');

const STATUS = { delivered: 1, rejected: 2, error: 3, failed: 4, deleted: 5, pending: 6, seen: 7 };

const ERRORS = {
	0: { name: 'Too Many Requests', message: 'Rate limit exceeded', code: 0, status: 429, http: 429 },
	1: { name: 'Bad Request', message: 'Empty parameter or parameter validation error', code: 1, status: 400, http: 200 },
	2: { name: 'Internal Server Error', message: 'The server encountered an unexpected condition which prevented it from fulfilling the request', code: 2, status: 500, http: 500 },
	3: { name: 'Payment Required', message: 'User balance is empty', code: 3, status: 402, http: 200 },
	7: {
		name: 'Service Unavailable',
		message: 'Message failed to send because more than 24 hours have passed since the customer last replied to this number. In this case, you can only send a template message',
		code: 7,
		status: 503,
		http: 200,
	},
	8: { name: 'Unauthorized', message: 'Invalid MIME type file_url', code: 8, status: 401, http: 200 },
	9: { name: 'Unauthorized', message: 'Invalid file extension', code: 9, status: 401, http: 200 },
};

function sendError(ctx, code, headers) {
	const e = ERRORS[code];
	return ctx.json(e.http, { name: e.name, message: e.message, code: e.code, status: e.status }, headers);
}

function authOk(ctx) {
	const m = /^Basic\s+(\S+)$/i.exec(String(ctx.headers.authorization || ''));
	if (!m) return false;
	const decoded = Buffer.from(m[1], 'base64').toString('utf8');
	// reject tokens that are not canonical base64 of what they decode to
	if (Buffer.from(decoded, 'utf8').toString('base64').replace(/=+$/, '') !== m[1].replace(/=+$/, '')) return false;
	return decoded === ctx.keys.decision || decoded === ctx.keys.decision + ':';
}

/** The documented request fields of send-whatsapp (docs/providers/decisionTelecom.md). */
const SEND_FIELDS = ['source_addr', 'destination_addr', 'message_type', 'text', 'file_url', 'callback_url', 'template_name', 'template_params'];

/** returns an error code or null */
function validateSend(b) {
	if (!b || typeof b !== 'object' || Array.isArray(b)) return 1;
	if (Object.keys(b).some((k) => !SEND_FIELDS.includes(k))) return 1; // undocumented parameter
	if (!isNonEmptyString(b.source_addr) || b.source_addr.length > 20) return 1;
	const dest = b.destination_addr;
	if (typeof dest === 'number') {
		if (!Number.isInteger(dest) || dest <= 0 || String(dest).length > 20) return 1;
	} else if (typeof dest === 'string') {
		if (!/^\d{1,20}$/.test(dest)) return 1;
	} else return 1;
	if (![1, 2, 4].includes(b.message_type)) return 1;
	if (b.text !== undefined && b.text !== null && (typeof b.text !== 'string' || b.text.length > 4096)) return 1;
	if (b.callback_url !== undefined && b.callback_url !== null && b.callback_url !== '' && !isHttpUrl(b.callback_url)) return 1;
	if (b.message_type === 1 && !isNonEmptyString(b.text)) return 1;
	if (b.message_type === 2) {
		if (!isNonEmptyString(b.file_url) || !isHttpUrl(b.file_url)) return 1;
		const p = new URL(b.file_url).pathname.toLowerCase();
		if (!/\.(jpe?g|png)$/.test(p)) return 9;
		if (/mime-mismatch/i.test(b.file_url)) return 8; // magic: documented code 8
	}
	if (b.message_type === 4) {
		if (!isNonEmptyString(b.template_name)) return 1;
		if (typeof b.template_params !== 'string') return 1; // must be a STRING containing JSON
		try {
			const parsed = JSON.parse(b.template_params);
			if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return 1;
		} catch {
			return 1;
		}
	}
	return null;
}

module.exports = {
	name: 'decision',
	prefix: '/decision',
	bodyLimit: 11 * 1024 * 1024,
	STATUS,
	createState() {
		return { messages: new Map(), callbackUrls: new Map() /* url -> last message_id */ };
	},
	rateLimitAnswer(ctx, headers) {
		sendError(ctx, 0, headers);
	},
	webhooks(state) {
		return [...state.callbackUrls.entries()].map(([url, lastMessageId]) => ({ url, lastMessageId }));
	},
	async handle(ctx) {
		const route = `${ctx.method} ${ctx.path.replace(/\/+$/, '')}`;
		const known = ['POST /v1/api/send-whatsapp', 'POST /v1/api/receive-whatsapp', 'GET /v1/api/balance'];
		if (!authOk(ctx)) {
			return ctx.json(401, { name: 'Unauthorized', message: 'Your request was made with invalid credentials.', code: 0, status: 401 }, { 'WWW-Authenticate': 'Basic realm="api"' });
		}
		if (!known.includes(route)) return ctx.json(404, { name: 'Not Found', message: 'Page not found.', code: 0, status: 404 });
		if (route === 'GET /v1/api/balance') return ctx.json(200, { balance: '10.00', currency: 'EUR' });
		if (ctx.tooLarge) return ctx.json(413, { name: 'Payload Too Large', message: 'Request body too large.', code: 0, status: 413 });
		if (ctx.jsonError || !ctx.body.length) {
			if (!ctx.body.length) return sendError(ctx, 1);
			return ctx.json(400, { name: 'Bad Request', message: 'Invalid JSON data in request body: Syntax error.', code: 0, status: 400 });
		}
		const b = ctx.jsonBody;
		if (route === 'POST /v1/api/receive-whatsapp') {
			const id = typeof b.message_id === 'string' && /^\d+$/.test(b.message_id) ? Number(b.message_id) : b.message_id;
			if (!Number.isInteger(id) || !ctx.state.messages.has(id)) return sendError(ctx, 1);
			const msg = ctx.state.messages.get(id);
			return ctx.json(200, { message_id: id, status: msg.status });
		}
		const code = validateSend(b);
		if (code !== null) return sendError(ctx, code);
		const magic = magicOf(b.destination_addr);
		if (magic === 'RATE_LIMIT') return sendError(ctx, 0, { 'Retry-After': '1' });
		if (magic === 'SERVER_ERROR') return sendError(ctx, 2);
		if (magic === 'NO_BALANCE') return sendError(ctx, 3);
		if (magic === 'WINDOW_24H' && b.message_type !== 4) return sendError(ctx, 7);
		const id = ctx.ids.next('decision.message', 1000);
		// initial status: destination ending in 000000N (N = 1..7) -> N, otherwise 6 (pending)
		const dm = /000000([1-7])$/.exec(String(b.destination_addr));
		const status = dm ? Number(dm[1]) : STATUS.pending;
		ctx.state.messages.set(id, { id, status, request: b, callback_url: b.callback_url || null });
		if (b.callback_url) ctx.state.callbackUrls.set(b.callback_url, id);
		return ctx.json(200, { message_id: id });
	},
	/**
	 * event: a status name (delivered, seen, …), a status number 1..7, or "status" (= delivered).
	 * payload: replaces the whole body. Delivered to every callback_url seen.
	 */
	fire(sandbox, state, opts) {
		let status;
		const ev = opts.event === undefined ? 'delivered' : opts.event;
		if (ev === 'status') status = STATUS.delivered;
		else if (typeof ev === 'number' || /^\d+$/.test(String(ev))) status = Number(ev);
		else status = STATUS[String(ev).toLowerCase()];
		if (!(status >= 1 && status <= 7)) throw new Error(`decision event must be one of ${Object.keys(STATUS).join(', ')}, 1..7 or "status"`);
		const out = [];
		for (const [url, messageId] of state.callbackUrls.entries()) {
			const msg = state.messages.get(messageId);
			if (msg && !opts.payload) msg.status = status;
			const body = JSON.stringify(opts.payload !== undefined ? opts.payload : { message_id: messageId, status });
			out.push({ url, method: 'POST', headers: { 'Content-Type': 'application/json', 'User-Agent': 'DecisionTelecom-Sandbox' }, body });
		}
		return out;
	},
};
