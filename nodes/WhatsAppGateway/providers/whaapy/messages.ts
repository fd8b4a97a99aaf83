import type { IDataObject } from 'n8n-workflow';

import type { MessageType, MessageTypeSupport, OutboundMessage } from '../types';

export const whaapyMessageTypes: Partial<Record<MessageType, MessageTypeSupport>> = {
	text: {},
};

/** Builds the body of `POST /messages/v1` (seed 002, "hybrid" format). */
export function buildWhaapyPayload(message: OutboundMessage): IDataObject {
	switch (message.type) {
		case 'text':
			// The simplified Whaapy style of the seed: { to, content }.
			return { to: message.to, content: message.text };
		default:
			throw new Error(`Whaapy cannot send ${message.type} messages`);
	}
}
