import type { ResourceDefinition } from '../types';
import { deleteScheduledOperation } from './deleteScheduled.operation';
import { getStatusOperation } from './getStatus.operation';
import { retryOperation } from './retry.operation';
import { sendOperation } from './send.operation';

export const messageResource: ResourceDefinition = {
	value: 'message',
	name: 'Message',
	operations: [sendOperation, deleteScheduledOperation, getStatusOperation, retryOperation],
};
