import type { ResourceDefinition } from '../types';
import { sendBulkOperation } from './send.operation';

export const bulkResource: ResourceDefinition = {
	value: 'bulk',
	name: 'Bulk',
	operations: [sendBulkOperation],
};
