import type { IDataObject } from 'n8n-workflow';

import type { IncomingWebhook, NormalizedEvent, ProviderWebhooks } from '../types';
import {
	emptyEvent,
	contentKey,
	firstString,
	mapStatus,
	normalizeAddress,
	toIsoTimestamp,
} from '../events';
import { isObject } from '../shared';
import { CALLBACK_TOKEN_PARAM, decisionVerificationGap, verifyDecisionTelecom } from './verify';

/**
 * DecisionTelecom (docs/providers/decisionTelecom.md#callbacks): no webhook API and no signature. Status callbacks
 * go to the `callback_url` given with each message. Their payload is not documented; we accept
 * GET (query string) and POST (JSON or form) carrying `message_id` and `status`, the status being
 * the documented code (1–7) or its name.
 */

/** Status codes (docs/providers/decisionTelecom.md#status): 1 delivered, 2 rejected, 3 error, 4 failed, 5 deleted, 6 pending, 7 seen. */
const STATUS = {
	'1': 'delivered',
	'2': 'failed',
	'3': 'failed',
	'4': 'failed',
	'5': 'deleted',
	'6': 'pending',
	'7': 'read',
	delivered: 'delivered',
	rejected: 'failed',
	error: 'failed',
	failed: 'failed',
	deleted: 'deleted',
	pending: 'pending',
	seen: 'read',
	read: 'read',
	sent: 'sent',
} as const;

export function parseDecisionCallback(
	request: IncomingWebhook,
	receivedAt: Date,
): NormalizedEvent[] {
	const body = isObject(request.body) ? request.body : {};
	const payload: IDataObject = { ...request.query, ...body };
	delete payload[CALLBACK_TOKEN_PARAM];
	if (Object.keys(payload).length === 0) return [];
	const event = emptyEvent('decisionTelecom', 'message.status', payload);
	event.messageId = firstString(payload.message_id, payload.messageId, payload.id);
	event.status = mapStatus(payload.status, STATUS);
	event.to = normalizeAddress(payload.destination_addr ?? payload.to);
	event.from = firstString(payload.source_addr, payload.from);
	event.timestamp =
		toIsoTimestamp(payload.timestamp ?? payload.time ?? payload.date) ?? receivedAt.toISOString();
	return [event];
}

export const decisionWebhooks: ProviderWebhooks = {
	events: [],
	defaultEvents: [],
	manualSetupNotice:
		"DecisionTelecom has no webhook API: it calls the URL given with each message. Copy this trigger's Production URL (shown above under Webhook URLs) into Options → Status Callback URL of a WhatsApp Gateway node that sends through DecisionTelecom (Message → Send). Use the Test URL while listening for a test event. Status callbacks are accepted by GET or POST. DecisionTelecom does not sign them: the Send operation adds a token (wgt=…) derived from the access key to that URL, and this trigger checks it, so select the same DecisionTelecom credential here.",
	acceptsGet: true,
	// DecisionTelecom signs nothing: the callback URL carries a token derived from the access key.
	verify: verifyDecisionTelecom,
	verificationGap: decisionVerificationGap,
	verificationFix:
		'Select the DecisionTelecom credential the Send operation uses: the Send operation adds a token derived from its access key to the Status Callback URL, and the trigger checks it.',
	deliveryKeys: (request) => [contentKey('decisionTelecom', request, [CALLBACK_TOKEN_PARAM])],
	parse: (request, receivedAt) => parseDecisionCallback(request, receivedAt),
};
