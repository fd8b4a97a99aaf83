/**
 * Message → Send and Wait for Response, through n8n-core's real WorkflowExecute and WebhookContext
 * (test/helpers/sendAndWait.ts): the exact message each provider receives, the signed answer links,
 * the pages, the answers in the output, the timed-out wait, and the input errors before any request.
 */
import { createHmac } from 'crypto';
import { Container } from '@n8n/di';
import { InstanceSettings } from 'n8n-core';
import type { IDataObject } from 'n8n-workflow';

import {
	answer,
	EXECUTION_ID,
	linksIn,
	NODE_ID,
	resume,
	start,
	WAITING_BASE,
	type WaitingRun,
} from '../../helpers/sendAndWait';
import { provider, watchUnmatched } from './helpers';

const QUESTION = 'Refund 120 EUR for order A-1042?';

/** The request body a provider got, captured by nock. */
function capture(scope: ReturnType<typeof provider>, path: string, reply: [number, IDataObject]) {
	const bodies: IDataObject[] = [];
	scope
		.post(path, (body: IDataObject) => {
			bodies.push(body);
			return true;
		})
		.reply(reply[0], reply[1]);
	return bodies;
}

function expectSigned(url: string, query: Record<string, string>) {
	const parsed = new URL(url);
	expect(`${parsed.origin}${parsed.pathname}`).toBe(`${WAITING_BASE}/${EXECUTION_ID}/${NODE_ID}`);
	const signature = parsed.searchParams.get('signature');
	parsed.searchParams.delete('signature');
	expect(Object.fromEntries(parsed.searchParams.entries())).toEqual(query);
	// n8n signs host + path + query with the instance's HMAC secret (n8n-core getSignedResumeUrl).
	const secret = Container.get(InstanceSettings).hmacSignatureSecret;
	const expected = createHmac('sha256', secret)
		.update(`${parsed.host}${parsed.pathname}${parsed.search}`)
		.digest('hex');
	expect(signature).toBe(expected);
}

const whaapyReply: [number, IDataObject] = [
	200,
	{ messages: [{ id: 'uuid-1', wamid: 'wamid.X' }], data: { id: 'uuid-1', status: 'sent' } },
];

async function whaapyWait(
	parameters: IDataObject,
): Promise<{ waiting: WaitingRun; body: IDataObject }> {
	const bodies = capture(provider('whaapy'), '/messages/v1', whaapyReply);
	const waiting = await start({
		provider: 'whaapy',
		to: '+52 1 55 1234 5678',
		message: QUESTION,
		...parameters,
	});
	expect(waiting.error).toBeUndefined();
	expect(bodies).toHaveLength(1);
	return { waiting, body: bodies[0] };
}

const SENT = {
	responseType: 'approval',
	message: QUESTION,
	provider: 'whaapy',
	to: '+5215512345678',
	messageId: 'uuid-1',
	waitTill: null,
};

describe('Send and Wait: approval (Whaapy, text lines)', () => {
	const double = { approvalOptions: { values: { approvalType: 'double' } } };

	test('the message carries one labeled line per answer, with signed links; the execution waits', async () => {
		const { waiting, body } = await whaapyWait(double);
		expect(Object.keys(body).sort()).toEqual(['content', 'to']);
		expect(body.to).toBe('+5215512345678');
		const text = String(body.content);
		expect(text.startsWith(`${QUESTION}\n\n*✓ Approve:* ${WAITING_BASE}/`)).toBe(true);
		const links = linksIn(text);
		expect(links.map((l) => l.label)).toEqual(['✓ Approve', '✗ Decline']);
		expect(text).toBe(
			`${QUESTION}\n\n*✓ Approve:* ${links[0].url}\n\n*✗ Decline:* ${links[1].url}`,
		);
		expectSigned(links[0].url, { approved: 'true' });
		expectSigned(links[1].url, { approved: 'false' });

		expect(waiting.run.waitTill).toBeDefined();
		expect(new Date(waiting.run.waitTill!).getUTCFullYear()).toBe(3000); // n8n's WAIT_INDEFINITELY
		expect(waiting.run.status).toBe('waiting');
		// n8n 1.x only checks the signature of executions marked so.
		expect(waiting.stored.validateSignature).toBe(true);
		expect(waiting.output?.map((i) => i.json)).toEqual([
			{ ...SENT, status: 'waiting', responded: false, sentAt: expect.any(String) },
		]);
	});

	test('opening the approve link shows a confirmation page and records nothing; its button records approved: true', async () => {
		const { waiting, body } = await whaapyWait(double);
		const [approve] = linksIn(String(body.content));
		const page = await answer(waiting, 'GET', approve.url);
		expect(page.result).toEqual({ noWebhookResponse: true });
		expect(page.response.status).toBe(200);
		expect(page.response.headers['content-type']).toBe('text/html; charset=utf-8');
		expect(page.response.body).toContain('<p>Refund 120 EUR for order A-1042?</p>');
		expect(page.response.body).toContain(
			'<button type="submit" name="approved" value="true" class="primary">✓ Approve</button>',
		);
		expect(page.response.body).not.toContain('value="false"');

		const posted = await answer(waiting, 'POST', approve.url, {
			data: { approved: 'true', confirm: 'yes' },
			files: {},
		});
		expect(posted.response.body).toBeUndefined();
		expect(posted.result.webhookResponse).toContain('Got it, thanks');
		expect(posted.result.webhookResponse).toContain('Your answer: ✓ Approve');
		const { output, run } = await resume(waiting, posted.result.workflowData);
		expect(run.status).toBe('success');
		expect(output).toEqual([
			{
				json: {
					...SENT,
					status: 'approved',
					approved: true,
					responded: true,
					sentAt: expect.any(String),
					respondedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
				},
				pairedItem: { item: 0 },
			},
		]);
	});

	test('decline (url-encoded POST from the decline page) → approved: false', async () => {
		const { waiting, body } = await whaapyWait(double);
		const decline = linksIn(String(body.content))[1];
		const page = await answer(waiting, 'GET', decline.url);
		expect(page.response.body).toContain('value="false" class="secondary">✗ Decline</button>');
		const posted = await answer(waiting, 'POST', decline.url, { approved: 'false' });
		const { output } = await resume(waiting, posted.result.workflowData);
		expect(output[0].json).toMatchObject({
			status: 'declined',
			approved: false,
			responded: true,
			to: '+5215512345678',
		});
	});

	test('Confirm on Page off: opening the link records the answer at once', async () => {
		const { waiting, body } = await whaapyWait({ ...double, options: { confirmOnPage: false } });
		const decline = linksIn(String(body.content))[1];
		const opened = await answer(waiting, 'GET', decline.url);
		expect(opened.result.workflowData?.[0][0].json).toMatchObject({
			status: 'declined',
			approved: false,
		});
	});

	test('a forged answer is refused and the workflow keeps waiting', async () => {
		const { waiting, body } = await whaapyWait({
			approvalOptions: { values: { approvalType: 'single' } },
		});
		const links = linksIn(String(body.content));
		expect(links.map((l) => l.label)).toEqual(['✓ Approve']);
		const forged = await answer(waiting, 'POST', links[0].url, { data: { approved: 'false' } });
		expect(forged.result).toEqual({ noWebhookResponse: true });
		expect(forged.response.status).toBe(400);
		expect(forged.response.body).toContain('Answer not recorded');
	});

	test('custom labels; the link without a choice shows both buttons', async () => {
		const { waiting, body } = await whaapyWait({
			approvalOptions: {
				values: { approvalType: 'double', approveLabel: 'Yes, refund', disapproveLabel: 'No' },
			},
			options: { responseFormTitle: 'Refund <request>' },
		});
		expect(linksIn(String(body.content)).map((l) => l.label)).toEqual(['Yes, refund', 'No']);
		const bare = new URL(linksIn(String(body.content))[0].url);
		bare.searchParams.delete('approved');
		const page = await answer(waiting, 'GET', bare.toString());
		expect(page.response.body).toContain('<h1>Refund &lt;request&gt;</h1>');
		expect(page.response.body).toContain('value="true" class="primary">Yes, refund</button>');
		expect(page.response.body).toContain('value="false" class="secondary">No</button>');
	});
});

describe('Send and Wait: free text and custom form', () => {
	test('free text: the Respond link opens a form; the answer is the text', async () => {
		const { waiting, body } = await whaapyWait({
			responseType: 'freeText',
			options: { messageButtonLabel: 'Answer here' },
		});
		const links = linksIn(String(body.content));
		expect(links.map((l) => l.label)).toEqual(['Answer here']);
		expectSigned(links[0].url, {});
		const form = await answer(waiting, 'GET', links[0].url);
		expect(form.response.body).toContain(
			'<textarea id="field-0" name="field-0" required></textarea>',
		);
		expect(form.response.body).toContain('enctype="multipart/form-data"');

		const empty = await answer(waiting, 'POST', links[0].url, { data: { 'field-0': '   ' } });
		expect(empty.response.status).toBe(400);
		expect(empty.result.workflowData).toBeUndefined();

		const posted = await answer(waiting, 'POST', links[0].url, {
			data: { 'field-0': ' Ship it on Monday ' },
			files: {},
		});
		const { output } = await resume(waiting, posted.result.workflowData);
		expect(output[0].json).toEqual({
			...SENT,
			responseType: 'freeText',
			status: 'answered',
			text: 'Ship it on Monday',
			responded: true,
			sentAt: expect.any(String),
			respondedAt: expect.any(String),
		});
	});

	const formFields = {
		values: [
			{ fieldLabel: 'Delivery date', fieldType: 'date', requiredField: true },
			{ fieldLabel: 'Boxes', fieldType: 'number' },
			{ fieldLabel: 'Size', fieldType: 'dropdown', fieldOptions: 'Small, Medium,Large' },
			{ fieldLabel: 'Notes', fieldType: 'textarea', placeholder: 'Anything else?' },
		],
	};

	test('custom form: the fields of the node, checked; the answer is keyed by label', async () => {
		const { waiting, body } = await whaapyWait({ responseType: 'customForm', formFields });
		const [link] = linksIn(String(body.content));
		const form = await answer(waiting, 'GET', link.url);
		expect(form.response.body).toContain(
			'<input id="field-0" name="field-0" type="date" value="" required>',
		);
		expect(form.response.body).toContain(
			'<input id="field-1" name="field-1" type="number" value="" step="any">',
		);
		expect(form.response.body).toContain('<option value="Medium">Medium</option>');
		expect(form.response.body).toContain('placeholder="Anything else?"');

		const bad = await answer(waiting, 'POST', link.url, {
			data: { 'field-0': '', 'field-1': 'many', 'field-2': 'Huge' },
		});
		expect(bad.response.status).toBe(400);
		expect(bad.response.body).toContain(
			'&quot;Delivery date&quot; is required. &quot;Boxes&quot; must be a number. &quot;Size&quot; must be one of the listed choices.',
		);
		expect(bad.response.body).toContain('value="many"'); // what the person typed stays

		const good = await answer(waiting, 'POST', link.url, {
			data: { 'field-0': '2026-12-24', 'field-1': '3', 'field-2': 'Large', 'field-3': '' },
			files: {},
		});
		const { output } = await resume(waiting, good.result.workflowData);
		expect(output[0].json).toMatchObject({
			responseType: 'customForm',
			status: 'answered',
			form: { 'Delivery date': '2026-12-24', Boxes: 3, Size: 'Large', Notes: null },
		});
	});

	test('a form without fields or with a dropdown without options fails before sending', async () => {
		const watch = watchUnmatched();
		const none = await start({
			provider: 'whaapy',
			to: '+5215512345678',
			message: QUESTION,
			responseType: 'customForm',
		});
		expect(none.error?.message).toBe('The form has no fields (field "Form Fields", item 0)');
		const dropdown = await start({
			provider: 'whaapy',
			to: '+5215512345678',
			message: QUESTION,
			responseType: 'customForm',
			formFields: { values: [{ fieldLabel: 'Size', fieldType: 'dropdown' }] },
		});
		expect(dropdown.error?.message).toBe(
			'The dropdown "Size" has no options (field "Form Fields → field 1", item 0)',
		);
		expect(watch.requests).toEqual([]);
		watch.stop();
	});
});

describe('Send and Wait: limit wait time', () => {
	test('after an interval: waitTill is set; when it passes the workflow goes on with a "noResponse" item', async () => {
		const before = Date.now();
		const { waiting } = await whaapyWait({
			options: {
				limitWaitTime: {
					values: { limitType: 'afterTimeInterval', resumeAmount: 2, resumeUnit: 'hours' },
				},
			},
		});
		const waitTill = new Date(waiting.run.waitTill!).getTime();
		expect(waitTill).toBeGreaterThanOrEqual(before + 2 * 3_600_000);
		expect(waitTill).toBeLessThan(before + 2 * 3_600_000 + 60_000);

		const { output, run } = await resume(waiting);
		expect(run.status).toBe('success');
		expect(output).toEqual([
			{
				json: {
					...SENT,
					status: 'noResponse',
					responded: false,
					sentAt: expect.any(String),
					waitTill: new Date(waitTill).toISOString(),
				},
				pairedItem: { item: 0 },
			},
		]);
	});

	test('at a date; a past or invalid date fails before sending', async () => {
		const { waiting } = await whaapyWait({
			options: {
				limitWaitTime: {
					values: { limitType: 'atSpecifiedTime', maxDateAndTime: '2999-01-02T03:04:05Z' },
				},
			},
		});
		expect(new Date(waiting.run.waitTill!).toISOString()).toBe('2999-01-02T03:04:05.000Z');

		const past = await start({
			provider: 'whaapy',
			to: '+5215512345678',
			message: QUESTION,
			options: {
				limitWaitTime: {
					values: { limitType: 'atSpecifiedTime', maxDateAndTime: '2001-01-01T00:00:00Z' },
				},
			},
		});
		expect(past.error?.message).toBe(
			'2001-01-01T00:00:00.000Z is in the past (field "Options → Limit Wait Time", item 0)',
		);
	});
});

describe('Send and Wait: every provider sends the question as text through its own send path', () => {
	test('seven.io (From required, digits)', async () => {
		const bodies = capture(provider('seven'), '/api/waba/messages', [
			200,
			{ success: '100', messages: [{ id: '77', success: true }] },
		]);
		const waiting = await start({
			provider: 'seven',
			to: '+49 151 1234 5678',
			sevenFrom: '4915100000000',
			message: QUESTION,
		});
		expect(waiting.error).toBeUndefined();
		expect(bodies[0]).toMatchObject({ from: '4915100000000', to: '4915112345678' });
		expect(linksIn(String(bodies[0].text))).toHaveLength(1);
		expect(waiting.output?.[0].json).toMatchObject({
			provider: 'seven',
			to: '4915112345678',
			messageId: '77',
			status: 'waiting',
		});
	});

	test('seven.io outside the 24-hour window: the same clear error as Message → Send, and no wait', async () => {
		provider('seven')
			.post('/api/waba/messages')
			.reply(200, { success: '7002001', messages: [{ success: false, error: '7002001' }] });
		const waiting = await start({
			provider: 'seven',
			to: '+49 151 1234 5678',
			sevenFrom: '4915100000000',
			message: QUESTION,
		});
		expect(waiting.error?.message).toMatch(/^seven\.io/);
		expect(waiting.error?.description).toMatch(/24/);
		expect(waiting.run.waitTill).toBeUndefined();
	});

	test('Continue On Fail: the refusal becomes an error item paired with the input, and nothing waits', async () => {
		provider('whaapy').post('/messages/v1').reply(400, {
			error: 'message_delivery_failed',
			message: 'Re-engagement message',
			code: '131047',
		});
		const waiting = await start(
			{ provider: 'whaapy', to: '+57 300 000 0047', message: QUESTION },
			undefined,
			{
				continueOnFail: true,
			},
		);
		expect(waiting.error).toBeUndefined();
		expect(waiting.run.waitTill).toBeUndefined();
		expect(waiting.output).toEqual([
			{
				json: expect.objectContaining({
					provider: 'whaapy',
					kind: 'window24h',
					httpStatus: 400,
					providerCode: '131047',
					itemIndex: 0,
				}),
				pairedItem: [{ item: 0 }],
			},
		]);
	});

	test('InnovaAPI, WhatsApp API Engine and DecisionTelecom', async () => {
		const innova = capture(provider('innova'), '/api/whatsapp/enviar', [
			200,
			{ success: true, message: 'Mensaje enviado correctamente' },
		]);
		const a = await start({ provider: 'innova', to: '+57 300 123 4567', message: QUESTION });
		expect(a.error).toBeUndefined();
		expect(innova[0]).toMatchObject({ numero: '573001234567', tipo: 'text' });
		expect(linksIn(String(innova[0].mensaje))).toHaveLength(1);

		const engine = capture(provider('engine'), '/api/messages/send', [
			200,
			{ success: true, data: { messageId: 'true_57300@c.us_ABC' } },
		]);
		const b = await start({ provider: 'engine', to: '+57 300 123 4567', message: QUESTION });
		expect(b.error).toBeUndefined();
		expect(engine[0]).toMatchObject({ phone: '573001234567' });
		expect(linksIn(String(engine[0].message))).toHaveLength(1);

		const decision = capture(provider('decisionTelecom'), '/v1/api/send-whatsapp', [
			200,
			{ message_id: 1001 },
		]);
		const c = await start({
			provider: 'decisionTelecom',
			to: '+57 300 123 4567',
			decisionSourceAddr: 'Shop',
			message: QUESTION,
		});
		expect(c.error).toBeUndefined();
		expect(decision[0]).toMatchObject({
			source_addr: 'Shop',
			destination_addr: '573001234567',
			message_type: 1,
		});
		expect(linksIn(String(decision[0].text))).toHaveLength(1);
		expect(c.output?.[0].json).toMatchObject({ provider: 'decisionTelecom', messageId: '1001' });
	});
});

describe('Send and Wait: Whaapy URL button', () => {
	test('approve and decline: one CTA URL button that opens the page with both choices', async () => {
		const { waiting, body } = await whaapyWait({
			linkStyle: 'button',
			approvalOptions: { values: { approvalType: 'double' } },
			options: { messageButtonLabel: 'Answer' },
		});
		const url = ((body.interactive as IDataObject).action as IDataObject).parameters as IDataObject;
		expect(body).toEqual({
			to: '+5215512345678',
			type: 'interactive',
			interactive: {
				type: 'cta_url',
				body: { text: QUESTION },
				action: { name: 'cta_url', parameters: { display_text: 'Answer', url: url.url } },
			},
		});
		expectSigned(String(url.url), {});
		const page = await answer(waiting, 'GET', String(url.url));
		expect(page.response.body).toContain('✓ Approve</button>');
		expect(page.response.body).toContain('✗ Decline</button>');
	});

	test('a label longer than 20 characters fails before sending', async () => {
		const watch = watchUnmatched();
		const waiting = await start({
			provider: 'whaapy',
			to: '+5215512345678',
			message: QUESTION,
			linkStyle: 'button',
			approvalOptions: {
				values: { approvalType: 'single', approveLabel: 'Approve this refund now' },
			},
		});
		expect(waiting.error?.message).toBe(
			'A button label has at most 20 characters, "Approve this refund now" has 23 (field "Approval Options → Approve Button Label", item 0)',
		);
		expect(watch.requests).toEqual([]);
		watch.stop();
	});
});

describe('Send and Wait: input errors before any request', () => {
	test('several input items, an empty message, a bad number', async () => {
		const watch = watchUnmatched();
		const many = await start({ provider: 'whaapy', to: '+5215512345678', message: QUESTION }, [
			{ a: 1 },
			{ a: 2 },
		]);
		expect(many.error?.message).toBe(
			'Send and Wait for Response sends one message and waits for one answer, but got 2 items',
		);
		const empty = await start({ provider: 'whaapy', to: '+5215512345678', message: '  ' });
		expect(empty.error?.message).toBe('Message is empty (field "Message", item 0)');
		const bad = await start({ provider: 'whaapy', to: '12', message: QUESTION });
		expect(bad.error?.message).toMatch(/^Invalid phone number: .*\(field "To", item 0\)$/);
		expect(watch.requests).toEqual([]);
		watch.stop();
	});

	test('a message too long for the provider with its links', async () => {
		const watch = watchUnmatched();
		const long = await start({
			provider: 'whaapy',
			to: '+5215512345678',
			message: 'x'.repeat(4000),
		});
		expect(long.error?.message).toMatch(
			/^The message with its answer links has 4\d{3} characters; Whaapy takes at most 4096 \(field "Message", item 0\)$/,
		);
		expect(watch.requests).toEqual([]);
		watch.stop();
	});
});
