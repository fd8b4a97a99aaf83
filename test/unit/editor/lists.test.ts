/**
 * Dynamic lists of the editor (resource locators "From List"): the exact request each provider
 * receives, what the list shows, and that a picked or typed value sends the right message.
 */
import nock from 'nock';

import { runListSearch, runNode } from '../../helpers/workflow';

const WHAAPY = 'https://api.whaapy.com';
const ENGINE = 'http://engine.test:3000';
const SEVEN = 'https://gateway.seven.io';

afterEach(() => nock.cleanAll());

const TEMPLATES = [
	{
		id: 't1',
		name: 'hello_world',
		language: 'en_US',
		status: 'APPROVED',
		bodyVariables: [],
		buttonVariables: [],
	},
	{
		id: 't2',
		name: 'order_update',
		language: 'es',
		status: 'APPROVED',
		bodyVariables: [
			{ index: 1, example: 'Ana' },
			{ index: 2, example: '#1' },
		],
		buttonVariables: [],
	},
	{
		id: 't3',
		name: 'appointment_reminder',
		language: 'es_MX',
		status: 'PENDING',
		bodyVariables: [{ index: 1, example: 'Ana' }],
		buttonVariables: [{ index: 0, text: 'Ok' }],
	},
];

describe('Whaapy templates (GET /templates/v1)', () => {
	test('one entry per template and language, saying how many parameters it needs; value = name (language)', async () => {
		const scope = nock(WHAAPY, { reqheaders: { authorization: 'Bearer wha_testsecretkey0001' } })
			.get('/templates/v1')
			.query({ limit: '100' })
			.reply(200, { data: TEMPLATES, pagination: { next_cursor: null, has_more: false } });
		const result = await runListSearch('searchTemplates', {
			provider: 'whaapy',
			resource: 'message',
			operation: 'send',
			messageType: 'template',
		});
		expect(scope.isDone()).toBe(true);
		expect(result).toEqual({
			results: [
				{
					name: 'hello_world (en_US): needs 0 body parameters, 0 button parameters',
					value: 'hello_world (en_US)',
				},
				{
					name: 'order_update (es): needs 2 body parameters, 0 button parameters',
					value: 'order_update (es)',
				},
				{
					name: 'appointment_reminder (es_MX): needs 1 body parameter, 1 button parameter [PENDING]',
					value: 'appointment_reminder (es_MX)',
				},
			],
		});
	});

	test('the search filters by name and the next page is asked with its cursor', async () => {
		nock(WHAAPY)
			.get('/templates/v1')
			.query({ limit: '100', cursor: 'c2' })
			.reply(200, { data: TEMPLATES, pagination: { next_cursor: 'c3', has_more: true } });
		const result = await runListSearch('searchTemplates', { provider: 'whaapy' }, 'ORDER', 'c2');
		expect(result).toEqual({
			results: [
				{
					name: 'order_update (es): needs 2 body parameters, 0 button parameters',
					value: 'order_update (es)',
				},
			],
			paginationToken: 'c3',
		});
	});

	test('a rejected key shows the provider error in the list', async () => {
		nock(WHAAPY)
			.get('/templates/v1')
			.query(true)
			.reply(401, { error: 'unauthorized', message: 'Invalid API key' });
		await expect(runListSearch('searchTemplates', { provider: 'whaapy' })).rejects.toThrow(
			/Whaapy/,
		);
	});

	test('providers without a template list say so (type the name instead)', async () => {
		await expect(runListSearch('searchTemplates', { provider: 'seven' })).rejects.toThrow(
			'seven.io offers no list of templates',
		);
	});

	test('a template picked from the list sends its name and language', async () => {
		let sent: Record<string, unknown> = {};
		const scope = nock(WHAAPY)
			.post('/messages/v1', (body) => {
				sent = body;
				return true;
			})
			.reply(200, { success: true, data: { id: 'm1', status: 'sent' } });
		const { output, error } = await runNode({
			parameters: {
				provider: 'whaapy',
				resource: 'message',
				operation: 'send',
				to: '+52 1 55 1234 5678',
				messageType: 'template',
				templateName: {
					__rl: true,
					mode: 'list',
					value: 'order_update (es)',
					cachedResultName: 'order_update (es): needs 2 body parameters, 0 button parameters',
				},
				templateParameters: { body: [{ text: 'Ana' }, { text: '#1' }] },
			},
		});
		expect(error).toBeUndefined();
		expect(scope.isDone()).toBe(true);
		expect(sent).toMatchObject({
			to: '+5215512345678',
			type: 'template',
			templateName: 'order_update',
			language: 'es',
			template_parameters: ['Ana', '#1'],
		});
		expect(output?.[0].json).toMatchObject({ provider: 'whaapy', type: 'template' });
	});

	test('a typed name needs the Language Code; a typed Language Code wins over the listed one', async () => {
		const missing = await runNode({
			parameters: {
				provider: 'whaapy',
				resource: 'message',
				operation: 'send',
				to: '+52 1 55 1234 5678',
				messageType: 'template',
				templateName: { __rl: true, mode: 'name', value: 'order_update' },
			},
		});
		expect(missing.error?.message).toBe('Language Code is empty (field "Language Code", item 0)');
		const scope = nock(WHAAPY)
			.post(
				'/messages/v1',
				(body) => body.templateName === 'order_update' && body.language === 'es_MX',
			)
			.reply(200, { success: true, data: { id: 'm2', status: 'sent' } });
		const overridden = await runNode({
			parameters: {
				provider: 'whaapy',
				resource: 'message',
				operation: 'send',
				to: '+52 1 55 1234 5678',
				messageType: 'template',
				templateName: { __rl: true, mode: 'list', value: 'order_update (es)' },
				templateLanguage: 'es_MX',
			},
		});
		expect(overridden.error).toBeUndefined();
		expect(scope.isDone()).toBe(true);
	});
});

describe('webhooks for Delete / Toggle', () => {
	test('WhatsApp API Engine: GET /api/webhooks, named by URL and events, valued by ID', async () => {
		const scope = nock(ENGINE, { reqheaders: { 'x-api-key': 'engine-secret-key-000' } })
			.get('/api/webhooks')
			.reply(200, {
				success: true,
				data: [
					{ id: 'wh_1', url: 'https://a.example.com/hook', events: ['message'], active: true },
					{ id: 'wh_2', url: 'https://b.example.com/hook', events: ['qr', 'ready'], active: false },
				],
			});
		const result = await runListSearch('searchWebhooks', {
			provider: 'engine',
			resource: 'webhook',
			operation: 'toggle',
		});
		expect(scope.isDone()).toBe(true);
		expect(result).toEqual({
			results: [
				{ name: 'https://a.example.com/hook (message)', value: 'wh_1' },
				{ name: 'https://b.example.com/hook (qr, ready) [inactive]', value: 'wh_2' },
			],
		});
		nock(ENGINE)
			.get('/api/webhooks')
			.reply(200, {
				success: true,
				data: [
					{ id: 'wh_1', url: 'https://a.example.com/hook', events: ['message'], active: true },
					{ id: 'wh_2', url: 'https://b.example.com/hook', events: ['qr'], active: true },
				],
			});
		expect(await runListSearch('searchWebhooks', { provider: 'engine' }, 'b.example')).toEqual({
			results: [{ name: 'https://b.example.com/hook (qr)', value: 'wh_2' }],
		});
	});

	test('seven.io: GET /api/hooks', async () => {
		const scope = nock(SEVEN, { reqheaders: { 'x-api-key': 'seven-secret-key-456' } })
			.get('/api/hooks')
			.reply(200, {
				success: true,
				hooks: [
					{
						id: '12',
						target_url: 'https://a.example.com/s',
						event_type: 'wa_mo',
						request_method: 'POST',
						created: '2026-01-01 10:00:00',
						event_filter: null,
					},
				],
			});
		const result = await runListSearch('searchWebhooks', { provider: 'seven' });
		expect(scope.isDone()).toBe(true);
		expect(result).toEqual({ results: [{ name: 'https://a.example.com/s (wa_mo)', value: '12' }] });
	});

	test('Whaapy: GET /user-webhooks', async () => {
		const scope = nock(WHAAPY)
			.get('/user-webhooks')
			.reply(200, {
				data: [
					{
						id: 'wh-uuid',
						name: 'x',
						url: 'https://a.example.com/w',
						events: ['message.received'],
						active: true,
					},
				],
			});
		const result = await runListSearch('searchWebhooks', { provider: 'whaapy' });
		expect(scope.isDone()).toBe(true);
		expect(result).toEqual({
			results: [{ name: 'https://a.example.com/w (message.received)', value: 'wh-uuid' }],
		});
	});

	test('a webhook picked from the list or typed By ID is deleted by that ID', async () => {
		for (const mode of ['list', 'id']) {
			const scope = nock(ENGINE)
				.delete('/api/webhooks/wh_9')
				.reply(200, { success: true, message: 'Webhook eliminado' });
			const { output, error } = await runNode({
				parameters: {
					provider: 'engine',
					resource: 'webhook',
					operation: 'delete',
					webhookId: { __rl: true, mode, value: 'wh_9' },
				},
			});
			expect(error).toBeUndefined();
			expect(scope.isDone()).toBe(true);
			expect(output?.[0].json).toEqual({ provider: 'engine', id: 'wh_9', deleted: true });
		}
	});
});
