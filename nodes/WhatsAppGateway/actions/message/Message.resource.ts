import type { ResourceDefinition } from '../types';
import { sendOperation } from './send.operation';

export const messageResource: ResourceDefinition = {
	value: 'message',
	name: 'Message',
	operations: [sendOperation],
};
