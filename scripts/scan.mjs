#!/usr/bin/env node
// Runs n8n's community-package scanner (@n8n/scan-community-package) offline.
//
// Its CLI downloads the package from the npm registry, so we call the exported `analyzePackage(dir)` on
// exactly what would be published: `npm pack` output, unpacked. The same scan also runs over the TypeScript
// sources with the scanner's source patterns (what n8n checks for provenance-attested packages).
// Exit code 1 on any violation. Requires a fresh `npm run build` (dist/ is what gets packed).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { analyzePackage, SOURCE_FILE_PATTERNS } from '@n8n/scan-community-package/scanner/scanner.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
if (!existsSync(join(root, 'dist', 'nodes'))) {
	console.error('scan: dist/ is missing, run `npm run build` first');
	process.exit(1);
}

const work = mkdtempSync(join(tmpdir(), 'wa-gateway-scan-'));
let failed = false;
try {
	execFileSync('npm', ['pack', '--silent', '--pack-destination', work], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
	const tarball = readdirSync(work).find((f) => f.endsWith('.tgz'));
	if (!tarball) throw new Error('npm pack produced no tarball');
	execFileSync('tar', ['-xzf', join(work, tarball), '-C', work]);
	const packageDir = join(work, 'package');

	const checks = [
		{ label: `published tarball (${tarball})`, dir: packageDir, patterns: undefined },
		{ label: 'TypeScript sources', dir: root, patterns: SOURCE_FILE_PATTERNS },
	];
	for (const { label, dir, patterns } of checks) {
		const result = await analyzePackage(dir, patterns);
		if (result.passed) {
			console.log(`scan: ${label}: passed`);
		} else {
			failed = true;
			console.error(`scan: ${label}: ${result.message}`);
			if (result.details) console.error(result.details);
		}
	}
} finally {
	rmSync(work, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
