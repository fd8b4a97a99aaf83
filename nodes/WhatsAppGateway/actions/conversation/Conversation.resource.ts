import type { ResourceDefinition } from '../types';
import { markAsReadOperation } from './markAsRead.operation';
import { reactOperation } from './react.operation';
import { typingIndicatorOperation } from './typingIndicator.operation';

export const conversationResource: ResourceDefinition = {
	value: 'conversation',
	name: 'Conversation',
	operations: [markAsReadOperation, reactOperation, typingIndicatorOperation],
};
