import type { ProviderFailure, ProviderRequest, ProviderResponse } from '../types';
import { isObject, isSuccessStatus, notJsonFailure, pick, statusFailure } from '../shared';

/**
 * WhatsApp API Engine (docs/providers/engine.md, self-hosted whatsapp-web.js). Envelope `{success, error, code,
 * details}`; documented statuses 400 (validation), 401 (MISSING_API_KEY), 403 (INVALID_API_KEY),
 * 404, 429 (express-rate-limit, 100 requests / 15 min), 503 (WHATSAPP_ERROR, not connected), 500.
 */
export function interpretEngine(
	response: ProviderResponse,
	request: ProviderRequest,
): ProviderFailure | undefined {
	const { statusCode, body } = response;
	if (request.responseType === 'binary' && isSuccessStatus(statusCode)) return undefined;
	const providerMessage = pick(body, 'error', 'message');
	const code = pick(body, 'code');
	const base = {
		httpStatus: statusCode,
		providerCode: code ?? String(statusCode),
		providerMessage,
	};

	if (isSuccessStatus(statusCode)) {
		if (isObject(body) && body.success === false) {
			return {
				...base,
				kind: 'unexpected',
				message: providerMessage ?? 'The Engine reported a failure',
				hint: '',
			};
		}
		return notJsonFailure(response);
	}

	switch (statusCode) {
		case 400: {
			const details =
				isObject(body) && Array.isArray(body.details)
					? body.details
							.filter(isObject)
							.map(
								(d) =>
									`${String(d.field ?? d.path ?? d.param ?? '?')}: ${String(d.message ?? d.msg ?? '')}`,
							)
							.join('; ')
					: '';
			return {
				...base,
				kind: 'validation',
				message: details
					? `Validation failed (${details})`
					: (providerMessage ?? 'Validation failed'),
				hint: 'Numbers must be 10–15 digits with country code and no "+"; text 1–4096 characters; captions up to 1024.',
			};
		}
		case 401:
			return {
				...base,
				kind: 'auth',
				message: 'The API key is missing',
				hint: 'Set the API key (X-API-Key) in the WhatsApp API Engine credential.',
			};
		case 403:
			return {
				...base,
				kind: 'auth',
				message: 'The API key is invalid',
				hint: 'Check the API key in the WhatsApp API Engine credential matches the API_KEY of your Engine server.',
			};
		case 404:
			return {
				...base,
				kind: 'notFound',
				message: providerMessage ?? 'Not found',
				hint: 'Check the base URL of the credential (e.g. http://localhost:3000, without /api) and the ID.',
			};
		case 429:
			return {
				...base,
				kind: 'rateLimit',
				message:
					'Too many requests (the Engine allows 100 requests per 15 minutes per IP by default)',
				hint: 'Wait and run again, or enable "Respect Rate Limit". The limit is set by RATE_LIMIT_MAX_REQUESTS on your Engine server.',
			};
		case 503:
			return {
				...base,
				kind: 'notConnected',
				message: providerMessage
					? `WhatsApp error: ${providerMessage}`
					: 'WhatsApp is not connected',
				hint: "The Engine's WhatsApp session is not ready. Check Session → Get Status, scan the QR code (Session → Get QR Code) and run again.",
			};
		case 500:
			return {
				...base,
				kind: 'server',
				message: providerMessage
					? `Engine error: ${providerMessage}`
					: 'The Engine had an internal error',
				hint: '',
			};
		default:
			return statusFailure(response, providerMessage);
	}
}
