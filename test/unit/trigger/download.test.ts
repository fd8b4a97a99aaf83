/**
 * Download Media (issue #10): only http(s) to public addresses, redirects re-checked, size and time
 * caps, the event kept with the reason. Through the real trigger (n8n-core WebhookContext, nock).
 */
import { createHmac } from 'crypto';
import nock from 'nock';
import { Readable } from 'stream';

import { resolvesTo } from '../../helpers/doh';
import { createTrigger, PRODUCTION_URL } from '../../helpers/trigger';
import { blockedAddress, blockedHostName, parseIpv6 } from '../../../nodes/WhatsAppGateway/helpers/network';

const WHAAPY = 'https://api.whaapy.com';
const SECRET = 'whsec_download_tests_0123456789abcdef';
const sign = (body: string) => createHmac('sha256', SECRET).update(body).digest('hex');

async function trigger(options: Record<string, unknown> = {}) {
	const t = createTrigger({ parameters: { provider: 'whaapy', events: ['message.received'], options: { downloadMedia: true, ...options } } });
	nock(WHAAPY).get('/user-webhooks').twice().reply(200, { data: [] });
	nock(WHAAPY).post('/user-webhooks').reply(201, { data: { id: 'wh-d', url: PRODUCTION_URL, secret: SECRET } });
	await t.activate();
	return t;
}

let n = 0;
async function deliver(t: Awaited<ReturnType<typeof trigger>>, mediaUrl: string) {
	const payload = {
		event: 'message.received',
		timestamp: '2026-01-15T10:30:05.000Z',
		data: { message: { id: `wamid.D${++n}`, from: '+5215512345678', type: 'image', image: { mime_type: 'image/png' } }, media_url: mediaUrl },
	};
	const body = JSON.stringify(payload);
	const result = await t.receive({ body, headers: { 'x-webhook-signature': sign(body) } });
	expect(result.items).toHaveLength(1);
	return result.items![0];
}

function refused(item: { json: Record<string, unknown>; binary?: unknown }) {
	expect(item.binary).toBeUndefined();
	const media = item.json.media as Record<string, unknown>;
	// The event itself is intact.
	expect(item.json).toMatchObject({ event: 'message.received', from: '5215512345678' });
	return { reason: media.downloadErrorReason, message: media.downloadError };
}

describe('address rules', () => {
	test.each([
		['127.0.0.1', 'loopback'],
		['10.1.2.3', 'private'],
		['172.31.255.255', 'private'],
		['192.168.0.1', 'private'],
		['169.254.169.254', 'link-local (cloud metadata)'],
		['100.100.100.200', 'carrier-grade NAT (shared)'],
		['0.0.0.0', 'unspecified ("this network")'],
		['224.0.0.1', 'multicast'],
		['255.255.255.255', 'reserved / broadcast'],
		['::1', 'loopback'],
		['::', 'unspecified'],
		['::ffff:127.0.0.1', 'loopback (IPv4-mapped)'],
		['::ffff:7f00:1', 'loopback (IPv4-mapped)'],
		['::ffff:a9fe:a9fe', 'link-local (cloud metadata) (IPv4-mapped)'],
		['64:ff9b::a00:1', 'private (NAT64)'],
		['2002:c0a8:0101::1', 'private (6to4)'],
		['fd00:ec2::254', 'unique local (private)'],
		['fe80::1', 'link-local'],
		['ff02::1', 'multicast'],
		['2001:db8::1', 'documentation'],
	])('%s is refused (%s)', (address, why) => {
		expect(blockedAddress(address)).toBe(why);
	});

	test.each(['93.184.215.14', '8.8.8.8', '2606:4700::6810:84e5', '::ffff:8.8.8.8', '172.32.0.1', '100.128.0.1'])('%s is public', (address) => {
		expect(blockedAddress(address)).toBeUndefined();
	});

	test('IPv6 parsing, and names that only exist inside a network', () => {
		expect(parseIpv6('[::ffff:127.0.0.1]')).toEqual([0, 0, 0, 0, 0, 0xffff, 0x7f00, 1]);
		expect(parseIpv6('1:2:3:4:5:6:7:8:9')).toBeUndefined();
		expect(blockedAddress('cdn.example.com')).toBeNull();
		expect(blockedHostName('localhost')).toMatch(/without a domain/);
		expect(blockedHostName('n8n')).toMatch(/without a domain/);
		expect(blockedHostName('metadata.google.internal')).toBe('a local-network domain');
		expect(blockedHostName('printer.local')).toBe('a local-network domain');
		expect(blockedHostName('x.localhost')).toBe('a local-network domain');
		expect(blockedHostName('cdn.example.com')).toBeUndefined();
	});
});

describe('Download Media refuses internal targets (SSRF)', () => {
	test.each([
		['http://127.0.0.1:5678/rest/settings', 'blockedAddress', 'The media URL points to 127.0.0.1, a loopback address; only public hosts are downloaded from'],
		['http://2130706433/x.png', 'blockedAddress', 'The media URL points to 127.0.0.1, a loopback address; only public hosts are downloaded from'],
		['http://[::ffff:127.0.0.1]/x.png', 'blockedAddress', 'The media URL points to [::ffff:7f00:1], a loopback (IPv4-mapped) address; only public hosts are downloaded from'],
		['http://169.254.169.254/latest/meta-data/', 'blockedAddress', 'The media URL points to 169.254.169.254, a link-local (cloud metadata) address; only public hosts are downloaded from'],
		['http://localhost/x.png', 'blockedAddress', 'The media URL points to localhost, a a name without a domain (local network or container name) address; only public hosts are downloaded from'],
		['ftp://cdn.example.com/x.png', 'scheme', 'Only http(s) media URLs are downloaded, not ftp:'],
		['file:///etc/passwd', 'scheme', 'Only http(s) media URLs are downloaded, not file:'],
	])('%s → %s, no request', async (url, reason, message) => {
		const t = await trigger();
		const item = await deliver(t, url);
		expect(refused(item)).toEqual({ reason, message });
		expect(nock.pendingMocks()).toEqual([]);
	});

	test('a host name resolving to a private address (A or AAAA) is refused before any request', async () => {
		const t = await trigger();
		const dns = resolvesTo('internal.example.com', ['10.0.0.5']);
		expect(refused(await deliver(t, 'https://internal.example.com/a.png'))).toEqual({
			reason: 'blockedAddress',
			message: 'The media URL points to internal.example.com (10.0.0.5), a private address; only public hosts are downloaded from',
		});
		expect(dns.isDone()).toBe(true);
		resolvesTo('mixed.example.com', ['93.184.215.14'], ['::1']);
		expect(refused(await deliver(t, 'https://mixed.example.com/a.png')).reason).toBe('blockedAddress');
	});

	test('a host that does not resolve, or a resolver that fails, is refused (fail closed)', async () => {
		const t = await trigger();
		resolvesTo('nxdomain.example.com', []);
		expect(refused(await deliver(t, 'https://nxdomain.example.com/a.png'))).toEqual({ reason: 'dns', message: 'nxdomain.example.com does not resolve to any address' });
		nock('https://cloudflare-dns.com').get('/dns-query').query(true).reply(503, 'down');
		expect(refused(await deliver(t, 'https://cdn.example.com/a.png')).reason).toBe('dns');
	});

	test('a redirect to a loopback address is refused after the redirect; the first hop is fetched without credential', async () => {
		const t = await trigger();
		resolvesTo('cdn.example.com', ['93.184.215.14']);
		const hop = nock('https://cdn.example.com', { badheaders: ['authorization'] }).get('/a.png').reply(302, '', { location: 'http://127.0.0.1:8080/secret' });
		expect(refused(await deliver(t, 'https://cdn.example.com/a.png'))).toEqual({
			reason: 'blockedAddress',
			message: 'The media URL points to 127.0.0.1, a loopback address; only public hosts are downloaded from',
		});
		expect(hop.isDone()).toBe(true);
	});

	test('a redirect from the provider API to elsewhere drops the credential and checks the target', async () => {
		const t = await trigger();
		nock(WHAAPY, { reqheaders: { authorization: 'Bearer wha_testsecretkey0001' } }).get('/media/v1/m-9/download').reply(302, '', { location: 'https://files.example.net/m-9.png' });
		resolvesTo('files.example.net', ['93.184.215.15']);
		const png = Buffer.from('89504e47', 'hex');
		const final = nock('https://files.example.net', { badheaders: ['authorization'] }).get('/m-9.png').reply(200, png, { 'content-type': 'image/png' });
		const item = await deliver(t, `${WHAAPY}/media/v1/m-9/download`);
		expect(final.isDone()).toBe(true);
		expect(Buffer.from(item.binary!.data.data, 'base64')).toEqual(png);
	});

	test('more than 3 redirects are refused', async () => {
		const t = await trigger();
		resolvesTo('loop.example.com', ['93.184.215.16']);
		for (let i = 0; i < 4; i++) {
			resolvesTo('loop.example.com', ['93.184.215.16']);
			nock('https://loop.example.com').get(`/${i}`).reply(301, '', { location: `/${i + 1}` });
		}
		expect(refused(await deliver(t, 'https://loop.example.com/0'))).toEqual({ reason: 'redirects', message: 'The media URL redirected more than 3 times' });
		nock.cleanAll();
	});
});

describe('Download Media size and time caps', () => {
	test('Content-Length above Max Media Size is refused without reading the body', async () => {
		const t = await trigger({ maxMediaSizeMb: 1 });
		resolvesTo('cdn.example.com', ['93.184.215.14']);
		nock('https://cdn.example.com').get('/big.mp4').reply(200, 'x', { 'content-length': String(200 * 1024 * 1024) });
		expect(refused(await deliver(t, 'https://cdn.example.com/big.mp4'))).toEqual({
			reason: 'tooLarge',
			message: 'The media is larger than 1 MB (Options → Max Media Size); it was not downloaded',
		});
	});

	test('a body without Content-Length is cut at the cap while it streams', async () => {
		const t = await trigger({ maxMediaSizeMb: 0.064 });
		resolvesTo('cdn.example.com', ['93.184.215.14']);
		let produced = 0;
		const endless = new Readable({
			read() {
				produced += 16384;
				this.push(produced > 50 * 1024 * 1024 ? null : Buffer.alloc(16384, 1));
			},
		});
		nock('https://cdn.example.com').get('/stream.bin').reply(200, () => endless, { 'transfer-encoding': 'chunked' });
		expect(refused(await deliver(t, 'https://cdn.example.com/stream.bin'))).toEqual({
			reason: 'tooLarge',
			message: 'The media is larger than 0.064 MB (Options → Max Media Size); it was not downloaded',
		});
		// (nock buffers the reply; that reading stops at the cap on a real socket is measured in
		// test/e2e/trigger-security.e2e.test.js, with n8n's memory.)
		expect(produced).toBeGreaterThan(0);
	});

	test('a file at the cap is accepted', async () => {
		const t = await trigger({ maxMediaSizeMb: 0.001 });
		resolvesTo('cdn.example.com', ['93.184.215.14']);
		nock('https://cdn.example.com').get('/ok.bin').reply(200, Buffer.alloc(1048, 7));
		const item = await deliver(t, 'https://cdn.example.com/ok.bin');
		expect(Buffer.from(item.binary!.data.data, 'base64')).toHaveLength(1048);
	});

	test('a slow host is cut off so the answer stays within the provider timeout (Whaapy: 5 s - 1.5 s)', async () => {
		const t = await trigger();
		resolvesTo('slow.example.com', ['93.184.215.14']);
		nock('https://slow.example.com').get('/slow.png').delay(20000).reply(200, 'late');
		const started = Date.now();
		const item = await deliver(t, 'https://slow.example.com/slow.png');
		const took = Date.now() - started;
		expect(refused(item)).toEqual({ reason: 'timeout', message: 'The media download did not finish in time (the provider expects a quick answer)' });
		expect(took).toBeLessThan(15000);
		nock.abortPendingRequests();
	});
});
