import type { IDataObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { OperationHandler, OperationHandlers, OperationOutput } from '../types';
import { isObject, pick } from '../shared';
import { engineData } from './contacts';
import { ensureNodeError } from '../../transport/errors';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
export const QR_FILE_NAME = 'whatsapp-qr.png';

export function isPng(data: Buffer): boolean {
	return (
		data.length > PNG_SIGNATURE.length &&
		data.subarray(0, PNG_SIGNATURE.length).equals(PNG_SIGNATURE)
	);
}

/** Get Status: `GET /api/session/status` → `{data:{status, isReady, hasQR, ...}}`. */
export const engineSessionStatus: OperationHandler<'session.getStatus'> = async (ctx) => {
	const response = await ctx.call({
		method: 'GET',
		path: '/api/session/status',
		action: 'get the session status',
	});
	const data = engineData(response.body);
	return [
		{
			json: {
				provider: 'engine',
				// Multi-tenant Engines add connectionId, clientId, phone, sessionName: kept as they come.
				...data,
				status: typeof data.status === 'string' ? data.status : 'unknown',
				isReady: data.isReady === true,
				hasQR: data.hasQR === true,
			},
		},
	];
};

/** Get Profile: `GET /api/session/profile` → `{data:{name, phone, platform}}` (503 when not connected). */
export const engineSessionProfile: OperationHandler<'session.getProfile'> = async (ctx) => {
	const response = await ctx.call({
		method: 'GET',
		path: '/api/session/profile',
		action: 'get the profile',
	});
	const data = engineData(response.body);
	return [{ json: { provider: 'engine', ...data } }];
};

function sessionAction(
	path: string,
	action: string,
): OperationHandler<'session.logout' | 'session.restart'> {
	return async (ctx) => {
		const response = await ctx.call({ method: 'POST', path, action });
		const body = isObject(response.body) ? response.body : {};
		return [
			{
				json: {
					provider: 'engine',
					success: true,
					message: pick(body, 'message') ?? null,
					...(isObject(body.data) ? { data: body.data } : {}),
				},
			},
		];
	};
}

/** Logout: `POST /api/session/logout` → `{success, message}` (503 when not connected). */
export const engineSessionLogout = sessionAction('/api/session/logout', 'log out of WhatsApp');
/** Restart: `POST /api/session/restart` → `{success, message, data?}`. */
export const engineSessionRestart = sessionAction(
	'/api/session/restart',
	'restart the WhatsApp session',
);

const NO_QR_MESSAGE =
	'No QR code available: the session is already connected, or the Engine has not generated a QR code yet (run Session → Restart, then try again)';

/**
 * When the Engine has no QR code it answers 404 (`{error:"No hay código QR disponible"}` as JSON, or
 * that text for the image); multi-tenant Engines answer 423 when QR generation is disabled. These
 * are states, not failures: the operation returns `available: false` with the reason. Any other
 * 404 (e.g. "Ruta no encontrada" from a wrong base URL) stays an error.
 */
function noQrResult(error: unknown): OperationOutput | undefined {
	if (!(error instanceof NodeApiError)) return undefined;
	const context = error.context ?? {};
	const status = Number(context.httpStatus);
	const response = context.response;
	const said = isObject(response)
		? [pick(response, 'error'), pick(response, 'message')].filter(Boolean).join(' ')
		: '';
	if (status === 423) {
		return {
			json: {
				provider: 'engine',
				available: false,
				reason: 'disabled',
				message: 'QR code generation is disabled on this Engine',
				providerMessage: said || null,
			},
		};
	}
	if (status !== 404) return undefined;
	if (isObject(response) && !/qr/i.test(said)) return undefined;
	return {
		json: {
			provider: 'engine',
			available: false,
			reason: 'noQr',
			message: NO_QR_MESSAGE,
			providerMessage: said || null,
		},
	};
}

/**
 * Get QR Code: `GET /api/session/qr` → `{data:{qrCode:"data:image/png;base64,…"}}`. Outputs the data
 * URL, the bare base64 and the PNG as binary data (to e-mail or post it). Multi-tenant Engines always
 * answer 200, with `qrCode: null` when there is none.
 */
export const engineSessionQrCode: OperationHandler<'session.getQrCode'> = async (ctx, input) => {
	let body: unknown;
	try {
		body = (await ctx.call({ method: 'GET', path: '/api/session/qr', action: 'get the QR code' }))
			.body;
	} catch (error) {
		const result = noQrResult(error);
		if (result) return [result];
		throw ensureNodeError(ctx.node, error);
	}
	const data = engineData(body);
	const extra: IDataObject = {};
	for (const key of ['status', 'pending', 'connected', 'shouldRequestQr', 'disabled']) {
		if (data[key] !== undefined) extra[key] = data[key];
	}
	const qrCode =
		typeof data.qrCode === 'string' && data.qrCode.trim() !== '' ? data.qrCode.trim() : undefined;
	if (!qrCode) {
		return [
			{
				json: {
					provider: 'engine',
					available: false,
					reason: 'noQr',
					message: NO_QR_MESSAGE,
					providerMessage: pick(body, 'message') ?? null,
					...extra,
				},
			},
		];
	}
	const match = /^data:([^;,]+)?(?:;[^,]*)?;base64,(.*)$/s.exec(qrCode);
	const base64 = (match ? match[2] : qrCode).replace(/\s+/g, '');
	const image = Buffer.from(base64, 'base64');
	if (!isPng(image)) {
		// Not an image: some Engines give the raw QR text, which a QR library must draw.
		return [
			{
				json: {
					provider: 'engine',
					available: true,
					qrCode,
					base64: null,
					mimeType: null,
					...extra,
				},
			},
		];
	}
	return [
		{
			json: {
				provider: 'engine',
				available: true,
				qrCode: match ? qrCode : `data:image/png;base64,${base64}`,
				base64,
				mimeType: 'image/png',
				fileName: QR_FILE_NAME,
				fileSize: image.length,
				...extra,
			},
			binary: {
				propertyName: input.binaryPropertyName,
				data: image,
				mimeType: 'image/png',
				fileName: QR_FILE_NAME,
			},
		},
	];
};

/** Get QR Image: `GET /api/session/qr/image` → `image/png` bytes (404 text when there is no QR). */
export const engineSessionQrImage: OperationHandler<'session.getQrImage'> = async (ctx, input) => {
	let body: unknown;
	try {
		body = (
			await ctx.call({
				method: 'GET',
				path: '/api/session/qr/image',
				action: 'get the QR image',
				responseType: 'binary',
			})
		).body;
	} catch (error) {
		const result = noQrResult(error);
		if (result) return [result];
		throw ensureNodeError(ctx.node, error);
	}
	const image = Buffer.isBuffer(body)
		? body
		: Buffer.from(body instanceof ArrayBuffer ? new Uint8Array(body) : String(body ?? ''));
	if (!isPng(image)) {
		throw new NodeOperationError(ctx.node, 'WhatsApp API Engine: the QR image is not a PNG file', {
			itemIndex: ctx.itemIndex,
			description:
				'The server answered something else than an image. Check that the base URL of the credential points at the Engine (e.g. http://localhost:3000).',
		});
	}
	return [
		{
			json: {
				provider: 'engine',
				available: true,
				mimeType: 'image/png',
				fileName: QR_FILE_NAME,
				fileSize: image.length,
			},
			binary: {
				propertyName: input.binaryPropertyName,
				data: image,
				mimeType: 'image/png',
				fileName: QR_FILE_NAME,
			},
		},
	];
};

/** Session operations of the WhatsApp API Engine. */
export const engineSessionOperations: OperationHandlers = {
	'session.getProfile': engineSessionProfile,
	'session.getQrCode': engineSessionQrCode,
	'session.getQrImage': engineSessionQrImage,
	'session.getStatus': engineSessionStatus,
	'session.logout': engineSessionLogout,
	'session.restart': engineSessionRestart,
};
