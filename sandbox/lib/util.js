'use strict';
/* Small shared helpers for the sandbox (Node built-ins only). */
const crypto = require('crypto');

/** Deterministic id generator: counters per namespace, reset with the sandbox. */
class Ids {
	constructor() {
		this.counters = Object.create(null);
	}
	next(ns, start = 1) {
		if (!(ns in this.counters)) this.counters[ns] = start;
		else this.counters[ns] += 1;
		return this.counters[ns];
	}
	/** RFC-4122-shaped (version 4 layout) but deterministic uuid. */
	uuid(ns = 'uuid') {
		const n = this.next(ns);
		const h = crypto.createHash('sha256').update(`${ns}:${n}`).digest('hex');
		return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
	}
	/** Deterministic hex/alnum token. */
	token(ns, len = 32, alphabet = 'hex') {
		const n = this.next(ns);
		let out = '';
		let i = 0;
		while (out.length < len && i < 64) {
			const h = crypto.createHash('sha256').update(`${ns}:${n}:${i++}`).digest();
			if (alphabet === 'hex') out += h.toString('hex');
			else {
				const abc = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
				for (const b of h) out += abc[b % abc.length];
			}
		}
		return out.slice(0, len);
	}
}

function isPlainObject(v) {
	return v !== null && typeof v === 'object' && !Array.isArray(v);
}
function isNonEmptyString(v) {
	return typeof v === 'string' && v.trim().length > 0;
}
function isFiniteNumber(v) {
	return typeof v === 'number' && Number.isFinite(v);
}

/** http(s) URL with a host. */
function isHttpUrl(v) {
	if (typeof v !== 'string' || v.length > 2083 || /\s/.test(v)) return false;
	try {
		const u = new URL(v);
		return (u.protocol === 'http:' || u.protocol === 'https:') && !!u.hostname;
	} catch {
		return false;
	}
}

/**
 * Approximation of validator.js isURL() with its default options, which
 * express-validator uses (WhatsApp API Engine): protocol optional (http/https/ftp),
 * host must be an IP address or a FQDN with a TLD ("localhost" is rejected
 * because require_tld defaults to true).
 */
function isValidatorURL(v) {
	if (typeof v !== 'string' || !v || v.length >= 2083 || /[\s<>]/.test(v)) return false;
	let s = v;
	const m = /^([a-z][a-z0-9+.-]*):\/\//i.exec(s);
	if (m) {
		if (!['http', 'https', 'ftp'].includes(m[1].toLowerCase())) return false;
	} else if (s.startsWith('//')) return false;
	else s = 'http://' + s;
	let u;
	try {
		u = new URL(s);
	} catch {
		return false;
	}
	const host = u.hostname;
	if (/^\d{1,3}(\.\d{1,3}){3}$/.test(host)) return host.split('.').every((p) => Number(p) <= 255);
	if (host.startsWith('[')) return true; // IPv6 literal
	const labels = host.split('.');
	if (labels.length < 2) return false;
	const tld = labels[labels.length - 1];
	if (!/^([a-z\u00a1-\uffff]{2,}|xn[a-z0-9-]{2,})$/i.test(tld)) return false;
	return labels.every((l) => /^[a-z0-9\u00a1-\uffff]([a-z0-9\u00a1-\uffff-]{0,61}[a-z0-9\u00a1-\uffff])?$/i.test(l));
}

/** Loopback targets only: webhook deliveries never leave the machine. */
function isLocalTarget(url) {
	try {
		const u = new URL(url);
		if (u.protocol !== 'http:' && u.protocol !== 'https:') return false;
		const h = u.hostname.replace(/^\[|\]$/g, '').toLowerCase();
		return h === '127.0.0.1' || h === 'localhost' || h === '::1';
	} catch {
		return false;
	}
}

/** Magic recipient suffixes shared by all providers (see README). */
const MAGIC = {
	WINDOW_24H: '0000047',
	RATE_LIMIT: '0000429',
	SERVER_ERROR: '0000500',
	NOT_CONNECTED: '0000400', // InnovaAPI only
	NO_BALANCE: '0000402', // DecisionTelecom only
};
function magicOf(phone) {
	const d = String(phone == null ? '' : phone).replace(/\D/g, '');
	for (const [k, suffix] of Object.entries(MAGIC)) if (d.endsWith(suffix)) return k;
	return null;
}

function sleep(ms) {
	return new Promise((r) => setTimeout(r, ms));
}

function hmacHex(key, data) {
	return crypto.createHmac('sha256', key).update(data).digest('hex');
}
function md5Hex(data) {
	return crypto.createHash('md5').update(data).digest('hex');
}
function sha256Hex(data) {
	return crypto.createHash('sha256').update(data).digest('hex');
}

/** 'YYYY-MM-DD hh:mm:ss' in UTC. */
function sqlDate(d = new Date()) {
	return d.toISOString().replace('T', ' ').slice(0, 19);
}

module.exports = {
	Ids,
	isPlainObject,
	isNonEmptyString,
	isFiniteNumber,
	isHttpUrl,
	isValidatorURL,
	isLocalTarget,
	MAGIC,
	magicOf,
	sleep,
	hmacHex,
	md5Hex,
	sha256Hex,
	sqlDate,
};
