/** The child processes of the real-n8n tooling: each in its own process group, logged to a file, killed on exit. */
import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';
import { createServer } from 'node:net';

/** Live child processes (each the leader of its own process group), killed when the test process exits. */
export const live = new Set<ChildProcess>();
process.once('exit', () => {
	for (const child of live) killGroup(child, 'SIGKILL');
});
// The processes run in their own process groups (so that a timeout can kill n8n with its task runner), which
// also means a Ctrl-C in the terminal does not reach them: pass it on.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
	process.once(signal, () => {
		for (const child of live) killGroup(child, 'SIGKILL');
		process.kill(process.pid, signal);
	});
}

export function killGroup(child: ChildProcess, signal: NodeJS.Signals) {
	if (child.pid === undefined) return;
	try {
		process.kill(-child.pid, signal);
	} catch {
		try {
			child.kill(signal);
		} catch {
			// already gone
		}
	}
}

export async function freePort(): Promise<number> {
	return new Promise((resolvePort, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			server.close(() => resolvePort(port));
		});
	});
}

export function tail(file: string, lines = 40): string {
	try {
		return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
	} catch {
		return '(no log)';
	}
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** true when the promise settles within ms, false otherwise; leaves no timer behind. */
export function within(promise: Promise<unknown>, ms: number): Promise<boolean> {
	return new Promise((resolveWithin) => {
		const timer = setTimeout(() => resolveWithin(false), ms);
		promise.then(
			() => {
				clearTimeout(timer);
				resolveWithin(true);
			},
			() => {
				clearTimeout(timer);
				resolveWithin(true);
			},
		);
	});
}

export interface CliResult {
	exitCode: number | null;
	signal: NodeJS.Signals | null;
	stdout: string;
	stderr: string;
	logFile: string;
	durationMs: number;
	timedOut: boolean;
}

/** The result of a command that exited with 0; throws with what it was, how it ended and its log's tail otherwise. */
export function succeeded(result: CliResult, what: string): CliResult {
	if (result.exitCode === 0) return result;
	const ending = result.timedOut ? 'timed out' : `exited with ${result.exitCode ?? result.signal}`;
	throw new Error(`\`${what}\` ${ending}; log: ${result.logFile}\n--- last lines ---\n${tail(result.logFile)}`);
}

/** Runs a process to completion in its own process group; its output goes to `logFile` and is returned. Never throws on exit codes. */
export async function runLogged(
	command: string,
	args: string[],
	options: { cwd: string; env: NodeJS.ProcessEnv; logFile: string; timeoutMs: number },
): Promise<CliResult> {
	const { logFile, timeoutMs } = options;
	const log = createWriteStream(logFile);
	log.write(`$ ${[command, ...args].join(' ')}\n`);
	const started = Date.now();
	const child = spawn(command, args, {
		cwd: options.cwd,
		env: options.env,
		stdio: ['ignore', 'pipe', 'pipe'],
		detached: true,
	});
	live.add(child);
	let stdout = '';
	let stderr = '';
	child.stdout!.on('data', (chunk: Buffer) => {
		stdout += chunk;
		log.write(chunk);
	});
	child.stderr!.on('data', (chunk: Buffer) => {
		stderr += chunk;
		log.write(chunk);
	});
	let timedOut = false;
	const timer = setTimeout(() => {
		timedOut = true;
		log.write(`\n[e2e] timed out after ${timeoutMs} ms: SIGKILL\n`);
		killGroup(child, 'SIGKILL');
	}, timeoutMs);
	const [exitCode, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((done) => {
		child.once('error', (error) => {
			stderr += String(error);
			done([null, null]);
		});
		child.once('close', (code, sig) => done([code, sig]));
	});
	clearTimeout(timer);
	live.delete(child);
	killGroup(child, 'SIGKILL'); // leftovers of the group (a task runner), if any
	await new Promise<void>((entry) =>
		log.end(`\n[e2e] exit ${exitCode ?? signal} after ${Date.now() - started} ms\n`, () => entry()),
	);
	return { exitCode, signal, stdout, stderr, logFile, durationMs: Date.now() - started, timedOut };
}

/**
 * A long-running process (`n8n start`, `n8n worker`) in its own process group, its output in `logFile`. Ready when
 * its output has printed `readyText` and `isReady()` (a health check, if given) says so.
 */
export class BackgroundProcess {
	readonly logFile: string;
	private readonly child: ChildProcess;
	private readonly exit: Promise<void>;
	private exited?: { code: number | null; signal: NodeJS.Signals | null };
	private recent = '';
	private announced = false;

	constructor(
		command: string,
		args: string[],
		options: { cwd: string; env: NodeJS.ProcessEnv; logFile: string; readyText: string },
	) {
		this.logFile = options.logFile;
		const log = createWriteStream(options.logFile);
		log.write(`$ ${[command, ...args].join(' ')}\n`);
		this.child = spawn(command, args, {
			cwd: options.cwd,
			env: options.env,
			stdio: ['ignore', 'pipe', 'pipe'],
			detached: true,
		});
		live.add(this.child);
		this.child.stdout!.on('data', (chunk: Buffer) => {
			log.write(chunk);
			this.recent = (this.recent + chunk.toString()).slice(-4000);
			if (this.recent.includes(options.readyText)) this.announced = true;
		});
		this.child.stderr!.on('data', (chunk: Buffer) => log.write(chunk));
		this.exit = new Promise<void>((done) => {
			this.child.once('close', (code, signal) => {
				this.exited = { code, signal };
				live.delete(this.child);
				log.end(`\n[e2e] exited with ${code ?? signal}\n`);
				done();
			});
			this.child.once('error', (error) => {
				this.exited = { code: null, signal: null };
				log.end(`\n[e2e] cannot start: ${error.message}\n`);
				done();
			});
		});
	}

	/** Waits until the ready text was printed and `isReady` holds; throws (with the log's tail) on exit or timeout. */
	async ready(timeoutMs: number, isReady: () => Promise<boolean> = async () => true): Promise<void> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			if (this.exited) {
				await sleep(100);
				throw new Error(
					`exited early (${this.exited.code ?? this.exited.signal}); log: ${this.logFile}\n${tail(this.logFile)}`,
				);
			}
			if (this.announced && (await isReady().catch(() => false))) return;
			if (Date.now() > deadline) {
				await this.stop();
				throw new Error(`not ready within ${timeoutMs} ms; log: ${this.logFile}\n${tail(this.logFile)}`);
			}
			await sleep(500);
		}
	}

	get running(): boolean {
		return this.exited === undefined;
	}

	/** SIGTERM (a graceful shutdown), SIGKILL to the whole group after timeoutMs. */
	async stop(timeoutMs = 20_000): Promise<void> {
		try {
			this.child.kill('SIGTERM');
		} catch {
			// gone
		}
		if (!(await within(this.exit, timeoutMs))) {
			killGroup(this.child, 'SIGKILL');
			await within(this.exit, 5000);
		}
		killGroup(this.child, 'SIGKILL'); // the task runner, if it outlived its parent
	}

	/** SIGKILL to the whole group at once: a crash, as when a container is killed. */
	async kill(): Promise<void> {
		killGroup(this.child, 'SIGKILL');
		await within(this.exit, 10_000);
	}
}
