import type { IDataObject } from 'n8n-workflow';

import { firstString } from '../events';
import { deriveKey, matchesAny } from '../signing';
import type { IncomingWebhook, VerifyInput, VerifyOutcome } from '../types';

/**
 * DecisionTelecom signs nothing (docs/providers/decisionTelecom.md#callbacks: status callbacks go to the `callback_url` given with each
 * message). The strongest check available: the Send operation adds a token to the callback URL,
 * `wgt=<HMAC-SHA256(access key, URL path)>`, and the trigger recomputes it from the same credential
 * and compares in constant time. Only someone holding the access key (or a real callback URL) can
 * start the workflow.
 *
 * Assumption (not documented by DecisionTelecom): it calls the callback URL with its query string
 * as given, adding its own parameters (GET) or sending a body (POST).
 */
export const CALLBACK_TOKEN_PARAM = 'wgt';

function accessKeyOf(credentials: IDataObject): string | null {
	const key = firstString(credentials.accessKey);
	return key === null ? null : key.trim();
}

/** The callback token for a URL path (`/webhook/<id>/webhook`), or undefined without an access key. */
export function decisionCallbackToken(credentials: IDataObject, path: string): string | undefined {
	const key = accessKeyOf(credentials);
	if (key === null || key === '') return undefined;
	return deriveKey(key, 'decision-callback', path).slice(0, 32);
}

/** The Status Callback URL with the token added (an existing token is replaced). */
export function withCallbackToken(url: string, credentials: IDataObject): string {
	let parsed: URL;
	try {
		parsed = new URL(url);
	} catch {
		return url;
	}
	const token = decisionCallbackToken(credentials, parsed.pathname);
	if (!token) return url;
	parsed.searchParams.set(CALLBACK_TOKEN_PARAM, token);
	return parsed.toString();
}

export function decisionVerificationGap(credentials: IDataObject): string | undefined {
	return accessKeyOf(credentials)
		? undefined
		: 'DecisionTelecom does not sign its callbacks, and without a DecisionTelecom credential on the trigger the callback token cannot be checked';
}

/** Path part of a URL or of a request target (`/webhook/…?x=1` → `/webhook/…`). */
function pathOf(url: string): string | undefined {
	try {
		return new URL(url, 'http://localhost').pathname;
	} catch {
		return undefined;
	}
}

export function verifyDecisionTelecom(request: IncomingWebhook, input: VerifyInput): VerifyOutcome {
	if (!accessKeyOf(input.credentials)) {
		return input.acceptUnverified
			? { ok: true, verified: false }
			: { ok: false, reason: 'unverifiable' };
	}
	const given = firstString(request.query[CALLBACK_TOKEN_PARAM]);
	if (given === null) return { ok: false, reason: 'missing' };
	const paths = [...new Set(request.urls.map(pathOf).filter((p): p is string => p !== undefined))];
	const expected = paths
		.map((path) => decisionCallbackToken(input.credentials, path))
		.filter((t): t is string => t !== undefined);
	return matchesAny(given, expected)
		? { ok: true, verified: true }
		: { ok: false, reason: 'invalid' };
}
