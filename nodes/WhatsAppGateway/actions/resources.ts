import type { ResourceDefinition } from './types';
import { bulkResource } from './bulk/Bulk.resource';
import { contactResource } from './contact/Contact.resource';
import { conversationResource } from './conversation/Conversation.resource';
import { mediaResource } from './media/Media.resource';
import { messageResource } from './message/Message.resource';
import { sessionResource } from './session/Session.resource';
import { webhookResource } from './webhook/Webhook.resource';

/** Every resource of the node, in the order the editor shows them (sorted by name). */
export const RESOURCES: ResourceDefinition[] = [
	bulkResource,
	contactResource,
	conversationResource,
	mediaResource,
	messageResource,
	sessionResource,
	webhookResource,
];

export function findOperation(resource: string, operation: string) {
	return RESOURCES.find((r) => r.value === resource)?.operations.find(
		(o) => o.operation === operation,
	);
}
