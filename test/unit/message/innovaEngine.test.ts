/**
 * InnovaAPI (docs/providers/innova.md) and WhatsApp API Engine (docs/providers/engine.md): the documented body per message type;
 * Engine sends binary images as base64 + mimetype; URL-only types refuse binary files before any
 * request.
 */
import type { IDataObject } from 'n8n-workflow';

import { binaryItem, expectInputError, provider, sendOk } from './helpers';

describe('InnovaAPI → Send', () => {
	const base = { provider: 'innova', resource: 'message', operation: 'send', to: '+57 300 123 4567' };
	const ok = { success: true, message: 'Mensaje enviado correctamente' };

	const cases: Array<[string, IDataObject, IDataObject]> = [
		['text', { messageType: 'text', text: 'Hola' }, { tipo: 'text', mensaje: 'Hola' }],
		['image with caption', { messageType: 'image', mediaUrl: 'https://ejemplo.com/imagen.jpg', caption: 'Mira esta imagen' }, { tipo: 'image', url: 'https://ejemplo.com/imagen.jpg', caption: 'Mira esta imagen' }],
		['video with caption', { messageType: 'video', mediaUrl: 'https://ejemplo.com/v.mp4', caption: 'Video' }, { tipo: 'video', url: 'https://ejemplo.com/v.mp4', caption: 'Video' }],
		['audio', { messageType: 'audio', mediaUrl: 'https://ejemplo.com/a.mp3' }, { tipo: 'audio', url: 'https://ejemplo.com/a.mp3' }],
		['document', { messageType: 'document', mediaUrl: 'https://ejemplo.com/doc.pdf' }, { tipo: 'document', url: 'https://ejemplo.com/doc.pdf' }],
		['location', { messageType: 'location', latitude: 4.711, longitude: -74.0086, locationName: 'Bogotá, Colombia' }, { tipo: 'location', latitud: 4.711, longitud: -74.0086, nombre: 'Bogotá, Colombia' }],
		['location without name', { messageType: 'location', latitude: '4.711', longitude: '-74.0086' }, { tipo: 'location', latitud: 4.711, longitud: -74.0086 }],
	];
	test.each(cases)('%s', async (_name, parameters, body) => {
		const scope = provider('innova').post('/api/whatsapp/enviar', { numero: '573001234567', ...body }).reply(200, ok);
		const json = await sendOk({ ...base, ...parameters });
		expect(scope.isDone()).toBe(true);
		expect(json).toEqual({ provider: 'innova', to: '573001234567', messageId: null, status: 'accepted', type: parameters.messageType, providerResponse: ok });
	});

	test('a binary file is refused before any request (URL only)', async () => {
		await expectInputError(
			{ ...base, messageType: 'image', mediaSource: 'binary' },
			'InnovaAPI cannot send image from a binary file; it accepts a public URL (field "Media Source", item 0)',
			[binaryItem(Buffer.from('x'), 'image/jpeg', 'a.jpg')],
		);
	});

	test('types InnovaAPI does not document are refused', async () => {
		await expectInputError({ ...base, messageType: 'sticker', mediaUrl: 'https://e.com/s.webp' }, 'InnovaAPI cannot send "sticker" messages (field "Message Type", item 0)');
	});
});

describe('WhatsApp API Engine → Send', () => {
	const base = { provider: 'engine', resource: 'message', operation: 'send', to: '+57 300 123 4567' };
	const reply = (type?: string) => ({
		success: true,
		message: 'Imagen enviada exitosamente',
		data: { messageId: 'local-uuid', whatsappId: 'true_573001234567@c.us_3EB0', phone: '573001234567', status: 'sent', timestamp: '2026-01-22T10:30:00.000Z', ...(type ? { type } : {}) },
	});
	const normalized = (type: string, body: IDataObject) => ({
		provider: 'engine',
		to: '573001234567',
		messageId: 'true_573001234567@c.us_3EB0',
		localMessageId: 'local-uuid',
		status: 'sent',
		type,
		timestamp: '2026-01-22T10:30:00.000Z',
		providerResponse: body,
	});

	test('image by URL with caption', async () => {
		const body = reply('image');
		const scope = provider('engine').post('/api/messages/send-image', { phone: '573001234567', imageUrl: 'https://example.com/image.jpg', caption: 'Mira esta imagen' }).reply(200, body);
		const json = await sendOk({ ...base, messageType: 'image', mediaSource: 'url', mediaUrl: 'https://example.com/image.jpg', caption: 'Mira esta imagen' });
		expect(scope.isDone()).toBe(true);
		expect(json).toEqual(normalized('image', body));
	});

	test('image from binary data → base64 + mimetype', async () => {
		const file = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
		const body = reply('image');
		const scope = provider('engine')
			.post('/api/messages/send-image', { phone: '573001234567', base64: file.toString('base64'), mimetype: 'image/png' })
			.reply(200, body);
		const json = await sendOk({ ...base, messageType: 'image', mediaSource: 'binary', binaryPropertyName: 'data' }, [binaryItem(file, 'image/png', 'logo.png')]);
		expect(scope.isDone()).toBe(true);
		expect(json).toEqual(normalized('image', body));
	});

	test('document by URL with file name and caption', async () => {
		const body = reply('document');
		const scope = provider('engine')
			.post('/api/messages/send-document', { phone: '573001234567', documentUrl: 'https://example.com/document.pdf', filename: 'documento.pdf', caption: 'Aquí está el documento' })
			.reply(200, body);
		const json = await sendOk({ ...base, messageType: 'document', mediaUrl: 'https://example.com/document.pdf', fileName: 'documento.pdf', caption: 'Aquí está el documento' });
		expect(scope.isDone()).toBe(true);
		expect(json).toEqual(normalized('document', body));
	});

	test('document without a name: the last part of the URL is the file name', async () => {
		const scope = provider('engine')
			.post('/api/messages/send-document', { phone: '573001234567', documentUrl: 'https://example.com/files/report.pdf', filename: 'report.pdf' })
			.reply(200, reply('document'));
		await sendOk({ ...base, messageType: 'document', mediaUrl: 'https://example.com/files/report.pdf' });
		expect(scope.isDone()).toBe(true);
	});

	test.each([
		['image', { messageType: 'image', mediaUrl: 'https://cdn.example.com/media/12345' }],
		['document', { messageType: 'document', mediaUrl: 'https://cdn.example.com/download?id=9', fileName: 'x.pdf' }],
	])('a %s URL without a file extension is refused before sending (the Engine answers HTTP 500 "Unable to determine MIME type")', async (type, fields) => {
		await expectInputError({ ...base, ...fields }, `WhatsApp API Engine needs ${type} URLs that end in a file extension; this URL has none (field "Media URL", item 0)`);
	});

	test('document from binary data is refused before any request (the Engine takes document URLs only)', async () => {
		await expectInputError(
			{ ...base, messageType: 'document', mediaSource: 'binary' },
			'WhatsApp API Engine cannot send document from a binary file; it accepts a public URL (field "Media Source", item 0)',
			[binaryItem(Buffer.from('x'), 'application/pdf', 'a.pdf')],
		);
	});

	test('a binary image that is not an image is refused', async () => {
		await expectInputError(
			{ ...base, messageType: 'image', mediaSource: 'binary' },
			'WhatsApp API Engine does not accept "application/pdf" files as image (field "Input Binary Field", item 0)',
			[binaryItem(Buffer.from('x'), 'application/pdf', 'a.pdf')],
		);
	});

	test('a binary image above 7 MB is refused (the Engine takes JSON bodies up to 10 MB)', async () => {
		await expectInputError(
			{ ...base, messageType: 'image', mediaSource: 'binary' },
			'The file is too large for WhatsApp API Engine image: 7 MB (7340042 bytes), at most 7 MB are allowed (field "Input Binary Field", item 0)',
			[binaryItem(Buffer.alloc(7 * 1024 * 1024 + 10, 1), 'image/jpeg', 'big.jpg')],
		);
	});

	test('caption longer than 1024 is refused', async () => {
		await expectInputError(
			{ ...base, messageType: 'image', mediaUrl: 'https://example.com/a.jpg', caption: 'x'.repeat(1025) },
			'Caption is too long: 1025 characters, at most 1024 are allowed (field "Caption", item 0)',
		);
	});
});
