import type { IDataObject, INode } from 'n8n-workflow';

import type {
	AdapterContext,
	OperationHandler,
	OperationHandlers,
	OperationOutput,
} from '../types';
import { isObject } from '../shared';
import { failureFields } from '../../helpers/failureFields';
import { ensureNodeError } from '../../transport/errors';

/**
 * `POST /api/messages/send-bulk` accepts 1–100 recipients (docs/providers/engine.md#messages). The Engine
 * documents no limit for `POST /api/contacts/check-bulk`; we use the same 100 per request so each
 * call stays short (every number is checked on WhatsApp one after another) [assumption].
 */
export const ENGINE_BULK_LIMIT = 100;

/**
 * Runs `run` for each chunk of at most `size` values, in order. A failure of the first chunk is thrown
 * (nothing was done yet, so the node fails or "Continue On Fail" takes over as usual). A failure of a
 * later chunk does not discard the results already obtained: that chunk and every later one become
 * per-value results built by `failed` (`attempted` is false for chunks that were not sent).
 */
export async function inChunks<T>(
	node: INode,
	values: T[],
	size: number,
	run: (chunk: T[]) => Promise<OperationOutput[]>,
	failed: (value: T, error: unknown, attempted: boolean) => OperationOutput,
): Promise<OperationOutput[]> {
	const outputs: OperationOutput[] = [];
	for (let start = 0; start < values.length; start += size) {
		const current = values.slice(start, start + size);
		try {
			outputs.push(...(await run(current)));
		} catch (error) {
			if (start === 0) throw ensureNodeError(node, error);
			outputs.push(...current.map((value) => failed(value, error, true)));
			const rest = values.slice(start + size);
			outputs.push(...rest.map((value) => failed(value, error, false)));
			break;
		}
	}
	return outputs;
}

/**
 * Bulk send (text only): `POST /api/messages/send-bulk {recipients, message, delay}`. The Engine sends
 * one after another and answers when all are done, so a request can take `recipients × delay`; the
 * transport waits that long plus the usual timeout. Output: one item per recipient, in order.
 */
export const engineBulkSend: OperationHandler<'bulk.send'> = async (ctx, input) => {
	const { recipients, message, delay } = input;
	return await inChunks(
		ctx.node,
		recipients,
		ENGINE_BULK_LIMIT,
		async (batch) => await sendBatch(ctx, batch, message, delay),
		(phone, error, attempted) => ({
			json: {
				provider: 'engine',
				phone,
				success: false,
				messageId: null,
				localMessageId: null,
				status: attempted ? 'failed' : 'notSent',
				timestamp: null,
				...failureFields(error),
				...(attempted
					? {}
					: {
							error: `Not sent: an earlier batch failed (${failureFields(error).error as string})`,
						}),
			},
		}),
	);
};

async function sendBatch(
	ctx: AdapterContext,
	batch: string[],
	message: string,
	delay: number,
): Promise<OperationOutput[]> {
	const response = await ctx.call({
		method: 'POST',
		path: '/api/messages/send-bulk',
		body: { recipients: batch, message, delay },
		action: 'send the bulk message',
		sendsMessage: true,
		expectedDurationMs: batch.length * delay,
	});
	const data = isObject(response.body) && isObject(response.body.data) ? response.body.data : {};
	const results = Array.isArray(data.results) ? data.results.filter(isObject) : [];
	const used = new Set<number>();
	return batch.map((phone, index) => {
		const result = resultFor(results, used, phone, index);
		if (!result) {
			return {
				json: {
					provider: 'engine',
					phone,
					success: false,
					messageId: null,
					localMessageId: null,
					status: 'unknown',
					timestamp: null,
					error: 'The Engine returned no result for this recipient',
				},
			};
		}
		const success = result.success === true;
		const whatsappId = typeof result.whatsappId === 'string' ? result.whatsappId : null;
		const localId = typeof result.messageId === 'string' ? result.messageId : null;
		return {
			json: {
				provider: 'engine',
				phone,
				success,
				messageId: whatsappId ?? localId,
				localMessageId: localId,
				status: typeof result.status === 'string' ? result.status : success ? 'sent' : 'failed',
				timestamp: typeof result.timestamp === 'string' ? result.timestamp : null,
				error: success ? null : typeof result.error === 'string' ? result.error : 'Not sent',
			},
		};
	});
}

/** The result at the same position when it is for this phone, else the first unused one for it. */
export function resultFor(
	results: IDataObject[],
	used: Set<number>,
	phone: string,
	index: number,
): IDataObject | undefined {
	const same = (r: IDataObject) =>
		String(r.phone ?? '').replace(/\D/g, '') === phone.replace(/\D/g, '');
	if (results[index] && !used.has(index) && same(results[index])) {
		used.add(index);
		return results[index];
	}
	const found = results.findIndex((r, i) => !used.has(i) && same(r));
	if (found < 0) return undefined;
	used.add(found);
	return results[found];
}

/** Bulk operations of the WhatsApp API Engine. */
export const engineBulkOperations: OperationHandlers = {
	'bulk.send': engineBulkSend,
};
