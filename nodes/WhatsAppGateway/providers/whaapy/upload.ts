import type { OperationHandler, OperationHandlers } from '../types';
import type { WhaapyMediaType } from './media';
import { uploadWhaapyMedia, WHAAPY_MEDIA_TYPES } from './media';

/**
 * Media → Upload: `POST /media/v1` (multipart `type` + `file`) through uploadWhaapyMedia, which checks
 * the documented formats and size limits per type before the request. Output: the media id, to send
 * later as `{"image": {"id": …}}` or as a template header's media id.
 */
export const whaapyUploadMedia: OperationHandler<'media.upload'> = async (ctx, input) => {
	const file = input.file;
	const type = input.type as WhaapyMediaType;
	if (!WHAAPY_MEDIA_TYPES.includes(type)) {
		ctx.fail(
			'Media Type',
			`Whaapy cannot upload "${type}" files`,
			`Choose one of: ${WHAAPY_MEDIA_TYPES.join(', ')}.`,
		);
	}
	const field = input.field;
	const { id, raw } = await uploadWhaapyMedia(ctx, file, type, field);
	return [
		{
			json: {
				provider: 'whaapy',
				mediaId: id,
				type,
				mimeType: typeof raw.mime_type === 'string' ? raw.mime_type : file.mimeType,
				fileName: file.fileName,
				fileSize: file.data.length,
				providerResponse: raw,
			},
		},
	];
};

export const whaapyMediaOperations: OperationHandlers = {
	'media.upload': whaapyUploadMedia,
};
