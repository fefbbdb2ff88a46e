/**
 * Jest globalSetup of the e2e suite: provides the real n8n (scripts/n8n/provision.mjs: about 6 minutes the first
 * time, a second afterwards; the n8n 1.x line under jest.n8n1.config.js, which sets N8N_E2E_VERSION), builds and packs the package once, and prunes the run folders of earlier e2e runs.
 * The tarball's path is handed to the tests in N8N_E2E_TARBALL (set it yourself to test a given tarball).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { listRuns, REPO_ROOT } from '../../tools/sandbox/n8n';
import { buildAndPack } from '../../tools/sandbox/n8n/pack';

const KEEP_RUNS = 0;

export default async function globalSetup(): Promise<void> {
	const started = Date.now();
	const line = process.env.N8N_E2E_VERSION ? ` ${process.env.N8N_E2E_VERSION}.x` : '';
	process.stdout.write(`\n[e2e] providing n8n${line} (scripts/n8n/provision.mjs)\n`);
	const provision = spawnSync(process.execPath, [join(REPO_ROOT, 'scripts', 'n8n', 'provision.mjs')], {
		cwd: REPO_ROOT,
		stdio: ['ignore', 'inherit', 'inherit'],
	});
	if (provision.status !== 0) {
		throw new Error(
			`[e2e] provisioning n8n failed (exit ${provision.status ?? provision.signal}); see the output above`,
		);
	}

	const given = process.env.N8N_E2E_TARBALL;
	if (given) {
		if (!existsSync(given)) throw new Error(`[e2e] N8N_E2E_TARBALL=${given} does not exist`);
		process.env.N8N_E2E_TARBALL = resolve(given);
		process.stdout.write(`[e2e] using the given package ${process.env.N8N_E2E_TARBALL}\n`);
	} else {
		process.stdout.write('[e2e] building and packing the package (npm run build, npm pack)\n');
		process.env.N8N_E2E_TARBALL = buildAndPack();
		process.stdout.write(`[e2e] packed ${process.env.N8N_E2E_TARBALL}\n`);
	}

	const runs = listRuns();
	for (const run of runs.slice(0, Math.max(0, runs.length - KEEP_RUNS))) rmSync(run, { recursive: true, force: true });
	process.stdout.write(`[e2e] setup done in ${Math.round((Date.now() - started) / 1000)} s\n`);
}
