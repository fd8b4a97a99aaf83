'use strict';
/**
 * Trust at the edges (issue #10) in real n8n (every supported version), against the sandbox:
 *   - forged and unsigned deliveries get 401 and start nothing; signed ones carry verified: true,
 *   - a signed Whaapy delivery replayed with a new (or no) X-Webhook-Delivery-Id starts nothing,
 *   - the dedupe memory survives an n8n restart, for every key (not only the first),
 *   - Download Media: a loopback URL, a redirect to loopback, an oversized body and a slow host are
 *     refused; the event still runs, with media.downloadErrorReason, and the answer stays fast,
 *   - seven.io without a signing key refuses to activate; DecisionTelecom checks its callback token,
 *   - an Engine registration lost in an Engine restart comes back with the Ensure Registered example.
 */
const crypto = require('crypto');
const http = require('http');

const { bootProject, VERSIONS, nodeOutput, env } = require('./harness/project');
const { httpRequest } = require('./harness/n8n');

const TRIGGER = 'WhatsApp Gateway Trigger';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const IDS = {
	whaapy: { id: 'secTrigWhaapy001', webhookId: '7e1d0c2b-5a4f-4b6c-8d9e-0f1a2b3c4d01' },
	engine: { id: 'secTrigEngine001', webhookId: '7e1d0c2b-5a4f-4b6c-8d9e-0f1a2b3c4d02' },
	seven: { id: 'secTrigSevenNoSg', webhookId: '7e1d0c2b-5a4f-4b6c-8d9e-0f1a2b3c4d03' },
	decisionTelecom: { id: 'secTrigDecision1', webhookId: '7e1d0c2b-5a4f-4b6c-8d9e-0f1a2b3c4d04' },
};
const SEVEN_NO_SIGNING = { id: 'wagSevenNoSign01', name: 'seven.io without signing key' };

async function waitFor(what, check, timeoutMs = 60000) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await check();
		if (value) return value;
		if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
		await sleep(250);
	}
}

function triggerWorkflow(provider, parameters, credential) {
	const c = env.PROVIDERS[provider];
	const cred = credential || { id: c.id, name: c.name };
	return {
		id: IDS[provider].id,
		name: `Security: ${provider} trigger`,
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			{
				id: `5ec00000-0000-4000-8000-00000000000${Object.keys(IDS).indexOf(provider)}`,
				name: TRIGGER,
				type: 'n8n-nodes-whatsapp-gateway.whatsAppGatewayTrigger',
				typeVersion: 1,
				position: [0, 0],
				webhookId: IDS[provider].webhookId,
				parameters: { provider, ...parameters },
				credentials: { [c.credentialType]: cred },
			},
		],
		connections: {},
	};
}

/** A loopback server standing for the n8n host's internal network: it must never be reached. */
function internalServer() {
	const hits = [];
	const server = http.createServer((req, res) => {
		hits.push(req.url);
		res.writeHead(200, { 'Content-Type': 'text/plain' });
		res.end('internal secret');
	});
	return new Promise((resolve) =>
		server.listen(0, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${server.address().port}`, hits, close: () => new Promise((r) => server.close(r)) })),
	);
}

describe.each(VERSIONS)('trigger security on n8n %s', (version) => {
	let p;
	let internal;
	const timings = {};
	const hookUrl = (provider) => p.n8n.webhookUrl(IDS[provider].webhookId, 'webhook');

	async function fire(body) {
		const res = await httpRequest(`${p.sandboxUrl}/__sandbox/fire`, { method: 'POST', body, timeoutMs: 60000 });
		expect(res.status).toBe(200);
		return res.json.filter((d) => d.url === hookUrl(body.provider));
	}
	async function post(url, headers, body, method = 'POST') {
		const t = Date.now();
		const res = await httpRequest(url, { method, headers: { 'content-type': 'application/json', ...headers }, body, timeoutMs: 30000 });
		return { ...res, ms: Date.now() - t };
	}
	const executions = async (provider) => await p.n8n.getExecutions({ workflowId: IDS[provider].id });
	async function newExecution(provider, before) {
		const list = await p.n8n.waitForExecutions({ workflowId: IDS[provider].id, count: before + 1, timeoutMs: 60000 });
		return list.sort((a, b) => Number(b.id) - Number(a.id))[0];
	}
	/** Waits a little, then asserts that no execution was added. */
	async function noNewExecution(provider, before) {
		await sleep(2500);
		expect(await executions(provider)).toHaveLength(before);
	}
	const whaapyMedia = (url) => ({
		message: { id: `wamid.SEC${crypto.randomBytes(6).toString('hex')}`, from: '+5215512345678', timestamp: String(Math.floor(Date.now() / 1000)), type: 'image', image: { mime_type: 'image/png' } },
		media_url: url,
	});

	beforeAll(async () => {
		let t = Date.now();
		internal = await internalServer();
		p = await bootProject(version, {
			credentials: (sandboxUrl) => {
				const creds = env.sandboxCredentials(sandboxUrl);
				const seven = creds.find((c) => c.type === 'whatsAppGatewaySevenApi');
				return [...creds, { ...seven, ...SEVEN_NO_SIGNING, data: { ...seven.data, signingKey: '' } }];
			},
			workflows: () => [
				triggerWorkflow('whaapy', { events: ['message.received'], options: { downloadMedia: true, maxMediaSizeMb: 1 } }),
				triggerWorkflow('engine', { events: ['message'] }),
				triggerWorkflow('seven', { events: ['wa_mo'] }, SEVEN_NO_SIGNING),
				triggerWorkflow('decisionTelecom', {}),
			],
		});
		timings.boot = Date.now() - t;
		for (const provider of Object.keys(IDS)) await p.n8n.activate(IDS[provider].id);
		t = Date.now();
		await p.n8n.start();
		await p.n8n.setupOwner();
		for (const provider of ['whaapy', 'engine']) {
			await waitFor(`the ${provider} registration`, async () => {
				const hooks = (await httpRequest(`${p.sandboxUrl}/__sandbox/webhooks`)).json[provider] || [];
				return hooks.some((w) => w.url === hookUrl(provider));
			}).catch((e) => {
				throw new Error(`${e.message}\n--- n8n log\n${p.n8n.logs().slice(-4000)}`);
			});
		}
		timings.startAndRegister = Date.now() - t;
	});

	afterAll(async () => {
		if (p) await p.close();
		if (internal) await internal.close();
		// eslint-disable-next-line no-console
		console.log(`[trigger-security n8n ${version}] timings (ms): ${JSON.stringify(timings)}`);
	});

	test('seven.io without a signing key refused to activate, saying why; nothing was registered', async () => {
		await waitFor('the activation error in the log', async () => /no Signing Key, so deliveries cannot be verified/.test(p.n8n.logs()), 30000).catch(() => {});
		expect(p.n8n.logs()).toMatch(/The seven\.io credential has no Signing Key, so deliveries cannot be verified/);
		const hooks = (await httpRequest(`${p.sandboxUrl}/__sandbox/webhooks`)).json.seven || [];
		expect(hooks.filter((w) => (w.target_url || w.url) === hookUrl('seven'))).toEqual([]);
	});

	test('Whaapy: signed runs with verified: true; forged and unsigned get 401 and start nothing', async () => {
		const before = (await executions('whaapy')).length;
		const [signed] = await fire({ provider: 'whaapy' });
		expect(signed.status).toBe(200);
		const run = await newExecution('whaapy', before);
		expect(nodeOutput(run, TRIGGER)[0]).toMatchObject({ provider: 'whaapy', event: 'message.received', verified: true });
		for (const signature of ['invalid', 'missing']) {
			const [d] = await fire({ provider: 'whaapy', signature });
			expect(d.status).toBe(401);
		}
		await noNewExecution('whaapy', before + 1);
	});

	test('Whaapy: the same signed body with a new or no delivery id starts nothing', async () => {
		const before = (await executions('whaapy')).length;
		const [original] = await fire({ provider: 'whaapy' });
		expect(original.status).toBe(200);
		await newExecution('whaapy', before);
		const headers = { ...original.requestHeaders, 'X-Webhook-Delivery-Id': 'whd_forged_new_id' };
		delete headers['Content-Length'];
		const replay = await post(hookUrl('whaapy'), headers, original.requestBody);
		expect(replay.status).toBe(200);
		expect(replay.json).toMatchObject({ duplicate: true });
		delete headers['X-Webhook-Delivery-Id'];
		expect((await post(hookUrl('whaapy'), headers, original.requestBody)).json).toMatchObject({ duplicate: true });
		await noNewExecution('whaapy', before + 1);
	});

	test('Download Media refuses a loopback URL and a redirect to loopback; the event still runs', async () => {
		for (const [name, url] of [
			['loopback', `${internal.url}/secret`],
			['redirect', `${p.sandboxUrl}/whaapy/__sandbox/media?redirect=${encodeURIComponent(`${internal.url}/secret`)}`],
		]) {
			const before = (await executions('whaapy')).length;
			const [d] = await fire({ provider: 'whaapy', payload: whaapyMedia(url) });
			expect(d.status).toBe(200);
			const item = nodeOutput(await newExecution('whaapy', before), TRIGGER)[0];
			expect([name, item.media.downloadErrorReason, item.media.downloadError]).toEqual([name, 'blockedAddress', expect.any(String)]);
			expect(item.media.downloadError).toMatch(/127\.0\.0\.1, a loopback address; only public hosts are downloaded from/);
		}
		expect(internal.hits).toEqual([]);
	});

	test('Download Media stops an oversized body at Max Media Size (1 MB) while it streams', async () => {
		const before = (await executions('whaapy')).length;
		const huge = 200 * 1024 * 1024;
		const [d] = await fire({ provider: 'whaapy', payload: whaapyMedia(`${p.sandboxUrl}/whaapy/__sandbox/media?bytes=${huge}`) });
		expect(d.status).toBe(200);
		const item = nodeOutput(await newExecution('whaapy', before), TRIGGER)[0];
		expect(item.media).toMatchObject({ downloadErrorReason: 'tooLarge', downloadError: 'The media is larger than 1 MB (Options → Max Media Size); it was not downloaded' });
		await sleep(500);
		const served = (await httpRequest(`${p.sandboxUrl}/__sandbox/media/served`)).json.bytes;
		timings.oversizeServedBytes = served;
		// Socket buffers let some MB through before the connection closes; never the 200 MB.
		expect(served).toBeLessThan(32 * 1024 * 1024);
		// Content-Length above the cap: refused before reading.
		const before2 = (await executions('whaapy')).length;
		await fire({ provider: 'whaapy', payload: whaapyMedia(`${p.sandboxUrl}/whaapy/__sandbox/media?bytes=${huge}&length=1`) });
		expect(nodeOutput(await newExecution('whaapy', before2), TRIGGER)[0].media.downloadErrorReason).toBe('tooLarge');
	});

	test('Download Media gives up on a slow host in time: the answer reaches the provider within its 5 s', async () => {
		const before = (await executions('whaapy')).length;
		const t = Date.now();
		const [d] = await fire({ provider: 'whaapy', payload: whaapyMedia(`${p.sandboxUrl}/whaapy/__sandbox/media?delayMs=20000`) });
		timings.slowMediaAnswerMs = Date.now() - t;
		// The sandbox gives up after 5 s (status null then): n8n answered before.
		expect(d.error).toBeUndefined();
		expect(d.status).toBe(200);
		const item = nodeOutput(await newExecution('whaapy', before), TRIGGER)[0];
		expect(item.media).toMatchObject({ downloadErrorReason: 'timeout', downloadError: 'The media download did not finish in time (the provider expects a quick answer)' });
	});

	test('Engine: forged and unsigned get 401; several signed messages run once each', async () => {
		const before = (await executions('engine')).length;
		for (const signature of ['invalid', 'missing']) {
			const [d] = await fire({ provider: 'engine', signature });
			expect(d.status).toBe(401);
		}
		for (let i = 0; i < 3; i++) {
			const [d] = await fire({ provider: 'engine' });
			expect(d.status).toBe(200);
		}
		const runs = await p.n8n.waitForExecutions({ workflowId: IDS.engine.id, count: before + 3, timeoutMs: 60000 });
		expect(runs).toHaveLength(before + 3);
		expect(runs.map((r) => nodeOutput(r, TRIGGER)[0].verified)).toEqual(runs.map(() => true));
	});

	test('DecisionTelecom: callbacks without the token get 401; with it they run once', async () => {
		const path = new URL(hookUrl('decisionTelecom')).pathname;
		const token = crypto.createHmac('sha256', env.SANDBOX_KEYS.decision).update(`n8n-whatsapp-gateway/decision-callback/v1\n${path}`).digest('hex').slice(0, 32);
		const before = (await executions('decisionTelecom')).length;
		expect((await post(`${hookUrl('decisionTelecom')}?message_id=7001&status=1`, {}, undefined, 'GET')).status).toBe(401);
		expect((await post(`${hookUrl('decisionTelecom')}?message_id=7001&status=1&wgt=${'0'.repeat(32)}`, {}, undefined, 'GET')).status).toBe(401);
		const ok = await post(`${hookUrl('decisionTelecom')}?message_id=7001&status=1&wgt=${token}`, {}, undefined, 'GET');
		expect(ok.status).toBe(200);
		const run = await newExecution('decisionTelecom', before);
		expect(nodeOutput(run, TRIGGER)[0]).toMatchObject({ messageId: '7001', status: 'delivered', verified: true });
		const again = await post(`${hookUrl('decisionTelecom')}?wgt=${token}`, {}, JSON.stringify({ message_id: 7001, status: 1 }));
		expect(again.json).toMatchObject({ duplicate: true });
		await noNewExecution('decisionTelecom', before + 1);
	});

	test('restarts: every remembered delivery is still a duplicate after an n8n restart; an Engine restart is repaired by the Ensure Registered example', async () => {
		const whaapyBefore = (await executions('whaapy')).length;
		const engineBefore = (await executions('engine')).length;
		const signedWhaapy = [];
		for (let i = 0; i < 3; i++) signedWhaapy.push((await fire({ provider: 'whaapy' }))[0]);
		const signedEngine = [];
		for (let i = 0; i < 3; i++) signedEngine.push((await fire({ provider: 'engine' }))[0]);
		await p.n8n.waitForExecutions({ workflowId: IDS.whaapy.id, count: whaapyBefore + 3, timeoutMs: 60000 });
		await p.n8n.waitForExecutions({ workflowId: IDS.engine.id, count: engineBefore + 3, timeoutMs: 60000 });
		await sleep(1000);

		// The Engine forgets its webhooks when it restarts: the same as deleting ours.
		const engineHooks = async () => ((await httpRequest(`${p.sandboxUrl}/__sandbox/webhooks`)).json.engine || []).filter((w) => w.url === hookUrl('engine'));
		const [mine] = await engineHooks();
		const del = await httpRequest(`${p.sandboxUrl}/engine/api/webhooks/${mine.id}`, { method: 'DELETE', headers: { 'x-api-key': env.SANDBOX_KEYS.engine } });
		expect(del.status).toBe(200);
		expect(await fire({ provider: 'engine' })).toEqual([]);

		let t = Date.now();
		await p.n8n.stop();
		timings.stop = Date.now() - t;
		// The Ensure Registered example (its schedule replaced by a manual start), run by the CLI.
		const example = env.loadExample('engine-ensure-webhook', p.sandboxUrl);
		const start = example.nodes.find((n) => n.name === 'Every 5 minutes');
		Object.assign(start, { type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, parameters: {} });
		example.nodes.find((n) => n.name === 'Ensure webhook').parameters.webhookUrl = hookUrl('engine');
		await p.n8n.importWorkflow([example]);
		t = Date.now();
		const first = await p.n8n.execute(example.id);
		timings.ensureRun = Date.now() - t;
		expect(nodeOutput(first, 'Ensure webhook')[0]).toMatchObject({ action: 'registered', url: hookUrl('engine'), events: ['message'], signed: true });
		const second = await p.n8n.execute(example.id);
		expect(nodeOutput(second, 'Ensure webhook')[0]).toMatchObject({ action: 'unchanged' });
		expect(await engineHooks()).toHaveLength(1);

		t = Date.now();
		await p.n8n.start();
		timings.restart = Date.now() - t;
		// 2.x publishes active workflows in the background after start-up: wait until webhooks answer.
		await waitFor('the webhooks after the restart', async () => (await post(hookUrl('engine'), {}, '{}')).status === 401);

		const answers = [];
		for (const d of [...signedWhaapy, ...signedEngine]) {
			const headers = { ...d.requestHeaders };
			delete headers['Content-Length'];
			if (headers['X-Webhook-Delivery-Id']) headers['X-Webhook-Delivery-Id'] = `whd_after_restart_${answers.length}`;
			const res = await post(d.url, headers, d.requestBody);
			answers.push([res.status, res.json && res.json.duplicate]);
		}
		expect(answers).toEqual(answers.map(() => [200, true]));
		await sleep(2500);
		expect(await executions('whaapy')).toHaveLength(whaapyBefore + 3);
		expect(await executions('engine')).toHaveLength(engineBefore + 3);

		// Messages reach the trigger again, verified (one registration for the URL).
		const [d] = await fire({ provider: 'engine' });
		expect(d.status).toBe(200);
		expect(nodeOutput(await newExecution('engine', engineBefore + 3), TRIGGER)[0]).toMatchObject({ event: 'message.received', verified: true });
		expect(await engineHooks()).toHaveLength(1);
	});
});
