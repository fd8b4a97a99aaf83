import type { IExecuteFunctions } from 'n8n-workflow';

import type { FieldContext } from './types';

/** A file read from an item's binary data. */
export interface BinaryFile {
	data: Buffer;
	/** MIME type without parameters, lower case ("image/jpeg"); derived from the extension when missing. */
	mimeType: string;
	fileName: string;
	/** Lower-case extension without dot ("jpg"), or undefined. */
	extension?: string;
}

/** Common extensions → MIME types (used when the binary data has no useful MIME type). */
export const MIME_BY_EXTENSION: Record<string, string> = {
	jpg: 'image/jpeg',
	jpeg: 'image/jpeg',
	png: 'image/png',
	webp: 'image/webp',
	gif: 'image/gif',
	mp4: 'video/mp4',
	'3gp': 'video/3gpp',
	'3gpp': 'video/3gpp',
	aac: 'audio/aac',
	mp3: 'audio/mpeg',
	ogg: 'audio/ogg',
	opus: 'audio/ogg',
	amr: 'audio/amr',
	m4a: 'audio/mp4',
	pdf: 'application/pdf',
	doc: 'application/msword',
	docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
	xls: 'application/vnd.ms-excel',
	xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
	ppt: 'application/vnd.ms-powerpoint',
	pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
	txt: 'text/plain',
	csv: 'text/csv',
};

/** The lower-case extension of a file name or URL path ("photo.JPG?x=1" → "jpg"), or undefined. */
export function extensionOf(name: string | undefined): string | undefined {
	if (!name) return undefined;
	let path = name;
	try {
		if (/^https?:\/\//i.test(name)) path = decodeURIComponent(new URL(name).pathname);
	} catch {
		path = name;
	}
	path = path.split(/[?#]/)[0];
	const last = path.split('/').pop() ?? '';
	const dot = last.lastIndexOf('.');
	if (dot < 0) return undefined;
	const ext = last.slice(dot + 1).toLowerCase();
	return /^[a-z0-9]{1,8}$/.test(ext) ? ext : undefined;
}

/** The last path segment of a URL, decoded ("https://x/files/Factura%201.pdf" → "Factura 1.pdf"). */
export function fileNameFromUrl(url: string): string | undefined {
	try {
		const last = new URL(url).pathname.split('/').pop() ?? '';
		const name = decodeURIComponent(last).trim();
		return name || undefined;
	} catch {
		return undefined;
	}
}

/** Whether a string is an absolute http(s) URL with a host. */
export function isHttpUrl(value: string): boolean {
	try {
		const url = new URL(value);
		return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
	} catch {
		return false;
	}
}

/** A MIME type without parameters, lower case; undefined when empty or generic. */
export function cleanMimeType(value: unknown): string | undefined {
	if (typeof value !== 'string') return undefined;
	const mime = value.split(';')[0].trim().toLowerCase();
	if (!/^[a-z0-9.+-]+\/[a-z0-9.+-]+$/.test(mime) || mime === 'application/octet-stream')
		return undefined;
	return mime;
}

/**
 * Reads a binary property of the current item (n8n's `assertBinaryData` + `getBinaryDataBuffer`).
 * Fails with a NodeOperationError naming the item and the field when the property is missing or empty.
 */
export async function readBinaryFile(
	fn: IExecuteFunctions,
	ctx: FieldContext,
	propertyName: string,
	field = 'Input Binary Field',
): Promise<BinaryFile> {
	const name = String(propertyName ?? '').trim();
	if (!name) {
		return ctx.fail(
			field,
			`${field} is empty`,
			'Enter the name of the binary property that holds the file, e.g. "data".',
		);
	}
	const item = fn.getInputData()[ctx.itemIndex];
	const available = Object.keys(item?.binary ?? {});
	if (!item?.binary?.[name]) {
		return ctx.fail(
			field,
			`The input item has no binary property "${name}"`,
			available.length
				? `Binary properties of this item: ${available.join(', ')}. Enter one of them.`
				: 'The item has no binary data. Add a node that reads or downloads the file (e.g. Read/Write Files from Disk, Google Drive → Download, HTTP Request with "File" response) before this node.',
		);
	}
	const meta = fn.helpers.assertBinaryData(ctx.itemIndex, name);
	const data = await fn.helpers.getBinaryDataBuffer(ctx.itemIndex, name);
	if (!data || data.length === 0) {
		return ctx.fail(
			field,
			`The binary property "${name}" is empty`,
			'Check the node that produced the file.',
		);
	}
	const metaExtension =
		typeof meta.fileExtension === 'string'
			? meta.fileExtension.toLowerCase().replace(/[^a-z0-9]/g, '')
			: '';
	const extension = extensionOf(meta.fileName) ?? (metaExtension || undefined);
	const mimeType =
		cleanMimeType(meta.mimeType) ??
		(extension ? MIME_BY_EXTENSION[extension] : undefined) ??
		'application/octet-stream';
	const fileName = (meta.fileName ?? '').trim() || `file${extension ? `.${extension}` : ''}`;
	return { data, mimeType, fileName, extension };
}

/** "5 MB", "500 KB" for error messages. */
export function formatBytes(bytes: number): string {
	if (bytes >= 1024 * 1024) return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
	if (bytes >= 1024) return `${Math.round((bytes / 1024) * 10) / 10} KB`;
	return `${bytes} bytes`;
}
