'use strict';
/**
 * Project-level e2e helpers: one real n8n (per version) with THIS package installed from its
 * `npm pack` tarball the way n8n's community-package installer does, the sandbox provider
 * running in the test process, sandbox credentials imported, and example workflows imported.
 *
 *   const { bootProject, VERSIONS } = require('./harness/project');
 *   const p = await bootProject(version, { workflows: [wf1, wf2] });
 *   const run = await p.n8n.executeRaw(wf1.id);
 *   p.requests({ provider: 'seven' }) ...; await p.close();
 */
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');
const { createN8n } = require('./n8n');
const { startSandbox } = require('../../../sandbox/server');
const env = require('../../../scripts/e2e/sandbox-env');

const VERSIONS = (process.env.N8N_E2E_VERSIONS || '1.123.81,2.41.1')
	.split(',')
	.map((v) => v.trim())
	.filter(Boolean);

const PACKAGE_NAME = 'n8n-nodes-whatsapp-gateway';
const NODE_TYPE = `${PACKAGE_NAME}.whatsAppGateway`;
const TRIGGER_TYPE = `${PACKAGE_NAME}.whatsAppGatewayTrigger`;

let packed = process.env.N8N_E2E_PACKAGE_TGZ || '';

/** This package's tarball: N8N_E2E_PACKAGE_TGZ (scripts/e2e/run.sh) or build + pack now, once. */
function projectTgz() {
	if (packed && fs.existsSync(packed)) return packed;
	const res = spawnSync(path.join(env.ROOT, 'scripts', 'e2e', 'pack.sh'), [], {
		cwd: env.ROOT,
		encoding: 'utf8',
		timeout: 10 * 60 * 1000,
		stdio: ['ignore', 'pipe', 'inherit'],
	});
	if (res.status !== 0) throw new Error(`scripts/e2e/pack.sh failed (${res.status})`);
	packed = res.stdout.trim().split('\n').pop();
	process.env.N8N_E2E_PACKAGE_TGZ = packed;
	return packed;
}

/** Output items (json) of a node's last run in an execution's runData, output `index`. */
function nodeOutput(execution, nodeName, index = 0) {
	const runData = execution.data.resultData.runData;
	const runs = runData[nodeName];
	if (!runs) throw new Error(`node "${nodeName}" did not run; ran: ${Object.keys(runData).join(', ')}`);
	const main = runs[runs.length - 1].data && runs[runs.length - 1].data.main;
	return ((main && main[index]) || []).map((item) => item.json);
}

/** Full output items (json, binary, pairedItem) of a node's last run. */
function nodeItems(execution, nodeName, index = 0) {
	const runs = execution.data.resultData.runData[nodeName];
	if (!runs) throw new Error(`node "${nodeName}" did not run`);
	const main = runs[runs.length - 1].data && runs[runs.length - 1].data.main;
	return (main && main[index]) || [];
}

/** The error a node's last run ended with (n8n's serialized error), or undefined. */
function nodeError(execution, nodeName) {
	const runs = execution.data.resultData.runData[nodeName];
	return runs && runs[runs.length - 1].error;
}

async function bootProject(version, { workflows = [], credentials } = {}) {
	const tgz = projectTgz();
	const sb = await startSandbox({ port: 0, bulkDelayCapMs: 5 });
	let n8n;
	try {
		n8n = await createN8n({ version });
		const installed = await n8n.installPackage(tgz);
		// `credentials`: an array or a function (sandboxUrl) → array; default: the sandbox credentials.
		const creds = typeof credentials === 'function' ? credentials(sb.url) : credentials;
		await n8n.importCredentials(creds || env.sandboxCredentials(sb.url));
		// `workflows`: an array of workflows, or a function (sandboxUrl) → array; entries may be functions too.
		const given = typeof workflows === 'function' ? workflows(sb.url) : workflows;
		const list = given.flatMap((w) => (typeof w === 'function' ? w(sb.url) : w));
		if (list.length) await n8n.importWorkflow(list);
		return {
			n8n,
			sb,
			sandboxUrl: sb.url,
			installed,
			/** Provider requests the sandbox received, in order (see sandbox/README.md). */
			requests(filter = {}) {
				const f = { ...filter };
				if (f.provider === 'decisionTelecom') f.provider = 'decision';
				return sb.state.recorder.list(f);
			},
			clearRequests() {
				sb.state.recorder.clear();
			},
			reset() {
				sb.state.reset();
			},
			async close() {
				try {
					if (n8n) await n8n.cleanup();
				} finally {
					await sb.close();
				}
			},
		};
	} catch (e) {
		if (n8n) await n8n.cleanup().catch(() => {});
		await sb.close();
		throw e;
	}
}

module.exports = {
	VERSIONS,
	PACKAGE_NAME,
	NODE_TYPE,
	TRIGGER_TYPE,
	bootProject,
	projectTgz,
	nodeOutput,
	nodeItems,
	nodeError,
	env,
};
