import type { IDataObject } from 'n8n-workflow';

import type { MessageType, MessageTypeSupport, OutboundMessage } from '../types';

/** Message types InnovaAPI documents (`tipo`), all media by public URL. */
export const innovaMessageTypes: Partial<Record<MessageType, MessageTypeSupport>> = {
	text: {},
};

/** Builds the body of `POST /api/whatsapp/enviar`. */
export function buildInnovaPayload(message: OutboundMessage): IDataObject {
	switch (message.type) {
		case 'text':
			return { numero: message.to, tipo: 'text', mensaje: message.text };
		default:
			throw new Error(`InnovaAPI cannot send ${message.type} messages`);
	}
}
