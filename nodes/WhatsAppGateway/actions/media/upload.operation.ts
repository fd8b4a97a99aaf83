import type { INodeProperties } from 'n8n-workflow';

import type { OperationDefinition } from '../types';
import { readBinaryFile } from '../../helpers/binary';
import { offers, runAdapterOperation } from '../adapterOperation';
import { optionsCollection } from '../common.descriptions';

const FIELD = 'Input Binary Field';

const properties: INodeProperties[] = [
	{
		displayName: FIELD,
		name: 'binaryPropertyName',
		type: 'string',
		required: true,
		default: 'data',
		hint: 'The name of the input binary field containing the file to upload',
		description:
			'Binary property of the input item that holds the file (e.g. from Read/Write Files from Disk or an HTTP download)',
	},
	{
		displayName: 'Media Type',
		name: 'mediaType',
		type: 'options',
		default: 'auto',
		options: [
			{ name: 'Audio', value: 'audio', description: 'AAC, MP3, OGG, AMR; up to 16 MB' },
			{
				name: 'Auto-Detect',
				value: 'auto',
				description: "From the file's MIME type (WebP images count as images, not stickers)",
			},
			{ name: 'Document', value: 'document', description: 'PDF, DOC, XLS, PPT, TXT; up to 100 MB' },
			{ name: 'Image', value: 'image', description: 'JPEG, PNG, WebP; up to 5 MB' },
			{ name: 'Sticker', value: 'sticker', description: 'WebP; up to 500 KB' },
			{ name: 'Video', value: 'video', description: 'MP4, 3GPP; up to 16 MB' },
		],
		description:
			"What the file is used as in WhatsApp; the provider's format and size limits for that type are checked before uploading",
	},
	optionsCollection(),
];

/** The WhatsApp media type of a MIME type (anything that is not image, video or audio is a document). */
export function mediaTypeOf(mimeType: string): string {
	if (mimeType.startsWith('image/')) return 'image';
	if (mimeType.startsWith('video/')) return 'video';
	if (mimeType.startsWith('audio/')) return 'audio';
	return 'document';
}

export const uploadOperation: OperationDefinition = {
	resource: 'media',
	operation: 'upload',
	name: 'Upload',
	action: 'Upload a media file',
	description: 'Upload a file from binary data and get a media ID to send it later',
	properties,
	isSupported: offers('media.upload'),
	async execute(ctx, adapter) {
		const file = await readBinaryFile(
			this,
			ctx,
			ctx.param<string>('binaryPropertyName', 'data'),
			FIELD,
		);
		const chosen = ctx.param<string>('mediaType', 'auto');
		const type = chosen === 'auto' ? mediaTypeOf(file.mimeType) : chosen;
		return await runAdapterOperation(ctx, adapter, 'media.upload', {
			file: { data: file.data, mimeType: file.mimeType, fileName: file.fileName },
			type,
			field: FIELD,
		});
	},
};
