/**
 * The package in n8n's queue mode, the way teams scale n8n: one main and two workers (`EXECUTIONS_MODE=queue`),
 * PostgreSQL and Redis from Debian's packages on 127.0.0.1 (tools/sandbox/n8n/queueMode.ts), the package installed
 * once for all of them, the emulator with Alibaba's quotas and 50 ms of latency.
 *
 * - Examples 1, 2 and 4 run on the workers. Their Manual Trigger is swapped for a Webhook trigger (same node name,
 *   so nothing else changes): `n8n execute` never uses the queue (it falls back to regular mode), a webhook call
 *   on the main is how work reaches the workers.
 * - 1,000 renders in four executions of 250, on both workers at once (each runs at most two at a time), paced by
 *   the credential's Processes Sharing the Quota = 2: 0 failed, 0 duplicates, never above 30/s.
 * - A worker killed (SIGKILL) in the middle of a submission: n8n 2.41 does not run the execution again (Bull's
 *   maxStalledCount is 0); the main marks it crashed. Every job the emulator created stays, none is created twice,
 *   and nothing is sent after the kill.
 * - Example 3's Media Job Trigger on the main: each finished job reported once, across a restart of the main that
 *   also switches to n8n's durable poll scheduler (N8N_SCHEDULER_POLL_TRIGGERS_ENABLED, durable cursors).
 *
 * Runs only under test/e2e/jest.config.js (`npm run test:e2e`); under the unit-test config it skips itself.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';

import type { Emulator } from '../../tools/sandbox/emulator';
import { startEmulator } from '../../tools/sandbox/emulator';
import { peakPerSecond } from '../../tools/sandbox/emulator/requestStats';
import { sdk } from '../../tools/sandbox/emulator/sdkClient';
import { alibabaCredential, N8nQueueCluster, packageTarball, smtpCredential } from '../../tools/sandbox/n8n';
import { type SmtpSink, startSmtpSink } from '../../tools/sandbox/sinks/smtp-sink';
import { startWebhookSink, type WebhookSink } from '../../tools/sandbox/sinks/webhook-sink';
import { jobsPerMarker, marker, SUBMIT_NODES } from '../../tools/sandbox/workflows/submitNodes';
import { PACKAGE_NAME } from '../../tools/sandbox/workflows/workflows';
import {
	ALIBABA_CREDENTIAL,
	EXAMPLE_2,
	EXAMPLE_3,
	FILES,
	IDS,
	loadExample,
	MINUTE,
	SMTP_CREDENTIAL,
	WEBHOOK_PATH,
	WEBHOOK_URL,
} from '../support/examples';
import { describeE2e } from './describeE2e';
import {
	FAST_POLL_TIMES,
	sleep,
	SPEED,
	submitPackageJob,
	submitProductionJob,
	waitFor,
	type Workflow,
} from './exampleRuns';

const WORKERS = 2;
/** At most two executions at once per worker: four batches must spread over both workers. */
const CONCURRENCY = 2;
const BATCHES = 4;
const BATCH_SIZE = 250;
const CRASH_BATCH_SIZE = 400;
const SUBMIT_QUOTA = 30;
const PRODUCE = SUBMIT_NODES.find((node) => node.action === 'SubmitMediaProducingJob')!;

const DURABLE_POLL_SCHEDULER = {
	N8N_SCHEDULER_ENABLED: 'true',
	N8N_SCHEDULER_POLL_TRIGGERS_ENABLED: 'true',
	N8N_USE_WORKFLOW_PUBLICATION_SERVICE: 'true',
	N8N_POLLER_DURABLE_CURSORS_ENABLED: 'true',
	// The scheduler says what it does with each poll only at debug level.
	N8N_LOG_LEVEL: 'debug',
};

interface Execution {
	id: string;
	status: string;
	mode: string;
}

/** An example whose Manual Trigger ("Start") is a Webhook trigger answering with the last node's items. */
function onWebhook(file: string, path: string): Workflow {
	const workflow = loadExample<Workflow>(file);
	const start = workflow.nodes.find((node) => node.type === 'n8n-nodes-base.manualTrigger')!;
	Object.assign(start, {
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		webhookId: randomUUID(),
		parameters: { httpMethod: 'POST', path, responseMode: 'lastNode', responseData: 'allEntries', options: {} },
	});
	return workflow;
}

/** Webhook → Code (`count` items with markers from `offset`) → Submit Media Producing Job, answering at once. */
function batchWorkflow(id: string, path: string): Workflow {
	const credentials = { alibabaCloudApi: { id: ALIBABA_CREDENTIAL.id, name: ALIBABA_CREDENTIAL.name } };
	return {
		id,
		name: `queue mode: ${path}`,
		nodes: [
			{
				name: 'Renders requested',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: randomUUID(),
				parameters: { httpMethod: 'POST', path, responseMode: 'onReceived', options: {} },
			},
			{
				name: 'One item per render',
				type: 'n8n-nodes-base.code',
				typeVersion: 2,
				position: [220, 0],
				parameters: {
					jsCode:
						'const { count, offset } = $input.first().json.body;\n' +
						"return Array.from({ length: count }, (_, index) => ({ json: { marker: 'item-' + String(offset + index).padStart(6, '0') } }));",
				},
			},
			{
				name: PRODUCE.label,
				type: `${PACKAGE_NAME}.${PRODUCE.type}`,
				typeVersion: 1,
				position: [440, 0],
				credentials,
				parameters: PRODUCE.parameters,
			},
		],
		connections: {
			'Renders requested': { main: [[{ node: 'One item per render', type: 'main', index: 0 }]] },
			'One item per render': { main: [[{ node: PRODUCE.label, type: 'main', index: 0 }]] },
		},
	} as unknown as Workflow;
}

describeE2e('real n8n in queue mode: one main, two workers, PostgreSQL and Redis', () => {
	let emulator: Emulator;
	let smtp: SmtpSink;
	let hook: WebhookSink;
	let cluster: N8nQueueCluster | undefined;
	const webhook = (path: string) => `${cluster!.main.url}/webhook/${path}`;

	async function executionsOf(workflowId: string): Promise<Execution[]> {
		const filter = encodeURIComponent(JSON.stringify({ workflowId }));
		const list = await cluster!.main.rest('GET', `/executions?filter=${filter}&limit=100`);
		expect(list.status).toBe(200);
		return (list.body.data?.results ?? list.body.data ?? []) as Execution[];
	}

	async function waitForExecutions(workflowId: string, count: number, done: string[], timeoutMs: number) {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const executions = await executionsOf(workflowId);
			if (executions.length >= count && executions.every((execution) => done.includes(execution.status)))
				return executions;
			if (Date.now() > deadline) {
				throw new Error(`executions of ${workflowId} after ${timeoutMs} ms: ${JSON.stringify(executions)}`);
			}
			await sleep(1000);
		}
	}

	async function post(path: string, body: unknown): Promise<{ status: number; json: any }> {
		const response = await fetch(webhook(path), {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(body),
			signal: AbortSignal.timeout(180_000),
		});
		const text = await response.text();
		return { status: response.status, json: text ? JSON.parse(text) : undefined };
	}

	beforeAll(async () => {
		[emulator, smtp, hook] = await Promise.all([
			startEmulator({
				clock: 'real',
				speed: SPEED,
				quotas: 'alibaba',
				latencyMs: 50,
				// Packaging jobs end only when told (finishJob), as in the examples suite.
				timing: { package: { finishMs: 7 * 24 * 60 * MINUTE } },
			}),
			startSmtpSink(),
			startWebhookSink(),
		]);
		cluster = await N8nQueueCluster.create({
			tarball: packageTarball(),
			name: 'queue-mode',
			workers: WORKERS,
			concurrency: CONCURRENCY,
		});
		const { main } = cluster;
		await main.importCredentials([
			alibabaCredential(emulator, { ...ALIBABA_CREDENTIAL, processesSharingQuota: WORKERS }),
			smtpCredential(smtp, SMTP_CREDENTIAL),
		]);
		const trigger = loadExample<Workflow>(FILES.trigger, [[WEBHOOK_URL, `${hook.url}${WEBHOOK_PATH}`]]);
		trigger.nodes.find((node) => node.name === 'Media Job Trigger')!.parameters.pollTimes = FAST_POLL_TIMES;
		await main.importWorkflows([
			onWebhook(FILES.package, 'example-1'),
			onWebhook(FILES.produce, 'example-2'),
			onWebhook(FILES.liveToVod, 'example-4'),
			trigger,
			batchWorkflow('queueModeBatch', 'renders'),
			batchWorkflow('queueModeCrash', 'renders-crash'),
		]);
		// Webhooks answer only for published workflows; example 3 is published later (its own test).
		for (const id of [IDS.package, IDS.produce, IDS.liveToVod, 'queueModeBatch', 'queueModeCrash'])
			await main.publishWorkflow(id);
		await cluster.start();
		await main.setupOwnerAndLogin();
	}, 600_000);

	afterAll(async () => {
		await cluster?.dispose();
		await Promise.all([smtp?.stop(), hook?.stop(), emulator?.stop()]);
	}, 120_000);

	const startedByWorkers = () => Array.from({ length: WORKERS }, (_, index) => cluster!.executionsStartedBy(index));

	it('examples 1, 2 and 4 run on the workers, not on the main', async () => {
		const [package1, produce2, live4] = await Promise.all([
			post('example-1', {}),
			post('example-2', {}),
			post('example-4', {}),
		]);
		expect([package1.status, produce2.status, live4.status]).toEqual([200, 200, 200]);
		// Example 1: submitted, read back running.
		expect(package1.json).toEqual([
			expect.objectContaining({
				jobKind: 'package',
				status: 'running',
				jobId: expect.stringMatching(/^[0-9a-f]{32}$/),
			}),
		]);
		// Example 2: produced, waited for, emailed.
		expect(produce2.json).toEqual([expect.objectContaining({ accepted: [expect.any(String)] })]);
		const mail = await smtp.waitForMessage((message) => message.subject.startsWith('Video job '), 30_000);
		expect(mail.text).toContain(`Video: ${EXAMPLE_2.outputUrl}`);
		// Example 4: clipped to VOD, the VOD workflow run on it and read back.
		expect(live4.json).toEqual([expect.objectContaining({ jobKind: 'vodWorkflow' })]);

		const started = startedByWorkers().flat();
		for (const workflowId of [IDS.package, IDS.produce, IDS.liveToVod]) {
			const executions = await waitForExecutions(workflowId, 1, ['success'], 30_000);
			expect(executions).toEqual([expect.objectContaining({ status: 'success', mode: 'webhook' })]);
			expect(started).toContain(executions[0].id);
		}
		expect(cluster!.main.serverLogFile()).toBeDefined();
	}, 300_000);

	it(`${BATCHES * BATCH_SIZE} renders in ${BATCHES} executions on both workers at once: within the quota, 0 failed, 0 duplicates`, async () => {
		emulator.clearRequests();
		const before = new Set(startedByWorkers().flat());
		const started = Date.now();
		const answers = await Promise.all(
			Array.from({ length: BATCHES }, (_, batch) => post('renders', { count: BATCH_SIZE, offset: batch * BATCH_SIZE })),
		);
		expect(answers.map((answer) => answer.status)).toEqual(Array(BATCHES).fill(200));
		const executions = await waitForExecutions('queueModeBatch', BATCHES, ['success', 'error', 'crashed'], 600_000);
		const seconds = (Date.now() - started) / 1000;
		expect(executions.map((execution) => execution.status)).toEqual(Array(BATCHES).fill('success'));

		// Both workers ran some of them.
		const perWorker = startedByWorkers().map((ids) =>
			ids.filter((id) => !before.has(id) && executions.some((execution) => execution.id === id)),
		);
		expect(perWorker.map((ids) => ids.length > 0)).toEqual([true, true]);

		// Each render submitted once, each one created exactly one job; no request was refused for going too fast.
		const perMarker = jobsPerMarker(emulator, 'editing');
		const markers = Array.from({ length: BATCHES * BATCH_SIZE }, (_, index) => marker(index));
		expect(markers.filter((name) => perMarker.get(name)?.length !== 1)).toEqual([]);
		const submissions = emulator.requests.filter((request) => request.action === 'SubmitMediaProducingJob');
		const throttled = submissions.filter((request) => request.errorCode === 'Throttling.User').length;
		const failed = submissions.filter((request) => request.status !== 200 && request.errorCode !== 'Throttling.User');
		expect(failed).toEqual([]);
		expect(peakPerSecond(emulator, 'SubmitMediaProducingJob', { acceptedOnly: true })).toBeLessThanOrEqual(
			SUBMIT_QUOTA,
		);
		process.stdout.write(
			`[queue mode] ${markers.length} renders in ${seconds.toFixed(1)} s (quota floor ${markers.length / SUBMIT_QUOTA} s), ` +
				`${submissions.length} submissions, ${throttled} throttled, peak ${peakPerSecond(emulator, 'SubmitMediaProducingJob', { acceptedOnly: true })}/s, ` +
				`executions per worker ${perWorker.map((ids) => ids.length).join('/')}\n`,
		);
		// Each worker paces itself to half the quota (Processes Sharing the Quota = 2); the few requests that still
		// arrive too close together (two busy processes on two cores delay some sends) are throttled and resent.
		expect(throttled).toBeLessThanOrEqual(submissions.length * 0.05);
	}, 900_000);

	it('a worker killed in the middle of a submission: the execution is not run again, nothing is sent twice or lost', async () => {
		const offset = 100_000;
		const ours = (name: string | undefined) => name !== undefined && Number(name.slice(5)) >= offset;
		const jobsSoFar = () => [...jobsPerMarker(emulator, 'editing').entries()].filter(([name]) => ours(name));
		const answer = await post('renders-crash', { count: CRASH_BATCH_SIZE, offset });
		expect(answer.status).toBe(200);
		await waitFor('the first 60 jobs of the batch', () => jobsSoFar().length >= 60, 120_000);
		const [running] = await executionsOf('queueModeCrash');
		const victim = cluster!.workerOf(running.id);
		expect(victim).toBeDefined();
		await cluster!.killWorker(victim!);
		const killedAt = Date.now();
		await sleep(1000);
		const createdBeforeTheKill = jobsSoFar().length;
		expect(createdBeforeTheKill).toBeLessThan(CRASH_BATCH_SIZE);

		// n8n: the job's lock runs out and Bull fails it with "job stalled more than maxStalledCount" (n8n sets that
		// count to 0: no second attempt); the main marks the execution crashed, then failed: "This execution failed to
		// be processed too many times and will no longer retry". Nobody runs it again.
		const [ended] = await waitForExecutions('queueModeCrash', 1, ['crashed', 'error', 'success'], 180_000);
		expect(ended.id).toBe(running.id);
		expect(['crashed', 'error']).toContain(ended.status);
		const survivor = WORKERS - 1 - victim!;
		expect(cluster!.executionsStartedBy(survivor)).not.toContain(running.id);
		const sentAfterTheKill = emulator.requests.filter(
			(request) => request.action === 'SubmitMediaProducingJob' && Date.parse(request.time) > killedAt + 500,
		);
		expect(sentAfterTheKill).toEqual([]);

		// Every job the emulator created is still there, none twice, and each answered submission is one of them.
		const jobs = jobsSoFar();
		expect(jobs).toHaveLength(createdBeforeTheKill);
		expect(jobs.filter(([, perMarker]) => perMarker.length !== 1)).toEqual([]);
		process.stdout.write(
			`[queue mode] worker ${victim} killed after ${createdBeforeTheKill} of ${CRASH_BATCH_SIZE} jobs; execution ${running.id} ${ended.status}, not rerun\n`,
		);
	}, 600_000);

	it('example 3’s trigger on the main reports each finished job once, across a restart onto the durable poll scheduler', async () => {
		const { main } = cluster!;
		const client = sdk(emulator);
		const lists = () => emulator.requests.filter((request) => request.action === 'ListMediaProducingJobs').length;
		const postsFor = (jobId: string) =>
			hook.requests.filter((request) => String(request.json?.text).includes(jobId)).length;

		// Published while the main is down; it is activated when the main comes back.
		await main.stop();
		await main.publishWorkflow(IDS.trigger);
		await main.start();
		await main.login();
		await waitFor('the activation poll', () => lists() >= 1, 60_000);
		hook.clear();

		const outputUrl = (name: string) => `https://media-out.oss-cn-shanghai.aliyuncs.com/queue/${name}.mp4`;
		const beforeRestart = [await submitProductionJob(client, outputUrl('one'))];
		const runningPackage = await submitPackageJob(client, 'queue-hls');
		const polled = lists();
		await waitFor('a poll that sees the packaging job running', () => lists() > polled + 1, 60_000);
		await hook.waitForRequest((request) => String(request.json?.text).includes(beforeRestart[0]), 60_000);

		// The main goes down; jobs finish meanwhile; it comes back under the durable poll scheduler.
		await main.stop();
		const whileDown = [await submitProductionJob(client, outputUrl('two'))];
		emulator.finishJob(runningPackage);
		whileDown.push(runningPackage);
		await sleep(2000);
		Object.assign(main.extraEnv, DURABLE_POLL_SCHEDULER);
		await main.start();
		await main.login();
		// The activation poll reports what finished while the main was down; the job below finishes after the first
		// poll of the durable scheduler, so a scheduler task reports it.
		const mainLog = () => readFileSync(main.serverLogFile()!, 'utf8');
		await waitFor('a poll by the durable scheduler', () => mainLog().includes('Poll returned '), 60_000);
		const afterRestart = [await submitProductionJob(client, outputUrl('three'))];

		for (const jobId of [...whileDown, ...afterRestart]) {
			await hook.waitForRequest((request) => String(request.json?.text).includes(jobId), 120_000);
		}
		const settled = lists();
		await waitFor('two more polls', () => lists() >= settled + 2, 120_000);
		await sleep(3000);
		const everyJob = [...beforeRestart, ...whileDown, ...afterRestart];
		expect(everyJob.map(postsFor)).toEqual(everyJob.map(() => 1));
		expect(hook.requests).toHaveLength(everyJob.length);
		// The polls after the restart were the durable scheduler's tasks, not the legacy in-process cron.
		expect(mainLog()).toContain('Provisioned scheduler jobs for poll trigger node');
		expect(mainLog()).toContain('Poll returned new data; handed off to a new execution');
		expect(hook.requests.map((request) => request.json?.text).sort()).toContain(
			EXAMPLE_3.successText('mediaProducing', afterRestart[0], outputUrl('three')),
		);
	}, 900_000);
});
