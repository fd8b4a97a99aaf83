/**
 * Send and Wait for Response through n8n-core's real WorkflowExecute and WebhookContext, the way
 * n8n's server drives it:
 *   1. `start()` runs the node until it puts the execution to wait (the provider request goes to nock);
 *   2. `answer()` calls the node's webhook() in a WebhookContext built from the waiting execution
 *      (as n8n's WaitingWebhooks does), with a fake request/response;
 *   3. `resume()` continues the execution with the webhook's data (the waiting node disabled and its
 *      input replaced, as WaitingWebhooks/executeWebhook do) or, without data, as n8n's wait tracker
 *      does when the wait time is over.
 * Between steps the execution data goes through JSON, like n8n's database.
 */
import { ExecutionLifecycleHooks, WebhookContext, WorkflowExecute } from 'n8n-core';
import type {
	IDataObject,
	INode,
	INodeExecutionData,
	INodeType,
	INodeTypes,
	IRun,
	IRunExecutionData,
	IWebhookData,
	IWebhookResponseData,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { WhatsAppGateway } from '../../nodes/WhatsAppGateway/WhatsAppGateway.node';
import {
	credentialTypeOf,
	executionHooks,
	NODE_TYPE,
	TEST_CREDENTIALS,
	testAdditionalData,
} from './workflow';

export const EXECUTION_ID = '4711';
export const NODE_ID = 'c0ffee00-aaaa-4bbb-8ccc-000000000001';
export const WAITING_BASE = 'http://localhost:5678/webhook-waiting';

class NodeTypes implements INodeTypes {
	private readonly type = new WhatsAppGateway();
	getByName(): INodeType {
		return this.type;
	}
	getByNameAndVersion(): INodeType {
		return this.type;
	}
	getKnownTypes() {
		return {};
	}
}

export interface WaitingRun {
	run: IRun;
	node: INode;
	workflow: Workflow;
	/** The execution as n8n stores it while waiting (JSON round trip). */
	stored: IRunExecutionData;
	/** Output of the node in the waiting run. */
	output?: INodeExecutionData[];
	error?: Error & { description?: string };
}

function additionalData(hooks?: ExecutionLifecycleHooks): IWorkflowExecuteAdditionalData {
	const data = testAdditionalData(hooks, TEST_CREDENTIALS);
	(data as { executionId?: string }).executionId = EXECUTION_ID;
	return data;
}

function hooksFor(node: INode) {
	return executionHooks('webhook', EXECUTION_ID, { id: 'wf-wait', name: 'send and wait' }, node);
}

function clone<T>(value: T): T {
	return JSON.parse(JSON.stringify(value)) as T;
}

/** Runs the node with `parameters` and one input item (or `items`) until it waits (or fails). */
export async function start(
	parameters: IDataObject,
	items: IDataObject[] = [{ order: 'A-1042' }],
	options: { continueOnFail?: boolean } = {},
): Promise<WaitingRun> {
	const provider = String(parameters.provider);
	const node: INode = {
		id: NODE_ID,
		name: 'Ask',
		type: NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: {
			resource: 'message',
			operation: 'sendAndWait',
			...parameters,
		} as INode['parameters'],
		credentials: { [credentialTypeOf(provider) ?? '']: { id: '1', name: 'test' } },
		...(options.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
	};
	const workflow = new Workflow({
		id: 'wf-wait',
		nodes: [node],
		connections: {},
		nodeTypes: new NodeTypes(),
		active: false,
		settings: { executionOrder: 'v1' },
	});
	const { hooks, done } = hooksFor(node);
	const runExecutionData = {
		startData: {},
		resultData: { runData: {} },
		executionData: {
			contextData: {},
			metadata: {},
			nodeExecutionStack: [
				{ node, data: { main: [items.map((json) => ({ json }))] }, source: null },
			],
			waitingExecution: {},
			waitingExecutionSource: {},
		},
	} as unknown as IRunExecutionData;
	const execute = new WorkflowExecute(additionalData(hooks), 'webhook', runExecutionData);
	await execute.processRunExecutionData(workflow);
	const run = await done.promise;
	const task = run.data.resultData.runData[node.name]?.[0];
	return {
		run,
		node,
		workflow,
		stored: clone(run.data),
		output: task?.data?.main?.[0] ?? undefined,
		error: (task?.error ?? run.data.resultData.error) as WaitingRun['error'],
	};
}

export interface FakeResponse {
	status: number;
	headers: Record<string, string>;
	body?: string;
}

export interface Answer {
	result: IWebhookResponseData;
	/** What the node wrote itself to the response (pages); undefined when n8n answers. */
	response: FakeResponse;
}

/** Calls the node's webhook() for a request to `url` (one of the links), as n8n's waiting webhook does. */
export async function answer(
	waiting: WaitingRun,
	method: 'GET' | 'POST',
	url: string,
	body?: IDataObject,
): Promise<Answer> {
	const parsed = new URL(url);
	const response: FakeResponse = { status: 200, headers: {} };
	const res = {
		status(code: number) {
			response.status = code;
			return res;
		},
		setHeader(name: string, value: string) {
			response.headers[name.toLowerCase()] = value;
			return res;
		},
		send(text: string) {
			response.body = text;
			return res;
		},
	};
	const req = {
		method,
		url: `${parsed.pathname}${parsed.search}`,
		query: Object.fromEntries(parsed.searchParams.entries()),
		headers: { host: parsed.host, 'user-agent': 'Mozilla/5.0 (jest)' },
		body: body ?? {},
	};
	const data = additionalData();
	(data as unknown as IDataObject).httpRequest = req;
	(data as unknown as IDataObject).httpResponse = res;
	const runExecutionData = clone(waiting.stored);
	const webhookData = {
		httpMethod: method,
		node: waiting.node.name,
		path: waiting.node.id,
		webhookDescription: {
			name: 'default',
			httpMethod: method,
			path: '={{ $nodeId }}',
			restartWebhook: true,
		},
		workflowId: 'wf-wait',
		workflowExecuteAdditionalData: data,
	} as unknown as IWebhookData;
	const context = new WebhookContext(
		waiting.workflow,
		waiting.node,
		data,
		'webhook' as WorkflowExecuteMode,
		webhookData,
		[],
		runExecutionData,
	);
	const result = await new WhatsAppGateway().webhook.call(context);
	return { result, response };
}

/**
 * Continues the waiting execution: with `workflowData` as n8n does after an answer, without it as
 * n8n's wait tracker does once the wait time is over. Resolves the node's output items.
 */
export async function resume(
	waiting: WaitingRun,
	workflowData?: INodeExecutionData[][],
): Promise<{ run: IRun; output: INodeExecutionData[] }> {
	const stored = clone(waiting.stored);
	if (workflowData) {
		const stack = stored.executionData!.nodeExecutionStack;
		stack[0].node.disabled = true;
		stored.waitTill = undefined;
		stored.resultData.runData[waiting.node.name].pop();
		stack[0].data.main = workflowData;
	}
	const { hooks, done } = hooksFor(waiting.node);
	const execute = new WorkflowExecute(additionalData(hooks), 'webhook', stored);
	await execute.processRunExecutionData(waiting.workflow);
	const run = await done.promise;
	const runs = run.data.resultData.runData[waiting.node.name];
	return { run, output: runs[runs.length - 1].data!.main[0]! };
}

/** The answer links in a WhatsApp text ("*Label:* url" lines). */
export function linksIn(text: string): Array<{ label: string; url: string }> {
	return [...text.matchAll(/\*([^*\n]+):\* (\S+)/g)].map((m) => ({ label: m[1], url: m[2] }));
}
