import { verifyBodyHmac } from '../signing';
import type { IncomingWebhook, VerifyInput, VerifyOutcome } from '../types';

/**
 * Whaapy signatures (docs/providers/whaapy.md#webhooks): X-Webhook-Signature = HMAC-SHA256(secret, raw body), hex or
 * base64. Whaapy generates the secret and returns it once, at registration; the trigger stores it.
 * X-Webhook-Delivery-Id is not covered by the signature, so it is never trusted for anything.
 */
export function verifyWhaapy(request: IncomingWebhook, input: VerifyInput): VerifyOutcome {
	if (input.secrets.length === 0) {
		return input.acceptUnverified
			? { ok: true, verified: false }
			: { ok: false, reason: 'unverifiable' };
	}
	const signature = request.headers['x-webhook-signature'];
	if (!signature) return { ok: false, reason: 'missing' };
	return verifyBodyHmac(signature, request.rawBody, input.secrets)
		? { ok: true, verified: true }
		: { ok: false, reason: 'invalid' };
}
