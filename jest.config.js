/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	// The end-to-end suite drives a real n8n and has its own config: npm run test:e2e.
	testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/e2e/'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }],
	},
	// Each workflow test starts its own emulator on a random port; two workers suit the 2-core machines.
	maxWorkers: 2,
	reporters: ['default', ['<rootDir>/test/support/summary-reporter.js', { label: 'tests' }]],
	testTimeout: 30000,
};
