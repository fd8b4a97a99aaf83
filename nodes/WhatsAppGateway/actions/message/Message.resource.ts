import type { ResourceDefinition } from '../types';
import { deleteScheduledOperation } from './deleteScheduled.operation';
import { getStatusOperation } from './getStatus.operation';
import { retryOperation } from './retry.operation';
import { sendOperation } from './send.operation';
import { sendAndWaitOperation } from './sendAndWait.operation';

export const messageResource: ResourceDefinition = {
	value: 'message',
	name: 'Message',
	operations: [
		sendOperation,
		sendAndWaitOperation,
		deleteScheduledOperation,
		getStatusOperation,
		retryOperation,
	],
};
