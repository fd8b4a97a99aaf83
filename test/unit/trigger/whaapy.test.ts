import { createHmac } from 'crypto';
import nock from 'nock';

import { resolvesTo } from '../../helpers/doh';
import { createTrigger, PRODUCTION_URL } from '../../helpers/trigger';

const WHAAPY = 'https://api.whaapy.com';
const AUTH = { authorization: 'Bearer wha_testsecretkey0001' };
const SECRET = 'whsec_0123456789abcdef0123456789abcdef01234567';

const hex = (body: string, secret = SECRET) => createHmac('sha256', secret).update(body).digest('hex');
const b64 = (body: string, secret = SECRET) => createHmac('sha256', secret).update(body).digest('base64');

let deliveries = 0;
function headers(body: string, signature = hex(body), deliveryId = `whd_${++deliveries}`) {
	return { 'x-webhook-signature': signature, 'x-webhook-event': 'message.received', 'x-webhook-id': 'wh-1', 'x-webhook-delivery-id': deliveryId };
}

async function activated(parameters: Record<string, unknown> = {}) {
	const trigger = createTrigger({ parameters: { provider: 'whaapy', events: ['message.received'], ...parameters } });
	nock(WHAAPY, { reqheaders: AUTH }).get('/user-webhooks').twice().reply(200, { data: [] });
	nock(WHAAPY, { reqheaders: AUTH })
		.post('/user-webhooks')
		.reply(201, { data: { id: 'f0c1d2e3-0000-4000-8000-000000000001', name: 'n8n', url: PRODUCTION_URL, events: ['message.received'], secret: SECRET } });
	await trigger.activate();
	return trigger;
}

const received = {
	event: 'message.received',
	businessId: 'biz_1',
	timestamp: '2026-01-15T10:30:05.000Z',
	data: {
		message: { id: 'wamid.IN1', from: '+5215512345678', timestamp: '1768473000', type: 'text', text: { body: 'Hola' } },
		contact_id: 'contact_1',
		conversation_id: 'conv_1',
		whaapy_message_id: 'uuid-in-1',
		media_url: null,
	},
};

describe('Whaapy trigger lifecycle', () => {
	test('activation registers name, URL and events, and keeps the secret Whaapy returns', async () => {
		const trigger = createTrigger({ parameters: { provider: 'whaapy', events: ['message.received', 'message.read'] } });
		nock(WHAAPY, { reqheaders: AUTH }).get('/user-webhooks').twice().reply(200, { data: [] });
		const register = nock(WHAAPY, { reqheaders: { ...AUTH, 'content-type': 'application/json' } })
			.post('/user-webhooks', { name: 'n8n WhatsApp Gateway message.read, message.received', url: PRODUCTION_URL, events: ['message.read', 'message.received'] })
			.reply(201, { data: { id: 'wh-1', url: PRODUCTION_URL, events: ['message.read', 'message.received'], secret: SECRET } });
		expect(await trigger.activate()).toEqual({ existed: false });
		expect(register.isDone()).toBe(true);
		expect(trigger.staticData()).toEqual({
			registrations: { [PRODUCTION_URL]: { url: PRODUCTION_URL, ids: ['wh-1'], events: ['message.read', 'message.received'], secret: SECRET } },
		});
	});

	test('All Events registers ["*"] alone', async () => {
		const trigger = createTrigger({ parameters: { provider: 'whaapy', events: ['message.received', '*'] } });
		nock(WHAAPY).get('/user-webhooks').twice().reply(200, { data: [] });
		const register = nock(WHAAPY)
			.post('/user-webhooks', (body: { events: string[] }) => JSON.stringify(body.events) === '["*"]')
			.reply(201, { webhook: { id: 'wh-2', secret: SECRET } });
		await trigger.activate();
		expect(register.isDone()).toBe(true);
		expect(trigger.staticData().registrations).toEqual({ [PRODUCTION_URL]: { url: PRODUCTION_URL, ids: ['wh-2'], events: ['*'], secret: SECRET } });
	});

	test('checkExists finds the stored webhook in the list (webhooks[] shape too)', async () => {
		const trigger = await activated();
		nock(WHAAPY, { reqheaders: AUTH })
			.get('/user-webhooks')
			.reply(200, { webhooks: [{ id: 'f0c1d2e3-0000-4000-8000-000000000001', url: PRODUCTION_URL, events: ['message.received'], active: true }] });
		expect(await trigger.checkExists()).toBe(true);
		nock(WHAAPY).get('/user-webhooks').reply(200, { data: [] });
		expect(await trigger.checkExists()).toBe(false);
	});

	test('delete sends DELETE /user-webhooks/{id}', async () => {
		const trigger = await activated();
		const del = nock(WHAAPY, { reqheaders: AUTH }).delete('/user-webhooks/f0c1d2e3-0000-4000-8000-000000000001').reply(200, { success: true });
		expect(await trigger.delete()).toBe(true);
		expect(del.isDone()).toBe(true);
		expect(trigger.staticData().registrations).toEqual({});
	});
});

describe('Whaapy deliveries', () => {
	test('a signed message.received (hex signature) becomes one normalized item', async () => {
		const trigger = await activated();
		const body = JSON.stringify(received);
		const result = await trigger.receive({ body, headers: headers(body) });
		expect(result.items).toEqual([
			{
				json: {
					provider: 'whaapy',
					event: 'message.received',
					from: '5215512345678',
					to: null,
					messageId: 'wamid.IN1',
					status: null,
					text: 'Hola',
					media: null,
					timestamp: '2026-01-15T10:30:00.000Z',
					raw: received,
					verified: true,
				},
			},
		]);
	});

	test.each([
		['base64', (body: string) => b64(body)],
		['sha256= prefixed hex', (body: string) => `sha256=${hex(body)}`],
	])('a %s signature is accepted', async (_name, sign) => {
		const trigger = await activated();
		const body = JSON.stringify(received);
		expect((await trigger.receive({ body, headers: headers(body, sign(body)) })).items).toHaveLength(1);
	});

	test('a wrong or missing signature answers 401', async () => {
		const trigger = await activated();
		const body = JSON.stringify(received);
		expect(await trigger.receive({ body, headers: headers(body, hex(body, 'whsec_wrong')) })).toMatchObject({ status: 401, body: { error: 'Invalid signature' } });
		const missing = headers(body) as Record<string, string>;
		delete missing['x-webhook-signature'];
		expect(await trigger.receive({ body, headers: missing })).toMatchObject({ status: 401, body: { error: 'Missing signature' } });
	});

	test('the same signed body replayed with a new or no delivery id is dropped (the id is not signed)', async () => {
		const trigger = await activated();
		const body = JSON.stringify(received);
		expect((await trigger.receive({ body, headers: headers(body, hex(body), 'whd_same') })).items).toHaveLength(1);
		for (const deliveryId of ['whd_same', 'whd_new']) {
			const again = await trigger.receive({ body, headers: headers(body, hex(body), deliveryId) });
			expect(again).toMatchObject({ status: 200, body: { received: true, duplicate: true } });
			expect(again.items).toBeUndefined();
		}
		const noId = await trigger.receive({ body, headers: { 'x-webhook-signature': hex(body) } });
		expect(noId.items).toBeUndefined();
		// The same message in a new envelope (Whaapy retry with another timestamp) is the same event.
		const retried = JSON.stringify({ ...received, timestamp: '2026-01-15T10:30:09.000Z' });
		expect((await trigger.receive({ body: retried, headers: headers(retried) })).items).toBeUndefined();
		// Another message is not a duplicate.
		const other = JSON.stringify({ ...received, data: { ...received.data, message: { ...received.data.message, id: 'wamid.IN2' } } });
		expect((await trigger.receive({ body: other, headers: headers(other) })).items).toHaveLength(1);
	});

	test.each(['sent', 'delivered', 'read', 'failed'])('message.%s becomes message.status', async (status) => {
		const trigger = await activated();
		const payload = {
			event: `message.${status}`,
			businessId: 'biz_1',
			timestamp: '2026-01-15T10:31:00.000Z',
			data: { id: 'uuid-out-1', wamid: 'wamid.OUT1', conversationId: 'conv_1', to: '+5215512345678', status, timestamp: '2026-01-15T10:31:00.000Z' },
		};
		const body = JSON.stringify(payload);
		const result = await trigger.receive({ body, headers: headers(body) });
		expect(result.items?.[0].json).toEqual({
			provider: 'whaapy',
			event: 'message.status',
			from: null,
			to: '5215512345678',
			messageId: 'uuid-out-1',
			status,
			text: null,
			media: null,
			timestamp: '2026-01-15T10:31:00.000Z',
			raw: payload,
			verified: true,
		});
	});

	test('when Whaapy returns no secret, the new webhook is deleted again and activation fails closed', async () => {
		const trigger = createTrigger({ parameters: { provider: 'whaapy', events: ['message.received'] } });
		nock(WHAAPY).get('/user-webhooks').twice().reply(200, { data: [] });
		nock(WHAAPY).post('/user-webhooks').reply(201, { data: { id: 'wh-nosecret', url: PRODUCTION_URL, events: ['message.received'] } });
		const removed = nock(WHAAPY, { reqheaders: AUTH }).delete('/user-webhooks/wh-nosecret').reply(200, { success: true });
		await expect(trigger.activate()).rejects.toThrow(
			'Whaapy returned no signing secret for the new webhook, so its deliveries cannot be verified; the webhook was removed again',
		);
		expect(removed.isDone()).toBe(true);
		expect(trigger.staticData().registrations).toEqual({});
		const body = JSON.stringify(received);
		const result = await trigger.receive({ body, headers: { 'x-webhook-delivery-id': 'whd_nosig' } });
		expect(result).toMatchObject({ status: 401 });
		expect(result.items).toBeUndefined();
	});

	test('with Accept Unverified Deliveries, a webhook without secret is kept and items say verified: false', async () => {
		const trigger = createTrigger({ parameters: { provider: 'whaapy', events: ['message.received'], options: { acceptUnverified: true } } });
		nock(WHAAPY).get('/user-webhooks').twice().reply(200, { data: [] });
		nock(WHAAPY).post('/user-webhooks').reply(201, { data: { id: 'wh-nosecret', url: PRODUCTION_URL, events: ['message.received'] } });
		await trigger.activate();
		expect(trigger.staticData().registrations).toEqual({ [PRODUCTION_URL]: { url: PRODUCTION_URL, ids: ['wh-nosecret'], events: ['message.received'] } });
		const body = JSON.stringify(received);
		expect((await trigger.receive({ body })).items?.map((i) => i.json.verified)).toEqual([false]);
	});

	test.each([
		['webhookSecret in data', { data: { id: 'wh-9', webhookSecret: SECRET } }],
		['signing_secret in webhook', { webhook: { id: 'wh-9', signing_secret: SECRET } }],
		['webhook_secret at the top level', { data: { id: 'wh-9' }, webhook_secret: SECRET }],
	])('the secret is read from %s', async (_name, answer) => {
		const trigger = createTrigger({ parameters: { provider: 'whaapy', events: ['message.received'] } });
		nock(WHAAPY).get('/user-webhooks').twice().reply(200, { data: [] });
		nock(WHAAPY).post('/user-webhooks').reply(201, answer);
		await trigger.activate();
		expect((trigger.staticData().registrations as Record<string, { secret: string }>)[PRODUCTION_URL].secret).toBe(SECRET);
		const body = JSON.stringify(received);
		expect((await trigger.receive({ body, headers: headers(body) })).items?.[0].json.verified).toBe(true);
	});

	test('a stored registration without secret is made again on activation (not trusted)', async () => {
		const trigger = createTrigger({
			parameters: { provider: 'whaapy', events: ['message.received'] },
			staticData: { 'node:WhatsApp Gateway Trigger': { registrations: { [PRODUCTION_URL]: { url: PRODUCTION_URL, ids: ['wh-old'], events: ['message.received'] } } } },
		});
		nock(WHAAPY).get('/user-webhooks').twice().reply(200, { data: [{ id: 'wh-old', url: PRODUCTION_URL, events: ['message.received'], active: true }] });
		const removed = nock(WHAAPY).delete('/user-webhooks/wh-old').reply(200, {});
		nock(WHAAPY).post('/user-webhooks').reply(201, { data: { id: 'wh-new', secret: SECRET } });
		expect(await trigger.activate()).toEqual({ existed: false });
		expect(removed.isDone()).toBe(true);
	});

	test('a GET to the URL (someone opening it in a browser) starts nothing', async () => {
		const trigger = await activated();
		const result = await trigger.receive({ method: 'GET' });
		expect(result).toMatchObject({ status: 200, body: { received: true } });
		expect(result.items).toBeUndefined();
	});

	test('conversation events keep their own name', async () => {
		const trigger = await activated();
		const payload = { event: 'conversation.handoff', businessId: 'biz_1', timestamp: '2026-01-15T10:31:00.000Z', data: { conversation_id: 'conv_1', phone: '+5215512345678' } };
		const body = JSON.stringify(payload);
		const result = await trigger.receive({ body, headers: headers(body) });
		expect(result.items?.[0].json).toMatchObject({ event: 'conversation.handoff', from: '5215512345678', messageId: null });
	});

	test('inbound media with media_url: normalized, and downloaded into binary data with Download Media', async () => {
		const trigger = await activated({ options: { downloadMedia: true, binaryPropertyName: 'photo' } });
		const payload = {
			event: 'message.received',
			businessId: 'biz_1',
			timestamp: '2026-01-15T10:30:05.000Z',
			data: {
				message: { id: 'wamid.IMG', from: '+5215512345678', timestamp: '1768473000', type: 'image', image: { id: 'meta-media-1', mime_type: 'image/png', caption: 'Mira' } },
				media_url: 'https://cdn.whaapy.test/media/abc/photo.png',
			},
		};
		const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
		const dns = resolvesTo('cdn.whaapy.test', ['93.184.215.14']);
		const download = nock('https://cdn.whaapy.test', { badheaders: ['authorization'] }).get('/media/abc/photo.png').reply(200, png, { 'content-type': 'image/png' });
		const body = JSON.stringify(payload);
		const result = await trigger.receive({ body, headers: headers(body) });
		expect(download.isDone() && dns.isDone()).toBe(true);
		const item = result.items![0];
		expect(item.json).toMatchObject({
			text: 'Mira',
			media: { type: 'image', url: 'https://cdn.whaapy.test/media/abc/photo.png', id: 'meta-media-1', mimeType: 'image/png', caption: 'Mira', fileName: null },
		});
		expect(item.binary?.photo).toMatchObject({ mimeType: 'image/png', fileName: 'photo.png' });
		expect(Buffer.from(item.binary!.photo.data, 'base64')).toEqual(png);
	});

	test('media on the Whaapy API host is downloaded with the credential', async () => {
		const trigger = await activated({ options: { downloadMedia: true } });
		const payload = { ...received, data: { ...received.data, message: { ...received.data.message, type: 'audio', audio: { mime_type: 'audio/ogg' } }, media_url: 'https://api.whaapy.com/media/v1/m-1/download' } };
		const ogg = Buffer.from('OggS\u0000\u0002fake-audio');
		const download = nock(WHAAPY, { reqheaders: AUTH }).get('/media/v1/m-1/download').reply(200, ogg, { 'content-type': 'audio/ogg' });
		const body = JSON.stringify(payload);
		const result = await trigger.receive({ body, headers: headers(body) });
		expect(download.isDone()).toBe(true);
		expect(result.items?.[0].binary?.data).toMatchObject({ mimeType: 'audio/ogg' });
		expect(Buffer.from(result.items![0].binary!.data.data, 'base64')).toEqual(ogg);
	});

	test('a failed media download still emits the event, with the error noted', async () => {
		const trigger = await activated({ options: { downloadMedia: true } });
		const payload = { ...received, data: { ...received.data, message: { ...received.data.message, type: 'document', document: { filename: 'a.pdf' } }, media_url: 'https://cdn.whaapy.test/gone.pdf' } };
		resolvesTo('cdn.whaapy.test', ['93.184.215.14']);
		nock('https://cdn.whaapy.test').get('/gone.pdf').reply(404, 'not found');
		const body = JSON.stringify(payload);
		const result = await trigger.receive({ body, headers: headers(body) });
		expect(result.items?.[0].binary).toBeUndefined();
		expect(result.items?.[0].json.media).toMatchObject({ url: 'https://cdn.whaapy.test/gone.pdf', downloadError: 'Could not download the media: HTTP 404', downloadErrorReason: 'httpStatus' });
	});
});
