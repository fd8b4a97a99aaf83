import type { IDataObject } from 'n8n-workflow';

import type { MessageType, MessageTypeSupport, OutboundMessage } from '../types';

export const decisionMessageTypes: Partial<Record<MessageType, MessageTypeSupport>> = {
	text: {},
};

/** The message part of `POST /v1/api/send-whatsapp` (seed 004). */
export function buildDecisionContent(message: OutboundMessage): IDataObject {
	switch (message.type) {
		case 'text':
			return { message_type: 1, text: message.text };
		default:
			throw new Error(`DecisionTelecom cannot send ${message.type} messages`);
	}
}
