/**
 * Session resource (WhatsApp API Engine, docs/providers/engine.md): Get Status, Get QR Code (base64 + PNG binary),
 * Get QR Image (PNG binary), Get Profile, Logout, Restart; "no QR" (404) is a result, "not connected"
 * (503) a clear error.
 */
import nock from 'nock';

import { runNode } from '../../helpers/workflow';

const ENGINE = 'http://engine.test:3000';
const KEY = { 'x-api-key': 'engine-secret-key-000' };
const engine = () => nock(ENGINE, { reqheaders: KEY });
const base = { provider: 'engine', resource: 'session' };

/** A real 1×1 PNG. */
const PNG_BASE64 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
const PNG = Buffer.from(PNG_BASE64, 'base64');
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const NO_QR =
	'No QR code available: the session is already connected, or the Engine has not generated a QR code yet (run Session → Restart, then try again)';

describe('Session → Get Status', () => {
	test('GET /api/session/status', async () => {
		const scope = engine()
			.get('/api/session/status')
			.reply(200, { success: true, data: { status: 'qr_pending', isReady: false, hasQR: true } });
		const { output } = await runNode({ parameters: { ...base, operation: 'getStatus' } });
		expect(scope.isDone()).toBe(true);
		expect(output).toEqual([{ json: { provider: 'engine', status: 'qr_pending', isReady: false, hasQR: true }, pairedItem: { item: 0 } }]);
	});

	test('multi-tenant fields are kept', async () => {
		engine()
			.get('/api/session/status')
			.reply(200, { success: true, data: { status: 'connected', isReady: true, hasQR: false, connectionId: 'c1', phone: '573001112233' } });
		const { output } = await runNode({ parameters: { ...base, operation: 'getStatus' } });
		expect(output?.[0].json).toEqual({ provider: 'engine', status: 'connected', isReady: true, hasQR: false, connectionId: 'c1', phone: '573001112233' });
	});
});

describe('Session → Get QR Code', () => {
	test('the data URL, the bare base64 and the PNG as binary data', async () => {
		const scope = engine()
			.get('/api/session/qr')
			.reply(200, { success: true, data: { qrCode: `data:image/png;base64,${PNG_BASE64}` } });
		const { output, error } = await runNode({ parameters: { ...base, operation: 'getQrCode', binaryPropertyName: 'qr' } });
		expect(error).toBeUndefined();
		expect(scope.isDone()).toBe(true);
		expect(output).toHaveLength(1);
		expect(output?.[0].json).toEqual({
			provider: 'engine',
			available: true,
			qrCode: `data:image/png;base64,${PNG_BASE64}`,
			base64: PNG_BASE64,
			mimeType: 'image/png',
			fileName: 'whatsapp-qr.png',
			fileSize: PNG.length,
		});
		const binary = output?.[0].binary?.qr;
		expect(binary?.mimeType).toBe('image/png');
		expect(binary?.fileName).toBe('whatsapp-qr.png');
		expect(binary?.fileExtension).toBe('png');
		const bytes = Buffer.from(String(binary?.data), 'base64');
		expect(bytes.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
		expect(bytes.equals(PNG)).toBe(true);
		expect(output?.[0].pairedItem).toEqual({ item: 0 });
	});

	test('404 "no QR" is a result with available: false, not a failure', async () => {
		engine()
			.get('/api/session/qr')
			.reply(404, { success: false, error: 'No hay código QR disponible', message: 'La sesión ya está autenticada o aún no se ha generado el QR' });
		const { output, error } = await runNode({ parameters: { ...base, operation: 'getQrCode', binaryPropertyName: 'data' } });
		expect(error).toBeUndefined();
		expect(output).toEqual([
			{
				json: {
					provider: 'engine',
					available: false,
					reason: 'noQr',
					message: NO_QR,
					providerMessage: 'No hay código QR disponible La sesión ya está autenticada o aún no se ha generado el QR',
				},
				pairedItem: { item: 0 },
			},
		]);
		expect(output?.[0].binary).toBeUndefined();
	});

	test('multi-tenant "qrCode: null" answer is the same result', async () => {
		engine()
			.get('/api/session/qr')
			.reply(200, { success: true, message: 'Sesión conectada', data: { qrCode: null, pending: false, connected: true, status: 'connected' } });
		const { output } = await runNode({ parameters: { ...base, operation: 'getQrCode', binaryPropertyName: 'data' } });
		expect(output?.[0].json).toEqual({
			provider: 'engine',
			available: false,
			reason: 'noQr',
			message: NO_QR,
			providerMessage: 'Sesión conectada',
			status: 'connected',
			pending: false,
			connected: true,
		});
	});

	test('a 404 that is not about the QR (wrong base URL) stays an error', async () => {
		engine().get('/api/session/qr').reply(404, { success: false, error: 'Ruta no encontrada' });
		const { error } = await runNode({ parameters: { ...base, operation: 'getQrCode', binaryPropertyName: 'data' } });
		expect(error?.message).toBe('WhatsApp API Engine: Ruta no encontrada');
		expect(error?.description).toContain('base URL');
	});

	test('an empty output field name fails before any request', async () => {
		const { error } = await runNode({ parameters: { ...base, operation: 'getQrCode', binaryPropertyName: ' ' } });
		expect(error?.message).toBe('Put Output File in Field is empty (field "Put Output File in Field", item 0)');
	});
});

describe('Session → Get QR Image', () => {
	test('GET /api/session/qr/image → PNG binary', async () => {
		const scope = engine().get('/api/session/qr/image').reply(200, PNG, { 'Content-Type': 'image/png' });
		const { output, error } = await runNode({ parameters: { ...base, operation: 'getQrImage', binaryPropertyName: 'data' } });
		expect(error).toBeUndefined();
		expect(scope.isDone()).toBe(true);
		expect(output?.[0].json).toEqual({ provider: 'engine', available: true, mimeType: 'image/png', fileName: 'whatsapp-qr.png', fileSize: PNG.length });
		const binary = output?.[0].binary?.data;
		expect(binary?.mimeType).toBe('image/png');
		const bytes = Buffer.from(String(binary?.data), 'base64');
		expect(bytes.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
		expect(bytes.equals(PNG)).toBe(true);
	});

	test('404 text "No hay código QR disponible" is a result with available: false', async () => {
		engine().get('/api/session/qr/image').reply(404, 'No hay código QR disponible', { 'Content-Type': 'text/html; charset=utf-8' });
		const { output, error } = await runNode({ parameters: { ...base, operation: 'getQrImage', binaryPropertyName: 'data' } });
		expect(error).toBeUndefined();
		expect(output?.[0].json).toMatchObject({ provider: 'engine', available: false, reason: 'noQr', message: NO_QR });
		expect(output?.[0].binary).toBeUndefined();
	});

	test('423 (QR generation disabled) is a result too', async () => {
		engine().get('/api/session/qr/image').reply(423, { success: false, error: 'Generación de QR deshabilitada' });
		const { output } = await runNode({ parameters: { ...base, operation: 'getQrImage', binaryPropertyName: 'data' } });
		expect(output?.[0].json).toEqual({
			provider: 'engine',
			available: false,
			reason: 'disabled',
			message: 'QR code generation is disabled on this Engine',
			providerMessage: null,
		});
	});

	test('a 200 answer that is not a PNG is a clear error', async () => {
		engine().get('/api/session/qr/image').reply(200, '<html><title>Proxy</title></html>', { 'Content-Type': 'text/html' });
		const { error } = await runNode({ parameters: { ...base, operation: 'getQrImage', binaryPropertyName: 'data' } });
		expect(error?.message).toBe('WhatsApp API Engine: the QR image is not a PNG file');
	});
});

describe('Session → Get Profile, Logout, Restart', () => {
	test('GET /api/session/profile', async () => {
		const scope = engine()
			.get('/api/session/profile')
			.reply(200, { success: true, data: { name: 'Mi Negocio', phone: '573001112233', platform: 'android' } });
		const { output } = await runNode({ parameters: { ...base, operation: 'getProfile' } });
		expect(scope.isDone()).toBe(true);
		expect(output).toEqual([{ json: { provider: 'engine', name: 'Mi Negocio', phone: '573001112233', platform: 'android' }, pairedItem: { item: 0 } }]);
	});

	test('503 "not connected" is a clear error; continue on fail gives one error item per input item', async () => {
		engine()
			.get('/api/session/profile')
			.twice()
			.reply(503, { success: false, error: 'WhatsApp no está conectado', code: 'WHATSAPP_ERROR' });
		const { output } = await runNode({ parameters: { ...base, operation: 'getProfile' }, items: [{}, {}], continueOnFail: true });
		expect(output).toHaveLength(2);
		output?.forEach((item, index) => {
			expect(item.pairedItem).toEqual({ item: index });
			expect(item.json).toMatchObject({
				error: 'WhatsApp API Engine: WhatsApp error: WhatsApp no está conectado',
				kind: 'notConnected',
				httpStatus: 503,
				providerCode: 'WHATSAPP_ERROR',
				itemIndex: index,
			});
		});
	});

	test('POST /api/session/logout', async () => {
		const scope = engine().post('/api/session/logout').reply(200, { success: true, message: 'Sesión cerrada exitosamente' });
		const { output } = await runNode({ parameters: { ...base, operation: 'logout' } });
		expect(scope.isDone()).toBe(true);
		expect(output?.[0].json).toEqual({ provider: 'engine', success: true, message: 'Sesión cerrada exitosamente' });
	});

	test('logout when not connected is a clear error', async () => {
		engine().post('/api/session/logout').reply(503, { success: false, error: 'WhatsApp no está conectado', code: 'WHATSAPP_ERROR' });
		const { error } = await runNode({ parameters: { ...base, operation: 'logout' } });
		expect(error?.message).toBe('WhatsApp API Engine: WhatsApp error: WhatsApp no está conectado');
		expect(error?.description).toContain('scan the QR code');
	});

	test('POST /api/session/restart', async () => {
		const scope = engine()
			.post('/api/session/restart')
			.reply(200, { success: true, message: 'Conexión reiniciada', data: { status: 'qr_pending', isReady: false, hasQR: true } });
		const { output } = await runNode({ parameters: { ...base, operation: 'restart' } });
		expect(scope.isDone()).toBe(true);
		expect(output?.[0].json).toEqual({
			provider: 'engine',
			success: true,
			message: 'Conexión reiniciada',
			data: { status: 'qr_pending', isReady: false, hasQR: true },
		});
	});
});
