/** Signing primitives the providers' webhook verification shares (constant-time comparisons). */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'crypto';

import type { IncomingWebhook, VerifyInput, VerifyOutcome } from './types';

/** HMAC-SHA256 (raw bytes). */
export function hmacSha256(key: string, data: string | Buffer): Buffer {
	return createHmac('sha256', key).update(data).digest();
}

export function md5Hex(data: string | Buffer): string {
	return createHash('md5').update(data).digest('hex');
}

/** Compares two byte strings in constant time (for equal lengths; a length mismatch is a mismatch). */
export function constantTimeEqual(a: Buffer, b: Buffer): boolean {
	if (a.length !== b.length) {
		// Still spend the time of a comparison, so the length is the only thing that leaks.
		timingSafeEqual(a, a);
		return false;
	}
	return timingSafeEqual(a, b);
}

/**
 * Decodes a signature header into bytes: lower/upper-case hex, or standard/url-safe base64, with
 * an optional `sha256=` prefix (Whaapy's encoding is not documented, docs/providers/whaapy.md#webhooks).
 */
export function decodeSignature(header: string): Buffer[] {
	const value = header.trim().replace(/^sha256=/i, '');
	const candidates: Buffer[] = [];
	if (/^[0-9a-f]{64}$/i.test(value)) candidates.push(Buffer.from(value, 'hex'));
	if (/^[A-Za-z0-9+/_-]{43}=?$/.test(value)) {
		candidates.push(Buffer.from(value.replace(/-/g, '+').replace(/_/g, '/'), 'base64'));
	}
	return candidates;
}

/** Whether `header` is an HMAC-SHA256 of `body` under any of `secrets`. */
export function verifyBodyHmac(
	header: string | undefined,
	body: Buffer,
	secrets: string[],
): boolean {
	if (!header) return false;
	const given = decodeSignature(header);
	if (given.length === 0) return false;
	let ok = false;
	for (const secret of secrets) {
		if (!secret) continue;
		const expected = hmacSha256(secret, body);
		for (const candidate of given) {
			// No early exit: every comparison runs.
			if (constantTimeEqual(candidate, expected)) ok = true;
		}
	}
	return ok;
}

/**
 * Verification for providers that sign the raw body with one HMAC-SHA256 header (Whaapy, the Engine):
 * no known secret refuses unless the user accepts unverified deliveries; a missing or wrong signature
 * refuses.
 */
export function verifySignedBody(
	request: IncomingWebhook,
	input: VerifyInput,
	header: string,
): VerifyOutcome {
	if (input.secrets.length === 0) {
		return input.acceptUnverified
			? { ok: true, verified: false }
			: { ok: false, reason: 'unverifiable' };
	}
	const signature = request.headers[header];
	if (!signature) return { ok: false, reason: 'missing' };
	return verifyBodyHmac(signature, request.rawBody, input.secrets)
		? { ok: true, verified: true }
		: { ok: false, reason: 'invalid' };
}

/** Whether a Unix timestamp (seconds) is at most `maxAgeSeconds` old and not more than that in the future. */
export function timestampFresh(timestamp: string, now: number, maxAgeSeconds: number): boolean {
	if (!/^\d{9,11}$/.test(timestamp.trim())) return false;
	const age = now - Number(timestamp);
	return age <= maxAgeSeconds && age >= -maxAgeSeconds;
}

/** A random secret for providers that sign with a secret we choose (WhatsApp API Engine). */
export function generateSecret(): string {
	return randomBytes(32).toString('hex');
}

/** SHA-256 hex of some bytes (delivery digests, secret fingerprints). */
export function sha256Hex(data: string | Buffer): string {
	return createHash('sha256').update(data).digest('hex');
}

/**
 * A secret derived from a credential value, bound to a purpose and a URL: HMAC-SHA256(key,
 * `n8n-whatsapp-gateway/<purpose>/v1\n<url>`) as hex. Whoever can compute it already holds the
 * credential; nothing needs to be stored, and each URL (workflow, test/production) gets its own.
 */
export function deriveKey(key: string, purpose: string, url: string): string {
	return hmacSha256(key, `n8n-whatsapp-gateway/${purpose}/v1\n${url}`).toString('hex');
}

/** Whether `given` equals any of `expected`, comparing every candidate in constant time. */
export function matchesAny(given: string, expected: string[]): boolean {
	const a = Buffer.from(given, 'utf8');
	let ok = false;
	for (const candidate of expected) {
		if (constantTimeEqual(a, Buffer.from(candidate, 'utf8'))) ok = true;
	}
	return ok;
}
