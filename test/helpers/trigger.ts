/**
 * Drives the WhatsApp Gateway Trigger through n8n-core's real HookContext and WebhookContext:
 * credentials are applied by the credential classes (TestCredentialsHelper, as in workflow.ts),
 * HTTP goes through n8n-core's real request helpers (nock answers), static data lives on a real
 * Workflow, and the incoming request/response look like the Express objects n8n hands to webhook().
 */
import { HookContext, WebhookContext } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INode,
	INodeExecutionData,
	INodeType,
	INodeTypes,
	IWebhookData,
	IWebhookResponseData,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { WhatsAppGatewayTrigger } from '../../nodes/WhatsAppGateway/WhatsAppGatewayTrigger.node';
import { credentialTypeOf, TEST_CREDENTIALS, TestCredentialsHelper } from './workflow';

export const TRIGGER_TYPE = 'n8n-nodes-whatsapp-gateway.whatsAppGatewayTrigger';
export const WEBHOOK_ID = 'abc-123';
/** n8n's public URL in these tests (an IP: the WhatsApp API Engine refuses hosts without a dot). */
export const N8N_BASE = 'http://127.0.0.1:5678';
export const PRODUCTION_URL = `${N8N_BASE}/webhook/${WEBHOOK_ID}/webhook`;
export const TEST_URL = `${N8N_BASE}/webhook-test/${WEBHOOK_ID}/webhook`;


class TriggerNodeTypes implements INodeTypes {
	private readonly type: INodeType = new WhatsAppGatewayTrigger();

	getByName() {
		return this.type;
	}

	getByNameAndVersion() {
		return this.type;
	}

	getKnownTypes() {
		return {};
	}
}

export interface IncomingRequest {
	method?: 'GET' | 'POST';
	headers?: Record<string, string>;
	/** A string or Buffer is sent as it is; an object is sent as JSON. */
	body?: string | Buffer | IDataObject;
	query?: IDataObject;
	/** Which URL the request came to (defaults to the production URL). */
	url?: string;
}

export interface ReceiveResult {
	/** HTTP status the caller gets (200 unless the node answered itself). */
	status: number;
	/** What the node answered itself (401s), or its webhookResponse. */
	body: unknown;
	/** The node's answer. */
	result: IWebhookResponseData;
	/** Items that would start an execution (undefined: no execution). */
	items?: INodeExecutionData[];
}

export interface TriggerHarness {
	workflow: Workflow;
	node: INode;
	/** The node's static data (getWorkflowStaticData('node')). */
	staticData: () => IDataObject;
	checkExists: (opts?: { test?: boolean }) => Promise<boolean>;
	create: (opts?: { test?: boolean }) => Promise<boolean>;
	delete: (opts?: { test?: boolean }) => Promise<boolean>;
	/** What n8n does on activation: checkExists, then create when it answered false. */
	activate: (opts?: { test?: boolean }) => Promise<{ existed: boolean }>;
	receive: (request: IncomingRequest) => Promise<ReceiveResult>;
}

function additionalData(credentials: Record<string, ICredentialDataDecryptedObject>, base = N8N_BASE): IWorkflowExecuteAdditionalData {
	return {
		credentialsHelper: new TestCredentialsHelper(credentials),
		variables: {},
		restApiUrl: `${base}/rest`,
		webhookBaseUrl: `${base}/webhook`,
		webhookWaitingBaseUrl: `${base}/webhook-waiting`,
		webhookTestBaseUrl: `${base}/webhook-test`,
		instanceBaseUrl: `${base}`,
		formWaitingBaseUrl: `${base}/form-waiting`,
		executionId: 'trigger-test',
		setExecutionStatus: () => {},
		sendDataToUI: () => {},
	} as unknown as IWorkflowExecuteAdditionalData;
}

/** A fake Express response that records what the node sent. */
function fakeResponse() {
	const state: { status: number; body: unknown; sent: boolean } = { status: 200, body: undefined, sent: false };
	const res = {
		status(code: number) {
			state.status = code;
			return res;
		},
		json(body: unknown) {
			state.body = body;
			state.sent = true;
			return res;
		},
		send(body: unknown) {
			state.body = body;
			state.sent = true;
			return res;
		},
		end() {
			state.sent = true;
			return res;
		},
		setHeader() {
			return res;
		},
	};
	return { res, state };
}

let workflowCount = 0;

export function createTrigger(options: {
	parameters: IDataObject;
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	staticData?: IDataObject;
	/** n8n's public base URL (WEBHOOK_URL); default N8N_BASE. */
	baseUrl?: string;
}): TriggerHarness {
	const provider = String(options.parameters.provider);
	const credentialType = credentialTypeOf(provider);
	const node: INode = {
		id: 'trigger-node-1',
		name: 'WhatsApp Gateway Trigger',
		type: TRIGGER_TYPE,
		typeVersion: 1,
		position: [0, 0],
		webhookId: WEBHOOK_ID,
		parameters: options.parameters as INode['parameters'],
		credentials: credentialType ? { [credentialType]: { id: '1', name: 'test' } } : {},
	};
	const nodeTypes = new TriggerNodeTypes();
	const workflow = new Workflow({
		// A new id per trigger: the node remembers delivery keys per workflow and node.
		id: `wf-trigger-${++workflowCount}`,
		nodes: [node],
		connections: {},
		nodeTypes,
		active: true,
		staticData: options.staticData ?? {},
		settings: { executionOrder: 'v1' },
	});
	const data = additionalData(options.credentials ?? TEST_CREDENTIALS, options.baseUrl);
	const description = nodeTypes.getByName().description;

	const webhookData = (name: 'default' | 'setup', isTest: boolean): IWebhookData => {
		const webhookDescription = description.webhooks!.find((w) => w.name === name)!;
		return {
			httpMethod: webhookDescription.httpMethod as IWebhookData['httpMethod'],
			node: node.name,
			path: `${WEBHOOK_ID}/webhook`,
			webhookDescription,
			workflowId: workflow.id,
			workflowExecuteAdditionalData: data,
			isTest,
		};
	};

	const hook = async (method: 'checkExists' | 'create' | 'delete', test = false): Promise<boolean> => {
		const mode: WorkflowExecuteMode = test ? 'manual' : 'trigger';
		const context = new HookContext(workflow, node, data, mode, test ? 'manual' : 'activate', webhookData('default', test));
		const methods = (nodeTypes.getByName() as WhatsAppGatewayTrigger).webhookMethods.default;
		return await methods[method].call(context);
	};

	return {
		workflow,
		node,
		staticData: () => workflow.getStaticData('node', node),
		checkExists: async (o) => await hook('checkExists', o?.test),
		create: async (o) => await hook('create', o?.test),
		delete: async (o) => await hook('delete', o?.test),
		async activate(o) {
			const existed = await hook('checkExists', o?.test);
			if (!existed) await hook('create', o?.test);
			return { existed };
		},
		async receive(request) {
			const method = request.method ?? 'POST';
			const target = new URL(request.url ?? PRODUCTION_URL);
			for (const [k, v] of Object.entries(request.query ?? {})) target.searchParams.set(k, String(v));
			let rawBody: Buffer | undefined;
			let body: unknown = {};
			if (typeof request.body === 'string' || Buffer.isBuffer(request.body)) {
				rawBody = Buffer.isBuffer(request.body) ? request.body : Buffer.from(request.body, 'utf8');
				const text = rawBody.toString('utf8');
				const type = request.headers?.['content-type'] ?? 'application/json';
				if (/json/.test(type)) {
					try {
						body = JSON.parse(text);
					} catch {
						body = {};
					}
				} else if (/x-www-form-urlencoded/.test(type)) {
					body = Object.fromEntries(new URLSearchParams(text));
				}
			} else if (request.body !== undefined) {
				const text = JSON.stringify(request.body);
				rawBody = Buffer.from(text, 'utf8');
				body = JSON.parse(text);
			}
			const headers: Record<string, string> = { host: target.host };
			if (rawBody) headers['content-type'] = 'application/json';
			for (const [k, v] of Object.entries(request.headers ?? {})) headers[k.toLowerCase()] = v;
			const req = {
				method,
				headers,
				rawBody,
				body,
				query: Object.fromEntries(target.searchParams),
				originalUrl: `${target.pathname}${target.search}`,
				url: `${target.pathname}${target.search}`,
				protocol: target.protocol.replace(':', ''),
			};
			const { res, state } = fakeResponse();
			const isTest = target.pathname.startsWith('/webhook-test/');
			const hookData = { ...data, httpRequest: req, httpResponse: res } as unknown as IWorkflowExecuteAdditionalData;
			const name = method === 'GET' ? 'setup' : 'default';
			const context = new WebhookContext(
				workflow,
				node,
				hookData,
				isTest ? 'manual' : 'webhook',
				{ ...webhookData(name, isTest), workflowExecuteAdditionalData: hookData },
				[],
				null,
			);
			const result = await (nodeTypes.getByName() as WhatsAppGatewayTrigger).webhook.call(context);
			if (state.sent) return { status: state.status, body: state.body, result };
			return { status: 200, body: result.webhookResponse, result, items: result.workflowData?.[0] };
		},
	};
}
