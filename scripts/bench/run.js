#!/usr/bin/env node
'use strict';
/**
 * `npm run bench`: throughput, rate-limit behaviour, load time and memory of the WhatsApp Gateway
 * node in real n8n, against the local sandbox provider (sandbox/server.js). Prints a table; it is
 * a measurement, not a test (it fails only when a run does not deliver every message exactly once).
 *
 * Reuses the e2e harness: scripts/e2e/install-n8n.sh installs n8n (N8N_BENCH_VERSION, default the
 * first of N8N_E2E_VERSIONS, else 1.123.81) into its cache; the package is built and packed,
 * installed as a community package, and every workflow runs with `n8n execute`. Times are n8n's own
 * executionTime of the measured node (the CLI's start-up is not counted).
 *
 * Env: N8N_BENCH_N (default 1000), N8N_BENCH_MEMORY_N (10000), N8N_BENCH_RATE_N (300),
 *      N8N_BENCH_RATE_PER_SECOND (50), N8N_BENCH_LATENCY_MS (50).
 */
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');

const ROOT = path.resolve(__dirname, '..', '..');
const { bootProject, NODE_TYPE } = require(path.join(ROOT, 'test', 'e2e', 'harness', 'project'));
const env = require(path.join(ROOT, 'scripts', 'e2e', 'sandbox-env'));

const VERSION = process.env.N8N_BENCH_VERSION || (process.env.N8N_E2E_VERSIONS || '1.123.81').split(',')[0].trim();
const N = Number(process.env.N8N_BENCH_N || 1000);
const MEMORY_N = Number(process.env.N8N_BENCH_MEMORY_N || 10000);
const RATE_N = Number(process.env.N8N_BENCH_RATE_N || 300);
const RATE_PER_SECOND = Number(process.env.N8N_BENCH_RATE_PER_SECOND || 50);
const LATENCY_MS = Number(process.env.N8N_BENCH_LATENCY_MS || 50);
const DEFAULT_CONCURRENCY = 5;

const SEVEN = env.PROVIDERS.seven;
const FROM = '4915112345678';
const SEND = 'Send';

/* ----------------------------------------------------------------------------- workflows */

function generator(count, tag) {
	// Unique recipient and text per item, so "exactly once" can be checked per message. Numbers end
	// in 3, clear of the sandbox's magic suffixes (…0000047, …0000429, …0000500, …0000400, …0000402).
	return {
		id: `gen-${tag}`,
		name: 'Items',
		type: 'n8n-nodes-base.code',
		typeVersion: 2,
		position: [220, 0],
		parameters: {
			jsCode: `return Array.from({ length: ${count} }, (_, i) => ({ json: { to: String(573010000003 + i * 10), text: '${tag} message ' + i } }));`,
		},
	};
}

function workflow(id, count, sendNode) {
	return {
		id,
		name: `Bench ${id}`,
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			{ id: `trg-${id}`, name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			generator(count, id),
			{ id: `send-${id}`, name: SEND, position: [440, 0], ...sendNode },
		],
		connections: {
			Start: { main: [[{ node: 'Items', type: 'main', index: 0 }]] },
			Items: { main: [[{ node: SEND, type: 'main', index: 0 }]] },
		},
	};
}

function gatewayNode(options = {}) {
	return {
		type: NODE_TYPE,
		typeVersion: 1,
		parameters: {
			provider: 'seven',
			resource: 'message',
			operation: 'send',
			sevenFrom: FROM,
			to: '={{ $json.to }}',
			messageType: 'text',
			text: '={{ $json.text }}',
			options,
		},
		credentials: { [SEVEN.credentialType]: { id: SEVEN.id, name: SEVEN.name } },
	};
}

/** n8n's HTTP Request node doing the same POST (sequential, as the node does by default). */
function httpRequestNode(sandboxUrl) {
	return {
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		parameters: {
			method: 'POST',
			url: `${sandboxUrl}/seven/api/waba/messages`,
			sendHeaders: true,
			headerParameters: { parameters: [{ name: 'X-Api-Key', value: env.SANDBOX_KEYS.seven }] },
			sendBody: true,
			specifyBody: 'json',
			jsonBody: `={{ JSON.stringify({ from: '${FROM}', to: $json.to, type: 'text', text: $json.text }) }}`,
			options: {},
		},
	};
}

function allWorkflows(sandboxUrl) {
	return [
		workflow('benchNode0ms', N, gatewayNode()),
		workflow('benchNodeC1', N, gatewayNode({ concurrency: 1 })),
		workflow('benchHttp0ms', N, httpRequestNode(sandboxUrl)),
		workflow('benchLatC5', N, gatewayNode()),
		workflow('benchLatC20', N, gatewayNode({ concurrency: 20 })),
		workflow('benchRate', RATE_N, gatewayNode({ maxRetries: 10 })),
		workflow('benchMem1', 1, gatewayNode()),
		workflow('benchMem10k', MEMORY_N, gatewayNode()),
	];
}

/* ----------------------------------------------------------------------------- measuring */

async function control(sandboxUrl, body) {
	const res = await fetch(`${sandboxUrl}/__sandbox/config`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify(body),
	});
	if (!res.ok) throw new Error(`sandbox config ${JSON.stringify(body)} → ${res.status} ${await res.text()}`);
}

/** Peak RSS (VmHWM) of the `n8n execute` process running this workflow, polled from /proc. */
function watchPeakRss(workflowId) {
	let peakKb = 0;
	const timer = setInterval(() => {
		for (const pid of fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
			try {
				const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
				if (!cmdline.includes(`--id=${workflowId}`) || !cmdline.includes('execute')) continue;
				const hwm = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
				if (hwm) peakKb = Math.max(peakKb, Number(hwm[1]));
			} catch {
				/* process gone */
			}
		}
	}, 50);
	return () => {
		clearInterval(timer);
		return peakKb;
	};
}

/**
 * Every provider request of the run. The sandbox's own log keeps the last 5,000; the bench keeps
 * its own references (the sandbox fills in `status` when it answers).
 */
function recordAll(p) {
	const recorder = p.sb.state.recorder;
	const all = [];
	const add = recorder.add.bind(recorder);
	recorder.add = (entry) => {
		const rec = add(entry);
		all.push(rec);
		return rec;
	};
	return () => {
		recorder.add = add;
		return all.filter((r) => r.provider === 'seven' && r.path === '/api/waba/messages');
	};
}

async function run(p, workflowId, { count, rateLimited = false, printsResult = true } = {}) {
	p.clearRequests();
	const stopRecording = recordAll(p);
	const stopWatch = watchPeakRss(workflowId);
	const started = Date.now();
	let nodeMs;
	let outputs = count;
	if (printsResult) {
		const { execution } = await p.n8n.executeRaw(workflowId, { timeoutMs: 15 * 60 * 1000 });
		const runs = execution.data.resultData.runData[SEND];
		if (!runs) throw new Error(`${workflowId}: the Send node did not run: ${JSON.stringify(execution.data.resultData.error ?? {}).slice(0, 500)}`);
		const task = runs[runs.length - 1];
		if (task.error) throw new Error(`${workflowId}: the Send node failed: ${task.error.message}`);
		outputs = task.data.main[0].length;
		nodeMs = task.executionTime;
	} else {
		// Large runs: n8n's printed execution JSON (tens of MB) is cut off when the CLI exits, so
		// only the exit code is read; delivery is checked at the provider below.
		const res = await p.n8n.cli(['execute', `--id=${workflowId}`], { timeoutMs: 15 * 60 * 1000 });
		if (res.code !== 0 && res.code !== 139) throw new Error(`${workflowId}: n8n execute exited ${res.code}`);
	}
	const wallMs = Date.now() - started;
	const peakKb = stopWatch();
	// Exactly once: every message reached the provider and was accepted once, none twice.
	const requests = stopRecording();
	const accepted = new Map();
	for (const r of requests) {
		if (r.status !== 200) continue;
		const key = `${r.json && r.json.to}|${r.json && r.json.text}`;
		accepted.set(key, (accepted.get(key) || 0) + 1);
	}
	const duplicates = [...accepted.values()].filter((n) => n > 1).length;
	const limited = requests.filter((r) => r.rateLimited || r.status === 429).length;
	if (outputs !== count || accepted.size !== count || duplicates > 0) {
		throw new Error(`${workflowId}: ${outputs} outputs, ${accepted.size} distinct messages accepted, ${duplicates} duplicates (expected ${count} exactly once)`);
	}
	if (rateLimited && limited === 0) throw new Error(`${workflowId}: the provider never rate limited: the scenario measured nothing`);
	return { nodeMs: nodeMs ?? wallMs, wallMs, peakKb, requests: requests.length, limited };
}

/** Cold require time (ms) of the package's node and credential files, after n8n-workflow is loaded. */
function coldLoad(distDir, repeats = 7) {
	const files = [
		path.join(distDir, 'nodes', 'WhatsAppGateway', 'WhatsAppGateway.node.js'),
		...fs
			.readdirSync(path.join(distDir, 'credentials'))
			.filter((f) => f.endsWith('.credentials.js'))
			.map((f) => path.join(distDir, 'credentials', f)),
	];
	const script = `
		const t0 = process.hrtime.bigint();
		require('n8n-workflow');
		const t1 = process.hrtime.bigint();
		const files = ${JSON.stringify(files)};
		for (const f of files) {
			const m = require(f);
			for (const C of Object.values(m)) if (typeof C === 'function') void new C().description;
		}
		const t2 = process.hrtime.bigint();
		console.log(JSON.stringify({ workflow: Number(t1 - t0) / 1e6, pkg: Number(t2 - t1) / 1e6 }));`;
	const samples = [];
	for (let i = 0; i < repeats; i++) {
		const res = spawnSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8', timeout: 60000 });
		if (res.status !== 0) throw new Error(`cold load failed: ${res.stderr}`);
		samples.push(JSON.parse(res.stdout.trim().split('\n').pop()));
	}
	const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];
	return { pkgMs: median(samples.map((s) => s.pkg)), workflowMs: median(samples.map((s) => s.workflow)), files: files.length };
}

/* ----------------------------------------------------------------------------- main */

const fmt = (ms) => (ms >= 10000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`);
const ratio = (a, b) => (a / b).toFixed(2);

async function main() {
	const t0 = Date.now();
	// Fresh clone: install Node 24 + n8n into the e2e cache first (idempotent, quick when cached).
	process.stderr.write(`[bench] n8n ${VERSION}: scripts/e2e/install-n8n.sh (cached after the first run)…\n`);
	const install = spawnSync(path.join(ROOT, 'scripts', 'e2e', 'install-n8n.sh'), [VERSION], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'], timeout: 30 * 60 * 1000 });
	if (install.status !== 0) throw new Error(`scripts/e2e/install-n8n.sh ${VERSION} failed (${install.status})`);
	process.stderr.write(`[bench] n8n ${VERSION}: building, packing and installing the package…\n`);
	const p = await bootProject(VERSION, { workflows: allWorkflows });
	const rows = [];
	try {
		process.stderr.write(`[bench] ${N} text sends, 0 ms latency\n`);
		await control(p.sandboxUrl, { latencyMs: 0 });
		const node0 = await run(p, 'benchNode0ms', { count: N });
		const nodeC1 = await run(p, 'benchNodeC1', { count: N });
		const http0 = await run(p, 'benchHttp0ms', { count: N });
		rows.push([`${N} sends, 0 ms latency: WhatsApp Gateway (concurrency ${DEFAULT_CONCURRENCY}) vs HTTP Request node`, fmt(node0.nodeMs), fmt(http0.nodeMs), ratio(node0.nodeMs, http0.nodeMs)]);
		rows.push([`${N} sends, 0 ms latency: WhatsApp Gateway (concurrency 1) vs HTTP Request node`, fmt(nodeC1.nodeMs), fmt(http0.nodeMs), ratio(nodeC1.nodeMs, http0.nodeMs)]);

		process.stderr.write(`[bench] ${N} text sends, ${LATENCY_MS} ms latency\n`);
		await control(p.sandboxUrl, { latencyMs: LATENCY_MS });
		const lat5 = await run(p, 'benchLatC5', { count: N });
		const lat20 = await run(p, 'benchLatC20', { count: N });
		await control(p.sandboxUrl, { latencyMs: 0 });
		const bound5 = (N * LATENCY_MS) / DEFAULT_CONCURRENCY;
		const bound20 = (N * LATENCY_MS) / 20;
		rows.push([`${N} sends, ${LATENCY_MS} ms latency, concurrency ${DEFAULT_CONCURRENCY} vs N×latency/concurrency`, fmt(lat5.nodeMs), fmt(bound5), ratio(lat5.nodeMs, bound5)]);
		rows.push([`${N} sends, ${LATENCY_MS} ms latency, concurrency 20 vs N×latency/concurrency`, fmt(lat20.nodeMs), fmt(bound20), ratio(lat20.nodeMs, bound20)]);

		process.stderr.write(`[bench] ${RATE_N} sends against ${RATE_PER_SECOND} requests/s (429 + Retry-After: 1)\n`);
		await control(p.sandboxUrl, { rateLimit: { provider: 'seven', perSecond: RATE_PER_SECOND } });
		const rate = await run(p, 'benchRate', { count: RATE_N, rateLimited: true });
		await control(p.sandboxUrl, { rateLimit: { provider: 'seven', perSecond: 0 } });
		const rateBound = (RATE_N / RATE_PER_SECOND) * 1000;
		rows.push([
			`${RATE_N} sends, provider limit ${RATE_PER_SECOND}/s: all delivered exactly once (${rate.limited} answers were 429) vs N/limit`,
			fmt(rate.nodeMs),
			fmt(rateBound),
			ratio(rate.nodeMs, rateBound),
		]);

		process.stderr.write(`[bench] memory: 1 vs ${MEMORY_N} items\n`);
		const mem1 = await run(p, 'benchMem1', { count: 1, printsResult: false });
		const memN = await run(p, 'benchMem10k', { count: MEMORY_N, printsResult: false });
		rows.push([
			`Peak RSS of n8n, ${MEMORY_N} items vs 1 item (${Math.round((memN.peakKb - mem1.peakKb) / MEMORY_N * 1024) } bytes/item; whole n8n execute ${fmt(memN.wallMs)})`,
			`${Math.round(memN.peakKb / 1024)} MB`,
			`${Math.round(mem1.peakKb / 1024)} MB`,
			ratio(memN.peakKb, mem1.peakKb),
		]);

		const load = coldLoad(path.join(ROOT, 'dist'));
		rows.push([`Cold load of the node + ${load.files - 1} credential files vs n8n-workflow itself`, `${load.pkgMs.toFixed(1)} ms`, `${load.workflowMs.toFixed(1)} ms`, ratio(load.pkgMs, load.workflowMs)]);
	} finally {
		await p.close();
	}

	const header = ['Scenario', 'Measured', 'Reference', 'Ratio'];
	const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
	const line = (cells) => `| ${cells.map((c, i) => String(c).padEnd(widths[i])).join(' | ')} |`;
	console.log(`\nWhatsApp Gateway benchmark — n8n ${VERSION}, Node ${process.version} (bench process), ${require('os').cpus().length} CPUs, sandbox provider on 127.0.0.1`);
	console.log(line(header));
	console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
	for (const row of rows) console.log(line(row));
	console.log(`\nTimes are n8n's executionTime of the measured node. Whole bench: ${fmt(Date.now() - t0)}.`);
}

main().catch((error) => {
	console.error(`[bench] FAILED: ${error && error.stack ? error.stack : error}`);
	process.exit(1);
});
