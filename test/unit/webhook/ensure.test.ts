/**
 * Webhook → Ensure Registered (issue #10, item 5) and the Engine's URL rule, through n8n-core's
 * real WorkflowExecute (runNode) and the trigger harness.
 */
import { createHmac } from 'crypto';
import nock from 'nock';

import { createTrigger } from '../../helpers/trigger';
import { runNode } from '../../helpers/workflow';

const ENGINE = 'http://engine.test:3000';
const KEY = { 'x-api-key': 'engine-secret-key-000' };
const URL_ = 'http://127.0.0.1:5678/webhook/abc-123/webhook';
const derived = createHmac('sha256', KEY['x-api-key']).update(`n8n-whatsapp-gateway/engine-webhook/v1\n${URL_}`).digest('hex');
const ensure = (extra: Record<string, unknown> = {}) => ({ provider: 'engine', resource: 'webhook', operation: 'ensure', webhookUrl: URL_, webhookEvents: ['message', 'ready'], ...extra });

describe('Webhook → Ensure Registered (WhatsApp API Engine)', () => {
	test('nothing is sent when the Engine lists exactly one active registration with the events', async () => {
		nock(ENGINE, { reqheaders: KEY }).get('/api/webhooks').reply(200, { success: true, data: [{ id: 'wh_1', url: URL_, events: ['ready', 'message'], active: true }, { id: 'wh_x', url: 'https://other.example.com/h', events: ['message'], active: true }] });
		const { output, error } = await runNode({ parameters: ensure() });
		expect(error).toBeUndefined();
		expect(output).toEqual([{ json: { provider: 'engine', url: URL_, events: ['message', 'ready'], id: 'wh_1', action: 'unchanged', removed: [] }, pairedItem: { item: 0 } }]);
		expect(nock.pendingMocks()).toEqual([]);
	});

	test('after an Engine restart (empty list) it registers with the secret the trigger derives', async () => {
		nock(ENGINE).get('/api/webhooks').reply(200, { success: true, data: [] });
		const register = nock(ENGINE, { reqheaders: KEY })
			.post('/api/webhooks/register', { url: URL_, events: ['message', 'ready'], secret: derived })
			.reply(201, { success: true, data: { webhookId: 'wh_2', url: URL_, events: ['message', 'ready'] } });
		const { output } = await runNode({ parameters: ensure() });
		expect(register.isDone()).toBe(true);
		expect(output?.[0].json).toEqual({ provider: 'engine', url: URL_, events: ['message', 'ready'], id: 'wh_2', action: 'registered', removed: [], signed: true });
		expect(JSON.stringify(output)).not.toContain(derived);
	});

	test('inactive or other-event registrations of the URL are replaced; the trigger verifies what Ensure registered', async () => {
		nock(ENGINE).get('/api/webhooks').reply(200, { success: true, data: [{ id: 'wh_old', url: URL_, events: ['message'], active: false }] });
		const removed = nock(ENGINE).delete('/api/webhooks/wh_old').reply(200, { success: true });
		nock(ENGINE).post('/api/webhooks/register').reply(201, { success: true, data: { webhookId: 'wh_3', url: URL_, events: ['message', 'ready'] } });
		const { output } = await runNode({ parameters: ensure() });
		expect(removed.isDone()).toBe(true);
		expect(output?.[0].json).toMatchObject({ action: 'registered', removed: ['wh_old'], id: 'wh_3' });

		// The trigger of that URL (activated before the Engine restart) accepts deliveries signed with it.
		const trigger = createTrigger({ parameters: { provider: 'engine', events: ['message', 'ready'] } });
		nock(ENGINE).get('/api/webhooks').twice().reply(200, { success: true, data: [] });
		nock(ENGINE).post('/api/webhooks/register').reply(201, { success: true, data: { webhookId: 'wh_t', url: URL_, events: ['message', 'ready'] } });
		await trigger.activate();
		const body = JSON.stringify({ event: 'ready', timestamp: '2026-01-15T10:30:00.000Z', data: null });
		const signature = createHmac('sha256', derived).update(body).digest('hex');
		expect((await trigger.receive({ body, headers: { 'x-webhook-signature': signature } })).items?.[0].json).toMatchObject({ event: 'session.ready', verified: true });
	});

	test('a URL whose host has no dot is refused before anything is sent, with the real reason', async () => {
		const { error } = await runNode({ parameters: ensure({ webhookUrl: 'http://n8n:5678/webhook/abc-123/webhook' }) });
		expect(error?.message).toBe('The WhatsApp API Engine refuses webhook URLs whose host has no dot ("n8n" in http://n8n:5678/webhook/abc-123/webhook) (field "URL", item 0)');
		expect(String((error as { description?: string }).description)).toContain('WEBHOOK_URL');
		const register = await runNode({ parameters: { provider: 'engine', resource: 'webhook', operation: 'register', webhookUrl: 'http://localhost:5678/x', webhookEvents: ['message'] } });
		expect(register.error?.message).toMatch(/^The WhatsApp API Engine refuses webhook URLs whose host has no dot \("localhost"/);
	});

	test('the trigger with n8n at http://localhost:5678 refuses to activate and says why', async () => {
		const trigger = createTrigger({ parameters: { provider: 'engine', events: ['message'] }, baseUrl: 'http://localhost:5678' });
		await expect(trigger.activate().then(() => undefined)).rejects.toThrow(
			'The WhatsApp API Engine refuses webhook URLs whose host has no dot ("localhost" in http://localhost:5678/webhook/abc-123/webhook)',
		);
	});

	test('the Engine answer itself (express-validator errors[]) is explained too', async () => {
		nock(ENGINE).post('/api/webhooks/register').reply(400, { success: false, errors: [{ type: 'field', value: 'http://intranet-host/x', msg: 'URL inválida', path: 'url', location: 'body' }] });
		const { error } = await runNode({ parameters: { provider: 'engine', resource: 'webhook', operation: 'register', webhookUrl: 'http://intranet-host.corp.example/x', webhookEvents: ['message'] } });
		expect(error?.message).toBe('WhatsApp API Engine: Validation failed (url: URL inválida)');
		expect(String((error as { description?: string }).description)).toContain('WEBHOOK_URL');
		expect(String((error as { description?: string }).description)).not.toContain('digits');
	});
});
