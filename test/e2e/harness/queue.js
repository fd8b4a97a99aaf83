'use strict';
/**
 * n8n's queue mode, the way a scaled installation runs it, on 127.0.0.1 only:
 *
 *   PostgreSQL + Redis (harness/services.js)
 *   main        `n8n start`    editor, REST/public API, activation (trigger create/delete)
 *   workers     `n8n worker`   run the executions they take from the Bull queue in Redis
 *   webhooks    `n8n webhook`  receive production webhooks, run the trigger's webhook(), enqueue
 *   balancer    a small reverse proxy in front of the webhook processors: the public WEBHOOK_URL
 *
 * They share the database, Redis, N8N_ENCRYPTION_KEY and one user folder holding this package
 * installed as a community package (harness/n8n.js installPackage), and the sandbox provider.
 *
 *   const q = await bootQueue(version, { workflows, activate: ['wfId'] });
 *   q.balancer.route('spread' | 'duplicate' | 'sticky' | 0 | 1);   // how the next requests go
 *   q.workerOf(executionId)  → 'worker-1' | 'worker-2' | undefined
 *   await q.close();
 */
const http = require('http');
const path = require('path');
const { createN8n, freePorts, sleep } = require('./n8n');
const { startPostgres, startRedis } = require('./services');
const { projectTgz, env } = require('./project');
const { startSandbox } = require('../../../sandbox/server');

/**
 * Environment every n8n process of the installation gets (besides the harness's offline settings,
 * user folder and encryption key). The README section "Running at scale" lists the same.
 */
function queueEnv({ major, pg, redis, publicUrl }) {
	const e = {
		...pg.env,
		...redis.env,
		EXECUTIONS_MODE: 'queue',
		// The public URL the providers call: the balancer in front of the webhook processors.
		WEBHOOK_URL: publicUrl,
		N8N_WEBHOOK_URL: publicUrl,
		// The balancer adds X-Forwarded-* headers: trust one proxy hop.
		N8N_PROXY_HOPS: '1',
		// Manual executions from the editor run on workers too (1.x default: on the main; 2.x reads it too).
		OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
		QUEUE_HEALTH_CHECK_ACTIVE: 'false',
		N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '10',
	};
	// Binary data every process can read, stored in PostgreSQL (README "Running at scale"). 2.x uses
	// it by default in queue mode; 1.123.x has it too but only when listed as available.
	e.N8N_AVAILABLE_BINARY_DATA_MODES = 'filesystem,database';
	e.N8N_DEFAULT_BINARY_DATA_MODE = 'database';
	void major;
	return e;
}

/**
 * A reverse proxy on 127.0.0.1 in front of `targets` (base URLs of the webhook processors).
 * Routing (route()):
 *   'spread'    round robin, one target per request (a load balancer's default);
 *   0, 1, …     always that target;
 *   'sticky'    by request path (same webhook URL → same processor, e.g. nginx `hash $request_uri`);
 *   'duplicate' every request goes to ALL targets at the same moment: a provider retry that lands
 *               on two processors at once. The first answer is passed back.
 *   'duplicate-sticky' two copies at the same moment to the one target 'sticky' picks.
 * `log` records { path, method, body, targets: [index…], statuses: [...] } per request.
 */
async function startBalancer(targets) {
	let mode = 'spread';
	let next = 0;
	const log = [];

	function pick(urlPath) {
		if (mode === 'duplicate') return targets.map((_, i) => i);
		if (mode === 'sticky' || mode === 'duplicate-sticky') {
			let h = 0;
			for (const c of urlPath.split('?')[0]) h = (h * 31 + c.charCodeAt(0)) >>> 0;
			const i = h % targets.length;
			return mode === 'sticky' ? [i] : [i, i];
		}
		if (typeof mode === 'number') return [mode];
		const i = next % targets.length;
		next++;
		return [i];
	}

	function forward(target, req, body) {
		return new Promise((resolve) => {
			const url = new URL(req.url, target);
			const headers = { ...req.headers };
			headers['x-forwarded-for'] = req.socket.remoteAddress || '127.0.0.1';
			headers['x-forwarded-proto'] = 'http';
			headers['x-forwarded-host'] = req.headers.host || '';
			headers['content-length'] = String(body.length);
			delete headers.connection;
			const up = http.request(url, { method: req.method, headers, agent: false }, (res) => {
				const chunks = [];
				res.on('data', (c) => chunks.push(c));
				res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
				res.on('error', (error) => resolve({ status: 502, headers: {}, body: Buffer.from(String(error)) }));
			});
			up.setTimeout(60000, () => up.destroy(new Error('upstream timeout')));
			up.on('error', (error) => resolve({ status: 502, headers: {}, body: Buffer.from(String(error)) }));
			up.end(body);
		});
	}

	const server = http.createServer((req, res) => {
		const chunks = [];
		req.on('data', (c) => chunks.push(c));
		req.on('end', async () => {
			const body = Buffer.concat(chunks);
			const chosen = pick(req.url);
			const entry = { path: req.url, method: req.method, targets: chosen, statuses: [], body: body.toString('utf8') };
			log.push(entry);
			const answers = chosen.map((i) => forward(targets[i], req, body));
			const first = await Promise.race(answers);
			const all = await Promise.all(answers);
			entry.statuses = all.map((a) => a.status);
			const headers = { ...first.headers };
			delete headers['transfer-encoding'];
			delete headers.connection;
			headers['content-length'] = String(first.body.length);
			res.writeHead(first.status, headers);
			res.end(first.body);
		});
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address();
	return {
		url: `http://127.0.0.1:${port}/`,
		port,
		log,
		route(m) {
			mode = m;
			next = 0;
		},
		close: () =>
			new Promise((resolve) => {
				server.close(() => resolve());
				if (server.closeAllConnections) server.closeAllConnections();
			}),
	};
}

/**
 * Boot the whole installation for one n8n version. `workflows`: array (or
 * fn(sandboxUrl, { publicUrl }) → array)
 * imported before start; `activate`: workflow ids activated (1.x) / published (2.x) before start.
 */
async function bootQueue(version, { workflows = [], activate = [], workers = 2, webhooks = 2 } = {}) {
	const major = Number(String(version).split('.')[0]);
	const tgz = projectTgz();
	const timings = {};
	const t0 = Date.now();
	const stack = []; // cleanup in reverse order
	const q = { version, major, timings, workers: [], webhooks: [] };
	q.close = async () => {
		for (const fn of stack.reverse()) {
			try {
				await fn();
			} catch (_) {
				/* best effort */
			}
		}
		stack.length = 0;
	};
	try {
		const sb = await startSandbox({ port: 0, bulkDelayCapMs: 5 });
		stack.push(() => sb.close());
		q.sb = sb;
		q.sandboxUrl = sb.url;

		let t = Date.now();
		const [pg, redis] = await Promise.all([startPostgres(), startRedis()]);
		stack.push(() => pg.stop());
		stack.push(() => redis.stop());
		q.pg = pg;
		q.redis = redis;
		timings.services = Date.now() - t;

		const ports = await freePorts(2 * webhooks + workers);
		const hookPorts = ports.slice(0, webhooks);
		const brokerPorts = ports.slice(webhooks);
		const balancer = await startBalancer(hookPorts.map((p) => `http://127.0.0.1:${p}/`));
		stack.push(() => balancer.close());
		q.balancer = balancer;
		q.publicUrl = balancer.url;

		const n8n = await createN8n({ version, env: queueEnv({ major, pg, redis, publicUrl: balancer.url }) });
		stack.push(() => n8n.cleanup());
		q.n8n = n8n;
		// Each process gets a disk of its own for binary data, as on separate machines: whatever
		// crosses processes must go through the shared binary-data store, not a shared folder.
		const binaryDir = (name) => path.join(n8n.root, `binary-${name}`);
		n8n.env.N8N_BINARY_DATA_STORAGE_PATH = binaryDir('main');

		t = Date.now();
		q.installed = await n8n.installPackage(tgz);
		await n8n.importCredentials(env.sandboxCredentials(sb.url));
		const given = typeof workflows === 'function' ? workflows(sb.url, { publicUrl: balancer.url }) : workflows;
		const list = given.flatMap((w) => (typeof w === 'function' ? w(sb.url, { publicUrl: balancer.url }) : w));
		if (list.length) await n8n.importWorkflow(list);
		for (const id of activate) await n8n.activate(id);
		timings.prepare = Date.now() - t;

		// The main first (it runs the database migrations), then workers and webhook processors.
		t = Date.now();
		await n8n.start({ timeoutMs: 300000 });
		timings.main = Date.now() - t;
		t = Date.now();
		const starts = [];
		for (let i = 0; i < workers; i++) {
			starts.push(
				n8n.startProcess({
					name: `worker-${i + 1}`,
					args: ['worker', '--concurrency=10'],
					env: {
						N8N_RUNNERS_BROKER_PORT: String(brokerPorts[2 * i]),
						N8N_BINARY_DATA_STORAGE_PATH: binaryDir(`worker-${i + 1}`),
					},
					ready: /n8n worker is now ready/,
					timeoutMs: 300000,
				}),
			);
		}
		for (let i = 0; i < webhooks; i++) {
			starts.push(
				n8n.startProcess({
					name: `webhook-${i + 1}`,
					args: ['webhook'],
					env: {
						N8N_PORT: String(hookPorts[i]),
						N8N_RUNNERS_BROKER_PORT: String(brokerPorts[2 * i + 1]),
						N8N_BINARY_DATA_STORAGE_PATH: binaryDir(`webhook-${i + 1}`),
					},
					ready: /Webhook listener waiting for requests/,
					timeoutMs: 300000,
				}),
			);
		}
		const procs = await Promise.all(starts);
		q.workers = procs.filter((p) => p.name.startsWith('worker-'));
		q.webhooks = procs.filter((p) => p.name.startsWith('webhook-'));
		q.webhookUrls = hookPorts.map((p) => `http://127.0.0.1:${p}/`);
		timings.others = Date.now() - t;
		await n8n.setupOwner();
		timings.boot = Date.now() - t0;
	} catch (e) {
		await q.close();
		throw e;
	}

	/** Which worker's log says it started this execution. */
	q.workerOf = (executionId) => {
		const re = new RegExp(`(Worker started execution|Start job:[^\\n]*Execution:?) ${executionId}\\b`);
		const hits = q.workers.filter((w) => re.test(w.output()));
		return hits.length === 1 ? hits[0].name : hits.length ? hits.map((h) => h.name).join(',') : undefined;
	};
	/** Provider requests the sandbox received (see sandbox/README.md). */
	q.requests = (filter = {}) => q.sb.state.recorder.list(filter);
	q.clearRequests = () => q.sb.state.recorder.clear();
	/** Every process's log tail, for failure messages. */
	q.logs = (n = 3000) =>
		[
			['main', q.n8n.logs()],
			...[...q.workers, ...q.webhooks].map((p) => [p.name, p.output()]),
		]
			.map(([name, text]) => `--- ${name}\n${text.slice(-n)}`)
			.join('\n');
	q.sleep = sleep;
	return q;
}

module.exports = { bootQueue, startBalancer, queueEnv };
