/**
 * Jest globalSetup of the browser check: as the e2e suite's (provisions n8n, builds and packs the package, hands the
 * tarball over in N8N_E2E_TARBALL), but it prunes only the run folders of earlier browser checks, so that it can run
 * beside an e2e run, and it checks for Chromium first (a missing browser fails at once, with the command to fix it).
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';

import { listRuns, REPO_ROOT } from '../../tools/sandbox/n8n';
import { buildAndPack } from '../../tools/sandbox/n8n/pack';
import { chromiumPath } from './browser';

export default async function globalSetup(): Promise<void> {
	const started = Date.now();
	process.stdout.write(`\n[browser] Chromium: ${chromiumPath()}\n`);
	process.stdout.write('[browser] providing n8n (scripts/n8n/provision.mjs)\n');
	const provision = spawnSync(process.execPath, [join(REPO_ROOT, 'scripts', 'n8n', 'provision.mjs')], {
		cwd: REPO_ROOT,
		stdio: ['ignore', 'inherit', 'inherit'],
	});
	if (provision.status !== 0) {
		throw new Error(`[browser] provisioning n8n failed (exit ${provision.status ?? provision.signal})`);
	}

	let tarball = process.env.N8N_E2E_TARBALL;
	if (tarball) {
		if (!existsSync(tarball)) throw new Error(`[browser] N8N_E2E_TARBALL=${tarball} does not exist`);
		process.stdout.write(`[browser] using the given package ${resolve(tarball)}\n`);
	} else {
		process.stdout.write('[browser] building and packing the package (npm run build, npm pack)\n');
		tarball = buildAndPack();
	}
	// a copy of its own: the e2e setup empties .cache/e2e/pack when it packs again
	const own = join(REPO_ROOT, '.cache', 'browser', 'package');
	rmSync(own, { recursive: true, force: true });
	mkdirSync(own, { recursive: true });
	process.env.N8N_E2E_TARBALL = join(own, basename(tarball));
	copyFileSync(tarball, process.env.N8N_E2E_TARBALL);
	process.stdout.write(`[browser] package ${process.env.N8N_E2E_TARBALL}\n`);

	for (const run of listRuns().filter((dir) => /-browser-editor-/.test(basename(dir))))
		rmSync(run, { recursive: true, force: true });
	process.stdout.write(`[browser] setup done in ${Math.round((Date.now() - started) / 1000)} s\n`);
}
