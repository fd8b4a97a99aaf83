import type { IDataObject } from 'n8n-workflow';

import type { MessageType, MessageTypeSupport, OutboundMessage } from '../types';

export const sevenMessageTypes: Partial<Record<MessageType, MessageTypeSupport>> = {
	text: {},
};

/** Builds the type-specific part of `POST /api/waba/messages` (seed 001). */
export function buildSevenContent(message: OutboundMessage): IDataObject {
	switch (message.type) {
		case 'text':
			return { type: 'text', text: message.text };
		default:
			throw new Error(`seven cannot send ${message.type} messages`);
	}
}
