#!/usr/bin/env node
'use strict';
/**
 * README screenshots of Message → Send and Wait for Response, taken from a real run:
 * real n8n (N8N_SHOT_VERSION, default 2.41.1, from scripts/e2e/install-n8n.sh's cache) with this
 * package installed, the sandbox provider, and Debian's Chromium driven by playwright-core.
 *
 *   node scripts/screenshots/send-and-wait.js      (after scripts/e2e/pack.sh or with a build)
 *
 * Writes docs/images/send-and-wait-message.png (the message exactly as the sandbox Whaapy API
 * received it: drawn as a chat bubble, with the request body below), send-and-wait-approval-page.png
 * (the page the approve link opens, phone-sized) and send-and-wait-recorded.png (after the tap).
 */
const fs = require('fs');
const path = require('path');
const { chromium } = require('playwright-core');
const { bootProject } = require('../../test/e2e/harness/project');
const { httpRequest } = require('../../test/e2e/harness/n8n');
const env = require('../e2e/sandbox-env');

const VERSION = process.env.N8N_SHOT_VERSION || '2.41.1';
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const OUT = path.join(env.ROOT, 'docs', 'images');
const QUESTION = 'Refund of 120 EUR for order A-1042 (Ana Gómez, damaged box).\nApprove the refund?';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function workflow() {
	const cred = env.PROVIDERS.whaapy;
	return {
		id: 'shotSendAndWait1',
		name: 'send and wait: refund approval',
		active: false,
		settings: { executionOrder: 'v1' },
		connections: { Start: { main: [[{ node: 'Ask for approval', type: 'main', index: 0 }]] } },
		nodes: [
			{
				id: 'shot-start',
				name: 'Start',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: '5a1d0000-0000-4000-8000-00000000510e',
				parameters: { httpMethod: 'POST', path: 'shot-ask', responseMode: 'onReceived', options: {} },
			},
			{
				id: 'shot-ask-node',
				name: 'Ask for approval',
				type: 'n8n-nodes-whatsapp-gateway.whatsAppGateway',
				typeVersion: 1,
				position: [220, 0],
				parameters: {
					provider: 'whaapy',
					resource: 'message',
					operation: 'sendAndWait',
					to: '+52 1 55 1234 5678',
					message: QUESTION,
					approvalOptions: { values: { approvalType: 'double' } },
					options: { responseFormTitle: 'Refund approval' },
				},
				credentials: { [cred.credentialType]: { id: cred.id, name: cred.name } },
			},
		],
		pinData: {},
	};
}

function escapeHtml(text) {
	return String(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** WhatsApp's own rendering of *bold* and links, for the bubble. */
function whatsappText(text) {
	return escapeHtml(text)
		.replace(/\*([^*\n]+)\*/g, '<b>$1</b>')
		.replace(/(https?:\/\/\S+)/g, '<span class="link">$1</span>')
		.replace(/\n/g, '<br>');
}

function messagePage(request) {
	return `<!DOCTYPE html><html><head><meta charset="utf-8"><style>
body{margin:0;background:#efeae2;font-family:-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif}
.bar{background:#008069;color:#fff;padding:14px 18px;font-size:17px;font-weight:600}
.chat{padding:18px 14px}
.bubble{background:#fff;border-radius:0 10px 10px 10px;padding:8px 10px 20px;max-width:360px;font-size:15px;line-height:1.4;position:relative;box-shadow:0 1px 1px rgba(0,0,0,.12);overflow-wrap:anywhere}
.bubble .time{position:absolute;right:8px;bottom:4px;font-size:11px;color:#667781}
.link{color:#027eb5;text-decoration:underline}
.raw{margin:8px 14px 18px;background:#1e1e1e;color:#d4d4d4;font:12px/1.45 ui-monospace,Menlo,Consolas,monospace;padding:12px;border-radius:8px;white-space:pre-wrap;overflow-wrap:anywhere}
.caption{margin:0 14px;color:#54656f;font-size:12px}
</style></head><body>
<div class="bar">Shop (WhatsApp Business)</div>
<div class="chat"><div class="bubble">${whatsappText(request.json.content)}<span class="time">${new Date(request.time).toISOString().slice(11, 16)}</span></div></div>
<p class="caption">What the sandbox Whaapy API received (${escapeHtml(request.method)} /messages/v1):</p>
<div class="raw">${escapeHtml(JSON.stringify(request.json, null, 2))}</div>
</body></html>`;
}

async function main() {
	fs.mkdirSync(OUT, { recursive: true });
	const p = await bootProject(VERSION, { workflows: [workflow()] });
	let browser;
	try {
		await p.n8n.activate('shotSendAndWait1');
		await p.n8n.start();
		const url = p.n8n.webhookUrl(null, 'shot-ask');
		for (let i = 0; i < 120; i++) {
			if ((await httpRequest(url, { method: 'POST', body: {} })).status !== 404) break;
			await sleep(500);
		}
		let request;
		for (let i = 0; i < 120 && !request; i++) {
			request = p.requests({ provider: 'whaapy' }).find((r) => r.method === 'POST');
			if (!request) await sleep(500);
		}
		if (!request) throw new Error('the sandbox received no message');
		const approve = /\*✓ Approve:\* (\S+)/.exec(request.json.content)[1];

		browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] });
		const phone = { viewport: { width: 400, height: 500 }, deviceScaleFactor: 2 };

		const chat = await browser.newPage({ ...phone, viewport: { width: 400, height: 300 } });
		await chat.setContent(messagePage(request));
		await chat.screenshot({ path: path.join(OUT, 'send-and-wait-message.png'), fullPage: true });

		const page = await browser.newPage(phone);
		await page.goto(approve);
		await page.screenshot({ path: path.join(OUT, 'send-and-wait-approval-page.png') });
		await page.getByRole('button', { name: '✓ Approve' }).click();
		await page.waitForLoadState('load');
		await page.getByText('Got it, thanks').waitFor({ timeout: 30000 });
		await page.screenshot({ path: path.join(OUT, 'send-and-wait-recorded.png') });

		const [execution] = await p.n8n.waitForExecutions({ workflowId: 'shotSendAndWait1', count: 1, timeoutMs: 60000 });
		const out = execution.data.resultData.runData['Ask for approval'].slice(-1)[0].data.main[0][0].json;
		console.log(`[shots] n8n ${VERSION}: execution ${execution.status}, output ${JSON.stringify(out)}`);
	} finally {
		if (browser) await browser.close();
		await p.close();
	}
}

main().catch((e) => {
	console.error(e);
	process.exit(1);
});
