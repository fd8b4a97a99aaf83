/**
 * Media → Upload (Whaapy `POST /media/v1`, multipart `type` + `file`, docs/providers/whaapy.md): the documented format
 * and size limits are checked before the upload; the output holds the media id for later sends.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import nock from 'nock';

import { runNode } from '../../helpers/workflow';

const whaapy = () => nock('https://api.whaapy.com', { reqheaders: { authorization: 'Bearer wha_testsecretkey0001' } });
const base = { provider: 'whaapy', resource: 'media', operation: 'upload', binaryPropertyName: 'data' };

function fileItem(data: Buffer, mimeType: string, fileName: string, property = 'data', json: IDataObject = {}): INodeExecutionData {
	return { json, binary: { [property]: { data: data.toString('base64'), mimeType, fileName } } };
}

/** The parts of a multipart body: headers and content of each. */
function parts(body: string, contentType: string): Array<{ head: string; content: string }> {
	const boundary = /boundary=(\S+)/.exec(contentType)?.[1] ?? '';
	return body
		.split(`--${boundary}`)
		.slice(1, -1)
		.map((part) => {
			const [head, ...rest] = part.replace(/^\r\n/, '').split('\r\n\r\n');
			return { head, content: rest.join('\r\n\r\n').replace(/\r\n$/, '') };
		});
}

function captureUpload(answer: object, status = 200) {
	const seen: { body?: string; contentType?: string } = {};
	const scope = whaapy()
		.post('/media/v1')
		.reply(function (_uri, body) {
			seen.body = String(body);
			seen.contentType = String(this.req.headers['content-type']);
			return [status, answer];
		});
	return { scope, seen };
}

describe('Media → Upload', () => {
	test('auto-detected image: the multipart request and the media id', async () => {
		const file = Buffer.from('fake-jpeg-bytes');
		const { scope, seen } = captureUpload({ id: 'media_1', media_id: 'media_1', type: 'image', mime_type: 'image/jpeg', size: file.length });
		const { output, error } = await runNode({ parameters: { ...base, mediaType: 'auto' }, items: [fileItem(file, 'image/jpeg', 'foto.jpg')] });
		expect(error).toBeUndefined();
		expect(scope.isDone()).toBe(true);
		expect(seen.contentType).toMatch(/^multipart\/form-data; boundary=\S+$/);
		expect(parts(seen.body ?? '', seen.contentType ?? '')).toEqual([
			{ head: 'Content-Disposition: form-data; name="type"', content: 'image' },
			{ head: 'Content-Disposition: form-data; name="file"; filename="foto.jpg"\r\nContent-Type: image/jpeg', content: 'fake-jpeg-bytes' },
		]);
		expect(output).toEqual([
			{
				json: {
					provider: 'whaapy',
					mediaId: 'media_1',
					type: 'image',
					mimeType: 'image/jpeg',
					fileName: 'foto.jpg',
					fileSize: file.length,
					providerResponse: { id: 'media_1', media_id: 'media_1', type: 'image', mime_type: 'image/jpeg', size: file.length },
				},
				pairedItem: { item: 0 },
			},
		]);
	});

	test('an explicit type, another binary field, and a media id under data', async () => {
		const file = Buffer.from('RIFF....WEBPVP8 ');
		const { scope, seen } = captureUpload({ data: { id: 'media_st' } });
		const { output } = await runNode({
			parameters: { ...base, binaryPropertyName: 'sticker', mediaType: 'sticker' },
			items: [fileItem(file, 'image/webp', 'hola.webp', 'sticker')],
		});
		expect(scope.isDone()).toBe(true);
		expect(parts(seen.body ?? '', seen.contentType ?? '')[0]).toEqual({ head: 'Content-Disposition: form-data; name="type"', content: 'sticker' });
		expect(output?.[0].json).toMatchObject({ mediaId: 'media_st', type: 'sticker', mimeType: 'image/webp', fileName: 'hola.webp' });
	});

	test('auto-detection: PDF → document, MP4 → video, OGG → audio', async () => {
		for (const [mime, name, type] of [
			['application/pdf', 'a.pdf', 'document'],
			['video/mp4', 'a.mp4', 'video'],
			['audio/ogg', 'a.ogg', 'audio'],
		]) {
			const { seen } = captureUpload({ id: `m_${type}` });
			const { output } = await runNode({ parameters: { ...base, mediaType: 'auto' }, items: [fileItem(Buffer.from('bytes'), mime, name)] });
			expect(parts(seen.body ?? '', seen.contentType ?? '')[0].content).toBe(type);
			expect(output?.[0].json).toMatchObject({ mediaId: `m_${type}`, type });
		}
	});

	test.each([
		['sticker', 'image/webp', 'big.webp', 500 * 1024 + 1, 'The file is too large for a Whaapy sticker: 500 KB, at most 500 KB are allowed (field "Input Binary Field", item 0)'],
		['image', 'image/png', 'big.png', 5 * 1024 * 1024 + 1, 'The file is too large for a Whaapy image: 5 MB, at most 5 MB are allowed (field "Input Binary Field", item 0)'],
	])('a %s over the documented limit fails before the upload', async (mediaType, mime, name, size, message) => {
		const { error } = await runNode({ parameters: { ...base, mediaType }, items: [fileItem(Buffer.alloc(size, 1), mime, name)] });
		expect(error?.message).toBe(message);
	});

	test('a format the type does not accept fails before the upload', async () => {
		const { error } = await runNode({ parameters: { ...base, mediaType: 'image' }, items: [fileItem(Buffer.from('%PDF'), 'application/pdf', 'a.pdf')] });
		expect(error?.message).toBe('Whaapy does not accept "application/pdf" file as image (field "Input Binary Field", item 0)');
		expect(error?.description).toBe('Whaapy accepts image files in these formats: JPEG, PNG, WebP.');
	});

	test('a missing binary property is named', async () => {
		const { error } = await runNode({ parameters: { ...base, binaryPropertyName: 'file', mediaType: 'auto' }, items: [fileItem(Buffer.from('x'), 'image/png', 'a.png')] });
		expect(error?.message).toBe('The input item has no binary property "file" (field "Input Binary Field", item 0)');
		expect(error?.description).toBe('Binary properties of this item: data. Enter one of them.');
	});

	test('a 429 on the upload is retried with the same multipart body (the body is a Buffer, not a stream)', async () => {
		const bodies: string[] = [];
		const scope = whaapy()
			.post('/media/v1')
			.reply(function (_uri, body) {
				bodies.push(String(body));
				return [429, { error: 'rate_limited', message: 'Too many requests' }, { 'Retry-After': '0' }];
			})
			.post('/media/v1')
			.reply(function (_uri, body) {
				bodies.push(String(body));
				return [200, { id: 'media_retry' }];
			});
		const { output, error } = await runNode({ parameters: { ...base, mediaType: 'auto' }, items: [fileItem(Buffer.from('png-bytes'), 'image/png', 'r.png')] });
		expect(error).toBeUndefined();
		expect(scope.isDone()).toBe(true);
		expect(bodies).toHaveLength(2);
		expect(bodies[1]).toBe(bodies[0]);
		expect(bodies[0]).toContain('png-bytes');
		expect(output?.[0].json).toMatchObject({ mediaId: 'media_retry', type: 'image', fileName: 'r.png' });
	});

	test('Whaapy rejecting the file is a clear error', async () => {
		captureUpload({ error: 'validation_error', message: 'Unsupported mime type', code: '131053' }, 400);
		const { error } = await runNode({ parameters: { ...base, mediaType: 'auto' }, items: [fileItem(Buffer.from('x'), 'image/png', 'a.png')] });
		expect(error?.message).toBe('Whaapy: The media could not be uploaded');
		expect(error?.context).toMatchObject({ providerCode: '131053', httpStatus: 400, kind: 'validation' });
	});

	test('continue on fail: two items, the first without a file → two output items in order', async () => {
		captureUpload({ id: 'media_2' });
		const { output } = await runNode({
			parameters: { ...base, mediaType: 'auto' },
			items: [{ json: {} }, fileItem(Buffer.from('png'), 'image/png', 'b.png')],
			continueOnFail: true,
		});
		expect(output).toHaveLength(2);
		expect(output?.[0].pairedItem).toEqual({ item: 0 });
		expect(output?.[0].json).toMatchObject({ kind: 'input', itemIndex: 0, error: 'The input item has no binary property "data" (field "Input Binary Field", item 0)' });
		expect(output?.[1]).toMatchObject({ json: { mediaId: 'media_2', type: 'image' }, pairedItem: { item: 1 } });
	});
});
