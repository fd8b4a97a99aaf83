import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { AdapterContext, OperationOutput, ProviderAdapter } from '../providers/types';

/** One operation of the node: its fields, which providers offer it, and what it does for one item. */
export interface OperationDefinition {
	resource: string;
	/** camelCase value of the Operation parameter. */
	operation: string;
	/** Title Case name shown in the Operation list. */
	name: string;
	/** Sentence-case action shown in the node picker ("Send a message"). */
	action: string;
	description: string;
	/** Fields of the operation; the builder adds resource/operation to their displayOptions. */
	properties: INodeProperties[];
	isSupported: (adapter: ProviderAdapter) => boolean;
	execute: (this: IExecuteFunctions, ctx: AdapterContext, adapter: ProviderAdapter) => Promise<OperationOutput[]>;
}

export interface ResourceDefinition {
	value: string;
	name: string;
	operations: OperationDefinition[];
}
