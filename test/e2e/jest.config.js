/**
 * End-to-end tests against a real n8n (provisioned by scripts/n8n/provision.mjs into .cache/n8n-runtime).
 * Run: npx jest -c test/e2e/jest.config.js   (the first run installs n8n: about 6 minutes)
 * @type {import('jest').Config}
 */
const { resolve } = require('node:path');

module.exports = {
	rootDir: resolve(__dirname, '..', '..'),
	testEnvironment: 'node',
	roots: ['<rootDir>/test/e2e'],
	testMatch: ['**/*.e2e.test.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.test.json' }],
	},
	globalSetup: '<rootDir>/test/e2e/global-setup.ts',
	// Each suite starts its own n8n processes (CPU-heavy); one at a time suits the 2-core machines.
	maxWorkers: 1,
	reporters: ['default', ['<rootDir>/test/support/summary-reporter.js', { label: 'e2e' }]],
	testTimeout: 300000,
	// Tells the e2e suites they run under this config (under the unit-test config they skip themselves).
	globals: { __N8N_E2E__: true },
};
