/**
 * Builds the package and packs it with `npm pack`, like a release, for installation into a real n8n.
 *
 * The build runs in a copy of the sources under `.cache/e2e/pack/src` (with the repository's node_modules linked
 * in), so that it never clears or rewrites the repository's own `dist/` while other work (or a watch build, or
 * `npm test`) uses it. The copy holds exactly what the build reads; the tarball is the same as `npm pack` in the
 * repository after `npm run build`.
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdirSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';

import { E2E_CACHE, REPO_ROOT } from './paths';

/** What `npm run build` and `npm pack` read. */
const BUILD_INPUTS = [
	'package.json',
	'.npmrc',
	'tsconfig.json',
	'tsconfig.build.json',
	'gulpfile.js',
	'README.md',
	'LICENSE.md',
	'icons',
	'alibaba',
	'nodes',
	'credentials',
];

function npm(args: string[], cwd: string, logFile: string): string {
	const result = spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', args, {
		cwd,
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'pipe'],
		env: Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key))),
		timeout: 300_000,
	});
	const text = `$ npm ${args.join(' ')}\n${result.stdout ?? ''}${result.stderr ?? ''}\n`;
	appendFileSync(logFile, text);
	if (result.status !== 0) {
		throw new Error(
			`\`npm ${args.join(' ')}\` failed in ${cwd} (exit ${result.status ?? result.signal}); log: ${logFile}\n${text.slice(-3000)}`,
		);
	}
	return result.stdout ?? '';
}

/** Returns the path of a fresh `n8n-nodes-alibaba-cloud-media-<version>.tgz`. */
export function buildAndPack(): string {
	const work = join(E2E_CACHE, 'pack');
	const src = join(work, 'src');
	const out = join(work, 'out');
	rmSync(work, { recursive: true, force: true });
	mkdirSync(src, { recursive: true });
	mkdirSync(out, { recursive: true });
	const logFile = join(work, 'build.log');
	for (const entry of BUILD_INPUTS) {
		const from = join(REPO_ROOT, entry);
		if (existsSync(from)) cpSync(from, join(src, entry), { recursive: true });
	}
	symlinkSync(join(REPO_ROOT, 'node_modules'), join(src, 'node_modules'), 'dir');
	npm(['run', 'build'], src, logFile);
	npm(['pack', '--pack-destination', out], src, logFile);
	const tarballs = readdirSync(out).filter((file) => file.endsWith('.tgz'));
	if (tarballs.length !== 1) throw new Error(`npm pack left ${tarballs.length} tarballs in ${out}; log: ${logFile}`);
	return join(out, tarballs[0]);
}
