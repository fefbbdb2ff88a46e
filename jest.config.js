/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	// The end-to-end and browser suites drive a real n8n and have their own configs (npm run test:e2e, test:browser).
	testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/e2e/', '<rootDir>/test/browser/'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }],
	},
	// Each workflow test starts its own emulator on a random port; two workers suit the 2-core machines.
	maxWorkers: 2,
	reporters: ['default', ['<rootDir>/test/support/summary-reporter.js', { label: 'tests' }]],
	testTimeout: 30000,
};
