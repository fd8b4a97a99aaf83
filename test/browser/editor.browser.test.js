'use strict';
/**
 * The editor experience, in the real editor of every supported n8n version (scripts/e2e/browser.sh):
 * a fresh n8n (no credentials) with this package installed as n8n installs community packages, the
 * sandbox provider, and Debian's Chromium driven like a new user would:
 *
 * - signs in; adds the node from the node creator by searching "WhatsApp";
 * - per provider: picks "Send a message (<provider>)", checks the exact parameters shown, creates the
 *   credential in the credential window (its test fails with a wrong key and says why, then passes),
 *   fills the message, executes the step and reads the sent message in the output panel; counts
 *   the clicks and keystrokes from a blank canvas to the sent message (printed as a table);
 * - picks a Whaapy template from the dynamic list and sends it;
 * - reads the Engine's QR code as an image in the output panel;
 * - adds the trigger from the node creator and sees its webhook URL.
 *
 * Screenshots: .e2e-tmp/browser/<version>/.
 */
const fs = require('fs');
const path = require('path');

const { N8nInstance, requireInstalled, freePort, OWNER } = require('../e2e/harness/n8n');
const { startSandbox } = require('../../sandbox/server');
const { SANDBOX_KEYS } = require('../../scripts/e2e/sandbox-env');
const { launch, userOf, screenshots } = require('./ui');

const ROOT = path.resolve(__dirname, '..', '..');
const VERSIONS = (process.env.N8N_E2E_VERSIONS || '1.123.81,2.41.1')
	.split(',')
	.map((v) => v.trim())
	.filter(Boolean);
const TGZ = process.env.N8N_E2E_PACKAGE_TGZ;
const RESULTS = path.join(ROOT, '.e2e-tmp', 'browser');

/** What a new user enters, per provider: the credential and the message. */
const PROVIDERS = [
	{
		id: 'whaapy',
		sendPath: '/messages/v1',
		name: 'Whaapy',
		credential: (sb) => ({ 'API Key': SANDBOX_KEYS.whaapy, 'Base URL': `${sb}/whaapy` }),
		wrongKey: { 'API Key': 'wha_wrongkey' },
		wrongKeyMessage: 'Whaapy rejected the API key (HTTP 401 unauthorized)',
		fields: { To: '+52 1 55 1234 5678', Text: 'Hola desde n8n' },
		shown: ['Provider', 'Resource', 'Operation', 'To', 'Message Type', 'Text', 'Options'],
	},
	{
		id: 'seven',
		sendPath: '/api/waba/messages',
		name: 'seven.io',
		credential: (sb) => ({ 'API Key': SANDBOX_KEYS.seven, 'Base URL': `${sb}/seven` }),
		wrongKey: { 'API Key': 'wrong-seven-key' },
		wrongKeyMessage:
			'No seven.io answer: the API key was rejected (seven code 900) or lacks the waba scope (902), or the Base URL does not point at the seven.io gateway (https://gateway.seven.io)',
		fields: { To: '+49 176 12345678', Text: 'Hallo aus n8n', From: '4915112345678' },
		shown: ['Provider', 'Resource', 'Operation', 'To', 'Message Type', 'Text', 'From', 'Options'],
	},
	{
		id: 'innova',
		sendPath: '/api/whatsapp/enviar',
		name: 'InnovaAPI',
		credential: (sb) => ({ 'Base URL': `${sb}/innova`, 'API Key': SANDBOX_KEYS.innova }),
		wrongKey: { 'API Key': 'wrong-innova-key' },
		wrongKeyMessage: 'InnovaAPI rejected the API key (HTTP 401 "API Key inválida o no enviada")',
		fields: { To: '+57 300 123 4567', Text: 'Hola desde n8n' },
		shown: ['Provider', 'Resource', 'Operation', 'To', 'Message Type', 'Text', 'Options'],
	},
	{
		id: 'engine',
		sendPath: '/api/messages/send',
		name: 'WhatsApp API Engine',
		credential: (sb) => ({ 'Base URL': `${sb}/engine`, 'API Key': SANDBOX_KEYS.engine }),
		wrongKey: { 'API Key': 'wrong-engine-key' },
		wrongKeyMessage:
			'The Engine rejected the API key (HTTP 403 INVALID_API_KEY): use the API_KEY of your server',
		fields: { To: '+57 300 123 4567', Text: 'Hola desde n8n' },
		shown: ['Provider', 'Resource', 'Operation', 'To', 'Message Type', 'Text', 'Options'],
	},
	{
		id: 'decisionTelecom',
		sendPath: '/v1/api/send-whatsapp',
		name: 'DecisionTelecom',
		credential: (sb) => ({ 'User Hash Key': SANDBOX_KEYS.decision, 'Base URL': `${sb}/decision` }),
		wrongKey: { 'User Hash Key': 'wrong-decision-key' },
		wrongKeyMessage: 'DecisionTelecom rejected the access key (HTTP 401 Unauthorized)',
		fields: { To: '+380 63 123 4567', Text: 'Hello from n8n', Sender: 'Sandbox Shop' },
		shown: ['Provider', 'Resource', 'Operation', 'To', 'Message Type', 'Text', 'Sender', 'Options'],
	},
];

/** The node creator's entries, from the installed package's own description (see test/unit/editor). */
function expectedActions() {
	const dist = path.join(ROOT, 'dist', 'nodes', 'WhatsAppGateway');
	const node = new (require(path.join(dist, 'WhatsAppGateway.node.js')).WhatsAppGateway)().description;
	const names = [];
	for (const property of node.properties.filter((p) => p.name === 'resource')) {
		for (const option of property.options || []) {
			const operations = node.properties.find(
				(p) => p.name === 'operation' && (p.displayOptions?.show?.resource || []).includes(option.value),
			);
			for (const o of operations?.options || []) names.push(o.action);
		}
	}
	const trigger = new (require(path.join(dist, 'WhatsAppGatewayTrigger.node.js')).WhatsAppGatewayTrigger)()
		.description;
	const triggerOn = trigger.properties.find((p) => p.displayName === 'Trigger On');
	return { actions: names, triggers: triggerOn.options.map((o) => o.action) };
}

const clickTable = {};

afterAll(() => {
	const versions = Object.keys(clickTable);
	if (versions.length === 0) return;
	const lines = ['', 'Clicks / keystrokes from a blank canvas to a sent message:', ''];
	lines.push(`| Provider | ${versions.map((v) => `n8n ${v}`).join(' | ')} |`);
	lines.push(`|---|${versions.map(() => '---:').join('|')}|`);
	for (const p of PROVIDERS) {
		lines.push(
			`| ${p.name} | ${versions
				.map((v) => {
					const c = clickTable[v][p.id];
					return c ? `${c.clicks} clicks, ${c.keys} keys (${c.typed} of them the values)` : '—';
				})
				.join(' | ')} |`,
		);
	}
	const text = lines.join('\n');
	process.stdout.write(`${text}\n`);
	fs.mkdirSync(RESULTS, { recursive: true });
	fs.writeFileSync(path.join(RESULTS, 'clicks.md'), `${text}\n`);
});

describe.each(VERSIONS)('n8n %s editor', (version) => {
	const major = Number(version.split('.')[0]);
	const shotsDir = path.join(RESULTS, version);
	const shot = screenshots(shotsDir);
	let sandbox;
	let n8n;
	let browser;
	let page;
	let user;
	let sandboxUrl;

	beforeAll(async () => {
		if (!TGZ) throw new Error('N8N_E2E_PACKAGE_TGZ is not set (scripts/e2e/browser.sh packs the package)');
		fs.rmSync(shotsDir, { recursive: true, force: true });
		sandbox = await startSandbox({ port: await freePort() });
		sandboxUrl = sandbox.url;
		const root = path.join(ROOT, '.e2e-tmp', `browser-n8n-${version}`);
		fs.rmSync(root, { recursive: true, force: true });
		n8n = new N8nInstance({
			version,
			port: await freePort(),
			brokerPort: await freePort(),
			root,
			n8nBin: requireInstalled(version),
		});
		await n8n.installPackage(TGZ);
		await n8n.start();
		await n8n.setupOwner();
		browser = await launch();
		page = browser.page;
		user = userOf(page, path.join(shotsDir, 'failure.png'));
	}, 300_000);

	afterAll(async () => {
		if (browser) await browser.close();
		if (n8n) await n8n.stop().catch(() => {});
		if (sandbox) await sandbox.close().catch(() => {});
	}, 60_000);

	/* ------------------------------------------------------------------ helpers (not counted) */

	const ndv = () => page.locator('[data-test-id="ndv"]');
	const parameters = () => page.locator('[data-test-id="node-parameters"]');

	async function signIn() {
		await page.goto(`${n8n.baseUrl}/signin`);
		await page.locator('input[type="email"]').fill(OWNER.email);
		await page.locator('input[type="password"]').fill(OWNER.password);
		await page.keyboard.press('Enter');
		await page.waitForURL((url) => !/signin/.test(url.pathname), { timeout: 60_000 });
	}

	async function blankCanvas() {
		await page.goto(`${n8n.baseUrl}/workflow/new`);
		await page.locator('[data-test-id="canvas-add-button"]').waitFor();
		await page.waitForTimeout(500);
	}

	/** The labels of the parameters the panel shows, top to bottom (visible ones only). */
	async function shownParameters() {
		await page.waitForTimeout(300);
		return await parameters().evaluate((root) => {
			const labels = [];
			for (const label of root.querySelectorAll('[data-test-id="input-label"] label')) {
				if (!(label instanceof HTMLElement) || label.offsetParent === null) continue;
				const text = (label.innerText || '').split('\n')[0].replace(/\s*\*$/, '').trim();
				// 1.x renders the Fixed / Expression switch with label elements too.
				if (text === 'Fixed' || text === 'Expression') continue;
				if (text && labels[labels.length - 1] !== text) labels.push(text);
			}
			return labels;
		});
	}

	/** Opens the node creator on a blank canvas, searches "WhatsApp" and opens the node (counted). */
	async function openNodeFromCreator() {
		await user.click(page.locator('[data-test-id="canvas-add-button"]'));
		await user.type('WhatsApp');
		await user.click(page.getByText('WhatsApp Gateway', { exact: true }).first());
	}

	async function expandActions() {
		const header = page.getByText(/^Actions \(\d+\)$/);
		if ((await header.count()) > 0) {
			const list = page.getByText('Send a message (Whaapy)', { exact: true });
			if (!(await list.isVisible().catch(() => false))) await user.click(header.first());
		}
	}

	/** The entries of the node creator's list for the node (triggers and actions). */
	async function creatorEntries() {
		return (await page.locator('[data-test-id="item-iterator-item"]').allInnerTexts()).map((t) => t.trim());
	}

	/* ------------------------------------------------------------------ the tests */

	test('sign in', async () => {
		await signIn();
		await blankCanvas();
		await shot(page, 'blank-canvas');
	});

	test('the node creator lists every action of every provider once, named with the provider', async () => {
		await blankCanvas();
		await openNodeFromCreator();
		await expandActions();
		await page.waitForTimeout(500);
		await shot(page, 'node-creator-actions');
		const entries = await creatorEntries();
		const expected = expectedActions();
		const listed = entries.filter((e) => !/ACTIONS$/i.test(e) || /\(/.test(e));
		for (const name of [...expected.triggers, ...expected.actions]) expect(listed).toContain(name);
		expect(new Set(expected.actions).size).toBe(expected.actions.length);
		// Group headings name the providers.
		const headings = entries.filter((e) => /actions$/i.test(e) && !/\(/.test(e)).map((e) => e.toLowerCase());
		expect(headings).toEqual([
			'decisiontelecom actions',
			'innovaapi actions',
			'seven.io actions',
			'whaapy actions',
			'whatsapp api engine actions',
		]);
		await page.keyboard.press('Escape');
	});

	const FIELD = { 'API Key': 'apiKey', 'Base URL': 'baseUrl', 'User Hash Key': 'accessKey' };
	const PARAMETER = { To: 'to', Text: 'text', From: 'sevenFrom', Sender: 'decisionSourceAddr' };
	const dialog = () => page.locator('[data-test-id="credential-edit-dialog"]');

	/**
	 * Replaces a credential field's value, counted as a person does it: click, select all, type.
	 * (Typed through `fill`: key-by-key typing at machine speed loses characters in n8n 2.x's
	 * credential inputs after the first one replaces a default value.)
	 */
	async function fillCredentialField(label, value) {
		const input = dialog()
			.locator(`[data-test-id="${FIELD[label]}"] input, [data-test-id="parameter-input-${FIELD[label]}"] input`)
			.first();
		await user.click(input);
		await input.fill(value);
		user.counts.keys += 1 + [...value].length;
		await page.waitForTimeout(500);
	}

	/**
	 * Saves the credential, which runs its test, and returns n8n's verdict and what the window then
	 * shows (the failure reason is behind "More details" in 2.x).
	 */
	async function saveCredential() {
		const tested = page.waitForResponse((r) => r.url().includes('/rest/credentials/test'), { timeout: 60_000 });
		await user.click(page.locator('[data-test-id="credential-save-button"]').first());
		const verdict = (await (await tested).json()).data;
		await page.waitForTimeout(800);
		const more = page.getByText('More details', { exact: true });
		if (verdict.status !== 'OK' && (await more.isVisible().catch(() => false))) await more.click();
		await page.waitForTimeout(300);
		// n8n closes the window of a new credential whose test passed.
		const open = await dialog().isVisible().catch(() => false);
		const text = open ? (await dialog().innerText()).replace(/\s+/g, ' ') : '';
		return { ok: verdict.status === 'OK', message: verdict.message, text, open };
	}

	async function closeCredential() {
		if (!(await dialog().isVisible().catch(() => false))) return;
		await user.press('Escape');
		await dialog().waitFor({ state: 'hidden' });
	}

	async function executeStep() {
		await user.click(ndv().locator('[data-test-id="node-execute-button"]').first());
	}

	/** The output panel's text once the step has run. */
	async function outputText() {
		const output = page.locator('[data-test-id="output-panel"]');
		await output.getByText(/\d+ items?|item/i).first().waitFor({ timeout: 60_000 }).catch(() => {});
		await page.waitForTimeout(500);
		return (await output.innerText()).replace(/\s+/g, ' ');
	}

	describe.each(PROVIDERS)('$name', (provider) => {
		test('from a blank canvas to a sent message, as a new user', async () => {
			await blankCanvas();
			user.reset();
			await openNodeFromCreator();
			await expandActions();
			await user.click(page.getByText(`Send a message (${provider.name})`, { exact: true }));
			await ndv().waitFor();
			await page.waitForTimeout(800);
			await shot(page, `${provider.id}-panel`);

			// The panel shows this provider's fields, in the order a person fills them.
			expect(await shownParameters()).toEqual(provider.shown);

			// No credential yet: the panel offers this provider's, and its window tests it on save.
			// 2.x: one button named after the credential type without the word "API"; 1.x: the
			// Credential dropdown, then "Create new credential".
			if (major >= 2) {
				await user.click(page.getByText(/^Connect to WhatsApp Gateway: /).first());
			} else {
				await user.click(ndv().locator('[data-test-id="node-credentials-select"]').first());
				await user.click(page.locator('[data-test-id="node-credentials-select-item-new"]').first());
			}
			await dialog().waitFor();
			for (const [label, value] of Object.entries(provider.credential(sandboxUrl))) await fillCredentialField(label, value);
			const verdict = await saveCredential();
			await shot(page, `${provider.id}-credential-tested`);
			expect(verdict).toMatchObject({ ok: true, message: 'Connection successful!' });
			await closeCredential();

			let typed = 0;
			for (const [label, value] of Object.entries(provider.fields)) {
				const input = parameters().locator(`[data-test-id="parameter-input-${PARAMETER[label]}"]`).locator('input, textarea').first();
				await user.click(input);
				// Counted as typed; entered with `fill` (see fillCredentialField).
				await input.fill(value);
				user.counts.keys += [...value].length;
				typed += [...value].length;
				await page.waitForTimeout(400);
			}
			await fetch(`${sandboxUrl}/__sandbox/requests`, { method: 'DELETE' });
			await executeStep();
			const output = await outputText();
			await shot(page, `${provider.id}-sent`);
			expect(output).toContain(provider.id);

			// What the provider received: exactly this one message.
			const received = await (await fetch(`${sandboxUrl}/__sandbox/requests?provider=${provider.id}`)).json();
			expect(received.map((r) => [r.method, r.path])).toEqual([['POST', provider.sendPath]]);
			expect(JSON.stringify(received[0].json)).toContain(provider.fields.Text);
			clickTable[version] = clickTable[version] || {};
			clickTable[version][provider.id] = { ...user.counts, typed: typed + Object.values(provider.credential(sandboxUrl)).join('').length };
		});

		test('the credential test fails with a wrong key and says why, then passes again', async () => {
			await user.click(ndv().locator('[data-test-id="credential-edit-button"]').first());
			await dialog().waitFor();
			for (const [label, value] of Object.entries(provider.wrongKey)) await fillCredentialField(label, value);
			const failed = await saveCredential();
			await shot(page, `${provider.id}-credential-wrong-key`);
			expect(failed.ok).toBe(false);
			expect(failed.text).toContain(provider.wrongKeyMessage);
			const right = provider.credential(sandboxUrl);
			for (const label of Object.keys(provider.wrongKey)) await fillCredentialField(label, right[label]);
			expect(await saveCredential()).toMatchObject({ ok: true });
			await closeCredential();
			await page.keyboard.press('Escape');
		});
	});

	/** Adds a node through the node creator entry (the provider's credential exists by now). */
	async function addFromCreator(entry) {
		await blankCanvas();
		await openNodeFromCreator();
		await expandActions();
		await page.getByText(entry, { exact: true }).click();
		await ndv().waitFor();
		await page.waitForTimeout(800);
	}

	/** Picks an option of a dropdown parameter: open it, click the option. */
	async function choose(parameter, option) {
		await parameters().locator(`[data-test-id="parameter-input-${parameter}"]`).first().click();
		await page.waitForTimeout(600);
		const byRole = page.getByRole('option', { name: new RegExp(`^\\s*${option}`) }).first();
		if (await byRole.isVisible().catch(() => false)) await byRole.click();
		else await page.getByText(option, { exact: true }).last().click();
		await page.waitForTimeout(600);
	}

	test('Whaapy template picked from the dynamic list: its name and language are sent', async () => {
		await addFromCreator('Send a message (Whaapy)');
		await choose('messageType', 'Template');
		expect(await shownParameters()).toEqual(['Provider', 'Resource', 'Operation', 'To', 'Message Type', 'Template', 'Language Code', 'Parameters', 'Options']);
		await parameters().locator('[data-test-id="parameter-input-to"] input').fill('+52 1 55 1234 5678');
		await page.waitForTimeout(400);
		// The first input of a resource locator is its mode (From list / By Name); the list opens
		// from the second.
		await parameters().locator('[data-test-id="parameter-input-templateName"]').getByPlaceholder(/Choose/).first().click();
		await page.waitForTimeout(1500);
		await shot(page, 'whaapy-template-opened');
		const entry = page.getByText('hello_world (en_US): needs 0 body parameters, 0 button parameters', { exact: true });
		await entry.waitFor({ timeout: 20_000 });
		await expect(page.getByText('order_update (es): needs 2 body parameters, 0 button parameters', { exact: true }).isVisible()).resolves.toBe(true);
		await shot(page, 'whaapy-template-list');
		await entry.click();
		await page.waitForTimeout(500);
		await fetch(`${sandboxUrl}/__sandbox/requests`, { method: 'DELETE' });
		await ndv().locator('[data-test-id="node-execute-button"]').first().click();
		const output = await outputText();
		await shot(page, 'whaapy-template-sent');
		expect(output).toContain('template');
		const received = await (await fetch(`${sandboxUrl}/__sandbox/requests?provider=whaapy`)).json();
		expect(received.map((r) => [r.method, r.path])).toEqual([['POST', '/messages/v1']]);
		expect(received[0].json).toMatchObject({ type: 'template', templateName: 'hello_world', language: 'en_US' });
		await page.keyboard.press('Escape');
	});

	test('WhatsApp API Engine: the QR code comes out as an image', async () => {
		await fetch(`${sandboxUrl}/__sandbox/config`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ engineSession: 'qr_pending' }) });
		await addFromCreator('Get the QR code as an image');
		await ndv().locator('[data-test-id="node-execute-button"]').first().click();
		const output = await outputText();
		expect(output).toMatch(/qr|png/i);
		const binaryTab = page.locator('[data-test-id="output-panel"]').getByText(/^Binary$/).first();
		if (await binaryTab.isVisible().catch(() => false)) await binaryTab.click();
		await page.waitForTimeout(800);
		await shot(page, 'engine-qr-output');
		await page.keyboard.press('Escape');
	});

	test('the trigger from the node creator shows its webhook URL', async () => {
		await addFromCreator('On inbound WhatsApp message (seven.io)');
		expect(await shownParameters()).toEqual(['Provider', 'Events', 'Options']);
		const urls = page.getByText(/Webhook URLs?/i).first();
		await urls.click();
		await page.waitForTimeout(500);
		const text = (await ndv().innerText()).replace(/\s+/g, ' ');
		await shot(page, 'trigger-webhook-url');
		expect(text).toMatch(new RegExp(`${n8n.baseUrl.replace(/[.]/g, '\\.')}/webhook(-test)?/[0-9a-f-]+/webhook`));
		await page.keyboard.press('Escape');
	});
});
