/**
 * Bulk → Send (WhatsApp API Engine `POST /api/messages/send-bulk`, docs/providers/engine.md): recipients + message +
 * delay 1000–10000 ms, recipients from a field or from all input items, chunks of 100, one output item
 * per recipient.
 */
import nock from 'nock';

import { runNode } from '../../helpers/workflow';

const ENGINE = 'http://engine.test:3000';
const KEY = { 'x-api-key': 'engine-secret-key-000' };
const engine = () => nock(ENGINE, { reqheaders: KEY });
const base = { provider: 'engine', resource: 'bulk', operation: 'send' };

interface BulkBody {
	recipients: string[];
	message: string;
	delay: number;
}

/** The Engine's answer: every recipient ending in 9 fails. */
function bulkReply(_uri: string, requestBody: nock.Body): [number, object] {
	const body = requestBody as unknown as BulkBody;
	const results = body.recipients.map((phone, i) =>
		phone.endsWith('9')
			? { phone, success: false, error: 'Error interno del servidor' }
			: { phone, success: true, messageId: `uuid-${i}`, whatsappId: `true_${phone}@c.us_3EB0${i}`, status: 'sent', timestamp: '2026-01-22T10:30:00.000Z' },
	);
	const successful = results.filter((r) => r.success).length;
	return [
		200,
		{
			success: true,
			message: `Envío completado: ${successful} exitosos, ${results.length - successful} fallidos`,
			data: { total: results.length, successful, failed: results.length - successful, results },
		},
	];
}

const sent = (phone: string, i: number, input: string) => ({
	provider: 'engine',
	phone,
	success: true,
	messageId: `true_${phone}@c.us_3EB0${i}`,
	localMessageId: `uuid-${i}`,
	status: 'sent',
	timestamp: '2026-01-22T10:30:00.000Z',
	error: null,
	input,
});

describe('Bulk → Send', () => {
	test('recipients from a field: the exact request and one item per recipient', async () => {
		const scope = engine()
			.post('/api/messages/send-bulk', { recipients: ['573001234567', '573001234568', '573001234569'], message: 'Hola a todos', delay: 1500 })
			.reply(bulkReply);
		const { output, error } = await runNode({
			parameters: { ...base, source: 'list', phoneNumbers: '+57 300 123 4567; 573001234568\n573001234569', message: 'Hola a todos', delay: 1500 },
		});
		expect(error).toBeUndefined();
		expect(scope.isDone()).toBe(true);
		expect(output).toEqual([
			{ json: sent('573001234567', 0, '+57 300 123 4567'), pairedItem: { item: 0 } },
			{ json: sent('573001234568', 1, '573001234568'), pairedItem: { item: 0 } },
			{
				json: {
					provider: 'engine',
					phone: '573001234569',
					success: false,
					messageId: null,
					localMessageId: null,
					status: 'failed',
					timestamp: null,
					error: 'Error interno del servidor',
					input: '573001234569',
				},
				pairedItem: { item: 0 },
			},
		]);
	});

	test('recipients from all input items: one request for the run, results paired with their rows', async () => {
		const scope = engine()
			.post('/api/messages/send-bulk', { recipients: ['573001234567', '573001234568'], message: 'Promo', delay: 2000 })
			.once()
			.reply(bulkReply);
		const { output } = await runNode({
			parameters: { ...base, source: 'items', phoneNumber: '={{ $json.phone }}', message: 'Promo', delay: 2000 },
			items: [{ phone: '573001234567' }, { phone: '573001234568' }],
		});
		expect(scope.isDone()).toBe(true);
		expect(output).toEqual([
			{ json: sent('573001234567', 0, '573001234567'), pairedItem: [{ item: 0 }] },
			{ json: sent('573001234568', 1, '573001234568'), pairedItem: [{ item: 1 }] },
		]);
	});

	test('items with different texts go in separate batches, each row keeps its own result', async () => {
		const bodies: BulkBody[] = [];
		engine()
			.post('/api/messages/send-bulk', (b: BulkBody) => (bodies.push(b), true))
			.twice()
			.reply(bulkReply);
		const { output } = await runNode({
			parameters: { ...base, source: 'items', phoneNumber: '={{ $json.phone }}', message: '=Hola {{ $json.lang }}', delay: 1000 },
			items: [
				{ phone: '573001234560', lang: 'es' },
				{ phone: '573001234562', lang: 'en' },
				{ phone: '573001234564', lang: 'es' },
			],
		});
		expect(bodies).toEqual([
			{ recipients: ['573001234560', '573001234564'], message: 'Hola es', delay: 1000 },
			{ recipients: ['573001234562'], message: 'Hola en', delay: 1000 },
		]);
		expect(output?.map((o) => [o.json.phone, o.pairedItem])).toEqual([
			['573001234560', [{ item: 0 }]],
			['573001234562', [{ item: 1 }]],
			['573001234564', [{ item: 2 }]],
		]);
	});

	test('230 recipients are sent in chunks of 100, 100, 30', async () => {
		const phones = Array.from({ length: 230 }, (_, i) => `5730030${String(i * 2).padStart(5, '0')}`);
		const sizes: number[] = [];
		engine()
			.post('/api/messages/send-bulk', (b: BulkBody) => (sizes.push(b.recipients.length), b.message === 'Hi' && b.delay === 1000))
			.times(3)
			.reply(bulkReply);
		const { output } = await runNode({
			parameters: { ...base, source: 'items', phoneNumber: '={{ $json.phone }}', message: 'Hi', delay: 1000 },
			items: phones.map((phone) => ({ phone })),
		});
		expect(sizes).toEqual([100, 100, 30]);
		expect(output).toHaveLength(230);
		output?.forEach((o, i) => {
			expect(o.json.phone).toBe(phones[i]);
			expect(o.json.success).toBe(true);
			expect(o.pairedItem).toEqual([{ item: i }]);
		});
	});

	test('a failing later chunk keeps what was sent and marks the rest per recipient', async () => {
		const phones = Array.from({ length: 250 }, (_, i) => `5730040${String(i * 2).padStart(5, '0')}`);
		engine().post('/api/messages/send-bulk', (b: BulkBody) => b.recipients[0] === phones[0]).reply(bulkReply);
		engine()
			.post('/api/messages/send-bulk', (b: BulkBody) => b.recipients[0] === phones[100])
			.reply(503, { success: false, error: 'WhatsApp no está conectado', code: 'WHATSAPP_ERROR' });
		const { output, error } = await runNode({
			parameters: { ...base, source: 'list', phoneNumbers: phones.join(','), message: 'Hi', delay: 1000 },
		});
		expect(error).toBeUndefined();
		expect(output).toHaveLength(250);
		expect(output?.slice(0, 100).every((o) => o.json.success === true)).toBe(true);
		expect(output?.[100].json).toMatchObject({
			phone: phones[100],
			success: false,
			status: 'failed',
			error: 'WhatsApp API Engine: WhatsApp error: WhatsApp no está conectado',
			httpStatus: 503,
			kind: 'notConnected',
		});
		expect(output?.[200].json).toMatchObject({
			phone: phones[200],
			success: false,
			status: 'notSent',
			error: 'Not sent: an earlier batch failed (WhatsApp API Engine: WhatsApp error: WhatsApp no está conectado)',
		});
	});

	test('the first chunk failing is a node error (not retried: messages may have gone out)', async () => {
		const scope = engine().post('/api/messages/send-bulk').once().reply(500, { success: false, error: 'Error interno del servidor' });
		const { error } = await runNode({ parameters: { ...base, source: 'list', phoneNumbers: '573001234567', message: 'Hi', delay: 1000 } });
		expect(scope.isDone()).toBe(true);
		expect(error?.message).toBe('WhatsApp API Engine: Engine error: Error interno del servidor');
		expect(error?.description).toContain('not retried automatically');
	});

	test.each([
		[999, 'Delay Between Messages (Ms) must be a whole number from 1000 to 10000, not 999 (field "Delay Between Messages (Ms)", item 0)'],
		[10001, 'Delay Between Messages (Ms) must be a whole number from 1000 to 10000, not 10001 (field "Delay Between Messages (Ms)", item 0)'],
		[1500.5, 'Delay Between Messages (Ms) must be a whole number from 1000 to 10000, not 1500.5 (field "Delay Between Messages (Ms)", item 0)'],
	])('delay %p is refused before any request', async (delay, message) => {
		const { error } = await runNode({ parameters: { ...base, source: 'list', phoneNumbers: '573001234567', message: 'Hi', delay } });
		expect(error?.message).toBe(message);
	});

	test('an empty or too long message is refused before any request', async () => {
		const empty = await runNode({ parameters: { ...base, source: 'list', phoneNumbers: '573001234567', message: '  ', delay: 1000 } });
		expect(empty.error?.message).toBe('Message is empty (field "Message", item 0)');
		const long = await runNode({ parameters: { ...base, source: 'list', phoneNumbers: '573001234567', message: 'x'.repeat(4097), delay: 1000 } });
		expect(long.error?.message).toBe('Message is too long: 4097 characters, at most 4096 are allowed (field "Message", item 0)');
	});

	test('continue on fail with items: a bad row is an error item, the others are sent', async () => {
		const scope = engine()
			.post('/api/messages/send-bulk', { recipients: ['573001234567'], message: 'Hi', delay: 1000 })
			.reply(bulkReply);
		const { output } = await runNode({
			parameters: { ...base, source: 'items', phoneNumber: '={{ $json.phone }}', message: 'Hi', delay: 1000 },
			items: [{ phone: '573001234567' }, { phone: '+1' }],
			continueOnFail: true,
		});
		expect(scope.isDone()).toBe(true);
		expect(output).toHaveLength(2);
		expect(output?.[0].json.success).toBe(true);
		expect(output?.[1].pairedItem).toEqual([{ item: 1 }]);
		expect(String(output?.[1].json.error)).toMatch(/\(field "Recipient", item 1\)$/);
	});
});
