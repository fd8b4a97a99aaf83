/** Phone numbers as people paste them, formatted per provider; invalid ones fail before any request. */
import nock from 'nock';

import { normalizePhone } from '../../../nodes/WhatsAppGateway/helpers/phone';
import { runNode } from '../../helpers/workflow';

const digits = { format: 'digits' as const };
const e164 = { format: 'e164' as const };
const engine = { format: 'digits' as const, minDigits: 10, maxDigits: 15 };

describe('normalizePhone', () => {
	test.each([
		['+57 300 123 4567', undefined, '573001234567'],
		['573001234567', undefined, '573001234567'],
		['0057 300-123-4567', undefined, '573001234567'],
		['(300) 123-4567', 'CO', '573001234567'],
		['300 123 4567', 'CO', '573001234567'],
		['573001234567', 'CO', '573001234567'],
		['+1 (415) 555-2671', undefined, '14155552671'],
		['(415) 555-2671', 'US', '14155552671'],
		['015112345678', 'DE', '4915112345678'],
		['+49 151 12345678', 'DE', '4915112345678'],
		['5215512345678', undefined, '5215512345678'],
		['+52 1 55 1234 5678', undefined, '5215512345678'],
		['5491112345678', undefined, '5491112345678'],
		['573001234567@c.us', undefined, '573001234567'],
		['whatsapp:+573001234567', undefined, '573001234567'],
		[573001234567, undefined, '573001234567'],
	])('%p (default country %p) → %p', (input, country, expected) => {
		expect(normalizePhone(input, digits, country)).toEqual({ ok: true, value: expected });
		expect(normalizePhone(input, e164, country)).toEqual({ ok: true, value: `+${expected}` });
	});

	test.each([
		['', 'is empty'],
		['   ', 'is empty'],
		['abc', '"abc" contains characters that are not part of a phone number'],
		['+57 300 abc', '"+57 300 abc" contains characters that are not part of a phone number'],
		['12345', '"12345" is not a valid phone number (write it with the country code, e.g. +573001234567, or set Default Country)'],
		['+999 1234567890', '"+999 1234567890" is not a valid international number'],
		['+57 300 123 4567 8901 2345', '"+57 300 123 4567 8901 2345" is not a valid international number'],
	])('%p is rejected: %s', (input, reason) => {
		expect(normalizePhone(input, digits)).toEqual({ ok: false, reason });
	});

	test('non-text input is rejected', () => {
		expect(normalizePhone({ phone: 1 }, digits)).toEqual({ ok: false, reason: 'is not text' });
		expect(normalizePhone(null, digits)).toEqual({ ok: false, reason: 'is not text' });
	});

	test('the Engine enforces 10–15 digits', () => {
		expect(normalizePhone('+33 1 23 45 67', engine)).toEqual({ ok: false, reason: 'must have at least 10 digits including the country code' });
		expect(normalizePhone('+33 1 23 45 67 89', engine)).toEqual({ ok: true, value: '33123456789' });
	});
});

describe('invalid numbers in the node', () => {
	test('an invalid number is a NodeOperationError naming the field and the item, and its message is not sent', async () => {
		// Only item 0 may reach the provider; a request for item 1 would find no interceptor.
		const scope = nock('https://api.whaapy.com').post('/messages/v1', { to: '+573001234567', content: 'Hi' }).reply(200, { messages: [{ id: 'm0' }] });
		const { output, error } = await runNode({
			parameters: { provider: 'whaapy', resource: 'message', operation: 'send', messageType: 'text', to: '={{ $json.phone }}', text: 'Hi', options: { maxRetries: 0, concurrency: 1 } },
			items: [{ phone: '+57 300 123 4567' }, { phone: 'call me' }],
		});
		expect(scope.isDone()).toBe(true);
		expect(output).toBeUndefined();
		expect(error?.name).toBe('NodeOperationError');
		expect(error?.message).toBe('Invalid phone number: "call me" contains characters that are not part of a phone number (field "To", item 1)');
		expect(error?.description).toContain('Default Country');
	});

	test('the Default Country option reads national numbers', async () => {
		nock('https://innova.test').post('/api/whatsapp/enviar', { numero: '573001234567', tipo: 'text', mensaje: 'Hola' }).reply(200, { success: true });

		const { output, error } = await runNode({
			parameters: {
				provider: 'innova', resource: 'message', operation: 'send', messageType: 'text', to: '(300) 123-4567', text: 'Hola',
				options: { defaultCountry: 'CO' },
			},
		});
		expect(error).toBeUndefined();
		expect(output?.[0].json.to).toBe('573001234567');
	});

	test('Engine numbers outside 10–15 digits are rejected before sending', async () => {
		const { error } = await runNode({
			parameters: { provider: 'engine', resource: 'message', operation: 'send', messageType: 'text', to: '+33 1 23 45 67', text: 'x', options: { maxRetries: 0 } },
		});
		expect(error?.message).toBe('Invalid phone number: must have at least 10 digits including the country code (field "To", item 0)');
		expect(error?.description).toContain('10–15 digits');
	});
});
