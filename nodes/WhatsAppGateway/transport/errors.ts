import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { FailureKind, ProviderFailure, TransportTarget } from './types';
import { redact, redactDeep } from './redact';

/** What every provider says when a free-form message falls outside WhatsApp's 24-hour window. */
export const WINDOW_24H_HINT =
	"WhatsApp only allows free-form messages within 24 hours of the customer's last message. Send an approved template instead (Message Type: Template), or wait until the customer writes to you.";

/** Default hints per kind of failure; adapters may give a more specific one. */
export const DEFAULT_HINTS: Record<FailureKind, string> = {
	auth: 'Check the API key in the credential (Credentials → your provider credential), then test the credential.',
	permission:
		"The API key is valid but lacks permission for this operation. Enable the required scope or access for the key in the provider's dashboard.",
	validation: "Check the values sent in this item against the provider's requirements.",
	notFound: 'Check the ID or the base URL in the credential.',
	rateLimit:
		'The provider is rate limiting requests. Wait and run again, lower the node\'s concurrency, or enable "Respect Rate Limit".',
	quota:
		'The account has reached its message quota. Wait until it resets or raise the quota with the provider.',
	window24h: WINDOW_24H_HINT,
	notConnected:
		'The WhatsApp session behind this API is not connected. Reconnect it (scan the QR code) and run again.',
	balance: 'The account balance is empty. Top up the account with the provider.',
	server:
		'The provider had an internal problem. Try again later; if a message was being sent, check whether it arrived before sending it again.',
	network:
		'Could not reach the provider. Check the base URL in the credential and the network (proxy, firewall) of your n8n instance.',
	timeout:
		'The provider did not answer in time. Raise the Timeout option; if a message was being sent, check whether it arrived before sending it again.',
	unexpected:
		"The provider answered in an unexpected way. Check the base URL in the credential points at the provider's API.",
};

/** Builds the one NodeApiError every provider failure becomes. */
export function buildProviderError(
	node: INode,
	adapter: Pick<TransportTarget, 'id' | 'name' | 'secretPatterns'>,
	failure: ProviderFailure,
	secrets: string[],
	itemIndex?: number,
	responseBody?: unknown,
): NodeApiError {
	const patterns = adapter.secretPatterns ?? [];
	const message = redact(`${adapter.name}: ${failure.message}`, secrets, patterns);
	const details: string[] = [
		redact(failure.hint || DEFAULT_HINTS[failure.kind], secrets, patterns),
	];
	if (failure.providerMessage && failure.providerMessage !== failure.message) {
		details.push(`Provider said: ${redact(failure.providerMessage, secrets, patterns)}`);
	}
	const data: JsonObject = {
		provider: adapter.id,
		providerName: adapter.name,
		kind: failure.kind,
		httpStatus: failure.httpStatus ?? null,
		providerCode:
			failure.providerCode === undefined
				? null
				: redact(String(failure.providerCode), secrets, patterns),
		message,
	};
	if (responseBody !== undefined) {
		data.response = redactDeep(toJson(responseBody), secrets, patterns);
	}
	const error = new NodeApiError(node, data, {
		message,
		description: details.join(' '),
		httpCode: failure.httpStatus ? String(failure.httpStatus) : undefined,
		itemIndex,
	});
	// NodeApiError may derive its own message from the HTTP code: keep ours.
	error.message = message;
	error.description = details.join(' ');
	error.context = { ...(error.context ?? {}), ...data };
	return error;
}

function toJson(value: unknown): JsonObject | string {
	if (Buffer.isBuffer(value)) return `<${value.length} bytes>`;
	if (value && typeof value === 'object') return value as JsonObject;
	return String(value);
}

/**
 * An error passed on from a catch block, as an n8n error: NodeApiError and NodeOperationError (what
 * the transport and validation throw) pass through unchanged; anything else (a bug) becomes a
 * NodeOperationError that keeps the original as its cause.
 */
export function ensureNodeError(
	node: INode,
	error: unknown,
	itemIndex?: number,
): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		if (itemIndex !== undefined && error.context && error.context.itemIndex === undefined)
			error.context.itemIndex = itemIndex;
		return error;
	}
	return new NodeOperationError(node, error instanceof Error ? error : String(error), {
		itemIndex,
	});
}
