#!/usr/bin/env node
'use strict';
/**
 * `npm run dev`: try every node of this package in a real, local n8n without any provider account.
 *
 *  1. builds and packs the package (scripts/e2e/pack.sh),
 *  2. installs n8n + Node 24 into the cache if needed (scripts/e2e/install-n8n.sh; ~6 min once),
 *  3. starts the sandbox provider (sandbox/server.js) on 127.0.0.1:$SANDBOX_PORT (8790),
 *  4. installs the package into a local n8n user folder (.e2e-tmp/dev-<version>) the way n8n's
 *     community-package installer does, imports the sandbox credentials and the examples/,
 *  5. starts n8n on 127.0.0.1:$N8N_DEV_PORT (5678), creates the owner, prints the editor URL.
 * Ctrl-C stops n8n and the sandbox. Everything listens on 127.0.0.1 only.
 *
 * Env: N8N_DEV_VERSION (2.41.1; or 1.123.81), N8N_DEV_PORT (5678), SANDBOX_PORT (8790),
 *      N8N_DEV_SKIP_BUILD=1 (reuse dist/), N8N_DEV_FRESH=1 (wipe the dev n8n folder first),
 *      N8N_DEV_EXIT_WHEN_READY=1 (stop right after printing the URL: a smoke check for CI).
 */
const fs = require('fs');
const path = require('path');
const crypto = require('crypto');
const { spawnSync } = require('child_process');

const ROOT = path.resolve(__dirname, '..');
const VERSION = process.env.N8N_DEV_VERSION || '2.41.1';
const N8N_PORT = Number(process.env.N8N_DEV_PORT || 5678);
const SANDBOX_PORT = Number(process.env.SANDBOX_PORT || 8790);
const DEV_ROOT = path.join(ROOT, '.e2e-tmp', `dev-${VERSION}`);

const log = (msg) => process.stdout.write(`[dev] ${msg}\n`);

function runScript(file, args, { capture = false } = {}) {
	const res = spawnSync(file, args, {
		cwd: ROOT,
		encoding: 'utf8',
		stdio: ['ignore', capture ? 'pipe' : 'inherit', 'inherit'],
		env: { ...process.env, ...(process.env.N8N_DEV_SKIP_BUILD === '1' ? { N8N_E2E_SKIP_BUILD: '1' } : {}) },
	});
	if (res.status !== 0) {
		process.stderr.write(`[dev] ${path.relative(ROOT, file)} ${args.join(' ')} failed (exit ${res.status})\n`);
		process.exit(1);
	}
	return capture ? res.stdout : '';
}

function sha(text) {
	return crypto.createHash('sha256').update(text).digest('hex').slice(0, 16);
}

async function main() {
	const t0 = Date.now();
	log(`n8n ${VERSION}: checking the install cache (first run downloads n8n, ~6 min)`);
	runScript(path.join(ROOT, 'scripts', 'e2e', 'install-n8n.sh'), [VERSION]);

	log('building and packing the package');
	const tgz = runScript(path.join(ROOT, 'scripts', 'e2e', 'pack.sh'), [path.join(ROOT, '.e2e-tmp', 'dev-pack')], {
		capture: true,
	})
		.trim()
		.split('\n')
		.pop();

	const { startSandbox } = require('../sandbox/server');
	const { N8nInstance, requireInstalled, freePort, httpRequest, OWNER } = require('../test/e2e/harness/n8n');
	const env = require('./e2e/sandbox-env');

	let sb;
	try {
		sb = await startSandbox({ port: SANDBOX_PORT });
	} catch (e) {
		process.stderr.write(`[dev] the sandbox cannot listen on 127.0.0.1:${SANDBOX_PORT} (${e.message}); set SANDBOX_PORT\n`);
		process.exit(1);
	}
	log(`sandbox provider on ${sb.url} (requests: ${sb.url}/__sandbox/requests)`);

	if (process.env.N8N_DEV_FRESH === '1') fs.rmSync(DEV_ROOT, { recursive: true, force: true });
	fs.mkdirSync(DEV_ROOT, { recursive: true });
	const n8n = new N8nInstance({
		version: VERSION,
		port: N8N_PORT,
		brokerPort: await freePort(),
		root: DEV_ROOT,
		n8nBin: requireInstalled(VERSION),
	});

	let stopping = false;
	const shutdown = async (code = 0) => {
		if (stopping) return;
		stopping = true;
		log('stopping n8n and the sandbox');
		await n8n.stop().catch(() => {});
		await sb.close().catch(() => {});
		process.exit(code);
	};
	process.removeAllListeners('SIGINT');
	process.removeAllListeners('SIGTERM');
	process.on('SIGINT', () => shutdown(0));
	process.on('SIGTERM', () => shutdown(0));

	try {
		const pkg = await n8n.installPackage(tgz);
		log(`installed ${pkg.name}@${pkg.version} into ${path.relative(ROOT, pkg.dir)}`);

		await n8n.importCredentials(env.sandboxCredentials(sb.url));
		log(`sandbox credentials: ${Object.values(env.PROVIDERS).map((c) => c.name).join(', ')}`);

		// Import examples that are new or changed since the last run, so edits made in the editor
		// to an unchanged example survive a restart.
		const stateFile = path.join(DEV_ROOT, 'imported-examples.json');
		const seen = fs.existsSync(stateFile) ? JSON.parse(fs.readFileSync(stateFile, 'utf8')) : {};
		const todo = [];
		for (const name of env.listExamples()) {
			const wf = env.loadExample(name, sb.url);
			const hash = sha(JSON.stringify(wf));
			if (seen[name] !== hash) {
				todo.push(wf);
				seen[name] = hash;
			}
		}
		if (todo.length) {
			await n8n.importWorkflow(todo);
			log(`imported ${todo.length} example workflow(s): ${todo.map((w) => w.name).join('; ')}`);
		} else {
			log('examples unchanged since the last run (set N8N_DEV_FRESH=1 to start over)');
		}
		fs.writeFileSync(stateFile, JSON.stringify(seen, null, 2));

		log(`starting n8n ${VERSION} (log: ${path.relative(ROOT, path.join(DEV_ROOT, 'server.log'))})`);
		await n8n.start();
		await n8n.login();
		const types = (await n8n.getNodeTypes()).map((d) => d.name).filter((n) => n.startsWith(`${pkg.name}.`));
		if (!types.length) throw new Error(`n8n loaded no node of ${pkg.name}; see ${path.join(DEV_ROOT, 'server.log')}`);

		const url = `http://127.0.0.1:${N8N_PORT}/`;
		const editor = await httpRequest(url);
		if (editor.status !== 200) throw new Error(`the editor at ${url} answered ${editor.status}`);
		process.stdout.write(
			[
				'',
				`  n8n ${VERSION} is ready (${Math.round((Date.now() - t0) / 1000)} s)`,
				`  Editor:    ${url}`,
				`  Sign in:   ${OWNER.email} / ${OWNER.password}`,
				`  Nodes:     ${types.join(', ')}`,
				`  Sandbox:   ${sb.url}  (what the providers received: ${sb.url}/__sandbox/requests)`,
				'  Examples:  Overview → Workflows; credentials "… sandbox" point at the sandbox.',
				'  Ctrl-C stops everything.',
				'',
			].join('\n') + '\n',
		);
		if (process.env.N8N_DEV_EXIT_WHEN_READY === '1') await shutdown(0);
		n8n.server.once('exit', (code) => {
			if (!stopping) {
				process.stderr.write(`[dev] n8n exited (code ${code}); see ${path.join(DEV_ROOT, 'server.log')}\n`);
				shutdown(1);
			}
		});
	} catch (e) {
		process.stderr.write(`[dev] ${e.stack || e.message}\n`);
		await shutdown(1);
	}
}

main();
