'use strict';
// Real-n8n end-to-end tests (scripts/e2e/run.sh). Slow: each test boots n8n processes.
module.exports = {
	rootDir: __dirname,
	roots: ['<rootDir>/test/e2e'],
	modulePathIgnorePatterns: ['<rootDir>/.e2e-tmp/'],
	testEnvironment: 'node',
	testMatch: ['**/test/e2e/**/*.e2e.test.js'],
	testPathIgnorePatterns: ['/node_modules/', '/.e2e-tmp/', '/dist/'],
	transform: {},
	testTimeout: 10 * 60 * 1000,
	maxWorkers: 1,
	verbose: true,
	// The harness kills every n8n process it started when the runner exits.
	forceExit: true,
};
