/** Where the real-n8n tooling keeps its files: the repository, the e2e cache and its run folders. */
import { existsSync, readdirSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';

export const REPO_ROOT = resolve(__dirname, '..', '..', '..');
export const PACKAGE_NAME = 'n8n-nodes-alibaba-cloud-media';
export const E2E_CACHE = join(REPO_ROOT, '.cache', 'e2e');
export const RUNS_DIR = join(E2E_CACHE, 'runs');
/** Fixed, so that a kept user folder can be opened again by hand with the same key. */
export const ENCRYPTION_KEY = 'e2e-n8n-nodes-alibaba-cloud-media-not-a-secret';

/** A new run folder under RUNS_DIR (not created): time, label, process and a random suffix, so that runs sort by age. */
export function newRunDir(label: string): string {
	const safeLabel = label.replace(/[^A-Za-z0-9_.-]+/g, '-');
	const time = new Date().toISOString().replace(/[:.]/g, '-');
	return join(RUNS_DIR, `${time}-${safeLabel}-${process.pid}-${randomBytes(3).toString('hex')}`);
}

/** Folders of earlier runs, oldest first. */
export function listRuns(): string[] {
	if (!existsSync(RUNS_DIR)) return [];
	return readdirSync(RUNS_DIR)
		.sort()
		.map((entry) => join(RUNS_DIR, entry));
}

/** The package tarball the e2e globalSetup built (`N8N_E2E_TARBALL`). */
export function packageTarball(): string {
	const tarball = process.env.N8N_E2E_TARBALL;
	if (!tarball || !existsSync(tarball)) {
		throw new Error(
			'N8N_E2E_TARBALL is not set or missing: run the e2e tests with `jest -c test/e2e/jest.config.js` ' +
				'(its globalSetup provisions n8n and packs the package).',
		);
	}
	return tarball;
}
