'use strict';
/**
 * The examples in examples/ run in real n8n (every supported version) with this package installed
 * from its `npm pack` tarball, against the sandbox provider. Each test asserts what the provider
 * received (method, path, auth header, exact JSON body) and what n8n output.
 */
const { bootProject, VERSIONS, nodeOutput, nodeItems, env } = require('./harness/project');

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
const textWorkflowId = (provider) => `exText${provider.slice(0, 6)}01`.slice(0, 16);

function textVariants(sandboxUrl) {
	const base = env.loadExample('send-text-to-list', sandboxUrl);
	return PROVIDER_IDS.map((provider) =>
		env.withProvider(base, provider, { id: textWorkflowId(provider), name: `${base.name} (${provider})` }),
	);
}

describe.each(VERSIONS)('examples on n8n %s', (version) => {
	let p;
	const timings = {};

	beforeAll(async () => {
		const t = Date.now();
		// Workflows need the sandbox URL: boot the sandbox first, then import (bootProject does both).
		p = await bootProject(version, { workflows: (url) => textVariants(url) });
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
});
