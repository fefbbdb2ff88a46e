// The provisioned runtimes' versions, folder layout and completeness check (see provision.mjs).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The n8n lines the e2e runs on, each with the Node.js and npm it is installed and run with (npm packages
 * node-<platform>-<arch> and npm). `2` is the default; N8N_E2E_VERSION (or provision.mjs --n8n=) picks another.
 */
export const N8N_LINES = {
	// n8n 2.x needs Node >= 24 (its "vm" expression engine, isolated-vm 7, has no build for older Node).
	2: { n8n: '2.41.1', node: '24.21.0', npm: '11.19.1' },
	// n8n 1.123 accepts Node 20.19–24.x; its official Docker image builds on n8nio/base:22, so Node 22 it is, the
	// newest 22 on the npm registry. Its n8n-nodes-base takes SheetJS (xlsx) from SheetJS's own download site, outside
	// the npm registry; n8n 2.x takes the same library from the registry as @e965/xlsx, and so does this install.
	1: {
		n8n: '1.123.81',
		node: '22.23.5',
		npm: '11.19.1',
		overrides: { xlsx: 'npm:@e965/xlsx@0.20.3' },
	},
};
export const DEFAULT_LINE = '2';
/** Bump when the layout or the steps change, so that older caches are redone. */
export const LAYOUT = 1;

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * The line a value names: a major ('1', '2'), or an exact version of one of N8N_LINES; empty means the default.
 * Anything else throws, so that a typo never provisions (or tests) another n8n than the one asked for.
 */
export function selectLine(value = process.env.N8N_E2E_VERSION) {
	const wantedValue = String(value ?? '').trim() || DEFAULT_LINE;
	for (const [line, versions] of Object.entries(N8N_LINES)) {
		if (wantedValue === line || wantedValue === versions.n8n) return { line, ...versions };
	}
	const known = Object.entries(N8N_LINES)
		.map(([line, versions]) => `${line} (${versions.n8n})`)
		.join(', ');
	throw new Error(`n8n version "${wantedValue}" is not provisioned by this repository; choose one of ${known}`);
}

/**
 * The line's folder: N8N_RUNTIME_DIR (default .cache/n8n-runtime) for the default line, the same path with
 * `-<n8n version>` appended for any other, so that each version keeps its own cache.
 */
export function runtimeDir(line = selectLine()) {
	const base = resolve(repoRoot, process.env.N8N_RUNTIME_DIR || join('.cache', 'n8n-runtime'));
	return line.line === DEFAULT_LINE ? base : `${base}-${line.n8n}`;
}

function nodePackageName() {
	if (process.platform !== 'linux' && process.platform !== 'darwin') {
		throw new Error(`provision: no Node.js npm package for platform ${process.platform}`);
	}
	if (process.arch !== 'x64' && process.arch !== 'arm64') {
		throw new Error(`provision: no Node.js npm package for architecture ${process.arch}`);
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

export function wanted(line = selectLine()) {
	return { layout: LAYOUT, node: line.node, npm: line.npm, n8n: line.n8n, nodePackage: nodePackageName() };
}

/** The marker's content when the runtime is complete and matches the wanted versions, else null (with why). */
export function checkRuntime(line = selectLine(), dir = runtimeDir(line)) {
	const part = runtimePaths(dir);
	if (!existsSync(part.marker)) return { ok: false, why: 'no runtime.json marker (never provisioned, or interrupted)' };
	let marker;
	try {
		marker = JSON.parse(readFileSync(part.marker, 'utf8'));
	} catch (error) {
		return { ok: false, why: `runtime.json unreadable: ${error.message}` };
	}
	for (const [key, value] of Object.entries(wanted(line))) {
		if (marker.versions?.[key] !== value) {
			return { ok: false, why: `runtime.json has ${key} ${marker.versions?.[key]}, wanted ${value}` };
		}
	}
	for (const key of ['node', 'npmCli', 'n8nBin', 'n8nPackageJson', 'sqliteBinding']) {
		if (!existsSync(part[key])) return { ok: false, why: `missing ${relative(repoRoot, part[key])}` };
	}
	return { ok: true, marker, paths: part };
}
