/**
 * Operation keys are typed: a misspelt key or a wrong input does not compile (the @ts-expect-error
 * lines below fail `npm run lint`, which type-checks the tests, if they ever compile), and every
 * key an adapter implements is an operation the node offers for that adapter.
 */
import { offers, runAdapterOperation } from '../../../nodes/WhatsAppGateway/actions/adapterOperation';
import { findOperation } from '../../../nodes/WhatsAppGateway/actions/resources';
import { PROVIDERS } from '../../../nodes/WhatsAppGateway/providers';
import type {
	AdapterContext,
	OperationHandlers,
	OperationKey,
	ProviderAdapter,
} from '../../../nodes/WhatsAppGateway/providers/types';

export function compileTimeChecks(ctx: AdapterContext, adapter: ProviderAdapter) {
	// @ts-expect-error a misspelt key
	offers('conversation.markAsReed');
	// @ts-expect-error a misspelt key
	void runAdapterOperation(ctx, adapter, 'contact.chek', { phone: '1' });
	// @ts-expect-error the wrong input for the key
	void runAdapterOperation(ctx, adapter, 'contact.check', { phones: ['1'] });
	// @ts-expect-error an input the operation needs is missing
	void runAdapterOperation(ctx, adapter, 'webhook.delete');
	// @ts-expect-error an operation without input takes none
	void runAdapterOperation(ctx, adapter, 'message.retry', { id: '1' });
	const handlers: OperationHandlers = {
		// @ts-expect-error a misspelt key in an adapter's map
		'session.getQr': async () => [],
		// @ts-expect-error a handler that reads an input field its key does not have
		'contact.check': async (_ctx, input) => [{ json: { phone: input.phones } }],
	};
	return handlers;
}

test.each(PROVIDERS.map((adapter) => [adapter.id, adapter] as const))(
	'%s: every operation it implements is offered for it by the node',
	(_id, adapter) => {
		for (const key of Object.keys(adapter.operations ?? {}) as OperationKey[]) {
			const [resource, operation] = key.split('.');
			const definition = findOperation(resource, operation);
			expect({ key, defined: definition !== undefined }).toEqual({ key, defined: true });
			expect({ key, offered: definition!.isSupported(adapter) }).toEqual({ key, offered: true });
		}
	},
);
