import type { ErrorCodeInfo, ProviderFailure, ProviderRequest, ProviderResponse } from '../types';
import { WINDOW_24H_HINT } from '../../transport/errors';
import {
	isObject,
	isSuccessStatus,
	notJsonFailure,
	ownValue,
	pick,
	statusFailure,
} from '../shared';

/** DecisionTelecom's error table (docs/providers/decisionTelecom.md), codes 0–9; errors may arrive with HTTP 200. */
export const DECISION_CODES: Record<string, ErrorCodeInfo> = {
	'0': {
		kind: 'rateLimit',
		message: 'Rate limit exceeded',
		hint: "Wait and run again, or lower the node's concurrency.",
	},
	'1': {
		kind: 'validation',
		message: 'Empty parameter or parameter validation error',
		hint: 'Check Sender (source_addr, up to 20 characters), the recipient (up to 20 digits) and the message fields.',
	},
	'2': { kind: 'server', message: 'DecisionTelecom had an unexpected server error' },
	'3': {
		kind: 'balance',
		message: 'The account balance is empty',
		hint: 'Top up your DecisionTelecom account.',
	},
	'4': { kind: 'server', message: 'DecisionTelecom had an unexpected server error' },
	'5': { kind: 'server', message: 'DecisionTelecom had an unexpected server error' },
	'6': { kind: 'server', message: 'DecisionTelecom had an unexpected server error' },
	'7': {
		kind: 'window24h',
		message:
			'More than 24 hours have passed since the customer last replied: only a template can be sent',
		hint: WINDOW_24H_HINT,
	},
	'8': {
		kind: 'validation',
		message: 'Invalid MIME type of the file URL',
		hint: 'Only JPEG and PNG images can be sent (image/jpeg, image/png).',
	},
	'9': {
		kind: 'validation',
		message: 'Invalid file extension',
		hint: 'The file URL must end in .jpg, .jpeg or .png.',
	},
};

/** An error body is `{name, message, code, status}` (the SDKs detect it by those keys). */
function isErrorBody(body: unknown): body is Record<string, unknown> {
	return (
		isObject(body) &&
		body.code !== undefined &&
		body.message !== undefined &&
		body.message_id === undefined
	);
}

export function interpretDecisionTelecom(
	response: ProviderResponse,
	_request: ProviderRequest,
): ProviderFailure | undefined {
	const { statusCode, body } = response;
	// A rejected key: HTTP 401 with the framework's `{name: "Unauthorized", code: 0, status: 401}`.
	// (Codes 8 and 9 also carry status 401 but are file errors, matched by their code below.)
	const unauthorized =
		(statusCode === 401 || (isObject(body) && body.status === 401)) &&
		!(isObject(body) && (String(body.code) === '8' || String(body.code) === '9'));
	if (unauthorized) {
		return {
			kind: 'auth',
			message: 'The access key was rejected',
			hint: 'Check the User Hash Key in the DecisionTelecom credential (and the "Key Is Already Base64" switch).',
			httpStatus: 401,
			providerCode: isObject(body) && body.code !== undefined ? String(body.code) : undefined,
			providerMessage: pick(body, 'message', 'name'),
		};
	}
	if (isErrorBody(body)) {
		const code = String(body.code);
		const info = ownValue(DECISION_CODES, code);
		const providerMessage = pick(body, 'message', 'name');
		const httpStatus =
			isSuccessStatus(statusCode) && typeof body.status === 'number' && body.status >= 400
				? body.status
				: statusCode;
		if (info) {
			return {
				kind: info.kind,
				message: info.message,
				hint: info.hint ?? '',
				httpStatus,
				providerCode: code,
				providerMessage,
			};
		}
		return {
			kind: 'unexpected',
			message: providerMessage ?? `DecisionTelecom error ${code}`,
			hint: '',
			httpStatus,
			providerCode: code,
			providerMessage,
		};
	}
	if (!isSuccessStatus(statusCode)) {
		return statusFailure(response);
	}
	return notJsonFailure(response);
}
