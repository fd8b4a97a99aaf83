'use strict';
/**
 * The examples in examples/ run in real n8n (every supported version) with this package installed
 * from its `npm pack` tarball, against the sandbox provider. Each test asserts what the provider
 * received (method, path, auth header, exact JSON body) and what n8n output.
 */
const { bootProject, VERSIONS, nodeOutput, nodeItems, env } = require('./harness/project');
const { sampleFiles } = require('../../sandbox/lib/files');

const AUTH = {
	innova: ['authorization', `Bearer ${env.SANDBOX_KEYS.innova}`],
	seven: ['x-api-key', env.SANDBOX_KEYS.seven],
	whaapy: ['authorization', `Bearer ${env.SANDBOX_KEYS.whaapy}`],
	engine: ['x-api-key', env.SANDBOX_KEYS.engine],
	decisionTelecom: ['authorization', `Basic ${Buffer.from(env.SANDBOX_KEYS.decision).toString('base64')}`],
};

const ROWS = [
	{ name: 'Ana', digits: '573001234567', order: 'A-1001' },
	{ name: 'Luis', digits: '573001234568', order: 'A-1002' },
	{ name: 'Marta', digits: '573001234570', order: 'A-1003' },
];
const textOf = (r) => `Hola ${r.name}, tu pedido ${r.order} está listo para recoger.`;

/** What each provider must receive for one text (documents: seeds 000–004). */
const TEXT_REQUEST = {
	innova: (r) => ({ path: '/api/whatsapp/enviar', body: { numero: r.digits, tipo: 'text', mensaje: textOf(r) } }),
	seven: (r) => ({ path: '/api/waba/messages', body: { from: '4915112345678', to: r.digits, type: 'text', text: textOf(r) } }),
	whaapy: (r) => ({ path: '/messages/v1', body: { to: `+${r.digits}`, content: textOf(r) } }),
	engine: (r) => ({ path: '/api/messages/send', body: { phone: r.digits, message: textOf(r) } }),
	decisionTelecom: (r) => ({
		path: '/v1/api/send-whatsapp',
		body: { source_addr: 'Sandbox Shop', destination_addr: r.digits, message_type: 1, text: textOf(r) },
	}),
};
/** The normalized `status` of a send: the provider's own word when it reports one (Whaapy data.status, Engine). */
const SENT_STATUS = { innova: 'accepted', seven: 'accepted', whaapy: 'sent', engine: 'sent', decisionTelecom: 'accepted' };
const TEXT_TO = { innova: (d) => d, seven: (d) => d, whaapy: (d) => `+${d}`, engine: (d) => d, decisionTelecom: (d) => d };
const PROVIDER_IDS = Object.keys(env.PROVIDERS);
const sortByJson = (list) => [...list].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
const variantId = (prefix, provider) => `${prefix}${provider.slice(0, 6)}`.padEnd(16, '0').slice(0, 16);
const textWorkflowId = (provider) => variantId('exText', provider);

/** Binary images: the providers that take a file (not only a URL). */
const IMAGE_PROVIDERS = ['whaapy', 'engine'];
/** Templates: the providers that send approved templates. */
const TEMPLATE_PROVIDERS = ['whaapy', 'seven', 'decisionTelecom'];

function variants(example, prefix, providers) {
	return (sandboxUrl) => {
		const base = env.loadExample(example, sandboxUrl);
		return providers.map((provider) =>
			env.withProvider(base, provider, { id: variantId(prefix, provider), name: `${base.name} (${provider})` }),
		);
	};
}

function allWorkflows(sandboxUrl) {
	return [
		...variants('send-text-to-list', 'exText', PROVIDER_IDS)(sandboxUrl),
		...variants('send-image-from-file', 'exImage', IMAGE_PROVIDERS)(sandboxUrl),
		...variants('send-template', 'exTpl', TEMPLATE_PROVIDERS)(sandboxUrl),
		env.loadExample('check-numbers-then-send', sandboxUrl),
		env.loadExample('engine-connect-session', sandboxUrl),
		env.loadExample('bulk-send-list', sandboxUrl),
		env.loadExample('send-and-check-status', sandboxUrl),
	];
}

describe.each(VERSIONS)('examples on n8n %s', (version) => {
	let p;
	const timings = {};

	beforeAll(async () => {
		const t = Date.now();
		// Workflows need the sandbox URL: boot the sandbox first, then import (bootProject does both).
		p = await bootProject(version, { workflows: allWorkflows });
		timings.boot = Date.now() - t;
	});

	afterAll(async () => {
		if (p) await p.close();
		// eslint-disable-next-line no-console
		console.log(`[examples n8n ${version}] timings (ms): ${JSON.stringify(timings)}`);
	});

	test.each(PROVIDER_IDS)('send-text-to-list with %s: one request per row, one result per row', async (provider) => {
		p.clearRequests();
		const t = Date.now();
		const run = await p.n8n.executeRaw(textWorkflowId(provider));
		timings[`text-${provider}`] = Date.now() - t;
		const execution = run.execution;
		expect(execution.data.resultData.error).toBeUndefined();

		const sent = p.requests({ provider });
		// The node sends items with bounded concurrency: arrival order is not item order.
		expect(sortByJson(sent.map((r) => ({ method: r.method, path: r.path, body: r.json, status: r.status })))).toEqual(
			sortByJson(ROWS.map((r) => ({ method: 'POST', ...TEXT_REQUEST[provider](r), status: 200 }))),
		);
		const [header, value] = AUTH[provider];
		for (const r of sent) {
			expect(r.headers[header]).toBe(value);
			expect(r.headers['content-type']).toMatch(/^application\/json/);
		}
		expect(p.requests().length).toBe(ROWS.length); // nothing went to another provider

		const items = nodeItems(execution, 'Send order ready text');
		expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		const out = nodeOutput(execution, 'Send order ready text');
		expect(out.map(({ provider: pr, to, status, type }) => ({ provider: pr, to, status, type }))).toEqual(
			ROWS.map((r) => ({ provider, to: TEXT_TO[provider](r.digits), status: SENT_STATUS[provider], type: 'text' })),
		);
		for (const o of out) {
			if (provider === 'innova') expect(o.messageId).toBeNull(); // InnovaAPI returns no id
			else expect(typeof o.messageId).toBe('string');
			expect(JSON.stringify(o)).not.toContain(env.SANDBOX_KEYS[provider === 'decisionTelecom' ? 'decision' : provider]);
		}
		if (provider === 'decisionTelecom') expect([...out.map((o) => o.messageId)].sort()).toEqual(['1000', '1001', '1002']);
	});

	test.each(IMAGE_PROVIDERS)('send-image-from-file with %s: the downloaded file reaches the provider', async (provider) => {
		p.clearRequests();
		const t = Date.now();
		const run = await p.n8n.executeRaw(variantId('exImage', provider));
		timings[`image-${provider}`] = Date.now() - t;
		const execution = run.execution;
		expect(execution.data.resultData.error).toBeUndefined();
		const png = sampleFiles()['sample.png'];
		const caption = 'Tu factura de este mes';
		const sent = p.requests({ provider });
		if (provider === 'whaapy') {
			// Binary → POST /media/v1 (multipart: type + file), then the message by media id.
			expect(sent.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual(['POST /media/v1 200', 'POST /messages/v1 200']);
			expect(sent[0].headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
			expect(sent[0].rawBody.fields).toEqual({ type: 'image' });
			expect(sent[0].rawBody.files).toEqual([
				{ name: 'file', filename: 'sample.png', contentType: 'image/png', size: png.data.length, sha256: png.sha256 },
			]);
			expect(sent[1].json).toEqual({
				to: '+573007654321',
				type: 'image',
				image: { id: expect.stringMatching(/^media_[0-9a-f-]{36}$/), caption },
			});
		} else {
			// WhatsApp API Engine: POST /api/messages/send-image with base64 + mimetype.
			expect(sent.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual(['POST /api/messages/send-image 200']);
			expect(sent[0].json).toEqual({ phone: '573007654321', base64: png.data.toString('base64'), mimetype: 'image/png', caption });
		}
		const out = nodeOutput(execution, 'Send image');
		expect(out).toHaveLength(1);
		expect(out[0]).toMatchObject({ provider, type: 'image', to: provider === 'whaapy' ? '+573007654321' : '573007654321' });
		expect(typeof out[0].messageId).toBe('string');
	});

	test.each(TEMPLATE_PROVIDERS)('send-template with %s: name, language and body parameters as the provider documents', async (provider) => {
		p.clearRequests();
		const t = Date.now();
		const run = await p.n8n.executeRaw(variantId('exTpl', provider));
		timings[`template-${provider}`] = Date.now() - t;
		const execution = run.execution;
		expect(execution.data.resultData.error).toBeUndefined();
		const sent = p.requests({ provider });
		expect(sent).toHaveLength(1);
		expect(sent[0].status).toBe(200);
		const params = ['Juan Pérez', '#4521'];
		const meta = { type: 'body', parameters: params.map((text) => ({ type: 'text', text })) };
		if (provider === 'seven') {
			// docs/providers/seven.md#send (template): components.body is a list of strings.
			expect(sent[0].path).toBe('/api/waba/messages');
			expect(sent[0].json).toEqual({
				from: '4915112345678',
				to: '573005550101',
				type: 'template',
				template: 'order_update',
				language: 'es',
				components: { body: params },
			});
		} else if (provider === 'decisionTelecom') {
			// docs/providers/decisionTelecom.md: message_type 4, template_name, template_params = a JSON *string* (Meta template).
			expect(sent[0].path).toBe('/v1/api/send-whatsapp');
			const { template_params: tp, ...rest } = sent[0].json;
			expect(rest).toEqual({ source_addr: 'Sandbox Shop', destination_addr: '573005550101', message_type: 4, template_name: 'order_update' });
			expect(typeof tp).toBe('string');
			expect(JSON.parse(tp)).toEqual({
				to: '573005550101',
				type: 'template',
				template: { language: { policy: 'deterministic', code: 'es' }, name: 'order_update', components: [meta] },
			});
		} else {
			// Whaapy: simplified template fields (+ the Meta components for the parameters).
			expect(sent[0].path).toBe('/messages/v1');
			expect(sent[0].json).toMatchObject({
				to: '+573005550101',
				type: 'template',
				templateName: 'order_update',
				language: 'es',
				template_parameters: params,
			});
		}
		const out = nodeOutput(execution, 'Send order update template');
		expect(out).toEqual([expect.objectContaining({ provider, type: 'template' })]);
	});

	test('check-numbers-then-send (engine): one batched check, messages only to registered numbers', async () => {
		p.clearRequests();
		const t = Date.now();
		const run = await p.n8n.executeRaw('exCheckThenSend1');
		timings.checkThenSend = Date.now() - t;
		const execution = run.execution;
		expect(execution.data.resultData.error).toBeUndefined();
		const sent = p.requests({ provider: 'engine' });
		const check = sent.filter((r) => r.path === '/api/contacts/check-bulk');
		expect(check.map((r) => r.json)).toEqual([{ phones: ['573001234567', '573001234568', '573001234570'] }]);
		// The sandbox: a number ending in an odd digit is not on WhatsApp.
		expect(nodeOutput(execution, 'Check numbers').map((o) => [o.phone, o.isRegistered])).toEqual([
			['573001234567', false],
			['573001234568', true],
			['573001234570', true],
		]);
		const sends = sent.filter((r) => r.path === '/api/messages/send');
		expect(sortByJson(sends.map((r) => r.json))).toEqual(
			sortByJson([
				{ phone: '573001234568', message: 'Hola Luis, gracias por tu interés. ¿En qué te ayudamos?' },
				{ phone: '573001234570', message: 'Hola Marta, gracias por tu interés. ¿En qué te ayudamos?' },
			]),
		);
		expect(nodeOutput(execution, 'Send welcome').map((o) => o.to)).toEqual(['573001234568', '573001234570']);
		expect(nodeOutput(execution, 'Not on WhatsApp').map((o) => o.phone)).toEqual(['573001234567']);
	});

	test('engine-connect-session: ready session → no QR; QR pending → the QR code as a PNG file', async () => {
		p.reset();
		const ready = await p.n8n.executeRaw('exEngineSession1');
		expect(ready.execution.data.resultData.error).toBeUndefined();
		expect(nodeOutput(ready.execution, 'Session status')).toEqual([
			expect.objectContaining({ provider: 'engine', status: 'connected', isReady: true }),
		]);
		expect(nodeOutput(ready.execution, 'Already connected')).toHaveLength(1);
		expect(ready.execution.data.resultData.runData['QR code to scan']).toBeUndefined();

		p.sb.state.state.engine.session = 'qr_pending'; // as POST /__sandbox/config {engineSession}
		p.clearRequests();
		const pending = await p.n8n.executeRaw('exEngineSession1');
		expect(pending.execution.data.resultData.error).toBeUndefined();
		expect(nodeOutput(pending.execution, 'Session status')).toEqual([expect.objectContaining({ isReady: false, hasQR: true })]);
		const [qr] = nodeItems(pending.execution, 'QR code to scan');
		expect(qr.json).toMatchObject({ provider: 'engine', available: true });
		expect(qr.binary.qr).toMatchObject({ mimeType: 'image/png' });
		expect(p.requests({ provider: 'engine' }).map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
			'GET /api/session/status 200',
			expect.stringMatching(/^GET \/api\/session\/qr(\/image)? 200$/),
		]);
		p.reset();
	});

	test('bulk-send-list (engine): one send-bulk call, one output item per recipient', async () => {
		p.clearRequests();
		const run = await p.n8n.executeRaw('exBulkSend000001');
		expect(run.execution.data.resultData.error).toBeUndefined();
		const phones = ['573001234567', '573001234568', '573001234570'];
		const sent = p.requests({ provider: 'engine' });
		expect(sent.map((r) => ({ path: r.path, body: r.json, status: r.status }))).toEqual([
			{
				path: '/api/messages/send-bulk',
				body: { recipients: phones, message: 'Recordatorio: mañana cerramos a las 14:00. ¡Gracias!', delay: 1000 },
				status: 200,
			},
		]);
		const out = nodeOutput(run.execution, 'Bulk send');
		expect(out.map((o) => [o.phone, o.success, o.error])).toEqual(phones.map((ph) => [ph, true, null]));
		for (const o of out) expect(typeof o.messageId).toBe('string');
	});

	test('send-and-check-status (decisionTelecom): the message id of the send is looked up', async () => {
		p.reset();
		const run = await p.n8n.executeRaw('exSendStatus0001');
		expect(run.execution.data.resultData.error).toBeUndefined();
		const sent = p.requests({ provider: 'decisionTelecom' });
		expect(sent.map((r) => ({ path: r.path, body: r.json, status: r.status }))).toEqual([
			{
				path: '/v1/api/send-whatsapp',
				body: { source_addr: 'Sandbox Shop', destination_addr: '380631111111', message_type: 1, text: 'Su pedido ha sido enviado.' },
				status: 200,
			},
			// docs/providers/decisionTelecom.md: receive-whatsapp takes the numeric message_id the send returned (ids start at 1000).
			{ path: '/v1/api/receive-whatsapp', body: { message_id: 1000 }, status: 200 },
		]);
		expect(nodeOutput(run.execution, 'Send text')).toEqual([expect.objectContaining({ provider: 'decisionTelecom', messageId: '1000' })]);
		expect(nodeOutput(run.execution, 'Delivery status')).toEqual([
			expect.objectContaining({ provider: 'decisionTelecom', messageId: '1000', status: 'pending', statusCode: 6 }),
		]);
	});
});
