/**
 * Less work per item: a parameter that is exactly a plain field of the input item
 * (`{{ $json.to }}`, what drag-and-drop mapping writes) is read from the item when it holds text,
 * with the value n8n's evaluation gives; everything else is still evaluated by n8n.
 */
import { ExecuteContext } from 'n8n-core';

import { mappedField } from '../../../nodes/WhatsAppGateway/actions/parameters';
import { FIXTURES, providerScope, runNode, sendParams } from './fixtures';

test.each([
	['={{ $json.to }}', ['to']],
	['={{$json.to}}', ['to']],
	['={{ $json.contact.phone }}', ['contact', 'phone']],
	['={{ $json["the text"] }}', ['the text']],
	["={{ $json['a'].b }}", ['a', 'b']],
	['={{ $json.to }} ', null],
	['={{ $json.to + "" }}', null],
	['={{ $json.to }}{{ $json.x }}', null],
	['={{ $("Items").item.json.to }}', null],
	['={{ $json }}', null],
	['{{ $json.to }}', null],
	['+57 300 123 4567', null],
	[42, null],
])('mappedField(%p) → %p', (value, expected) => {
	expect(mappedField(value)).toEqual(expected);
});

/** Names of the parameters n8n was asked for during a run. */
function countParameterReads() {
	// ExecuteContext binds getNodeParameter per instance; every read goes through _getNodeParameter.
	const proto = ExecuteContext.prototype as unknown as { _getNodeParameter: (name: string) => unknown };
	const spy = jest.spyOn(proto, '_getNodeParameter');
	return {
		names: () => spy.mock.calls.map((call) => call[0] as string),
		restore: () => spy.mockRestore(),
	};
}

test('plain text fields are read from the item, not evaluated by n8n; the request is the same', async () => {
	const p = providerScope('seven');
	p.send('hello one', '573001234567').reply(200, FIXTURES.seven.ok);
	p.send('hello two', '573009876543').reply(200, FIXTURES.seven.ok);
	const reads = countParameterReads();
	try {
		const { output, error } = await runNode({
			parameters: sendParams('seven', { to: '={{ $json.contact.phone }}', text: '={{ $json["the text"] }}' }),
			items: [
				{ contact: { phone: '+57 300 123 4567' }, 'the text': 'hello one' },
				{ contact: { phone: '573009876543' }, 'the text': 'hello two' },
			],
		});
		expect(error).toBeUndefined();
		expect(output!.map((o) => o.json.to)).toEqual(['573001234567', '573009876543']);
		expect(p.scope.isDone()).toBe(true);
		expect(reads.names().filter((name) => name === 'to' || name === 'text')).toEqual([]);
	} finally {
		reads.restore();
	}
});

test('anything else goes through n8n: a number, a missing field, a computed expression', async () => {
	const p = providerScope('seven');
	p.send('n: 1', '573001234567').reply(200, FIXTURES.seven.ok);
	const reads = countParameterReads();
	try {
		const { output } = await runNode({
			parameters: sendParams('seven', { to: '={{ $json.phone }}', text: '={{ "n: " + $json.n }}' }),
			items: [{ phone: 573001234567, n: 1 }, { n: 2 }],
			continueOnFail: true,
		});
		expect(output!.map((o) => o.json.messageId ?? o.json.error)).toEqual([
			'77',
			'Invalid phone number: is not text (field "To", item 1)',
		]);
		// To: item 0 is a number and item 1 has no phone, so n8n evaluates both; Text is computed.
		expect(reads.names().filter((name) => name === 'to')).toHaveLength(2);
		expect(reads.names().filter((name) => name === 'text')).toHaveLength(1);
	} finally {
		reads.restore();
	}
});
