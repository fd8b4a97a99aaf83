import type { ResourceDefinition } from './types';
import { messageResource } from './message/Message.resource';

/** Every resource of the node, in the order the editor shows them (sorted by name). */
export const RESOURCES: ResourceDefinition[] = [messageResource];

export function findOperation(resource: string, operation: string) {
	return RESOURCES.find((r) => r.value === resource)?.operations.find((o) => o.operation === operation);
}
