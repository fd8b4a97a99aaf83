'use strict';
/*
 * Local "sandbox provider" server: emulates the HTTP APIs of InnovaAPI, seven.io
 * (WABA), Whaapy, WhatsApp API Engine and DecisionTelecom on 127.0.0.1.
 * Plain Node.js, CommonJS, no dependencies. See sandbox/README.md.
 *
 *   node sandbox/server.js [--port N]        (default 8790 or $SANDBOX_PORT)
 *   const { startSandbox } = require('./sandbox/server');
 */
const http = require('http');
const { Recorder, rawBodyForRecord } = require('./lib/recorder');
const { parseMultipart } = require('./lib/multipart');
const { Ids, sleep } = require('./lib/util');
const control = require('./lib/control');

const PROVIDERS = [
	require('./providers/innova'),
	require('./providers/seven'),
	require('./providers/whaapy'),
	require('./providers/engine'),
	require('./providers/decisionTelecom'),
];

const DEFAULT_PORT = 8790;
const HOST = '127.0.0.1';

const DEFAULT_KEYS = Object.freeze({
	innova: 'sandbox-innova-key',
	seven: 'sandbox-seven-key',
	sevenSigning: 'sandbox-seven-signing-key',
	whaapy: 'wha_sandboxkey000000000000',
	engine: 'sandbox-engine-key',
	decision: 'sandbox-decision-key',
});

const PROVIDER_ALIASES = { decisionTelecom: 'decision', decisiontelecom: 'decision', innovaapi: 'innova', sevenio: 'seven' };

function normalizeProviderName(name) {
	if (!name) return name;
	return PROVIDER_ALIASES[name] || PROVIDER_ALIASES[String(name).toLowerCase()] || String(name).toLowerCase();
}

class Sandbox {
	constructor(options = {}) {
		this.options = options;
		this.keys = { ...DEFAULT_KEYS, ...(options.keys || {}) };
		this.providers = Object.fromEntries(PROVIDERS.map((p) => [p.name, p]));
		this.recorder = new Recorder();
		this.reset();
	}

	reset() {
		this.ids = new Ids();
		this.recorder.clear();
		this.config = {
			latencyMs: Number(this.options.latencyMs) || 0,
			bulkDelayCapMs: this.options.bulkDelayCapMs !== undefined ? Number(this.options.bulkDelayCapMs) : 5,
			faults: [],
			rateLimits: {}, // provider -> { perSecond, hits: [timestamps] }
		};
		this.lastDeliveries = [];
		this.state = {};
		for (const p of PROVIDERS) this.state[p.name] = p.createState(this);
	}

	/** Returns and consumes the first matching fault, or null. */
	takeFault(provider, path, method) {
		for (const f of this.config.faults) {
			if (f.remaining <= 0) continue;
			if (f.provider && normalizeProviderName(f.provider) !== provider) continue;
			if (f.method && String(f.method).toUpperCase() !== method) continue;
			if (f.path) {
				const fp = String(f.path);
				if (fp.endsWith('*') ? !path.startsWith(fp.slice(0, -1)) : path !== fp) continue;
			}
			f.remaining -= 1;
			return f;
		}
		return null;
	}

	/**
	 * Seconds to wait (Retry-After) when the provider's budget is spent: `perSecond` requests per
	 * sliding `windowMs` (default 1 s); 0 when the request may pass.
	 */
	rateLimited(provider) {
		const rl = this.config.rateLimits[provider];
		if (!rl || !(rl.perSecond > 0)) return 0;
		const now = Date.now();
		const windowMs = rl.windowMs || 1000;
		rl.hits = rl.hits.filter((t) => now - t < windowMs);
		if (rl.hits.length >= rl.perSecond) return Math.max(1, Math.ceil((rl.hits[0] + windowMs - now) / 1000));
		rl.hits.push(now);
		return 0;
	}
}

function readBody(req, limit) {
	return new Promise((resolve) => {
		const chunks = [];
		let size = 0;
		let tooLarge = false;
		req.on('data', (c) => {
			size += c.length;
			if (size > limit) tooLarge = true;
			else chunks.push(c);
		});
		req.on('end', () => resolve({ body: Buffer.concat(chunks), size, tooLarge }));
		req.on('error', () => resolve({ body: Buffer.concat(chunks), size, tooLarge, aborted: true }));
	});
}

function makeResponder(res, rec) {
	const respond = (status, body, headers = {}) => {
		if (res.headersSent || res.destroyed) return;
		const buf = Buffer.isBuffer(body) ? body : Buffer.from(body == null ? '' : String(body), 'utf8');
		res.writeHead(status, { 'Content-Length': buf.length, ...headers });
		res.end(buf);
		if (rec) rec.status = status;
	};
	return {
		send: respond,
		json: (status, obj, headers = {}) => respond(status, JSON.stringify(obj), { 'Content-Type': 'application/json; charset=utf-8', ...headers }),
		text: (status, str, headers = {}) => respond(status, str, { 'Content-Type': 'text/plain; charset=utf-8', ...headers }),
	};
}

async function applyFault(fault, res, r, socket) {
	const kind = fault.kind;
	if (kind === 'reset') {
		socket.destroy();
		return;
	}
	if (kind === 'hang') return; // never answer; the socket is destroyed on close()
	if (kind === 'html') {
		r.send(fault.status || 502, fault.body || '<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>', {
			'Content-Type': 'text/html',
			...(fault.headers || {}),
		});
		return;
	}
	if (kind === 'badjson') {
		r.send(fault.status || 200, fault.body || '{"success": tru', { 'Content-Type': 'application/json', ...(fault.headers || {}) });
		return;
	}
	const status = fault.status || 500;
	if (fault.body === undefined || fault.body === null) r.json(status, { error: 'sandbox fault', status }, fault.headers || {});
	else if (typeof fault.body === 'string') r.send(status, fault.body, { 'Content-Type': 'text/plain; charset=utf-8', ...(fault.headers || {}) });
	else r.json(status, fault.body, fault.headers || {});
}

async function handleProvider(sandbox, provider, req, res, url) {
	const prefixLen = provider.prefix.length;
	const path = url.pathname.slice(prefixLen) || '/';
	const method = req.method.toUpperCase();
	const { body, tooLarge } = await readBody(req, provider.bodyLimit || 11 * 1024 * 1024);
	const headers = {};
	for (const [k, v] of Object.entries(req.headers)) headers[k.toLowerCase()] = v;
	const contentType = String(headers['content-type'] || '');
	let multipart = null;
	let multipartError = null;
	if (!tooLarge && /^multipart\/form-data/i.test(contentType)) {
		try {
			multipart = parseMultipart(body, contentType);
		} catch (e) {
			multipartError = e.message;
		}
	}
	let json = null;
	let jsonError = null;
	const text = multipart ? '' : body.toString('utf8');
	if (!multipart && body.length && !tooLarge) {
		// A real Express/Yii server only parses a JSON body sent as JSON: every provider document
		// shows `Content-Type: application/json`. Any other type is an unparsed (invalid) body.
		if (/^application\/([a-z0-9.+-]*\+)?json\b/i.test(contentType)) {
			try {
				json = JSON.parse(text);
			} catch (e) {
				jsonError = e.message;
			}
		} else {
			jsonError = `Content-Type "${contentType || '(none)'}" is not application/json`;
		}
	}
	const query = Object.fromEntries(url.searchParams.entries());
	const rec = sandbox.recorder.add({
		provider: provider.name,
		method,
		path,
		query,
		headers,
		rawBody: tooLarge ? `[body too large: ${body.length}+ bytes, not kept]` : rawBodyForRecord(body, multipart),
		json,
		time: new Date().toISOString(),
		status: null,
	});
	const r = makeResponder(res, rec);

	if (sandbox.config.latencyMs > 0) await sleep(Math.min(sandbox.config.latencyMs, 60000));

	const fault = sandbox.takeFault(provider.name, path, method);
	if (fault) {
		rec.fault = { kind: fault.kind || 'status', status: fault.status || null };
		await applyFault(fault, res, r, req.socket);
		return;
	}
	const ctx = {
		sandbox,
		provider: provider.name,
		state: sandbox.state[provider.name],
		keys: sandbox.keys,
		ids: sandbox.ids,
		req,
		method,
		path,
		query,
		headers,
		contentType,
		body,
		rawText: text,
		jsonBody: json,
		jsonError,
		multipart,
		multipartError,
		tooLarge,
		record: rec,
		baseUrl: `http://${req.headers.host || HOST}${provider.prefix}`,
		...r,
	};
	const retryAfter = sandbox.rateLimited(provider.name);
	if (retryAfter) {
		rec.rateLimited = true;
		provider.rateLimitAnswer(ctx, { 'Retry-After': String(retryAfter) });
		return;
	}
	await provider.handle(ctx);
	if (!res.headersSent) r.json(500, { error: 'sandbox: provider produced no answer' });
}

function startSandbox(options = {}) {
	const sandbox = new Sandbox(options);
	const sockets = new Set();
	const server = http.createServer((req, res) => {
		const url = new URL(req.url, `http://${HOST}`);
		// Media under a provider's base URL (/whaapy/__sandbox/media…): the trigger downloads media on
		// the provider's own API host with the credential (Download Media tests, issue #10).
		const under = /^\/[a-z]+(\/__sandbox\/media(?:\/served)?)$/.exec(url.pathname);
		if (under) url.pathname = under[1];
		const run = async () => {
			if (url.pathname === '/__sandbox' || url.pathname.startsWith('/__sandbox/')) {
				await control.handle(sandbox, req, res, url, { readBody, makeResponder, normalizeProviderName });
				return;
			}
			const provider = PROVIDERS.find((p) => url.pathname === p.prefix || url.pathname.startsWith(p.prefix + '/'));
			if (!provider) {
				const r = makeResponder(res);
				r.json(404, {
					error: 'sandbox: unknown provider prefix',
					providers: PROVIDERS.map((p) => p.prefix),
					control: '/__sandbox',
				});
				req.resume();
				return;
			}
			await handleProvider(sandbox, provider, req, res, url);
		};
		run().catch((e) => {
			if (!res.headersSent) makeResponder(res).json(500, { error: `sandbox internal error: ${e.message}` });
		});
	});
	server.on('connection', (s) => {
		sockets.add(s);
		s.on('close', () => sockets.delete(s));
	});
	server.keepAliveTimeout = 5000;
	const port = options.port === undefined || options.port === null ? DEFAULT_PORT : Number(options.port);
	return new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, HOST, () => {
			const actual = server.address().port;
			const urlBase = `http://${HOST}:${actual}`;
			let closing = null;
			resolve({
				url: urlBase,
				port: actual,
				state: sandbox,
				server,
				close() {
					if (!closing) {
						closing = new Promise((res) => {
							server.close(() => res());
							for (const s of sockets) s.destroy();
						});
					}
					return closing;
				},
			});
		});
	});
}

function parseArgs(argv) {
	const out = {};
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i];
		const m = /^--([^=]+)(?:=(.*))?$/.exec(a);
		if (!m) continue;
		out[m[1]] = m[2] !== undefined ? m[2] : argv[i + 1] && !argv[i + 1].startsWith('--') ? argv[++i] : 'true';
	}
	return out;
}

function optionsFromEnvAndArgs(argv = process.argv.slice(2), env = process.env) {
	const a = parseArgs(argv);
	const keys = {};
	const pick = (flag, envName, key) => {
		const v = a[flag] !== undefined ? a[flag] : env[envName];
		if (v !== undefined && v !== '') keys[key] = v;
	};
	pick('innova-key', 'SANDBOX_INNOVA_KEY', 'innova');
	pick('seven-key', 'SANDBOX_SEVEN_KEY', 'seven');
	pick('seven-signing-key', 'SANDBOX_SEVEN_SIGNING_KEY', 'sevenSigning');
	pick('whaapy-key', 'SANDBOX_WHAAPY_KEY', 'whaapy');
	pick('engine-key', 'SANDBOX_ENGINE_KEY', 'engine');
	pick('decision-key', 'SANDBOX_DECISION_KEY', 'decision');
	const port = a.port !== undefined ? a.port : env.SANDBOX_PORT !== undefined && env.SANDBOX_PORT !== '' ? env.SANDBOX_PORT : DEFAULT_PORT;
	const latency = a.latency !== undefined ? a.latency : env.SANDBOX_LATENCY_MS;
	const cap = a['bulk-delay-cap'] !== undefined ? a['bulk-delay-cap'] : env.SANDBOX_BULK_DELAY_CAP_MS;
	return {
		port: Number(port),
		keys,
		latencyMs: latency !== undefined ? Number(latency) : 0,
		...(cap !== undefined ? { bulkDelayCapMs: Number(cap) } : {}),
	};
}

if (require.main === module) {
	const opts = optionsFromEnvAndArgs();
	startSandbox(opts).then(
		(sb) => {
			process.stdout.write(`sandbox listening on ${sb.url}\n`);
			const stop = () => sb.close().then(() => process.exit(0));
			process.on('SIGINT', stop);
			process.on('SIGTERM', stop);
		},
		(e) => {
			process.stderr.write(`sandbox failed to start: ${e.message}\n`);
			process.exit(1);
		},
	);
}

module.exports = { startSandbox, DEFAULT_KEYS, DEFAULT_PORT, optionsFromEnvAndArgs, normalizeProviderName };
