'use strict';
/**
 * A stopped run says what was sent, in real n8n (every supported version): five seven.io sends,
 * one at a time (Concurrency 1, so the outcome does not depend on timing); the third recipient is
 * the sandbox's server-error number (HTTP 500 with body code 500, which the seven adapter reads as
 * seven's code 500, "Insufficient credits"). The run stops there, and the error n8n stores lists the two
 * items sent with the message IDs the provider gave, and the two not sent, in its description and
 * context.
 */
const { bootProject, VERSIONS, NODE_TYPE, env } = require('./harness/project');

const SEND = 'Send';
const NUMBERS = ['573010000013', '573010000023', '573000000500', '573010000033', '573010000043'];

function workflow() {
	const seven = env.PROVIDERS.seven;
	return {
		id: 'exStoppedRun0001',
		name: 'stopped run says what was sent',
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			{ id: 'sr-start', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{
				id: 'sr-items',
				name: 'Items',
				type: 'n8n-nodes-base.code',
				typeVersion: 2,
				position: [220, 0],
				parameters: { jsCode: `return ${JSON.stringify(NUMBERS)}.map((to, i) => ({ json: { to, text: 'stop test ' + i } }));` },
			},
			{
				id: 'sr-send',
				name: SEND,
				type: NODE_TYPE,
				typeVersion: 1,
				position: [440, 0],
				parameters: {
					provider: 'seven',
					resource: 'message',
					operation: 'send',
					sevenFrom: '4915112345678',
					to: '={{ $json.to }}',
					messageType: 'text',
					text: '={{ $json.text }}',
					options: { concurrency: 1 },
				},
				credentials: { [seven.credentialType]: { id: seven.id, name: seven.name } },
			},
		],
		connections: {
			Start: { main: [[{ node: 'Items', type: 'main', index: 0 }]] },
			Items: { main: [[{ node: SEND, type: 'main', index: 0 }]] },
		},
	};
}

describe.each(VERSIONS)('stopped run on n8n %s', (version) => {
	let p;

	beforeAll(async () => {
		p = await bootProject(version, { workflows: [workflow()] });
	});

	afterAll(async () => {
		if (p) await p.close();
	});

	test('the error lists the items sent with their message IDs and the items not sent', async () => {
		p.clearRequests();
		const run = await p.n8n.executeRaw('exStoppedRun0001');
		const sent = p.requests({ provider: 'seven' }).filter((r) => r.path === '/api/waba/messages');
		expect(sent.map((r) => [r.json.to, r.status])).toEqual([
			[NUMBERS[0], 200],
			[NUMBERS[1], 200],
			[NUMBERS[2], 500],
		]);
		const runs = run.execution.data.resultData.runData[SEND];
		const error = runs[runs.length - 1].error;
		expect(error.message).toBe('seven.io: Insufficient credits');
		const listed = /The run stopped at item 2\. Already sent, skip them when you re-run \(2\): item 0 \(message ID (\S+)\), 1 \(message ID (\S+)\)\. Not sent: 3–4\./.exec(
			error.description,
		);
		expect(listed).not.toBeNull();
		const ids = [listed[1], listed[2]];
		expect(new Set(ids).size).toBe(2);
		expect(error.context).toMatchObject({
			stoppedAtItem: 2,
			sentItems: [
				{ item: 0, messageId: ids[0] },
				{ item: 1, messageId: ids[1] },
			],
			failedItems: [{ item: 2, error: 'seven.io: Insufficient credits' }],
			notSentItems: '3–4',
		});
	});
});
