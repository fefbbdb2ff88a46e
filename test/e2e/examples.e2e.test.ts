/**
 * The four example workflows (examples/*.json) in a real n8n 2.41, as a user would use them: the package installed
 * from its tarball, the two credentials the examples name ("Alibaba Cloud (sandbox)", "Sandbox SMTP") and all four
 * workflows imported with n8n's CLI, the action workflows (1, 2, 4) run with `n8n execute`, and the trigger
 * workflow (3) published and running by itself under `n8n start`. Everything they send is received for real: the
 * Alibaba calls by the emulator, the emails by the SMTP sink, the Slack posts by the webhook sink.
 *
 * Changes made to the examples on import, and nothing else:
 * - example 3's webhook URL (`https://hooks.slack.com/services/T000/B000/XXXX`) → the local webhook sink;
 * - example 3's Poll Times: see FAST_POLL_TIMES.
 *
 * One n8n user folder for the whole file. `n8n execute` and `n8n start` both open the same SQLite database, so
 * every `n8n execute` runs before `n8n start`; the jobs the trigger reports are then created directly in the
 * emulator (signed ICE calls with the official SDK, and the emulator's finishJob / failJob / failJobsMatching).
 *
 * Runs only under test/e2e/jest.config.js (`npm run test:e2e`); under the unit-test config it skips itself.
 */

import type { Emulator } from '../../tools/sandbox/emulator';
import { startEmulator } from '../../tools/sandbox/emulator';
import { sdk } from '../../tools/sandbox/emulator/sdkClient';
import { alibabaCredential, N8n, packageTarball, smtpCredential } from '../../tools/sandbox/n8n';
import { type ReceivedMail, type SmtpSink, startSmtpSink } from '../../tools/sandbox/sinks/smtp-sink';
import { startWebhookSink, type WebhookSink } from '../../tools/sandbox/sinks/webhook-sink';
import {
	ALIBABA_CREDENTIAL,
	EXAMPLE_1,
	EXAMPLE_2,
	EXAMPLE_3,
	EXAMPLE_4,
	expectExample2Mail,
	expectExample4Clips,
	expectExample4Output,
	FILES,
	IDS,
	loadExample,
	MINUTE,
	RECIPIENT,
	SENDER,
	SMTP_CREDENTIAL,
	WEBHOOK_PATH,
	WEBHOOK_URL,
} from '../support/examples';
import {
	assertOk,
	FAST_POLL_TIMES,
	jobIdsEmittedByTriggerExecutions,
	nodesThatRan,
	sleep,
	SPEED,
	submitPackageJob,
	submitProductionJob,
	waitFor,
	type Workflow,
} from './exampleRuns';
import { describeE2e } from './describeE2e';

describeE2e('real n8n: the four example workflows, imported with n8n’s CLI', () => {
	let emulator: Emulator;
	let smtp: SmtpSink;
	let hook: WebhookSink;
	let n8n: N8n | undefined;
	let imported: string[] = [];

	beforeAll(async () => {
		[emulator, smtp, hook] = await Promise.all([
			// A real clock at SPEED×: Wait for Completion (Check Every 5 s) sees its job finished at the first check.
			// Not 600×: the trigger bounds its activation read by n8n's clock + 1 day, and at 600× the emulator's
			// clock would be a day ahead of n8n's after 2.4 minutes of test; at 120× that takes 12 minutes.
			// Packaging jobs never end by themselves here (a week of emulator time): example 1's Get must read its job
			// running, and the trigger part ends them with finishJob / failJob when it wants to.
			startEmulator({ clock: 'real', speed: SPEED, timing: { package: { finishMs: 7 * 24 * 60 * MINUTE } } }),
			startSmtpSink(),
			startWebhookSink(),
		]);
		n8n = await N8n.create({ tarball: packageTarball(), name: 'examples' });
		await n8n.importCredentials([
			alibabaCredential(emulator, ALIBABA_CREDENTIAL),
			smtpCredential(smtp, SMTP_CREDENTIAL),
		]);
		const trigger = loadExample<Workflow>(FILES.trigger, [[WEBHOOK_URL, `${hook.url}${WEBHOOK_PATH}`]]);
		trigger.nodes.find((node) => node.name === 'Media Job Trigger')!.parameters.pollTimes = FAST_POLL_TIMES;
		imported = await n8n.importWorkflows([
			loadExample(FILES.package),
			loadExample(FILES.produce),
			trigger,
			loadExample(FILES.liveToVod),
		]);
		// Active from the next `n8n start` on (publishing does not run anything now).
		await n8n.publishWorkflow(IDS.trigger);
	}, 300_000);

	afterAll(async () => {
		await n8n?.dispose();
		await Promise.all([smtp?.stop(), hook?.stop(), emulator?.stop()]);
	}, 60_000);

	it('imports all four examples under their fixed workflow IDs', () => {
		expect(imported).toEqual([IDS.package, IDS.produce, IDS.trigger, IDS.liveToVod]);
	});

	/** Example 1's job, still running after the execution; the trigger part finishes it. */
	let packageJobFromExample1 = '';
	/** The jobs examples 2 and 4 ran to their end before n8n start: never reported by the trigger. */
	const finishedBeforeActivation: string[] = [];

	describe('`n8n execute`', () => {
		beforeEach(() => {
			emulator.clearRequests();
			smtp.clear();
			hook.clear();
		});

		it('example 1: submits the Set node’s OSS URLs as a packaging job and reads it back running', async () => {
			const result = await n8n!.execute(IDS.package);
			assertOk(result);
			expect(result.run?.mode).toBe('cli');
			expect(nodesThatRan(result)).toEqual(EXAMPLE_1.nodes);
			expect(result.output('Set input')).toEqual([EXAMPLE_1.setOutput]);

			const [submitted] = result.output('Submit Package Job');
			expect(submitted.JobId).toMatch(/^[0-9a-f]{32}$/);
			packageJobFromExample1 = submitted.JobId;

			// What the emulator received: the two signed calls, accepted, with the example's values.
			expect(emulator.requests.map((request) => [request.action, request.status, request.accessKeyId])).toEqual([
				['SubmitPackageJob', 200, emulator.credentials.accessKeyId],
				['GetPackageJob', 200, emulator.credentials.accessKeyId],
			]);
			expect(emulator.requests[0].query).toEqual(EXAMPLE_1.submitQuery);
			expect(emulator.requests[1].query).toEqual({ JobId: submitted.JobId });
			expect(emulator.jobs.list('package').map((job) => job.jobId)).toEqual([submitted.JobId]);

			// Right after submission the job is running: what the sticky note tells the user. (That the same job is
			// later read as succeeded, with its output URL, is checked by the trigger under `n8n start` below.)
			expect(result.output('Get Package Job')).toEqual([
				expect.objectContaining({ jobKind: 'package', jobId: submitted.JobId, status: 'running', finished: false }),
			]);
			expect(emulator.jobs.get(submitted.JobId)?.status).not.toMatch(/Success|Fail/);
		});

		it('example 2: produces the timeline, waits until it succeeded, and the SMTP sink receives the email', async () => {
			const example = loadExample<Workflow>(FILES.produce);
			const timeline = example.nodes.find((node) => node.name === 'Submit Media Producing Job')!.parameters.timeline;
			const result = await n8n!.execute(IDS.produce);
			assertOk(result);
			expect(nodesThatRan(result)).toEqual(EXAMPLE_2.nodes);

			const { outputUrl } = EXAMPLE_2;
			const [produced] = result.output('Submit Media Producing Job');
			const jobId = produced.jobId as string;
			finishedBeforeActivation.push(jobId);
			expect(jobId).toMatch(/^[0-9a-f]{32}$/);
			expect(produced).toMatchObject({
				jobKind: 'mediaProducing',
				status: 'succeeded',
				finished: true,
				rawStatus: 'Success',
				outputUrl,
				submission: { JobId: jobId },
			});
			expect(produced.mediaId).toEqual(expect.any(String));

			// The emulator: one submission with the example's timeline and output, then reads until it had finished.
			const submits = emulator.requests.filter((request) => request.action === 'SubmitMediaProducingJob');
			expect(submits).toHaveLength(1);
			expect(submits[0].status).toBe(200);
			expect(JSON.parse(submits[0].form.Timeline)).toEqual(JSON.parse(timeline as string));
			expect(submits[0].query).toMatchObject({
				OutputMediaTarget: 'oss-object',
				OutputMediaConfig: EXAMPLE_2.outputMediaConfig,
			});
			const reads = emulator.requests.filter((request) => request.action === 'GetMediaProducingJob');
			expect(reads.length).toBeGreaterThanOrEqual(1);
			expect(reads.every((request) => request.query.JobId === jobId && request.status === 200)).toBe(true);
			expect(emulator.jobs.list('editing')).toEqual([
				expect.objectContaining({
					jobId,
					status: 'Success',
					data: expect.objectContaining({ MediaId: produced.mediaId, MediaURL: outputUrl }),
				}),
			]);

			// The email, as the SMTP server received it.
			const mail = await smtp.waitForMessage((message) => message.subject.includes(jobId), 15_000);
			expect(smtp.messages).toHaveLength(1);
			expectExample2Mail(mail, jobId, produced.mediaId as string);
			expect(result.output('Email ops')[0].accepted).toEqual([RECIPIENT]);
		});

		it('example 4: cuts 10 → 5 minutes ago into a VOD video, waits for it, and runs the VOD workflow on it', async () => {
			const before = Date.now();
			const result = await n8n!.execute(IDS.liveToVod);
			const after = Date.now();
			assertOk(result);
			finishedBeforeActivation.push(result.output('Submit Live Editing Job')[0].jobId);
			expect(nodesThatRan(result)).toEqual(EXAMPLE_4.nodes);

			// The live editing job: one clip from 10 to 5 minutes before the run's minute (n8n's clock), UTC.
			const submits = emulator.requests.filter((request) => request.action === 'SubmitLiveEditingJob');
			expect(submits).toHaveLength(1);
			expectExample4Clips(submits[0].query.Clips, before, after);
			expectExample4Output(submits[0].query);

			// Waited until it succeeded; the clip is a VOD video, the media ID the emulator gave it.
			const [clip] = result.output('Submit Live Editing Job');
			expect(clip).toMatchObject({ jobKind: 'liveEditing', status: 'succeeded', finished: true });
			expect(clip.vodMediaId).toMatch(/^[0-9a-f]{32}$/);
			expect(emulator.jobs.list('liveEditing')).toEqual([
				expect.objectContaining({ jobId: clip.jobId, status: 'Success' }),
			]);
			expect(JSON.stringify(emulator.jobs.get(clip.jobId))).toContain(clip.vodMediaId);

			// The VOD workflow runs on that video, and Get VOD Workflow Job reads that task.
			const workflowSubmits = emulator.requests.filter((request) => request.action === 'SubmitWorkflowJob');
			expect(workflowSubmits).toHaveLength(1);
			expect(workflowSubmits[0]).toMatchObject({ product: 'VOD', status: 200 });
			expect(workflowSubmits[0].query).toEqual({ WorkflowId: EXAMPLE_4.workflowId, MediaId: clip.vodMediaId });
			const [task] = result.output('Submit VOD Workflow Job');
			expect(task.TaskId).toMatch(/^[0-9a-f]{32}$/);
			expect(emulator.jobs.list('workflow').map((job) => job.jobId)).toEqual([task.TaskId]);
			expect(result.output('Get VOD Workflow Job')).toEqual([
				expect.objectContaining({ jobKind: 'vodWorkflow', jobId: task.TaskId, mediaId: clip.vodMediaId }),
			]);
			const reads = emulator.requests.filter((request) => request.action === 'GetJobDetail');
			expect(reads.at(-1)?.query).toMatchObject({ JobId: task.TaskId });
			// Nothing else was called: no email, no webhook in this example.
			expect(smtp.messages).toHaveLength(0);
			expect(hook.requests).toHaveLength(0);
		});
	});

	describe('`n8n start` with example 3 published', () => {
		const lists = () =>
			emulator.requests.filter((request) => /^List(PackageJobs|MediaProducingJobs)$/.test(request.action ?? ''));
		const count = (action: string) => emulator.requests.filter((request) => request.action === action).length;

		beforeAll(async () => {
			emulator.clearRequests();
			smtp.clear();
			hook.clear();
			await n8n!.start();
			// The activation poll: both lists read once (the state is built from those answers, emitting nothing).
			// Jobs created after it are new to the trigger.
			await waitFor(
				'the trigger’s activation poll (ListPackageJobs and ListMediaProducingJobs)',
				() => count('ListPackageJobs') >= 1 && count('ListMediaProducingJobs') >= 1,
				60_000,
			);
		}, 300_000);

		afterAll(async () => {
			await n8n?.stop();
		}, 60_000);

		const expected = {
			succeeded: [] as Array<{ jobId: string; text: string }>,
			failed: [] as Array<{ jobId: string; subject: string; lines: string[] }>,
		};

		it('the activation poll reads both lists, signed and accepted, and reports nothing', async () => {
			const activation = lists();
			expect(activation.length).toBeGreaterThanOrEqual(2);
			for (const request of activation) {
				expect(request.status).toBe(200);
				expect(request.accessKeyId).toBe(emulator.credentials.accessKeyId);
				expect(request.headers.authorization).toMatch(/^ACS3-HMAC-SHA256 Credential=/);
			}
			// Example 1's job (still running) and the finished jobs of examples 2 and 4 are in the lists it read.
			expect(packageJobFromExample1).not.toBe('');
			expect(finishedBeforeActivation).toHaveLength(2);
			expect(smtp.messages).toHaveLength(0);
			expect(hook.requests).toHaveLength(0);
		});

		it('emails each failed job and posts each succeeded one to the webhook, once, as jobs finish', async () => {
			const client = sdk(emulator);
			// Production jobs run their lifecycle (half a second here); the ones with "broken" in them fail at its end.
			emulator.failJobsMatching({ kind: 'editing', match: 'broken', ...EXAMPLE_3.videoFailure });
			const okVideoUrl = 'https://media-out.oss-cn-shanghai.aliyuncs.com/ok/video.mp4';
			const okVideo = await submitProductionJob(client, okVideoUrl);
			const badVideo = await submitProductionJob(
				client,
				'https://media-out.oss-cn-shanghai.aliyuncs.com/broken/video.mp4',
			);
			// Packaging jobs end when told: example 1's job (running since before activation) and two new ones.
			const okPackage = await submitPackageJob(client, 'ok-hls');
			const badPackage = await submitPackageJob(client, 'broken-hls');
			// One poll sees them running (so the new packaging jobs are followed as pending, like example 1's job since
			// activation); then they end.
			const pollsBefore = count('ListPackageJobs');
			await waitFor('the next poll', () => count('ListPackageJobs') > pollsBefore, 30_000);
			emulator.finishJob(packageJobFromExample1);
			emulator.finishJob(okPackage);
			emulator.failJob(badPackage, EXAMPLE_3.packageFailure.code, EXAMPLE_3.packageFailure.message);

			expected.succeeded = [
				{
					jobId: packageJobFromExample1,
					text: EXAMPLE_3.successText('package', packageJobFromExample1, EXAMPLE_1.outputUrl),
				},
				{
					jobId: okPackage,
					text: EXAMPLE_3.successText(
						'package',
						okPackage,
						'http://media-out.oss-cn-shanghai.aliyuncs.com/ok-hls/index.m3u8',
					),
				},
				{ jobId: okVideo, text: EXAMPLE_3.successText('mediaProducing', okVideo, okVideoUrl) },
			];
			expected.failed = [
				{ jobId: badPackage, ...EXAMPLE_3.failureMail('package', badPackage) },
				{ jobId: badVideo, ...EXAMPLE_3.failureMail('video', badVideo) },
			];

			// What was received, whatever the polls that saw them (every 5 s).
			for (const { jobId } of expected.succeeded) {
				await hook.waitForRequest((request) => String(request.json?.text).includes(jobId), 45_000);
			}
			for (const { jobId } of expected.failed) {
				await smtp.waitForMessage((message) => message.subject.includes(jobId), 45_000);
			}

			// Then two more polls of each list (and time for any execution they start): nothing more arrives.
			const packagePolls = count('ListPackageJobs');
			const productionPolls = count('ListMediaProducingJobs');
			await waitFor(
				'two more polls',
				() => count('ListPackageJobs') >= packagePolls + 2 && count('ListMediaProducingJobs') >= productionPolls + 2,
				30_000,
			);
			await sleep(2000);

			// One Slack-style POST per succeeded job, with the example's text.
			expect(hook.requests).toHaveLength(expected.succeeded.length);
			for (const request of hook.requests) {
				expect(request.method).toBe('POST');
				expect(request.path).toBe(WEBHOOK_PATH);
				expect(request.headers['content-type']).toContain('application/json');
			}
			const byText = (left: { text: string }, right: { text: string }) => left.text.localeCompare(right.text);
			expect(hook.requests.map((request) => request.json).sort(byText)).toEqual(
				expected.succeeded.map(({ text }) => ({ text })).sort(byText),
			);

			// One email per failed job, to the example's recipient, with the job ID, kind, error code and message.
			expect(smtp.messages).toHaveLength(expected.failed.length);
			for (const { jobId, subject, lines } of expected.failed) {
				const mails: ReceivedMail[] = smtp.messages.filter((message) => message.subject.includes(jobId));
				expect(mails).toHaveLength(1);
				expect(mails[0].envelope).toEqual({ from: SENDER, to: [RECIPIENT] });
				expect(mails[0].subject).toBe(subject);
				for (const line of lines) expect(mails[0].text).toContain(line);
			}

			// Jobs that had finished before activation were never reported.
			const everything = JSON.stringify([
				hook.requests.map((request) => request.body),
				smtp.messages.map((match) => match.raw),
			]);
			for (const jobId of finishedBeforeActivation) expect(everything).not.toContain(jobId);

			// Every poll was a signed, accepted read of the lists, plus one GetPackageJob per packaging job emitted
			// (ListPackageJobs items carry no OutputUrl); nothing else was called.
			const actions = new Set(emulator.requests.map((request) => request.action));
			for (const action of [
				'SubmitPackageJob',
				'SubmitMediaProducingJob',
				'ListPackageJobs',
				'ListMediaProducingJobs',
				'GetPackageJob',
			])
				actions.delete(action);
			expect([...actions]).toEqual([]);
			const packageReads = emulator.requests.filter((request) => request.action === 'GetPackageJob');
			const emittedPackages = [
				...expected.succeeded.filter(({ text }) => text.includes(' package ')),
				...expected.failed.filter(({ subject }) => subject.includes(' package job ')),
			].map(({ jobId }) => jobId);
			expect(emittedPackages).toHaveLength(3);
			expect(packageReads.map((request) => request.query.JobId).sort()).toEqual(emittedPackages.sort());
			expect(lists().every((request) => request.status === 200)).toBe(true);
		}, 180_000);

		it('in n8n: trigger executions, all succeeded, that together emitted each finished job exactly once', async () => {
			expect(expected.succeeded.length + expected.failed.length).toBe(5);
			await n8n!.setupOwnerAndLogin();
			const emitted = await jobIdsEmittedByTriggerExecutions(n8n!, IDS.trigger);
			expect(emitted.sort()).toEqual([...expected.succeeded, ...expected.failed].map((job) => job.jobId).sort());
		});
	});
});
