/**
 * Runs a workflow through n8n-core's real WorkflowExecute (a small equivalent of n8n's own
 * NodeTestHarness). Credentials are applied by the credential classes' `authenticate` exactly as
 * n8n's CredentialsHelper does it (expressions resolved against `$credentials`), so a wrong
 * `authenticate` fails the tests.
 */
import { ExecutionLifecycleHooks, LoadOptionsContext, WorkflowExecute } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	IDeferredPromise,
	IExecuteData,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeExecutionData,
	INodeType,
	INodeTypes,
	IRun,
	IRunExecutionData,
	IWorkflowExecuteAdditionalData,
	Workflow as WorkflowType,
} from 'n8n-workflow';
import { createDeferredPromise, ICredentialsHelper, Workflow } from 'n8n-workflow';

import { WhatsAppGateway } from '../../nodes/WhatsAppGateway/WhatsAppGateway.node';
import { PROVIDERS } from '../../nodes/WhatsAppGateway/providers';
import packageJson from '../../package.json';

export const NODE_TYPE = 'n8n-nodes-whatsapp-gateway.whatsAppGateway';

/**
 * The credential types n8n would load: the package.json `n8n.credentials` list (as n8n's loader
 * reads it), each entry's source file under credentials/. More can be registered (test fixtures).
 */
export const CREDENTIAL_TYPES: Record<string, ICredentialType> = {};
export function registerCredentialType(type: ICredentialType): void {
	CREDENTIAL_TYPES[type.name] = type;
}
for (const entry of packageJson.n8n.credentials) {
	const file = entry.replace(/^dist\//, '../../').replace(/\.js$/, '');
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const exports = require(file) as Record<string, new () => ICredentialType>;
	for (const Type of Object.values(exports)) registerCredentialType(new Type());
}

/** Test credentials per provider; base URLs point at nock hosts. */
export const TEST_CREDENTIALS: Record<string, ICredentialDataDecryptedObject> = {
	whatsAppGatewayInnovaApi: { baseUrl: 'https://innova.test', apiKey: 'innova-secret-key-123' },
	whatsAppGatewaySevenApi: {
		apiKey: 'seven-secret-key-456',
		signingKey: 'seven-signing-789',
		baseUrl: 'https://gateway.seven.io',
	},
	whatsAppGatewayWhaapyApi: { apiKey: 'wha_testsecretkey0001', baseUrl: 'https://api.whaapy.com' },
	whatsAppGatewayEngineApi: {
		baseUrl: 'http://engine.test:3000/',
		apiKey: 'engine-secret-key-000',
	},
	whatsAppGatewayDecisionTelecomApi: {
		accessKey: 'decision-hash-key-abc',
		keyIsBase64: false,
		baseUrl: 'https://web.it-decision.com',
	},
};

export const ALL_SECRETS = [
	'innova-secret-key-123',
	'seven-secret-key-456',
	'seven-signing-789',
	'wha_testsecretkey0001',
	'engine-secret-key-000',
	'decision-hash-key-abc',
	Buffer.from('decision-hash-key-abc').toString('base64'),
];

/** The credential type of a provider, from its adapter (registered providers included). */
export function credentialTypeOf(provider: string): string | undefined {
	return PROVIDERS.find((adapter) => adapter.id === provider)?.credentialType;
}

export class TestCredentialsHelper extends ICredentialsHelper {
	constructor(private readonly data: Record<string, ICredentialDataDecryptedObject>) {
		super();
	}

	getParentTypes(): string[] {
		return [];
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions,
		workflow: WorkflowType,
		node: INode,
	): Promise<IHttpRequestOptions> {
		const type = CREDENTIAL_TYPES[typeName];
		const authenticate = type?.authenticate;
		if (!authenticate) return requestOptions;
		if (typeof authenticate === 'function') return await authenticate(credentials, requestOptions);
		// Generic: resolve each key/value with `$credentials`, as n8n's CredentialsHelper does.
		const options = requestOptions as unknown as Record<string, IDataObject>;
		for (const [outerKey, outerValue] of Object.entries(authenticate.properties)) {
			for (const [key, value] of Object.entries(outerValue as IDataObject)) {
				const resolve = (v: unknown) =>
					workflow.expression.getSimpleParameterValue(
						node,
						v as string,
						'internal',
						{ $credentials: credentials },
						undefined,
						v as string,
					);
				options[outerKey] = options[outerKey] ?? {};
				options[outerKey][String(resolve(key))] = resolve(value) as string;
			}
		}
		return requestOptions;
	}

	async preAuthentication() {
		return undefined;
	}

	async runPreAuthentication() {
		return undefined;
	}

	getCredentialsProperties() {
		return [];
	}

	async getDecrypted(
		_data: IWorkflowExecuteAdditionalData,
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
	) {
		const found = this.data[type];
		if (!found) throw new Error(`No test credentials of type ${type}`);
		return found;
	}

	async getCredentials(): Promise<never> {
		throw new Error('not used');
	}

	async updateCredentials() {}

	async updateCredentialsOauthTokenData() {}
}

class TestNodeTypes implements INodeTypes {
	private readonly types: Record<string, INodeType> = { [NODE_TYPE]: new WhatsAppGateway() };

	getByName(name: string) {
		return this.types[name];
	}

	getByNameAndVersion(name: string) {
		return this.types[name];
	}

	getKnownTypes() {
		return {};
	}
}

/** What n8n passes to node contexts; only the parts the WhatsApp Gateway nodes touch are real. */
export function testAdditionalData(
	hooks: ExecutionLifecycleHooks | undefined,
	credentials: Record<string, ICredentialDataDecryptedObject>,
): IWorkflowExecuteAdditionalData {
	return {
		hooks,
		credentialsHelper: new TestCredentialsHelper(credentials),
		variables: {},
		restApiUrl: 'http://localhost:5678/rest',
		webhookBaseUrl: 'http://localhost:5678/webhook',
		webhookWaitingBaseUrl: 'http://localhost:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://localhost:5678/webhook-test',
		instanceBaseUrl: 'http://localhost:5678',
		formWaitingBaseUrl: 'http://localhost:5678/form-waiting',
		currentNodeParameters: undefined,
		executeWorkflow: async () => ({ data: [], executionId: '' }),
		getRunExecutionData: async () => undefined,
		logAiEvent: () => {},
		startRunnerTask: async () => ({ ok: false }),
		setExecutionStatus: () => {},
		sendDataToUI: () => {},
	} as unknown as IWorkflowExecuteAdditionalData;
}

/** n8n-core lifecycle hooks for a one-node workflow, and a promise of the finished run. */
export function executionHooks(
	mode: 'manual' | 'webhook',
	executionId: string,
	workflow: { id: string; name: string },
	node: INode,
): { hooks: ExecutionLifecycleHooks; done: IDeferredPromise<IRun> } {
	const hooks = new ExecutionLifecycleHooks(mode, executionId, {
		...workflow,
		active: false,
		nodes: [node],
		connections: {},
		createdAt: new Date(),
		updatedAt: new Date(),
		isArchived: false,
		activeVersionId: null,
	} as never);
	const done = createDeferredPromise<IRun>();
	hooks.addHandler('workflowExecuteAfter', (run: IRun) => done.resolve(run));
	return { hooks, done };
}

export interface RunOptions {
	/** Node parameters of the WhatsApp Gateway node. */
	parameters: IDataObject;
	/** Input items (json only, or full INodeExecutionData). */
	items?: Array<IDataObject | INodeExecutionData>;
	continueOnFail?: boolean;
	credentials?: Record<string, ICredentialDataDecryptedObject>;
}

export interface RunResult {
	run: IRun;
	/** Output items of the node (main output 0), undefined when the node failed. */
	output?: INodeExecutionData[];
	/** The error the node stopped with. */
	error?: Error & { description?: string; context?: IDataObject; httpCode?: string };
}

/** Executes one WhatsApp Gateway node with the given input items in n8n-core's WorkflowExecute. */
export async function runNode(options: RunOptions): Promise<RunResult> {
	const provider = String(options.parameters.provider);
	const credentialType = credentialTypeOf(provider);
	const node: INode = {
		id: 'node-1',
		name: 'WhatsApp Gateway',
		type: NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: options.parameters as INode['parameters'],
		credentials: credentialType ? { [credentialType]: { id: '1', name: 'test' } } : {},
		...(options.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
	};
	const workflow = new Workflow({
		id: 'test',
		nodes: [node],
		connections: {},
		nodeTypes: new TestNodeTypes(),
		active: false,
		settings: { executionOrder: 'v1' },
	});

	const { hooks, done } = executionHooks('manual', '1', { id: 'test', name: 'test' }, node);

	const additionalData = testAdditionalData(hooks, options.credentials ?? TEST_CREDENTIALS);

	const inputItems: INodeExecutionData[] = (options.items ?? [{}]).map((item) =>
		'json' in item && typeof item.json === 'object'
			? (item as INodeExecutionData)
			: { json: item as IDataObject },
	);
	const executeData: IExecuteData = { node, data: { main: [inputItems] }, source: null };
	const runExecutionData: IRunExecutionData = {
		startData: {},
		resultData: { runData: {} },
		executionData: {
			contextData: {},
			metadata: {},
			nodeExecutionStack: [executeData],
			waitingExecution: {},
			waitingExecutionSource: {},
		},
	} as IRunExecutionData;

	const execute = new WorkflowExecute(additionalData, 'manual', runExecutionData);
	await execute.processRunExecutionData(workflow);
	const run = await done.promise;
	const taskData = run.data.resultData.runData[node.name]?.[0];
	const error = (taskData?.error ?? run.data.resultData.error) as RunResult['error'];
	return { run, output: taskData?.data?.main?.[0] ?? undefined, error };
}

/** Every string in the run (outputs, errors, descriptions), for leak checks. */
export function everyString(value: unknown, seen = new Set<unknown>()): string[] {
	if (typeof value === 'string') return [value];
	if (!value || typeof value !== 'object' || seen.has(value)) return [];
	seen.add(value);
	const own = value instanceof Error ? [value.message, value.stack ?? ''] : [];
	return [
		...own,
		...Object.values(value as object).flatMap((v) => everyString(v, seen)),
		...Object.getOwnPropertyNames(value)
			.filter((k) => k === 'description')
			.map((k) => String((value as Record<string, unknown>)[k])),
	];
}

/**
 * Runs one of the node's listSearch methods as the editor does (n8n-core's LoadOptionsContext with
 * the node's current parameters), with credentials applied by n8n's own code.
 */
export async function runListSearch(
	method: 'searchTemplates' | 'searchWebhooks',
	parameters: IDataObject,
	filter?: string,
	paginationToken?: string,
	credentials: Record<string, ICredentialDataDecryptedObject> = TEST_CREDENTIALS,
) {
	const provider = String(parameters.provider);
	const credentialType = credentialTypeOf(provider);
	const node: INode = {
		id: 'node-1',
		name: 'WhatsApp Gateway',
		type: NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: parameters as INode['parameters'],
		credentials: credentialType ? { [credentialType]: { id: '1', name: 'test' } } : {},
	};
	const workflow = new Workflow({
		id: 'test',
		nodes: [node],
		connections: {},
		nodeTypes: new TestNodeTypes(),
		active: false,
	});
	const additionalData = testAdditionalData(undefined, credentials);
	additionalData.currentNodeParameters = parameters as INode['parameters'];
	const context = new LoadOptionsContext(workflow, node, additionalData, 'parameters');
	const node_ = new WhatsAppGateway();
	return await node_.methods.listSearch[method].call(context, filter, paginationToken);
}
