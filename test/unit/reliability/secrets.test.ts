/**
 * No API key or signing key in any output, error message, error description or log line, even
 * when a provider echoes the key back (in an error body, an HTML page, a header echo), across
 * every fault of the reliability suite. Logs: console and n8n's LoggerProxy are captured.
 */
jest.mock('n8n-workflow', () => {
	const actual = jest.requireActual('n8n-workflow');
	return { ...actual, sleep: jest.fn(async () => undefined) };
});

import type { IDataObject } from 'n8n-workflow';
import { LoggerProxy } from 'n8n-workflow';

import { WhatsAppGateway } from '../../../nodes/WhatsAppGateway/WhatsAppGateway.node';
import { ALL_SECRETS, everyString, TEST_CREDENTIALS } from '../../helpers/workflow';
import { FIXTURES, PROVIDER_IDS, providerScope, runNode, sendParams, socketError } from './fixtures';

const KEYS: Record<string, string[]> = {
	innova: [String(TEST_CREDENTIALS.whatsAppGatewayInnovaApi.apiKey)],
	seven: [String(TEST_CREDENTIALS.whatsAppGatewaySevenApi.apiKey), String(TEST_CREDENTIALS.whatsAppGatewaySevenApi.signingKey)],
	whaapy: [String(TEST_CREDENTIALS.whatsAppGatewayWhaapyApi.apiKey)],
	engine: [String(TEST_CREDENTIALS.whatsAppGatewayEngineApi.apiKey)],
	decisionTelecom: [
		String(TEST_CREDENTIALS.whatsAppGatewayDecisionTelecomApi.accessKey),
		Buffer.from(String(TEST_CREDENTIALS.whatsAppGatewayDecisionTelecomApi.accessKey)).toString('base64'),
	],
};

const logLines: string[] = [];
const capture = (...args: unknown[]) => void logLines.push(args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a) ?? String(a))).join(' '));
const logger = { error: capture, warn: capture, info: capture, debug: capture, verbose: capture };

beforeAll(() => {
	LoggerProxy.init(logger as never);
	for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) jest.spyOn(console, method).mockImplementation(capture);
});

afterAll(() => {
	jest.restoreAllMocks();
});

/** Answers that echo the credential back in every place a provider could. */
function echoes(provider: string): Array<[string, number, string | IDataObject, Record<string, string>?]> {
	const [key, second] = KEYS[provider];
	const all = [key, second].filter(Boolean).join(' / ');
	return [
		['e-body', 401, { success: false, message: `Invalid API key ${all}`, error: `key=${key}`, error_message: `bad ${key}` }],
		['e-auth-echo', 400, { error: 'bad_request', message: `Authorization: Bearer ${key}`, headers: { authorization: `Bearer ${key}`, 'x-api-key': key } }],
		['e-basic', 403, { message: `Basic ${Buffer.from(key).toString('base64')}`, code: 'forbidden' }],
		['e-html', 502, `<html><head><title>Gateway for ${key}</title></head><body>${all}</body></html>`, { 'Content-Type': 'text/html' }],
		['e-2xx', 200, { success: false, error: `key ${key} disabled`, code: 1, status: 400, name: 'x', message: `key ${key} disabled` }],
		['e-text', 500, `upstream said ${all}`, { 'Content-Type': 'text/plain' }],
		['e-429', 429, { message: `slow down ${key}` }, { 'Retry-After': '1' }],
	];
}

describe.each(PROVIDER_IDS)('%s', (provider) => {
	test('echoed keys never reach outputs, errors, descriptions or logs', async () => {
		logLines.length = 0;
		const p = providerScope(provider);
		const cases = echoes(provider);
		for (const [text, status, body, headers] of cases) p.send(text).times(text === 'e-429' ? 6 : 1).reply(status, body, headers);
		p.send('e-reset').replyWithError(socketError('ECONNRESET', `socket hang up ${KEYS[provider][0]}`));
		p.send('ok').reply(200, FIXTURES[provider].ok);
		const texts = [...cases.map(([text]) => text), 'e-reset', 'ok'];

		const withCof = await runNode({ parameters: sendParams(provider), items: texts.map((text) => ({ text })), continueOnFail: true });
		expect(withCof.output).toHaveLength(texts.length);
		// Every error item really carries the provider's text (redacted), so the check is not vacuous.
		const errors = withCof.output!.filter((o) => o.json.error !== undefined);
		expect(errors.length).toBe(texts.length - 1);
		expect(errors.some((o) => String(o.json.description).includes('***'))).toBe(true);

		// Without Continue On Fail: the thrown error, with its context and response body.
		const thrown = await Promise.all(
			cases.slice(0, 3).map(async ([text, status, body]) => {
				providerScope(provider).send(text).reply(status, body);
				return await runNode({ parameters: sendParams(provider), items: [{ text }] });
			}),
		);
		for (const run of thrown) expect(run.error).toBeDefined();

		const strings = [
			...everyString(withCof.run),
			...everyString(withCof.output),
			...thrown.flatMap((run) => [...everyString(run.run), ...everyString(run.error), String(run.error?.description), JSON.stringify(run.error?.context)]),
			...logLines,
			JSON.stringify(new WhatsAppGateway().description),
		];
		for (const secret of ALL_SECRETS) {
			const leaks = strings.filter((s) => s.includes(secret));
			expect({ secret, leaks }).toEqual({ secret, leaks: [] });
		}
	});
});
