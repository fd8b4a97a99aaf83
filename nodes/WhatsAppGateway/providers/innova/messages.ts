import type { IDataObject } from 'n8n-workflow';

import type { MessageType, MessageTypeSupport, OutboundMessage } from '../types';

/**
 * Message types InnovaAPI documents (`tipo`: text, image, document, video, audio, location; seed
 * 000). Media only by public URL (`url`); `caption` is documented for images and videos; there is
 * no file-name field, so documents show the name from the URL.
 */
export const innovaMessageTypes: Partial<Record<MessageType, MessageTypeSupport>> = {
	text: {},
	image: { mediaSources: ['url'], caption: true },
	video: { mediaSources: ['url'], caption: true },
	audio: { mediaSources: ['url'] },
	document: { mediaSources: ['url'] },
	location: {},
};

/** Builds the body of `POST /api/whatsapp/enviar`. */
export function buildInnovaPayload(message: OutboundMessage): IDataObject {
	const base: IDataObject = { numero: message.to, tipo: message.type };
	switch (message.type) {
		case 'text':
			return { ...base, mensaje: message.text };
		case 'image':
		case 'video':
		case 'audio':
		case 'document': {
			const body: IDataObject = { ...base, url: message.media?.url };
			if (message.caption) body.caption = message.caption;
			return body;
		}
		case 'location': {
			const location = message.location;
			const body: IDataObject = {
				...base,
				latitud: location?.latitude,
				longitud: location?.longitude,
			};
			if (location?.name) body.nombre = location.name;
			return body;
		}
		default:
			throw new Error(`InnovaAPI cannot send ${message.type} messages`);
	}
}
