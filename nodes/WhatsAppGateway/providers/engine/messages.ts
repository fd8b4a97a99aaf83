import type { IDataObject } from 'n8n-workflow';

import type { MessageType, MessageTypeSupport, OutboundMessage } from '../types';
import type { ProviderRequest } from '../types';

/**
 * WhatsApp API Engine (docs/providers/engine.md): text, image (`imageUrl`, or `base64` + `mimetype`), document
 * (`documentUrl` + `filename`, URL only). Captions up to 1024 characters.
 * Binary images travel as base64 in a JSON body the Engine limits to 10 MB (express.json), so files
 * above 7 MB are refused before sending (base64 grows them by a third).
 */
export const engineMessageTypes: Partial<Record<MessageType, MessageTypeSupport>> = {
	text: {},
	// URLs: the Engine downloads them with whatsapp-web.js MessageMedia.fromUrl(), which takes the
	// MIME type from the URL's file extension and fails (HTTP 500, "Unable to determine MIME type
	// using URL") without one; so an extension is required before sending.
	image: {
		mediaSources: ['url', 'binary'],
		extensionRequired: true,
		caption: true,
		maxBytes: 7 * 1024 * 1024,
		mimeTypes: ['image/jpeg', 'image/png', 'image/webp', 'image/gif'],
	},
	document: { mediaSources: ['url'], extensionRequired: true, caption: true, filename: 'required' },
};

/** The Engine has one endpoint per message type (docs/providers/engine.md). */
export function buildEngineRequest(
	message: OutboundMessage,
): Pick<ProviderRequest, 'path' | 'body'> {
	switch (message.type) {
		case 'text':
			return {
				path: '/api/messages/send',
				body: { phone: message.to, message: message.text } as IDataObject,
			};
		case 'image': {
			const media = message.media;
			const body: IDataObject = { phone: message.to };
			if (media?.source === 'binary' && media.data) {
				body.base64 = media.data.toString('base64');
				body.mimetype = media.mimeType;
			} else {
				body.imageUrl = media?.url;
			}
			if (message.caption) body.caption = message.caption;
			return { path: '/api/messages/send-image', body };
		}
		case 'document': {
			const body: IDataObject = {
				phone: message.to,
				documentUrl: message.media?.url,
				filename: message.filename,
			};
			if (message.caption) body.caption = message.caption;
			return { path: '/api/messages/send-document', body };
		}
		default:
			throw new Error(`WhatsApp API Engine cannot send ${message.type} messages`);
	}
}
