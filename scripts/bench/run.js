#!/usr/bin/env node
'use strict';
/**
 * `npm run bench`: throughput of the WhatsApp Gateway node against n8n's own HTTP Request node, its
 * behaviour under a provider rate limit, memory and load time, in real n8n against the local
 * sandbox provider (sandbox/server.js) with a fixed latency. Prints a table; it is a measurement,
 * not a test (it fails only when a run does not deliver every message exactly once).
 *
 * Side by side in ONE execution: Items (a Code node making N seven.io text messages) feeds both an
 * HTTP Request node POSTing them (n8n's default options: every item at once) and the WhatsApp Gateway
 * node with default options (automatic concurrency). n8n runs the two branches one after the other
 * (the higher node first; executions alternate which one that is); ratio = the Gateway's
 * executionTime ÷ the HTTP Request node's. The two send from different numbers, so "exactly once"
 * is checked per node.
 *
 * Reuses the e2e harness: scripts/e2e/install-n8n.sh installs each n8n version into its cache; the
 * package is built and packed, installed as a community package, and every workflow runs with
 * `n8n execute`. Times are n8n's own executionTime of the nodes (the CLI's start-up is not counted).
 *
 * Env: N8N_BENCH_VERSIONS (default "1.123.81,2.41.1"; N8N_BENCH_VERSION = one version),
 *      N8N_BENCH_LATENCIES (ms, default "0,50,200"; "none" skips), N8N_BENCH_N (1000), N8N_BENCH_REPEATS (2),
 *      N8N_BENCH_MEMORY_N (10000), N8N_BENCH_RATE_N (300; 0 skips the rate-limit rows),
 *      N8N_BENCH_RATE_VERSIONS (the versions that run the rate-limit rows; default the first one),
 *      N8N_BENCH_CPU_PROF=<dir> (n8n runs with --cpu-prof, profiles written there).
 */
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');

const ROOT = path.resolve(__dirname, '..', '..');
const { bootProject, NODE_TYPE } = require(path.join(ROOT, 'test', 'e2e', 'harness', 'project'));
const env = require(path.join(ROOT, 'scripts', 'e2e', 'sandbox-env'));

const list = (value) => String(value).split(',').map((v) => v.trim()).filter(Boolean);
const VERSIONS = list(process.env.N8N_BENCH_VERSIONS || process.env.N8N_BENCH_VERSION || '1.123.81,2.41.1');
const LATENCIES = list(process.env.N8N_BENCH_LATENCIES || '0,50,200').filter((v) => v !== 'none').map(Number);
const N = Number(process.env.N8N_BENCH_N || 1000);
const MEMORY_N = Number(process.env.N8N_BENCH_MEMORY_N || 10000);
const RATE_N = Number(process.env.N8N_BENCH_RATE_N ?? 300);
/** Side-by-side executions per latency, alternating which node runs first. */
const REPEATS = Math.max(1, Number(process.env.N8N_BENCH_REPEATS || 2));
const RATE_VERSIONS = list(process.env.N8N_BENCH_RATE_VERSIONS || VERSIONS[0]);
const CPU_PROF = process.env.N8N_BENCH_CPU_PROF ? path.resolve(process.env.N8N_BENCH_CPU_PROF) : '';
/** Whaapy's published limit (docs/providers/whaapy.md): 100 requests per minute. */
const WHAAPY_LIMIT = { perSecond: 100, windowMs: 60_000 };

const SEVEN = env.PROVIDERS.seven;
const WHAAPY = env.PROVIDERS.whaapy;
const HTTP_FROM = '4915112345678';
const NODE_FROM = '4915112345679';

/* ----------------------------------------------------------------------------- workflows */

function itemsNode(count, tag) {
	// Unique recipient and text per item, so "exactly once" can be checked per message. Numbers end
	// in 3, clear of the sandbox's magic suffixes (…0000047, …0000429, …0000500, …0000400, …0000402).
	return {
		id: `gen-${tag}`,
		name: 'Items',
		type: 'n8n-nodes-base.code',
		typeVersion: 2,
		position: [220, 100],
		parameters: {
			jsCode: `return Array.from({ length: ${count} }, (_, i) => ({ json: { to: String(573010000003 + i * 10), text: '${tag} message ' + i } }));`,
		},
	};
}

/** Start → Items → each of `senders` (a branch each, run top to bottom). */
function workflow(id, count, senders) {
	return {
		id,
		name: `Bench ${id}`,
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			{ id: `trg-${id}`, name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 100], parameters: {} },
			itemsNode(count, id),
			...senders.map((node, i) => ({ id: `${id}-${i}`, position: [440, i * 200], ...node })),
		],
		connections: {
			Start: { main: [[{ node: 'Items', type: 'main', index: 0 }]] },
			Items: { main: [senders.map((node) => ({ node: node.name, type: 'main', index: 0 }))] },
		},
	};
}

function gatewayNode(name, options = {}) {
	return {
		name,
		type: NODE_TYPE,
		typeVersion: 1,
		parameters: {
			provider: 'seven',
			resource: 'message',
			operation: 'send',
			sevenFrom: NODE_FROM,
			to: '={{ $json.to }}',
			messageType: 'text',
			text: '={{ $json.text }}',
			options,
		},
		credentials: { [SEVEN.credentialType]: { id: SEVEN.id, name: SEVEN.name } },
	};
}

function whaapyNode(name, options = {}) {
	return {
		name,
		type: NODE_TYPE,
		typeVersion: 1,
		parameters: {
			provider: 'whaapy',
			resource: 'message',
			operation: 'send',
			to: '={{ "+" + $json.to }}',
			messageType: 'text',
			text: '={{ $json.text }}',
			options,
		},
		credentials: { [WHAAPY.credentialType]: { id: WHAAPY.id, name: WHAAPY.name } },
	};
}

/** n8n's HTTP Request node doing the same POST with its default options (all items at once). */
function httpRequestNode(name, sandboxUrl) {
	return {
		name,
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		parameters: {
			method: 'POST',
			url: `${sandboxUrl}/seven/api/waba/messages`,
			sendHeaders: true,
			headerParameters: { parameters: [{ name: 'X-Api-Key', value: env.SANDBOX_KEYS.seven }] },
			sendBody: true,
			specifyBody: 'json',
			jsonBody: `={{ JSON.stringify({ from: '${HTTP_FROM}', to: $json.to, type: 'text', text: $json.text }) }}`,
			options: {},
		},
	};
}

function allWorkflows(sandboxUrl) {
	return [
		// Two orders: HTTP Request on top (runs first) and WhatsApp Gateway on top.
		...LATENCIES.flatMap((latency) => [
			workflow(`benchSbs${latency}h`, N, [httpRequestNode('HTTP Request', sandboxUrl), gatewayNode('WhatsApp Gateway')]),
			workflow(`benchSbs${latency}g`, N, [gatewayNode('WhatsApp Gateway'), httpRequestNode('HTTP Request', sandboxUrl)]),
		]),
		workflow('benchRateAuto', RATE_N || 1, [whaapyNode('Whaapy')]),
		workflow('benchRateResp', RATE_N || 1, [whaapyNode('Whaapy', { respectRateLimit: true })]),
		workflow('benchMem1', 1, [gatewayNode('WhatsApp Gateway')]),
		workflow('benchMem10k', MEMORY_N, [gatewayNode('WhatsApp Gateway')]),
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
		return all;
	};
}

/** Throws unless each of `count` messages was accepted exactly once; returns the 429 count. */
function checkExactlyOnce(label, requests, count, keyOf) {
	const accepted = new Map();
	for (const r of requests) {
		if (r.status !== 200) continue;
		const key = keyOf(r.json || {});
		accepted.set(key, (accepted.get(key) || 0) + 1);
	}
	const duplicates = [...accepted.values()].filter((n) => n > 1).length;
	if (accepted.size !== count || duplicates > 0) {
		throw new Error(`${label}: ${accepted.size} distinct messages accepted, ${duplicates} duplicates (expected ${count} exactly once)`);
	}
	return requests.filter((r) => r.rateLimited || r.status === 429).length;
}

/** Runs a workflow; returns executionTime per node and the provider requests it caused. */
async function execute(p, workflowId, nodeNames) {
	p.clearRequests();
	const stopRecording = recordAll(p);
	const started = Date.now();
	const { execution } = await p.n8n.executeRaw(workflowId, { timeoutMs: 20 * 60 * 1000 });
	const wallMs = Date.now() - started;
	const requests = stopRecording();
	const times = {};
	for (const name of nodeNames) {
		const runs = execution.data.resultData.runData[name];
		if (!runs) throw new Error(`${workflowId}: ${name} did not run: ${JSON.stringify(execution.data.resultData.error ?? {}).slice(0, 500)}`);
		const task = runs[runs.length - 1];
		if (task.error) throw new Error(`${workflowId}: ${name} failed: ${task.error.message} ${task.error.description ?? ''}`.slice(0, 800));
		times[name] = { ms: task.executionTime, outputs: task.data.main[0].length };
	}
	return { times, requests, wallMs };
}

async function sideBySide(p, latency, order) {
	await control(p.sandboxUrl, { latencyMs: latency });
	const id = `benchSbs${latency}${order}`;
	const { times, requests } = await execute(p, id, ['HTTP Request', 'WhatsApp Gateway']);
	await control(p.sandboxUrl, { latencyMs: 0 });
	const sends = requests.filter((r) => r.provider === 'seven' && r.path === '/api/waba/messages');
	for (const [name, from] of [['HTTP Request', HTTP_FROM], ['WhatsApp Gateway', NODE_FROM]]) {
		if (times[name].outputs !== N) throw new Error(`${id}: ${name} gave ${times[name].outputs} outputs for ${N} items`);
		checkExactlyOnce(`${id} ${name}`, sends.filter((r) => r.json && r.json.from === from), N, (j) => `${j.to}|${j.text}`);
	}
	return { http: times['HTTP Request'].ms, node: times['WhatsApp Gateway'].ms };
}

async function rateLimited(p, id) {
	await control(p.sandboxUrl, { rateLimit: { provider: 'whaapy', ...WHAAPY_LIMIT } });
	try {
		const { times, requests } = await execute(p, id, ['Whaapy']);
		const sends = requests.filter((r) => r.provider === 'whaapy' && r.path === '/messages/v1');
		if (times.Whaapy.outputs !== RATE_N) throw new Error(`${id}: ${times.Whaapy.outputs} outputs for ${RATE_N} items`);
		const limited = checkExactlyOnce(id, sends, RATE_N, (j) => `${j.to}|${j.content}`);
		return { ms: times.Whaapy.ms, requests: sends.length, limited };
	} finally {
		await control(p.sandboxUrl, { rateLimit: { provider: 'whaapy', perSecond: 0 } });
	}
}

async function memory(p, workflowId, count) {
	p.clearRequests();
	const stopRecording = recordAll(p);
	const stopWatch = watchPeakRss(workflowId);
	const started = Date.now();
	// n8n's printed execution JSON of 10,000 items (tens of MB) is cut off when the CLI exits, so
	// only the exit code is read; delivery is checked at the provider.
	const res = await p.n8n.cli(['execute', `--id=${workflowId}`], { timeoutMs: 20 * 60 * 1000 });
	if (res.code !== 0 && res.code !== 139) throw new Error(`${workflowId}: n8n execute exited ${res.code}`);
	const wallMs = Date.now() - started;
	const peakKb = stopWatch();
	const sends = stopRecording().filter((r) => r.provider === 'seven' && r.path === '/api/waba/messages');
	checkExactlyOnce(workflowId, sends, count, (j) => `${j.to}|${j.text}`);
	return { peakKb, wallMs };
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
	const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
	return { pkgMs: median(samples.map((s) => s.pkg)), workflowMs: median(samples.map((s) => s.workflow)), files: files.length };
}

/* ----------------------------------------------------------------------------- main */

const fmt = (ms) => (ms >= 10000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`);
const ratio = (a, b) => (a / b).toFixed(2);
const log = (message) => process.stderr.write(`[bench] ${message}\n`);

function table(header, rows) {
	const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
	const line = (cells) => `| ${cells.map((c, i) => String(c).padEnd(widths[i])).join(' | ')} |`;
	return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

async function benchVersion(version, out) {
	log(`n8n ${version}: scripts/e2e/install-n8n.sh (cached after the first run)…`);
	const install = spawnSync(path.join(ROOT, 'scripts', 'e2e', 'install-n8n.sh'), [version], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'], timeout: 30 * 60 * 1000 });
	if (install.status !== 0) throw new Error(`scripts/e2e/install-n8n.sh ${version} failed (${install.status})`);
	log(`n8n ${version}: building, packing and installing the package…`);
	const p = await bootProject(version, { workflows: allWorkflows });
	if (CPU_PROF) {
		fs.mkdirSync(CPU_PROF, { recursive: true });
		p.n8n.env.NODE_OPTIONS = `--cpu-prof --cpu-prof-dir=${path.join(CPU_PROF, version)}`;
	}
	try {
		for (const latency of LATENCIES) {
			const runs = [];
			for (let i = 0; i < REPEATS; i++) {
				const order = i % 2 === 0 ? 'h' : 'g';
				log(`n8n ${version}: ${N} sends at ${latency} ms latency, one execution, ${order === 'h' ? 'HTTP Request' : 'WhatsApp Gateway'} first`);
				runs.push(await sideBySide(p, latency, order));
			}
			const http = runs.reduce((a, r) => a + r.http, 0);
			const node = runs.reduce((a, r) => a + r.node, 0);
			out.throughput.push([
				version,
				`${latency} ms`,
				runs.map((r) => fmt(r.http)).join(', '),
				runs.map((r) => fmt(r.node)).join(', '),
				runs.map((r) => ratio(r.node, r.http)).join(', '),
				ratio(node, http),
			]);
		}
		if (RATE_N > 0 && RATE_VERSIONS.includes(version)) {
			const bound = Math.ceil(RATE_N / WHAAPY_LIMIT.perSecond - 1) * WHAAPY_LIMIT.windowMs;
			for (const [id, label] of [['benchRateAuto', 'defaults'], ['benchRateResp', 'Respect Rate Limit']]) {
				log(`n8n ${version}: ${RATE_N} Whaapy sends, provider limit 100 requests/minute, ${label}`);
				const r = await rateLimited(p, id);
				out.rate.push([version, label, `${RATE_N}/${RATE_N}, exactly once`, `${r.requests} (${r.limited} answered 429)`, fmt(r.ms), ratio(r.ms, bound)]);
			}
		}
		log(`n8n ${version}: memory, 1 vs ${MEMORY_N} items`);
		const one = await memory(p, 'benchMem1', 1);
		const many = await memory(p, 'benchMem10k', MEMORY_N);
		out.memory.push([
			version,
			`${Math.round(many.peakKb / 1024)} MB`,
			`${Math.round(one.peakKb / 1024)} MB`,
			`${Math.round(((many.peakKb - one.peakKb) / (MEMORY_N - 1)) * 1.024)} KB`,
			fmt(many.wallMs),
		]);
	} finally {
		await p.close();
	}
}

async function main() {
	const t0 = Date.now();
	const out = { throughput: [], rate: [], memory: [] };
	for (const version of VERSIONS) await benchVersion(version, out);
	const load = coldLoad(path.join(ROOT, 'dist'));

	const cpus = os.cpus();
	console.log(
		`\nWhatsApp Gateway benchmark — ${new Date().toISOString().slice(0, 16)}Z, ${cpus.length} × ${cpus[0] ? cpus[0].model.trim() : 'CPU'}, ` +
			`load average ${os.loadavg().map((l) => l.toFixed(1)).join(' / ')} at the end, sandbox provider on 127.0.0.1\n`,
	);
	console.log(
		`${N} seven.io text sends; each execution runs both nodes on the same items, side by side (${REPEATS} executions per row, alternately HTTP Request first and WhatsApp Gateway first).\n` +
			'Ratio = WhatsApp Gateway ÷ HTTP Request executionTime (≤ 1.00: as fast or faster); the last column is over all executions of the row:\n',
	);
	console.log(table(['n8n', 'Provider latency', 'HTTP Request node', 'WhatsApp Gateway, defaults', 'Ratio per execution', 'Ratio'], out.throughput));
	if (out.rate.length) {
		console.log(`\n${RATE_N} Whaapy text sends against its published limit of 100 requests per minute (sandbox answers 429 + Retry-After; bound = the minutes the limit needs):\n`);
		console.log(table(['n8n', 'Options', 'Delivered', 'Requests', 'executionTime', 'Ratio to bound'], out.rate));
	}
	console.log(`\nPeak RSS of the n8n process (n8n execute), ${MEMORY_N} items vs 1 item:\n`);
	console.log(table(['n8n', `${MEMORY_N} items`, '1 item', 'Per item', `Whole n8n execute, ${MEMORY_N} items`], out.memory));
	console.log(`\nCold load of the node + ${load.files - 1} credential files: ${load.pkgMs.toFixed(1)} ms (n8n-workflow itself: ${load.workflowMs.toFixed(1)} ms, ratio ${ratio(load.pkgMs, load.workflowMs)}), Node ${process.version}.`);
	console.log(`\nTimes are n8n's executionTime of each node. Whole bench: ${fmt(Date.now() - t0)}.`);
}

main().catch((error) => {
	console.error(`[bench] FAILED: ${error && error.stack ? error.stack : error}`);
	process.exit(1);
});
