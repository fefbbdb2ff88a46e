/**
 * The end-to-end tests that run on n8n 1.x as well (n8n 1.123 on Node 22, provisioned by scripts/n8n/provision.mjs
 * into .cache/n8n-runtime-1.123.81): install as a community package, the README's install from the package file and
 * the README's Docker image, the credential Test, examples 1–4 with the
 * Media Job Trigger under `n8n start`, the Media Event Trigger's signed callbacks, the failures before sending,
 * Upload to OSS from a form (example 5) and the media asset nodes with their pick-list. Not here: queue mode and
 * the AI Agent (n8n 2.x features this package's tests rely on).
 * Run: npm run test:e2e:n8n1   (the first run installs n8n 1.123: about 6 minutes)
 * @type {import('jest').Config}
 */
// The line the provisioner and the harness use (tools/sandbox/n8n/runtime.ts), in this process, the globalSetup's
// and the test workers'.
process.env.N8N_E2E_VERSION = '1';

const base = require('./jest.config.js');

module.exports = {
	...base,
	testMatch: [
		'**/package-job.e2e.test.ts',
		'**/examples.e2e.test.ts',
		'**/event-trigger.e2e.test.ts',
		'**/not-sent.e2e.test.ts',
		'**/upload-to-oss.e2e.test.ts',
		'**/media-asset.e2e.test.ts',
		'**/readme-install.e2e.test.ts',
		'**/docker-image.e2e.test.ts',
	],
	reporters: ['default', ['<rootDir>/test/support/summary-reporter.js', { label: 'e2e-n8n1' }]],
};
