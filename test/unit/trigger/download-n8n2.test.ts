/**
 * Download Media with the n8n-workflow of n8n 2.x, which has no `sleepWithAbort` (found in queue
 * mode on 2.41.1: every download failed with "sleepWithAbort is not a function"). Same trigger and
 * nock setup as download.test.ts, with that export removed.
 */
jest.mock('n8n-workflow', () => {
	const actual = jest.requireActual('n8n-workflow');
	const copy = { ...actual };
	delete copy.sleepWithAbort;
	return copy;
});

import { createHmac } from 'crypto';
import * as n8nWorkflow from 'n8n-workflow';
import nock from 'nock';

import { resolvesTo } from '../../helpers/doh';
import { createTrigger, PRODUCTION_URL } from '../../helpers/trigger';

const WHAAPY = 'https://api.whaapy.com';
const SECRET = 'whsec_download_tests_0123456789abcdef';
const sign = (body: string) => createHmac('sha256', SECRET).update(body).digest('hex');

async function deliver(mediaUrl: string) {
	const t = createTrigger({ parameters: { provider: 'whaapy', events: ['message.received'], options: { downloadMedia: true } } });
	nock(WHAAPY).get('/user-webhooks').twice().reply(200, { data: [] });
	nock(WHAAPY).post('/user-webhooks').reply(201, { data: { id: 'wh-d', url: PRODUCTION_URL, secret: SECRET } });
	await t.activate();
	const body = JSON.stringify({
		event: 'message.received',
		timestamp: '2026-01-15T10:30:05.000Z',
		data: { message: { id: `wamid.N2${Date.now()}`, from: '+5215512345678', type: 'image', image: { mime_type: 'image/png' } }, media_url: mediaUrl },
	});
	const result = await t.receive({ body, headers: { 'x-webhook-signature': sign(body) } });
	expect(result.items).toHaveLength(1);
	return result.items![0];
}

test('this test runs without sleepWithAbort', () => {
	expect((n8nWorkflow as unknown as Record<string, unknown>).sleepWithAbort).toBeUndefined();
});

test('a file on the provider host is downloaded (with the credential)', async () => {
	const png = Buffer.from('89504e470d0a1a0a', 'hex');
	const file = nock(WHAAPY, { reqheaders: { authorization: 'Bearer wha_testsecretkey0001' } })
		.get('/media/v1/m-1/download')
		.reply(200, png, { 'content-type': 'image/png' });
	const item = await deliver(`${WHAAPY}/media/v1/m-1/download`);
	expect(file.isDone()).toBe(true);
	expect(item.json.media).not.toHaveProperty('downloadError');
	expect(Buffer.from(item.binary!.data.data, 'base64')).toEqual(png);
});

test('a slow host is still cut off at the deadline', async () => {
	resolvesTo('slow.example.com', ['93.184.215.14']);
	nock('https://slow.example.com').get('/slow.png').delay(20000).reply(200, 'late');
	const started = Date.now();
	const item = await deliver('https://slow.example.com/slow.png');
	expect(Date.now() - started).toBeLessThan(15000);
	expect(item.binary).toBeUndefined();
	expect(item.json.media).toMatchObject({ downloadErrorReason: 'timeout' });
	nock.abortPendingRequests();
});
