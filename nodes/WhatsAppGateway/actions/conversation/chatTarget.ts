import type { INodeProperties } from 'n8n-workflow';

import type { AdapterContext, ProviderAdapter } from '../../providers/types';
import { recipient } from '../../helpers/validation';

/** The contact whose chat an event is for (optional where a provider can use an ID instead). */
export const chatToProperty: INodeProperties = {
	displayName: 'To',
	name: 'to',
	type: 'string',
	default: '',
	placeholder: '+57 300 123 4567',
	description: 'Phone number of the contact (the chat), with country code',
};

/** The To number formatted for the provider, or undefined when the field is empty. */
export function optionalChat(ctx: AdapterContext, adapter: ProviderAdapter): string | undefined {
	const raw = ctx.param<unknown>('to', '');
	if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === ''))
		return undefined;
	return recipient(ctx, adapter, 'To', 'to');
}
