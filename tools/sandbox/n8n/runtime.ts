/**
 * The n8n that `scripts/n8n/provision.mjs` installed: 2.41 in `.cache/n8n-runtime` by default, another line
 * (N8N_E2E_VERSION=1: n8n 1.123 in `.cache/n8n-runtime-1.123.81`) when asked. Which line and which folder is the
 * provisioner's decision (one home for it): this asks it with `provision.mjs --check --json`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

import { REPO_ROOT } from './paths';

export interface N8nRuntime {
	dir: string;
	node: string;
	nodeBinDir: string;
	npmCli: string;
	n8nBin: string;
	versions: { node: string; npm: string; n8n: string };
	/** The n8n major version: what the harness adapts to (CLI commands that differ between 1.x and 2.x). */
	major: number;
}

const loaded = new Map<string, N8nRuntime>();

/** The provisioned runtime of the line N8N_E2E_VERSION names (default 2.x); throws when it is not provisioned. */
export function loadRuntime(): N8nRuntime {
	const key = `${process.env.N8N_E2E_VERSION ?? ''}|${process.env.N8N_RUNTIME_DIR ?? ''}`;
	const known = loaded.get(key);
	if (known) return known;
	const check = spawnSync(process.execPath, [join(REPO_ROOT, 'scripts', 'n8n', 'provision.mjs'), '--check', '--json'], {
		cwd: REPO_ROOT,
		encoding: 'utf8',
		env: process.env,
	});
	if (check.status !== 0) {
		throw new Error(
			`No provisioned n8n: ${check.stderr.trim() || check.error?.message}. Run \`node scripts/n8n/provision.mjs\` ` +
				'(with N8N_E2E_VERSION for another line) first; the e2e jest config does it in its globalSetup.',
		);
	}
	const marker = JSON.parse(check.stdout) as {
		versions: N8nRuntime['versions'];
		paths: Record<'dir' | 'node' | 'nodeBinDir' | 'npmCli' | 'n8nBin', string>;
	};
	const runtime: N8nRuntime = {
		dir: marker.paths.dir,
		node: marker.paths.node,
		nodeBinDir: marker.paths.nodeBinDir,
		npmCli: marker.paths.npmCli,
		n8nBin: marker.paths.n8nBin,
		versions: marker.versions,
		major: Number(marker.versions.n8n.split('.')[0]),
	};
	for (const part of ['node', 'npmCli', 'n8nBin'] as const) {
		if (!existsSync(runtime[part])) {
			throw new Error(
				`The n8n runtime in ${runtime.dir} is incomplete (${runtime[part]} is missing); run provision again.`,
			);
		}
	}
	loaded.set(key, runtime);
	return runtime;
}
