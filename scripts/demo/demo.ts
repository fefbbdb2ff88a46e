/**
 * The sandbox demo: `npm run demo` (interactive, until Ctrl-C) or `npm run demo -- --once` (CI: run, check, exit).
 *
 * Everything runs on this computer: a real n8n 2.41.1 (scripts/n8n/provision.mjs, cached in .cache/n8n-runtime)
 * with this package installed from its `npm pack` tarball as a community package, the Alibaba Cloud ICE/VOD
 * emulator (tools/sandbox/emulator), a local SMTP server and a local Slack-style webhook receiver (tools/sandbox/sinks/).
 *
 *   1. build and pack the package (in a copy of the sources: the repository's dist/ is left alone)
 *   2. provide n8n (first run about 6 minutes, then seconds)
 *   3. start the emulator (real clock ×10: a job takes about 6 s), the SMTP sink and the webhook sink
 *   4. a fresh n8n user folder: package installed, "Alibaba Cloud (sandbox)" and "Sandbox SMTP" credentials, the
 *      four example workflows (example 3's Slack URL pointed at the webhook sink; example 3 published)
 *   5. `n8n execute` example 2 (production job, Wait for Completion, email), explained in plain words; the CLI
 *      runs before `n8n start`, never beside it: both would open the same SQLite file and task-broker port
 *   6. `n8n start` on port 5678 with an owner account; until Ctrl-C (or, with --once, check and stop)
 *
 * Files of a run: .cache/demo/runs/<time>/ (n8n's user folder and logs, received emails as .eml, webhook posts).
 */
// Must stay the first import: it notes the signal listeners that exist before tools/sandbox/n8n adds its own.
import { HANDLED_SIGNALS, removeLibrarySignalListeners } from './signals';

import { type ChildProcess, spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { basename, join, relative } from 'node:path';

import { alibabaCredential, freePort, N8n, REPO_ROOT, smtpCredential } from '../../tools/sandbox/n8n/n8n';
import { buildAndPack } from '../../tools/sandbox/n8n/pack';
import { type ReceivedMail, type SmtpSink, startSmtpSink } from '../../tools/sandbox/sinks/smtp-sink';
import { type ReceivedRequest, startWebhookSink, type WebhookSink } from '../../tools/sandbox/sinks/webhook-sink';
import { ADMIN_PREFIX, type Emulator, type JobSnapshot, startEmulator } from '../../tools/sandbox/emulator';
import { isTerminal } from '../../tools/sandbox/emulator/jobs';

removeLibrarySignalListeners();

// ---- settings --------------------------------------------------------------------------------------------------

const DEFAULT_N8N_PORT = 5678;
const EMULATOR_PORT = 8787;
const EMULATOR_SPEED = 10;
const DEMO_DIR = join(REPO_ROOT, '.cache', 'demo', 'runs');
const KEEP_RUNS = 3;
const EXAMPLES_DIR = join(REPO_ROOT, 'examples');
const HEADLINE = { id: 'alibabaExample02', file: '02-produce-timeline-notify.json' };
const SUBMIT_NODE = 'Submit Media Producing Job';
const EMAIL_NODE = 'Email ops';
const TRIGGER = { id: 'alibabaExample03', file: '03-job-trigger-alerts.json' };
const SLACK_PLACEHOLDER = 'https://hooks.slack.com/services/T000/B000/XXXX';
const ALIBABA_CREDENTIAL = { id: 'alibabaSandbox', name: 'Alibaba Cloud (sandbox)' };
const SMTP_CREDENTIAL = { id: 'sandboxSmtp', name: 'Sandbox SMTP' };
const OWNER = {
	email: 'demo@example.com',
	firstName: 'Demo',
	lastName: 'Operator',
	password: 'Sandbox-Demo-2024',
};

interface Options {
	once: boolean;
	port?: number;
}

function parseArgs(argv: string[]): Options {
	const options: Options = { once: false };
	for (let index = 0; index < argv.length; index++) {
		const [flag, inline] = argv[index].split('=', 2);
		if (flag === '--once') options.once = true;
		else if (flag === '--port') {
			const value = Number(inline ?? argv[++index]);
			if (!Number.isInteger(value) || value < 1 || value > 65535) fail('--port needs a port number (1–65535)');
			options.port = value;
		} else if (flag === '--help' || flag === '-h') {
			process.stdout.write(
				[
					'Usage: npm run demo [-- --once] [-- --port 5678]',
					'',
					'  (no option)  set everything up, run example 2 once, then keep n8n open at http://localhost:5678',
					'               until Ctrl-C',
					'  --once       set up, run example 2, check that the editor answers and example 3 is active, stop',
					'               (exit code 0 when everything worked; for CI)',
					'  --port N     the port for n8n (default 5678)',
					'',
				].join('\n'),
			);
			process.exit(0);
		} else fail(`unknown option ${argv[index]} (try --help)`);
	}
	return options;
}

// ---- output ----------------------------------------------------------------------------------------------------

const started = Date.now();
const timings: Array<[string, number]> = [];
const seconds = (ms: number) => (ms < 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 1000)} s`);
const say = (line = '') => process.stdout.write(`${line}\n`);
const detail = (line: string) => say(`      ${line}`);
let stepNumber = 0;
const STEPS = 6;

async function step<T>(title: string, body: () => Promise<T> | T): Promise<T> {
	stepNumber += 1;
	say();
	say(`[${stepNumber}/${STEPS}] ${title}`);
	const begin = Date.now();
	const result = await body();
	const took = Date.now() - begin;
	timings.push([title, took]);
	detail(`done in ${seconds(took)}`);
	return result;
}

class DemoError extends Error {}

function fail(message: string): never {
	throw new DemoError(message);
}

function rel(path: string): string {
	return relative(process.cwd(), path) || '.';
}

// ---- state for the clean-up ------------------------------------------------------------------------------------

let emulator: Emulator | undefined;
let smtp: SmtpSink | undefined;
let webhook: WebhookSink | undefined;
let n8n: N8n | undefined;
let provisioner: ChildProcess | undefined;
let watcher: NodeJS.Timeout | undefined;
let stopping: Promise<void> | undefined;
let firstSignalAt = 0;
let interactive = false;

async function stopEverything(): Promise<void> {
	if (watcher) clearInterval(watcher);
	if (provisioner && provisioner.exitCode === null) provisioner.kill('SIGTERM');
	// n8n: SIGTERM (graceful), SIGKILL to its process group (with the task runner) after 20 s.
	await n8n?.stop().catch(() => undefined);
	await Promise.all([
		emulator?.stop().catch(() => undefined),
		smtp?.stop().catch(() => undefined),
		webhook?.stop().catch(() => undefined),
	]);
}

function onSignal(signal: NodeJS.Signals): void {
	// npm, tsx and the terminal may each deliver the same Ctrl-C: repeats within 2 s are one.
	if (stopping) {
		if (Date.now() - firstSignalAt < 2000) return;
		say(`\nStopping right now (${signal} again). Every process this demo started is killed.`);
		process.exit(130); // tools/sandbox/n8n SIGKILLs the n8n processes on exit
	}
	firstSignalAt = Date.now();
	say(
		`\n${signal === 'SIGINT' ? 'Ctrl-C' : signal}: stopping n8n, the emulator and the sinks… (press Ctrl-C again after 2 s to force)`,
	);
	stopping = stopEverything().then(() => {
		say('Everything is stopped. Bye.');
		process.exit(interactive ? 0 : 130);
	});
}

for (const signal of HANDLED_SIGNALS) process.on(signal, onSignal);

// ---- helpers ---------------------------------------------------------------------------------------------------

/** false only when something listens there (EADDRINUSE); a host this machine lacks (no IPv6) counts as free. */
function portIsFree(port: number, host: string): Promise<boolean> {
	return new Promise((resolvePort) => {
		const server = createServer();
		server.once('error', (error: NodeJS.ErrnoException) => resolvePort(error.code !== 'EADDRINUSE'));
		server.listen(port, host, () => server.close(() => resolvePort(true)));
	});
}

/** n8n listens on 127.0.0.1; something on 0.0.0.0 or ::1 would still catch a browser's http://localhost:PORT. */
async function portIsFreeEverywhere(port: number): Promise<boolean> {
	for (const host of ['127.0.0.1', '0.0.0.0', '::1']) if (!(await portIsFree(port, host))) return false;
	return true;
}

/** `node scripts/n8n/provision.mjs`, its progress shown indented. */
async function provision(): Promise<void> {
	const script = join(REPO_ROOT, 'scripts', 'n8n', 'provision.mjs');
	const check = await runQuiet(process.execPath, [script, '--check']);
	if (check === 0) {
		detail('n8n is already installed in .cache/n8n-runtime: reusing it.');
	} else {
		detail('First run: about 6 minutes. n8n 2.41.1 and Node.js 24 are downloaded from the npm registry');
		detail('(about 3 GB in .cache/n8n-runtime, reused by every later run). Progress:');
	}
	const exitCode = await new Promise<number | null>((resolveExit) => {
		const child = spawn(process.execPath, [script], {
			cwd: REPO_ROOT,
			stdio: ['ignore', 'pipe', 'pipe'],
			env: Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_(?!config_)/i.test(key))),
		});
		provisioner = child;
		let pending = '';
		const onData = (chunk: Buffer) => {
			pending += chunk.toString();
			const lines = pending.split('\n');
			pending = lines.pop() ?? '';
			for (const line of lines) if (line.trim()) detail(line);
		};
		child.stdout!.on('data', onData);
		child.stderr!.on('data', onData);
		child.once('error', () => resolveExit(null));
		child.once('close', (code) => {
			if (pending.trim()) detail(pending);
			provisioner = undefined;
			resolveExit(code);
		});
	});
	if (exitCode !== 0) {
		fail(
			`Installing n8n failed (exit ${exitCode}); the lines above say why, and the npm logs are in ` +
				'.cache/n8n-runtime/logs. Run `npm run demo` again to resume where it stopped.',
		);
	}
}

function runQuiet(command: string, args: string[]): Promise<number | null> {
	return new Promise((resolveRun) => {
		const child = spawn(command, args, { cwd: REPO_ROOT, stdio: 'ignore' });
		child.once('error', () => resolveRun(null));
		child.once('close', (code) => resolveRun(code));
	});
}

function pruneOldRuns(): void {
	if (!existsSync(DEMO_DIR)) return;
	const runs = readdirSync(DEMO_DIR).sort();
	for (const run of runs.slice(0, Math.max(0, runs.length - (KEEP_RUNS - 1)))) {
		rmSync(join(DEMO_DIR, run), { recursive: true, force: true });
	}
}

/** The demo's n8n lives in the demo's own run folder: the e2e setup prunes the folders under .cache/e2e/runs. */
async function createN8n(runDir: string, port: number): Promise<N8n> {
	return await N8n.create({ runDir: join(runDir, 'n8n'), port, env: { N8N_HOST: 'localhost' } });
}

function slug(text: string): string {
	return text
		.replace(/[^A-Za-z0-9]+/g, '-')
		.replace(/^-|-$/g, '')
		.slice(0, 60);
}

function saveMail(dir: string, mail: ReceivedMail, index: number): string {
	mkdirSync(dir, { recursive: true });
	const file = join(dir, `${String(index).padStart(2, '0')}-${slug(mail.subject) || 'email'}.eml`);
	writeFileSync(file, `${mail.raw}\r\n`);
	return file;
}

function saveWebhook(dir: string, request: ReceivedRequest, index: number): string {
	mkdirSync(dir, { recursive: true });
	const file = join(dir, `${String(index).padStart(2, '0')}-${request.method}.json`);
	const { method, path, headers, body, json, receivedAt } = request;
	writeFileSync(file, JSON.stringify({ receivedAt, method, path, headers, body: json ?? body }, null, 2));
	return file;
}

function countActions(emu: Emulator, from = 0): string {
	const counts = new Map<string, number>();
	for (const request of emu.requests.slice(from)) {
		const action = request.action ?? `${request.method} ${request.path}`;
		counts.set(action, (counts.get(action) ?? 0) + 1);
	}
	return [...counts].map(([action, count]) => `${count}× ${action}`).join(', ');
}

const KIND_WORDS: Record<string, string> = {
	package: 'packaging job',
	editing: 'production job',
	template: 'production job (template)',
	liveEditing: 'live editing job',
	workflow: 'VOD workflow task',
};

// ---- the demo --------------------------------------------------------------------------------------------------

async function main(): Promise<void> {
	const options = parseArgs(process.argv.slice(2));
	say('Alibaba Cloud media nodes for n8n: the sandbox demo');
	say('Everything runs on this computer: a real n8n, a local Alibaba Cloud emulator, a local mail server and a');
	say('local Slack-style webhook. Nothing is sent to Alibaba Cloud, to a mailbox or to Slack.');
	if (options.once) say('Mode: --once (set up, run example 2, check the editor, stop).');

	const wantedPort = options.port ?? DEFAULT_N8N_PORT;
	let n8nPort = wantedPort;
	if (!(await portIsFreeEverywhere(wantedPort))) {
		if (options.port !== undefined) {
			fail(`Port ${wantedPort} is already in use. Stop what uses it, or choose another: npm run demo -- --port 5679`);
		}
		n8nPort = await freePort();
		say();
		say(`Note: port ${wantedPort} is already in use (another n8n?). This demo's n8n will use port ${n8nPort} instead.`);
	}

	pruneOldRuns();
	const runDir = join(DEMO_DIR, new Date().toISOString().replace(/[:.]/g, '-'));
	const emailDir = join(runDir, 'emails');
	const webhookDir = join(runDir, 'webhooks');
	mkdirSync(runDir, { recursive: true });

	const tarball = await step('Building the nodes package and packing it (npm run build, npm pack)', () => {
		detail('about 30 seconds…');
		// tools/sandbox/n8n/pack.ts builds in .cache/e2e/pack, which the e2e setup clears and rebuilds: keep our own copy.
		const packed = buildAndPack();
		const file = join(runDir, basename(packed));
		copyFileSync(packed, file);
		detail(`package: ${rel(file)}`);
		return file;
	});

	await step('Getting n8n 2.41.1 ready (scripts/n8n/provision.mjs)', provision);

	await step('Starting the sandbox services', async () => {
		emulator = await startEmulator({ port: EMULATOR_PORT, clock: 'real', speed: EMULATOR_SPEED }).catch(() =>
			startEmulator({ port: 0, clock: 'real', speed: EMULATOR_SPEED }),
		);
		smtp = await startSmtpSink();
		webhook = await startWebhookSink();
		if (emulator.port !== EMULATOR_PORT) detail(`(port ${EMULATOR_PORT} is in use, so the emulator took another one)`);
		detail(`Alibaba Cloud emulator    ${emulator.url}   (time runs ${EMULATOR_SPEED}× faster: a job takes about 6 s)`);
		detail(`Mail server (SMTP sink)   ${smtp.host}:${smtp.port}   emails are kept in ${rel(emailDir)}`);
		detail(`Slack-style webhook sink  ${webhook.url}/services/T000/B000/XXXX`);
	});

	n8n = await createN8n(runDir, n8nPort);
	const instance = n8n;
	const emu = emulator!;
	const sink = smtp!;
	const hook = webhook!;

	await step('Preparing n8n: package, credentials and the four example workflows', async () => {
		const installed = await instance.installPackage(tarball);
		detail(`installed ${installed.name} ${installed.version} as a community package (as n8n's own installer does)`);
		await instance.importCredentials([
			alibabaCredential(emu, ALIBABA_CREDENTIAL),
			smtpCredential(sink, { ...SMTP_CREDENTIAL, user: '', password: '' }),
		]);
		detail(`credentials: "${ALIBABA_CREDENTIAL.name}" (the emulator) and "${SMTP_CREDENTIAL.name}" (the mail server)`);
		const files = readdirSync(EXAMPLES_DIR)
			.filter((file) => file.endsWith('.json'))
			.sort();
		const workflows = files.map((file) => {
			const text = readFileSync(join(EXAMPLES_DIR, file), 'utf8')
				.split(SLACK_PLACEHOLDER)
				.join(`${hook.url}/services/T000/B000/XXXX`);
			return JSON.parse(text) as { id: string; name: string };
		});
		if (!files.includes(HEADLINE.file) || !files.includes(TRIGGER.file)) {
			fail(`examples/ should hold ${HEADLINE.file} and ${TRIGGER.file}`);
		}
		const input = join(instance.runDir, 'input', 'examples.json');
		mkdirSync(join(instance.runDir, 'input'), { recursive: true });
		writeFileSync(input, JSON.stringify(workflows, null, 2));
		await instance.cli(['import:workflow', `--input=${input}`], { label: 'import-examples' });
		for (const workflow of workflows) detail(`workflow: ${workflow.name}`);
		await instance.publishWorkflow(TRIGGER.id);
		detail('example 3 (the Media Job Trigger) is published: it runs as soon as n8n starts');
	});

	// ---- the headline example, with the CLI (n8n is not running: the CLI and the server never share the DB) ----
	const requestsBefore = emu.requests.length;
	const execution = await step(
		'Running example 2 once: a production job from a timeline, wait, then an email',
		async () => {
			detail('n8n execute --id=alibabaExample02 (n8n runs the workflow from the command line)…');
			return instance.execute(HEADLINE.id, { timeoutMs: 240_000 });
		},
	);
	if (!execution.ok) {
		fail(`Example 2 did not succeed: ${execution.errorMessage}\n  n8n's log: ${rel(execution.logFile)}`);
	}
	const job = execution.output(SUBMIT_NODE)[0] ?? {};
	const sent = execution.output(EMAIL_NODE)[0] ?? {};
	const mail = await sink
		.waitForMessage((message) => message.subject.includes(String(job.jobId)), 10_000)
		.catch(() => fail(`n8n says the email was sent, but the mail server got none for job ${job.jobId}`));
	const mailFile = saveMail(emailDir, mail, sink.messages.indexOf(mail) + 1);
	const snapshot = emu.jobs.get(String(job.jobId));
	const ownRequests = emu.requests.slice(requestsBefore);
	const rejected = ownRequests.filter((request) => (request.status ?? 0) >= 400).length;
	const gets = ownRequests.filter((request) => request.action === 'GetMediaProducingJob').length;
	const waited = job.createdAt && job.finishedAt ? Date.parse(job.finishedAt) - Date.parse(job.createdAt) : undefined;

	say();
	say('What happened in example 2');
	say(`  1. n8n sent the timeline (intro clip, main clip, music) to Alibaba Cloud (the emulator): production job`);
	say(`     ${job.jobId} was created.`);
	say(`  2. "Wait for Completion" checked the job ${gets} time${gets === 1 ? '' : 's'} (every 5 s) until it finished:`);
	say(
		`     ${String(job.status).toUpperCase()} (Alibaba's status "${job.rawStatus}")` +
			(waited !== undefined
				? ` after ${seconds(waited / EMULATOR_SPEED)} (${seconds(waited)} in sandbox time, which runs ${EMULATOR_SPEED}× faster).`
				: '.'),
	);
	if (job.outputUrl) say(`     The video: ${job.outputUrl}`);
	if (job.mediaId) say(`     Media ID:  ${job.mediaId}`);
	say(`  3. "Email ops" sent an email, received by the local mail server (SMTP sink ${sink.host}:${sink.port}):`);
	say(`       from     ${mail.envelope.from}`);
	say(`       to       ${mail.envelope.to.join(', ')}`);
	say(`       subject  ${mail.subject}`);
	say(`       saved as ${rel(mailFile)}`);
	say('                (an .eml file: open it with any mail program)');
	if (sent.messageId)
		say(`       (n8n's Send Email node: accepted ${JSON.stringify(sent.accepted ?? [])}, message ${sent.messageId})`);
	say(
		`  4. The emulator received ${ownRequests.length} request${ownRequests.length === 1 ? '' : 's'} ` +
			`(${countActions(emu, requestsBefore)});`,
	);
	say(`     ${rejected ? `${rejected} of them REJECTED!` : 'every one correctly signed and accepted.'}`);
	if (snapshot)
		say(
			`     The emulator's own record of the job: status ${snapshot.status}, finished ${snapshot.finishTime ?? '-'}.`,
		);
	say(`  The execution took ${seconds(execution.durationMs)} (n8n's log: ${rel(execution.logFile)}).`);

	if (rejected) fail(`${rejected} request(s) to the emulator were rejected; see ${rel(execution.logFile)}`);
	if (job.status !== 'succeeded') fail(`The production job ended "${job.status}", expected succeeded`);

	// ---- n8n start ----------------------------------------------------------------------------------------------
	const requestsBeforeStart = emu.requests.length;
	await step(`Starting n8n (n8n start) on port ${n8nPort}`, async () => {
		await instance.start({ timeoutMs: 180_000 });
		const setup = await instance.rest('POST', '/owner/setup', OWNER);
		if (setup.status !== 200)
			fail(`Creating the n8n owner account failed: HTTP ${setup.status} ${setup.text.slice(0, 300)}`);
		const login = await instance.rest('POST', '/login', { emailOrLdapLoginId: OWNER.email, password: OWNER.password });
		if (login.status !== 200) fail(`Logging in to n8n failed: HTTP ${login.status} ${login.text.slice(0, 300)}`);
		detail(`owner account created: ${OWNER.email}`);

		const editor = await instance.request('/');
		const health = await instance.request('/healthz');
		if (editor.status !== 200) fail(`The editor (GET /) answered HTTP ${editor.status}`);
		if (health.status !== 200) fail(`GET /healthz answered HTTP ${health.status}`);
		detail(`the editor answers: GET / → HTTP ${editor.status}, GET /healthz → HTTP ${health.status}`);

		const trigger = await instance.rest('GET', `/workflows/${TRIGGER.id}`);
		const workflow = trigger.body?.data ?? trigger.body;
		if (trigger.status !== 200 || workflow?.active !== true) {
			fail(
				`Example 3 should be active in n8n, but GET /rest/workflows/${TRIGGER.id} says HTTP ${trigger.status}, active=${workflow?.active}`,
			);
		}
		// n8n polls a trigger once when it activates it: the Media Job Trigger then notes the existing jobs.
		const deadline = Date.now() + 20_000;
		const polled = () => new Set(emu.requests.slice(requestsBeforeStart).map((request) => request.action));
		while (!(polled().has('ListPackageJobs') && polled().has('ListMediaProducingJobs')) && Date.now() < deadline) {
			await new Promise((r) => setTimeout(r, 250));
		}
		const polls = countActions(emu, requestsBeforeStart);
		if (!polls) fail('Example 3 is active but its trigger has not asked the emulator for jobs within 20 s');
		detail('example 3 is active: its trigger has read the jobs from the emulator once');
		detail(`(${polls}) and now checks every minute`);
	});

	const total = Date.now() - started;
	if (options.once) {
		say();
		say('Stopping n8n, the emulator and the sinks…');
		const stopBegin = Date.now();
		await stopEverything();
		timings.push(['Stopping everything', Date.now() - stopBegin]);
		say();
		say(`Demo OK in ${seconds(Date.now() - started)}. Time per step:`);
		for (const [title, ms] of timings) say(`  ${seconds(ms).padStart(7)}  ${title}`);
		say(`Files of this run: ${rel(runDir)}`);
		process.exit(0);
	}

	interactive = true;
	const url = `http://localhost:${n8nPort}`;
	say();
	say('═'.repeat(100));
	say(`  n8n is ready (set up in ${seconds(total)}): open ${url}`);
	say(`  Log in:   ${OWNER.email}   password: ${OWNER.password}`);
	say();
	say('  Sandbox Alibaba Cloud (already set up in n8n as the credential "Alibaba Cloud (sandbox)"):');
	say(`    Endpoint (ICE and VOD)  ${emu.url}`);
	say(`    AccessKey ID            ${emu.credentials.accessKeyId}`);
	say(`    AccessKey Secret        ${emu.credentials.accessKeySecret}`);
	say(`    Region                  cn-shanghai`);
	say();
	say('  What to try');
	say('    • Open "Alibaba Cloud example 3": it is active. Run example 1 or 2 (open it, "Execute workflow"): the job');
	say('      finishes in about 6 s, and within a minute example 3 posts "✅ … finished" to the Slack-style webhook.');
	say('      This window shows every job, email and webhook post as it happens.');
	say('    • Make the next packaging job fail, run example 1 again, and example 3 emails the failure:');
	say(`        curl -X POST ${emu.url}${ADMIN_PREFIX}/failure-rules -H 'content-type: application/json' \\`);
	say(`          -d '{"kind":"package","code":"InvalidParameter","message":"Resource content bad.","times":1}'`);
	say(
		`    • Every request the emulator received: ${emu.url}${ADMIN_PREFIX}/requests   jobs: ${emu.url}${ADMIN_PREFIX}/jobs`,
	);
	say(`    • Emails are saved in ${rel(emailDir)}, webhook posts in ${rel(webhookDir)}.`);
	say(`    • n8n's log: ${rel(instance.serverLogFile() ?? instance.logDir)}`);
	say();
	say('  Press Ctrl-C to stop everything.');
	say('═'.repeat(100));
	say();
	watch(instance, emu, sink, hook, emailDir, webhookDir);
}

/** Prints what happens while the user explores: jobs, emails, webhook posts; notices if n8n stops answering. */
function watch(instance: N8n, emu: Emulator, sink: SmtpSink, hook: WebhookSink, emailDir: string, webhookDir: string) {
	const stamp = () => new Date().toLocaleTimeString();
	const seenStatus = new Map<string, string>(emu.jobs.list().map((job) => [job.jobId, job.status]));
	let mails = sink.messages.length;
	let posts = hook.requests.length;
	let misses = 0;
	let tick = 0;
	const describe = (job: JobSnapshot) => `${KIND_WORDS[job.kind] ?? job.kind} ${job.jobId}`;
	watcher = setInterval(() => {
		for (const job of emu.jobs.list()) {
			const before = seenStatus.get(job.jobId);
			if (before === job.status) continue;
			seenStatus.set(job.jobId, job.status);
			if (before === undefined) say(`${stamp()}  Alibaba (emulator): ${describe(job)} submitted`);
			if (isTerminal(job.kind, job.status)) {
				const failed = job.code ? ` — ${job.code}: ${job.message}` : '';
				say(`${stamp()}  Alibaba (emulator): ${describe(job)} finished: ${job.status}${failed}`);
			}
		}
		while (mails < sink.messages.length) {
			const mail = sink.messages[mails++];
			const file = saveMail(emailDir, mail, mails);
			say(`${stamp()}  Email to ${mail.envelope.to.join(', ')}: "${mail.subject}" (saved as ${basename(file)})`);
		}
		while (posts < hook.requests.length) {
			const request = hook.requests[posts++];
			const file = saveWebhook(webhookDir, request, posts);
			const text = request.json?.text ?? request.body.slice(0, 200);
			say(`${stamp()}  Slack-style webhook got: ${text} (saved as ${basename(file)})`);
		}
		if (++tick % 5 === 0 && !stopping) {
			fetch(`${instance.url}/healthz`, { signal: AbortSignal.timeout(3000) }).then(
				() => (misses = 0),
				() => {
					misses += 1;
					if (misses === 3 && !stopping) {
						say(
							`\nn8n stopped answering on ${instance.url}. Its log: ${rel(instance.serverLogFile() ?? instance.logDir)}`,
						);
						interactive = false;
						stopping = stopEverything().then(() => process.exit(1));
					}
				},
			);
		}
	}, 1000);
}

main().catch(async (error: unknown) => {
	if (stopping) return void (await stopping);
	const message = error instanceof Error ? error.message : String(error);
	say();
	say(`The demo FAILED: ${message}`);
	if (!(error instanceof DemoError) && error instanceof Error && error.stack)
		say(error.stack.split('\n').slice(1, 6).join('\n'));
	if (n8n) say(`n8n's logs: ${rel(n8n.logDir)}`);
	stopping = stopEverything();
	await stopping;
	process.exit(1);
});
