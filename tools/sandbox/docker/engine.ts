/**
 * A Docker engine of the tests' own: `dockerd` from Debian's docker.io, started as root with its images under
 * .cache/docker/engine (kept between runs, so the stand-in for n8n's image is built once) and its socket in a
 * folder of its own. Its containers and volumes are the tests' alone, so a test may remove them by name.
 */
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { type CliResult, killGroup, live, runLogged, sleep, succeeded, tail, within } from '../n8n/processes';
import { REPO_ROOT } from '../n8n/paths';
import { dockerTools } from '../services/debianTools';

interface RunOptions {
	label?: string;
	timeoutMs?: number;
	cwd?: string;
}

export const ENGINE_DATA = join(REPO_ROOT, '.cache', 'docker', 'engine');

export class DockerEngine {
	private sequence = 0;

	private constructor(
		/** DOCKER_HOST for the docker CLI and anything else that talks to this engine. */
		readonly env: { DOCKER_HOST: string },
		private readonly logDir: string,
		private readonly stopDaemon: () => Promise<void>,
	) {}

	/** Starts dockerd and waits until it answers; its log and every docker command's go to `logDir`. */
	static async start(logDir: string): Promise<DockerEngine> {
		if (process.getuid?.() !== 0) throw new Error('The Docker engine of the tests runs dockerd, which needs root');
		mkdirSync(logDir, { recursive: true });
		mkdirSync(ENGINE_DATA, { recursive: true });
		// short: the engine's sockets live under it, and a socket path has at most 107 characters
		const runDir = mkdtempSync(join(tmpdir(), 'dockerd-'));
		const socket = join(runDir, 'docker.sock');
		const logFile = join(logDir, 'dockerd.log');
		const log = createWriteStream(logFile);
		const daemon = spawn(
			dockerTools.dockerd(),
			[
				...['--data-root', ENGINE_DATA, '--exec-root', join(runDir, 'exec')],
				...['--pidfile', join(runDir, 'pid'), '--host', `unix://${socket}`],
			],
			{ stdio: ['ignore', 'pipe', 'pipe'], detached: true },
		);
		live.add(daemon);
		daemon.stdout!.pipe(log);
		daemon.stderr!.pipe(log);
		const exited = new Promise<void>((done) => daemon.once('close', () => done()));
		const engine = new DockerEngine({ DOCKER_HOST: `unix://${socket}` }, logDir, async () => {
			daemon.kill('SIGTERM');
			if (!(await within(exited, 30_000))) killGroup(daemon, 'SIGKILL');
			live.delete(daemon);
			rmSync(runDir, { recursive: true, force: true });
		});
		const deadline = Date.now() + 60_000;
		while ((await engine.docker(['version', '--format', '{{.Server.Version}}'])).exitCode) {
			if (daemon.exitCode !== null || Date.now() > deadline) {
				await engine.stop();
				throw new Error(`dockerd did not answer on ${socket}; log: ${logFile}\n${tail(logFile)}`);
			}
			await sleep(500);
		}
		return engine;
	}

	/** A command (bash, the docker CLI, …) with DOCKER_HOST set to this engine, logged to a file of its own. */
	async run(command: string, args: string[], options: RunOptions = {}): Promise<CliResult> {
		this.sequence += 1;
		const label = `${String(this.sequence).padStart(2, '0')}-${options.label ?? args[0]}`;
		return await runLogged(command, args, {
			cwd: options.cwd ?? REPO_ROOT,
			env: { ...process.env, ...this.env },
			logFile: join(this.logDir, `${label.replace(/[^A-Za-z0-9_.-]+/g, '-')}.log`),
			timeoutMs: options.timeoutMs ?? 120_000,
		});
	}

	/** A docker command against this engine. Never throws on exit codes. */
	async docker(args: string[], options: RunOptions = {}): Promise<CliResult> {
		return await this.run(dockerTools.docker(), args, { ...options, label: `docker-${options.label ?? args[0]}` });
	}

	/** Like docker(), but throws unless the command succeeds; returns its stdout, trimmed. */
	async dockerOk(args: string[], options: RunOptions = {}): Promise<string> {
		return succeeded(await this.docker(args, options), `docker ${args.join(' ')}`).stdout.trim();
	}

	/** The host's address on the engine's default bridge: where a container reaches a server of the tests. */
	async bridgeGateway(): Promise<string> {
		return await this.dockerOk([
			'network',
			'inspect',
			'bridge',
			'--format',
			'{{range .IPAM.Config}}{{.Gateway}}{{end}}',
		]);
	}

	/** Stops dockerd (SIGTERM: it stops its containers first); its images stay in ENGINE_DATA. */
	async stop(): Promise<void> {
		await this.stopDaemon();
	}
}
