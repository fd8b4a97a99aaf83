import type { ResourceDefinition } from '../types';
import { uploadOperation } from './upload.operation';

export const mediaResource: ResourceDefinition = {
	value: 'media',
	name: 'Media',
	operations: [uploadOperation],
};
