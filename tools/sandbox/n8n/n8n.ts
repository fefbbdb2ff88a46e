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
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
	createWriteStream,
	existsSync,
	mkdirSync,
	readdirSync,
	readFileSync,
	renameSync,
	rmSync,
	writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, relative, resolve } from 'node:path';

export const REPO_ROOT = resolve(__dirname, '..', '..', '..');
export const PACKAGE_NAME = 'n8n-nodes-alibaba-cloud-media';
export const E2E_CACHE = join(REPO_ROOT, '.cache', 'e2e');
export const RUNS_DIR = join(E2E_CACHE, 'runs');
/** Fixed, so that a kept user folder can be opened again by hand with the same key. */
export const ENCRYPTION_KEY = 'e2e-n8n-nodes-alibaba-cloud-media-not-a-secret';

// ---- the provisioned runtime -------------------------------------------------------------------------------------

export interface N8nRuntime {
	dir: string;
	node: string;
	nodeBinDir: string;
	npmCli: string;
	n8nBin: string;
	versions: { node: string; npm: string; n8n: string };
}

export function runtimeDir(): string {
	return resolve(REPO_ROOT, process.env.N8N_RUNTIME_DIR || join('.cache', 'n8n-runtime'));
}

/** Reads `.cache/n8n-runtime/runtime.json` (written by scripts/n8n/provision.mjs only after a complete install). */
export function loadRuntime(): N8nRuntime {
	const dir = runtimeDir();
	const markerPath = join(dir, 'runtime.json');
	if (!existsSync(markerPath)) {
		throw new Error(
			`No provisioned n8n in ${dir} (no runtime.json). Run \`node scripts/n8n/provision.mjs\` first ` +
				'(the e2e jest config does it in its globalSetup).',
		);
	}
	const marker = JSON.parse(readFileSync(markerPath, 'utf8')) as {
		versions: N8nRuntime['versions'];
		files: Record<string, string>;
	};
	const file = (key: string) => join(dir, marker.files[key]);
	const runtime: N8nRuntime = {
		dir,
		node: file('node'),
		nodeBinDir: file('nodeBinDir'),
		npmCli: file('npmCli'),
		n8nBin: file('n8nBin'),
		versions: marker.versions,
	};
	for (const key of ['node', 'npmCli', 'n8nBin'] as const) {
		if (!existsSync(runtime[key])) {
			throw new Error(`The n8n runtime in ${dir} is incomplete (${runtime[key]} is missing); run provision again.`);
		}
	}
	return runtime;
}

// ---- credentials ---------------------------------------------------------------------------------------------------

export interface CredentialSpec {
	/** Default: a random 16-character id (n8n's format). */
	id?: string;
	name: string;
	type: string;
	data: Record<string, unknown>;
}

/** The Alibaba Cloud API credential pointed at an emulator (or any endpoint). */
export function alibabaCredential(
	target: { url: string; credentials: { accessKeyId: string; accessKeySecret: string } },
	overrides: Record<string, unknown> & { id?: string; name?: string } = {},
): CredentialSpec & { id: string } {
	const { id, name, ...data } = overrides;
	return {
		id: (id as string | undefined) ?? newId(),
		name: (name as string | undefined) ?? 'Alibaba Cloud (emulator)',
		type: 'alibabaCloudApi',
		data: {
			accessKeyId: target.credentials.accessKeyId,
			accessKeySecret: target.credentials.accessKeySecret,
			securityToken: '',
			region: 'cn-shanghai',
			iceEndpoint: target.url,
			vodEndpoint: target.url,
			...data,
		},
	};
}

/** n8n's SMTP credential (n8n-nodes-base `smtp`) for a plain-text SMTP server without TLS, e.g. the SMTP sink. */
export function smtpCredential(
	server: { host: string; port: number },
	overrides: { id?: string; name?: string; user?: string; password?: string } = {},
): CredentialSpec & { id: string } {
	return {
		id: overrides.id ?? newId(),
		name: overrides.name ?? 'SMTP sink',
		type: 'smtp',
		data: {
			user: overrides.user ?? '',
			password: overrides.password ?? '',
			host: server.host,
			port: server.port,
			secure: false,
			// nodemailer's ignoreTLS: never try STARTTLS (the sink does not offer it anyway)
			disableStartTls: true,
			hostName: 'n8n-e2e.local',
		},
	};
}

/** An id in n8n's format (16 alphanumerics), for workflows and credentials. */
export function newId(): string {
	const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
	return [...randomBytes(16)].map((byte) => alphabet[byte % alphabet.length]).join('');
}

// ---- execute output --------------------------------------------------------------------------------------------

export interface NodeRun {
	startTime: number;
	executionTime: number;
	executionStatus?: string;
	error?: { message: string; description?: string; [key: string]: unknown };
	data?: { main?: Array<Array<{ json: Record<string, any>; pairedItem?: unknown }> | null> };
	[key: string]: unknown;
}

/** The run `n8n execute --rawOutput` prints: n8n's IRun (`JSON.stringify(run, null, 2)`). */
export interface RawRun {
	data: {
		resultData: {
			runData: Record<string, NodeRun[]>;
			lastNodeExecuted?: string;
			error?: { message: string; description?: string; node?: { name: string }; [key: string]: unknown };
		};
		[key: string]: unknown;
	};
	mode: string;
	status: string;
	finished?: boolean;
	startedAt: string;
	stoppedAt?: string;
	[key: string]: unknown;
}

export interface ExecuteResult {
	/** exit code 0 and a run with status `success` */
	ok: boolean;
	exitCode: number | null;
	/** the parsed run, when n8n printed one (success: on stdout; failure: in the error log, if found) */
	run?: RawRun;
	/** n8n's words when the execution failed */
	errorMessage?: string;
	stdout: string;
	stderr: string;
	logFile: string;
	durationMs: number;
	/** The json of a node's output items (run 0, output 0 unless given); throws if the node did not run. */
	output(nodeName: string, runIndex?: number, outputIndex?: number): Array<Record<string, any>>;
}

/**
 * Finds n8n's run in the output of `n8n execute --rawOutput`. In 2.41 stdout holds log lines (task broker,
 * license SDK, migrations on a fresh database, …) and then the run as pretty-printed JSON: a line `{` … a line `}`.
 * Takes the last top-level JSON object that looks like a run.
 */
export function parseRawOutput(text: string): RawRun | undefined {
	const lines = text.split(/\r?\n/);
	const starts: number[] = [];
	const ends: number[] = [];
	lines.forEach((line, index) => {
		if (line === '{') starts.push(index);
		if (line === '}') ends.push(index);
	});
	for (const start of starts.reverse()) {
		for (const end of [...ends].reverse()) {
			if (end <= start) break;
			try {
				const value = JSON.parse(lines.slice(start, end + 1).join('\n'));
				if (value && typeof value === 'object' && value.data?.resultData) return value as RawRun;
			} catch {
				// not this pair
			}
		}
	}
	return undefined;
}

function outputOf(run: RawRun | undefined, logFile: string) {
	return (nodeName: string, runIndex = 0, outputIndex = 0) => {
		const runs = run?.data.resultData.runData[nodeName];
		if (!runs?.[runIndex]) {
			const ran = run ? Object.keys(run.data.resultData.runData).join(', ') || 'none' : 'no run parsed';
			throw new Error(`Node "${nodeName}" has no run ${runIndex} (nodes that ran: ${ran}); n8n log: ${logFile}`);
		}
		const nodeRun = runs[runIndex];
		if (nodeRun.error) {
			throw new Error(`Node "${nodeName}" failed: ${nodeRun.error.message}; n8n log: ${logFile}`);
		}
		return (nodeRun.data?.main?.[outputIndex] ?? []).map((item) => item.json);
	};
}

// ---- processes -------------------------------------------------------------------------------------------------

/** Live child processes (each the leader of its own process group), killed when the test process exits. */
const live = new Set<ChildProcess>();
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

function killGroup(child: ChildProcess, signal: NodeJS.Signals) {
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

function tail(file: string, lines = 40): string {
	try {
		return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
	} catch {
		return '(no log)';
	}
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** true when the promise settles within ms, false otherwise; leaves no timer behind. */
function within(promise: Promise<unknown>, ms: number): Promise<boolean> {
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

export interface N8nOptions {
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
}

export class N8n {
	readonly runtime: N8nRuntime;
	readonly runDir: string;
	/** N8N_USER_FOLDER: n8n keeps its data in `<userFolder>/.n8n`. */
	readonly userFolder: string;
	readonly logDir: string;
	readonly port: number;
	readonly url: string;
	private readonly brokerPort: number;
	private readonly extraEnv: Record<string, string>;
	private server?: ChildProcess;
	private serverExit?: Promise<void>;
	private serverLog?: string;
	private sequence = 0;
	private cookie = '';
	private readonly browserId = `e2e-${randomBytes(8).toString('hex')}`;
	readonly owner = { email: 'owner@e2e.test', firstName: 'E2E', lastName: 'Owner', password: 'E2e-Passw0rd!' };

	private constructor(
		runtime: N8nRuntime,
		runDir: string,
		port: number,
		brokerPort: number,
		env: Record<string, string>,
	) {
		this.runtime = runtime;
		this.runDir = runDir;
		this.userFolder = join(runDir, 'user');
		this.logDir = join(runDir, 'logs');
		this.port = port;
		this.url = `http://127.0.0.1:${port}`;
		this.brokerPort = brokerPort;
		this.extraEnv = env;
		mkdirSync(join(this.userFolder, '.n8n'), { recursive: true });
		mkdirSync(this.logDir, { recursive: true });
	}

	/** A fresh n8n user folder under .cache/e2e/runs/, with the package installed when `tarball` is given. */
	static async create(options: N8nOptions = {}): Promise<N8n> {
		const runtime = loadRuntime();
		const label = (options.name ?? 'n8n').replace(/[^A-Za-z0-9_.-]+/g, '-');
		const runDir =
			options.runDir ??
			join(
				RUNS_DIR,
				`${new Date().toISOString().replace(/[:.]/g, '-')}-${label}-${process.pid}-${randomBytes(3).toString('hex')}`,
			);
		const n8n = new N8n(runtime, runDir, options.port ?? (await freePort()), await freePort(), options.env ?? {});
		if (options.tarball) await n8n.installPackage(options.tarball);
		return n8n;
	}

	/** The environment of every n8n process: nothing inherited that could point n8n elsewhere. */
	env(): NodeJS.ProcessEnv {
		const env: NodeJS.ProcessEnv = {};
		for (const [key, value] of Object.entries(process.env)) {
			// NODE_ENV=test (set by jest) makes n8n 2.41 silent: no logs, and `execute` prints no run at all.
			if (/^(N8N_|DB_|npm_|NODE_OPTIONS$|NODE_PATH$|NODE_ENV$|JEST_|EXECUTIONS_|QUEUE_|GENERIC_TIMEZONE$)/i.test(key))
				continue;
			env[key] = value;
		}
		return {
			...env,
			PATH: `${this.runtime.nodeBinDir}:${process.env.PATH ?? ''}`,
			N8N_USER_FOLDER: this.userFolder,
			N8N_ENCRYPTION_KEY: ENCRYPTION_KEY,
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_HIRING_BANNER_ENABLED: 'false',
			N8N_PORT: String(this.port),
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_HOST: '127.0.0.1',
			N8N_PROTOCOL: 'http',
			N8N_SECURE_COOKIE: 'false',
			N8N_RUNNERS_BROKER_PORT: String(this.brokerPort),
			N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
			N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '10',
			N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
			// 2.41 warns that this default becomes false in n8n 3; our package is unverified while in development
			N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
			N8N_REINSTALL_MISSING_PACKAGES: 'false',
			N8N_SSRF_PROTECTION_ENABLED: 'false',
			N8N_LOG_LEVEL: 'info',
			N8N_LOG_OUTPUT: 'console',
			CI: 'true',
			...this.extraEnv,
		};
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
		options: { timeoutMs?: number; label?: string; command?: string; cwd?: string } = {},
	): Promise<CliResult> {
		const timeoutMs = options.timeoutMs ?? 120_000;
		const command = options.command ?? this.runtime.node;
		const fullArgs = options.command ? args : [this.runtime.n8nBin, ...args];
		const logFile = this.nextLog(options.label ?? args[0] ?? 'n8n');
		const log = createWriteStream(logFile);
		log.write(`$ ${[command, ...fullArgs].join(' ')}\n`);
		const started = Date.now();
		const child = spawn(command, fullArgs, {
			cwd: options.cwd ?? this.runDir,
			env: this.env(),
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
		await new Promise<void>((r) =>
			log.end(`\n[e2e] exit ${exitCode ?? signal} after ${Date.now() - started} ms\n`, () => r()),
		);
		return { exitCode, signal, stdout, stderr, logFile, durationMs: Date.now() - started, timedOut };
	}

	/** Like run(), but throws (with the log's tail) unless the command exits with 0. */
	async cli(args: string[], options: { timeoutMs?: number; label?: string } = {}): Promise<CliResult> {
		const result = await this.run(args, options);
		if (result.exitCode !== 0) {
			throw new Error(
				`\`n8n ${args.join(' ')}\` ${result.timedOut ? 'timed out' : `exited with ${result.exitCode ?? result.signal}`}; ` +
					`log: ${result.logFile}\n--- last lines ---\n${tail(result.logFile)}`,
			);
		}
		return result;
	}

	/**
	 * Installs a package tarball the way n8n 2.41's community-package installer does (CommunityPackagesService
	 * .downloadPackage): unpack into `.n8n/nodes/node_modules/<name>`, drop devDependencies, peerDependencies and
	 * optionalDependencies from its package.json, run `npm install --ignore-scripts …` inside it (with the runtime's
	 * Node 24 npm), and record it in `.n8n/nodes/package.json`. Only `npm pack <name>@<version>` from the registry
	 * is replaced by our tarball. n8n loads every package in that folder at start.
	 */
	async installPackage(tarball: string): Promise<{ name: string; version: string; directory: string }> {
		const nodesDir = join(this.userFolder, '.n8n', 'nodes');
		// n8n: `npm pack name@version` into .n8n/nodes, then `tar -xzf <tgz> -C node_modules/<name> --strip-components=1`
		const unpacked = join(nodesDir, 'node_modules', '.e2e-unpack');
		rmSync(unpacked, { recursive: true, force: true });
		mkdirSync(unpacked, { recursive: true });
		const untar = await this.run(['-xzf', resolve(tarball), '-C', unpacked, '--strip-components=1'], {
			command: 'tar',
			label: 'tar-package',
		});
		if (untar.exitCode !== 0) throw new Error(`Cannot unpack ${tarball}: ${untar.stderr}; log: ${untar.logFile}`);
		const manifest = JSON.parse(readFileSync(join(unpacked, 'package.json'), 'utf8'));
		const name: string = manifest.name;
		const directory = join(nodesDir, 'node_modules', ...name.split('/'));
		rmSync(directory, { recursive: true, force: true });
		mkdirSync(dirname(directory), { recursive: true });
		renameSync(unpacked, directory);
		const { devDependencies: _dev, peerDependencies: _peer, optionalDependencies: _optional, ...trimmed } = manifest;
		writeFileSync(join(directory, 'package.json'), JSON.stringify(trimmed, null, 2), 'utf8');
		const install = await this.run(
			[
				this.runtime.npmCli,
				'install',
				'--audit=false',
				'--fund=false',
				'--bin-links=false',
				'--install-strategy=shallow',
				'--ignore-scripts=true',
				'--package-lock=false',
			],
			{ command: this.runtime.node, cwd: directory, label: 'npm-install-package', timeoutMs: 180_000 },
		);
		if (install.exitCode !== 0) {
			throw new Error(`npm install in ${directory} failed; log: ${install.logFile}\n${tail(install.logFile)}`);
		}
		const ledgerPath = join(nodesDir, 'package.json');
		const ledger = existsSync(ledgerPath)
			? JSON.parse(readFileSync(ledgerPath, 'utf8'))
			: { name: 'installed-nodes', private: true, dependencies: {} };
		ledger.dependencies = { ...(ledger.dependencies ?? {}), [name]: manifest.version };
		writeFileSync(ledgerPath, JSON.stringify(ledger, null, 2), 'utf8');
		return { name, version: manifest.version, directory };
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
		const id = typeof workflow.id === 'string' && workflow.id ? workflow.id : newId();
		const full = { name: `e2e ${id}`, active: false, settings: {}, connections: {}, ...workflow, id };
		const file = this.writeInput('workflow', full);
		await this.cli(['import:workflow', `--input=${file}`], { label: 'import-workflow' });
		return id;
	}

	/**
	 * Several workflows in one `n8n import:workflow` call (a JSON array in one file, which 2.41 accepts): one CLI
	 * start instead of one per workflow. Returns the workflow ids, in order.
	 */
	async importWorkflows(workflows: Array<Record<string, unknown>>): Promise<string[]> {
		const full = workflows.map((workflow) => {
			const id = typeof workflow.id === 'string' && workflow.id ? workflow.id : newId();
			return { name: `e2e ${id}`, active: false, settings: {}, connections: {}, ...workflow, id };
		});
		const file = this.writeInput('workflows', full);
		await this.cli(['import:workflow', `--input=${file}`], { label: 'import-workflows' });
		return full.map((workflow) => workflow.id);
	}

	/**
	 * Marks a workflow active for the next `n8n start`: `n8n publish:workflow --id=…` (2.41; `update:workflow
	 * --active=true` is deprecated and only forwards to it). Takes effect when n8n starts, so call it before start().
	 */
	async publishWorkflow(id: string): Promise<void> {
		if (this.server)
			throw new Error('publishWorkflow() must run before start(): n8n reads active workflows when it starts');
		await this.cli(['publish:workflow', `--id=${id}`], { label: 'publish-workflow' });
	}

	/** `n8n execute --id <id> --rawOutput`, parsed. Starts from the workflow's Manual Trigger. */
	async execute(id: string, options: { timeoutMs?: number } = {}): Promise<ExecuteResult> {
		const result = await this.run(['execute', `--id=${id}`, '--rawOutput'], {
			label: 'execute',
			timeoutMs: options.timeoutMs ?? 120_000,
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
		const timeoutMs = options.timeoutMs ?? 120_000;
		const logFile = this.nextLog('start');
		this.serverLog = logFile;
		const log = createWriteStream(logFile);
		log.write(`$ ${this.runtime.node} ${this.runtime.n8nBin} start   (port ${this.port})\n`);
		const child = spawn(this.runtime.node, [this.runtime.n8nBin, 'start'], {
			cwd: this.runDir,
			env: this.env(),
			stdio: ['ignore', 'pipe', 'pipe'],
			detached: true,
		});
		live.add(child);
		this.server = child;
		// n8n listens (and /healthz answers) before it has loaded the REST API and activated workflows; it prints
		// "Editor is now accessible via:" when it is done. Wait for both.
		let announced = false;
		let recent = '';
		child.stdout!.on('data', (chunk: Buffer) => {
			log.write(chunk);
			recent = (recent + chunk.toString()).slice(-4000);
			if (recent.includes('Editor is now accessible via')) announced = true;
		});
		child.stderr!.on('data', (chunk: Buffer) => log.write(chunk));
		let exited: { code: number | null; signal: NodeJS.Signals | null } | undefined;
		this.serverExit = new Promise<void>((done) => {
			child.once('close', (code, signal) => {
				exited = { code, signal };
				live.delete(child);
				log.end(`\n[e2e] n8n start exited with ${code ?? signal}\n`);
				done();
			});
			child.once('error', (error) => {
				exited = { code: null, signal: null };
				log.end(`\n[e2e] cannot start n8n: ${error.message}\n`);
				done();
			});
		});
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			if (exited) {
				this.server = undefined;
				await sleep(100);
				throw new Error(`n8n start exited early (${exited.code ?? exited.signal}); log: ${logFile}\n${tail(logFile)}`);
			}
			try {
				if (announced) {
					const response = await fetch(`${this.url}/healthz`, { signal: AbortSignal.timeout(2000) });
					if (response.status === 200) return;
				}
			} catch {
				// not listening yet
			}
			if (Date.now() > deadline) {
				await this.stop();
				throw new Error(
					`n8n did not answer ${this.url}/healthz within ${timeoutMs} ms; log: ${logFile}\n${tail(logFile)}`,
				);
			}
			await sleep(500);
		}
	}

	/** The log of `n8n start` (path and text). */
	serverLogFile(): string | undefined {
		return this.serverLog;
	}

	/** Stops `n8n start`: SIGTERM (n8n shuts down gracefully), SIGKILL to its process group after timeoutMs. */
	async stop(options: { timeoutMs?: number } = {}): Promise<void> {
		const child = this.server;
		if (!child) return;
		const timeoutMs = options.timeoutMs ?? 20_000;
		try {
			child.kill('SIGTERM');
		} catch {
			// gone
		}
		if (!(await within(this.serverExit!, timeoutMs))) {
			killGroup(child, 'SIGKILL');
			await within(this.serverExit!, 5000);
		}
		killGroup(child, 'SIGKILL'); // the task runner, if it outlived its parent
		this.server = undefined;
		this.cookie = '';
	}

	get running(): boolean {
		return this.server !== undefined;
	}

	// ---- REST API (while started) ----------------------------------------------------------------------------------

	/** An HTTP call to the started n8n with the session cookie (if logged in); returns status and parsed body. */
	async request(path: string, method = 'GET', body?: unknown): Promise<{ status: number; body: any; text: string }> {
		if (!this.server) throw new Error('n8n is not started');
		const response = await fetch(`${this.url}${path}`, {
			method,
			headers: {
				'content-type': 'application/json',
				'browser-id': this.browserId,
				...(this.cookie ? { cookie: this.cookie } : {}),
			},
			body: body === undefined ? undefined : JSON.stringify(body),
			signal: AbortSignal.timeout(60_000),
		});
		for (const header of response.headers.getSetCookie()) {
			const pair = header.split(';')[0];
			if (pair.startsWith('n8n-auth=')) this.cookie = pair;
		}
		const text = await response.text();
		let parsed: any = text;
		try {
			parsed = JSON.parse(text);
		} catch {
			// keep the text
		}
		return { status: response.status, body: parsed, text };
	}

	/** A call to n8n's internal REST API (`/rest<path>`). */
	async rest(method: string, path: string, body?: unknown): Promise<{ status: number; body: any; text: string }> {
		return this.request(`/rest${path}`, method, body);
	}

	/** Creates the instance owner (POST /rest/owner/setup) and logs in (POST /rest/login). */
	async setupOwnerAndLogin(): Promise<void> {
		const setup = await this.rest('POST', '/owner/setup', this.owner);
		if (setup.status !== 200) {
			throw new Error(
				`POST /rest/owner/setup answered ${setup.status}: ${setup.text.slice(0, 500)}; log: ${this.serverLog}`,
			);
		}
		const login = await this.rest('POST', '/login', {
			emailOrLdapLoginId: this.owner.email,
			password: this.owner.password,
		});
		if (login.status !== 200 || !this.cookie) {
			throw new Error(`POST /rest/login answered ${login.status}: ${login.text.slice(0, 500)}; log: ${this.serverLog}`);
		}
	}

	/**
	 * The editor's credential "Test" button, as the editor does it: GET /rest/credentials/<id>?includeData=true
	 * (secrets come back redacted), then POST /rest/credentials/test with that data; n8n puts the stored secrets
	 * back in and runs the credential type's test. `data` overrides fields, as when a user edits the form before
	 * testing. Returns n8n's `{status: 'OK'|'Error', message}`.
	 */
	async testCredential(credential: { id: string; data?: Record<string, unknown> }) {
		const stored = await this.rest('GET', `/credentials/${credential.id}?includeData=true`);
		if (stored.status !== 200) {
			throw new Error(
				`GET /rest/credentials/${credential.id} answered ${stored.status}: ${stored.text.slice(0, 500)}; log: ${this.serverLog}`,
			);
		}
		const { id, name, type, data } = stored.body.data ?? stored.body;
		const response = await this.rest('POST', '/credentials/test', {
			credentials: { id, name, type, data: { ...(data ?? {}), ...(credential.data ?? {}) } },
		});
		if (response.status !== 200) {
			throw new Error(
				`POST /rest/credentials/test answered ${response.status}: ${response.text.slice(0, 500)}; log: ${this.serverLog}`,
			);
		}
		return (response.body?.data ?? response.body) as { status: 'OK' | 'Error'; message: string };
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

/** Folders of earlier runs, oldest first. */
export function listRuns(): string[] {
	if (!existsSync(RUNS_DIR)) return [];
	return readdirSync(RUNS_DIR)
		.sort()
		.map((entry) => join(RUNS_DIR, entry));
}

/** The package tarball the e2e globalSetup built (`N8N_E2E_TARBALL`). */
export function packageTarball(): string {
	const tarball = process.env.N8N_E2E_TARBALL;
	if (!tarball || !existsSync(tarball)) {
		throw new Error(
			'N8N_E2E_TARBALL is not set or missing: run the e2e tests with `jest -c test/e2e/jest.config.js` ' +
				'(its globalSetup provisions n8n and packs the package).',
		);
	}
	return tarball;
}
