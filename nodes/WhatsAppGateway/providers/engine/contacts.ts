import type { IDataObject } from 'n8n-workflow';

import type {
	AdapterContext,
	OperationHandler,
	OperationHandlers,
	OperationOutput,
} from '../types';
import { isObject } from '../shared';
import { failureFields } from '../../helpers/failureFields';
import { ENGINE_BULK_LIMIT, inChunks } from './bulk';

/** The `data` object of an Engine answer (`{success, data}`). */
export function engineData(body: unknown): IDataObject {
	return isObject(body) && isObject(body.data) ? body.data : {};
}

const bool = (value: unknown): boolean | null => (typeof value === 'boolean' ? value : null);

/** Check Number: `GET /api/contacts/check/{phone}` → `{data:{phone, isRegistered}}`. */
export const engineCheckNumber: OperationHandler<'contact.check'> = async (ctx, input) => {
	const phone = input.phone;
	const response = await ctx.call({
		method: 'GET',
		path: `/api/contacts/check/${encodeURIComponent(phone)}`,
		action: 'check the number',
	});
	const data = engineData(response.body);
	return [
		{ json: { provider: 'engine', phone, isRegistered: bool(data.isRegistered), error: null } },
	];
};

/** Get Info: `GET /api/contacts/info/{phone}` → `{data:{id, name, number, isUser, isGroup, isBlocked}}`. */
export const engineContactInfo: OperationHandler<'contact.getInfo'> = async (ctx, input) => {
	const phone = input.phone;
	const response = await ctx.call({
		method: 'GET',
		path: `/api/contacts/info/${encodeURIComponent(phone)}`,
		action: 'get the contact information',
	});
	const data = engineData(response.body);
	return [
		{
			json: {
				provider: 'engine',
				phone,
				id: typeof data.id === 'string' ? data.id : null,
				name: typeof data.name === 'string' ? data.name : null,
				number: data.number !== undefined && data.number !== null ? String(data.number) : null,
				isUser: bool(data.isUser),
				isGroup: bool(data.isGroup),
				isBlocked: bool(data.isBlocked),
			},
		},
	];
};

/**
 * Check Numbers: `POST /api/contacts/check-bulk {phones}` → `{data:{total, registered, notRegistered,
 * results:[{phone, isRegistered, error?}]}}`. Each distinct number is checked once; the output has one
 * item per given number, in order (duplicates repeat the same result).
 */
export const engineCheckNumbers: OperationHandler<'contact.checkBulk'> = async (ctx, input) => {
	const phones = input.phones;
	const unique = [...new Set(phones)];
	const byPhone = new Map<string, OperationOutput>();
	const outputs = await inChunks(
		ctx.node,
		unique,
		ENGINE_BULK_LIMIT,
		async (batch) => await checkBatch(ctx, batch),
		(phone, error) => ({
			json: { provider: 'engine', phone, isRegistered: null, ...failureFields(error) },
		}),
	);
	unique.forEach((phone, index) => byPhone.set(phone, outputs[index]));
	return phones.map((phone) => ({ json: { ...(byPhone.get(phone)?.json ?? {}) } }));
};

async function checkBatch(ctx: AdapterContext, batch: string[]): Promise<OperationOutput[]> {
	const response = await ctx.call({
		method: 'POST',
		path: '/api/contacts/check-bulk',
		body: { phones: batch },
		action: 'check the numbers',
		idempotent: true,
	});
	const data = engineData(response.body);
	const results = Array.isArray(data.results) ? data.results.filter(isObject) : [];
	return batch.map((phone, index) => {
		const digits = phone.replace(/\D/g, '');
		const result =
			(isObject(results[index]) && String(results[index].phone ?? '').replace(/\D/g, '') === digits
				? results[index]
				: results.find((r) => String(r.phone ?? '').replace(/\D/g, '') === digits)) ?? undefined;
		if (!result) {
			return {
				json: {
					provider: 'engine',
					phone,
					isRegistered: null,
					error: 'The Engine returned no result for this number',
				},
			};
		}
		const error = typeof result.error === 'string' && result.error !== '' ? result.error : null;
		return {
			json: {
				provider: 'engine',
				phone,
				// With an error the Engine reports isRegistered: false although it could not check.
				isRegistered: error ? null : bool(result.isRegistered),
				error,
			},
		};
	});
}

/** Contact operations of the WhatsApp API Engine. */
export const engineContactOperations: OperationHandlers = {
	'contact.check': engineCheckNumber,
	'contact.checkBulk': engineCheckNumbers,
	'contact.getInfo': engineContactInfo,
};
