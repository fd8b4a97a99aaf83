/**
 * seven.io (docs/providers/seven.md): every message type sends the documented body to POST /api/waba/messages,
 * options (delay/ttl/label/performance_tracking/foreign_id) are validated and sent, and Delete
 * Scheduled handles success, "already sent" and "not found".
 */
import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';

import { runNode } from '../../helpers/workflow';
import { expectInputError, provider, sendOk } from './helpers';

const FROM = '4915112345678';
const TO = '4917612345678';
const base = { provider: 'seven', resource: 'message', operation: 'send', sevenFrom: FROM, to: `+${TO}` };

const accepted = {
	success: '100',
	total_price: 0.0735,
	balance: 123.45,
	debug: 'false',
	sms_type: 'WA',
	messages: [{ id: '12345678', sender: FROM, recipient: TO, success: true, error: null, error_text: null }],
};

async function expectBody(parameters: IDataObject, body: IDataObject, type: string) {
	const scope = provider('seven').post('/api/waba/messages', { from: FROM, to: TO, ...body }).reply(200, accepted);
	const json = await sendOk({ ...base, ...parameters });
	expect(scope.isDone()).toBe(true);
	expect(json).toEqual({ provider: 'seven', to: TO, messageId: '12345678', status: 'accepted', type, providerResponse: accepted });
}

describe('seven.io → Send: request body per type', () => {
	test('text', async () => {
		await expectBody({ messageType: 'text', text: 'Gracias' }, { type: 'text', text: 'Gracias' }, 'text');
	});

	test('image with caption', async () => {
		await expectBody(
			{ messageType: 'image', mediaSource: 'url', mediaUrl: 'https://example.com/photo.jpg', caption: '¡Mire esta imagen!' },
			{ type: 'image', url: 'https://example.com/photo.jpg', caption: '¡Mire esta imagen!' },
			'image',
		);
	});

	test('video', async () => {
		await expectBody(
			{ messageType: 'video', mediaUrl: 'https://example.com/video.mp4', caption: 'Vea este vídeo' },
			{ type: 'video', url: 'https://example.com/video.mp4', caption: 'Vea este vídeo' },
			'video',
		);
	});

	test('audio (no caption)', async () => {
		await expectBody({ messageType: 'audio', mediaUrl: 'https://example.com/audio.mp3' }, { type: 'audio', url: 'https://example.com/audio.mp3' }, 'audio');
	});

	test('document with file name and caption', async () => {
		await expectBody(
			{ messageType: 'document', mediaUrl: 'https://example.com/factura.pdf', fileName: 'Factura 2026.pdf', caption: 'Su factura' },
			{ type: 'document', url: 'https://example.com/factura.pdf', filename: 'Factura 2026.pdf', caption: 'Su factura' },
			'document',
		);
	});

	test('document without file name takes it from the URL (filename is required by seven)', async () => {
		await expectBody(
			{ messageType: 'document', mediaUrl: 'https://example.com/files/factura%20mayo.pdf?x=1' },
			{ type: 'document', url: 'https://example.com/files/factura%20mayo.pdf?x=1', filename: 'factura mayo.pdf' },
			'document',
		);
	});

	test('sticker (WebP)', async () => {
		await expectBody({ messageType: 'sticker', mediaUrl: 'https://example.com/sticker.webp' }, { type: 'sticker', url: 'https://example.com/sticker.webp' }, 'sticker');
	});

	test('sticker URL without an extension is allowed (only a wrong extension is refused)', async () => {
		await expectBody({ messageType: 'sticker', mediaUrl: 'https://cdn.example.com/s/abc123' }, { type: 'sticker', url: 'https://cdn.example.com/s/abc123' }, 'sticker');
	});

	test('continue on fail: a bad item gives an error item, the others are sent', async () => {
		const scope = provider('seven').post('/api/waba/messages', { from: FROM, to: TO, type: 'text', text: 'ok' }).reply(200, accepted);
		const { output, error } = await runNode({
			parameters: { ...base, messageType: 'text', text: '={{ $json.text }}' },
			items: [{ text: 'x'.repeat(4097) }, { text: 'ok' }],
			continueOnFail: true,
		});
		expect(error).toBeUndefined();
		expect(scope.isDone()).toBe(true);
		expect(output?.map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(output?.[0].json).toMatchObject({ error: 'Text is too long: 4097 characters, at most 4096 are allowed (field "Text", item 0)', kind: 'input', provider: 'seven' });
		expect(output?.[1].json).toMatchObject({ provider: 'seven', messageId: '12345678', type: 'text' });
	});

	test('location with name and address', async () => {
		await expectBody(
			{ messageType: 'location', latitude: 48.8566, longitude: 2.3522, locationName: 'Torre Eiffel', locationAddress: '5 Avenue Anatole France, 75007 París' },
			{ type: 'location', latitude: 48.8566, longitude: 2.3522, name: 'Torre Eiffel', address: '5 Avenue Anatole France, 75007 París' },
			'location',
		);
	});

	test('contacts', async () => {
		await expectBody(
			{
				messageType: 'contacts',
				contacts: {
					contact: [
						{ firstName: 'Juan', lastName: 'García', phones: { phone: [{ number: '+34123456789', type: '' }] } },
						{ firstName: 'Ana', phones: { phone: [{ number: '+34987654321', type: 'work' }] } },
					],
				},
			},
			{
				type: 'contacts',
				contacts: [
					{ name: { first_name: 'Juan', last_name: 'García' }, phones: [{ phone: '+34123456789' }] },
					{ name: { first_name: 'Ana' }, phones: [{ phone: '+34987654321', type: 'work' }] },
				],
			},
			'contacts',
		);
	});

	test('interactive buttons', async () => {
		await expectBody(
			{
				messageType: 'buttons',
				interactiveHeader: 'Soporte',
				interactiveBody: '¿Cómo podemos ayudarle?',
				interactiveFooter: 'Toque un botón',
				buttons: { button: [{ id: 'btn_ventas', title: 'Ventas' }, { id: 'btn_soporte', title: 'Soporte' }, { title: 'Otro' }] },
			},
			{
				type: 'interactive',
				interactive_type: 'button',
				header: 'Soporte',
				body: '¿Cómo podemos ayudarle?',
				footer: 'Toque un botón',
				buttons: [
					{ id: 'btn_ventas', title: 'Ventas' },
					{ id: 'btn_soporte', title: 'Soporte' },
					{ id: 'button_3', title: 'Otro' },
				],
			},
			'buttons',
		);
	});

	test('interactive list', async () => {
		await expectBody(
			{
				messageType: 'list',
				interactiveHeader: 'Nuestros Productos',
				interactiveBody: 'Explore nuestras categorías:',
				interactiveFooter: 'Seleccione una opción',
				listButtonText: 'Ver opciones',
				sections: {
					section: [
						{
							title: 'Electrónica',
							rows: {
								row: [
									{ id: 'smartphones', title: 'Smartphones', description: 'Últimos modelos' },
									{ id: 'portatiles', title: 'Portátiles', description: 'Business & Gaming' },
								],
							},
						},
					],
				},
			},
			{
				type: 'interactive',
				interactive_type: 'list',
				header: 'Nuestros Productos',
				body: 'Explore nuestras categorías:',
				footer: 'Seleccione una opción',
				button_text: 'Ver opciones',
				sections: [
					{
						title: 'Electrónica',
						rows: [
							{ id: 'smartphones', title: 'Smartphones', description: 'Últimos modelos' },
							{ id: 'portatiles', title: 'Portátiles', description: 'Business & Gaming' },
						],
					},
				],
			},
			'list',
		);
	});

	test('template without parameters', async () => {
		await expectBody({ messageType: 'template', templateName: 'hello_world', templateLanguage: 'de' }, { type: 'template', template: 'hello_world', language: 'de' }, 'template');
	});

	test('template with header, body and URL button parameters', async () => {
		await expectBody(
			{
				messageType: 'template',
				templateName: 'appointment_reminder',
				templateLanguage: 'es',
				templateParameters: {
					header: [{ text: 'Confirmación de cita' }],
					body: [{ text: 'Max Mustermann' }, { text: '15/02/2026' }, { text: '14:00' }, { text: 'Dr. Schmidt' }],
					button: [{ index: 0, subType: 'url', value: 'abc123' }],
				},
			},
			{
				type: 'template',
				template: 'appointment_reminder',
				language: 'es',
				components: {
					header: ['Confirmación de cita'],
					body: ['Max Mustermann', '15/02/2026', '14:00', 'Dr. Schmidt'],
					buttons: [{ type: 'button', sub_type: 'url', parameters: [{ type: 'text', text: 'abc123' }] }],
				},
			},
			'template',
		);
	});

	test('template with an image header (one URL)', async () => {
		await expectBody(
			{
				messageType: 'template',
				templateName: 'product_available',
				templateLanguage: 'es',
				templateParameters: { headerMedia: [{ type: 'image', url: 'https://example.com/product.jpg' }], body: [{ text: 'Premium Widget' }] },
			},
			{ type: 'template', template: 'product_available', language: 'es', components: { header: ['https://example.com/product.jpg'], body: ['Premium Widget'] } },
			'template',
		);
	});

	test('options: delay from an n8n date/time (workflow time zone), ttl, label, performance_tracking, foreign_id', async () => {
		// The test workflow has no time zone setting, so n8n uses its default, America/New_York:
		// 2030-01-15 10:30:00 there is 15:30:00 UTC.
		const scope = provider('seven')
			.post('/api/waba/messages', {
				from: FROM,
				to: TO,
				type: 'text',
				text: 'Hola',
				delay: String(Date.UTC(2030, 0, 15, 15, 30, 0) / 1000),
				ttl: 60,
				label: 'promo.2030_a@b-c',
				performance_tracking: true,
				foreign_id: 'order-123',
			})
			.reply(200, accepted);
		const json = await sendOk({
			...base,
			messageType: 'text',
			text: 'Hola',
			options: { delay: '2030-01-15T10:30:00', ttl: 60, label: 'promo.2030_a@b-c', performanceTracking: true, foreignId: 'order-123' },
		});
		expect(scope.isDone()).toBe(true);
		expect(json.messageId).toBe('12345678');
	});

	test('delay with an explicit offset is converted exactly', async () => {
		const scope = provider('seven')
			.post('/api/waba/messages', { from: FROM, to: TO, type: 'text', text: 'Hola', delay: String(Date.UTC(2030, 5, 1, 8, 0, 0) / 1000) })
			.reply(200, accepted);
		await sendOk({ ...base, messageType: 'text', text: 'Hola', options: { delay: '2030-06-01T10:00:00.000+02:00' } });
		expect(scope.isDone()).toBe(true);
	});
});

describe('seven.io → Send: validation before any request', () => {
	const cases: Array<[string, IDataObject, string]> = [
		['text longer than 4096', { messageType: 'text', text: 'x'.repeat(4097) }, 'Text is too long: 4097 characters, at most 4096 are allowed (field "Text", item 0)'],
		[
			'label with a space',
			{ messageType: 'text', text: 'Hi', options: { label: 'my label' } },
			'Label contains characters seven.io does not allow: space (field "Options → Label", item 0)',
		],
		[
			'label longer than 100',
			{ messageType: 'text', text: 'Hi', options: { label: 'a'.repeat(101) } },
			'Label is too long: 101 characters, at most 100 are allowed (field "Options → Label", item 0)',
		],
		[
			'foreign_id longer than 64',
			{ messageType: 'text', text: 'Hi', options: { foreignId: 'f'.repeat(65) } },
			'Foreign ID is too long: 65 characters, at most 64 are allowed (field "Options → Foreign ID", item 0)',
		],
		[
			'foreign_id with a slash',
			{ messageType: 'text', text: 'Hi', options: { foreignId: 'order/1' } },
			'Foreign ID contains characters seven.io does not allow: "/" (field "Options → Foreign ID", item 0)',
		],
		[
			'delay that is not a date',
			{ messageType: 'text', text: 'Hi', options: { delay: 'tomorrow' } },
			'"tomorrow" is not a date and time (field "Options → Send At", item 0)',
		],
		['ttl of 0', { messageType: 'text', text: 'Hi', options: { ttl: 0 } }, 'Validity must be a whole number of minutes above 0, not 0 (field "Options → Validity (Minutes)", item 0)'],
		['one button (seven needs 2–3)', { messageType: 'buttons', interactiveBody: 'Pick', buttons: { button: [{ title: 'Yes' }] } }, 'seven.io needs 2 to 3 buttons, not 1 (field "Buttons", item 0)'],
		[
			'four buttons',
			{ messageType: 'buttons', interactiveBody: 'Pick', buttons: { button: [{ title: 'A' }, { title: 'B' }, { title: 'C' }, { title: 'D' }] } },
			'seven.io needs 2 to 3 buttons, not 4 (field "Buttons", item 0)',
		],
		[
			'button title longer than 20',
			{ messageType: 'buttons', interactiveBody: 'Pick', buttons: { button: [{ title: 'A' }, { title: 'This title is too long' }] } },
			'Buttons → Button 2 → Title is too long: 22 characters, at most 20 are allowed (field "Buttons → Button 2 → Title", item 0)',
		],
		[
			'duplicate button IDs',
			{ messageType: 'buttons', interactiveBody: 'Pick', buttons: { button: [{ title: 'A', id: 'x' }, { title: 'B', id: 'x' }] } },
			'Button ID "x" is used twice (field "Buttons → Button 2 → ID", item 0)',
		],
		[
			'list with 11 rows',
			{
				messageType: 'list',
				interactiveBody: 'Pick',
				listButtonText: 'Options',
				sections: { section: [{ title: 'All', rows: { row: Array.from({ length: 11 }, (_, i) => ({ title: `Row ${i + 1}` })) } }] },
			},
			'A list can have at most 10 rows in total, not 11 (field "Sections", item 0)',
		],
		[
			'list section without title (seven requires one)',
			{ messageType: 'list', interactiveBody: 'Pick', listButtonText: 'Options', sections: { section: [{ rows: { row: [{ title: 'One' }] } }] } },
			'Sections → Section 1 → Title is empty (field "Sections → Section 1 → Title", item 0)',
		],
		[
			'list button text longer than 20',
			{ messageType: 'list', interactiveBody: 'Pick', listButtonText: 'Open the list of options', sections: { section: [{ title: 'S', rows: { row: [{ title: 'One' }] } }] } },
			'Button Text is too long: 24 characters, at most 20 are allowed (field "Button Text", item 0)',
		],
		[
			'row description longer than 72',
			{ messageType: 'list', interactiveBody: 'Pick', listButtonText: 'Options', sections: { section: [{ title: 'S', rows: { row: [{ title: 'One', description: 'd'.repeat(73) }] } }] } },
			'Sections → Section 1 → Row 1 → Description is too long: 73 characters, at most 72 are allowed (field "Sections → Section 1 → Row 1 → Description", item 0)',
		],
		['sticker that is not WebP', { messageType: 'sticker', mediaUrl: 'https://example.com/sticker.png' }, 'seven.io accepts sticker URLs ending in .webp only, not .png (field "Media URL", item 0)'],
		['latitude 91', { messageType: 'location', latitude: 91, longitude: 2 }, 'Latitude must be between -90 and 90, not 91 (field "Latitude", item 0)'],
		['longitude -181', { messageType: 'location', latitude: 1, longitude: -181 }, 'Longitude must be between -180 and 180, not -181 (field "Longitude", item 0)'],
		['latitude that is not a number', { messageType: 'location', latitude: '={{ "north" }}', longitude: 2 }, 'Latitude must be a number (field "Latitude", item 0)'],
		[
			'template language that is not a code',
			{ messageType: 'template', templateName: 'hello_world', templateLanguage: 'Spanish' },
			'"Spanish" is not a WhatsApp template language code (field "Language Code", item 0)',
		],
		[
			'template quick reply button (seven fills URL buttons only)',
			{ messageType: 'template', templateName: 'hello_world', templateLanguage: 'en', templateParameters: { button: [{ index: 0, subType: 'quick_reply', value: 'yes' }] } },
			'seven.io cannot fill quick reply template buttons (field "Parameters → Button Parameter 1 → Kind", item 0)',
		],
		[
			'template video header (seven takes image URLs only)',
			{ messageType: 'template', templateName: 'promo', templateLanguage: 'en', templateParameters: { headerMedia: [{ type: 'video', url: 'https://example.com/v.mp4' }] } },
			'seven.io cannot fill a video template header (field "Parameters → Header Media → Type", item 0)',
		],
		['media from a binary file (URL only)', { messageType: 'image', mediaSource: 'binary' }, 'seven.io cannot send image from a binary file; it accepts a public URL (field "Media Source", item 0)'],
		['media URL that is not a URL', { messageType: 'image', mediaUrl: 'photo.jpg' }, 'Media URL is not a valid http(s) URL: "photo.jpg" (field "Media URL", item 0)'],
		['contact without phone', { messageType: 'contacts', contacts: { contact: [{ firstName: 'Ana' }] } }, 'Contact 1 has no phone number (field "Contacts → Contact 1 → Phone Numbers", item 0)'],
		['Raw JSON is not a seven type', { messageType: 'metaJson', metaJson: '{}' }, 'seven.io cannot send "metaJson" messages (field "Message Type", item 0)'],
	];
	test.each(cases)('%s', async (_name, parameters, message) => {
		await expectInputError({ ...base, ...parameters }, message);
	});
});

describe('seven.io → Delete Scheduled', () => {
	const del = { provider: 'seven', resource: 'message', operation: 'deleteScheduled' };

	test('success', async () => {
		const scope = provider('seven').delete('/api/waba/messages/12345678').reply(200, { success: true });
		const json = await sendOk({ ...del, messageId: '12345678' });
		expect(scope.isDone()).toBe(true);
		expect(json).toEqual({ provider: 'seven', messageId: '12345678', deleted: true, status: 'deleted', providerResponse: { success: true } });
	});

	test('already sent: a clear error', async () => {
		provider('seven')
			.delete('/api/waba/messages/12345678')
			.reply(200, { error_code: 400, error_message: 'Message already sent. WhatsApp does not support message revocation.' });
		const { error } = await runNode({ parameters: { ...del, messageId: '12345678' } });
		expect(error?.message).toBe('seven.io: The message was already sent and can no longer be deleted');
		expect(error?.description).toContain('only scheduled messages can be deleted');
		expect(error?.context?.providerCode).toBe('400');
	});

	test('not found: a clear error', async () => {
		provider('seven').delete('/api/waba/messages/999').reply(404, { code: 404, message: 'Page not found', errors: [] });
		const { error } = await runNode({ parameters: { ...del, messageId: '999' } });
		expect(error?.message).toBe('seven.io: Message not found');
		expect(error?.context?.kind).toBe('notFound');
		expect(error?.context?.httpStatus).toBe(404);
	});

	test('an empty Message ID fails before any request', async () => {
		await expectInputError({ ...del, messageId: ' ' }, 'Message ID is empty (field "Message ID", item 0)');
	});

	test('offered for seven.io only', async () => {
		await expectInputError({ provider: 'whaapy', resource: 'message', operation: 'deleteScheduled', messageId: '1' }, 'Whaapy does not support "message → deleteScheduled"');
		expect(nock.pendingMocks()).toEqual([]);
	});
});
