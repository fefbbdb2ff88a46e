/**
 * The demo's steps around the headline example: the package, the sandbox services, n8n prepared with the package,
 * credentials and example workflows, and `n8n start` with an owner account.
 */
import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';

import { type Emulator, startEmulator } from '../../tools/sandbox/emulator';
import { alibabaCredential, headerAuthCredential, N8n, smtpCredential } from '../../tools/sandbox/n8n';
import { buildAndPack } from '../../tools/sandbox/n8n/pack';
import { type SmtpSink, startSmtpSink } from '../../tools/sandbox/sinks/smtp-sink';
import { startWebhookSink, type WebhookSink } from '../../tools/sandbox/sinks/webhook-sink';
import { detail, fail, rel, step } from './output';
import { countActions } from './records';
import { sandbox } from './sandbox';
import {
	ALIBABA_CREDENTIAL,
	EMULATOR_PORT,
	EMULATOR_SPEED,
	EVENTBRIDGE_CREDENTIAL,
	EVENTBRIDGE_HEADER,
	EXAMPLES_DIR,
	HEADLINE,
	OWNER,
	SLACK_PLACEHOLDER,
	SMTP_CREDENTIAL,
	TRIGGER,
} from './settings';

/** Step 1: the package built and packed; the tarball kept in the run folder. */
export async function buildPackage(runDir: string): Promise<string> {
	return await step('Building the nodes package and packing it (npm run build, npm pack)', () => {
		detail('about 30 seconds…');
		// tools/sandbox/n8n/pack.ts builds in .cache/e2e/pack, which the e2e setup clears and rebuilds: keep our own copy.
		const packed = buildAndPack();
		const file = join(runDir, basename(packed));
		copyFileSync(packed, file);
		detail(`package: ${rel(file)}`);
		return file;
	});
}

/** Step 3: the emulator (real clock, faster), the SMTP sink and the webhook sink. */
export async function startServices(
	emailDir: string,
): Promise<{ emulator: Emulator; smtp: SmtpSink; webhook: WebhookSink }> {
	return await step('Starting the sandbox services', async () => {
		const emulator = await startEmulator({ port: EMULATOR_PORT, clock: 'real', speed: EMULATOR_SPEED }).catch(() =>
			startEmulator({ port: 0, clock: 'real', speed: EMULATOR_SPEED }),
		);
		sandbox.emulator = emulator;
		const smtp = (sandbox.smtp = await startSmtpSink());
		const webhook = (sandbox.webhook = await startWebhookSink());
		if (emulator.port !== EMULATOR_PORT) detail(`(port ${EMULATOR_PORT} is in use, so the emulator took another one)`);
		detail(`Alibaba Cloud emulator    ${emulator.url}   (time runs ${EMULATOR_SPEED}× faster: a job takes about 6 s)`);
		detail(`Mail server (SMTP sink)   ${smtp.host}:${smtp.port}   emails are kept in ${rel(emailDir)}`);
		detail(`Slack-style webhook sink  ${webhook.url}/services/T000/B000/XXXX`);
		return { emulator, smtp, webhook };
	});
}

/** The demo's n8n lives in the demo's own run folder: the e2e setup prunes the folders under .cache/e2e/runs. */
export async function createN8n(runDir: string, port: number): Promise<N8n> {
	sandbox.n8n = await N8n.create({ runDir: join(runDir, 'n8n'), port, env: { N8N_HOST: 'localhost' } });
	return sandbox.n8n;
}

/** Step 4: the package, the examples' credentials and every example workflow imported; example 3 published. */
export async function prepareN8n(
	instance: N8n,
	tarball: string,
	services: { emulator: Emulator; smtp: SmtpSink; webhook: WebhookSink },
): Promise<void> {
	await step('Preparing n8n: package, credentials and the example workflows', async () => {
		const installed = await instance.installPackage(tarball);
		detail(`installed ${installed.name} ${installed.version} as a community package (as n8n's own installer does)`);
		await instance.importCredentials([
			alibabaCredential(services.emulator, ALIBABA_CREDENTIAL),
			smtpCredential(services.smtp, { ...SMTP_CREDENTIAL, user: '', password: '' }),
			// Not shown anywhere: whoever calls example 8's webhook sets a value of their own in the credential first.
			headerAuthCredential(
				{ name: EVENTBRIDGE_HEADER, value: randomBytes(24).toString('hex') },
				EVENTBRIDGE_CREDENTIAL,
			),
		]);
		detail(`credentials: "${ALIBABA_CREDENTIAL.name}" (the emulator), "${SMTP_CREDENTIAL.name}" (the mail server)`);
		detail(`and "${EVENTBRIDGE_CREDENTIAL.name}" (example 8's webhook header, a random value)`);
		const files = readdirSync(EXAMPLES_DIR)
			.filter((file) => file.endsWith('.json'))
			.sort();
		const workflows = files.map((file) => {
			const text = readFileSync(join(EXAMPLES_DIR, file), 'utf8')
				.split(SLACK_PLACEHOLDER)
				.join(`${services.webhook.url}/services/T000/B000/XXXX`);
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
}

/** Step 6: `n8n start`, the owner account, the editor answering, example 3 active and polled once. */
export async function startEditor(instance: N8n, emulator: Emulator, n8nPort: number): Promise<void> {
	const requestsBeforeStart = emulator.requests.length;
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
		const polled = () => new Set(emulator.requests.slice(requestsBeforeStart).map((request) => request.action));
		while (!(polled().has('ListPackageJobs') && polled().has('ListMediaProducingJobs')) && Date.now() < deadline) {
			await new Promise((resolve) => setTimeout(resolve, 250));
		}
		const polls = countActions(emulator, requestsBeforeStart);
		if (!polls) fail('Example 3 is active but its trigger has not asked the emulator for jobs within 20 s');
		detail('example 3 is active: its trigger has read the jobs from the emulator once');
		detail(`(${polls}) and now checks every minute`);
	});
}
