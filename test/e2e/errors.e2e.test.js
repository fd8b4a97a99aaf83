'use strict';
/**
 * Failures as a user meets them in real n8n (every supported version), with the sandbox provider:
 *   - "Continue (using regular output)": a provider refusal (24-hour window) and a bad number become
 *     error items for their rows while the other rows are sent; the bad number never reaches the provider.
 *   - a wrong API key stops the workflow with the provider's error, and the key appears nowhere in
 *     the execution n8n stores.
 */
const { bootProject, VERSIONS, nodeOutput, nodeItems, env } = require('./harness/project');

const SEND = 'Send order ready text';
const BAD_KEY = 'sandbox-wrong-key-e2e-0001';
const BAD_CREDENTIAL = { id: 'wagBadKeySeven01', name: 'seven.io wrong key', type: 'whatsAppGatewaySevenApi' };

function rowsJson(rows) {
	return `${JSON.stringify({ rows }, null, 2)}\n`;
}

function workflows(sandboxUrl) {
	const base = env.loadExample('send-text-to-list', sandboxUrl);

	const partial = env.withProvider(base, 'whaapy', { id: 'exErrContinue001', name: 'errors: continue on fail' });
	partial.nodes.find((n) => n.name === 'Customer rows').parameters.jsonOutput = rowsJson([
		{ name: 'Ana', phone: '+57 300 123 4567', order: 'A-1' },
		{ name: 'Old', phone: '+57 300 000 0047', order: 'A-2' }, // sandbox: outside the 24-hour window
		{ name: 'Typo', phone: '12', order: 'A-3' },
	]);
	partial.nodes.find((n) => n.name === SEND).onError = 'continueRegularOutput';

	const badKey = env.withProvider(base, 'seven', { id: 'exErrBadKey00001', name: 'errors: wrong key' });
	badKey.nodes.find((n) => n.name === SEND).credentials = {
		whatsAppGatewaySevenApi: { id: BAD_CREDENTIAL.id, name: BAD_CREDENTIAL.name },
	};
	return [partial, badKey];
}

describe.each(VERSIONS)('errors on n8n %s', (version) => {
	let p;

	beforeAll(async () => {
		p = await bootProject(version, {
			workflows,
			credentials: (url) => [
				...env.sandboxCredentials(url),
				{ ...BAD_CREDENTIAL, data: { apiKey: BAD_KEY, signingKey: '', baseUrl: `${url}/seven` } },
			],
		});
	});

	afterAll(async () => {
		if (p) await p.close();
	});

	test('continue on fail: provider refusal and bad number become error items, other rows are sent', async () => {
		p.clearRequests();
		const run = await p.n8n.executeRaw('exErrContinue001');
		expect(run.execution.data.resultData.error).toBeUndefined();

		const sent = p.requests({ provider: 'whaapy' });
		expect(sent.map((r) => [r.json.to, r.status]).sort()).toEqual([
			['+573000000047', 400],
			['+573001234567', 200],
		]);

		const items = nodeItems(run.execution, SEND);
		expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		const [ok, refused, invalid] = nodeOutput(run.execution, SEND);
		expect(ok).toMatchObject({ provider: 'whaapy', to: '+573001234567', status: 'sent', type: 'text' });
		expect(refused).toMatchObject({ provider: 'whaapy', kind: 'window24h', httpStatus: 400, providerCode: '131047', itemIndex: 1 });
		expect(refused.error).toMatch(/^Whaapy/);
		expect(typeof refused.description).toBe('string');
		expect(invalid).toMatchObject({ provider: 'whaapy', kind: 'input', itemIndex: 2 });
		expect(invalid.error).toMatch(/\(field "To", item 2\)$/);
	});

	test('wrong API key: the workflow stops with the provider error; the key is nowhere in the execution', async () => {
		p.clearRequests();
		const run = await p.n8n.executeRaw('exErrBadKey00001');
		expect(run.code).not.toBe(0);
		const error = run.execution.data.resultData.error;
		expect(error).toBeDefined();
		expect(error.message).toMatch(/^seven\.io/);
		expect(run.execution.data.resultData.lastNodeExecuted).toBe(SEND);
		// seven answers a bad key with HTTP 200 and the body "900": the node must not call that a success.
		const sent = p.requests({ provider: 'seven' });
		expect(sent.length).toBeGreaterThanOrEqual(1);
		expect(sent[0].headers['x-api-key']).toBe(BAD_KEY);
		expect(JSON.stringify(run.execution)).not.toContain(BAD_KEY);
		expect(run.stdout + run.stderr).not.toContain(BAD_KEY);
	});
});
