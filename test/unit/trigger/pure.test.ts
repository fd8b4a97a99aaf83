import { createHmac } from 'crypto';

import { filterEvents, normalizeAddress, seenBefore, toIsoTimestamp, emptyEvent } from '../../../nodes/WhatsAppGateway/trigger/events';
import { candidateUrls } from '../../../nodes/WhatsAppGateway/trigger/receive';
import { desiredEvents } from '../../../nodes/WhatsAppGateway/trigger/lifecycle';
import {
	constantTimeEqual,
	decodeSignature,
	generateSecret,
	sevenStringToSign,
	timestampFresh,
	verifyBodyHmac,
	verifySevenSignature,
} from '../../../nodes/WhatsAppGateway/trigger/verify';
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

	test('seen keys are remembered, bounded, most recent kept', () => {
		const store = {};
		expect(seenBefore(store, 'a', 2)).toBe(false);
		expect(seenBefore(store, 'a', 2)).toBe(true);
		expect(seenBefore(store, 'b', 2)).toBe(false);
		expect(seenBefore(store, 'c', 2)).toBe(false);
		expect(store).toEqual({ seen: ['b', 'c'] });
		expect(seenBefore(store, 'a', 2)).toBe(false);
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
