/**
 * Whaapy (docs/providers/whaapy.md): every message type sends the documented body to POST /messages/v1; binary
 * media is uploaded to POST /media/v1 (multipart: type + file) and then sent by media id; reply-to,
 * the Meta JSON escape hatch, validation before any request, and Message → Retry.
 */
import type { IDataObject } from 'n8n-workflow';

import { runNode } from '../../helpers/workflow';
import { binaryItem, expectInputError, provider, sendOk } from './helpers';

const TO = '+5215512345678';
const base = { provider: 'whaapy', resource: 'message', operation: 'send', to: '+52 1 55 1234 5678' };

const answer = (messageType: string, id = 'uuid-whaapy') => ({
	messaging_product: 'whatsapp',
	contacts: [{ input: TO, wa_id: '5215512345678' }],
	messages: [{ id, wamid: 'wamid.HBgLNTIx' }],
	data: { id, conversationId: 'conv-1', messageType, direction: 'outbound', status: 'sent', createdAt: '2026-01-22T10:30:00Z' },
});

const normalized = (type: string, body: IDataObject, extra: IDataObject = {}) => ({
	provider: 'whaapy',
	to: TO,
	messageId: 'uuid-whaapy',
	wamid: 'wamid.HBgLNTIx',
	conversationId: 'conv-1',
	status: 'sent',
	type,
	providerResponse: body,
	...extra,
});

async function expectBody(parameters: IDataObject, body: IDataObject, type: string, items?: Parameters<typeof sendOk>[1]) {
	const reply = answer(type);
	const scope = provider('whaapy').post('/messages/v1', { to: TO, ...body }).reply(200, reply);
	const json = await sendOk({ ...base, ...parameters }, items);
	expect(scope.isDone()).toBe(true);
	expect(json).toEqual(normalized(type, reply));
}

describe('Whaapy → Send: request body per type', () => {
	test('text (simplified style)', async () => {
		await expectBody({ messageType: 'text', text: 'Hola!' }, { content: 'Hola!' }, 'text');
	});

	test('text with link preview (Meta style)', async () => {
		await expectBody(
			{ messageType: 'text', text: 'See https://n8n.io', options: { previewUrl: true } },
			{ type: 'text', text: { body: 'See https://n8n.io', preview_url: true } },
			'text',
		);
	});

	test('reply to a message (context.message_id)', async () => {
		await expectBody({ messageType: 'text', text: 'Sí', options: { replyTo: 'wamid.ABC123' } }, { content: 'Sí', context: { message_id: 'wamid.ABC123' } }, 'text');
	});

	test('image by URL with caption', async () => {
		await expectBody(
			{ messageType: 'image', mediaSource: 'url', mediaUrl: 'https://example.com/a.jpg', caption: 'Mira' },
			{ type: 'image', image: { link: 'https://example.com/a.jpg', caption: 'Mira' } },
			'image',
		);
	});

	test('image by media id', async () => {
		await expectBody({ messageType: 'image', mediaSource: 'mediaId', mediaId: 'media_123' }, { type: 'image', image: { id: 'media_123' } }, 'image');
	});

	test('video by URL', async () => {
		await expectBody({ messageType: 'video', mediaUrl: 'https://example.com/v.mp4', caption: 'Video' }, { type: 'video', video: { link: 'https://example.com/v.mp4', caption: 'Video' } }, 'video');
	});

	test('audio as a voice note', async () => {
		await expectBody({ messageType: 'audio', mediaUrl: 'https://example.com/a.ogg', voiceNote: true }, { type: 'audio', audio: { link: 'https://example.com/a.ogg', voice: true } }, 'audio');
	});

	test('document by URL with file name', async () => {
		await expectBody(
			{ messageType: 'document', mediaUrl: 'https://example.com/d.pdf', fileName: 'Contrato.pdf', caption: 'Firmar' },
			{ type: 'document', document: { link: 'https://example.com/d.pdf', caption: 'Firmar', filename: 'Contrato.pdf' } },
			'document',
		);
	});

	test('sticker by URL', async () => {
		await expectBody({ messageType: 'sticker', mediaUrl: 'https://example.com/s.webp' }, { type: 'sticker', sticker: { link: 'https://example.com/s.webp' } }, 'sticker');
	});

	test('location with name and address', async () => {
		await expectBody(
			{ messageType: 'location', latitude: 19.4326, longitude: -99.1332, locationName: 'Zócalo', locationAddress: 'Centro, CDMX' },
			{ type: 'location', location: { latitude: 19.4326, longitude: -99.1332, name: 'Zócalo', address: 'Centro, CDMX' } },
			'location',
		);
	});

	test('contacts (Meta shape with formatted_name)', async () => {
		await expectBody(
			{ messageType: 'contacts', contacts: { contact: [{ firstName: 'Ana', lastName: 'López', phones: { phone: [{ number: '+5215500000000', type: 'work' }, { number: '+5215511111111' }] } }] } },
			{
				type: 'contacts',
				contacts: [
					{
						name: { formatted_name: 'Ana López', first_name: 'Ana', last_name: 'López' },
						phones: [{ phone: '+5215500000000', type: 'WORK' }, { phone: '+5215511111111' }],
					},
				],
			},
			'contacts',
		);
	});

	test('interactive buttons (one button is enough for Whaapy)', async () => {
		await expectBody(
			{ messageType: 'buttons', interactiveHeader: 'Pedido', interactiveBody: '¿Confirmas?', interactiveFooter: 'Gracias', buttons: { button: [{ id: 'yes', title: 'Sí' }] } },
			{
				type: 'interactive',
				interactive: {
					type: 'button',
					header: { type: 'text', text: 'Pedido' },
					body: { text: '¿Confirmas?' },
					footer: { text: 'Gracias' },
					action: { buttons: [{ type: 'reply', reply: { id: 'yes', title: 'Sí' } }] },
				},
			},
			'buttons',
		);
	});

	test('interactive list (one section may have no title)', async () => {
		await expectBody(
			{ messageType: 'list', interactiveBody: 'Elige', listButtonText: 'Ver', sections: { section: [{ rows: { row: [{ title: 'Uno', description: 'El primero' }, { id: 'b', title: 'Dos' }] } }] } },
			{
				type: 'interactive',
				interactive: {
					type: 'list',
					body: { text: 'Elige' },
					action: { button: 'Ver', sections: [{ rows: [{ id: 'row_1', title: 'Uno', description: 'El primero' }, { id: 'b', title: 'Dos' }] }] },
				},
			},
			'list',
		);
	});

	test('template without parameters (simplified style)', async () => {
		await expectBody({ messageType: 'template', templateName: 'hello_world', templateLanguage: 'en-us' }, { type: 'template', templateName: 'hello_world', language: 'en_US' }, 'template');
	});

	test('template with header media, body and button parameters (simplified + Meta components)', async () => {
		await expectBody(
			{
				messageType: 'template',
				templateName: 'order_update',
				templateLanguage: 'es_MX',
				templateParameters: {
					headerMedia: [{ type: 'image', url: 'https://example.com/h.jpg' }],
					body: [{ text: 'Juan' }, { text: '#1234' }],
					button: [
						{ index: 1, subType: 'quick_reply', value: 'STOP' },
						{ index: 0, subType: 'url', value: 'track/1234' },
					],
				},
			},
			{
				type: 'template',
				templateName: 'order_update',
				language: 'es_MX',
				template_parameters: ['Juan', '#1234'],
				header_media: { type: 'image', url: 'https://example.com/h.jpg' },
				template: {
					name: 'order_update',
					language: { code: 'es_MX', policy: 'deterministic' },
					components: [
						{ type: 'header', parameters: [{ type: 'image', image: { link: 'https://example.com/h.jpg' } }] },
						{ type: 'body', parameters: [{ type: 'text', text: 'Juan' }, { type: 'text', text: '#1234' }] },
						{ type: 'button', sub_type: 'url', index: '0', parameters: [{ type: 'text', text: 'track/1234' }] },
						{ type: 'button', sub_type: 'quick_reply', index: '1', parameters: [{ type: 'payload', payload: 'STOP' }] },
					],
				},
			},
			'template',
		);
	});

	test('Meta JSON escape hatch, addressed to To, with reply-to', async () => {
		const payload = { type: 'interactive', interactive: { type: 'cta_url', body: { text: 'Web' }, action: { name: 'cta_url', parameters: { display_text: 'Open', url: 'https://n8n.io' } } } };
		await expectBody(
			{ messageType: 'metaJson', metaJson: JSON.stringify(payload), options: { replyTo: 'wamid.X' } },
			{ ...payload, context: { message_id: 'wamid.X' } },
			'metaJson',
		);
	});
});

/** Splits a multipart body into its parts (headers + content) using the boundary. */
function parseMultipart(body: string, contentType: string) {
	const boundary = /boundary=(.+)$/.exec(contentType)?.[1] ?? '';
	return body
		.split(`--${boundary}`)
		.slice(1, -1)
		.map((part) => {
			const [head, ...rest] = part.replace(/^\r\n/, '').split('\r\n\r\n');
			return { head, content: rest.join('\r\n\r\n').replace(/\r\n$/, '') };
		});
}

describe('Whaapy → Send: binary file → upload → send by media id', () => {
	test('image: multipart upload (type + file), then the id is sent', async () => {
		const file = Buffer.from('fake-jpeg-bytes');
		let upload: { body: string; contentType: string } | undefined;
		const scope = provider('whaapy')
			.post('/media/v1', (body: unknown) => typeof body === 'string')
			.reply(function (_uri, body) {
				upload = { body: String(body), contentType: String(this.req.headers['content-type']) };
				return [200, { id: 'media_abc', media_id: 'media_abc', type: 'image', mime_type: 'image/jpeg', size: file.length }];
			})
			.post('/messages/v1', { to: TO, type: 'image', image: { id: 'media_abc', caption: 'Foto' } })
			.reply(200, answer('image'));
		const json = await sendOk({ ...base, messageType: 'image', mediaSource: 'binary', binaryPropertyName: 'data', caption: 'Foto' }, [binaryItem(file, 'image/jpeg', 'foto.jpg')]);
		expect(scope.isDone()).toBe(true);
		expect(json).toEqual(normalized('image', answer('image'), { mediaId: 'media_abc' }));
		expect(upload?.contentType).toMatch(/^multipart\/form-data; boundary=\S+$/);
		const parts = parseMultipart(upload?.body ?? '', upload?.contentType ?? '');
		expect(parts).toEqual([
			{ head: 'Content-Disposition: form-data; name="type"', content: 'image' },
			{ head: 'Content-Disposition: form-data; name="file"; filename="foto.jpg"\r\nContent-Type: image/jpeg', content: 'fake-jpeg-bytes' },
		]);
	});

	test('document: the binary file name becomes the document filename; MIME from the extension', async () => {
		const file = Buffer.from('%PDF-1.4 fake');
		let uploadBody = '';
		const scope = provider('whaapy')
			.post('/media/v1')
			.reply(200, (_uri, body) => {
				uploadBody = String(body);
				return { id: 'media_doc' };
			})
			.post('/messages/v1', { to: TO, type: 'document', document: { id: 'media_doc', filename: 'factura.pdf' } })
			.reply(200, answer('document'));
		await sendOk({ ...base, messageType: 'document', mediaSource: 'binary', binaryPropertyName: 'file' }, [
			{ json: {}, binary: { file: { data: file.toString('base64'), mimeType: 'application/octet-stream', fileName: 'factura.pdf' } } },
		]);
		expect(scope.isDone()).toBe(true);
		expect(uploadBody).toContain('name="type"\r\n\r\ndocument\r\n');
		expect(uploadBody).toContain('filename="factura.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4 fake\r\n');
	});

	test('an upload error stops before the send', async () => {
		provider('whaapy').post('/media/v1').reply(400, { error: 'validation_error', message: 'Unsupported mime type', code: '131053' });
		const { error } = await runNode({ parameters: { ...base, messageType: 'image', mediaSource: 'binary' }, items: [binaryItem(Buffer.from('x'), 'image/png', 'a.png')] });
		expect(error?.message).toBe('Whaapy: The media could not be uploaded');
		expect(error?.context?.providerCode).toBe('131053');
	});
});

describe('Whaapy → Send: validation before any request', () => {
	const cases: Array<[string, IDataObject, string | RegExp, Parameters<typeof sendOk>[1]?]> = [
		['Meta JSON that is not JSON', { messageType: 'metaJson', metaJson: '{"type": "text",' }, /^Message JSON is not valid JSON: .+ \(field "Message JSON", item 0\)$/],
		['Meta JSON that is an array', { messageType: 'metaJson', metaJson: '[1,2]' }, 'Message JSON must be a JSON object (field "Message JSON", item 0)'],
		['four buttons', { messageType: 'buttons', interactiveBody: 'B', buttons: { button: [{ title: 'A' }, { title: 'B' }, { title: 'C' }, { title: 'D' }] } }, 'Whaapy needs 1 to 3 buttons, not 4 (field "Buttons", item 0)'],
		['no buttons', { messageType: 'buttons', interactiveBody: 'B' }, 'Whaapy needs 1 to 3 buttons, not 0 (field "Buttons", item 0)'],
		[
			'two list sections, one without title',
			{ messageType: 'list', interactiveBody: 'B', listButtonText: 'Ver', sections: { section: [{ title: 'A', rows: { row: [{ title: 'x' }] } }, { rows: { row: [{ title: 'y' }] } }] } },
			'Sections → Section 2 → Title is empty (field "Sections → Section 2 → Title", item 0)',
		],
		['list without sections', { messageType: 'list', interactiveBody: 'B', listButtonText: 'Ver' }, 'The list has no sections (field "Sections", item 0)'],
		['template header text and media together', { messageType: 'template', templateName: 't', templateLanguage: 'es', templateParameters: { header: [{ text: 'a' }], headerMedia: [{ type: 'image', url: 'https://e.com/a.jpg' }] } }, 'A template header is either text or media, not both (field "Parameters → Header Media", item 0)'],
		['template name with spaces', { messageType: 'template', templateName: 'order update', templateLanguage: 'es' }, 'Template names have no spaces: "order update" (field "Template", item 0)'],
		['missing binary property', { messageType: 'image', mediaSource: 'binary', binaryPropertyName: 'photo' }, 'The input item has no binary property "photo" (field "Input Binary Field", item 0)', [binaryItem(Buffer.from('x'), 'image/png', 'a.png')]],
		['sticker file that is not WebP', { messageType: 'sticker', mediaSource: 'binary' }, 'Whaapy accepts sticker files of type .webp only, not "s.png" (image/png) (field "Input Binary Field", item 0)', [binaryItem(Buffer.from('x'), 'image/png', 's.png')]],
		['image above 5 MB', { messageType: 'image', mediaSource: 'binary' }, 'The file is too large for Whaapy image: 5 MB (5242881 bytes), at most 5 MB are allowed (field "Input Binary Field", item 0)', [binaryItem(Buffer.alloc(5 * 1024 * 1024 + 1, 1), 'image/jpeg', 'big.jpg')]],
		['a PDF as image', { messageType: 'image', mediaSource: 'binary' }, 'Whaapy does not accept "application/pdf" files as image (field "Input Binary Field", item 0)', [binaryItem(Buffer.from('x'), 'application/pdf', 'a.pdf')]],
		['empty media id', { messageType: 'video', mediaSource: 'mediaId', mediaId: '={{ "" }}' }, 'Media ID is empty (field "Media ID", item 0)'],
		['caption longer than 1024', { messageType: 'image', mediaUrl: 'https://e.com/a.jpg', caption: 'c'.repeat(1025) }, 'Caption is too long: 1025 characters, at most 1024 are allowed (field "Caption", item 0)'],
		['reply-to ID with spaces', { messageType: 'text', text: 'x', options: { replyTo: 'not an id' } }, '"not an id" is not a message ID (field "Options → Reply To Message ID", item 0)'],
	];
	// Rest parameters: jest would take a fourth declared parameter for a `done` callback.
	test.each(cases)('%s', async (...[, parameters, message, items]) => {
		await expectInputError({ ...base, ...parameters }, message, items);
	});

	test('bad JSON in the second item names item 1', async () => {
		const scope = provider('whaapy').post('/messages/v1', { type: 'text', text: { body: 'ok' }, to: TO }).reply(200, answer('metaJson'));
		const { output, error } = await runNode({
			parameters: { ...base, messageType: 'metaJson', metaJson: '={{ $json.payload }}' },
			items: [{ payload: '{"type":"text","text":{"body":"ok"}}' }, { payload: '{oops' }],
		});
		expect(scope.isDone()).toBe(true);
		expect(output).toBeUndefined();
		expect(error?.message).toMatch(/^Message JSON is not valid JSON: .+ \(field "Message JSON", item 1\)$/);
	});
});

describe('Whaapy → Send: provider errors', () => {
	test('24-hour window (131047) is a clear error', async () => {
		provider('whaapy')
			.post('/messages/v1', { to: TO, content: 'Hola' })
			.reply(400, {
				error: 'message_delivery_failed',
				message: 'Message failed to send because more than 24 hours have passed',
				code: '131047',
				action_required: 'send_template',
				instructions: 'Send an approved template.',
				data: { id: 'uuid-failed', status: 'failed' },
			});
		const { error } = await runNode({ parameters: { ...base, messageType: 'text', text: 'Hola' } });
		expect(error?.context?.kind).toBe('window24h');
		expect(error?.context?.providerCode).toBe('131047');
		expect(error?.message).toMatch(/^Whaapy: /);
	});
});

describe('Whaapy → Retry', () => {
	const retry = { provider: 'whaapy', resource: 'message', operation: 'retry' };

	test('success: POST /messages/v1/{id}/retry without body, normalized like a send', async () => {
		const reply = answer('text', 'uuid-failed');
		const scope = provider('whaapy')
			.post('/messages/v1/uuid-failed/retry', (body) => body === '' || body === undefined || (typeof body === 'object' && Object.keys(body).length === 0))
			.reply(200, reply);
		const json = await sendOk({ ...retry, messageId: 'uuid-failed' });
		expect(scope.isDone()).toBe(true);
		expect(json).toEqual({
			provider: 'whaapy',
			to: TO,
			messageId: 'uuid-failed',
			wamid: 'wamid.HBgLNTIx',
			conversationId: 'conv-1',
			status: 'sent',
			type: 'text',
			providerResponse: reply,
			retried: true,
		});
	});

	test('unknown message: 404 is a clear error', async () => {
		provider('whaapy').post('/messages/v1/nope/retry').reply(404, { error: 'not_found', message: 'Message not found' });
		const { error } = await runNode({ parameters: { ...retry, messageId: 'nope' } });
		expect(error?.message).toBe('Whaapy: Resource not found');
		expect(error?.description).toContain('Provider said: Message not found');
		expect(error?.context?.httpStatus).toBe(404);
	});

	test('a message that did not fail: 400 is a clear error', async () => {
		provider('whaapy').post('/messages/v1/uuid-ok/retry').reply(400, { error: 'invalid_status', message: 'Only failed messages can be retried (status: sent)', code: '100' });
		const { error } = await runNode({ parameters: { ...retry, messageId: 'uuid-ok' } });
		expect(error?.message).toBe('Whaapy: Invalid parameter');
		expect(error?.description).toContain('Only failed messages can be retried (status: sent)');
	});

	test('an empty Message ID fails before any request', async () => {
		await expectInputError({ ...retry, messageId: ' ' }, 'Message ID is empty (field "Message ID", item 0)');
	});
});
