import type { ErrorCodeInfo, ProviderFailure, ProviderRequest, ProviderResponse } from '../types';
import { WINDOW_24H_HINT } from '../../transport/errors';
import {
	isObject,
	isSuccessStatus,
	kindForStatus,
	notJsonFailure,
	pick,
	statusFailure,
	ownValue,
} from '../shared';

/**
 * seven.io codes: the WhatsApp codes of docs/providers/seven.md#errors (100, 7002001, 400, 404, 900, 902) and the general
 * gateway codes seven's own client knows (same page). seven often answers HTTP 200 with a
 * bare code as the body ("900"), with `success` set to a code, or with `error_code`.
 */
export const SEVEN_CODES: Record<string, ErrorCodeInfo> = {
	'7002001': {
		kind: 'window24h',
		message: 'No active conversation: free-form messages need an open 24-hour window',
		hint: WINDOW_24H_HINT,
	},
	'201': {
		kind: 'validation',
		message: 'Invalid sender',
		hint: 'Check the From number: it must be your registered WhatsApp Business sender.',
	},
	'202': {
		kind: 'validation',
		message: 'Invalid recipient number',
		hint: 'Check the recipient number.',
	},
	'300': {
		kind: 'auth',
		message: 'Authentication is missing',
		hint: 'Set the API key in the seven credential.',
	},
	'301': { kind: 'validation', message: 'The recipient (to) is missing' },
	'304': { kind: 'validation', message: 'The message type is missing' },
	'305': { kind: 'validation', message: 'The message text is missing' },
	'306': {
		kind: 'validation',
		message: 'Invalid sender',
		hint: 'Check the From number: it must be your registered WhatsApp Business sender.',
	},
	'307': { kind: 'validation', message: 'The media URL is missing' },
	'400': {
		kind: 'validation',
		message: 'Invalid request (sender, recipient or another field)',
		hint: 'Check the From number (your registered WABA sender), the recipient and the message fields.',
	},
	'401': { kind: 'validation', message: 'The text is too long' },
	'402': {
		kind: 'validation',
		message: 'Reload lock: the same message was sent moments ago',
		hint: 'seven blocks identical messages sent within a short time. Wait before sending it again.',
	},
	'403': {
		kind: 'quota',
		message: 'Daily limit reached for this recipient',
		hint: 'Try again tomorrow.',
	},
	'404': {
		kind: 'notFound',
		message: 'Message not found',
		hint: 'The message ID does not exist or does not belong to this account.',
	},
	'500': { kind: 'balance', message: 'Insufficient credits', hint: 'Top up your seven account.' },
	'600': { kind: 'server', message: 'The carrier failed to deliver the message' },
	'700': { kind: 'server', message: 'Unknown error at seven' },
	'900': {
		kind: 'auth',
		message: 'Authentication failed',
		hint: 'Check the API key in the seven credential.',
	},
	'901': { kind: 'validation', message: 'Invalid message ID' },
	'902': {
		kind: 'permission',
		message: 'The API key has no access to this endpoint',
		hint: 'Enable the "waba" scope for this API key in seven\'s dashboard (Developer → API keys).',
	},
	'903': {
		kind: 'permission',
		message: 'The IP address of this n8n instance is not allowed',
		hint: "Allow the IP address of your n8n server in seven's API settings.",
	},
};

export function sevenFailure(
	code: string,
	httpStatus: number,
	providerMessage?: string,
): ProviderFailure {
	const info = ownValue(SEVEN_CODES, code);
	if (info) {
		return {
			kind: info.kind,
			message: info.message,
			hint: info.hint ?? '',
			providerCode: code,
			httpStatus,
			providerMessage,
		};
	}
	const kind = isSuccessStatus(httpStatus) ? 'unexpected' : kindForStatus(httpStatus);
	return {
		kind,
		message: `seven answered with code ${code}`,
		hint: '',
		providerCode: code,
		httpStatus,
		providerMessage,
	};
}

export function interpretSeven(
	response: ProviderResponse,
	_request: ProviderRequest,
): ProviderFailure | undefined {
	const { statusCode, body } = response;

	// A bare numeric code as the whole body ("900", 902).
	if (typeof body === 'number' || (typeof body === 'string' && /^\d+$/.test(body.trim()))) {
		const code = String(body).trim();
		if (code === '100' && isSuccessStatus(statusCode)) return undefined;
		return sevenFailure(code, statusCode);
	}

	if (isObject(body)) {
		const providerMessage = pick(body, 'error_message', 'message', 'error_text');
		if (body.error_code !== undefined && body.error_code !== null) {
			const code = String(body.error_code);
			const failure = sevenFailure(code, statusCode, providerMessage);
			if (/already sent/i.test(providerMessage ?? '')) {
				failure.kind = 'validation';
				failure.message = 'The message was already sent and can no longer be deleted';
				failure.hint =
					'WhatsApp does not support revoking sent messages; only scheduled messages can be deleted.';
			}
			return failure;
		}
		if (!isSuccessStatus(statusCode)) {
			const code = pick(body, 'code');
			if (code && ownValue(SEVEN_CODES, code))
				return sevenFailure(code, statusCode, providerMessage);
			return statusFailure(response, providerMessage);
		}
		const success = body.success;
		if (success === false) {
			return sevenFailure(pick(body, 'code') ?? '400', statusCode, providerMessage);
		}
		if (typeof success === 'string' || typeof success === 'number') {
			if (String(success) !== '100')
				return sevenFailure(String(success), statusCode, providerMessage);
		}
		if (Array.isArray(body.messages)) {
			const failed = body.messages.find((m) => isObject(m) && m.success === false);
			if (isObject(failed)) {
				const code = pick(failed, 'error') ?? '700';
				return sevenFailure(code, statusCode, pick(failed, 'error_text') ?? providerMessage);
			}
		}
		return undefined;
	}

	if (!isSuccessStatus(statusCode)) return statusFailure(response);
	return notJsonFailure(response);
}
