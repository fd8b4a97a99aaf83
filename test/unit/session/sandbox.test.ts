/**
 * Every operation of the Conversation, Contact, Session, Media and Bulk resources against the local
 * provider emulator (sandbox/, built from the provider documents, not from this code): the emulator
 * validates what it receives as strictly as the documents say.
 */
import type { ICredentialDataDecryptedObject, IDataObject, INodeExecutionData } from 'n8n-workflow';

import { runNode, TEST_CREDENTIALS } from '../../helpers/workflow';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startSandbox } = require('../../../sandbox/server') as {
	startSandbox: (o: object) => Promise<{ url: string; state: { state: Record<string, Record<string, unknown>> }; close: () => Promise<void> }>;
};

let sb: Awaited<ReturnType<typeof startSandbox>>;
let credentials: Record<string, ICredentialDataDecryptedObject>;

beforeAll(async () => {
	sb = await startSandbox({ port: 0, latencyMs: 0, bulkDelayCapMs: 0 });
	credentials = {
		...TEST_CREDENTIALS,
		whatsAppGatewayEngineApi: { baseUrl: `${sb.url}/engine`, apiKey: 'sandbox-engine-key' },
		whatsAppGatewaySevenApi: { baseUrl: `${sb.url}/seven`, apiKey: 'sandbox-seven-key', signingKey: '' },
		whatsAppGatewayWhaapyApi: { baseUrl: `${sb.url}/whaapy`, apiKey: 'wha_sandboxkey000000000000' },
	};
});
afterAll(async () => await sb.close());

const engineState = () => sb.state.state.engine as { session: string };

async function ok(parameters: IDataObject, items?: Array<IDataObject | INodeExecutionData>) {
	const result = await runNode({ parameters, items, credentials });
	if (result.error) throw result.error;
	return result.output ?? [];
}

test('Engine contacts: check, check numbers from items, get info', async () => {
	engineState().session = 'connected';
	const check = await ok({ provider: 'engine', resource: 'contact', operation: 'check', phoneNumber: '+57 300 123 4568' });
	expect(check[0].json).toEqual({ provider: 'engine', phone: '573001234568', isRegistered: true, error: null });

	const bulk = await ok(
		{ provider: 'engine', resource: 'contact', operation: 'checkBulk', source: 'items', phoneNumber: '={{ $json.phone }}' },
		[{ phone: '573001234567' }, { phone: '573001234568' }],
	);
	expect(bulk.map((o) => [o.json.phone, o.json.isRegistered, o.pairedItem])).toEqual([
		['573001234567', false, [{ item: 0 }]],
		['573001234568', true, [{ item: 1 }]],
	]);

	const info = await ok({ provider: 'engine', resource: 'contact', operation: 'getInfo', phoneNumber: '573001234568' });
	expect(info[0].json).toMatchObject({ provider: 'engine', phone: '573001234568', id: '573001234568@c.us', isUser: true, isGroup: false });
});

test('Engine session: status, QR (no QR when connected, PNG when pending), profile, logout, restart', async () => {
	engineState().session = 'connected';
	const status = await ok({ provider: 'engine', resource: 'session', operation: 'getStatus' });
	expect(status[0].json).toEqual({ provider: 'engine', status: 'connected', isReady: true, hasQR: false });

	const noQr = await ok({ provider: 'engine', resource: 'session', operation: 'getQrCode', binaryPropertyName: 'data' });
	expect(noQr[0].json).toMatchObject({ available: false, reason: 'noQr' });
	const noImage = await ok({ provider: 'engine', resource: 'session', operation: 'getQrImage', binaryPropertyName: 'data' });
	expect(noImage[0].json).toMatchObject({ available: false, reason: 'noQr' });

	const profile = await ok({ provider: 'engine', resource: 'session', operation: 'getProfile' });
	expect(profile[0].json).toEqual({ provider: 'engine', name: 'Sandbox Business', phone: '573001112233', platform: 'android' });

	const logout = await ok({ provider: 'engine', resource: 'session', operation: 'logout' });
	expect(logout[0].json).toEqual({ provider: 'engine', success: true, message: 'Sesión cerrada exitosamente' });
	const notConnected = await runNode({ parameters: { provider: 'engine', resource: 'session', operation: 'getProfile' }, credentials });
	expect(notConnected.error?.message).toBe('WhatsApp API Engine: WhatsApp error: WhatsApp no está conectado');

	const restart = await ok({ provider: 'engine', resource: 'session', operation: 'restart' });
	expect(restart[0].json).toMatchObject({ provider: 'engine', success: true, message: 'Conexión reiniciada', data: { status: 'qr_pending' } });

	const qr = await ok({ provider: 'engine', resource: 'session', operation: 'getQrCode', binaryPropertyName: 'qr' });
	expect(qr[0].json).toMatchObject({ available: true, mimeType: 'image/png', fileName: 'whatsapp-qr.png' });
	expect(String(qr[0].json.qrCode)).toMatch(/^data:image\/png;base64,/);
	expect(Buffer.from(String(qr[0].binary?.qr.data), 'base64').subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
	expect(qr[0].binary?.qr.mimeType).toBe('image/png');

	const image = await ok({ provider: 'engine', resource: 'session', operation: 'getQrImage', binaryPropertyName: 'data' });
	expect(image[0].binary?.data.mimeType).toBe('image/png');
	expect(Buffer.from(String(image[0].binary?.data.data), 'base64').equals(Buffer.from(String(qr[0].binary?.qr.data), 'base64'))).toBe(true);
	engineState().session = 'connected';
});

test('Engine bulk send from items', async () => {
	engineState().session = 'connected';
	const out = await ok(
		{ provider: 'engine', resource: 'bulk', operation: 'send', source: 'items', phoneNumber: '={{ $json.phone }}', message: 'Hola', delay: 1000 },
		[{ phone: '573001234567' }, { phone: '+57 300 123 4568' }],
	);
	expect(out).toHaveLength(2);
	expect(out.map((o) => [o.json.phone, o.json.success, o.json.status, o.pairedItem])).toEqual([
		['573001234567', true, 'sent', [{ item: 0 }]],
		['573001234568', true, 'sent', [{ item: 1 }]],
	]);
	expect(String(out[0].json.messageId)).toMatch(/^true_573001234567@c\.us_3EB0/);
});

test('seven events: read, typing, reaction and reaction removal', async () => {
	const base = { provider: 'seven', resource: 'conversation', sevenFrom: '4915112345678' };
	expect((await ok({ ...base, operation: 'markAsRead', to: '4917612345678' }))[0].json.success).toBe(true);
	expect((await ok({ ...base, operation: 'markAsRead', to: '', messageId: '77000001' }))[0].json.success).toBe(true);
	expect((await ok({ ...base, operation: 'typingIndicator', to: '4917612345678' }))[0].json.success).toBe(true);
	expect((await ok({ ...base, operation: 'react', messageId: '77000001', emoji: '👍' }))[0].json).toMatchObject({ success: true, removed: false });
	expect((await ok({ ...base, operation: 'react', messageId: '77000001', emoji: '' }))[0].json).toMatchObject({ success: true, removed: true });
});

test('Whaapy: reaction, mark as read by number, media upload', async () => {
	const base = { provider: 'whaapy', resource: 'conversation' };
	const reaction = await ok({ ...base, operation: 'react', to: '+52 1 55 1234 5678', messageId: 'wamid.X', emoji: '❤️' });
	expect(reaction[0].json).toMatchObject({ success: true, to: '+5215512345678', status: 'sent' });
	const read = await ok({ ...base, operation: 'markAsRead', to: '+5215512345678' });
	expect(read[0].json).toMatchObject({ success: true, unreadCount: 0 });
	expect(typeof read[0].json.conversationId).toBe('string');

	const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
	const upload = await ok({ provider: 'whaapy', resource: 'media', operation: 'upload', binaryPropertyName: 'data', mediaType: 'auto' }, [
		{ json: {}, binary: { data: { data: png.toString('base64'), mimeType: 'image/png', fileName: 'dot.png' } } },
	]);
	expect(upload[0].json).toMatchObject({ provider: 'whaapy', type: 'image', mimeType: 'image/png', fileSize: png.length });
	expect(String(upload[0].json.mediaId)).toMatch(/^media_/);
});
