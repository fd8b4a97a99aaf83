'use strict';
/* Delivers webhook requests to loopback URLs only; no retries (each provider's
   retry policy is documented in docs/providers/ but not emulated). */
const http = require('http');
const https = require('https');
const { isLocalTarget } = require('./util');

const TIMEOUT_MS = 5000;

/**
 * delivery: { url, method, headers, body (string|Buffer) }
 * resolves { url, method, status, responseBody, requestHeaders, requestBody, error? }
 */
function deliver(delivery) {
	const { url, method = 'POST', headers = {}, body = '' } = delivery;
	const base = { url, method, requestHeaders: headers, requestBody: Buffer.isBuffer(body) ? body.toString('utf8') : body };
	if (!isLocalTarget(url)) {
		return Promise.resolve({ ...base, status: null, responseBody: null, error: 'refused: the sandbox only delivers to 127.0.0.1/localhost' });
	}
	return new Promise((resolve) => {
		let u;
		try {
			u = new URL(url);
		} catch (e) {
			resolve({ ...base, status: null, responseBody: null, error: `invalid url: ${e.message}` });
			return;
		}
		const buf = Buffer.isBuffer(body) ? body : Buffer.from(body || '', 'utf8');
		const h = { ...headers };
		if (buf.length || method !== 'GET') h['Content-Length'] = String(buf.length);
		const lib = u.protocol === 'https:' ? https : http;
		const req = lib.request(
			u,
			{ method, headers: h, timeout: TIMEOUT_MS, rejectUnauthorized: false },
			(res) => {
				const chunks = [];
				let size = 0;
				res.on('data', (c) => {
					if (size < 1024 * 1024) chunks.push(c);
					size += c.length;
				});
				res.on('end', () => resolve({ ...base, status: res.statusCode, responseBody: Buffer.concat(chunks).toString('utf8') }));
				res.on('error', (e) => resolve({ ...base, status: res.statusCode, responseBody: null, error: e.message }));
			},
		);
		req.on('timeout', () => req.destroy(new Error(`timeout after ${TIMEOUT_MS} ms`)));
		req.on('error', (e) => resolve({ ...base, status: null, responseBody: null, error: e.message }));
		req.end(buf);
	});
}

async function deliverAll(deliveries) {
	const out = [];
	for (const d of deliveries) out.push(await deliver(d)); // sequential, deterministic order
	return out;
}

module.exports = { deliver, deliverAll, TIMEOUT_MS };
