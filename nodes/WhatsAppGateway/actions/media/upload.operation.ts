import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { PROVIDERS } from '../../providers';
import type { UploadMediaType } from '../../providers/types';
import type { OperationDefinition } from '../types';
import { readBinaryFile } from '../../helpers/binary';
import { offers, runAdapterOperation } from '../adapterOperation';
import { optionsCollection } from '../common.descriptions';

const FIELD = 'Input Binary Field';

const TYPE_NAMES: Record<UploadMediaType, string> = {
	audio: 'Audio',
	document: 'Document',
	image: 'Image',
	sticker: 'Sticker',
	video: 'Video',
};

function size(bytes: number): string {
	const mb = 1024 * 1024;
	return bytes >= mb ? `${Math.round(bytes / mb)} MB` : `${Math.round(bytes / 1024)} KB`;
}

/**
 * The Media Type options with the formats and size limit each type has at the provider that uploads
 * (its adapter's `uploadLimits`). One provider offers Media → Upload today (Whaapy); a second with
 * other limits would need one field per provider.
 */
function mediaTypeOptions(): INodePropertyOptions[] {
	const limits = PROVIDERS.find((p) => offers('media.upload')(p))?.uploadLimits ?? {};
	const options: INodePropertyOptions[] = [
		{
			name: 'Auto-Detect',
			value: 'auto',
			description: "From the file's MIME type (WebP images count as images, not stickers)",
		},
	];
	for (const [type, limit] of Object.entries(limits) as Array<
		[UploadMediaType, { formats: string; maxBytes: number }]
	>) {
		options.push({
			name: TYPE_NAMES[type],
			value: type,
			description: `${limit.formats}; up to ${size(limit.maxBytes)}`,
		});
	}
	return options.sort((a, b) => a.name.localeCompare(b.name));
}

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
		options: mediaTypeOptions(),
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
