/**
 * Example 5 in a real n8n 2.41 (package installed from its tarball, binary data in n8n's default filesystem mode):
 * the workflow is imported and published, `n8n start` serves its form, and a browser-like multipart POST to the
 * form's production URL uploads a video. The emulator's OSS receives it (multipart, V4-verified), the packaging job
 * is submitted on its oss:// URL and waited for, and the SMTP sink receives the email with the HLS link.
 *
 * Changes made to the example on import: Upload to OSS points at the emulator (endpoint, path-style) and uses
 * 1 MB parts above 1 MB, so this 3 MB file goes up in parts.
 */
import { createHash, randomBytes } from 'node:crypto';

import type { Emulator } from '../../tools/sandbox/emulator';
import { startEmulator } from '../../tools/sandbox/emulator';
import { alibabaCredential, N8n, packageTarball, smtpCredential } from '../../tools/sandbox/n8n';
import { type SmtpSink, startSmtpSink } from '../../tools/sandbox/sinks/smtp-sink';
import { ALIBABA_CREDENTIAL, FILES, IDS, loadExample, RECIPIENT, SMTP_CREDENTIAL } from '../support/examples';
import { describeE2e } from './describeE2e';
import { sleep, SPEED, type Workflow } from './exampleRuns';

describeE2e('real n8n: example 5, a form upload goes to OSS, is packaged as HLS and emailed', () => {
	let emulator: Emulator;
	let smtp: SmtpSink;
	let n8n: N8n | undefined;

	beforeAll(async () => {
		[emulator, smtp] = await Promise.all([
			startEmulator({ clock: 'real', speed: SPEED, ossBuckets: ['media-in'] }),
			startSmtpSink(),
		]);
		n8n = await N8n.create({ tarball: packageTarball(), name: 'oss-upload' });
		await n8n.importCredentials([
			alibabaCredential(emulator, ALIBABA_CREDENTIAL),
			smtpCredential(smtp, SMTP_CREDENTIAL),
		]);
		const workflow = loadExample<Workflow>(FILES.uploadToHls);
		workflow.nodes.find((node) => node.name === 'Upload to OSS')!.parameters.options = {
			endpoint: emulator.oss.endpoint,
			addressingStyle: 'path',
			multipartThresholdMb: 1,
			partSizeMb: 1,
		};
		await n8n.importWorkflows([workflow]);
		await n8n.publishWorkflow(IDS.uploadToHls);
		await n8n.start();
	}, 300_000);

	afterAll(async () => {
		await n8n?.dispose();
		await Promise.all([smtp?.stop(), emulator?.stop()]);
	}, 60_000);

	it('the form serves, the upload lands in OSS in parts, the job runs on it and the HLS link is emailed', async () => {
		// n8n registers the webhooks of published workflows shortly after it answers /healthz.
		let page = await fetch(`${n8n!.url}/form/upload-video`);
		for (let attempt = 0; page.status === 404 && attempt < 60; attempt++) {
			await sleep(1000);
			page = await fetch(`${n8n!.url}/form/upload-video`);
		}
		expect(page.status).toBe(200);
		expect(await page.text()).toContain('Upload a video');

		const video = randomBytes(3 * 1024 * 1024 + 777);
		const form = new FormData();
		form.append('field-0', 'launch-trailer');
		form.append('field-1', new Blob([video], { type: 'video/mp4' }), 'launch trailer.mp4');
		const submitted = await fetch(`${n8n!.url}/form/upload-video`, { method: 'POST', body: form });
		expect(submitted.status).toBe(200);

		const mail = await smtp.waitForMessage((message) => message.subject.includes('launch-trailer'), 120_000);
		expect(mail.envelope.to).toEqual([RECIPIENT]);
		expect(mail.subject).toBe('HLS succeeded: launch-trailer');

		const [object] = emulator.oss.objects();
		expect(object.key).toMatch(/^uploads\/\d{4}-\d{2}-\d{2}\/launch trailer\.mp4$/);
		expect(object).toMatchObject({
			bucket: 'media-in',
			size: video.length,
			multipart: true,
			partCount: 4,
			contentType: 'video/mp4',
		});
		expect(object.sha256).toBe(createHash('sha256').update(video).digest('hex'));
		expect(emulator.oss.unfinishedUploads()).toEqual([]);

		const submits = emulator.requests.filter((request) => request.action === 'SubmitPackageJob');
		expect(submits).toHaveLength(1);
		expect(JSON.parse(submits[0].query.Inputs)).toEqual([
			{ Input: { Type: 'OSS', Media: `oss://media-in/${object.key}` } },
		]);
		const [job] = emulator.jobs.list('package');
		expect(mail.text).toContain(`job ${job.jobId}, status succeeded`);
		expect(mail.text).toMatch(/HLS playlist: https?:\/\/\S+\/launch-trailer\/index\.m3u8\s*$/);
		expect(mail.text).toContain(`uploaded to oss://media-in/${object.key} (${video.length} bytes)`);
	}, 180_000);
});
