import type { IDataObject } from 'n8n-workflow';

import type { MessageType, MessageTypeSupport, OutboundMessage } from '../types';
import type { ProviderRequest } from '../types';

export const engineMessageTypes: Partial<Record<MessageType, MessageTypeSupport>> = {
	text: {},
};

/** The Engine has one endpoint per message type (seed 003). */
export function buildEngineRequest(message: OutboundMessage): Pick<ProviderRequest, 'path' | 'body'> {
	switch (message.type) {
		case 'text':
			return { path: '/api/messages/send', body: { phone: message.to, message: message.text } as IDataObject };
		default:
			throw new Error(`WhatsApp API Engine cannot send ${message.type} messages`);
	}
}
