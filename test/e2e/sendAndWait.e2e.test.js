'use strict';
/**
 * Message → Send and Wait for Response in real n8n (every supported version), with the sandbox
 * provider. Each workflow is a Webhook trigger → "Ask" (WhatsApp Gateway, send and wait):
 *   - the question reaches the sandbox provider with its answer links (read from the sandbox log),
 *   - opening a link shows the page and records nothing; its button (POST) resumes the execution,
 *     which finishes with the answer: approve (Whaapy), decline (seven.io), free text (Engine),
 *     custom form (DecisionTelecom), approve through Whaapy's URL button;
 *   - a wait with a limit finishes by itself with the "noResponse" item (InnovaAPI);
 *   - a tampered link is refused; the node's tool variants are offered to AI agents.
 */
const { bootProject, VERSIONS, NODE_TYPE, PACKAGE_NAME, env } = require('./harness/project');
const { httpRequest } = require('./harness/n8n');

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const QUESTION = 'Refund 120 EUR for order A-1042?';

async function waitFor(what, check, timeoutMs = 90000) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await check();
		if (value) return value;
		if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
		await sleep(300);
	}
}

/** Per case: workflow id (≤16 chars), provider, Ask node parameters, how to read the sent text. */
const CASES = {
	approve: {
		id: 'swApproveWhaapy1',
		provider: 'whaapy',
		params: { to: '+52 1 55 1234 5678', approvalOptions: { values: { approvalType: 'double' } } },
		textOf: (r) => r.json.content,
	},
	decline: {
		id: 'swDeclineSeven01',
		provider: 'seven',
		params: { to: '+49 151 1234 5678', sevenFrom: '4915112345678', approvalOptions: { values: { approvalType: 'double', approveLabel: 'Yes', disapproveLabel: 'No' } } },
		textOf: (r) => r.json.text,
	},
	freeText: {
		id: 'swFreeTextEngine',
		provider: 'engine',
		params: { to: '+57 300 123 4568', responseType: 'freeText' },
		textOf: (r) => r.json.message,
	},
	form: {
		id: 'swFormDecision01',
		provider: 'decisionTelecom',
		params: {
			to: '+57 300 123 4567',
			decisionSourceAddr: 'Sandbox Shop',
			responseType: 'customForm',
			formFields: {
				values: [
					{ fieldLabel: 'Delivery date', fieldType: 'date', requiredField: true },
					{ fieldLabel: 'Boxes', fieldType: 'number' },
					{ fieldLabel: 'Size', fieldType: 'dropdown', fieldOptions: 'Small, Medium, Large' },
				],
			},
		},
		textOf: (r) => r.json.text,
	},
	button: {
		id: 'swButtonWhaapy01',
		provider: 'whaapy',
		params: { to: '+52 1 55 1234 5679', linkStyle: 'button', approvalOptions: { values: { approvalType: 'double' } } },
		textOf: (r) => r.json.interactive && r.json.interactive.action.parameters.url,
	},
	window: {
		id: 'swWindowWhaapy01',
		provider: 'whaapy',
		// Sandbox magic number: outside the 24-hour window (Whaapy code 131047).
		params: { to: '+57 300 000 0047' },
		textOf: (r) => r.json.content,
	},
	timeout: {
		id: 'swTimeoutInnova1',
		provider: 'innova',
		// 0.1 minutes = 6 s; n8n's wait tracker checks every 60 s, so this ends within ~70 s.
		params: { to: '+57 300 123 4567', options: { limitWaitTime: { values: { limitType: 'afterTimeInterval', resumeAmount: 0.1, resumeUnit: 'minutes' } } } },
		textOf: (r) => r.json.mensaje,
	},
};

function workflow(name, c) {
	const cred = env.PROVIDERS[c.provider];
	return {
		id: c.id,
		name: `send and wait: ${name}`,
		active: false,
		settings: { executionOrder: 'v1' },
		connections: { Start: { main: [[{ node: 'Ask', type: 'main', index: 0 }]] } },
		nodes: [
			{
				id: `${c.id}-start`,
				name: 'Start',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: `5a1d0000-0000-4000-8000-${c.id.toLowerCase().replace(/[^0-9a-f]/g, '0').slice(0, 12).padEnd(12, '0')}`,
				parameters: { httpMethod: 'POST', path: `ask-${name}`, responseMode: 'onReceived', options: {} },
			},
			{
				id: `${c.id}-ask-node`,
				name: 'Ask',
				type: NODE_TYPE,
				typeVersion: 1,
				position: [220, 0],
				parameters: { provider: c.provider, resource: 'message', operation: 'sendAndWait', message: QUESTION, ...c.params },
				credentials: { [cred.credentialType]: { id: cred.id, name: cred.name } },
			},
		],
		pinData: {},
	};
}

/** "*Label:* url" lines of a WhatsApp text. */
function linksIn(text) {
	return [...String(text).matchAll(/\*([^*\n]+):\* (\S+)/g)].map((m) => ({ label: m[1], url: m[2] }));
}

async function page(url) {
	const res = await fetch(url, { redirect: 'manual' });
	return { status: res.status, text: await res.text(), type: res.headers.get('content-type') };
}

async function post(url, fields) {
	const form = new FormData();
	for (const [k, v] of Object.entries(fields)) form.append(k, v);
	const res = await fetch(url, { method: 'POST', body: form, redirect: 'manual' });
	return { status: res.status, text: await res.text() };
}

describe.each(VERSIONS)('send and wait on n8n %s', (version) => {
	let p;
	const major = Number(version.split('.')[0]);

	beforeAll(async () => {
		p = await bootProject(version, { workflows: () => Object.entries(CASES).map(([name, c]) => workflow(name, c)) });
		for (const c of Object.values(CASES)) await p.n8n.activate(c.id);
		await p.n8n.start();
		await p.n8n.setupOwner();
	});

	afterAll(async () => {
		if (p) await p.close();
	});

	/** Starts a case's workflow; resolves the sandbox request that carried the question. */
	async function ask(name) {
		const c = CASES[name];
		const before = p.requests({ provider: c.provider }).length;
		const url = p.n8n.webhookUrl(null, `ask-${name}`);
		// n8n 2.x registers published workflows in the background: retry until the webhook is there.
		await waitFor(`webhook ask-${name}`, async () => (await httpRequest(url, { method: 'POST', body: { order: 'A-1042' } })).status !== 404 || undefined);
		const sent = await waitFor(`${c.provider} request`, () => p.requests({ provider: c.provider }).slice(before).find((r) => r.method === 'POST'));
		expect(sent.status).toBe(name === 'window' ? 400 : 200);
		return sent;
	}

	/**
	 * Waits until the execution waits for the answer: its link then opens our page (before, n8n
	 * answers that the execution is still running or not there yet). Opening a link records nothing.
	 */
	async function whenWaiting(url) {
		return await waitFor(`the page at ${url}`, async () => {
			const res = await page(url);
			return res.status === 200 && /<form method="post"/.test(res.text) ? res : undefined;
		});
	}

	/** Finished executions of a workflow (any status but new/running/waiting). */
	async function finishedOnes(id) {
		const list = await p.n8n.getExecutions({ workflowId: id });
		return list.filter((e) => e.finished === true || (e.status && !['new', 'running', 'waiting'].includes(e.status)));
	}

	async function finished(id, timeoutMs = 90000) {
		const executions = await p.n8n.waitForExecutions({ workflowId: id, count: 1, timeoutMs });
		expect(executions).toHaveLength(1);
		return executions[0];
	}

	function askOutput(execution) {
		const runs = execution.data.resultData.runData.Ask;
		return runs[runs.length - 1].data.main[0].map((i) => i.json);
	}

	test('approve (Whaapy): link → confirmation page (nothing recorded) → button → approved: true', async () => {
		const sent = await ask('approve');
		expect(sent.json.to).toBe('+5215512345678');
		const links = linksIn(CASES.approve.textOf(sent));
		expect(links.map((l) => l.label)).toEqual(['✓ Approve', '✗ Decline']);
		expect(links[0].url).toMatch(new RegExp(`^${p.n8n.baseUrl}/webhook-waiting/\\d+/swApproveWhaapy1-ask-node\\?approved=true&signature=[0-9a-f]{64}$`));
		const opened = await whenWaiting(links[0].url);
		expect(opened.status).toBe(200);
		expect(opened.type).toMatch(/^text\/html/);
		expect(opened.text).toContain(QUESTION);
		expect(opened.text).toContain('value="true" class="primary">✓ Approve</button>');
		await sleep(1000);
		expect(await finishedOnes(CASES.approve.id)).toEqual([]);

		// A tampered link (decline with the approve signature) is refused by n8n.
		const forged = await page(links[0].url.replace('approved=true', 'approved=false'));
		expect(forged.status).toBe(401);

		const done = await post(links[0].url, { approved: 'true', confirm: 'yes' });
		expect(done.status).toBe(200);
		expect(done.text).toContain('Got it, thanks');
		const execution = await finished(CASES.approve.id);
		expect(execution.status).toBe('success');
		expect(askOutput(execution)).toEqual([
			{
				status: 'approved',
				approved: true,
				responded: true,
				responseType: 'approval',
				message: QUESTION,
				provider: 'whaapy',
				to: '+5215512345678',
				messageId: expect.any(String),
				sentAt: expect.any(String),
				respondedAt: expect.any(String),
				waitTill: null,
			},
		]);

		// The link after the answer records nothing more: n8n shows its "no action required" page.
		const again = await post(links[0].url, { approved: 'true' });
		expect(again.text).not.toContain('Got it, thanks');
		await sleep(1000);
		const all = await p.n8n.getExecutions({ workflowId: CASES.approve.id });
		expect(all).toHaveLength(1);
		expect(askOutput(all[0])[0]).toMatchObject({ status: 'approved', respondedAt: askOutput(execution)[0].respondedAt });
	});

	test('decline (seven.io): approved: false', async () => {
		const sent = await ask('decline');
		expect(sent.json).toMatchObject({ from: '4915112345678', to: '4915112345678' });
		const links = linksIn(CASES.decline.textOf(sent));
		expect(links.map((l) => l.label)).toEqual(['Yes', 'No']);
		expect((await whenWaiting(links[1].url)).text).toContain('value="false" class="secondary">No</button>');
		expect((await post(links[1].url, { approved: 'false', confirm: 'yes' })).status).toBe(200);
		const execution = await finished(CASES.decline.id);
		expect(askOutput(execution)[0]).toMatchObject({ status: 'declined', approved: false, provider: 'seven', to: '4915112345678' });
	});

	test('free text (WhatsApp API Engine): form → text', async () => {
		const sent = await ask('freeText');
		const [link] = linksIn(CASES.freeText.textOf(sent));
		expect(link.label).toBe('Respond');
		const form = await whenWaiting(link.url);
		expect(form.text).toContain('<textarea id="field-0" name="field-0" required></textarea>');
		expect((await post(link.url, { 'field-0': 'Ship it on Monday, please' })).status).toBe(200);
		const execution = await finished(CASES.freeText.id);
		expect(askOutput(execution)[0]).toMatchObject({ status: 'answered', text: 'Ship it on Monday, please', provider: 'engine', to: '573001234568' });
	});

	test('custom form (DecisionTelecom): a bad form is shown again, a good one resumes with the fields', async () => {
		const sent = await ask('form');
		const [link] = linksIn(CASES.form.textOf(sent));
		expect((await whenWaiting(link.url)).text).toContain('<option value="Medium">Medium</option>');
		const bad = await post(link.url, { 'field-0': '', 'field-1': 'many', 'field-2': 'Small' });
		expect(bad.status).toBe(400);
		expect(bad.text).toContain('&quot;Delivery date&quot; is required.');
		expect((await post(link.url, { 'field-0': '2026-12-24', 'field-1': '3', 'field-2': 'Large' })).status).toBe(200);
		const execution = await finished(CASES.form.id);
		expect(askOutput(execution)[0]).toMatchObject({
			status: 'answered',
			form: { 'Delivery date': '2026-12-24', Boxes: 3, Size: 'Large' },
			provider: 'decisionTelecom',
		});
	});

	test('Whaapy URL button: one CTA URL button to the page with both choices', async () => {
		const sent = await ask('button');
		expect(sent.json.type).toBe('interactive');
		expect(sent.json.interactive).toMatchObject({ type: 'cta_url', body: { text: QUESTION }, action: { name: 'cta_url', parameters: { display_text: 'Respond' } } });
		const url = CASES.button.textOf(sent);
		const choices = await whenWaiting(url);
		expect(choices.text).toContain('✓ Approve</button>');
		expect(choices.text).toContain('✗ Decline</button>');
		expect((await post(url, { approved: 'true', confirm: 'yes' })).status).toBe(200);
		const execution = await finished(CASES.button.id);
		expect(askOutput(execution)[0]).toMatchObject({ status: 'approved', approved: true, to: '+5215512345679' });
	});

	test('outside the 24-hour window (Whaapy): the same error as Message → Send, nothing waits', async () => {
		const sent = await ask('window');
		expect(sent).toBeDefined();
		const execution = await finished(CASES.window.id);
		expect(execution.status).toBe('error');
		const error = execution.data.resultData.runData.Ask[0].error;
		expect(error.message).toMatch(/^Whaapy/);
		expect(`${error.message} ${error.description}`).toMatch(/24/);
	});

	test('limit wait time (InnovaAPI): nobody answers, the workflow goes on with "noResponse"', async () => {
		const sent = await ask('timeout');
		expect(sent.json).toMatchObject({ numero: '573001234567', tipo: 'text' });
		const execution = await finished(CASES.timeout.id, 150000);
		expect(execution.status).toBe('success');
		expect(askOutput(execution)).toEqual([
			{
				status: 'noResponse',
				responded: false,
				responseType: 'approval',
				message: QUESTION,
				provider: 'innova',
				to: '573001234567',
				messageId: null,
				sentAt: expect.any(String),
				waitTill: expect.any(String),
			},
		]);
	});

	test('AI agents: the tool variant offers the operation', async () => {
		const types = await p.n8n.getNodeTypes();
		const tool = types.find((t) => t.name === `${PACKAGE_NAME}.whatsAppGatewayTool`);
		expect(tool).toBeDefined();
		const ops = tool.properties.filter((prop) => prop.name === 'operation').flatMap((prop) => (prop.options || []).map((o) => o.value));
		expect(ops).toContain('sendAndWait');
		if (major >= 2) {
			// n8n 2.x also builds its human-review tool from nodes with a send-and-wait operation.
			expect(types.map((t) => t.name)).toContain(`${PACKAGE_NAME}.whatsAppGatewayHitlTool`);
		}
	});
});
