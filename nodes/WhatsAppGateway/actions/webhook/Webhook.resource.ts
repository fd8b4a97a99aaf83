import type { ResourceDefinition } from '../types';
import { deleteOperation } from './delete.operation';
import { ensureOperation } from './ensure.operation';
import { listOperation } from './list.operation';
import { registerOperation } from './register.operation';
import { toggleOperation } from './toggle.operation';

export const webhookResource: ResourceDefinition = {
	value: 'webhook',
	name: 'Webhook',
	operations: [deleteOperation, ensureOperation, listOperation, registerOperation, toggleOperation],
};
