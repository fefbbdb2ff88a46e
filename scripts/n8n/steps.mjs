// The provisioner's machinery: progress output, logged child processes, resumable steps, one provisioner at a time.
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
import { dirname, join, relative } from 'node:path';

import { repoRoot } from './runtime.mjs';

const HEARTBEAT_MS = 15_000;

// ---------------------------------------------------------------------------------------------------------------
// Output: progress goes to stderr when --json asks for a clean stdout.
let out = (line) => process.stdout.write(`${line}\n`);
/** --json: progress on stderr, so that stdout holds only the JSON. */
export function progressToStderr() {
	out = (line) => process.stderr.write(`${line}\n`);
}
export const t0 = Date.now();
export const fmt = (ms) => {
	const seconds = Math.round(ms / 1000);
	return seconds < 60 ? `${seconds}s` : `${Math.floor(seconds / 60)}m${String(seconds % 60).padStart(2, '0')}s`;
};
export const say = (msg) => out(`[n8n-runtime ${fmt(Date.now() - t0).padStart(6)}] ${msg}`);

/** Environment for child npm processes: no npm_* variables inherited from an enclosing `npm run`. */
export function childEnv(extraPath) {
	const env = {};
	for (const [key, value] of Object.entries(process.env)) {
		const name = key.toLowerCase();
		// NODE_ENV=test (jest's globalSetup) silences n8n's CLI, e.g. `n8n --version` below.
		if (name.startsWith('npm_') || name === 'init_cwd' || name === 'node_options' || name === 'node_env') continue;
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
export function run(step, command, args, { cwd, env, log }) {
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

export function writeJson(file, value) {
	writeFileSync(`${file}.tmp`, `${JSON.stringify(value, null, '\t')}\n`);
	renameSync(`${file}.tmp`, file);
}

/**
 * One install step, skipped when its completion marker matches. Otherwise its folder (if it owns one) is wiped
 * and the step redone, so that an interrupted step never counts as done.
 */
export async function step(name, { marker, wipe }, stamp, body, durations) {
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

/** Runs a command and returns its output; `cwd` matters for `node -e "require(…)"`, which resolves from there first. */
export function captureOutput(command, args, env, cwd = undefined) {
	return new Promise((resolvePromise, reject) => {
		const child = spawn(command, args, { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
		let text = '';
		child.stdout.on('data', (data) => (text += data));
		child.stderr.on('data', (data) => (text += data));
		child.on('error', reject);
		child.on('exit', (code) =>
			code === 0
				? resolvePromise(text.trim())
				: reject(new Error(`${command} ${args.join(' ')}: exit ${code}\n${text}`)),
		);
	});
}

// Only one provisioner at a time per runtime folder (jest's globalSetup and a user may start one together).
export async function withLock(dir, body) {
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
				if (!pid) await new Promise((resolve) => setTimeout(resolve, 1000));
				rmSync(lock, { recursive: true, force: true });
				continue;
			}
			if (!waitingSaid) say(`waiting for another provisioner (pid ${pid}) to finish`);
			waitingSaid = true;
			if (Date.now() > deadline) throw new Error(`provision: lock ${lock} held by pid ${pid} for 30 minutes`);
			await new Promise((resolve) => setTimeout(resolve, 2000));
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
