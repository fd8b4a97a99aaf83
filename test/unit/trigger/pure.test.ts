import { createHash, createHmac } from 'crypto';

import { DeliveryMemory, deliveryScope, eventIdentity, filterEvents, persistDeliveryMemory } from '../../../nodes/WhatsAppGateway/trigger/events';
import { emptyEvent, mapStatus, normalizeAddress, toIsoTimestamp } from '../../../nodes/WhatsAppGateway/providers/events';
import { sevenStringToSign, verifySevenSignature } from '../../../nodes/WhatsAppGateway/providers/seven/verify';
import { trimSlash } from '../../../nodes/WhatsAppGateway/providers/shared';
import { candidateUrls } from '../../../nodes/WhatsAppGateway/trigger/receive';
import { desiredEvents } from '../../../nodes/WhatsAppGateway/trigger/lifecycle';
import {
	constantTimeEqual,
	decodeSignature,
	generateSecret,
	timestampFresh,
	verifyBodyHmac,
} from '../../../nodes/WhatsAppGateway/providers/signing';
import { getProvider } from '../../../nodes/WhatsAppGateway/providers';

describe('verify', () => {
	const body = Buffer.from('{"event":"message"}');
	const hex = createHmac('sha256', 's3cret').update(body).digest('hex');

	test('constant-time compare: equal, different, different length', () => {
		expect(constantTimeEqual(Buffer.from('abc'), Buffer.from('abc'))).toBe(true);
		expect(constantTimeEqual(Buffer.from('abc'), Buffer.from('abd'))).toBe(false);
		expect(constantTimeEqual(Buffer.from('abc'), Buffer.from('abcd'))).toBe(false);
	});

	test('signature decoding: hex (any case), base64, sha256= prefix; garbage gives nothing', () => {
		const bytes = Buffer.from(hex, 'hex');
		expect(decodeSignature(hex)).toEqual([bytes]);
		expect(decodeSignature(hex.toUpperCase())).toEqual([bytes]);
		expect(decodeSignature(`sha256=${hex}`)).toEqual([bytes]);
		expect(decodeSignature(bytes.toString('base64'))).toEqual([bytes]);
		expect(decodeSignature('not a signature')).toEqual([]);
	});

	test('body HMAC: any known secret; wrong secret, empty header or empty secret list fail', () => {
		expect(verifyBodyHmac(hex, body, ['other', 's3cret'])).toBe(true);
		expect(verifyBodyHmac(hex, body, ['other'])).toBe(false);
		expect(verifyBodyHmac(undefined, body, ['s3cret'])).toBe(false);
		expect(verifyBodyHmac(hex, body, [])).toBe(false);
		expect(verifyBodyHmac(hex, Buffer.from('{"event":"message" }'), ['s3cret'])).toBe(false);
	});

	test('seven string to sign is ts \\n nonce \\n METHOD \\n URL \\n md5(body)', () => {
		expect(sevenStringToSign('1700000000', 'abc', 'post', 'https://x.test/h', Buffer.from('')))
			.toBe('1700000000\nabc\nPOST\nhttps://x.test/h\nd41d8cd98f00b204e9800998ecf8427e');
		const signature = createHmac('sha256', 'k').update(sevenStringToSign('1700000000', 'abc', 'POST', 'https://x.test/h', body)).digest('hex');
		const input = { key: 'k', timestamp: '1700000000', nonce: 'abc', method: 'POST', body };
		expect(verifySevenSignature(signature, { ...input, urls: ['https://y.test/h', 'https://x.test/h'] })).toBe(true);
		expect(verifySevenSignature(signature, { ...input, urls: ['https://y.test/h'] })).toBe(false);
		expect(verifySevenSignature(signature, { ...input, nonce: 'abd', urls: ['https://x.test/h'] })).toBe(false);
	});

	test('timestamp window', () => {
		expect(timestampFresh('1000000030', 1000000060, 30)).toBe(true);
		expect(timestampFresh('1000000029', 1000000060, 30)).toBe(false);
		expect(timestampFresh('1000000090', 1000000060, 30)).toBe(true);
		expect(timestampFresh('1000000091', 1000000060, 30)).toBe(false);
		expect(timestampFresh('soon', 1000000060, 30)).toBe(false);
	});

	test('generated secrets are 64 hex characters and differ', () => {
		const a = generateSecret();
		expect(a).toMatch(/^[0-9a-f]{64}$/);
		expect(generateSecret()).not.toBe(a);
	});
});

describe('events', () => {
	test('addresses: JIDs and + numbers become digits; groups stay', () => {
		expect(normalizeAddress('573001234567@c.us')).toBe('573001234567');
		expect(normalizeAddress('+52 1 55 1234 5678')).toBe('5215512345678');
		expect(normalizeAddress('120363025@g.us')).toBe('120363025@g.us');
		expect(normalizeAddress(4917612345678)).toBe('4917612345678');
		expect(normalizeAddress(undefined)).toBeNull();
	});

	test('timestamps: unix s / ms (number or string), ISO, seven SQL-style', () => {
		expect(toIsoTimestamp(1768473000)).toBe('2026-01-15T10:30:00.000Z');
		expect(toIsoTimestamp('1768473000')).toBe('2026-01-15T10:30:00.000Z');
		expect(toIsoTimestamp(1768473000123)).toBe('2026-01-15T10:30:00.123Z');
		expect(toIsoTimestamp('2026-01-15T12:30:00+02:00')).toBe('2026-01-15T10:30:00.000Z');
		expect(toIsoTimestamp('2021-08-24 08:08:00.000000')).toBe('2021-08-24T08:08:00.000Z');
		expect(toIsoTimestamp('yesterday')).toBeNull();
		expect(toIsoTimestamp(null)).toBeNull();
	});

	test('delivery memory: keys are remembered as 16-hex digests in both stores, bounded, most recent kept', () => {
		const memory = {};
		const stored: { seen?: string[] } = {};
		const dedupe = new DeliveryMemory(memory, stored, "test");
		const digest = (k: string) => createHash('sha256').update(k).digest('hex').slice(0, 16);
		expect(dedupe.seenAny(['a'])).toBe(false);
		dedupe.remember(['a'], 2);
		expect(dedupe.seenAny(['x', 'a'])).toBe(true);
		dedupe.remember(['b'], 2);
		dedupe.remember(['c'], 2);
		expect(stored).toEqual({ seen: [digest('b'), digest('c')] });
		expect(memory).toEqual({ seen: [digest('b'), digest('c')] });
		expect(dedupe.seenAny(['a'])).toBe(false);
		// A key found only in static data (another process, or before a restart) counts too.
		expect(new DeliveryMemory({}, stored, "other").seenAny(['c'])).toBe(true);
		// Each remember assigns a new array (n8n notices assignments, not pushes).
		const before = stored.seen;
		dedupe.remember(['d'], 2);
		expect(stored.seen).not.toBe(before);
		expect(dedupe.seenAny([])).toBe(false);
	});

	test('persistDeliveryMemory writes what webhook() remembered in this process once, as a new array (n8n 2.x save)', () => {
		const scope = deliveryScope('wf-persist', 'Trigger');
		const stored: { seen?: string[] } = {};
		new DeliveryMemory({}, stored, scope).remember(['k1', 'k2']);
		// The execution sees the static data of the same workflow (here: a copy as n8n 2.x may hold it).
		const inExecution: { seen?: string[] } = { seen: [...(stored.seen ?? [])] };
		const before = inExecution.seen;
		expect(persistDeliveryMemory(scope, inExecution)).toBe(2);
		expect(inExecution.seen).toEqual(stored.seen);
		expect(inExecution.seen).not.toBe(before);
		// Nothing pending any more; another scope (a queue worker) writes nothing.
		expect(persistDeliveryMemory(scope, inExecution)).toBe(0);
		const untouched = { seen: ['x'] };
		expect(persistDeliveryMemory(deliveryScope('wf-other', 'Trigger'), untouched)).toBe(0);
		expect(untouched).toEqual({ seen: ['x'] });
		// Keys missing from an older copy are merged in, bounded.
		new DeliveryMemory({}, {}, scope).remember(['k3'], 2);
		const older: { seen?: string[] } = { seen: [] };
		persistDeliveryMemory(scope, older, 2);
		expect(older.seen).toHaveLength(1);
	});

	test('event identity: provider, event, message id and status; none without a message id', () => {
		const status = { ...emptyEvent('seven', 'message.status', null), messageId: '77', status: 'delivered' };
		expect(eventIdentity(status)).toBe('seven:message.status:77:delivered');
		expect(eventIdentity({ ...status, status: 'read' })).toBe('seven:message.status:77:read');
		expect(eventIdentity(emptyEvent('engine', 'session.qr', null))).toBeUndefined();
	});

	test('status tables answer only their own keys (__proto__, constructor → unknown)', () => {
		const table = { delivered: 'delivered' } as const;
		expect(mapStatus('__proto__', table)).toBe('unknown');
		expect(mapStatus('constructor', table)).toBe('unknown');
		expect(mapStatus('toString', table)).toBe('unknown');
		expect(mapStatus('DELIVERED', table)).toBe('delivered');
	});

	test('trimSlash removes any run of trailing slashes in linear time', () => {
		expect(trimSlash(' https://x.test/api/// ')).toBe('https://x.test/api');
		expect(trimSlash('////')).toBe('');
		const long = `a${'/'.repeat(200000)}b`;
		expect(trimSlash(long)).toBe(long);
		expect(trimSlash(`${long}${'/'.repeat(200000)}`)).toBe(long);
	});

	test('filter: event types, ignore status updates, only statuses', () => {
		const received = emptyEvent('x', 'message.received', null);
		const delivered = { ...emptyEvent('x', 'message.status', null), status: 'delivered' };
		const failed = { ...emptyEvent('x', 'message.status', null), status: 'failed' };
		const qr = emptyEvent('x', 'session.qr', null);
		const handoff = emptyEvent('x', 'conversation.handoff', null);
		const all = [received, delivered, failed, qr, handoff];
		expect(filterEvents(all, {})).toEqual(all);
		expect(filterEvents(all, { eventTypes: ['session', 'other'] })).toEqual([qr, handoff]);
		expect(filterEvents(all, { ignoreStatusUpdates: true })).toEqual([received, qr, handoff]);
		expect(filterEvents(all, { statuses: ['failed'] })).toEqual([received, failed, qr, handoff]);
	});
});

describe('lifecycle helpers', () => {
	test('events to subscribe: sorted, * alone, defaults when empty', () => {
		const whaapy = getProvider('whaapy');
		expect(desiredEvents(whaapy, ['message.read', 'message.received', 'message.read'])).toEqual(['message.read', 'message.received']);
		expect(desiredEvents(whaapy, ['message.read', '*'])).toEqual(['*']);
		expect(desiredEvents(whaapy, [])).toEqual(['message.received']);
		expect(desiredEvents(getProvider('engine'), undefined)).toEqual(['message']);
	});

	test('candidate URLs: known URLs with the query, the forwarded URL, the path', () => {
		expect(
			candidateUrls(
				{ originalUrl: '/webhook/abc/webhook?x=1', headers: { host: 'internal:5678', 'x-forwarded-host': 'n8n.example.com', 'x-forwarded-proto': 'https' }, protocol: 'http' },
				['https://public.example.com/webhook/abc/webhook'],
			),
		).toEqual([
			'https://public.example.com/webhook/abc/webhook?x=1',
			'https://n8n.example.com/webhook/abc/webhook?x=1',
			'/webhook/abc/webhook?x=1',
		]);
	});
});
