/**
 * The editor check in a real browser: a real n8n 2.41 (as the e2e suite provisions it) with the package installed
 * from its `npm pack` tarball, driven in Debian's Chromium by playwright-core.
 * Run: npx jest -c test/browser/jest.config.js   (needs /usr/bin/chromium: `apt-get install -y chromium`)
 * Screenshots: test-results/browser/
 * @type {import('jest').Config}
 */
const { resolve } = require('node:path');

module.exports = {
	rootDir: resolve(__dirname, '..', '..'),
	testEnvironment: 'node',
	roots: ['<rootDir>/test/browser'],
	testMatch: ['**/*.e2e.test.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.test.json' }],
	},
	// Provisions n8n (once), builds and packs the package (N8N_E2E_TARBALL), checks for Chromium.
	globalSetup: '<rootDir>/test/browser/global-setup.ts',
	maxWorkers: 1,
	reporters: ['default', ['<rootDir>/test/support/summary-reporter.js', { label: 'browser' }]],
	testTimeout: 180000,
	// Tells the suite it runs under this config (under the unit-test config, which also sees test/**, it skips itself).
	globals: { __N8N_BROWSER__: true },
};
