import { randomBytes } from 'crypto';
import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { AdapterContext } from '../types';
import { cleanMimeType, extensionOf, formatBytes, MIME_BY_EXTENSION } from '../../helpers/binary';
import { isObject } from '../shared';

/** Media types Whaapy's `POST /media/v1` accepts (the `type` form field). */
export type WhaapyMediaType = 'image' | 'video' | 'audio' | 'document' | 'sticker';

export const WHAAPY_MEDIA_TYPES: WhaapyMediaType[] = [
	'audio',
	'document',
	'image',
	'sticker',
	'video',
];

const MB = 1024 * 1024;

/**
 * Whaapy's documented media limits (docs/providers/whaapy.md#media-upload): formats and maximum
 * size per type. The MIME lists spell out the documented formats; Office's newer formats (docx,
 * xlsx, pptx) and m4a audio are accepted too, as Meta's Cloud API (behind Whaapy) takes them.
 */
export const WHAAPY_MEDIA_LIMITS: Record<
	WhaapyMediaType,
	{ maxBytes: number; formats: string; mimeTypes: string[] }
> = {
	image: {
		maxBytes: 5 * MB,
		formats: 'JPEG, PNG, WebP',
		mimeTypes: ['image/jpeg', 'image/png', 'image/webp'],
	},
	video: { maxBytes: 16 * MB, formats: 'MP4, 3GPP', mimeTypes: ['video/mp4', 'video/3gpp'] },
	audio: {
		maxBytes: 16 * MB,
		formats: 'AAC, MP3, OGG, AMR',
		mimeTypes: ['audio/aac', 'audio/mpeg', 'audio/mp3', 'audio/ogg', 'audio/amr', 'audio/mp4'],
	},
	document: {
		maxBytes: 100 * MB,
		formats: 'PDF, DOC, XLS, PPT, TXT',
		mimeTypes: [
			'application/pdf',
			'application/msword',
			'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
			'application/vnd.ms-excel',
			'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			'application/vnd.ms-powerpoint',
			'application/vnd.openxmlformats-officedocument.presentationml.presentation',
			'text/plain',
		],
	},
	sticker: { maxBytes: 500 * 1024, formats: 'WebP', mimeTypes: ['image/webp'] },
};

/** A file to upload. */
export interface WhaapyMediaFile {
	data: Buffer;
	mimeType: string;
	fileName: string;
}

export interface WhaapyUploadResult {
	/** The media id to send with `{"<type>": {"id": …}}` or a template's `header_media.media_id`. */
	id: string;
	/** Whaapy's answer, unchanged. */
	raw: IDataObject;
}

/**
 * Checks a file against Whaapy's documented limits for the media type, before any request.
 * Returns the MIME type to send (taken from the file name's extension when the file has none).
 */
export function checkWhaapyMedia(
	ctx: AdapterContext,
	file: WhaapyMediaFile,
	type: WhaapyMediaType,
	field = 'Input Binary Field',
): string {
	const limits = WHAAPY_MEDIA_LIMITS[type];
	if (!limits) {
		return ctx.fail(
			'Media Type',
			`Whaapy cannot upload "${type}" files`,
			`Choose one of: ${WHAAPY_MEDIA_TYPES.join(', ')}.`,
		);
	}
	if (!file.data || file.data.length === 0) {
		return ctx.fail(field, 'The file is empty', 'Check the node that produced the file.');
	}
	const extension = extensionOf(file.fileName);
	const mimeType =
		cleanMimeType(file.mimeType) ?? (extension ? MIME_BY_EXTENSION[extension] : undefined);
	if (!mimeType || !limits.mimeTypes.includes(mimeType)) {
		return ctx.fail(
			field,
			`Whaapy does not accept ${mimeType ? `"${mimeType}"` : 'this kind of'} file as ${type}`,
			`Whaapy accepts ${type} files in these formats: ${limits.formats}.`,
		);
	}
	if (file.data.length > limits.maxBytes) {
		return ctx.fail(
			field,
			`The file is too large for a Whaapy ${type}: ${formatBytes(file.data.length)}, at most ${formatBytes(limits.maxBytes)} are allowed`,
			'Compress the file or send it as a document (documents may be up to 100 MB).',
		);
	}
	return mimeType;
}

/**
 * Uploads a file to Whaapy (`POST /media/v1`, multipart/form-data with the fields `type` and `file`)
 * and returns the media id. The file is checked against the documented limits first, so a bad file
 * fails with a NodeOperationError naming the item and `field` before any request is sent.
 */
export async function uploadWhaapyMedia(
	ctx: AdapterContext,
	file: WhaapyMediaFile,
	type: WhaapyMediaType,
	field = 'Input Binary Field',
): Promise<WhaapyUploadResult> {
	const mimeType = checkWhaapyMedia(ctx, file, type, field);
	const { body, contentType } = multipartBody(
		{ type },
		{ name: 'file', fileName: file.fileName || `${type}`, mimeType, data: file.data },
	);
	const response = await ctx.call({
		method: 'POST',
		path: '/media/v1',
		body,
		encoding: 'multipart',
		headers: { 'Content-Type': contentType },
		action: 'upload the file',
	});
	const raw = isObject(response.body) ? response.body : {};
	const id = mediaIdOf(raw);
	if (!id) {
		throw new NodeOperationError(ctx.node, 'Whaapy: the upload answer holds no media id', {
			itemIndex: ctx.itemIndex,
			description: `Whaapy answered: ${JSON.stringify(raw).slice(0, 300)}`,
		});
	}
	return { id, raw };
}

/** The media id of an upload answer: `id`, `media_id`, or the same under `data`. */
function mediaIdOf(body: IDataObject): string | undefined {
	for (const source of [body, isObject(body.data) ? body.data : {}]) {
		for (const key of ['id', 'media_id', 'mediaId']) {
			const value = source[key];
			if ((typeof value === 'string' && value !== '') || typeof value === 'number')
				return String(value);
		}
	}
	return undefined;
}

/**
 * A multipart/form-data body as one Buffer (no runtime dependency; any HTTP client sends it as is).
 */
export function multipartBody(
	fields: Record<string, string>,
	file: { name: string; fileName: string; mimeType: string; data: Buffer },
): { body: Buffer; contentType: string } {
	const boundary = `----n8nWhatsAppGateway${randomBytes(12).toString('hex')}`;
	const quote = (value: string) => value.replace(/[\r\n]+/g, ' ').replace(/"/g, '%22');
	const parts: Buffer[] = [];
	for (const [name, value] of Object.entries(fields)) {
		parts.push(
			Buffer.from(
				`--${boundary}\r\nContent-Disposition: form-data; name="${quote(name)}"\r\n\r\n${value}\r\n`,
				'utf8',
			),
		);
	}
	parts.push(
		Buffer.from(
			`--${boundary}\r\nContent-Disposition: form-data; name="${quote(file.name)}"; filename="${quote(file.fileName)}"\r\nContent-Type: ${file.mimeType}\r\n\r\n`,
			'utf8',
		),
	);
	parts.push(file.data);
	parts.push(Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8'));
	return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}
