import type { ResourceDefinition } from '../types';
import { checkOperation } from './check.operation';
import { checkBulkOperation } from './checkBulk.operation';
import { getInfoOperation } from './getInfo.operation';

export const contactResource: ResourceDefinition = {
	value: 'contact',
	name: 'Contact',
	operations: [checkOperation, checkBulkOperation, getInfoOperation],
};
