/**
 * The example workflows in examples/*.json, as users import them, each run as is through n8n's engine (the test
 * harness) against the emulator, with a real SMTP server and a real HTTP sink (tools/sandbox/sinks/) receiving the
 * emails and webhook posts. Nothing is mocked; the only change made to an example is pointing example 3's webhook URL
 * at the local sink. The expected values are shared with the real-n8n suite (test/support/examples.ts).
 */
import type { IDataObject } from 'n8n-workflow';

import type { Emulator } from '../../tools/sandbox/emulator';
import { startEmulator } from '../../tools/sandbox/emulator';
import { getHarness, pollAndRun, runWorkflow, type WorkflowDefinition } from '../../tools/sandbox/engine';
import { startSmtpSink, type ReceivedMail, type SmtpSink } from '../../tools/sandbox/sinks/smtp-sink';
import { startWebhookSink, type WebhookSink } from '../../tools/sandbox/sinks/webhook-sink';
import { chain, sandboxCredentials, startingWith } from '../../tools/sandbox/workflows/workflows';
import {
	EXAMPLE_1,
	EXAMPLE_2,
	EXAMPLE_3,
	EXAMPLE_4,
	engineSmtpCredential,
	examplePath,
	exampleText,
	expectExample2Mail,
	expectExample4Clips,
	expectExample4Output,
	FILES,
	loadExample,
	MINUTE,
	RECIPIENT,
	WEBHOOK_PATH,
	WEBHOOK_URL,
} from '../support/examples';

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
	return { ...sandboxCredentials(emulator), smtp: engineSmtpCredential(smtp) };
}

async function sleep(ms: number): Promise<void> {
	await new Promise((resolve) => setTimeout(resolve, ms));
}

describe('example 1: package an OSS URL, then read the job', () => {
	it('submits the Set node’s OSS URLs as a packaging job and reads it back; later the same Get reads Success', async () => {
		const path = examplePath(FILES.package);
		const run = await runWorkflow(path, { credentials: credentialsFor(manual) });

		expect(run.status).toBe('success');
		expect(run.executedNodes()).toEqual(EXAMPLE_1.nodes);
		expect(run.output('Set input')).toEqual([EXAMPLE_1.setOutput]);

		const [submitted] = run.output('Submit Package Job');
		expect(submitted.JobId).toMatch(/^[0-9a-f]{32}$/);
		const submits = manual.requests.filter((request) => request.action === 'SubmitPackageJob');
		expect(submits).toHaveLength(1);
		expect(submits[0].query).toEqual(EXAMPLE_1.submitQuery);
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
				outputUrl: EXAMPLE_1.outputUrl,
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
		expect(run.executedNodes()).toEqual(EXAMPLE_2.nodes);

		const { outputUrl } = EXAMPLE_2;
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
			OutputMediaConfig: EXAMPLE_2.outputMediaConfig,
		});
		expect(fast.jobs.list('editing')).toEqual([expect.objectContaining({ jobId, status: 'Success' })]);
		// Wait for Completion read the job until it had finished (Check Every 5 s: about two reads).
		const reads = fast.requests.filter((request) => request.action === 'GetMediaProducingJob');
		expect(reads.length).toBeGreaterThanOrEqual(1);
		expect(reads.at(-1)?.query.JobId).toBe(jobId);

		const mail = await smtp.waitForMessage((message) => message.subject.includes(jobId));
		expect(smtp.messages).toHaveLength(1);
		expectExample2Mail(mail, jobId, produced.mediaId as string);
		expect(run.output('Email ops')[0].accepted).toEqual([RECIPIENT]);
	}, 30_000);
});

describe('example 3: the trigger emails failed jobs and posts finished ones to a webhook', () => {
	const TRIGGER = 'Media Job Trigger';
	const sinkUrl = () => `${hook.url}/services/T000/B000/XXXX`;

	function exampleWithSink(): WorkflowDefinition {
		const text = exampleText(FILES.trigger);
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

		manual.failJobsMatching({ kind: 'package', match: 'broken', ...EXAMPLE_3.packageFailure });
		manual.failJobsMatching({ kind: 'editing', match: 'broken', ...EXAMPLE_3.videoFailure });
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
		for (const [kind, jobId] of [
			['package', badPackage],
			['video', badVideo],
		] as const) {
			const mail = mailFor(jobId);
			const { subject, lines } = EXAMPLE_3.failureMail(kind, jobId);
			expect(mail.envelope.to).toEqual([RECIPIENT]);
			expect(mail.subject).toBe(subject);
			for (const line of lines) expect(mail.text).toContain(line);
		}

		// Webhook: one Slack-style POST per succeeded job.
		expect(hook.requests).toHaveLength(2);
		for (const request of hook.requests) {
			expect(request.method).toBe('POST');
			expect(request.path).toBe(WEBHOOK_PATH);
			expect(request.headers['content-type']).toContain('application/json');
		}
		expect(
			hook.requests.map((request) => request.json).sort((left, right) => String(left.text).localeCompare(right.text)),
		).toEqual(
			[
				{
					text: EXAMPLE_3.successText(
						'mediaProducing',
						goodVideo,
						'https://media-out.oss-cn-shanghai.aliyuncs.com/ok/video.mp4',
					),
				},
				{
					text: EXAMPLE_3.successText(
						'package',
						goodPackage,
						'http://media-out.oss-cn-shanghai.aliyuncs.com/ok/index.m3u8',
					),
				},
			].sort((left, right) => left.text.localeCompare(right.text)),
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
		expect(run.executedNodes()).toEqual(EXAMPLE_4.nodes);

		// The live editing job: one clip from 10 to 5 minutes before the run's minute, UTC.
		const [submit] = fast.requests.filter((request) => request.action === 'SubmitLiveEditingJob');
		expectExample4Clips(submit.query.Clips, before, after);
		expectExample4Output(submit.query);
		expect(JSON.parse(submit.query.MediaProduceConfig)).toEqual({ Mode: 'AccurateFast' });

		// Waited until it succeeded; the clip is a VOD video.
		const [clip] = run.output('Submit Live Editing Job');
		expect(clip).toMatchObject({ jobKind: 'liveEditing', status: 'succeeded', finished: true });
		expect(clip.vodMediaId).toMatch(/^[0-9a-f]{32}$/);
		expect(fast.jobs.list('liveEditing')).toEqual([expect.objectContaining({ jobId: clip.jobId, status: 'Success' })]);

		// The VOD workflow runs on that video.
		const [workflowSubmit] = fast.requests.filter((request) => request.action === 'SubmitWorkflowJob');
		expect(workflowSubmit.product).toBe('VOD');
		expect(workflowSubmit.query).toEqual({ WorkflowId: EXAMPLE_4.workflowId, MediaId: clip.vodMediaId });
		const [task] = run.output('Submit VOD Workflow Job');
		expect(task.TaskId).toMatch(/^[0-9a-f]{32}$/);
		expect(run.output('Get VOD Workflow Job')).toEqual([
			expect.objectContaining({ jobKind: 'vodWorkflow', jobId: task.TaskId, mediaId: clip.vodMediaId }),
		]);

		// Once the task has run (a minute of emulator time), the same Get reads it succeeded.
		for (let index = 0; index < 50 && fast.jobs.get(task.TaskId as string)?.status !== 'Succeed'; index++)
			await sleep(50);
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

describe('example 6: render, park the execution, resume when IMS calls back', () => {
	it('submits with the execution’s resume URL as NotifyAddress and parks in the Wait node (status waiting)', async () => {
		const run = await runWorkflow(examplePath(FILES.resumeOnCallback), { credentials: credentialsFor(manual) });
		expect(run.error).toBeUndefined();
		expect(run.status).toBe('waiting');
		expect(run.executedNodes()).toEqual(['Start', 'Submit Media Producing Job', 'Wait for IMS']);
		const [submission] = manual.requests.filter((request) => request.action === 'SubmitMediaProducingJob');
		const notifyAddress = JSON.parse(submission.query.UserData as string).NotifyAddress as string;
		expect(notifyAddress).toMatch(/^http:\/\/localhost:5678\/webhook-waiting\/harness-\d+/);
		// When the job ends, IMS posts its event to exactly that address, unsigned.
		manual.clock.advance(MINUTE);
		await manual.callbacks.flush();
		const [delivery] = manual.callbacks.deliveries;
		expect({ route: delivery.route, url: delivery.url, signed: delivery.signed }).toEqual({
			route: 'notify',
			url: notifyAddress,
			signed: false,
		});
		expect(JSON.parse(delivery.body)).toMatchObject({
			EventType: 'ProduceMediaComplete',
			MessageBody: { Status: 'Success', JobId: run.output('Submit Media Producing Job')[0].JobId },
		});
	});
});
