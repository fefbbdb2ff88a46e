/**
 * Examples 7 and 8 in a real n8n 2.41 (package installed from its tarball), as a user runs them: the credentials
 * they name ("Alibaba Cloud (sandbox)", "Sandbox SMTP", "EventBridge token") and both workflows imported with n8n's
 * CLI and published, `n8n start` serving example 7's form and example 8's webhook.
 * - Example 7: a browser-like multipart POST to the form uploads a video; the emulator's OSS receives it, the
 *   transcoding job runs on it, the snapshot job on the transcoded file, and the SMTP sink receives both links.
 * - Example 8: EventBridge-style OSS ObjectCreated events POSTed with the API key header; the emulator judges one
 *   video "block" (a verdict rule) and one "pass": one Slack post for the first, one RegisterMediaInfo for the other.
 *
 * Changes made to the examples on import: example 7's Upload to OSS points at the emulator (endpoint, path-style);
 * example 8's Slack URL points at the local webhook sink.
 */
import { createHash, randomBytes } from 'node:crypto';

import type { Emulator } from '../../tools/sandbox/emulator';
import { startEmulator } from '../../tools/sandbox/emulator';
import { alibabaCredential, headerAuthCredential, N8n, packageTarball, smtpCredential } from '../../tools/sandbox/n8n';
import { type SmtpSink, startSmtpSink } from '../../tools/sandbox/sinks/smtp-sink';
import { startWebhookSink, type WebhookSink } from '../../tools/sandbox/sinks/webhook-sink';
import {
	ALIBABA_CREDENTIAL,
	EVENTBRIDGE_CREDENTIAL,
	EVENTBRIDGE_HEADER,
	EXAMPLE_7,
	EXAMPLE_8,
	FILES,
	IDS,
	loadExample,
	ossObjectCreatedEvent,
	RECIPIENT,
	SENDER,
	SMTP_CREDENTIAL,
	WEBHOOK_PATH,
	WEBHOOK_URL,
} from '../support/examples';
import { describeE2e } from './describeE2e';
import { executionsOf, sleep, SPEED, waitFor, whenRegistered, type Workflow } from './exampleRuns';

const TOKEN = randomBytes(24).toString('hex');

describeE2e('real n8n: examples 7 (form → OSS → MP4 → cover → email) and 8 (OSS event → moderation)', () => {
	let emulator: Emulator;
	let smtp: SmtpSink;
	let hook: WebhookSink;
	let n8n: N8n | undefined;

	beforeAll(async () => {
		[emulator, smtp, hook] = await Promise.all([
			startEmulator({ clock: 'real', speed: SPEED, ossBuckets: ['media-in'] }),
			startSmtpSink(),
			startWebhookSink(),
		]);
		n8n = await N8n.create({ tarball: packageTarball(), name: 'examples-7-8' });
		await n8n.importCredentials([
			alibabaCredential(emulator, ALIBABA_CREDENTIAL),
			smtpCredential(smtp, SMTP_CREDENTIAL),
			headerAuthCredential({ name: EVENTBRIDGE_HEADER, value: TOKEN }, EVENTBRIDGE_CREDENTIAL),
		]);
		const transcode = loadExample<Workflow>(FILES.transcodeWithCover);
		transcode.nodes.find((node) => node.name === 'Upload to OSS')!.parameters.options = {
			endpoint: emulator.oss.endpoint,
			addressingStyle: 'path',
		};
		const moderate = loadExample<Workflow>(FILES.moderateThenRegister, [[WEBHOOK_URL, `${hook.url}${WEBHOOK_PATH}`]]);
		expect(await n8n.importWorkflows([transcode, moderate])).toEqual([
			IDS.transcodeWithCover,
			IDS.moderateThenRegister,
		]);
		await n8n.publishWorkflow(IDS.transcodeWithCover);
		await n8n.publishWorkflow(IDS.moderateThenRegister);
		await n8n.start();
		await n8n.setupOwnerAndLogin();
	}, 300_000);

	afterAll(async () => {
		await n8n?.dispose();
		await Promise.all([smtp?.stop(), hook?.stop(), emulator?.stop()]);
	}, 60_000);

	const actions = (name: string) => emulator.requests.filter((request) => request.action === name);

	it('example 7: the uploaded video is transcoded, the MP4 snapshotted, and both links are emailed', async () => {
		const formUrl = `${n8n!.url}/form/transcode-video`;
		const page = await whenRegistered(formUrl);
		expect(page.status).toBe(200);
		expect(await page.text()).toContain('Upload a video for transcoding');

		const video = randomBytes(512 * 1024 + 333);
		const form = new FormData();
		form.append('field-0', 'launch-trailer');
		form.append('field-1', new Blob([video], { type: 'video/mp4' }), 'launch trailer.mp4');
		const submitted = await fetch(formUrl, { method: 'POST', body: form });
		expect(submitted.status).toBe(200);

		const mail = await smtp.waitForMessage((message) => message.subject.includes('launch-trailer'), 120_000);
		expect(mail.envelope).toEqual({ from: SENDER, to: [RECIPIENT] });
		expect(mail.subject).toBe('Video ready: launch-trailer');

		// The upload, byte for byte.
		const [object] = emulator.oss.objects();
		expect(object.key).toMatch(/^uploads\/\d{4}-\d{2}-\d{2}\/launch trailer\.mp4$/);
		expect(object).toMatchObject({ bucket: 'media-in', size: video.length, contentType: 'video/mp4' });
		expect(object.sha256).toBe(createHash('sha256').update(video).digest('hex'));
		const day = object.key.split('/')[1];

		// Transcoded from the uploaded object; snapshotted from the transcoded file.
		const transcodes = actions('SubmitTranscodeJob');
		expect(transcodes).toHaveLength(1);
		expect(JSON.parse(transcodes[0].query.InputGroup)).toEqual([
			{ Type: 'OSS', Media: `oss://media-in/${object.key}` },
		]);
		const mp4 = EXAMPLE_7.mp4(day, 'launch-trailer');
		expect(JSON.parse(transcodes[0].query.OutputGroup)[0].Output).toEqual({ Type: 'OSS', Media: mp4 });
		const snapshots = actions('SubmitSnapshotJob');
		expect(snapshots).toHaveLength(1);
		expect(JSON.parse(snapshots[0].query.Input)).toEqual({ Type: 'OSS', Media: mp4 });
		expect(JSON.parse(snapshots[0].query.Output)).toEqual({
			Type: 'OSS',
			Media: EXAMPLE_7.cover(day, 'launch-trailer'),
		});
		const [transcodeJob] = emulator.jobs.list('transcode');
		const [snapshotJob] = emulator.jobs.list('snapshot');
		expect([transcodeJob.status, snapshotJob.status]).toEqual(['Success', 'Success']);
		expect(actions('GetSnapshotUrls').map((request) => request.query.JobId)).toEqual([snapshotJob.jobId]);

		// Both links, each where the emulator put the file.
		const lines = mail.text.split(/\r?\n/);
		expect(lines).toContainEqual(
			expect.stringMatching(new RegExp(`^Video: \\S+/mp4/uploads/${day}/launch-trailer\\.mp4$`)),
		);
		expect(lines).toContain(
			`Cover: http://media-out.oss-cn-shanghai.aliyuncs.com/covers/uploads/${day}/launch-trailer.jpg`,
		);
		expect(mail.text).toContain(`transcoded (job ${transcodeJob.jobId}) and given a cover (job ${snapshotJob.jobId})`);
	}, 180_000);

	describe('example 8', () => {
		const webhookUrl = () => `${n8n!.url}/webhook/${EXAMPLE_8.path}`;
		const post = (event: Record<string, unknown>, token: string) =>
			fetch(webhookUrl(), {
				method: 'POST',
				headers: { 'content-type': 'application/json', [EVENTBRIDGE_HEADER]: token },
				body: JSON.stringify(event),
			});

		beforeAll(() => {
			emulator.clearRequests();
			hook.clear();
		});

		it('a call without the EventBridge token is refused (403) and calls nothing', async () => {
			const forged = JSON.stringify(ossObjectCreatedEvent({ bucket: 'media-in', key: 'x.mp4', size: 1, id: 'F-1' }));
			const answer = await whenRegistered(webhookUrl(), {
				method: 'POST',
				headers: { 'content-type': 'application/json', [EVENTBRIDGE_HEADER]: 'not-the-token' },
				body: forged,
			});
			expect(answer.status).toBe(403);
			await sleep(1000);
			expect(emulator.requests).toHaveLength(0);
			expect(await executionsOf(n8n!, IDS.moderateThenRegister)).toEqual([]);
		});

		it('"block": one moderation job on the object, one Slack post, nothing registered', async () => {
			emulator.addVerdictRule({ kind: 'mediaCensor', match: 'nsfw', verdict: { Suggestion: 'block', Scene: 'porn' } });
			const key = 'uploads/nsfw-clip.mp4';
			const answer = await post(ossObjectCreatedEvent({ bucket: 'media-in', key, size: 1024, id: 'EVT-0001' }), TOKEN);
			expect(answer.status).toBe(200);

			const slack = await hook.waitForRequest(() => true, 60_000);
			const submits = actions('SubmitMediaCensorJob');
			expect(submits).toHaveLength(1);
			expect(JSON.parse(submits[0].query.Input)).toEqual({ Type: 'OSS', Media: `oss://media-in/${key}` });
			const [job] = emulator.jobs.list('mediaCensor');
			expect(slack).toMatchObject({ method: 'POST', path: WEBHOOK_PATH });
			expect(slack.json).toEqual({ text: EXAMPLE_8.slackText(`oss://media-in/${key}`, job.jobId, 'porn/porn') });
			expect(actions('RegisterMediaInfo')).toHaveLength(0);
		}, 90_000);

		it('"pass": the object is registered once as a video, no Slack post; both executions succeeded', async () => {
			const key = 'uploads/launch/clip.mp4';
			const answer = await post(ossObjectCreatedEvent({ bucket: 'media-in', key, size: 2048, id: 'EVT-0002' }), TOKEN);
			expect(answer.status).toBe(200);

			await waitFor('RegisterMediaInfo', () => actions('RegisterMediaInfo').length > 0, 60_000);
			const [registration] = actions('RegisterMediaInfo');
			expect(registration.status).toBe(200);
			expect(registration.query).toMatchObject({
				InputURL: `oss://media-in/${key}`,
				MediaType: 'video',
				Title: 'clip.mp4',
				ClientToken: 'EVT-0002',
			});
			expect(emulator.jobs.list('mediaAsset')).toHaveLength(1);

			// Both executions of example 8 ended successfully; the Slack post is still the blocked video's alone.
			const finished = () => executionsOf(n8n!, IDS.moderateThenRegister);
			const deadline = Date.now() + 30_000;
			let executions = await finished();
			while (executions.some((execution) => execution.status !== 'success') && Date.now() < deadline) {
				await sleep(500);
				executions = await finished();
			}
			expect(executions.map(({ mode, status }) => ({ mode, status }))).toEqual([
				{ mode: 'webhook', status: 'success' },
				{ mode: 'webhook', status: 'success' },
			]);
			expect(actions('SubmitMediaCensorJob')).toHaveLength(2);
			expect(actions('RegisterMediaInfo')).toHaveLength(1);
			expect(hook.requests).toHaveLength(1);
		}, 90_000);
	});
});
