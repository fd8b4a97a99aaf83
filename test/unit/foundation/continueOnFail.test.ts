/** The router: one output per input item, in order, paired; "Continue On Fail" gives one error item per failed item. */
import nock from 'nock';

import { runNode } from '../../helpers/workflow';

const parameters = {
	provider: 'engine',
	resource: 'message',
	operation: 'send',
	messageType: 'text',
	to: '={{ $json.phone }}',
	text: '={{ $json.text }}',
	options: { maxRetries: 0 },
};

const items = [
	{ phone: '573001111111', text: 'one' },
	{ phone: 'not a phone', text: 'two' },
	{ phone: '573003333333', text: '' },
	{ phone: '573004444444', text: 'four' },
	{ phone: '573005555555', text: 'five' },
];

test('with "Continue On Fail", every input item comes out exactly once, in order, with its error', async () => {
	const scope = nock('http://engine.test:3000')
		.post('/api/messages/send', { phone: '573001111111', message: 'one' })
		.reply(200, { success: true, data: { messageId: 'l1', whatsappId: 'w1', status: 'sent' } })
		.post('/api/messages/send', { phone: '573004444444', message: 'four' })
		.reply(503, { success: false, error: 'WhatsApp client is not ready', code: 'WHATSAPP_ERROR' })
		.post('/api/messages/send', { phone: '573005555555', message: 'five' })
		.reply(200, { success: true, data: { messageId: 'l5', whatsappId: 'w5', status: 'sent' } });

	const { output, error } = await runNode({ parameters, items, continueOnFail: true });

	expect(error?.message).toBeUndefined();
	expect(nock.pendingMocks()).toEqual([]);
	expect(scope.activeMocks()).toEqual([]);
	expect(output?.map((o) => o.pairedItem)).toEqual([0, 1, 2, 3, 4].map((item) => ({ item })));
	expect(output?.map((o) => o.json.messageId ?? o.json.error)).toEqual([
		'w1',
		'Invalid phone number: "not a phone" contains characters that are not part of a phone number (field "To", item 1)',
		'Text is empty (field "Text", item 2)',
		'WhatsApp API Engine: WhatsApp error: WhatsApp client is not ready',
		'w5',
	]);
	expect(output?.[1].json).toMatchObject({ kind: 'input', provider: 'engine', itemIndex: 1, httpStatus: null });
	expect(output?.[3].json).toMatchObject({ kind: 'notConnected', httpStatus: 503, providerCode: 'WHATSAPP_ERROR', itemIndex: 3 });
});

test('without "Continue On Fail", the run stops at the first failed item', async () => {
	const scope = nock('http://engine.test:3000')
		.post('/api/messages/send', { phone: '573001111111', message: 'one' })
		.reply(200, { success: true, data: { messageId: 'l1', whatsappId: 'w1', status: 'sent' } });

	const { output, error } = await runNode({ parameters: { ...parameters, options: { maxRetries: 0, concurrency: 1 } }, items });

	expect(nock.pendingMocks()).toEqual([]);
	expect(scope.activeMocks()).toEqual([]);
	expect(output).toBeUndefined();
	expect(error?.name).toBe('NodeOperationError');
	expect(error?.message).toContain('(field "To", item 1)');
});

test('too-long text is rejected before sending, naming the item', async () => {
	const { error } = await runNode({
		parameters: { ...parameters, text: 'x'.repeat(4097) },
		items: [{ phone: '573001111111' }],
	});
	expect(error?.message).toBe('Text is too long: 4097 characters, at most 4096 are allowed (field "Text", item 0)');
});
