import { verifySignedBody } from '../signing';
import type { IncomingWebhook, VerifyInput, VerifyOutcome } from '../types';

/**
 * Whaapy signatures (docs/providers/whaapy.md#webhooks): X-Webhook-Signature = HMAC-SHA256(secret, raw body), hex or
 * base64. Whaapy generates the secret and returns it once, at registration; the trigger stores it.
 * X-Webhook-Delivery-Id is not covered by the signature, so it is never trusted for anything.
 */
export function verifyWhaapy(request: IncomingWebhook, input: VerifyInput): VerifyOutcome {
	return verifySignedBody(request, input, 'x-webhook-signature');
}
