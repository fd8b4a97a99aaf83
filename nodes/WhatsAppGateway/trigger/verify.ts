import { createHash, createHmac, randomBytes, timingSafeEqual } from 'crypto';

/** Hex HMAC-SHA256. */
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
 * seven.io's string to sign (docs/providers/seven.md#signature):
 * timestamp \n nonce \n METHOD \n full URL \n md5_hex(raw body).
 */
export function sevenStringToSign(
	timestamp: string,
	nonce: string,
	method: string,
	url: string,
	body: Buffer,
): string {
	return `${timestamp}\n${nonce}\n${method.toUpperCase()}\n${url}\n${md5Hex(body)}`;
}

/** Whether a seven X-Signature matches for any of the candidate URLs. */
export function verifySevenSignature(
	signature: string,
	input: {
		key: string;
		timestamp: string;
		nonce: string;
		method: string;
		urls: string[];
		body: Buffer;
	},
): boolean {
	const given = decodeSignature(signature);
	if (given.length === 0) return false;
	let ok = false;
	for (const url of input.urls) {
		const expected = hmacSha256(
			input.key,
			sevenStringToSign(input.timestamp, input.nonce, input.method, url, input.body),
		);
		for (const candidate of given) {
			if (constantTimeEqual(candidate, expected)) ok = true;
		}
	}
	return ok;
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
