import type { IDataObject } from 'n8n-workflow';

import { firstString } from '../events';
import { deriveKey, verifySignedBody } from '../signing';
import type { IncomingWebhook, VerifyInput, VerifyOutcome } from '../types';

/**
 * WhatsApp API Engine signatures (GAMEZ1125/whatsapp-api, src/routes/webhook.routes.js): the Engine
 * signs with the `secret` given at registration, X-Webhook-Signature = hex HMAC-SHA256(secret,
 * JSON.stringify(payload)), the exact body it sends. No timestamp or nonce is signed.
 *
 * The secret is ours to choose, so it is derived from the credential's API key and the webhook URL
 * (nothing secret in static data). An Engine without an API key (its development mode) leaves
 * nothing to derive from; then a random secret is generated and stored.
 */
export function engineWebhookSecret(credentials: IDataObject, url: string): string | undefined {
	const apiKey = firstString(credentials.apiKey);
	if (apiKey === null || apiKey.trim().length < 8) return undefined;
	return deriveKey(apiKey, 'engine-webhook', url);
}

export function verifyEngine(request: IncomingWebhook, input: VerifyInput): VerifyOutcome {
	return verifySignedBody(request, input, 'x-webhook-signature');
}
