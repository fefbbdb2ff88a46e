/**
 * The example workflows in examples/*.json, as users import them: each file is checked as n8n import JSON, then
 * run as is through n8n's engine (the test harness) against the emulator, with a real SMTP server and a real HTTP
 * sink (tools/sandbox/sinks/smtp-sink.ts, tools/sandbox/sinks/webhook-sink.ts) receiving the emails and webhook posts. Nothing is mocked;
 * the only change made to an example is pointing example 3's webhook URL at the local sink.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import {
	NodeHelpers,
	safeParseWorkflowStructure,
	type IDataObject,
	type INode,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { startSmtpSink, type ReceivedMail, type SmtpSink } from '../../tools/sandbox/sinks/smtp-sink';
import { startWebhookSink, type WebhookSink } from '../../tools/sandbox/sinks/webhook-sink';
import type { Emulator } from '../../tools/sandbox/emulator';
import { startEmulator } from '../../tools/sandbox/emulator';
import { getHarness, pollAndRun, REPO_ROOT, runWorkflow, type WorkflowDefinition } from '../../tools/sandbox/engine';
import { chain, PACKAGE_NAME, sandboxCredentials, startingWith } from '../../tools/sandbox/workflows/workflows';

const EXAMPLES_DIR = join(REPO_ROOT, 'examples');
const FILES = {
	package: '01-package-oss-url.json',
	produce: '02-produce-timeline-notify.json',
	trigger: '03-job-trigger-alerts.json',
	liveToVod: '04-live-clip-to-vod-workflow.json',
} as const;

/** The strings the e2e suite and the demo rewrite (see the report / README of examples). */
const WEBHOOK_URL = 'https://hooks.slack.com/services/T000/B000/XXXX';
const RECIPIENT = 'ops@example.com';
const ALIBABA_CREDENTIAL = { id: 'alibabaSandbox', name: 'Alibaba Cloud (sandbox)' };
const SMTP_CREDENTIAL = { id: 'sandboxSmtp', name: 'Sandbox SMTP' };

const BASE = 'n8n-nodes-base';
const MINUTE = 60_000;

function examplePath(file: string): string {
	return join(EXAMPLES_DIR, file);
}

function loadExample(file: string): WorkflowDefinition & IDataObject {
	return JSON.parse(readFileSync(examplePath(file), 'utf8')) as WorkflowDefinition & IDataObject;
}

function exampleFiles(): string[] {
	return readdirSync(EXAMPLES_DIR)
		.filter((name) => name.endsWith('.json'))
		.sort();
}

function smtpCredentials(smtp: SmtpSink) {
	return { host: smtp.host, port: smtp.port, secure: false, disableStartTls: true, user: '', password: '' };
}

// ---------------------------------------------------------------------------------------------------------------
// Static: every example is valid n8n import JSON using only nodes that exist, with the sandbox credentials
// ---------------------------------------------------------------------------------------------------------------

describe('every example is importable n8n workflow JSON', () => {
	it('the four examples are there', () => {
		expect(exampleFiles()).toEqual(expect.arrayContaining(Object.values(FILES)));
	});

	it('workflow ids are fixed, distinct and short; node ids are distinct UUIDs across all examples', () => {
		const workflowIds = new Set<string>();
		const nodeIds = new Set<string>();
		for (const file of exampleFiles()) {
			const workflow = loadExample(file);
			expect(workflow.id).toMatch(/^alibabaExample\d{2}$/);
			expect(workflowIds.has(workflow.id as string)).toBe(false);
			workflowIds.add(workflow.id as string);
			for (const node of workflow.nodes) {
				expect(node.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
				expect(nodeIds.has(node.id)).toBe(false);
				nodeIds.add(node.id);
			}
		}
	});

	describe.each(Object.values(FILES))('%s', (file) => {
		const workflow = loadExample(file);

		it('has the export fields n8n writes, with executionOrder v1, no pinned data, inactive', () => {
			expect(typeof workflow.name).toBe('string');
			expect((workflow.name as string).length).toBeGreaterThan(0);
			expect(workflow.settings).toEqual({ executionOrder: 'v1' });
			expect(workflow.pinData).toEqual({});
			expect(workflow.active).toBe(false);
			expect(Array.isArray(workflow.nodes)).toBe(true);
			expect(typeof workflow.connections).toBe('object');
		});

		it('passes n8n’s own import structure check (safeParseWorkflowStructure, as `n8n import:workflow`)', () => {
			const result = safeParseWorkflowStructure(workflow);
			expect(result.success ? [] : result.issues).toEqual([]);
		});

		it('unique node names and ids; every connection joins existing nodes through existing outputs', async () => {
			const names = workflow.nodes.map((node) => node.name);
			expect(new Set(names).size).toBe(names.length);
			const ids = workflow.nodes.map((node) => node.id);
			expect(new Set(ids).size).toBe(ids.length);

			const harness = await getHarness();
			const byName = new Map(workflow.nodes.map((node) => [node.name, node]));
			for (const [source, byType] of Object.entries(workflow.connections)) {
				const sourceNode = byName.get(source);
				expect(sourceNode).toBeDefined();
				const description = harness.registry.getByNameAndVersion(sourceNode!.type, sourceNode!.typeVersion).description;
				const outputs = Array.isArray(description.outputs) ? description.outputs.length : 1;
				for (const [type, buckets] of Object.entries(byType)) {
					expect(type).toBe('main');
					expect(buckets.length).toBeLessThanOrEqual(outputs);
					for (const bucket of buckets) {
						for (const target of bucket ?? []) {
							expect(byName.has(target.node)).toBe(true);
							expect(target.type).toBe('main');
							expect(target.index).toBe(0);
						}
					}
				}
			}
		});

		it('every node type and typeVersion is one this package or n8n-nodes-base (2.41) provides', async () => {
			const harness = await getHarness();
			for (const node of workflow.nodes) {
				const [pkg] = node.type.split('.');
				expect([PACKAGE_NAME, BASE]).toContain(pkg);
				const description = harness.registry.getByNameAndVersion(node.type, node.typeVersion).description;
				const versions = ([] as number[]).concat(description.version);
				expect({ node: node.name, versions }).toEqual({
					node: node.name,
					versions: expect.arrayContaining([node.typeVersion]),
				});
			}
		});

		it('every parameter is one the node has, and the editor would show no parameter issue', async () => {
			const harness = await getHarness();
			for (const node of workflow.nodes) {
				const description: INodeTypeDescription = harness.registry.getByNameAndVersion(
					node.type,
					node.typeVersion,
				).description;
				const known = new Set(description.properties.map((property) => property.name));
				const unknown = Object.keys(node.parameters).filter((name) => !known.has(name));
				expect({ node: node.name, unknown }).toEqual({ node: node.name, unknown: [] });

				const full = NodeHelpers.getNodeParameters(
					description.properties,
					node.parameters,
					true,
					false,
					node,
					description,
				);
				const issues = NodeHelpers.getNodeParametersIssues(
					description.properties,
					{ ...node, parameters: full ?? {} } as INode,
					description,
				);
				expect({ node: node.name, issues }).toEqual({ node: node.name, issues: null });
			}
		});

		it('our nodes use the “Alibaba Cloud (sandbox)” credential, Send Email the “Sandbox SMTP” one', async () => {
			const harness = await getHarness();
			for (const node of workflow.nodes) {
				const declared = (
					harness.registry.getByNameAndVersion(node.type, node.typeVersion).description.credentials ?? []
				).map((credential) => credential.name);
				for (const type of Object.keys(node.credentials ?? {})) expect(declared).toContain(type);

				if (node.type.startsWith(`${PACKAGE_NAME}.`)) {
					expect(node.credentials).toEqual({ alibabaCloudApi: ALIBABA_CREDENTIAL });
				} else if (node.type === `${BASE}.emailSend`) {
					expect(node.credentials).toEqual({ smtp: SMTP_CREDENTIAL });
				} else {
					expect(node.credentials).toBeUndefined();
				}
			}
		});

		it('explains itself in one Sticky Note and has exactly one starting node', () => {
			const notes = workflow.nodes.filter((node) => node.type === `${BASE}.stickyNote`);
			expect(notes).toHaveLength(1);
			expect(String(notes[0].parameters.content).length).toBeGreaterThan(200);
			const targets = new Set(
				Object.values(workflow.connections).flatMap((byType) =>
					Object.values(byType).flatMap((buckets) => buckets.flatMap((bucket) => bucket ?? []).map((c) => c.node)),
				),
			);
			const roots = workflow.nodes.filter((node) => node.type !== `${BASE}.stickyNote` && !targets.has(node.name));
			expect(roots).toHaveLength(1);
			expect(roots[0].type).toMatch(/manualTrigger$|alibabaCloudMediaJobTrigger$/);
		});
	});

	it('example 3 writes the webhook URL in exactly one place (the HTTP Request URL), so it can be replaced', () => {
		const text = readFileSync(examplePath(FILES.trigger), 'utf8');
		expect(text.split(WEBHOOK_URL)).toHaveLength(2);
		const http = loadExample(FILES.trigger).nodes.find((node) => node.type === `${BASE}.httpRequest`);
		expect(http?.parameters.url).toBe(WEBHOOK_URL);
	});

	it('every email goes to the one replaceable recipient', () => {
		for (const file of [FILES.produce, FILES.trigger]) {
			const emails = loadExample(file).nodes.filter((node) => node.type === `${BASE}.emailSend`);
			expect(emails).toHaveLength(1);
			expect(emails[0].parameters.toEmail).toBe(RECIPIENT);
		}
	});
});

// ---------------------------------------------------------------------------------------------------------------
// Runs: each example as is, against the emulator
// ---------------------------------------------------------------------------------------------------------------

/** Jobs finish a minute after submission: at 600× that is a tenth of a second of real time. */
let fast: Emulator;
/** Virtual time moves only when the test says so. */
let manual: Emulator;
let smtp: SmtpSink;
let hook: WebhookSink;

beforeAll(async () => {
	[fast, manual, smtp, hook] = await Promise.all([
		startEmulator({ clock: 'real', speed: 600 }),
		startEmulator(),
		startSmtpSink(),
		startWebhookSink(),
	]);
	await getHarness();
});
afterAll(async () => {
	await Promise.all([fast?.stop(), manual?.stop(), smtp?.stop(), hook?.stop()]);
});
beforeEach(() => {
	fast.reset();
	manual.reset();
	smtp.clear();
	hook.clear();
});

function credentialsFor(emulator: Emulator) {
	return { ...sandboxCredentials(emulator), smtp: smtpCredentials(smtp) };
}

async function sleep(ms: number): Promise<void> {
	await new Promise((resolve) => setTimeout(resolve, ms));
}

describe('example 1: package an OSS URL, then read the job', () => {
	it('submits the Set node’s OSS URLs as a packaging job and reads it back; later the same Get reads Success', async () => {
		const path = examplePath(FILES.package);
		const run = await runWorkflow(path, { credentials: credentialsFor(manual) });

		expect(run.status).toBe('success');
		expect(run.executedNodes()).toEqual(['Start', 'Set input', 'Submit Package Job', 'Get Package Job']);
		expect(run.output('Set input')).toEqual([
			{
				sourceUrl: 'oss://media-in/uploads/launch-trailer.mp4',
				outputUrl: 'oss://media-out/hls/launch-trailer/index.m3u8',
				jobName: 'launch-trailer-hls',
			},
		]);

		const [submitted] = run.output('Submit Package Job');
		expect(submitted.JobId).toMatch(/^[0-9a-f]{32}$/);
		const submits = manual.requests.filter((request) => request.action === 'SubmitPackageJob');
		expect(submits).toHaveLength(1);
		expect(submits[0].query).toEqual({
			Name: 'launch-trailer-hls',
			Inputs: '[{"Input":{"Type":"OSS","Media":"oss://media-in/uploads/launch-trailer.mp4"}}]',
			Output: '{"Type":"OSS","Media":"oss://media-out/hls/launch-trailer/index.m3u8"}',
		});
		const jobs = manual.jobs.list('package');
		expect(jobs.map((job) => job.jobId)).toEqual([submitted.JobId]);

		// Right after submission the job is still running: what the sticky note tells the user.
		expect(run.output('Get Package Job')).toEqual([
			expect.objectContaining({ jobKind: 'package', jobId: submitted.JobId, status: 'running', finished: false }),
		]);

		// Two minutes later, "Get Package Job" again (the submission pinned, as after a run in the editor).
		manual.clock.advance(2 * MINUTE);
		manual.clearRequests();
		const later = await runWorkflow(path, {
			credentials: credentialsFor(manual),
			pinData: { 'Submit Package Job': [{ json: submitted }] },
		});
		expect(later.status).toBe('success');
		expect(later.output('Get Package Job')).toEqual([
			expect.objectContaining({
				jobKind: 'package',
				jobId: submitted.JobId,
				status: 'succeeded',
				finished: true,
				rawStatus: 'Success',
				outputUrl: 'http://media-out.oss-cn-shanghai.aliyuncs.com/hls/launch-trailer/index.m3u8',
			}),
		]);
		expect(manual.requests.map((request) => request.action)).toEqual(['GetPackageJob']);
	});
});

describe('example 2: production job from a timeline, Wait for Completion, then an email', () => {
	it('produces the timeline, waits until it succeeded, and the SMTP server receives the email with the output URL', async () => {
		const example = loadExample(FILES.produce);
		const submitNode = example.nodes.find((node) => node.name === 'Submit Media Producing Job')!;
		const run = await runWorkflow(examplePath(FILES.produce), { credentials: credentialsFor(fast) });

		expect(run.status).toBe('success');
		expect(run.executedNodes()).toEqual(['Start', 'Submit Media Producing Job', 'Email ops']);

		const outputUrl = 'https://media-out.oss-cn-shanghai.aliyuncs.com/produced/launch-video.mp4';
		const [produced] = run.output('Submit Media Producing Job');
		const jobId = produced.jobId as string;
		expect(produced).toMatchObject({
			jobKind: 'mediaProducing',
			status: 'succeeded',
			finished: true,
			rawStatus: 'Success',
			outputUrl,
			submission: { JobId: jobId },
		});

		const submits = fast.requests.filter((request) => request.action === 'SubmitMediaProducingJob');
		expect(submits).toHaveLength(1);
		expect(JSON.parse(submits[0].form.Timeline)).toEqual(JSON.parse(submitNode.parameters.timeline as string));
		expect(submits[0].query).toMatchObject({
			OutputMediaTarget: 'oss-object',
			OutputMediaConfig: JSON.stringify({ MediaURL: outputUrl, Width: 1280, Height: 720 }),
		});
		expect(fast.jobs.list('editing')).toEqual([expect.objectContaining({ jobId, status: 'Success' })]);
		// Wait for Completion read the job until it had finished (Check Every 5 s: about two reads).
		const reads = fast.requests.filter((request) => request.action === 'GetMediaProducingJob');
		expect(reads.length).toBeGreaterThanOrEqual(1);
		expect(reads.at(-1)?.query.JobId).toBe(jobId);

		const mail = await smtp.waitForMessage((message) => message.subject.includes(jobId));
		expect(smtp.messages).toHaveLength(1);
		expect(mail.envelope).toEqual({ from: 'n8n@example.com', to: [RECIPIENT] });
		expect(mail.to).toContain(RECIPIENT);
		expect(mail.subject).toBe(`Video job ${jobId} succeeded`);
		expect(mail.text).toContain(`The media producing job ${jobId} has finished with status succeeded.`);
		expect(mail.text).toContain(`Video: ${outputUrl}`);
		expect(mail.text).toContain(`Media ID: ${produced.mediaId as string}`);
		expect(mail.text).not.toContain('n8n.io'); // attribution off
		expect(run.output('Email ops')[0].accepted).toEqual([RECIPIENT]);
	}, 30_000);
});

describe('example 3: the trigger emails failed jobs and posts finished ones to a webhook', () => {
	const TRIGGER = 'Media Job Trigger';
	const sinkUrl = () => `${hook.url}/services/T000/B000/XXXX`;

	function exampleWithSink(): WorkflowDefinition {
		const text = readFileSync(examplePath(FILES.trigger), 'utf8');
		return JSON.parse(text.split(WEBHOOK_URL).join(sinkUrl())) as WorkflowDefinition;
	}

	/** Packaging jobs through example 1 itself (its Set node's output pinned to our items). */
	async function submitPackagingJobs(items: IDataObject[]): Promise<string[]> {
		const run = await runWorkflow(examplePath(FILES.package), {
			credentials: credentialsFor(manual),
			pinData: { 'Set input': items.map((json) => ({ json })) },
		});
		expect(run.status).toBe('success');
		return run.output('Submit Package Job').map((item) => item.JobId as string);
	}

	async function submitProductionJobs(outputUrls: string[]): Promise<string[]> {
		const timeline =
			'{"VideoTracks":[{"VideoTrackClips":[{"MediaURL":"https://media-in.oss-cn-shanghai.aliyuncs.com/a.mp4"}]}]}';
		const run = await runWorkflow(
			chain({
				name: 'Submit',
				type: 'alibabaCloudSubmitMediaProducingJob',
				parameters: { source: 'timeline', timeline, outputMediaUrl: '={{ $json.url }}' },
			}),
			{ credentials: credentialsFor(manual), pinData: startingWith(outputUrls.map((url) => ({ url }))) },
		);
		expect(run.status).toBe('success');
		return run.output('Submit').map((item) => item.JobId as string);
	}

	function mailFor(jobId: string): ReceivedMail {
		const mails = smtp.messages.filter((message) => message.subject.includes(jobId));
		expect(mails).toHaveLength(1);
		return mails[0];
	}

	it('activation emits nothing; then one email per failed job and one webhook POST per succeeded job, each once', async () => {
		const workflow = exampleWithSink();
		const credentials = credentialsFor(manual);
		// History that had finished before activation: never reported.
		manual.seedJobs({ kind: 'package', count: 4, status: ['Success', 'Fail'] });
		manual.seedJobs({ kind: 'editing', count: 4, status: ['Success', 'Failed'] });

		const activation = await pollAndRun(workflow, TRIGGER, { credentials, staticData: {}, tick: 'activation' });
		expect(activation.poll.emitted).toBe(false);
		expect(activation.run).toBeUndefined();

		manual.failJobsMatching({
			kind: 'package',
			match: 'broken',
			code: 'InvalidParameter',
			message: 'Resource content bad.',
		});
		manual.failJobsMatching({
			kind: 'editing',
			match: 'broken',
			code: 'InvalidMaterial',
			message: 'The material cannot be decoded.',
		});
		const [goodPackage, badPackage] = await submitPackagingJobs([
			{ jobName: 'ok-hls', sourceUrl: 'oss://media-in/ok.mp4', outputUrl: 'oss://media-out/ok/index.m3u8' },
			{ jobName: 'broken-hls', sourceUrl: 'oss://media-in/broken.mp4', outputUrl: 'oss://media-out/broken/index.m3u8' },
		]);
		const [goodVideo, badVideo] = await submitProductionJobs([
			'https://media-out.oss-cn-shanghai.aliyuncs.com/ok/video.mp4',
			'https://media-out.oss-cn-shanghai.aliyuncs.com/broken/video.mp4',
		]);

		// Still running at the next poll: nothing yet.
		const running = await pollAndRun(workflow, TRIGGER, { credentials, staticData: activation.poll.staticData });
		expect(running.poll.emitted).toBe(false);

		manual.clock.advance(2 * MINUTE);
		const { poll, run } = await pollAndRun(workflow, TRIGGER, { credentials, staticData: running.poll.staticData });
		expect(poll.emitted).toBe(true);
		expect((poll.items?.[0] ?? []).map((item) => [item.json.jobId, item.json.status]).sort()).toEqual(
			[
				[goodPackage, 'succeeded'],
				[badPackage, 'failed'],
				[goodVideo, 'succeeded'],
				[badVideo, 'failed'],
			].sort(),
		);
		expect(run?.status).toBe('success');
		expect(run?.output('Email the failure')).toHaveLength(2);
		expect(run?.output('Post to Slack')).toHaveLength(2);

		// Emails: one per failed job, to the recipient, with ID, kind, error code and message.
		expect(smtp.messages).toHaveLength(2);
		const packageMail = mailFor(badPackage);
		expect(packageMail.envelope.to).toEqual([RECIPIENT]);
		expect(packageMail.subject).toBe(`Alibaba Cloud package job ${badPackage} failed: InvalidParameter`);
		expect(packageMail.text).toContain(`Job ID: ${badPackage}\nKind: package\n`);
		expect(packageMail.text).toContain('Error code: InvalidParameter\nError message: Resource content bad.\n');
		const videoMail = mailFor(badVideo);
		expect(videoMail.envelope.to).toEqual([RECIPIENT]);
		expect(videoMail.subject).toBe(`Alibaba Cloud mediaProducing job ${badVideo} failed: InvalidMaterial`);
		expect(videoMail.text).toContain(`Job ID: ${badVideo}\nKind: mediaProducing (EditingJob)\n`);
		expect(videoMail.text).toContain('Error code: InvalidMaterial\nError message: The material cannot be decoded.\n');

		// Webhook: one Slack-style POST per succeeded job.
		expect(hook.requests).toHaveLength(2);
		for (const request of hook.requests) {
			expect(request.method).toBe('POST');
			expect(request.path).toBe('/services/T000/B000/XXXX');
			expect(request.headers['content-type']).toContain('application/json');
		}
		expect(hook.requests.map((request) => request.json).sort((a, b) => String(a.text).localeCompare(b.text))).toEqual(
			[
				{
					text: `✅ mediaProducing ${goodVideo} finished: https://media-out.oss-cn-shanghai.aliyuncs.com/ok/video.mp4`,
				},
				{ text: `✅ package ${goodPackage} finished: http://media-out.oss-cn-shanghai.aliyuncs.com/ok/index.m3u8` },
			].sort((a, b) => a.text.localeCompare(b.text)),
		);

		// Each job once: the next polls emit nothing, so nothing more is sent.
		manual.clock.advance(2 * MINUTE);
		const after = await pollAndRun(workflow, TRIGGER, { credentials, staticData: poll.staticData });
		expect(after.poll.emitted).toBe(false);
		expect(smtp.messages).toHaveLength(2);
		expect(hook.requests).toHaveLength(2);
	});
});

describe('example 4: live clip into VOD, then a VOD workflow on the new video', () => {
	it('cuts 10 → 5 minutes ago into a VOD asset, waits for it, and runs the VOD workflow on its vodMediaId', async () => {
		const path = examplePath(FILES.liveToVod);
		const before = Date.now();
		const run = await runWorkflow(path, { credentials: credentialsFor(fast) });
		const after = Date.now();

		expect(run.status).toBe('success');
		expect(run.executedNodes()).toEqual([
			'Start',
			'Submit Live Editing Job',
			'Submit VOD Workflow Job',
			'Get VOD Workflow Job',
		]);

		// The live editing job: one clip from 10 to 5 minutes before the run's minute, UTC.
		const [submit] = fast.requests.filter((request) => request.action === 'SubmitLiveEditingJob');
		const clips = JSON.parse(submit.query.Clips) as Array<{ StartTime: string; EndTime: string }>;
		expect(clips).toHaveLength(1);
		expect(clips[0].StartTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
		expect(clips[0].EndTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
		const start = Date.parse(clips[0].StartTime);
		const end = Date.parse(clips[0].EndTime);
		expect(end - start).toBe(5 * MINUTE);
		// Whole minutes: the start of the run's minute, minus 10 minutes.
		expect(start % MINUTE).toBe(0);
		expect(start).toBeGreaterThan(before - 11 * MINUTE);
		expect(start).toBeLessThanOrEqual(after - 10 * MINUTE);
		expect(JSON.parse(submit.query.LiveStreamConfig)).toEqual({
			AppName: 'live',
			DomainName: 'live.example.com',
			StreamName: 'studio-1',
		});
		expect(submit.query.OutputMediaTarget).toBe('vod-media');
		const outputConfig = JSON.parse(submit.query.OutputMediaConfig) as IDataObject;
		expect(outputConfig.StorageLocation).toBe('outin-0123456789abcdef0123456789abcdef.oss-cn-shanghai.aliyuncs.com');
		expect(outputConfig.FileName).toMatch(/^studio-1-\d{8}-\d{4}\.mp4$/);
		expect(JSON.parse(submit.query.MediaProduceConfig)).toEqual({ Mode: 'AccurateFast' });

		// Waited until it succeeded; the clip is a VOD video.
		const [clip] = run.output('Submit Live Editing Job');
		expect(clip).toMatchObject({ jobKind: 'liveEditing', status: 'succeeded', finished: true });
		expect(clip.vodMediaId).toMatch(/^[0-9a-f]{32}$/);
		expect(fast.jobs.list('liveEditing')).toEqual([expect.objectContaining({ jobId: clip.jobId, status: 'Success' })]);

		// The VOD workflow runs on that video.
		const [workflowSubmit] = fast.requests.filter((request) => request.action === 'SubmitWorkflowJob');
		expect(workflowSubmit.product).toBe('VOD');
		expect(workflowSubmit.query).toEqual({ WorkflowId: 'YOUR_VOD_WORKFLOW_ID', MediaId: clip.vodMediaId });
		const [task] = run.output('Submit VOD Workflow Job');
		expect(task.TaskId).toMatch(/^[0-9a-f]{32}$/);
		expect(run.output('Get VOD Workflow Job')).toEqual([
			expect.objectContaining({ jobKind: 'vodWorkflow', jobId: task.TaskId, mediaId: clip.vodMediaId }),
		]);

		// Once the task has run (a minute of emulator time), the same Get reads it succeeded.
		for (let i = 0; i < 50 && fast.jobs.get(task.TaskId as string)?.status !== 'Succeed'; i++) await sleep(50);
		const later = await runWorkflow(path, {
			credentials: credentialsFor(fast),
			pinData: {
				'Submit Live Editing Job': [{ json: clip }],
				'Submit VOD Workflow Job': [{ json: task }],
			},
		});
		expect(later.output('Get VOD Workflow Job')).toEqual([
			expect.objectContaining({ jobId: task.TaskId, status: 'succeeded', finished: true, mediaId: clip.vodMediaId }),
		]);
	}, 30_000);
});
