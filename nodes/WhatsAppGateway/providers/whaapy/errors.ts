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
 * Whaapy passes Meta Cloud API error codes through in `code` (docs/providers/whaapy.md#errors shows 131047). The HTTP
 * codes 400/401/403/404/429/500 are documented (docs/providers/whaapy.md#errors); the Meta codes below are Meta's public
 * error table (cited in docs/providers/whaapy.md#errors).
 */
export const WHAAPY_CODES: Record<string, ErrorCodeInfo> = {
	'131047': {
		kind: 'window24h',
		message: 'More than 24 hours have passed since the customer last replied',
		hint: WINDOW_24H_HINT,
	},
	'131026': {
		kind: 'validation',
		message: 'The message could not be delivered to this number',
		hint: 'The recipient may not use WhatsApp or may have an outdated app.',
	},
	'131056': {
		kind: 'rateLimit',
		message: 'Too many messages to the same recipient in a short time',
		hint: 'Wait before sending more messages to this number.',
	},
	'130429': {
		kind: 'rateLimit',
		message: 'WhatsApp throughput limit reached',
		hint: 'Lower the sending rate (concurrency) and try again.',
	},
	'131048': {
		kind: 'rateLimit',
		message: 'Spam rate limit hit: too many previous messages were blocked or flagged',
		hint: 'Improve message quality and wait before sending again.',
	},
	'131051': { kind: 'validation', message: 'Unsupported message type' },
	'131052': {
		kind: 'validation',
		message: 'The media could not be downloaded',
		hint: 'Check the media URL is public and the file type is supported.',
	},
	'131053': {
		kind: 'validation',
		message: 'The media could not be uploaded',
		hint: 'Check the file type and size limits.',
	},
	'132000': {
		kind: 'validation',
		message: 'The number of template parameters does not match the template',
		hint: 'Give exactly as many body/header parameters as the template has placeholders.',
	},
	'132001': {
		kind: 'validation',
		message: 'The template does not exist in this language',
		hint: 'Check the template name and language code in your Whaapy templates.',
	},
	'131008': { kind: 'validation', message: 'A required parameter is missing' },
	'131009': { kind: 'validation', message: 'A parameter value is invalid' },
	'100': { kind: 'validation', message: 'Invalid parameter' },
	'190': {
		kind: 'auth',
		message: 'The WhatsApp access token behind the Whaapy account has expired',
		hint: 'Reconnect your WhatsApp number in Whaapy.',
	},
	'131031': {
		kind: 'permission',
		message: 'The WhatsApp Business account is locked',
		hint: 'Check the account status in Meta Business Manager.',
	},
	'131042': {
		kind: 'balance',
		message: 'Payment or eligibility problem with the WhatsApp Business account',
		hint: 'Check the payment method in Meta Business Manager.',
	},
	'131000': { kind: 'server', message: 'WhatsApp reported a generic error' },
};

const STATUS_INFO: Record<number, ErrorCodeInfo> = {
	400: { kind: 'validation', message: 'The request failed validation' },
	401: {
		kind: 'auth',
		message: 'The API key is invalid or missing',
		hint: 'Check the API key (wha_...) in the Whaapy credential.',
	},
	403: {
		kind: 'permission',
		message: 'The API key lacks the scope for this operation',
		hint: 'Give the API key the required scope in Whaapy (Settings → API keys).',
	},
	404: { kind: 'notFound', message: 'Resource not found' },
	429: {
		kind: 'rateLimit',
		message:
			'Rate limit exceeded (Whaapy allows 1,000 messages and 100 requests per minute by default)',
	},
	500: { kind: 'server', message: 'Whaapy had an internal server error' },
};

export function interpretWhaapy(
	response: ProviderResponse,
	request: ProviderRequest,
): ProviderFailure | undefined {
	const { statusCode, body } = response;
	// Binary answers (media downloads by the trigger) are fine whatever their bytes.
	if (request.responseType === 'binary' && isSuccessStatus(statusCode)) return undefined;
	if (isObject(body)) {
		const code = pick(body, 'code');
		const hasError = body.error !== undefined && body.error !== null && body.error !== false;
		if (!isSuccessStatus(statusCode) || hasError) {
			const providerMessage = pick(body, 'message', 'error');
			const extra = [pick(body, 'action_required'), pick(body, 'instructions')]
				.filter(Boolean)
				.join(' ');
			const info = (code && ownValue(WHAAPY_CODES, code)) || STATUS_INFO[statusCode];
			if (info) {
				return {
					kind: info.kind,
					message: info.message,
					hint: [info.hint, extra].filter(Boolean).join(' '),
					httpStatus: statusCode,
					providerCode: code ?? pick(body, 'error'),
					providerMessage,
					// Meta's spam limit is not lifted by waiting a few seconds: report it, do not retry.
					...(code === '131048' ? { retryable: false } : {}),
				};
			}
			return {
				kind: isSuccessStatus(statusCode) ? 'unexpected' : kindForStatus(statusCode),
				message: providerMessage ?? `Whaapy answered with an error (HTTP ${statusCode})`,
				hint: extra,
				httpStatus: statusCode,
				providerCode: code ?? pick(body, 'error'),
				providerMessage,
			};
		}
		return undefined;
	}
	if (!isSuccessStatus(statusCode)) {
		const info = STATUS_INFO[statusCode];
		const failure = statusFailure(response);
		return info
			? { ...failure, kind: info.kind, message: info.message, hint: info.hint ?? '' }
			: failure;
	}
	return notJsonFailure(response);
}
