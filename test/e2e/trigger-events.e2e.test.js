'use strict';
/**
 * WhatsApp Gateway Trigger in real n8n against the sandbox, beyond the example workflow:
 *   - replayed deliveries (same seven nonce, same Whaapy delivery id, same Engine message) start one run,
 *   - the Engine's multi-tenant ("wrapped") payload is normalized like the original one,
 *   - DecisionTelecom status callbacks arrive by POST (JSON) and by GET (query string).
 */
const { bootProject, VERSIONS, nodeOutput, env, TRIGGER_TYPE } = require('./harness/project');
const { httpRequest } = require('./harness/n8n');

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Poll `check` every 250 ms until it is truthy (n8n 2.x registers triggers in the background). */
async function waitFor(what, check, timeoutMs = 90000) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		if (await check()) return;
		if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
		await sleep(250);
	}
}

const CASES = {
	seven: { id: 'trgEvSeven000001', webhookId: '7a1e0c55-1111-4aaa-8bbb-000000000001', events: ['wa_mo'] },
	whaapy: { id: 'trgEvWhaapy00001', webhookId: '7a1e0c55-1111-4aaa-8bbb-000000000002', events: ['message.received'] },
	engine: { id: 'trgEvEngine00001', webhookId: '7a1e0c55-1111-4aaa-8bbb-000000000003', events: ['message'] },
	decisionTelecom: { id: 'trgEvDecision001', webhookId: '7a1e0c55-1111-4aaa-8bbb-000000000004' },
};

function workflow(provider) {
	const c = CASES[provider];
	const cred = env.PROVIDERS[provider];
	return {
		id: c.id,
		name: `Trigger events (${provider})`,
		active: false,
		settings: { executionOrder: 'v1' },
		connections: {},
		nodes: [
			{
				id: `node-${c.id}`,
				name: 'Trigger',
				type: TRIGGER_TYPE,
				typeVersion: 1,
				position: [0, 0],
				webhookId: c.webhookId,
				parameters: { provider, ...(c.events ? { events: c.events } : {}), options: {} },
				credentials: { [cred.credentialType]: { id: cred.id, name: cred.name } },
			},
		],
	};
}

describe.each(VERSIONS)('trigger events on n8n %s', (version) => {
	let p;

	async function fire(body) {
		const res = await httpRequest(`${p.sandboxUrl}/__sandbox/fire`, { method: 'POST', body });
		expect(res.status).toBe(200);
		return res.json;
	}
	const url = (provider) => p.n8n.webhookUrl(CASES[provider].webhookId, 'webhook');
	const mine = (deliveries, provider) => deliveries.filter((d) => d.url === url(provider));

	beforeAll(async () => {
		p = await bootProject(version, { workflows: () => Object.keys(CASES).map(workflow) });
		for (const provider of Object.keys(CASES)) await p.n8n.activate(CASES[provider].id);
		await p.n8n.start();
		await p.n8n.setupOwner();
		for (const provider of ['seven', 'whaapy', 'engine']) {
			await waitFor(`the ${provider} registration`, async () => {
				const res = await httpRequest(`${p.sandboxUrl}/__sandbox/webhooks`);
				return (res.json[provider] || []).some((w) => (w.target_url || w.url) === url(provider));
			});
		}
	});

	afterAll(async () => {
		if (p) await p.close();
	});

	test.each(['seven', 'whaapy', 'engine'])('%s: a replayed delivery starts no second run', async (provider) => {
		const first = mine(await fire({ provider }), provider);
		expect(first).toHaveLength(1);
		expect(first[0].status).toBe(200);
		await p.n8n.waitForExecutions({ workflowId: CASES[provider].id, count: 1, timeoutMs: 60000 });
		const replay = mine(await fire({ replay: true }), provider);
		expect(replay).toHaveLength(1);
		expect(replay[0].status).toBe(200);
		await sleep(3000);
		expect(await p.n8n.getExecutions({ workflowId: CASES[provider].id })).toHaveLength(1);
	});

	test('engine: the wrapped (multi-tenant) payload is normalized', async () => {
		const deliveries = mine(await fire({ provider: 'engine', shape: 'wrapped' }), 'engine');
		expect(deliveries[0].status).toBe(200);
		const body = JSON.parse(deliveries[0].requestBody);
		const executions = await p.n8n.waitForExecutions({ workflowId: CASES.engine.id, count: 2, timeoutMs: 60000 });
		const items = executions.map((e) => nodeOutput(e, 'Trigger')[0]).filter((i) => i.messageId === body.data.message.id._serialized);
		expect(items).toHaveLength(1);
		expect(items[0]).toMatchObject({
			provider: 'engine',
			event: 'message.received',
			from: body.data.message.from.replace(/@c\.us$/, ''),
			text: body.data.message.body,
		});
	});

	test('decisionTelecom: status callbacks by POST and by GET', async () => {
		// The token the Send operation adds to the Status Callback URL (issue #10; README, Security).
		const path = new URL(url('decisionTelecom')).pathname;
		const wgt = require('crypto').createHmac('sha256', env.SANDBOX_KEYS.decision).update(`n8n-whatsapp-gateway/decision-callback/v1\n${path}`).digest('hex').slice(0, 32);
		const post = await httpRequest(`${url('decisionTelecom')}?wgt=${wgt}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: { message_id: 1001, status: 1 } });
		expect(post.status).toBe(200);
		const get = await httpRequest(`${url('decisionTelecom')}?message_id=1002&status=7&wgt=${wgt}`);
		expect(get.status).toBe(200);
		const executions = await p.n8n.waitForExecutions({ workflowId: CASES.decisionTelecom.id, count: 2, timeoutMs: 60000 });
		const items = executions.map((e) => nodeOutput(e, 'Trigger')[0]).sort((a, b) => a.messageId.localeCompare(b.messageId));
		expect(items.map((i) => [i.provider, i.event, i.messageId, i.status])).toEqual([
			['decisionTelecom', 'message.status', '1001', 'delivered'],
			['decisionTelecom', 'message.status', '1002', 'read'],
		]);
	});
});
