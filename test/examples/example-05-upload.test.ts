/**
 * Example 5 (examples/05-form-upload-package-email.json) through n8n's engine: the Form Trigger's item (a video
 * file and a title, as Form Trigger 2.2 emits it) → Upload to OSS → Package as HLS (Wait for Completion) → an email
 * to a real SMTP server. The only change to the example: Upload to OSS points at the emulator's OSS (path-style).
 */
import { createHash, randomBytes } from 'node:crypto';

import type { Emulator } from '../../tools/sandbox/emulator';
import { startEmulator } from '../../tools/sandbox/emulator';
import { runWorkflowFromTrigger } from '../../tools/sandbox/engine';
import { startSmtpSink, type SmtpSink } from '../../tools/sandbox/sinks/smtp-sink';
import { sandboxCredentials } from '../../tools/sandbox/workflows/workflows';
import { engineSmtpCredential, FILES, formSubmission, loadExample, RECIPIENT } from '../support/examples';

let emulator: Emulator;
let smtp: SmtpSink;

beforeAll(async () => {
	[emulator, smtp] = await Promise.all([
		startEmulator({ clock: 'real', speed: 600, ossBuckets: ['media-in'] }),
		startSmtpSink(),
	]);
});
afterAll(async () => Promise.all([emulator?.stop(), smtp?.stop()]));

it('a submitted video is uploaded to OSS, packaged as HLS from its oss:// URL, and the HLS link is emailed', async () => {
	const workflow = loadExample(FILES.uploadToHls);
	const upload = workflow.nodes.find((node) => node.name === 'Upload to OSS')!;
	upload.parameters.options = { endpoint: emulator.oss.endpoint, addressingStyle: 'path' };
	const video = randomBytes(256 * 1024);

	const run = await runWorkflowFromTrigger(
		workflow,
		'Video uploaded',
		formSubmission('launch-trailer', video, 'launch trailer.mp4'),
		{
			credentials: {
				...sandboxCredentials(emulator),
				smtp: engineSmtpCredential(smtp),
			},
		},
	);

	expect(run.error).toBeUndefined();
	expect(run.executedNodes()).toEqual(['Video uploaded', 'Upload to OSS', 'Package as HLS', 'Email the HLS link']);
	// The date is the workflow's ($now, in n8n's time zone).
	const [uploaded] = run.output('Upload to OSS');
	const key = String(uploaded.key);
	expect(key).toMatch(/^uploads\/\d{4}-\d{2}-\d{2}\/launch trailer\.mp4$/);
	const day = key.split('/')[1];
	expect(emulator.oss.object('media-in', key)?.md5).toBe(createHash('md5').update(video).digest('hex'));
	expect(uploaded).toMatchObject({ ossUrl: `oss://media-in/${key}`, size: video.length, multipart: { used: false } });

	const submits = emulator.requests.filter((request) => request.action === 'SubmitPackageJob');
	expect(submits).toHaveLength(1);
	expect(JSON.parse(submits[0].query.Inputs)).toEqual([{ Input: { Type: 'OSS', Media: `oss://media-in/${key}` } }]);
	expect(JSON.parse(submits[0].query.Output)).toEqual({
		Type: 'OSS',
		Media: `oss://media-out/hls/uploads/${day}/launch-trailer/index.m3u8`,
	});
	expect(submits[0].query.Name).toBe('launch-trailer');
	const [packaged] = run.output('Package as HLS');
	expect(packaged).toMatchObject({
		status: 'succeeded',
		finished: true,
		outputUrl: expect.stringContaining('index.m3u8'),
	});

	const mail = await smtp.waitForMessage((message) => message.subject.includes('launch-trailer'));
	expect(mail.envelope.to).toEqual([RECIPIENT]);
	expect(mail.subject).toBe('HLS succeeded: launch-trailer');
	expect(mail.text).toContain(`HLS playlist: ${String(packaged.outputUrl)}`);
	expect(mail.text).toContain(`uploaded to oss://media-in/${key} (${video.length} bytes)`);
}, 60_000);
