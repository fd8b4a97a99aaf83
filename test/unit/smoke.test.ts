import nock from 'nock';
import { runNode } from '../helpers/workflow';

test('smoke', async () => {
	const scope = nock('https://api.whaapy.com', { reqheaders: { authorization: 'Bearer wha_testsecretkey0001' } })
		.post('/messages/v1', { to: '+573001234567', content: 'Hola' })
		.reply(200, { messaging_product: 'whatsapp', messages: [{ id: 'u1', wamid: 'wamid.1' }], data: { status: 'sent', conversationId: 'c1' } });
	const result = await runNode({ parameters: { provider: 'whaapy', resource: 'message', operation: 'send', messageType: 'text', to: '+57 300 123 4567', text: 'Hola' } });
	console.log(JSON.stringify(result.output), result.error);
	expect(scope.isDone()).toBe(true);
});
