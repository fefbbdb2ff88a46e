// The provisioned runtime's versions, folder layout and completeness check (see provision.mjs).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const NODE_VERSION = '24.21.0';
export const NPM_VERSION = '11.19.1';
export const N8N_VERSION = '2.41.1';
/** Bump when the layout or the steps change, so that older caches are redone. */
export const LAYOUT = 1;

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export function runtimeDir() {
	return resolve(repoRoot, process.env.N8N_RUNTIME_DIR || join('.cache', 'n8n-runtime'));
}

function nodePackageName() {
	if (process.platform !== 'linux' && process.platform !== 'darwin') {
		throw new Error(`provision: no Node.js 24 npm package for platform ${process.platform}`);
	}
	if (process.arch !== 'x64' && process.arch !== 'arm64') {
		throw new Error(`provision: no Node.js 24 npm package for architecture ${process.arch}`);
	}
	return `node-${process.platform}-${process.arch}`;
}

/** Absolute paths of the runtime's parts (they exist only once provisioned). */
export function runtimePaths(dir = runtimeDir()) {
	const nodeHome = join(dir, 'node', 'node_modules', nodePackageName());
	return {
		dir,
		marker: join(dir, 'runtime.json'),
		logs: join(dir, 'logs'),
		nodeHome,
		nodeBinDir: join(nodeHome, 'bin'),
		node: join(nodeHome, 'bin', 'node'),
		nodeHeaders: join(nodeHome, 'include', 'node', 'node.h'),
		npmCli: join(dir, 'node', 'node_modules', 'npm', 'bin', 'npm-cli.js'),
		n8nPrefix: join(dir, 'n8n'),
		n8nBin: join(dir, 'n8n', 'node_modules', 'n8n', 'bin', 'n8n'),
		n8nPackageJson: join(dir, 'n8n', 'node_modules', 'n8n', 'package.json'),
		sqliteBinding: join(dir, 'n8n', 'node_modules', 'sqlite3', 'build', 'Release', 'node_sqlite3.node'),
	};
}

export function wanted() {
	return { layout: LAYOUT, node: NODE_VERSION, npm: NPM_VERSION, n8n: N8N_VERSION, nodePackage: nodePackageName() };
}

/** The marker's content when the runtime is complete and matches the wanted versions, else null (with why). */
export function checkRuntime(dir = runtimeDir()) {
	const part = runtimePaths(dir);
	if (!existsSync(part.marker)) return { ok: false, why: 'no runtime.json marker (never provisioned, or interrupted)' };
	let marker;
	try {
		marker = JSON.parse(readFileSync(part.marker, 'utf8'));
	} catch (error) {
		return { ok: false, why: `runtime.json unreadable: ${error.message}` };
	}
	for (const [key, value] of Object.entries(wanted())) {
		if (marker.versions?.[key] !== value) {
			return { ok: false, why: `runtime.json has ${key} ${marker.versions?.[key]}, wanted ${value}` };
		}
	}
	for (const key of ['node', 'npmCli', 'n8nBin', 'n8nPackageJson', 'sqliteBinding']) {
		if (!existsSync(part[key])) return { ok: false, why: `missing ${relative(repoRoot, part[key])}` };
	}
	return { ok: true, marker, paths: part };
}
