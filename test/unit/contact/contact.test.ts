/**
 * Contact resource (WhatsApp API Engine, docs/providers/engine.md): Check Number, Check Numbers (bulk, from a field or
 * from all input items, chunked by 100, one output item per number), Get Info.
 */
import nock from 'nock';

import { runNode } from '../../helpers/workflow';

const ENGINE = 'http://engine.test:3000';
const KEY = { 'x-api-key': 'engine-secret-key-000' };
const engine = () => nock(ENGINE, { reqheaders: KEY });

const base = { provider: 'engine', resource: 'contact' };

describe('Contact → Check Number', () => {
	test('GET /api/contacts/check/{digits} and a normalized result', async () => {
		const scope = engine()
			.get('/api/contacts/check/573001234567')
			.reply(200, { success: true, data: { phone: '573001234567', isRegistered: true } });
		const { output, error } = await runNode({ parameters: { ...base, operation: 'check', phoneNumber: '+57 300 123 4567' } });
		expect(error).toBeUndefined();
		expect(scope.isDone()).toBe(true);
		expect(output).toEqual([
			{ json: { provider: 'engine', phone: '573001234567', isRegistered: true, error: null }, pairedItem: { item: 0 } },
		]);
	});

	test('a number with too few digits fails before its request, naming item and field', async () => {
		const scope = engine().get('/api/contacts/check/573001234567').reply(200, { success: true, data: { phone: '573001234567', isRegistered: true } });
		const { output, error } = await runNode({
			parameters: { ...base, operation: 'check', phoneNumber: '={{ $json.phone }}' },
			items: [{ phone: '573001234567' }, { phone: '12345' }],
		});
		expect(scope.isDone()).toBe(true);
		expect(output).toBeUndefined();
		expect(error?.message).toMatch(/^Invalid phone number: .*\(field "Phone Number", item 1\)$/);
		expect(error?.message).toContain('"12345" is not a valid phone number');
	});

	test('503 "not connected" is a clear error with what to do', async () => {
		engine()
			.get('/api/contacts/check/573001234567')
			.reply(503, { success: false, error: 'WhatsApp no está conectado', code: 'WHATSAPP_ERROR' });
		const { error } = await runNode({ parameters: { ...base, operation: 'check', phoneNumber: '573001234567' } });
		expect(error?.message).toBe('WhatsApp API Engine: WhatsApp error: WhatsApp no está conectado');
		expect(error?.description).toContain('Session → Get Status');
		expect(error?.context?.kind).toBe('notConnected');
	});

	test('continue on fail: one error item per failed input item, in order', async () => {
		engine().get('/api/contacts/check/573001234567').reply(200, { success: true, data: { phone: '573001234567', isRegistered: false } });
		const { output } = await runNode({
			parameters: { ...base, operation: 'check', phoneNumber: '={{ $json.phone }}' },
			items: [{ phone: '573001234567' }, { phone: 'abc' }],
			continueOnFail: true,
		});
		expect(output).toHaveLength(2);
		expect(output?.[0]).toEqual({ json: { provider: 'engine', phone: '573001234567', isRegistered: false, error: null }, pairedItem: { item: 0 } });
		expect(output?.[1].pairedItem).toEqual({ item: 1 });
		expect(output?.[1].json).toMatchObject({ kind: 'input', provider: 'engine', itemIndex: 1 });
		expect(String(output?.[1].json.error)).toContain('(field "Phone Number", item 1)');
	});
});

describe('Contact → Get Info', () => {
	test('GET /api/contacts/info/{digits}', async () => {
		const scope = engine()
			.get('/api/contacts/info/573001234568')
			.reply(200, {
				success: true,
				data: { id: '573001234568@c.us', name: 'Ana', number: '573001234568', isUser: true, isGroup: false, isBlocked: false },
			});
		const { output } = await runNode({ parameters: { ...base, operation: 'getInfo', phoneNumber: '573001234568' } });
		expect(scope.isDone()).toBe(true);
		expect(output).toEqual([
			{
				json: { provider: 'engine', phone: '573001234568', id: '573001234568@c.us', name: 'Ana', number: '573001234568', isUser: true, isGroup: false, isBlocked: false },
				pairedItem: { item: 0 },
			},
		]);
	});
});

function checkBulkReply(registered: (phone: string) => boolean) {
	return (_uri: string, requestBody: nock.Body) => {
		const body = requestBody as unknown as { phones: string[] };
		const results = body.phones.map((phone) => ({ phone, isRegistered: registered(phone) }));
		const count = results.filter((r) => r.isRegistered).length;
		return [200, { success: true, data: { total: results.length, registered: count, notRegistered: results.length - count, results } }] as [number, object];
	};
}
const even = (phone: string) => Number(phone.slice(-1)) % 2 === 0;

describe('Contact → Check Numbers', () => {
	test('numbers from a field: one request, one item per number, all paired with the item', async () => {
		const scope = engine()
			.post('/api/contacts/check-bulk', { phones: ['573001234567', '573007654322', '573001111110'] })
			.reply(200, {
				success: true,
				data: {
					total: 3,
					registered: 1,
					notRegistered: 2,
					results: [
						{ phone: '573001234567', isRegistered: false },
						{ phone: '573007654322', isRegistered: true },
						{ phone: '573001111110', isRegistered: false, error: 'WhatsApp no está conectado' },
					],
				},
			});
		const { output, error } = await runNode({
			parameters: { ...base, operation: 'checkBulk', source: 'list', phoneNumbers: '573001234567, +57 300 765 4322\n573001111110' },
		});
		expect(error).toBeUndefined();
		expect(scope.isDone()).toBe(true);
		expect(output).toEqual([
			{ json: { provider: 'engine', phone: '573001234567', isRegistered: false, error: null, input: '573001234567' }, pairedItem: { item: 0 } },
			{ json: { provider: 'engine', phone: '573007654322', isRegistered: true, error: null, input: '+57 300 765 4322' }, pairedItem: { item: 0 } },
			{
				json: { provider: 'engine', phone: '573001111110', isRegistered: null, error: 'WhatsApp no está conectado', input: '573001111110' },
				pairedItem: { item: 0 },
			},
		]);
	});

	test('an expression returning an array works as the list', async () => {
		const scope = engine()
			.post('/api/contacts/check-bulk', { phones: ['573001234567', '573001234568'] })
			.reply(checkBulkReply(even));
		const { output } = await runNode({
			parameters: { ...base, operation: 'checkBulk', source: 'list', phoneNumbers: '={{ $json.numbers }}' },
			items: [{ numbers: ['573001234567', 573001234568] }],
		});
		expect(scope.isDone()).toBe(true);
		expect(output?.map((o) => o.json.isRegistered)).toEqual([false, true]);
	});

	test('numbers from all input items: ONE request for the whole run, each result paired with its row', async () => {
		const scope = engine()
			.post('/api/contacts/check-bulk', { phones: ['573001234567', '573001234568', '573001234569'] })
			.once()
			.reply(checkBulkReply(even));
		const { output } = await runNode({
			parameters: { ...base, operation: 'checkBulk', source: 'items', phoneNumber: '={{ $json.phone }}' },
			items: [{ phone: '+57 300 123 4567' }, { phone: '573001234568' }, { phone: '573001234569' }, { phone: '573001234567' }],
		});
		expect(scope.isDone()).toBe(true);
		expect(output).toEqual([
			{ json: { provider: 'engine', phone: '573001234567', isRegistered: false, error: null, input: '+57 300 123 4567' }, pairedItem: [{ item: 0 }] },
			{ json: { provider: 'engine', phone: '573001234568', isRegistered: true, error: null, input: '573001234568' }, pairedItem: [{ item: 1 }] },
			{ json: { provider: 'engine', phone: '573001234569', isRegistered: false, error: null, input: '573001234569' }, pairedItem: [{ item: 2 }] },
			// a duplicate is checked once and answered for its own row
			{ json: { provider: 'engine', phone: '573001234567', isRegistered: false, error: null, input: '573001234567' }, pairedItem: [{ item: 3 }] },
		]);
	});

	test('250 numbers are split into requests of 100, 100 and 50', async () => {
		const phones = Array.from({ length: 250 }, (_, i) => `5730010${String(i).padStart(5, '0')}`);
		const sizes: number[] = [];
		const scope = engine()
			.post('/api/contacts/check-bulk', (body: { phones: string[] }) => {
				sizes.push(body.phones.length);
				return true;
			})
			.times(3)
			.reply(checkBulkReply(even));
		const { output } = await runNode({
			parameters: { ...base, operation: 'checkBulk', source: 'items', phoneNumber: '={{ $json.phone }}' },
			items: phones.map((phone) => ({ phone })),
		});
		expect(scope.isDone()).toBe(true);
		expect(sizes).toEqual([100, 100, 50]);
		expect(output).toHaveLength(250);
		output?.forEach((o, i) => {
			expect(o.json.phone).toBe(phones[i]);
			expect(o.json.isRegistered).toBe(even(phones[i]));
			expect(o.pairedItem).toEqual([{ item: i }]);
		});
	});

	test('a bad number among the items fails before any request, naming its item', async () => {
		const { output, error } = await runNode({
			parameters: { ...base, operation: 'checkBulk', source: 'items', phoneNumber: '={{ $json.phone }}' },
			items: [{ phone: '573001234567' }, { phone: '' }, { phone: '573001234569' }],
		});
		expect(output).toBeUndefined();
		expect(error?.message).toBe('Phone Number is empty (field "Phone Number", item 1)');
	});

	test('continue on fail: the bad item becomes an error item in its place, the others are checked', async () => {
		const scope = engine()
			.post('/api/contacts/check-bulk', { phones: ['573001234567', '573001234568'] })
			.reply(checkBulkReply(even));
		const { output } = await runNode({
			parameters: { ...base, operation: 'checkBulk', source: 'items', phoneNumber: '={{ $json.phone }}' },
			items: [{ phone: '573001234567' }, { phone: 'not a number' }, { phone: '573001234568' }],
			continueOnFail: true,
		});
		expect(scope.isDone()).toBe(true);
		expect(output).toHaveLength(3);
		expect(output?.[0].json.isRegistered).toBe(false);
		expect(output?.[1].pairedItem).toEqual([{ item: 1 }]);
		expect(output?.[1].json).toMatchObject({ kind: 'input', itemIndex: 1, provider: 'engine' });
		expect(String(output?.[1].json.error)).toMatch(/^Invalid phone number: .*\(field "Phone Number", item 1\)$/);
		expect(output?.[2].json.isRegistered).toBe(true);
		expect(output?.[2].pairedItem).toEqual([{ item: 2 }]);
	});

	test('the first batch failing fails the node; with continue on fail one error item paired with every row', async () => {
		engine().post('/api/contacts/check-bulk').reply(403, { success: false, error: 'API Key inválida', code: 'INVALID_API_KEY' });
		const parameters = { ...base, operation: 'checkBulk', source: 'items', phoneNumber: '={{ $json.phone }}' };
		const items = [{ phone: '573001234567' }, { phone: '573001234568' }];
		const failed = await runNode({ parameters, items });
		expect(failed.error?.message).toBe('WhatsApp API Engine: The API key is invalid');

		engine().post('/api/contacts/check-bulk').reply(403, { success: false, error: 'API Key inválida', code: 'INVALID_API_KEY' });
		const { output } = await runNode({ parameters, items, continueOnFail: true });
		expect(output).toHaveLength(1);
		expect(output?.[0].pairedItem).toEqual([{ item: 0 }, { item: 1 }]);
		expect(output?.[0].json).toMatchObject({ error: 'WhatsApp API Engine: The API key is invalid', httpStatus: 403, providerCode: 'INVALID_API_KEY', kind: 'auth' });
	});

	test('a later batch failing keeps the earlier results and reports the rest per number', async () => {
		const phones = Array.from({ length: 150 }, (_, i) => `5730020${String(i).padStart(5, '0')}`);
		engine().post('/api/contacts/check-bulk', (b: { phones: string[] }) => b.phones.length === 100).reply(checkBulkReply(even));
		engine()
			.post('/api/contacts/check-bulk', (b: { phones: string[] }) => b.phones.length === 50)
			.reply(503, { success: false, error: 'WhatsApp no está conectado', code: 'WHATSAPP_ERROR' });
		const { output, error } = await runNode({
			parameters: { ...base, operation: 'checkBulk', source: 'list', phoneNumbers: phones.join('\n') },
		});
		expect(error).toBeUndefined();
		expect(output).toHaveLength(150);
		expect(output?.[99].json).toEqual({ provider: 'engine', phone: phones[99], isRegistered: even(phones[99]), error: null, input: phones[99] });
		expect(output?.[100].json).toMatchObject({
			provider: 'engine',
			phone: phones[100],
			isRegistered: null,
			error: 'WhatsApp API Engine: WhatsApp error: WhatsApp no está conectado',
			httpStatus: 503,
			providerCode: 'WHATSAPP_ERROR',
			kind: 'notConnected',
		});
		expect(output?.every((o) => JSON.stringify(o.pairedItem) === JSON.stringify({ item: 0 }))).toBe(true);
	});
});
