import type { IDataObject } from 'n8n-workflow';

import type { ListHandler, ListPage } from '../types';
import { isObject } from '../shared';
import { templateListValue } from '../templateValue';

function count(n: number, what: string): string {
	return `${n} ${what}${n === 1 ? '' : 's'}`;
}

/**
 * Whaapy's templates (`GET /templates/v1`, [PUB n8n]: items with name, language, status,
 * bodyVariables, buttonVariables; pages `{data, pagination: {next_cursor, has_more}}` with `cursor`
 * and `limit`). Each entry says how many body and button parameters the template needs, and which
 * are not approved yet (WhatsApp sends approved templates only).
 */
export const listWhaapyTemplates: ListHandler = async (call, query): Promise<ListPage> => {
	const qs: IDataObject = { limit: 100 };
	if (query.paginationToken) qs.cursor = query.paginationToken;
	const response = await call({
		method: 'GET',
		path: '/templates/v1',
		qs,
		action: 'list the templates',
	});
	const body = isObject(response.body) ? response.body : {};
	const items = Array.isArray(body.data)
		? body.data
		: Array.isArray(body.templates)
			? body.templates
			: [];
	const filter = (query.filter ?? '').trim().toLowerCase();
	const results: ListPage['results'] = [];
	for (const item of items) {
		if (!isObject(item) || typeof item.name !== 'string' || typeof item.language !== 'string')
			continue;
		if (filter && !item.name.toLowerCase().includes(filter)) continue;
		const bodyCount = Array.isArray(item.bodyVariables) ? item.bodyVariables.length : 0;
		const buttons = Array.isArray(item.buttonVariables) ? item.buttonVariables.length : 0;
		const status = typeof item.status === 'string' ? item.status : '';
		const needs = `needs ${count(bodyCount, 'body parameter')}, ${count(buttons, 'button parameter')}`;
		const notApproved = status && status.toUpperCase() !== 'APPROVED' ? ` [${status}]` : '';
		results.push({
			name: `${item.name} (${item.language}): ${needs}${notApproved}`,
			value: templateListValue(item.name, item.language),
		});
	}
	const pagination = isObject(body.pagination) ? body.pagination : {};
	const next =
		pagination.has_more === true && typeof pagination.next_cursor === 'string'
			? pagination.next_cursor
			: undefined;
	return next ? { results, paginationToken: next } : { results };
};
