'use strict';
/* Control API under /__sandbox (no auth). See README.md. */
const { deliverAll } = require('./webhookSender');
const { sampleFiles } = require('./files');

const FAULT_KINDS = ['reset', 'hang', 'html', 'badjson'];
const ENGINE_SESSIONS = ['connected', 'disconnected', 'qr_pending'];
const MAX_DELIVERY_LOG = 500;

async function handle(sandbox, req, res, url, helpers) {
	const { readBody, makeResponder, normalizeProviderName } = helpers;
	const r = makeResponder(res);
	const { body } = await readBody(req, 1024 * 1024);
	let json = {};
	if (body.length) {
		try {
			json = JSON.parse(body.toString('utf8'));
		} catch (e) {
			return r.json(400, { error: `invalid JSON: ${e.message}` });
		}
	}
	const method = req.method.toUpperCase();
	const route = url.pathname.replace(/\/+$/, '') || '/__sandbox';
	const q = Object.fromEntries(url.searchParams.entries());
	const providerNames = Object.keys(sandbox.providers);

	if (route === '/__sandbox' && method === 'GET') {
		return r.json(200, {
			providers: Object.fromEntries(Object.values(sandbox.providers).map((p) => [p.name, p.prefix])),
			keys: sandbox.keys,
			config: publicConfig(sandbox),
			endpoints: ['GET /__sandbox/requests', 'DELETE /__sandbox/requests', 'GET|POST /__sandbox/config', 'POST /__sandbox/reset', 'GET /__sandbox/webhooks', 'POST /__sandbox/fire', 'GET /__sandbox/deliveries', 'GET /__sandbox/files/{sample.png,sample.pdf}', 'GET /__sandbox/media?bytes=&length=&delayMs=&redirect=', 'GET /__sandbox/media/served'],
		});
	}
	if (route === '/__sandbox/requests') {
		if (method === 'GET') {
			return r.json(200, sandbox.recorder.list({ provider: q.provider ? normalizeProviderName(q.provider) : undefined, method: q.method, path: q.path }));
		}
		if (method === 'DELETE') {
			sandbox.recorder.clear();
			return r.json(200, { success: true });
		}
	}
	if (route === '/__sandbox/reset' && method === 'POST') {
		sandbox.reset();
		return r.json(200, { success: true, config: publicConfig(sandbox) });
	}
	if (route === '/__sandbox/config') {
		if (method === 'GET') return r.json(200, publicConfig(sandbox));
		if (method === 'POST') {
			const err = applyConfig(sandbox, json, normalizeProviderName, providerNames);
			if (err) return r.json(400, { error: err });
			return r.json(200, publicConfig(sandbox));
		}
	}
	if (route === '/__sandbox/webhooks' && method === 'GET') {
		const out = {};
		for (const p of Object.values(sandbox.providers)) if (p.webhooks) out[p.name] = p.webhooks(sandbox.state[p.name]);
		return r.json(200, out);
	}
	if (route === '/__sandbox/deliveries' && method === 'GET') {
		return r.json(200, sandbox.deliveryLog || []);
	}
	if (route.startsWith('/__sandbox/files/') && (method === 'GET' || method === 'HEAD')) {
		// Sample files for the examples ("download a file, send it"); stable bytes, so tests can
		// compare sha256 of what a provider received with what was served.
		const f = sampleFiles()[route.slice('/__sandbox/files/'.length)];
		if (!f) return r.json(404, { error: `no sample file ${route}; have ${Object.keys(sampleFiles()).join(', ')}` });
		return r.send(200, method === 'HEAD' ? Buffer.alloc(0) : f.data, { 'Content-Type': f.mimeType, 'Content-Disposition': `inline; filename="${f.fileName}"` });
	}
	if (route === '/__sandbox/media' && method === 'GET') {
		// Media a delivery can point to, for the trigger's Download Media rules (issue #10):
		// ?bytes=N (streamed in 64 KiB chunks; &length=1 sends Content-Length), ?delayMs=N (before
		// the headers), ?redirect=<url> (302 there). Counts what it really sent in sandbox.mediaServed.
		const delay = Math.min(Number(q.delayMs) || 0, 120000);
		if (delay) await new Promise((done) => setTimeout(done, delay));
		if (q.redirect) {
			res.writeHead(302, { Location: q.redirect, 'Content-Length': '0' });
			return res.end();
		}
		const total = Math.max(0, Number(q.bytes) || 1024);
		const headers = { 'Content-Type': 'application/octet-stream', 'Content-Disposition': 'inline; filename="sandbox-media.bin"' };
		if (q.length === '1') headers['Content-Length'] = String(total);
		res.writeHead(200, headers);
		const chunk = Buffer.alloc(65536, 0x61);
		let sent = 0;
		sandbox.mediaServed = 0;
		const pump = () => {
			while (sent < total) {
				const part = chunk.subarray(0, Math.min(chunk.length, total - sent));
				sent += part.length;
				sandbox.mediaServed = sent;
				if (!res.write(part)) return res.once('drain', pump);
			}
			res.end();
		};
		res.on('close', () => res.removeAllListeners('drain'));
		return pump();
	}
	if (route === '/__sandbox/media/served' && method === 'GET') {
		return r.json(200, { bytes: sandbox.mediaServed || 0 });
	}
	if (route === '/__sandbox/fire' && method === 'POST') {
		let deliveries;
		if (json.replay === true) {
			deliveries = sandbox.lastDeliveries || [];
		} else {
			const name = normalizeProviderName(json.provider);
			const p = sandbox.providers[name];
			if (!p) return r.json(400, { error: `unknown provider "${json.provider}"; one of ${providerNames.join(', ')}` });
			if (!p.fire) return r.json(400, { error: `${name} has no webhooks to fire` });
			if (json.signature && !['valid', 'invalid', 'missing'].includes(json.signature)) return r.json(400, { error: 'signature must be valid|invalid|missing' });
			if (json.shape && !['flat', 'wrapped'].includes(json.shape)) return r.json(400, { error: 'shape must be flat|wrapped' });
			try {
				deliveries = p.fire(sandbox, sandbox.state[name], json);
			} catch (e) {
				return r.json(400, { error: e.message });
			}
			sandbox.lastDeliveries = deliveries;
		}
		const results = await deliverAll(deliveries);
		sandbox.deliveryLog = (sandbox.deliveryLog || []).concat(results.map((x) => ({ ...x, time: new Date().toISOString(), replay: json.replay === true })));
		if (sandbox.deliveryLog.length > MAX_DELIVERY_LOG) sandbox.deliveryLog.splice(0, sandbox.deliveryLog.length - MAX_DELIVERY_LOG);
		return r.json(200, results);
	}
	return r.json(404, { error: `unknown control route ${method} ${route}` });
}

function publicConfig(sandbox) {
	const c = sandbox.config;
	return {
		latencyMs: c.latencyMs,
		bulkDelayCapMs: c.bulkDelayCapMs,
		faults: c.faults.map((f) => ({ ...f })),
		rateLimits: Object.fromEntries(Object.entries(c.rateLimits).map(([k, v]) => [k, { perSecond: v.perSecond, windowMs: v.windowMs }])),
		engineSession: sandbox.state.engine.session,
	};
}

function applyConfig(sandbox, json, normalizeProviderName, providerNames) {
	const allowed = ['latencyMs', 'bulkDelayCapMs', 'faults', 'engineSession', 'rateLimit', 'rateLimits'];
	for (const k of Object.keys(json)) if (!allowed.includes(k)) return `unknown config key "${k}" (allowed: ${allowed.join(', ')})`;
	if (json.latencyMs !== undefined) {
		if (!(Number.isFinite(json.latencyMs) && json.latencyMs >= 0 && json.latencyMs <= 60000)) return 'latencyMs must be a number 0..60000';
	}
	if (json.bulkDelayCapMs !== undefined) {
		if (!(Number.isFinite(json.bulkDelayCapMs) && json.bulkDelayCapMs >= 0 && json.bulkDelayCapMs <= 10000)) return 'bulkDelayCapMs must be a number 0..10000';
	}
	let faults;
	if (json.faults !== undefined) {
		if (!Array.isArray(json.faults)) return 'faults must be an array';
		faults = [];
		for (const f of json.faults) {
			if (!f || typeof f !== 'object') return 'each fault must be an object';
			const provider = f.provider ? normalizeProviderName(f.provider) : undefined;
			if (provider && !providerNames.includes(provider)) return `unknown provider "${f.provider}" in fault`;
			if (f.kind !== undefined && !FAULT_KINDS.includes(f.kind)) return `fault kind must be one of ${FAULT_KINDS.join(', ')}`;
			const count = f.count === undefined ? 1 : f.count;
			if (!Number.isInteger(count) || count < 1 || count > 100000) return 'fault count must be a positive integer';
			if (f.status !== undefined && !(Number.isInteger(f.status) && f.status >= 100 && f.status <= 599)) return 'fault status must be an HTTP status code';
			faults.push({ provider, path: f.path, method: f.method, count, remaining: count, status: f.status, headers: f.headers, body: f.body, kind: f.kind });
		}
	}
	let session;
	if (json.engineSession !== undefined) {
		if (!ENGINE_SESSIONS.includes(json.engineSession)) return `engineSession must be one of ${ENGINE_SESSIONS.join(', ')}`;
		session = json.engineSession;
	}
	const rls = [];
	for (const rl of [].concat(json.rateLimit || [], json.rateLimits || [])) {
		const p = normalizeProviderName(rl && rl.provider);
		if (!providerNames.includes(p)) return `rateLimit.provider must be one of ${providerNames.join(', ')}`;
		if (!(rl.perSecond === null || rl.perSecond === 0 || (Number.isInteger(rl.perSecond) && rl.perSecond > 0))) return 'rateLimit.perSecond must be a positive integer (0 or null removes the limit)';
		const windowMs = rl.windowMs === undefined ? 1000 : rl.windowMs;
		if (!(Number.isInteger(windowMs) && windowMs >= 1 && windowMs <= 3600000)) return 'rateLimit.windowMs must be an integer 1..3600000';
		rls.push([p, rl.perSecond, windowMs]);
	}
	// all valid: apply
	if (json.latencyMs !== undefined) sandbox.config.latencyMs = json.latencyMs;
	if (json.bulkDelayCapMs !== undefined) sandbox.config.bulkDelayCapMs = json.bulkDelayCapMs;
	if (faults) sandbox.config.faults = faults;
	if (session) sandbox.state.engine.session = session;
	for (const [p, perSecond, windowMs] of rls) {
		if (!perSecond) delete sandbox.config.rateLimits[p];
		else sandbox.config.rateLimits[p] = { perSecond, windowMs, hits: [] };
	}
	return null;
}

module.exports = { handle };
