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
	/**
	 * Whether, with the current parameters, the operation runs once for all input items instead of
	 * once per item (bulk operations that gather numbers from every item). The router then calls
	 * `execute` once with the context of item 0 and pairs each output with its `sourceItems`.
	 */
	aggregatesItems?: (fn: IExecuteFunctions) => boolean;
	execute: (
		this: IExecuteFunctions,
		ctx: AdapterContext,
		adapter: ProviderAdapter,
	) => Promise<ItemOutput[]>;
}

/** An operation's output; aggregating operations name the input items it came from. */
export interface ItemOutput extends OperationOutput {
	/** Indexes of the input items this output belongs to (default: the current item, or all items). */
	sourceItems?: number[];
}

export interface ResourceDefinition {
	value: string;
	name: string;
	operations: OperationDefinition[];
}
