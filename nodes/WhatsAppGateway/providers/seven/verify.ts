import type { IDataObject } from 'n8n-workflow';

import { firstString } from '../events';
import { constantTimeEqual, decodeSignature, hmacSha256, md5Hex, timestampFresh } from '../signing';
import type { IncomingWebhook, VerifyInput, VerifyOutcome } from '../types';

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

/** Why seven deliveries cannot be verified with this credential; undefined when they can. */
export function sevenVerificationGap(credentials: IDataObject): string | undefined {
	return firstString(credentials.signingKey) === null
		? 'The seven.io credential has no Signing Key, so deliveries cannot be verified'
		: undefined;
}

/**
 * seven signs every delivery with the account's signing key (X-Signature over timestamp, nonce,
 * method, full URL and md5 of the body; X-Timestamp at most `maxAgeSeconds` old).
 */
export function verifySeven(request: IncomingWebhook, input: VerifyInput): VerifyOutcome {
	const key = firstString(input.credentials.signingKey);
	if (key === null) {
		return input.acceptUnverified
			? { ok: true, verified: false }
			: { ok: false, reason: 'unverifiable' };
	}
	const signature = request.headers['x-signature'];
	const timestamp = request.headers['x-timestamp'];
	const nonce = request.headers['x-nonce'];
	if (!signature || !timestamp || !nonce) return { ok: false, reason: 'missing' };
	const valid = verifySevenSignature(signature, {
		key,
		timestamp,
		nonce,
		method: request.method,
		urls: request.urls,
		body: request.rawBody,
	});
	if (!valid) return { ok: false, reason: 'invalid' };
	// Checked after the signature, so an attacker cannot probe the clock with unsigned requests.
	if (!timestampFresh(timestamp, input.now, input.maxAgeSeconds))
		return { ok: false, reason: 'expired' };
	return { ok: true, verified: true };
}
