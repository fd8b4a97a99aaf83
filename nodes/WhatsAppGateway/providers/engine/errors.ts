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
			const problems = validationProblems(body);
			const details = problems.map((p) => `${p.field}: ${p.message}`).join('; ');
			return {
				...base,
				kind: 'validation',
				providerMessage: details || providerMessage,
				message: details
					? `Validation failed (${details})`
					: (providerMessage ?? 'Validation failed'),
				hint: validationHint(problems, request),
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
			if (
				providerMessage &&
				/no esta registrad|no está registrad|not registered/i.test(providerMessage)
			) {
				// whatsapp.service.js: getNumberId() found no account ("El numero no esta registrado en
				// WhatsApp"); errorHandler.js answers 503 for any message that contains "WhatsApp".
				return {
					...base,
					kind: 'validation',
					message: 'The number is not on WhatsApp',
					hint: 'Check the number and its country code. Contact → Check tells whether a number has WhatsApp before sending.',
				};
			}
			return {
				...base,
				kind: 'notConnected',
				message: providerMessage
					? `WhatsApp error: ${providerMessage}`
					: 'WhatsApp is not connected',
				hint: "The Engine's WhatsApp session is not ready. Check Session → Get Status, scan the QR code (Session → Get QR Code) and run again.",
			};
		case 500:
			if (providerMessage && /determine MIME type/i.test(providerMessage)) {
				// whatsapp-web.js MessageMedia.fromUrl() takes the type from the URL's file extension.
				return {
					...base,
					kind: 'validation',
					message: 'The Engine could not tell the media type from the URL',
					hint: 'The Engine takes the file type from the extension at the end of the URL path (…/photo.jpg, …/file.pdf). Use a URL that ends in the file extension.',
				};
			}
			return {
				...base,
				kind: 'server',
				message: providerMessage
					? `Engine error: ${providerMessage}`
					: 'The Engine had an internal error',
				hint: 'With NODE_ENV=production the Engine hides the cause ("Error interno del servidor"); its log has it.',
			};
		default:
			return statusFailure(response, providerMessage);
	}
}

interface ValidationProblem {
	field: string;
	message: string;
}

/**
 * The Engine's validation answers (GAMEZ1125/whatsapp-api): routes that check inline answer
 * express-validator's own `{success:false, errors:[{type, value, msg, path, location}]}`
 * (webhook.routes.js); middlewares/validators.js answers `{success:false, error, details:[{field,
 * message}]}`; errorHandler.js answers `{error, details: "<text>"}` for a ValidationError.
 */
export function validationProblems(body: unknown): ValidationProblem[] {
	if (!isObject(body)) return [];
	const list = Array.isArray(body.errors)
		? body.errors
		: Array.isArray(body.details)
			? body.details
			: [];
	const problems = list.filter(isObject).map((d) => ({
		field: String(d.path ?? d.field ?? d.param ?? '?'),
		message: String(d.msg ?? d.message ?? ''),
	}));
	if (problems.length === 0 && typeof body.details === 'string' && body.details !== '')
		problems.push({ field: 'request', message: body.details });
	return problems;
}

/** What to do, for the fields that failed (the digits rule only when a number failed). */
function validationHint(problems: ValidationProblem[], request: ProviderRequest): string {
	const hints: string[] = [];
	const fields = problems.map((p) => p.field);
	if (fields.some((f) => f === 'phone' || f.startsWith('recipients')))
		hints.push('Numbers must be 10–15 digits with country code and no "+".');
	if (fields.some((f) => f === 'message')) hints.push('Text must be 1–4096 characters.');
	if (fields.some((f) => f === 'caption')) hints.push('Captions may have up to 1024 characters.');
	if (fields.includes('url') && request.path.startsWith('/api/webhooks'))
		hints.push(
			"The Engine accepts only URLs whose host has a dot or is an IP (express-validator isURL requires a top-level domain): localhost or container names such as n8n are refused. Set n8n's WEBHOOK_URL to e.g. http://127.0.0.1:5678/ or a real host name.",
		);
	if (fields.some((f) => /Url$/.test(f)))
		hints.push('Media URLs must be full http(s) URLs whose host has a dot (not localhost).');
	if (fields.includes('events')) hints.push('Choose at least one event.');
	return hints.join(' ');
}
