import nock from 'nock';

import { runNode } from '../../helpers/workflow';
import { WhatsAppGateway } from '../../../nodes/WhatsAppGateway/WhatsAppGateway.node';

const ENGINE = 'http://engine.test:3000';
const SEVEN = 'https://gateway.seven.io';
const WHAAPY = 'https://api.whaapy.com';

const webhook = (provider: string, operation: string, extra: Record<string, unknown> = {}) => ({
	provider,
	resource: 'webhook',
	operation,
	...extra,
});

describe('Webhook resource: WhatsApp API Engine', () => {
	test('Register sends url, events and secret; the output has the id and no secret', async () => {
		const scope = nock(ENGINE, { reqheaders: { 'x-api-key': 'engine-secret-key-000' } })
			.post('/api/webhooks/register', { url: 'https://hooks.example.com/wa', events: ['message', 'ready'], secret: 'my-shared-secret' })
			.reply(201, { success: true, message: 'Webhook registrado exitosamente', data: { webhookId: 'wh_1700000000000', url: 'https://hooks.example.com/wa', events: ['message', 'ready'] } });
		const { output, error } = await runNode({
			parameters: webhook('engine', 'register', { webhookUrl: 'https://hooks.example.com/wa', webhookEvents: ['message', 'ready'], webhookSecret: 'my-shared-secret' }),
		});
		expect(error).toBeUndefined();
		expect(scope.isDone()).toBe(true);
		expect(output).toEqual([
			{ json: { provider: 'engine', id: 'wh_1700000000000', url: 'https://hooks.example.com/wa', events: ['message', 'ready'], active: true }, pairedItem: { item: 0 } },
		]);
		expect(JSON.stringify(output)).not.toContain('my-shared-secret');
	});

	test('Register without a secret sends none', async () => {
		const scope = nock(ENGINE)
			.post('/api/webhooks/register', (body: Record<string, unknown>) => JSON.stringify(Object.keys(body).sort()) === '["events","url"]')
			.reply(201, { success: true, data: { webhookId: 'wh_2', url: 'https://hooks.example.com/wa', events: ['message'] } });
		const { error } = await runNode({ parameters: webhook('engine', 'register', { webhookUrl: 'https://hooks.example.com/wa', webhookEvents: ['message'] }) });
		expect(error).toBeUndefined();
		expect(scope.isDone()).toBe(true);
	});

	test('List gives one item per webhook', async () => {
		nock(ENGINE)
			.get('/api/webhooks')
			.reply(200, {
				success: true,
				data: [
					{ id: 'wh_1', url: 'https://a.example.com/x', events: ['message'], active: true, createdAt: '2026-01-01T00:00:00.000Z' },
					{ id: 'wh_2', url: 'https://b.example.com/y', events: ['qr', 'ready'], active: false, createdAt: '2026-01-02T00:00:00.000Z' },
				],
			});
		const { output } = await runNode({ parameters: webhook('engine', 'list') });
		expect(output?.map((o) => o.json)).toEqual([
			{ provider: 'engine', id: 'wh_1', url: 'https://a.example.com/x', events: ['message'], active: true, createdAt: '2026-01-01T00:00:00.000Z' },
			{ provider: 'engine', id: 'wh_2', url: 'https://b.example.com/y', events: ['qr', 'ready'], active: false, createdAt: '2026-01-02T00:00:00.000Z' },
		]);
	});

	test('Delete and Toggle', async () => {
		nock(ENGINE).delete('/api/webhooks/wh_1').reply(200, { success: true, message: 'Webhook eliminado exitosamente' });
		const deleted = await runNode({ parameters: webhook('engine', 'delete', { webhookId: 'wh_1' }) });
		expect(deleted.output?.[0].json).toEqual({ provider: 'engine', id: 'wh_1', deleted: true });

		nock(ENGINE).post('/api/webhooks/wh_1/toggle').reply(200, { success: true, message: 'Webhook desactivado', data: { id: 'wh_1', active: false } });
		const toggled = await runNode({ parameters: webhook('engine', 'toggle', { webhookId: 'wh_1' }) });
		expect(toggled.output?.[0].json).toEqual({ provider: 'engine', id: 'wh_1', active: false });
	});

	test('Delete of an unknown id is the Engine\'s 404 as a clear error', async () => {
		nock(ENGINE).delete('/api/webhooks/wh_x').reply(404, { success: false, error: 'Webhook no encontrado' });
		const { error } = await runNode({ parameters: webhook('engine', 'delete', { webhookId: 'wh_x' }) });
		expect(error?.message).toBe('WhatsApp API Engine: Webhook no encontrado');
	});

	test('bad input fails before any request, naming item and field', async () => {
		const noUrl = await runNode({ parameters: webhook('engine', 'register', { webhookUrl: 'ftp://x', webhookEvents: ['message'] }) });
		expect(noUrl.error?.message).toBe('"ftp://x" is not an http(s) URL (field "URL", item 0)');
		const noEvents = await runNode({ parameters: webhook('engine', 'register', { webhookUrl: 'https://a.example.com', webhookEvents: '={{ [] }}' }) });
		expect(noEvents.error?.message).toBe('No event is selected (field "Events", item 0)');
		const noId = await runNode({ parameters: webhook('engine', 'toggle', { webhookId: ' ' }) });
		expect(noId.error?.message).toBe('No webhook is selected (field "Webhook", item 0)');
	});
});

describe('Webhook resource: seven.io hooks', () => {
	test('Register subscribes one JSON hook per event', async () => {
		const scope = nock(SEVEN, { reqheaders: { 'x-api-key': 'seven-secret-key-456' } })
			.post('/api/hooks', { target_url: 'https://hooks.example.com/s', event_type: 'dlr', request_method: 'JSON' })
			.reply(200, { success: true, id: 77 })
			.post('/api/hooks', { target_url: 'https://hooks.example.com/s', event_type: 'wa_mo', request_method: 'JSON' })
			.reply(200, { success: true, id: 78 });
		const { output } = await runNode({ parameters: webhook('seven', 'register', { webhookUrl: 'https://hooks.example.com/s', webhookEvents: ['dlr', 'wa_mo'] }) });
		expect(scope.isDone()).toBe(true);
		expect(output?.map((o) => o.json)).toEqual([
			{ provider: 'seven', id: '77', url: 'https://hooks.example.com/s', events: ['dlr'], active: true, requestMethod: 'JSON' },
			{ provider: 'seven', id: '78', url: 'https://hooks.example.com/s', events: ['wa_mo'], active: true, requestMethod: 'JSON' },
		]);
	});

	test('List and Delete', async () => {
		nock(SEVEN)
			.get('/api/hooks')
			.reply(200, { success: true, code: null, hooks: [{ id: '410', target_url: 'https://x.example.com', headers: '', event_type: 'sms_mo', event_filter: '49157123456789', request_method: 'GET', enabled: true, created: '2021-03-01 11:19:08' }] });
		const listed = await runNode({ parameters: webhook('seven', 'list') });
		expect(listed.output?.[0].json).toEqual({
			provider: 'seven', id: '410', url: 'https://x.example.com', events: ['sms_mo'], active: true, requestMethod: 'GET', eventFilter: '49157123456789', createdAt: '2021-03-01 11:19:08',
		});
		const del = nock(SEVEN).delete('/api/hooks', { id: 410 }).query({ id: '410' }).reply(200, { success: true });
		const deleted = await runNode({ parameters: webhook('seven', 'delete', { webhookId: '410' }) });
		expect(del.isDone()).toBe(true);
		expect(deleted.output?.[0].json).toEqual({ provider: 'seven', id: '410', deleted: true });
	});

	test('no Toggle and no Secret for seven', () => {
		const properties = new WhatsAppGateway().description.properties;
		const ops = properties.filter((p) => p.name === 'operation' && p.type === 'options' && p.displayOptions?.show?.resource?.includes('webhook'));
		const byProvider = Object.fromEntries(ops.map((p) => [String(p.displayOptions?.show?.provider), (p.options as Array<{ value: string }>).map((o) => o.value)]));
		expect(byProvider).toEqual({ engine: ['delete', 'ensure', 'list', 'register', 'toggle'], seven: ['delete', 'list', 'register'], whaapy: ['delete', 'list', 'register'] });
		const secret = properties.find((p) => p.name === 'webhookSecret');
		expect(secret?.displayOptions?.show?.provider).toEqual(['engine']);
	});
});

describe('Webhook resource: Whaapy', () => {
	test('Register returns the secret Whaapy generated (the only copy)', async () => {
		const scope = nock(WHAAPY, { reqheaders: { authorization: 'Bearer wha_testsecretkey0001' } })
			.post('/user-webhooks', { name: 'n8n WhatsApp Gateway message.received', url: 'https://hooks.example.com/w', events: ['message.received'] })
			.reply(201, { data: { id: 'wh-uuid', name: 'n8n WhatsApp Gateway message.received', url: 'https://hooks.example.com/w', events: ['message.received'], secret: 'whsec_abc' } });
		const { output } = await runNode({ parameters: webhook('whaapy', 'register', { webhookUrl: 'https://hooks.example.com/w', webhookEvents: ['message.received'] }) });
		expect(scope.isDone()).toBe(true);
		expect(output?.[0].json).toEqual({
			provider: 'whaapy', id: 'wh-uuid', url: 'https://hooks.example.com/w', events: ['message.received'], active: true, name: 'n8n WhatsApp Gateway message.received', createdAt: null, secret: 'whsec_abc',
		});
	});

	test('List and Delete', async () => {
		nock(WHAAPY).get('/user-webhooks').reply(200, { data: [{ id: 'wh-1', name: 'a', url: 'https://a.example.com', events: ['*'], active: true, createdAt: '2026-01-01T00:00:00Z' }] });
		const listed = await runNode({ parameters: webhook('whaapy', 'list') });
		expect(listed.output?.[0].json).toEqual({ provider: 'whaapy', id: 'wh-1', url: 'https://a.example.com', events: ['*'], active: true, name: 'a', createdAt: '2026-01-01T00:00:00Z' });
		const del = nock(WHAAPY).delete('/user-webhooks/wh-1').reply(200, { success: true });
		const deleted = await runNode({ parameters: webhook('whaapy', 'delete', { webhookId: 'wh-1' }) });
		expect(del.isDone()).toBe(true);
		expect(deleted.output?.[0].json).toEqual({ provider: 'whaapy', id: 'wh-1', deleted: true });
	});
});
