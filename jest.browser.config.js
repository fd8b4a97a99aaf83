'use strict';
// Browser tests of the editor (scripts/e2e/browser.sh): real n8n + Debian's Chromium.
module.exports = {
	rootDir: __dirname,
	roots: ['<rootDir>/test/browser'],
	modulePathIgnorePatterns: ['<rootDir>/.e2e-tmp/'],
	testEnvironment: 'node',
	testMatch: ['**/test/browser/**/*.browser.test.js'],
	transform: {},
	testTimeout: 5 * 60 * 1000,
	maxWorkers: 1,
	verbose: true,
	// The harness kills every n8n process it started when the runner exits.
	forceExit: true,
};
