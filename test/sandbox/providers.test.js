'use strict';
/* Sandbox: auth, one success + one error per provider, engine session + bulk, seven scheduling. */
// The sandbox's sleep still waits, but every wait is recorded: tests assert the waits the sandbox
// asked for, never wall-clock durations (the machine may be slow).
const mockSleeps = [];
jest.mock('../../sandbox/lib/util', () => {
	const actual = jest.requireActual('../../sandbox/lib/util');
	return { ...actual, sleep: (ms) => (mockSleeps.push(ms), actual.sleep(ms)) };
});
const { startSandbox } = require('../../sandbox/server');

let sb;
beforeAll(async () => {
	sb = await startSandbox({ port: 0 });
});
afterAll(() => sb && sb.close());
beforeEach(() => fetch(`${sb.url}/__sandbox/reset`, { method: 'POST' }));

async function call(method, path, { headers = {}, json, body } = {}) {
	const h = { ...headers };
	let payload = body;
	if (json !== undefined) {
		h['Content-Type'] = 'application/json';
		payload = JSON.stringify(json);
	}
	const res = await fetch(sb.url + path, { method, headers: h, body: payload });
	const text = await res.text();
	let data = null;
	try {
		data = JSON.parse(text);
	} catch {
		data = text;
	}
	return { status: res.status, headers: res.headers, data, text };
}

const INNOVA = { Authorization: 'Bearer sandbox-innova-key' };
const SEVEN = { 'X-Api-Key': 'sandbox-seven-key' };
const WHAAPY = { Authorization: 'Bearer wha_sandboxkey000000000000' };
const ENGINE = { 'X-API-Key': 'sandbox-engine-key' };
const DECISION = { Authorization: 'Basic ' + Buffer.from('sandbox-decision-key').toString('base64') };

describe('auth', () => {
	test('innova: Bearer required', async () => {
		const r = await call('POST', '/innova/api/whatsapp/enviar', { json: { numero: '573001234567', tipo: 'text', mensaje: 'x' } });
		expect(r.status).toBe(401);
		expect(r.data.success).toBe(false);
	});
	test('seven: bad key -> HTTP 200 body 900; X-Api-Key and Basic raw key accepted', async () => {
		const bad = await call('GET', '/seven/api/balance', { headers: { 'X-Api-Key': 'nope' } });
		expect(bad.status).toBe(200);
		expect(bad.text).toBe('900');
		const none = await call('GET', '/seven/api/balance');
		expect(none.text).toBe('900');
		const ok = await call('GET', '/seven/api/balance', { headers: SEVEN });
		expect(ok.data).toEqual({ amount: 12.34, currency: 'EUR' });
		const basic = await call('GET', '/seven/api/balance', { headers: { Authorization: 'Basic sandbox-seven-key' } });
		expect(basic.data).toEqual({ amount: 12.34, currency: 'EUR' });
	});
	test('whaapy: missing and bad bearer -> 401 JSON', async () => {
		expect((await call('GET', '/whaapy/templates/v1')).status).toBe(401);
		const bad = await call('GET', '/whaapy/templates/v1', { headers: { Authorization: 'Bearer wha_wrong' } });
		expect(bad.status).toBe(401);
		expect(bad.data.error).toBe('unauthorized');
		const ok = await call('GET', '/whaapy/templates/v1', { headers: WHAAPY });
		expect(ok.status).toBe(200);
		expect(Array.isArray(ok.data.data)).toBe(true);
	});
	test('engine: 401 MISSING_API_KEY, 403 INVALID_API_KEY, /health without auth, unknown route 404', async () => {
		const missing = await call('GET', '/engine/api/session/status');
		expect(missing.status).toBe(401);
		expect(missing.data).toEqual({ success: false, error: 'API Key requerida', code: 'MISSING_API_KEY' });
		const wrong = await call('GET', '/engine/api/session/status', { headers: { 'X-API-Key': 'x' } });
		expect(wrong.status).toBe(403);
		expect(wrong.data.code).toBe('INVALID_API_KEY');
		const bearer = await call('GET', '/engine/api/session/status', { headers: { Authorization: 'Bearer sandbox-engine-key' } });
		expect(bearer.status).toBe(401);
		expect((await call('GET', '/engine/health')).status).toBe(200);
		const nf = await call('GET', '/engine/api/nope', { headers: ENGINE });
		expect(nf.status).toBe(404);
		expect(nf.data).toEqual({ success: false, error: 'Ruta no encontrada' });
	});
	test('decision: Basic base64(key) and base64(key:) accepted, others 401', async () => {
		expect((await call('GET', '/decision/v1/api/balance', { headers: DECISION })).data).toEqual({ balance: '10.00', currency: 'EUR' });
		const curl = { Authorization: 'Basic ' + Buffer.from('sandbox-decision-key:').toString('base64') };
		expect((await call('GET', '/decision/v1/api/balance', { headers: curl })).status).toBe(200);
		const raw = await call('GET', '/decision/v1/api/balance', { headers: { Authorization: 'Basic sandbox-decision-key' } });
		expect(raw.status).toBe(401);
		expect(raw.data).toMatchObject({ name: 'Unauthorized', status: 401 });
	});
	test('custom keys via startSandbox({keys})', async () => {
		const other = await startSandbox({ port: 0, keys: { engine: 'custom' } });
		try {
			const r = await fetch(`${other.url}/engine/api/session/status`, { headers: { 'X-API-Key': 'custom' } });
			expect(r.status).toBe(200);
		} finally {
			await other.close();
		}
	});
});

describe('innova', () => {
	test('success and conditional-field validation', async () => {
		const ok = await call('POST', '/innova/api/whatsapp/enviar', { headers: INNOVA, json: { numero: '573001234567', tipo: 'location', latitud: 4.711, longitud: -74.0086, nombre: 'Bogotá' } });
		expect(ok.status).toBe(200);
		expect(ok.data).toEqual({ success: true, message: 'Mensaje enviado correctamente' });
		const noUrl = await call('POST', '/innova/api/whatsapp/enviar', { headers: INNOVA, json: { numero: '573001234567', tipo: 'image' } });
		expect(noUrl.status).toBe(400);
		const badTipo = await call('POST', '/innova/api/whatsapp/enviar', { headers: INNOVA, json: { numero: '573001234567', tipo: 'sticker', url: 'https://x.co/a.webp' } });
		expect(badTipo.status).toBe(400);
		const plus = await call('POST', '/innova/api/whatsapp/enviar', { headers: INNOVA, json: { numero: '+573001234567', tipo: 'text', mensaje: 'hi' } });
		expect(plus.status).toBe(400);
	});
	test('magic numbers', async () => {
		const nc = await call('POST', '/innova/api/whatsapp/enviar', { headers: INNOVA, json: { numero: '573000000400', tipo: 'text', mensaje: 'x' } });
		expect(nc.status).toBe(400);
		expect(nc.data.message).toBe('WhatsApp no está conectado');
		expect((await call('POST', '/innova/api/whatsapp/enviar', { headers: INNOVA, json: { numero: '573000000429', tipo: 'text', mensaje: 'x' } })).status).toBe(429);
		expect((await call('POST', '/innova/api/whatsapp/enviar', { headers: INNOVA, json: { numero: '573000000500', tipo: 'text', mensaje: 'x' } })).status).toBe(500);
	});
});

describe('seven', () => {
	const base = { from: '4915112345678', to: '4917612345678' };
	test('text success has documented shape', async () => {
		const r = await call('POST', '/seven/api/waba/messages', { headers: SEVEN, json: { ...base, text: 'Hallo' } });
		expect(r.status).toBe(200);
		expect(r.data.success).toBe('100');
		expect(r.data.messages[0]).toMatchObject({ sender: base.from, recipient: base.to, success: true, channel: 'WA', error: null });
		expect(typeof r.data.messages[0].id).toBe('string');
	});
	test('validation: document needs filename, buttons 2-3 with title<=20, label pattern, delay format', async () => {
		const bad = [
			{ ...base, type: 'document', url: 'https://example.com/a.pdf' },
			{ ...base, type: 'interactive', interactive_type: 'button', body: 'b', buttons: [{ id: 'a', title: 'A' }] },
			{ ...base, type: 'interactive', interactive_type: 'button', body: 'b', buttons: [{ id: 'a', title: 'A' }, { id: 'b', title: 'x'.repeat(21) }] },
			{ ...base, text: 'x', label: 'bad label!' },
			{ ...base, text: 'x', foreign_id: 'x'.repeat(65) },
			{ ...base, text: 'x', delay: '2030/01/01 10:00' },
			{ ...base, type: 'fax', text: 'x' },
		];
		for (const json of bad) {
			const r = await call('POST', '/seven/api/waba/messages', { headers: SEVEN, json });
			expect([r.status, r.data.error_code]).toEqual([400, 400]);
		}
		const ok = await call('POST', '/seven/api/waba/messages', { headers: SEVEN, json: { ...base, type: 'document', url: 'https://example.com/a.pdf', filename: 'a.pdf' } });
		expect(ok.data.success).toBe('100');
	});
	test('24-h window magic number -> 7002001, templates still allowed', async () => {
		const r = await call('POST', '/seven/api/waba/messages', { headers: SEVEN, json: { ...base, to: '4917600000047', text: 'x' } });
		expect(r.status).toBe(200);
		expect(r.data.success).toBe('7002001');
		expect(r.data.messages[0]).toMatchObject({ success: false, error: '7002001' });
		const t = await call('POST', '/seven/api/waba/messages', { headers: SEVEN, json: { ...base, to: '4917600000047', type: 'template', template: 'hello_world', language: 'de' } });
		expect(t.data.success).toBe('100');
	});
	test('scheduled delete: success, already sent, unknown', async () => {
		const future = Math.floor(Date.now() / 1000) + 3600;
		const s = await call('POST', '/seven/api/waba/messages', { headers: SEVEN, json: { ...base, text: 'later', delay: String(future) } });
		const id = s.data.messages[0].id;
		expect((await call('DELETE', `/seven/api/waba/messages/${id}`, { headers: SEVEN })).data).toEqual({ success: true });
		const now = await call('POST', '/seven/api/waba/messages', { headers: SEVEN, json: { ...base, text: 'now' } });
		const sent = await call('DELETE', `/seven/api/waba/messages/${now.data.messages[0].id}`, { headers: SEVEN });
		expect(sent.data).toEqual({ error_code: 400, error_message: 'Message already sent. WhatsApp does not support message revocation.' });
		const unknown = await call('DELETE', '/seven/api/waba/messages/999', { headers: SEVEN });
		expect(unknown.status).toBe(404);
		expect(unknown.data).toEqual({ code: 404, message: 'Page not found', errors: [] });
	});
	test('events and hooks', async () => {
		expect((await call('POST', '/seven/api/waba/events', { headers: SEVEN, json: { event: 'reaction', message_id: '123', emoji: '👍' } })).data).toEqual({ success: true });
		expect((await call('POST', '/seven/api/waba/events', { headers: SEVEN, json: { event: 'read', from: '4915112345678' } })).status).toBe(400);
		const h = await call('POST', '/seven/api/hooks', { headers: SEVEN, json: { target_url: 'http://127.0.0.1:9/hook', event_type: 'wa_mo', request_method: 'json' } });
		expect(h.data.success).toBe(true);
		expect(typeof h.data.id).toBe('number');
		const list = await call('GET', '/seven/api/hooks', { headers: SEVEN });
		expect(list.data.hooks[0]).toMatchObject({ id: String(h.data.id), event_type: 'wa_mo', request_method: 'JSON' });
		expect((await call('DELETE', `/seven/api/hooks?id=${h.data.id}`, { headers: SEVEN })).data).toEqual({ success: true });
	});
});

describe('whaapy', () => {
	test('send text success and E.164 validation', async () => {
		const r = await call('POST', '/whaapy/messages/v1', { headers: WHAAPY, json: { to: '+5215512345678', content: 'Hola!' } });
		expect(r.status).toBe(200);
		expect(r.data).toMatchObject({ messaging_product: 'whatsapp', contacts: [{ input: '+5215512345678', wa_id: '5215512345678' }] });
		expect(r.data.messages[0].wamid).toMatch(/^wamid\./);
		expect(r.data.data).toMatchObject({ messageType: 'text', direction: 'outbound', status: 'sent' });
		const bad = await call('POST', '/whaapy/messages/v1', { headers: WHAAPY, json: { to: '5215512345678', content: 'Hola!' } });
		expect(bad.status).toBe(400);
		expect(bad.data.error).toBe('validation_error');
	});
	test('131047 window error, then retry succeeds', async () => {
		const r = await call('POST', '/whaapy/messages/v1', { headers: WHAAPY, json: { to: '+5215500000047', content: 'x' } });
		expect(r.status).toBe(400);
		expect(r.data).toMatchObject({ error: 'message_delivery_failed', code: '131047', data: { status: 'failed' } });
		const retry = await call('POST', `/whaapy/messages/v1/${r.data.data.id}/retry`, { headers: WHAAPY });
		expect(retry.status).toBe(200);
		expect(retry.data.messages[0].id).toBe(r.data.data.id);
	});
	test('media upload (multipart) with per-type size limit', async () => {
		const fd = new FormData();
		fd.append('type', 'image');
		fd.append('file', new Blob([Buffer.alloc(1000, 1)], { type: 'image/png' }), 'a.png');
		const ok = await fetch(`${sb.url}/whaapy/media/v1`, { method: 'POST', headers: WHAAPY, body: fd });
		const body = await ok.json();
		expect(ok.status).toBe(200);
		expect(body).toMatchObject({ type: 'image', mime_type: 'image/png', size: 1000 });
		expect(body.id).toMatch(/^media_[0-9a-f-]{36}$/);
		expect(body.media_id).toBe(body.id);
		const fd2 = new FormData();
		fd2.append('type', 'sticker');
		fd2.append('file', new Blob([Buffer.alloc(500 * 1024 + 1)], { type: 'image/webp' }), 's.webp');
		const big = await fetch(`${sb.url}/whaapy/media/v1`, { method: 'POST', headers: WHAAPY, body: fd2 });
		expect(big.status).toBe(400);
		const rec = await (await fetch(`${sb.url}/__sandbox/requests?provider=whaapy`)).json();
		expect(rec[0].rawBody.files[0]).toMatchObject({ name: 'file', filename: 'a.png', contentType: 'image/png', size: 1000 });
		expect(rec[0].rawBody.fields).toEqual({ type: 'image' });
	});
	test('conversations and user-webhooks', async () => {
		const c = await call('GET', `/whaapy/conversations/v1/by-phone/${encodeURIComponent('+5215512345678')}`, { headers: WHAAPY });
		expect(c.status).toBe(200);
		const mr = await call('PATCH', `/whaapy/conversations/v1/${c.data.data.id}/mark-read`, { headers: WHAAPY });
		expect(mr.status).toBe(200);
		const w = await call('POST', '/whaapy/user-webhooks', { headers: WHAAPY, json: { name: 'n8n', url: 'http://127.0.0.1:9/x', events: ['message.received'] } });
		expect(w.data.data.secret).toMatch(/^whsec_/);
		const list = await call('GET', '/whaapy/user-webhooks', { headers: WHAAPY });
		expect(list.data.data[0].secret).toBeUndefined();
		expect((await call('DELETE', `/whaapy/user-webhooks/${w.data.data.id}`, { headers: WHAAPY })).status).toBe(200);
	});
});

describe('engine', () => {
	test('send success and validation details', async () => {
		const r = await call('POST', '/engine/api/messages/send', { headers: ENGINE, json: { phone: '573001234567', message: 'Hola' } });
		expect(r.status).toBe(200);
		expect(r.data.data).toMatchObject({ phone: '573001234567', status: 'sent' });
		expect(r.data.data.messageId).toMatch(/^[0-9a-f-]{36}$/);
		const bad = await call('POST', '/engine/api/messages/send', { headers: ENGINE, json: { phone: '+573001234567', message: '' } });
		expect(bad.status).toBe(400);
		expect(bad.data.error).toBe('Error de validación');
		expect(bad.data.details.map((d) => d.field)).toEqual(expect.arrayContaining(['phone', 'message']));
		const cap = await call('POST', '/engine/api/messages/send-image', { headers: ENGINE, json: { phone: '573001234567', caption: 'x'.repeat(1025), imageUrl: 'https://example.com/a.jpg' } });
		expect(cap.status).toBe(400);
		const noSrc = await call('POST', '/engine/api/messages/send-image', { headers: ENGINE, json: { phone: '573001234567' } });
		expect(noSrc.data).toEqual({ success: false, error: 'Se requiere imageUrl o base64 con mimetype' });
	});
	test('bulk: limits and capped delay', async () => {
		const over = await call('POST', '/engine/api/messages/send-bulk', { headers: ENGINE, json: { recipients: [], message: 'x' } });
		expect(over.status).toBe(400);
		const delay = await call('POST', '/engine/api/messages/send-bulk', { headers: ENGINE, json: { recipients: ['573001234567'], message: 'x', delay: 500 } });
		expect(delay.status).toBe(400);
		mockSleeps.length = 0;
		const ok = await call('POST', '/engine/api/messages/send-bulk', { headers: ENGINE, json: { recipients: ['573001234567', '573000000500', '573001234568'], message: 'x', delay: 10000 } });
		// The 10 s delay between the three sends is capped (bulkDelayCapMs, 5 ms by default).
		expect(mockSleeps).toEqual([5, 5]);
		expect(ok.data.data).toMatchObject({ total: 3, successful: 2, failed: 1 });
	});
	test('session state machine, QR PNG, 503 when disconnected, contacts check', async () => {
		const odd = await call('GET', '/engine/api/contacts/check/573001234567', { headers: ENGINE });
		expect(odd.data.data.isRegistered).toBe(false);
		const even = await call('GET', '/engine/api/contacts/check/573001234568', { headers: ENGINE });
		expect(even.data.data.isRegistered).toBe(true);
		expect((await call('GET', '/engine/api/session/qr', { headers: ENGINE })).status).toBe(404);
		await call('POST', '/__sandbox/config', { json: { engineSession: 'qr_pending' } });
		const st = await call('GET', '/engine/api/session/status', { headers: ENGINE });
		expect(st.data.data).toEqual({ status: 'qr_pending', isReady: false, hasQR: true });
		const qr = await call('GET', '/engine/api/session/qr', { headers: ENGINE });
		expect(qr.data.data.qrCode).toMatch(/^data:image\/png;base64,/);
		const img = await fetch(`${sb.url}/engine/api/session/qr/image`, { headers: ENGINE });
		expect(img.headers.get('content-type')).toBe('image/png');
		const buf = Buffer.from(await img.arrayBuffer());
		expect(buf.slice(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
		const send = await call('POST', '/engine/api/messages/send', { headers: ENGINE, json: { phone: '573001234567', message: 'Hola' } });
		expect(send.status).toBe(503);
		expect(send.data).toEqual({ success: false, error: 'WhatsApp no está conectado', code: 'WHATSAPP_ERROR' });
	});
	test('webhooks register/list/toggle/delete with unique ids', async () => {
		const a = await call('POST', '/engine/api/webhooks/register', { headers: ENGINE, json: { url: 'http://127.0.0.1:9/a', events: ['message'] } });
		const b = await call('POST', '/engine/api/webhooks/register', { headers: ENGINE, json: { url: 'http://127.0.0.1:9/b', events: ['message'] } });
		expect(a.status).toBe(201);
		expect(a.data.data.webhookId).toMatch(/^wh_\d+$/);
		expect(a.data.data.webhookId).not.toBe(b.data.data.webhookId);
		const t = await call('POST', `/engine/api/webhooks/${a.data.data.webhookId}/toggle`, { headers: ENGINE });
		expect(t.data).toMatchObject({ message: 'Webhook desactivado', data: { active: false } });
		expect((await call('DELETE', '/engine/api/webhooks/wh_1', { headers: ENGINE })).status).toBe(404);
		const bad = await call('POST', '/engine/api/webhooks/register', { headers: ENGINE, json: { url: 'not a url', events: [] } });
		expect(bad.status).toBe(400);
		expect(bad.data.errors.map((e) => e.path)).toEqual(['url', 'events']);
	});
});

describe('decision', () => {
	test('send success and receive status', async () => {
		const r = await call('POST', '/decision/v1/api/send-whatsapp', { headers: DECISION, json: { source_addr: 'Custom Company', destination_addr: 8882222200, message_type: 1, text: 'Hi' } });
		expect(r.status).toBe(200);
		expect(Number.isInteger(r.data.message_id)).toBe(true);
		const st = await call('POST', '/decision/v1/api/receive-whatsapp', { headers: DECISION, json: { message_id: r.data.message_id } });
		expect(st.data).toEqual({ message_id: r.data.message_id, status: 6 });
	});
	test('errors with HTTP 200: extension (9), template_params must be a string (1), window (7)', async () => {
		const ext = await call('POST', '/decision/v1/api/send-whatsapp', { headers: DECISION, json: { source_addr: 'C', destination_addr: '380631111111', message_type: 2, file_url: 'https://x.com/a.gif' } });
		expect(ext.status).toBe(200);
		expect(ext.data).toEqual({ name: 'Unauthorized', message: 'Invalid file extension', code: 9, status: 401 });
		const tp = await call('POST', '/decision/v1/api/send-whatsapp', {
			headers: DECISION,
			json: { source_addr: 'C', destination_addr: '380631111111', message_type: 4, template_name: 't', template_params: { to: 'x' } },
		});
		expect(tp.data.code).toBe(1);
		const tpOk = await call('POST', '/decision/v1/api/send-whatsapp', {
			headers: DECISION,
			json: { source_addr: 'C', destination_addr: '380631111111', message_type: 4, template_name: 't', template_params: JSON.stringify({ to: 'x' }) },
		});
		expect(Number.isInteger(tpOk.data.message_id)).toBe(true);
		const win = await call('POST', '/decision/v1/api/send-whatsapp', { headers: DECISION, json: { source_addr: 'C', destination_addr: '380600000047', message_type: 1, text: 'x' } });
		expect(win.status).toBe(200);
		expect(win.data).toMatchObject({ code: 7, status: 503 });
		const mt = await call('POST', '/decision/v1/api/send-whatsapp', { headers: DECISION, json: { source_addr: 'C', destination_addr: '380631111111', message_type: 3, text: 'x' } });
		expect(mt.data.code).toBe(1);
		const rl = await call('POST', '/decision/v1/api/send-whatsapp', { headers: DECISION, json: { source_addr: 'C', destination_addr: '380600000429', message_type: 1, text: 'x' } });
		expect(rl.status).toBe(429);
		expect(rl.data.code).toBe(0);
	});
});

describe('strictness: a JSON body must be sent as application/json', () => {
	const bodyText = JSON.stringify({ numero: '573001234567', tipo: 'text', mensaje: 'x' });
	test('innova: text/plain body is not parsed -> 400', async () => {
		const r = await call('POST', '/innova/api/whatsapp/enviar', { headers: { ...INNOVA, 'Content-Type': 'text/plain' }, body: bodyText });
		expect(r.status).toBe(400);
		expect(r.data).toEqual({ success: false, message: 'JSON inválido' });
		const ok = await call('POST', '/innova/api/whatsapp/enviar', { headers: INNOVA, json: JSON.parse(bodyText) });
		expect(ok.status).toBe(200);
	});
	test('whaapy and decision: no Content-Type -> 400', async () => {
		const w = await call('POST', '/whaapy/messages/v1', { headers: WHAAPY, body: JSON.stringify({ to: '+573001234567', content: 'x' }) });
		expect(w.status).toBe(400);
		expect(w.data.error).toBe('validation_error');
		const d = await call('POST', '/decision/v1/api/send-whatsapp', {
			headers: { ...DECISION, 'Content-Type': 'text/plain' },
			body: JSON.stringify({ source_addr: 'C', destination_addr: '380631111111', message_type: 1, text: 'x' }),
		});
		expect(d.status).toBe(400);
		expect(d.data.name).toBe('Bad Request');
	});
});

describe('sample files', () => {
	test('GET /__sandbox/files/sample.png serves a stable PNG', async () => {
		const res = await fetch(`${sb.url}/__sandbox/files/sample.png`);
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toBe('image/png');
		const buf = Buffer.from(await res.arrayBuffer());
		expect(buf.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
		const again = Buffer.from(await (await fetch(`${sb.url}/__sandbox/files/sample.png`)).arrayBuffer());
		expect(again.equals(buf)).toBe(true);
		const pdf = await fetch(`${sb.url}/__sandbox/files/sample.pdf`);
		expect(pdf.headers.get('content-type')).toBe('application/pdf');
		expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
		expect((await fetch(`${sb.url}/__sandbox/files/nope.gif`)).status).toBe(404);
	});
});

describe('strictness: only documented fields', () => {
	test('innova: unknown field or caption on a document -> 400', async () => {
		const extra = await call('POST', '/innova/api/whatsapp/enviar', { headers: INNOVA, json: { numero: '573001234567', tipo: 'text', mensaje: 'x', filename: 'a.pdf' } });
		expect(extra.status).toBe(400);
		expect(extra.data).toEqual({ success: false, message: 'Campos no permitidos: filename' });
		const cap = await call('POST', '/innova/api/whatsapp/enviar', {
			headers: INNOVA,
			json: { numero: '573001234567', tipo: 'document', url: 'https://example.com/a.pdf', caption: 'x' },
		});
		expect(cap.status).toBe(400);
		const ok = await call('POST', '/innova/api/whatsapp/enviar', { headers: INNOVA, json: { numero: '573001234567', tipo: 'image', url: 'https://example.com/a.jpg', caption: 'x' } });
		expect(ok.status).toBe(200);
	});
	test('decision: undocumented field -> code 1 with HTTP 200', async () => {
		const r = await call('POST', '/decision/v1/api/send-whatsapp', {
			headers: DECISION,
			json: { source_addr: 'C', destination_addr: '380631111111', message_type: 1, text: 'x', caption: 'y' },
		});
		expect(r.status).toBe(200);
		expect(r.data).toMatchObject({ code: 1, status: 400 });
	});
});
