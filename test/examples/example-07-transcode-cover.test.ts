/**
 * Example 7 (examples/07-form-upload-transcode-snapshot-email.json) through n8n's engine: the Form Trigger's item
 * (a video file and a title, as Form Trigger 2.2 emits it) → Upload to OSS → Transcode to MP4 (Wait for Completion)
 * → Take a cover (Wait for Completion) → an email to a real SMTP server. The only change to the example: Upload to
 * OSS points at the emulator's OSS (path-style).
 */
import { createHash, randomBytes } from 'node:crypto';

import type { Emulator } from '../../tools/sandbox/emulator';
import { startEmulator } from '../../tools/sandbox/emulator';
import { runWorkflowFromTrigger } from '../../tools/sandbox/engine';
import { startSmtpSink, type SmtpSink } from '../../tools/sandbox/sinks/smtp-sink';
import { sandboxCredentials } from '../../tools/sandbox/workflows/workflows';
import {
	engineSmtpCredential,
	EXAMPLE_7,
	FILES,
	formSubmission,
	loadExample,
	RECIPIENT,
	SENDER,
} from '../support/examples';

let emulator: Emulator;
let smtp: SmtpSink;

beforeAll(async () => {
	[emulator, smtp] = await Promise.all([
		startEmulator({ clock: 'real', speed: 600, ossBuckets: ['media-in'] }),
		startSmtpSink(),
	]);
});
afterAll(async () => Promise.all([emulator?.stop(), smtp?.stop()]));

it('a submitted video is uploaded, transcoded from its oss:// URL, the MP4 snapshotted, and both links emailed', async () => {
	const workflow = loadExample(FILES.transcodeWithCover);
	workflow.nodes.find((node) => node.name === 'Upload to OSS')!.parameters.options = {
		endpoint: emulator.oss.endpoint,
		addressingStyle: 'path',
	};
	const video = randomBytes(128 * 1024);

	const run = await runWorkflowFromTrigger(
		workflow,
		'Video uploaded',
		formSubmission('launch-trailer', video, 'launch trailer.mp4'),
		{ credentials: { ...sandboxCredentials(emulator), smtp: engineSmtpCredential(smtp) } },
	);

	expect(run.error).toBeUndefined();
	expect(run.executedNodes()).toEqual(EXAMPLE_7.nodes);

	// The upload: the form's file, byte for byte, under uploads/<date>/ in media-in.
	const [uploaded] = run.output('Upload to OSS');
	const key = String(uploaded.key);
	expect(key).toMatch(/^uploads\/\d{4}-\d{2}-\d{2}\/launch trailer\.mp4$/);
	const day = key.split('/')[1];
	expect(emulator.oss.object('media-in', key)?.md5).toBe(createHash('md5').update(video).digest('hex'));

	// The transcoding job's input is the uploaded object; it was waited for until it succeeded.
	const transcodes = emulator.requests.filter((request) => request.action === 'SubmitTranscodeJob');
	expect(transcodes).toHaveLength(1);
	expect(transcodes[0].query.Name).toBe('launch-trailer');
	expect(JSON.parse(transcodes[0].query.InputGroup)).toEqual([{ Type: 'OSS', Media: `oss://media-in/${key}` }]);
	expect(JSON.parse(transcodes[0].query.OutputGroup)).toEqual([
		{
			Output: { Type: 'OSS', Media: EXAMPLE_7.mp4(day, 'launch-trailer') },
			ProcessConfig: { Transcode: { TemplateId: EXAMPLE_7.transcodeTemplate } },
		},
	]);
	const [transcoded] = run.output('Transcode to MP4');
	const [transcodeJob] = emulator.jobs.list('transcode');
	expect(transcoded).toMatchObject({
		jobKind: 'transcode',
		jobId: transcodeJob.jobId,
		status: 'succeeded',
		outputUrl: EXAMPLE_7.mp4(day, 'launch-trailer'),
		fileUrl: expect.stringContaining(`/mp4/uploads/${day}/launch-trailer.mp4`),
	});

	// The snapshot job's input is the transcoding job's output; the cover is the image the emulator made.
	const snapshots = emulator.requests.filter((request) => request.action === 'SubmitSnapshotJob');
	expect(snapshots).toHaveLength(1);
	expect(JSON.parse(snapshots[0].query.Input)).toEqual({ Type: 'OSS', Media: transcoded.outputUrl });
	expect(JSON.parse(snapshots[0].query.Output)).toEqual({ Type: 'OSS', Media: EXAMPLE_7.cover(day, 'launch-trailer') });
	expect(JSON.parse(snapshots[0].query.TemplateConfig)).toEqual({
		TemplateId: EXAMPLE_7.snapshotTemplate,
		OverwriteParams: { Type: 'Normal', Time: 5000, Count: 1, Width: 1280 },
	});
	const [snapshotJob] = emulator.jobs.list('snapshot');
	expect(snapshotJob.status).toBe('Success');
	const urlReads = emulator.requests.filter((request) => request.action === 'GetSnapshotUrls');
	expect(urlReads.map((request) => request.query.JobId)).toEqual([snapshotJob.jobId]);
	const [cover] = run.output('Take a cover');
	expect(cover).toMatchObject({ jobId: snapshotJob.jobId, status: 'succeeded', snapshotCount: 1 });
	expect(cover.snapshotUrls).toEqual([cover.coverUrl]);
	expect(String(cover.coverUrl)).toMatch(/^https?:\/\/media-out\.oss-cn-shanghai\.aliyuncs\.com\/covers\/uploads\//);

	// The email: both links, to the one recipient.
	const mail = await smtp.waitForMessage((message) => message.subject.includes('launch-trailer'));
	expect(smtp.messages).toHaveLength(1);
	expect(mail.envelope).toEqual({ from: SENDER, to: [RECIPIENT] });
	expect(mail.subject).toBe('Video ready: launch-trailer');
	const lines = mail.text.split(/\r?\n/);
	expect(lines).toContain(`Video: ${String(transcoded.fileUrl)}`);
	expect(lines).toContain(`Cover: ${String(cover.coverUrl)}`);
	expect(mail.text).toContain(`uploaded to oss://media-in/${key}, transcoded (job ${transcodeJob.jobId})`);
	expect(mail.text).not.toContain('n8n.io'); // attribution off
}, 60_000);
