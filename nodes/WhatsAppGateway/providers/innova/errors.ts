import type { ProviderFailure, ProviderRequest, ProviderResponse } from '../types';
import { isObject, isSuccessStatus, notJsonFailure, pick, statusFailure } from '../shared';

/**
 * InnovaAPI (docs/providers/innova.md) documents four HTTP codes: 401 bad/missing key, 400 WhatsApp not connected or
 * bad parameters, 429 daily message limit reached, 500 server error. Bodies are not documented;
 * we read `message`/`error` and also treat `success: false` on a 2xx as a failure.
 */
export function interpretInnova(
	response: ProviderResponse,
	_request: ProviderRequest,
): ProviderFailure | undefined {
	const { statusCode, body } = response;
	const providerMessage = pick(body, 'message', 'error', 'mensaje');
	if (isSuccessStatus(statusCode)) {
		if (isObject(body) && (body.success === false || body.success === 'false')) {
			return classify(400, providerMessage, statusCode);
		}
		return notJsonFailure(response);
	}
	if ([400, 401, 429, 500].includes(statusCode))
		return classify(statusCode, providerMessage, statusCode);
	return statusFailure(response, providerMessage);
}

function classify(
	code: number,
	providerMessage: string | undefined,
	httpStatus: number,
): ProviderFailure {
	const base = { httpStatus, providerCode: String(code), providerMessage };
	switch (code) {
		case 401:
			return {
				...base,
				kind: 'auth',
				message: 'The API key is invalid or missing',
				hint: 'Check the API key and the base URL in the InnovaAPI credential.',
			};
		case 429:
			return {
				...base,
				kind: 'quota',
				message: 'The daily message limit of the account has been reached',
				hint: 'InnovaAPI limits messages per day. Sending resumes when the daily quota resets; contact InnovaAPI to raise it.',
			};
		case 500:
			return {
				...base,
				kind: 'server',
				message: 'InnovaAPI had an internal server error',
				hint: '',
			};
		default:
			if (providerMessage && /conectad|connected/i.test(providerMessage)) {
				return {
					...base,
					kind: 'notConnected',
					message: 'WhatsApp is not connected on the InnovaAPI server',
					hint: 'Open your InnovaAPI panel and reconnect WhatsApp (scan the QR code), then run again.',
				};
			}
			return {
				...base,
				kind: 'validation',
				message: 'WhatsApp is not connected or the parameters are incorrect',
				hint: 'Check the number and message fields. If they are right, check in your InnovaAPI panel that WhatsApp is connected.',
			};
	}
}
