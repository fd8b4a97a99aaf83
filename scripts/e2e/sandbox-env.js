'use strict';
/**
 * What the examples, `npm run dev` and the e2e tests share: the sandbox credentials (fixed ids,
 * so imported example workflows find them) and the loader that points examples at a sandbox.
 * Plain CommonJS, Node built-ins only.
 */
const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..', '..');
const EXAMPLES_DIR = path.join(ROOT, 'examples');
/** The sandbox URL written in the example files (the sandbox's default port). */
const EXAMPLE_SANDBOX_URL = 'http://127.0.0.1:8790';

/** Keys the sandbox accepts by default (sandbox/server.js DEFAULT_KEYS). */
const SANDBOX_KEYS = {
	innova: 'sandbox-innova-key',
	seven: 'sandbox-seven-key',
	sevenSigning: 'sandbox-seven-signing-key',
	whaapy: 'wha_sandboxkey000000000000',
	engine: 'sandbox-engine-key',
	decision: 'sandbox-decision-key',
};

/** provider id (node's Provider parameter) → credential used by the examples. */
const PROVIDERS = {
	innova: { credentialType: 'whatsAppGatewayInnovaApi', id: 'wagSandboxInnova', name: 'InnovaAPI sandbox' },
	seven: { credentialType: 'whatsAppGatewaySevenApi', id: 'wagSandboxSeven0', name: 'seven.io sandbox' },
	whaapy: { credentialType: 'whatsAppGatewayWhaapyApi', id: 'wagSandboxWhaapy', name: 'Whaapy sandbox' },
	engine: { credentialType: 'whatsAppGatewayEngineApi', id: 'wagSandboxEngine', name: 'WhatsApp API Engine sandbox' },
	decisionTelecom: { credentialType: 'whatsAppGatewayDecisionTelecomApi', id: 'wagSandboxDecisn', name: 'DecisionTelecom sandbox' },
};

/** Provider-only send fields the examples fill in (sender number / name). */
const PROVIDER_SEND_PARAMS = {
	seven: { sevenFrom: '4915112345678' },
	decisionTelecom: { decisionSourceAddr: 'Sandbox Shop' },
};
/** The trigger's "Events" for inbound messages, per provider with a webhook API. */
const TRIGGER_MESSAGE_EVENTS = { seven: ['wa_mo'], whaapy: ['message.received'], engine: ['message'] };
const ALL_PROVIDER_PARAM_NAMES = Object.values(PROVIDER_SEND_PARAMS).flatMap((p) => Object.keys(p));

/** Credentials for `n8n import:credentials` (plain data; n8n encrypts on import). */
function sandboxCredentials(sandboxUrl = EXAMPLE_SANDBOX_URL, keys = SANDBOX_KEYS) {
	const u = sandboxUrl.replace(/\/+$/, '');
	const data = {
		innova: { baseUrl: `${u}/innova`, apiKey: keys.innova },
		seven: { apiKey: keys.seven, signingKey: keys.sevenSigning, baseUrl: `${u}/seven` },
		whaapy: { apiKey: keys.whaapy, baseUrl: `${u}/whaapy` },
		engine: { baseUrl: `${u}/engine`, apiKey: keys.engine },
		decisionTelecom: { accessKey: keys.decision, keyIsBase64: false, baseUrl: `${u}/decision` },
	};
	return Object.entries(PROVIDERS).map(([provider, c]) => ({
		id: c.id,
		name: c.name,
		type: c.credentialType,
		data: data[provider],
	}));
}

/** Example file names (without .json), sorted. */
function listExamples() {
	return fs
		.readdirSync(EXAMPLES_DIR)
		.filter((f) => f.endsWith('.json'))
		.map((f) => f.slice(0, -5))
		.sort();
}

/** An example workflow object, with its sandbox URLs pointed at `sandboxUrl`. */
function loadExample(name, sandboxUrl = EXAMPLE_SANDBOX_URL) {
	const text = fs.readFileSync(path.join(EXAMPLES_DIR, `${name}.json`), 'utf8');
	return JSON.parse(text.split(EXAMPLE_SANDBOX_URL).join(sandboxUrl.replace(/\/+$/, '')));
}

/**
 * A copy of `workflow` whose WhatsApp Gateway nodes (all, or those named in `nodeNames`) use
 * `provider` and its sandbox credential instead. `id` and `name` of the copy are given.
 */
function withProvider(workflow, provider, { id, name, nodeNames } = {}) {
	const c = PROVIDERS[provider];
	if (!c) throw new Error(`unknown provider ${provider}`);
	const wf = JSON.parse(JSON.stringify(workflow));
	if (id) wf.id = id;
	if (name) wf.name = name;
	for (const node of wf.nodes) {
		if (node.type === 'n8n-nodes-whatsapp-gateway.whatsAppGatewayTrigger') {
			if (nodeNames && !nodeNames.includes(node.name)) continue;
			node.parameters.provider = provider;
			if (TRIGGER_MESSAGE_EVENTS[provider]) node.parameters.events = [...TRIGGER_MESSAGE_EVENTS[provider]];
			else delete node.parameters.events;
			node.credentials = { [c.credentialType]: { id: c.id, name: c.name } };
			continue;
		}
		if (node.type !== 'n8n-nodes-whatsapp-gateway.whatsAppGateway') continue;
		if (nodeNames && !nodeNames.includes(node.name)) continue;
		node.parameters.provider = provider;
		const sends = node.parameters.resource === 'message' && node.parameters.operation === 'send';
		for (const k of ALL_PROVIDER_PARAM_NAMES) delete node.parameters[k];
		if (sends) Object.assign(node.parameters, PROVIDER_SEND_PARAMS[provider] || {});
		node.credentials = { [c.credentialType]: { id: c.id, name: c.name } };
	}
	return wf;
}

module.exports = {
	ROOT,
	EXAMPLES_DIR,
	EXAMPLE_SANDBOX_URL,
	SANDBOX_KEYS,
	PROVIDERS,
	PROVIDER_SEND_PARAMS,
	TRIGGER_MESSAGE_EVENTS,
	sandboxCredentials,
	listExamples,
	loadExample,
	withProvider,
};
