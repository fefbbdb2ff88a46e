/** The n8n that `scripts/n8n/provision.mjs` installed in `.cache/n8n-runtime`. */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { REPO_ROOT } from './paths';

export interface N8nRuntime {
	dir: string;
	node: string;
	nodeBinDir: string;
	npmCli: string;
	n8nBin: string;
	versions: { node: string; npm: string; n8n: string };
}

function runtimeDir(): string {
	return resolve(REPO_ROOT, process.env.N8N_RUNTIME_DIR || join('.cache', 'n8n-runtime'));
}

/** Reads `.cache/n8n-runtime/runtime.json` (written by scripts/n8n/provision.mjs only after a complete install). */
export function loadRuntime(): N8nRuntime {
	const dir = runtimeDir();
	const markerPath = join(dir, 'runtime.json');
	if (!existsSync(markerPath)) {
		throw new Error(
			`No provisioned n8n in ${dir} (no runtime.json). Run \`node scripts/n8n/provision.mjs\` first ` +
				'(the e2e jest config does it in its globalSetup).',
		);
	}
	const marker = JSON.parse(readFileSync(markerPath, 'utf8')) as {
		versions: N8nRuntime['versions'];
		files: Record<string, string>;
	};
	const file = (key: string) => join(dir, marker.files[key]);
	const runtime: N8nRuntime = {
		dir,
		node: file('node'),
		nodeBinDir: file('nodeBinDir'),
		npmCli: file('npmCli'),
		n8nBin: file('n8nBin'),
		versions: marker.versions,
	};
	for (const key of ['node', 'npmCli', 'n8nBin'] as const) {
		if (!existsSync(runtime[key])) {
			throw new Error(`The n8n runtime in ${dir} is incomplete (${runtime[key]} is missing); run provision again.`);
		}
	}
	return runtime;
}
