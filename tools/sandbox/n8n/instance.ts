/**
 * A real n8n (the one `scripts/n8n/provision.mjs` puts in `.cache/n8n-runtime`) for end-to-end tests.
 *
 * ```ts
 * const n8n = await N8n.create({ tarball: packageTarball() });   // fresh user folder, our package installed
 * await n8n.importCredentials([alibabaCredential(emulator), smtpCredential(smtp)]);
 * const id = await n8n.importWorkflow(workflowJson);
 * const result = await n8n.execute(id);                           // `n8n execute --id … --rawOutput`, parsed
 * result.output('Get Package Job');                               // the node's output items (json)
 * await n8n.start();                                              // `n8n start`, waits for /healthz
 * await n8n.dispose();                                            // stops n8n (SIGTERM, then SIGKILL), always
 * ```
 *
 * Every n8n process writes its output to a log file under the instance's folder (`.cache/e2e/runs/<run>/logs`),
 * and every error message names that file.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

import { type CredentialSpec, newId } from './credentials';
import { n8nEnv } from './env';
import { type ExecuteResult, outputOf, parseRawOutput } from './executeOutput';
import { installPackage } from './install';
import { newRunDir, REPO_ROOT } from './paths';
import { testCredentialOverRest } from './rest';
import { E2E_OWNER, type N8nAnswer, N8nSession } from './session';
import { BackgroundProcess, type CliResult, freePort, runLogged, succeeded } from './processes';
import { loadRuntime, type N8nRuntime } from './runtime';

interface N8nOptions {
	/** Install this `npm pack` tarball of the package as a community package (as n8n's installer does). */
	tarball?: string;
	/** A label for the run folder. */
	name?: string;
	/** Extra environment for every n8n process. */
	env?: Record<string, string>;
	/** The run folder (default: a new one under .cache/e2e/runs/, which the e2e setup prunes). */
	runDir?: string;
	/** The editor's port (default: a free one). */
	port?: number;
	/** N8N_USER_FOLDER, e.g. a HOME a test installed the package into (default: `<runDir>/user`). */
	userFolder?: string;
	/** Runs n8n's CLI some other way than with the runtime's node, e.g. in a container (default: the runtime). */
	launcher?: N8nLauncher;
}

/** How to run n8n's CLI elsewhere: the command, and its arguments for n8n's arguments and the environment it must see. */
export interface N8nLauncher {
	command: string;
	args(n8nArgs: string[], n8nEnv: Record<string, string>): string[];
}

export class N8n {
	readonly runtime: N8nRuntime;
	readonly runDir: string;
	/** N8N_USER_FOLDER: n8n keeps its data in `<userFolder>/.n8n`. */
	readonly userFolder: string;
	readonly logDir: string;
	readonly port: number;
	readonly url: string;
	readonly brokerPort: number;
	readonly extraEnv: Record<string, string>;
	private server?: BackgroundProcess;
	private serverLog?: string;
	private sequence = 0;
	private session?: N8nSession;
	readonly owner = E2E_OWNER;

	private constructor(
		runtime: N8nRuntime,
		runDir: string,
		port: number,
		brokerPort: number,
		env: Record<string, string>,
		userFolder: string,
		private readonly launcher?: N8nLauncher,
	) {
		this.runtime = runtime;
		this.runDir = runDir;
		this.userFolder = userFolder;
		this.logDir = join(runDir, 'logs');
		this.port = port;
		this.url = `http://127.0.0.1:${port}`;
		this.brokerPort = brokerPort;
		this.extraEnv = env;
		mkdirSync(join(this.userFolder, '.n8n'), { recursive: true });
		mkdirSync(this.logDir, { recursive: true });
	}

	/**
	 * An n8n with its run folder under .cache/e2e/runs/ and a fresh user folder there (or the given one), with the
	 * package installed when `tarball` is given.
	 */
	static async create(options: N8nOptions = {}): Promise<N8n> {
		const runtime = loadRuntime();
		const runDir = options.runDir ?? newRunDir(options.name ?? 'n8n');
		const n8n = new N8n(
			runtime,
			runDir,
			options.port ?? (await freePort()),
			await freePort(),
			options.env ?? {},
			options.userFolder ?? join(runDir, 'user'),
			options.launcher,
		);
		if (options.tarball) await n8n.installPackage(options.tarball);
		return n8n;
	}

	/** The environment of every n8n process: nothing inherited that could point n8n elsewhere. */
	env(): NodeJS.ProcessEnv {
		return n8nEnv(this);
	}

	private nextLog(label: string): string {
		this.sequence += 1;
		return join(
			this.logDir,
			`${String(this.sequence).padStart(2, '0')}-${label.replace(/[^A-Za-z0-9_.-]+/g, '-')}.log`,
		);
	}

	/** Runs a process (n8n by default) to completion; output goes to a log file and is returned. Never throws on exit codes. */
	async run(
		args: string[],
		options: { timeoutMs?: number; label?: string; command?: string; cwd?: string; env?: Record<string, string> } = {},
	): Promise<CliResult> {
		const [command, commandArgs]: [string, string[]] = options.command
			? [options.command, args]
			: this.launcher
				? [this.launcher.command, this.launcher.args(args, options.env ?? {})]
				: [this.runtime.node, [this.runtime.n8nBin, ...args]];
		return await runLogged(command, commandArgs, {
			cwd: options.cwd ?? this.runDir,
			env: { ...this.env(), ...options.env },
			logFile: this.nextLog(options.label ?? args[0] ?? 'n8n'),
			timeoutMs: options.timeoutMs ?? 120_000,
		});
	}

	/** Like run(), but throws (with the log's tail) unless the command exits with 0. */
	async cli(args: string[], options: { timeoutMs?: number; label?: string } = {}): Promise<CliResult> {
		return succeeded(await this.run(args, options), `n8n ${args.join(' ')}`);
	}

	/**
	 * Installs a package tarball the way n8n 2.41's community-package installer does (CommunityPackagesService
	 * .downloadPackage): unpack into `.n8n/nodes/node_modules/<name>`, drop devDependencies, peerDependencies and
	 * optionalDependencies from its package.json, run `npm install --ignore-scripts …` inside it (with the runtime's
	 * Node 24 npm), and record it in `.n8n/nodes/package.json`. Only `npm pack <name>@<version>` from the registry
	 * is replaced by our tarball. n8n loads every package in that folder at start.
	 */
	async installPackage(tarball: string): Promise<{ name: string; version: string; directory: string }> {
		return await installPackage(this, tarball);
	}

	private writeInput(label: string, value: unknown): string {
		const dir = join(this.runDir, 'input');
		mkdirSync(dir, { recursive: true });
		const file = join(dir, `${String(this.sequence + 1).padStart(2, '0')}-${label}.json`);
		writeFileSync(file, JSON.stringify(value, null, 2));
		return file;
	}

	/** `n8n import:credentials`: plain `data` is encrypted by n8n on import. Returns the ids. */
	async importCredentials(credentials: CredentialSpec[]): Promise<string[]> {
		const withIds = credentials.map((credential) => ({ ...credential, id: credential.id ?? newId() }));
		const file = this.writeInput('credentials', withIds);
		await this.cli(['import:credentials', `--input=${file}`], { label: 'import-credentials' });
		return withIds.map((credential) => credential.id);
	}

	/** `n8n import:workflow` (imported inactive, as 2.41 does outside queue mode). Returns the workflow id. */
	async importWorkflow(workflow: Record<string, unknown>): Promise<string> {
		const full = importable(workflow);
		const file = this.writeInput('workflow', full);
		await this.cli(['import:workflow', `--input=${file}`], { label: 'import-workflow' });
		return full.id;
	}

	/**
	 * Several workflows in one `n8n import:workflow` call (a JSON array in one file, which 2.41 accepts): one CLI
	 * start instead of one per workflow. Returns the workflow ids, in order.
	 */
	async importWorkflows(workflows: Array<Record<string, unknown>>): Promise<string[]> {
		const full = workflows.map(importable);
		const file = this.writeInput('workflows', full);
		await this.cli(['import:workflow', `--input=${file}`], { label: 'import-workflows' });
		return full.map((workflow) => workflow.id);
	}

	/**
	 * Marks a workflow active for the next `n8n start`: `n8n publish:workflow --id=…` (2.41; `update:workflow
	 * --active=true` is deprecated and only forwards to it), `n8n update:workflow --id=… --active=true` on n8n 1.x,
	 * which has no publish:workflow. Takes effect when n8n starts, so call it before start().
	 */
	async publishWorkflow(id: string): Promise<void> {
		if (this.server)
			throw new Error('publishWorkflow() must run before start(): n8n reads active workflows when it starts');
		const command =
			this.runtime.major >= 2 ? ['publish:workflow', `--id=${id}`] : ['update:workflow', `--id=${id}`, '--active=true'];
		await this.cli(command, { label: 'publish-workflow' });
	}

	/**
	 * `n8n execute --id <id> --rawOutput`, parsed. Starts from the workflow's Manual Trigger.
	 *
	 * With n8n's legacy expression engine, whatever the instance uses otherwise: n8n 2.41's `execute` exits
	 * (process.exit) without disposing its default "vm" engine, whose isolate pool is then building the next isolate
	 * (isolated-vm) on a thread of its own. Node tears the process down under that thread, which now and then dies
	 * with SIGSEGV after the run was printed (1 in 80 runs on two shared cores, more on one; docs/n8n-versions.md).
	 * `n8n start` and `n8n worker` keep the default engine; n8n 1.x's default is the legacy engine anyway.
	 */
	async execute(id: string, options: { timeoutMs?: number } = {}): Promise<ExecuteResult> {
		const result = await this.run(['execute', `--id=${id}`, '--rawOutput'], {
			label: 'execute',
			timeoutMs: options.timeoutMs ?? 120_000,
			env: { N8N_EXPRESSION_ENGINE: 'legacy', ...this.extraEnv },
		});
		// Success: the run is printed on stdout. Failure: n8n logs "Execution was NOT successful" and the run,
		// then the error message, and exits non-zero.
		const run = parseRawOutput(result.stdout) ?? parseRawOutput(`${result.stdout}\n${result.stderr}`);
		const ok = result.exitCode === 0 && run?.status === 'success';
		let errorMessage: string | undefined;
		if (!ok) {
			errorMessage =
				run?.data.resultData.error?.message ??
				(result.timedOut ? `timed out after ${options.timeoutMs ?? 120_000} ms` : undefined) ??
				(/Execution error:\s*\n(?:=+\s*\n)?([^\n]+)/.exec(result.stdout + result.stderr)?.[1]?.trim() || undefined) ??
				`exit code ${result.exitCode ?? result.signal}`;
		}
		return {
			ok,
			exitCode: result.exitCode,
			run,
			errorMessage,
			stdout: result.stdout,
			stderr: result.stderr,
			logFile: result.logFile,
			durationMs: result.durationMs,
			output: outputOf(run, result.logFile),
		};
	}

	/** `n8n start` in the background; resolves once n8n says the editor is accessible and GET /healthz answers 200. */
	async start(options: { timeoutMs?: number } = {}): Promise<void> {
		if (this.server) throw new Error('n8n is already started');
		const logFile = this.nextLog('start');
		this.serverLog = logFile;
		const server = new BackgroundProcess(this.runtime.node, [this.runtime.n8nBin, 'start'], {
			cwd: this.runDir,
			env: this.env(),
			logFile,
			// n8n listens (and /healthz answers) before it has loaded the REST API and activated workflows; it prints
			// this when it is done. Wait for both.
			readyText: 'Editor is now accessible via',
		});
		this.server = server;
		this.session = new N8nSession(this.url, () => this.serverLog);
		try {
			await server.ready(options.timeoutMs ?? 120_000, async () => {
				const response = await fetch(`${this.url}/healthz`, { signal: AbortSignal.timeout(2000) });
				return response.status === 200;
			});
		} catch (error) {
			this.server = undefined;
			this.session = undefined;
			throw new Error(`n8n start on ${this.url}: ${(error as Error).message}`);
		}
	}

	/** The log of `n8n start` (path and text). */
	serverLogFile(): string | undefined {
		return this.serverLog;
	}

	/** Stops `n8n start`: SIGTERM (n8n shuts down gracefully), SIGKILL to its process group after timeoutMs. */
	async stop(options: { timeoutMs?: number } = {}): Promise<void> {
		const server = this.server;
		if (!server) return;
		await server.stop(options.timeoutMs ?? 20_000);
		this.server = undefined;
		this.session = undefined;
	}

	get running(): boolean {
		return this.server !== undefined;
	}

	// ---- REST API (while started) ----------------------------------------------------------------------------------

	/** The started n8n's session: the calls below go through it. */
	private started(): N8nSession {
		if (!this.session) throw new Error('n8n is not started');
		return this.session;
	}

	/** An HTTP call to the started n8n with the session cookie (if logged in); returns status and parsed body. */
	async request(path: string, method = 'GET', body?: unknown): Promise<N8nAnswer> {
		return this.started().request(path, method, body);
	}

	/** A call to n8n's internal REST API (`/rest<path>`). */
	async rest(method: string, path: string, body?: unknown): Promise<N8nAnswer> {
		return this.started().rest(method, path, body);
	}

	/** Creates the instance owner (POST /rest/owner/setup) and logs in (POST /rest/login). */
	async setupOwnerAndLogin(): Promise<void> {
		await this.started().setupOwnerAndLogin();
	}

	/** Logs in as the owner (POST /rest/login), e.g. again after a restart. */
	async login(): Promise<void> {
		await this.started().login();
	}

	/**
	 * The editor's credential "Test" button, as the editor does it: GET /rest/credentials/<id>?includeData=true
	 * (secrets come back redacted), then POST /rest/credentials/test with that data; n8n puts the stored secrets
	 * back in and runs the credential type's test. `data` overrides fields, as when a user edits the form before
	 * testing. Returns n8n's `{status: 'OK'|'Error', message}`.
	 */
	async testCredential(credential: { id: string; data?: Record<string, unknown> }) {
		return await testCredentialOverRest(this, credential);
	}

	/** Stops n8n and every process this instance started. */
	async dispose(options: { keep?: boolean } = {}): Promise<void> {
		await this.stop();
		if (options.keep === false) rmSync(this.runDir, { recursive: true, force: true });
	}

	/** Short description for failure messages. */
	describe(): string {
		return `n8n ${this.runtime.versions.n8n} in ${relative(REPO_ROOT, this.runDir)} (logs: ${this.logDir})`;
	}
}

/** A workflow as `n8n import:workflow` wants it: an id (n8n's format), a name, inactive, with settings and connections. */
function importable(workflow: Record<string, unknown>): Record<string, unknown> & { id: string } {
	const id = typeof workflow.id === 'string' && workflow.id ? workflow.id : newId();
	return { name: `e2e ${id}`, active: false, settings: {}, connections: {}, ...workflow, id };
}
