/**
 * DecisionTelecom (docs/providers/decisionTelecom.md): text (message_type 1), image by .jpg/.jpeg/.png URL (type 2),
 * template (type 4, template_params as a JSON string), source_addr and callback_url; Get Status maps
 * the numeric statuses 1–7 to words.
 */
import type { IDataObject } from 'n8n-workflow';

import { runNode } from '../../helpers/workflow';
import { binaryItem, expectInputError, provider, sendOk } from './helpers';

const base = { provider: 'decisionTelecom', resource: 'message', operation: 'send', decisionSourceAddr: 'Custom Company', to: '+380 63 123 4567' };
const DEST = '380631234567';

async function expectBody(parameters: IDataObject, body: IDataObject, type: string) {
	const scope = provider('decisionTelecom')
		.post('/v1/api/send-whatsapp', { source_addr: 'Custom Company', destination_addr: DEST, ...body })
		.reply(200, { message_id: 554 });
	const json = await sendOk({ ...base, ...parameters });
	expect(scope.isDone()).toBe(true);
	expect(json).toEqual({ provider: 'decisionTelecom', to: DEST, messageId: '554', status: 'accepted', type, providerResponse: { message_id: 554 } });
}

describe('DecisionTelecom → Send', () => {
	test('text (message_type 1) with callback_url', async () => {
		await expectBody(
			{ messageType: 'text', text: 'Message content', options: { callbackUrl: 'https://yourdomain.com/whatsapp-callback' } },
			// The token the trigger checks: HMAC-SHA256(access key, 'n8n-whatsapp-gateway/decision-callback/v1\n' + path), 32 hex.
			{ message_type: 1, text: 'Message content', callback_url: `https://yourdomain.com/whatsapp-callback?wgt=${'6b25a50a5563867e90474ab37ee077a5'}` },
			'text',
		);
	});

	test('image (message_type 2) by .jpg URL, caption as text', async () => {
		await expectBody(
			{ messageType: 'image', mediaUrl: 'https://yourdomain.com/images/image.jpg', caption: 'Nuestra oferta' },
			{ message_type: 2, file_url: 'https://yourdomain.com/images/image.jpg', text: 'Nuestra oferta' },
			'image',
		);
	});

	test('image by .PNG URL with a query string', async () => {
		await expectBody({ messageType: 'image', mediaUrl: 'https://cdn.example.com/a/B.PNG?v=2' }, { message_type: 2, file_url: 'https://cdn.example.com/a/B.PNG?v=2' }, 'image');
	});

	test('template (message_type 4): template_name and template_params as a JSON string', async () => {
		const template_params = JSON.stringify({
			to: DEST,
			type: 'template',
			template: {
				namespace: 'your-namespace',
				language: { policy: 'deterministic', code: 'en_US' },
				name: 'image_tmp_en',
				components: [
					{ type: 'header', parameters: [{ type: 'image', image: { link: 'https://example.com/h.png' } }] },
					{ type: 'body', parameters: [{ type: 'text', text: 'Ana' }, { type: 'text', text: '42' }] },
				],
			},
		});
		await expectBody(
			{
				messageType: 'template',
				templateName: 'image_tmp_en',
				templateLanguage: 'en_US',
				decisionTemplateNamespace: 'your-namespace',
				templateParameters: { headerMedia: [{ type: 'image', url: 'https://example.com/h.png' }], body: [{ text: 'Ana' }, { text: '42' }] },
			},
			{ message_type: 4, template_name: 'image_tmp_en', template_params },
			'template',
		);
	});

	test('template without namespace or parameters', async () => {
		await expectBody(
			{ messageType: 'template', templateName: 'hello', templateLanguage: 'uk' },
			{
				message_type: 4,
				template_name: 'hello',
				template_params: JSON.stringify({ to: DEST, type: 'template', template: { language: { policy: 'deterministic', code: 'uk' }, name: 'hello', components: [] } }),
			},
			'template',
		);
	});

	test('an error body with HTTP 200 (code 9, invalid extension) is an error', async () => {
		provider('decisionTelecom').post('/v1/api/send-whatsapp').reply(200, { name: 'Unauthorized', message: 'Invalid file extension', code: 9, status: 401 });
		const { error } = await runNode({ parameters: { ...base, messageType: 'image', mediaUrl: 'https://e.com/a.jpg' } });
		expect(error?.message).toBe('DecisionTelecom: Invalid file extension');
		expect(error?.context?.providerCode).toBe('9');
	});
});

describe('DecisionTelecom → Send: validation before any request', () => {
	const cases: Array<[string, IDataObject, string, Array<IDataObject>?]> = [
		['GIF image URL', { messageType: 'image', mediaUrl: 'https://e.com/a.gif' }, 'DecisionTelecom accepts image URLs ending in .jpg, .jpeg, .png only, not .gif (field "Media URL", item 0)'],
		['image URL without extension', { messageType: 'image', mediaUrl: 'https://e.com/image' }, 'DecisionTelecom accepts image URLs ending in .jpg, .jpeg, .png only; this URL has no file extension (field "Media URL", item 0)'],
		['image from a binary file', { messageType: 'image', mediaSource: 'binary' }, 'DecisionTelecom cannot send image from a binary file; it accepts a public URL (field "Media Source", item 0)'],
		['text longer than 4096', { messageType: 'text', text: 'y'.repeat(4097) }, 'Text is too long: 4097 characters, at most 4096 are allowed (field "Text", item 0)'],
		['callback URL that is not a URL', { messageType: 'text', text: 'x', options: { callbackUrl: 'yourdomain/cb' } }, '"yourdomain/cb" is not a valid http(s) URL (field "Options → Status Callback URL", item 0)'],
		['source_addr longer than 20', { messageType: 'text', text: 'x', decisionSourceAddr: 'A very long sender name' }, 'The Sender (source_addr) has 23 characters; at most 20 are allowed (field "Sender", item 0)'],
		['template language that is not a code', { messageType: 'template', templateName: 'hello', templateLanguage: 'english (US)' }, '"english (US)" is not a WhatsApp template language code (field "Language Code", item 0)'],
		['video is not a DecisionTelecom type', { messageType: 'video', mediaUrl: 'https://e.com/v.mp4' }, 'DecisionTelecom cannot send "video" messages (field "Message Type", item 0)'],
	];
	test.each(cases)('%s', async (...[, parameters, message]) => {
		const items = parameters.mediaSource === 'binary' ? [binaryItem(Buffer.from('x'), 'image/jpeg', 'a.jpg')] : undefined;
		await expectInputError({ ...base, ...parameters }, message, items);
	});
});

describe('DecisionTelecom → Get Status', () => {
	const status = { provider: 'decisionTelecom', resource: 'message', operation: 'getStatus' };
	const words = ['delivered', 'rejected', 'error', 'failed', 'deleted', 'pending', 'seen'];

	test.each(words.map((w, i) => [i + 1, w] as const))('status %i → %s', async (code, word) => {
		const scope = provider('decisionTelecom').post('/v1/api/receive-whatsapp', { message_id: 554 }).reply(200, { message_id: 554, status: code });
		const json = await sendOk({ ...status, messageId: '554' });
		expect(scope.isDone()).toBe(true);
		expect(json).toEqual({ provider: 'decisionTelecom', messageId: '554', status: word, statusCode: code, providerResponse: { message_id: 554, status: code } });
	});

	test('an unknown status code is "unknown", the code is kept', async () => {
		provider('decisionTelecom').post('/v1/api/receive-whatsapp', { message_id: 7 }).reply(200, { message_id: 7, status: 9 });
		const json = await sendOk({ ...status, messageId: 7 });
		expect(json).toMatchObject({ messageId: '7', status: 'unknown', statusCode: 9 });
	});

	test('unknown message (code 1 with HTTP 200) is a clear error', async () => {
		provider('decisionTelecom')
			.post('/v1/api/receive-whatsapp', { message_id: 999 })
			.reply(200, { name: 'Bad Request', message: 'Empty parameter or parameter validation error', code: 1, status: 400 });
		const { error } = await runNode({ parameters: { ...status, messageId: '999' } });
		expect(error?.message).toBe('DecisionTelecom: Empty parameter or parameter validation error');
		expect(error?.context?.providerCode).toBe('1');
	});

	test('a non-numeric Message ID fails before any request', async () => {
		await expectInputError({ ...status, messageId: 'abc' }, '"abc" is not a DecisionTelecom message ID (field "Message ID", item 0)');
	});

	test('offered only where the adapter has a status lookup', async () => {
		await expectInputError({ provider: 'innova', resource: 'message', operation: 'getStatus', messageId: '1' }, 'InnovaAPI does not support "message → getStatus"');
	});
});
