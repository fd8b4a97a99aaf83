/**
 * Conversation resource: seven.io `POST /api/waba/events` (read, is_typing, reaction with `message_id`
 * and the documentation page's `msg_id`, docs/providers/seven.md#conversation-events), Whaapy reaction messages and conversation mark-read.
 */
import nock from 'nock';

import { runNode } from '../../helpers/workflow';

const seven = () => nock('https://gateway.seven.io', { reqheaders: { 'x-api-key': 'seven-secret-key-456' } });
const whaapy = () => nock('https://api.whaapy.com', { reqheaders: { authorization: 'Bearer wha_testsecretkey0001' } });
const sevenBase = { provider: 'seven', resource: 'conversation', sevenFrom: '+49 151 12345678' };
const whaapyBase = { provider: 'whaapy', resource: 'conversation' };

describe('seven.io events', () => {
	test('Mark as Read with To: {event:"read", from, to}', async () => {
		const scope = seven()
			.post('/api/waba/events', { event: 'read', from: '4915112345678', to: '4917612345678' })
			.matchHeader('content-type', /application\/json/)
			.reply(200, { success: true });
		const { output, error } = await runNode({ parameters: { ...sevenBase, operation: 'markAsRead', to: '+49 176 12345678' } });
		expect(error).toBeUndefined();
		expect(scope.isDone()).toBe(true);
		expect(output).toEqual([
			{
				json: { provider: 'seven', event: 'read', success: true, from: '4915112345678', to: '4917612345678', messageId: null },
				pairedItem: { item: 0 },
			},
		]);
	});

	test('Mark as Read with a message ID only: {event:"read", from, msg_id}', async () => {
		const scope = seven().post('/api/waba/events', { event: 'read', from: '4915112345678', msg_id: '77000001' }).reply(200, { success: true });
		const { output } = await runNode({ parameters: { ...sevenBase, operation: 'markAsRead', to: '', messageId: '77000001' } });
		expect(scope.isDone()).toBe(true);
		expect(output?.[0].json).toEqual({ provider: 'seven', event: 'read', success: true, from: '4915112345678', to: null, messageId: '77000001' });
	});

	test('Typing Indicator: {event:"is_typing", from, to, msg_id}', async () => {
		const scope = seven()
			.post('/api/waba/events', { event: 'is_typing', from: '4915112345678', to: '4917612345678', msg_id: '77000002' })
			.reply(200, { success: true });
		const { output } = await runNode({
			parameters: { ...sevenBase, operation: 'typingIndicator', to: '4917612345678', messageId: '77000002' },
		});
		expect(scope.isDone()).toBe(true);
		expect(output?.[0].json).toEqual({
			provider: 'seven',
			event: 'is_typing',
			success: true,
			from: '4915112345678',
			to: '4917612345678',
			messageId: '77000002',
		});
	});

	test('React sends only the documented fields (docs/providers/seven.md): event, msg_id and emoji; no message_id, from or to', async () => {
		const scope = seven()
			.post('/api/waba/events', { event: 'reaction', msg_id: '77000003', emoji: '👍' })
			.reply(200, { success: true });
		const { output } = await runNode({ parameters: { ...sevenBase, operation: 'react', messageId: ' 77000003 ', emoji: '👍' } });
		expect(scope.isDone()).toBe(true);
		expect(output?.[0].json).toEqual({ provider: 'seven', event: 'reaction', success: true, messageId: '77000003', emoji: '👍', removed: false });
	});

	test('React with an empty emoji removes the reaction (emoji: "")', async () => {
		const scope = seven()
			.post('/api/waba/events', { event: 'reaction', msg_id: '77000003', emoji: '' })
			.reply(200, { success: true });
		const { output } = await runNode({ parameters: { ...sevenBase, operation: 'react', messageId: '77000003', emoji: '' } });
		expect(scope.isDone()).toBe(true);
		expect(output?.[0].json).toMatchObject({ emoji: '', removed: true });
	});

	test('documented error body {success:false, error_code:400, error_message}', async () => {
		seven()
			.post('/api/waba/events')
			.reply(400, { success: false, error_code: 400, error_message: 'Invalid WhatsApp sender number' });
		const { error } = await runNode({ parameters: { ...sevenBase, operation: 'markAsRead', to: '4917612345678' } });
		expect(error?.message).toBe('seven.io: Invalid request (sender, recipient or another field)');
		expect(error?.description).toContain('Provider said: Invalid WhatsApp sender number');
		expect(error?.context).toMatchObject({ httpStatus: 400, providerCode: '400', kind: 'validation' });
	});

	test('neither To nor Message ID: fails before any request', async () => {
		const { error } = await runNode({ parameters: { ...sevenBase, operation: 'typingIndicator', to: '', messageId: '' } });
		expect(error?.message).toBe('Give the To number or a Message ID (field "To", item 0)');
	});

	test('a missing From fails before any request', async () => {
		// (an empty literal is refused by n8n itself as a required field; an expression can be empty)
		const { error } = await runNode({ parameters: { ...sevenBase, sevenFrom: '={{ $json.from }}', operation: 'markAsRead', to: '4917612345678' } });
		expect(error?.message).toBe('The From number is missing or invalid: is empty (field "From", item 0)');
	});

	test('a text instead of an emoji fails before any request', async () => {
		const { error } = await runNode({ parameters: { ...sevenBase, operation: 'react', messageId: '1', emoji: 'ok' } });
		expect(error?.message).toBe('"ok" is not a single emoji (field "Emoji", item 0)');
	});

	test('continue on fail: three items, the second without message ID → three output items in order', async () => {
		seven().post('/api/waba/events', { event: 'reaction', msg_id: 'a', emoji: '❤️' }).reply(200, { success: true });
		seven().post('/api/waba/events', { event: 'reaction', msg_id: 'c', emoji: '❤️' }).reply(200, { success: true });
		const { output } = await runNode({
			parameters: { ...sevenBase, operation: 'react', messageId: '={{ $json.id }}', emoji: '❤️' },
			items: [{ id: 'a' }, { id: '' }, { id: 'c' }],
			continueOnFail: true,
		});
		expect(output).toHaveLength(3);
		expect(output?.map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(output?.[0].json.messageId).toBe('a');
		expect(output?.[1].json).toMatchObject({ error: 'Message ID is empty (field "Message ID", item 1)', kind: 'input', itemIndex: 1 });
		expect(output?.[2].json.messageId).toBe('c');
	});
});

describe('Whaapy', () => {
	const sendAnswer = {
		messaging_product: 'whatsapp',
		contacts: [{ input: '+573001234567', wa_id: '573001234567' }],
		messages: [{ id: 'uuid-reaction', wamid: 'wamid.HBgLreaction' }],
		data: { id: 'uuid-reaction', conversationId: 'conv-1', messageType: 'reaction', direction: 'outbound', status: 'sent', createdAt: '2026-01-22T10:30:00Z' },
	};

	test('React: POST /messages/v1 {to, type:"reaction", reaction:{message_id, emoji}}', async () => {
		const scope = whaapy()
			.post('/messages/v1', { to: '+573001234567', type: 'reaction', reaction: { message_id: 'wamid.HBgLorig', emoji: '🎉' } })
			.reply(200, sendAnswer);
		const { output, error } = await runNode({
			parameters: { ...whaapyBase, operation: 'react', to: '573001234567', messageId: 'wamid.HBgLorig', emoji: '🎉' },
		});
		expect(error).toBeUndefined();
		expect(scope.isDone()).toBe(true);
		expect(output).toEqual([
			{
				json: {
					provider: 'whaapy',
					event: 'reaction',
					success: true,
					to: '+573001234567',
					messageId: 'wamid.HBgLorig',
					emoji: '🎉',
					removed: false,
					reactionId: 'uuid-reaction',
					wamid: 'wamid.HBgLreaction',
					status: 'sent',
				},
				pairedItem: { item: 0 },
			},
		]);
	});

	test('React outside the 24-hour window: the documented 131047 error', async () => {
		whaapy()
			.post('/messages/v1')
			.reply(400, { error: 'message_delivery_failed', message: 'More than 24 hours', code: '131047', action_required: 'send_template', instructions: 'Send a template.' });
		const { error } = await runNode({ parameters: { ...whaapyBase, operation: 'react', to: '+573001234567', messageId: 'x', emoji: '👍' } });
		expect(error?.message).toBe('Whaapy: More than 24 hours have passed since the customer last replied');
		expect(error?.context).toMatchObject({ kind: 'window24h', providerCode: '131047', httpStatus: 400 });
	});

	test('React without To fails before any request', async () => {
		const { error } = await runNode({ parameters: { ...whaapyBase, operation: 'react', to: '={{ $json.phone }}', messageId: 'x', emoji: '👍' } });
		expect(error?.message).toBe('Invalid phone number: is empty (field "To", item 0)');
	});

	test('Mark as Read by conversation ID: PATCH /conversations/v1/{id}/mark-read', async () => {
		const scope = whaapy().patch('/conversations/v1/conv-1/mark-read').reply(200, { success: true, data: { id: 'conv-1', unreadCount: 0 } });
		const { output } = await runNode({ parameters: { ...whaapyBase, operation: 'markAsRead', conversationId: 'conv-1', to: '' } });
		expect(scope.isDone()).toBe(true);
		expect(output?.[0].json).toEqual({ provider: 'whaapy', event: 'read', success: true, conversationId: 'conv-1', to: null, unreadCount: 0 });
	});

	test('Mark as Read by number: finds the conversation, then marks it', async () => {
		const scope = whaapy()
			.get('/conversations/v1/by-phone/%2B573001234567')
			.reply(200, { data: { id: 'conv-9', phone: '+573001234567', status: 'active', unreadCount: 2 } })
			.patch('/conversations/v1/conv-9/mark-read')
			.reply(200, { success: true, data: { id: 'conv-9', unreadCount: 0 } });
		const { output } = await runNode({ parameters: { ...whaapyBase, operation: 'markAsRead', to: '+57 300 123 4567' } });
		expect(scope.isDone()).toBe(true);
		expect(output?.[0].json).toEqual({ provider: 'whaapy', event: 'read', success: true, conversationId: 'conv-9', to: '+573001234567', unreadCount: 0 });
	});

	test('Mark as Read for a number without conversation: a clear error', async () => {
		whaapy().get('/conversations/v1/by-phone/%2B573009999999').reply(404, { error: 'not_found', message: 'Conversation not found' });
		const { error } = await runNode({ parameters: { ...whaapyBase, operation: 'markAsRead', to: '+573009999999' } });
		expect(error?.message).toBe('Whaapy: there is no conversation with +573009999999');
		expect(error?.description).toContain('Conversation ID');
	});

	test('Mark as Read with neither ID nor number fails before any request', async () => {
		const { error } = await runNode({ parameters: { ...whaapyBase, operation: 'markAsRead', to: '', conversationId: '' } });
		expect(error?.message).toBe('Give a Conversation ID or the To number (field "Conversation ID", item 0)');
	});

	test('Whaapy has no typing indicator', async () => {
		const { WhatsAppGateway } = await import('../../../nodes/WhatsAppGateway/WhatsAppGateway.node');
		const operation = new WhatsAppGateway().description.properties.find(
			(p) => p.name === 'operation' && p.displayOptions?.show?.provider?.includes('whaapy') && p.displayOptions?.show?.resource?.includes('conversation'),
		);
		expect((operation?.options ?? []).map((o) => (o as { value: string }).value)).not.toContain('typingIndicator');
	});
});
