'use strict';
/**
 * WhatsApp Gateway Trigger in real n8n (every supported version), against the sandbox provider,
 * with the examples/trigger-reply.json workflow for each provider that has a webhook API:
 *   - activating the workflow registers the trigger's production URL with the provider,
 *   - a signed event starts one execution whose trigger item is the normalized event, and the
 *     Reply node answers the sender through the provider,
 *   - forged (bad signature) and unsigned deliveries start nothing,
 *   - deactivating the workflow removes the registration.
 */
const { bootProject, VERSIONS, nodeOutput, env } = require('./harness/project');
const { httpRequest } = require('./harness/n8n');

const TRIGGER_NODE = 'On WhatsApp message';
const REPLY_NODE = 'Reply';

/** Per provider: workflow id, trigger webhookId, and how to read the delivered body. */
const CASES = {
	whaapy: {
		id: 'exTrigWhaapy0001',
		webhookId: '5d7c2b1a-0e4f-4a6b-9c8d-1e2f3a4b5c01', // the example's own
		urlOf: (w) => w.url,
		inbound: (body) => ({
			from: body.data.message.from.replace(/^\+/, ''),
			text: body.data.message.text.body,
			messageId: body.data.message.id,
		}),
		reply: (from, text) => ({ path: '/messages/v1', body: { to: `+${from}`, content: replyText(text) } }),
	},
	engine: {
		id: 'exTrigEngine0001',
		webhookId: '5d7c2b1a-0e4f-4a6b-9c8d-1e2f3a4b5c02',
		urlOf: (w) => w.url,
		inbound: (body) => ({ from: body.data.from.replace(/@c\.us$/, ''), text: body.data.body, messageId: body.data.id }),
		reply: (from, text) => ({ path: '/api/messages/send', body: { phone: from, message: replyText(text) } }),
	},
	seven: {
		id: 'exTrigSeven00001',
		webhookId: '5d7c2b1a-0e4f-4a6b-9c8d-1e2f3a4b5c03',
		urlOf: (w) => w.target_url || w.url,
		inbound: (body) => ({ from: body.data.sender, text: body.data.text, messageId: body.data.id }),
		reply: (from, text) => ({
			path: '/api/waba/messages',
			body: { from: '4915112345678', to: from, type: 'text', text: replyText(text) },
		}),
	},
};
const PROVIDERS = Object.keys(CASES);
const replyText = (text) => `¡Gracias por escribirnos! Recibimos: "${text}". Te respondemos en breve.`;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Poll `check` (async → truthy when done) every 250 ms for up to `timeoutMs`; resolves its value. */
async function waitFor(what, check, timeoutMs = 90000) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await check();
		if (value) return value;
		if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
		await sleep(250);
	}
}

function variants(sandboxUrl) {
	const base = env.loadExample('trigger-reply', sandboxUrl);
	return PROVIDERS.map((provider) => {
		const wf = env.withProvider(base, provider, { id: CASES[provider].id, name: `${base.name} (${provider})` });
		wf.nodes.find((n) => n.name === TRIGGER_NODE).webhookId = CASES[provider].webhookId;
		return wf;
	});
}

describe.each(VERSIONS)('trigger on n8n %s', (version) => {
	let p;
	const timings = {};

	async function sandboxHooks(provider) {
		const res = await httpRequest(`${p.sandboxUrl}/__sandbox/webhooks`);
		return res.json[provider] || [];
	}
	async function fire(body) {
		const res = await httpRequest(`${p.sandboxUrl}/__sandbox/fire`, { method: 'POST', body });
		expect(res.status).toBe(200);
		return res.json;
	}
	const hookUrl = (provider) => p.n8n.webhookUrl(CASES[provider].webhookId, 'webhook');

	beforeAll(async () => {
		let t = Date.now();
		p = await bootProject(version, { workflows: (url) => variants(url) });
		timings.boot = Date.now() - t;
		t = Date.now();
		for (const provider of PROVIDERS) await p.n8n.activate(CASES[provider].id);
		timings.activate = Date.now() - t;
		t = Date.now();
		await p.n8n.start();
		timings.start = Date.now() - t;
		await p.n8n.setupOwner();
		// n8n 2.x activates published workflows in the background after "Editor is now accessible"
		// (workflow publication service); 1.x before. Either way the registrations must show up.
		t = Date.now();
		for (const provider of PROVIDERS) {
			await waitFor(`the ${provider} registration`, async () =>
				(await sandboxHooks(provider)).some((w) => CASES[provider].urlOf(w) === hookUrl(provider)),
			).catch((e) => {
				throw new Error(`${e.message}\n--- n8n log\n${p.n8n.logs().slice(-4000)}`);
			});
		}
		timings.registered = Date.now() - t;
	});

	afterAll(async () => {
		if (p) await p.close();
		// eslint-disable-next-line no-console
		console.log(`[trigger n8n ${version}] timings (ms): ${JSON.stringify(timings)}`);
	});

	test('n8n loaded both nodes of the package', async () => {
		const types = (await p.n8n.getNodeTypes()).map((d) => d.name);
		expect(types).toEqual(
			expect.arrayContaining(['n8n-nodes-whatsapp-gateway.whatsAppGateway', 'n8n-nodes-whatsapp-gateway.whatsAppGatewayTrigger']),
		);
	});

	describe.each(PROVIDERS)('%s', (provider) => {
		const c = CASES[provider];

		test('activation registered the production webhook URL', async () => {
			const mine = (await sandboxHooks(provider)).filter((w) => c.urlOf(w) === hookUrl(provider));
			expect(mine).toHaveLength(1);
			expect(JSON.stringify(mine[0])).toContain(env.TRIGGER_MESSAGE_EVENTS[provider][0]);
		});

		test('a signed event starts one execution with the normalized item; the reply goes out', async () => {
			p.clearRequests();
			const t = Date.now();
			const deliveries = await fire({ provider });
			const mine = deliveries.filter((d) => d.url === hookUrl(provider));
			expect(mine).toHaveLength(1);
			expect(mine[0].status).toBe(200);
			const executions = await p.n8n.waitForExecutions({ workflowId: c.id, count: 1, timeoutMs: 60000 });
			timings[`event-${provider}`] = Date.now() - t;
			expect(executions).toHaveLength(1);
			const execution = executions[0];
			expect(execution.mode).toBe('webhook');
			expect(execution.status).toBe('success');

			const delivered = JSON.parse(mine[0].requestBody);
			const expected = c.inbound(delivered);
			const items = nodeOutput(execution, TRIGGER_NODE);
			expect(items).toHaveLength(1);
			expect(items[0]).toMatchObject({ provider, event: 'message.received', from: expected.from, text: expected.text });
			expect(items[0].messageId).toBe(expected.messageId);
			expect(items[0].raw).toBeDefined();

			const reply = c.reply(expected.from, expected.text);
			const sent = p.requests({ provider, method: 'POST', path: reply.path });
			expect(sent.map((r) => r.json)).toEqual([reply.body]);
			expect(nodeOutput(execution, REPLY_NODE)).toEqual([expect.objectContaining({ provider, type: 'text' })]);
		});

		test('forged and unsigned deliveries start nothing', async () => {
			for (const signature of ['invalid', 'missing']) {
				const deliveries = await fire({ provider, signature });
				const mine = deliveries.filter((d) => d.url === hookUrl(provider));
				expect(mine).toHaveLength(1);
				expect(mine[0].status).not.toBeNull(); // n8n answered
			}
			await sleep(3000);
			const executions = await p.n8n.getExecutions({ workflowId: c.id });
			expect(executions).toHaveLength(1);
		});

		test('deactivation removes the registration', async () => {
			await p.n8n.deactivate(c.id);
			// 2.x unpublishes in the background too: wait (bounded) for the trigger's delete().
			const t = Date.now();
			await waitFor(`the ${provider} registration to be removed`, async () =>
				(await sandboxHooks(provider)).every((w) => c.urlOf(w) !== hookUrl(provider)),
			30000).catch(() => {});
			timings[`deactivate-${provider}`] = Date.now() - t;
			const mine = (await sandboxHooks(provider)).filter((w) => c.urlOf(w) === hookUrl(provider));
			expect(mine).toEqual([]);
			const del = p.requests({ provider, method: 'DELETE' });
			expect(del.length).toBeGreaterThanOrEqual(1);
		});
	});
});
