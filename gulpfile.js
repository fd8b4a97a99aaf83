const path = require('path');
const { src, dest, series } = require('gulp');
const esbuild = require('esbuild');

/** Copies node and credential icons next to the compiled files. */
function buildIcons() {
	return src(['nodes/**/*.{png,svg}', 'credentials/**/*.{png,svg}'], { base: '.', encoding: false }).pipe(
		dest('dist'),
	);
}

/**
 * n8n's community-package scanner rejects runtime dependencies, so libphonenumber-js is bundled:
 * the compiled vendor entry (dist/nodes/WhatsAppGateway/vendor/libphonenumber.js) is replaced by a
 * self-contained esbuild bundle of the same exports.
 */
async function bundleVendor() {
	await esbuild.build({
		entryPoints: [path.join(__dirname, 'nodes/WhatsAppGateway/vendor/libphonenumber.ts')],
		outfile: path.join(__dirname, 'dist/nodes/WhatsAppGateway/vendor/libphonenumber.js'),
		bundle: true,
		platform: 'node',
		format: 'cjs',
		target: 'node18',
		minify: true,
		legalComments: 'inline',
		logLevel: 'warning',
		allowOverwrite: true,
	});
}

exports['build:icons'] = buildIcons;
exports['bundle:vendor'] = bundleVendor;
exports.build = series(
	function compile(done) {
		const { execFileSync } = require('child_process');
		require('fs').rmSync(path.join(__dirname, 'dist'), { recursive: true, force: true });
		execFileSync(process.execPath, [require.resolve('typescript/bin/tsc')], { stdio: 'inherit', cwd: __dirname });
		done();
	},
	buildIcons,
	bundleVendor,
);
