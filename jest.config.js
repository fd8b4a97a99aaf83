/** Unit and workflow tests (jest + ts-jest + nock). The real-n8n suite has its own config. */
module.exports = {
	preset: 'ts-jest',
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/test/**/*.test.ts', '**/test/sandbox/**/*.test.js'],
	testPathIgnorePatterns: ['/node_modules/', '/test/e2e/'],
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }] },
	setupFilesAfterEnv: ['<rootDir>/test/helpers/setup.ts'],
	testTimeout: 20000,
	// n8n-core keeps a few timers alive after a workflow run; they hold no test state.
	forceExit: true,
};
