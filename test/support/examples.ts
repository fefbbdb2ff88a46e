/**
 * The example workflows (examples/*.json) and what they are expected to do, shared by the engine suite
 * (test/examples) and the real-n8n suite (test/e2e/examples.e2e.test.ts): the files, their fixed IDs, the strings
 * a user replaces, and the values each example sends and produces.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { ICredentialDataDecryptedObject, IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { WorkflowDefinition } from '../../tools/sandbox/engine';
import { REPO_ROOT } from '../../tools/sandbox/n8n/paths';
import type { ReceivedMail } from '../../tools/sandbox/sinks/smtp-sink';

export const EXAMPLES_DIR = join(REPO_ROOT, 'examples');
export const FILES = {
	package: '01-package-oss-url.json',
	produce: '02-produce-timeline-notify.json',
	trigger: '03-job-trigger-alerts.json',
	liveToVod: '04-live-clip-to-vod-workflow.json',
	uploadToHls: '05-form-upload-package-email.json',
	resumeOnCallback: '06-produce-resume-on-callback.json',
	transcodeWithCover: '07-form-upload-transcode-snapshot-email.json',
	moderateThenRegister: '08-oss-upload-moderate-then-register.json',
} as const;
export const IDS = {
	package: 'alibabaExample01',
	produce: 'alibabaExample02',
	trigger: 'alibabaExample03',
	liveToVod: 'alibabaExample04',
	uploadToHls: 'alibabaExample05',
	resumeOnCallback: 'alibabaExample06',
	transcodeWithCover: 'alibabaExample07',
	moderateThenRegister: 'alibabaExample08',
} as const;

/** The strings a user replaces (the engine suite checks they are written exactly once), and the credentials. */
export const WEBHOOK_URL = 'https://hooks.slack.com/services/T000/B000/XXXX';
export const WEBHOOK_PATH = '/services/T000/B000/XXXX';
export const RECIPIENT = 'ops@example.com';
export const SENDER = 'n8n@example.com';
export const ALIBABA_CREDENTIAL = { id: 'alibabaSandbox', name: 'Alibaba Cloud (sandbox)' };
export const SMTP_CREDENTIAL = { id: 'sandboxSmtp', name: 'Sandbox SMTP' };
/** Example 8's Webhook checks this header (n8n's Header Auth credential); EventBridge sends it as an API key. */
export const EVENTBRIDGE_CREDENTIAL = { id: 'eventBridgeToken', name: 'EventBridge token' };
export const EVENTBRIDGE_HEADER = 'x-eventbridge-signature-token';

export const MINUTE = 60_000;

export function examplePath(file: string): string {
	return join(EXAMPLES_DIR, file);
}

export function exampleFiles(): string[] {
	return readdirSync(EXAMPLES_DIR)
		.filter((name) => name.endsWith('.json'))
		.sort();
}

export function exampleText(file: string): string {
	return readFileSync(examplePath(file), 'utf8');
}

/** An example as JSON; each `replace` pair's first string must be written exactly once in the file. */
export function loadExample<Workflow = WorkflowDefinition & IDataObject>(
	file: string,
	replace: Array<[string, string]> = [],
): Workflow {
	let text = exampleText(file);
	for (const [from, to] of replace) {
		expect(text.split(from)).toHaveLength(2); // written exactly once
		text = text.split(from).join(to);
	}
	return JSON.parse(text) as Workflow;
}

/** Example 1: what its Set node outputs and the SubmitPackageJob query it sends. */
export const EXAMPLE_1 = {
	nodes: ['Start', 'Set input', 'Submit Package Job', 'Get Package Job'],
	setOutput: {
		sourceUrl: 'oss://media-in/uploads/launch-trailer.mp4',
		outputUrl: 'oss://media-out/hls/launch-trailer/index.m3u8',
		jobName: 'launch-trailer-hls',
	},
	submitQuery: {
		Name: 'launch-trailer-hls',
		Inputs: '[{"Input":{"Type":"OSS","Media":"oss://media-in/uploads/launch-trailer.mp4"}}]',
		Output: '{"Type":"OSS","Media":"oss://media-out/hls/launch-trailer/index.m3u8"}',
	},
	outputUrl: 'http://media-out.oss-cn-shanghai.aliyuncs.com/hls/launch-trailer/index.m3u8',
};

/** Example 2: the production job's output and the email it sends. */
export const EXAMPLE_2 = {
	nodes: ['Start', 'Submit Media Producing Job', 'Email ops'],
	outputUrl: 'https://media-out.oss-cn-shanghai.aliyuncs.com/produced/launch-video.mp4',
	get outputMediaConfig() {
		return JSON.stringify({ MediaURL: this.outputUrl, Width: 1280, Height: 720 });
	},
};

/** Example 2's email, as the SMTP server received it. */
export function expectExample2Mail(mail: ReceivedMail, jobId: string, mediaId: string): void {
	expect(mail.envelope).toEqual({ from: SENDER, to: [RECIPIENT] });
	expect(mail.to).toContain(RECIPIENT);
	expect(mail.subject).toBe(`Video job ${jobId} succeeded`);
	expect(mail.text).toContain(`The media producing job ${jobId} has finished with status succeeded.`);
	expect(mail.text).toContain(`Video: ${EXAMPLE_2.outputUrl}`);
	expect(mail.text).toContain(`Media ID: ${mediaId}`);
	expect(mail.text).not.toContain('n8n.io'); // attribution off
}

/** Example 3: the failures its jobs are failed with, and what it sends about each finished job. */
export const EXAMPLE_3 = {
	packageFailure: { code: 'InvalidParameter', message: 'Resource content bad.' },
	videoFailure: { code: 'InvalidMaterial', message: 'The material cannot be decoded.' },
	failureMail(kind: 'package' | 'video', jobId: string): { subject: string; lines: string[] } {
		const { code, message } = kind === 'package' ? this.packageFailure : this.videoFailure;
		const kindName = kind === 'package' ? 'package' : 'mediaProducing';
		return {
			subject: `Alibaba Cloud ${kindName} job ${jobId} failed: ${code}`,
			lines: [
				`Job ID: ${jobId}\nKind: ${kind === 'package' ? 'package' : 'mediaProducing (EditingJob)'}\n`,
				`Error code: ${code}\nError message: ${message}\n`,
			],
		};
	},
	successText(kind: 'package' | 'mediaProducing', jobId: string, outputUrl: string): string {
		return `✅ ${kind} ${jobId} finished: ${outputUrl}`;
	},
};

/** Example 4: the live editing submission (a clip from 10 to 5 minutes before the run's minute) and the VOD task. */
export const EXAMPLE_4 = {
	nodes: ['Start', 'Submit Live Editing Job', 'Submit VOD Workflow Job', 'Get VOD Workflow Job'],
	liveStreamConfig: { AppName: 'live', DomainName: 'live.example.com', StreamName: 'studio-1' },
	storageLocation: 'outin-0123456789abcdef0123456789abcdef.oss-cn-shanghai.aliyuncs.com',
	fileName: /^studio-1-\d{8}-\d{4}\.mp4$/,
	workflowId: 'YOUR_VOD_WORKFLOW_ID',
};

/** The clip example 4 sends, run between `before` and `after` (ms): whole minutes, 10 → 5 minutes ago, UTC. */
export function expectExample4Clips(clipsText: string, before: number, after: number): void {
	const clips = JSON.parse(clipsText) as Array<{ StartTime: string; EndTime: string }>;
	expect(clips).toHaveLength(1);
	expect(clips[0].StartTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
	expect(clips[0].EndTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
	const start = Date.parse(clips[0].StartTime);
	// The start comes from the run's minute and the end is five minutes after it, so the clip is exactly 5 minutes long.
	expect(Date.parse(clips[0].EndTime) - start).toBe(5 * MINUTE);
	expect(start % MINUTE).toBe(0);
	expect(start).toBeGreaterThan(before - 11 * MINUTE);
	expect(start).toBeLessThanOrEqual(after - 10 * MINUTE);
}

/** Example 4's live editing query beyond the clips: the stream, the VOD output. */
export function expectExample4Output(query: Record<string, string>): void {
	expect(JSON.parse(query.LiveStreamConfig)).toEqual(EXAMPLE_4.liveStreamConfig);
	expect(query.OutputMediaTarget).toBe('vod-media');
	const outputConfig = JSON.parse(query.OutputMediaConfig) as Record<string, unknown>;
	expect(outputConfig.StorageLocation).toBe(EXAMPLE_4.storageLocation);
	expect(outputConfig.FileName).toMatch(EXAMPLE_4.fileName);
}

/** n8n's SMTP credential data, for the engine, pointed at a local SMTP server without TLS (the SMTP sink). */
export function engineSmtpCredential(smtp: { host: string; port: number }): ICredentialDataDecryptedObject {
	return { host: smtp.host, port: smtp.port, secure: false, disableStartTls: true, user: '', password: '' };
}

/** What n8n's Form Trigger 2.2 emits for a submitted form with a *Title* and a *Video* file (examples 5 and 7). */
export function formSubmission(title: string, video: Buffer, fileName: string): INodeExecutionData[][] {
	return [
		[
			{
				json: {
					Title: title,
					Video: { filename: fileName, mimetype: 'video/mp4', size: video.length },
					submittedAt: new Date().toISOString(),
					formMode: 'production',
				},
				binary: { Video: { data: video.toString('base64'), mimeType: 'video/mp4', fileName, fileExtension: 'mp4' } },
			},
		],
	];
}

/** Example 7: its output locations for an upload whose key is `uploads/<day>/<stem>.mp4`. */
export const EXAMPLE_7 = {
	nodes: ['Video uploaded', 'Upload to OSS', 'Transcode to MP4', 'Take a cover', 'Email the links'],
	transcodeTemplate: 'YOUR_TRANSCODE_TEMPLATE_ID',
	snapshotTemplate: 'YOUR_SNAPSHOT_TEMPLATE_ID',
	mp4: (day: string, stem: string) => `oss://media-out/mp4/uploads/${day}/${stem}.mp4`,
	cover: (day: string, stem: string) => `oss://media-out/covers/uploads/${day}/${stem}.jpg`,
};

/** Example 8: the nodes a blocked and a registered video run through. */
export const EXAMPLE_8 = {
	path: 'oss-object-created',
	blocked: ['OSS object created', 'Uploaded object', 'Moderate the video', 'Blocked?', 'Alert Slack'],
	registered: ['OSS object created', 'Uploaded object', 'Moderate the video', 'Blocked?', 'Register the video'],
	slackText: (ossUrl: string, jobId: string, scenes: string) =>
		`🚫 Moderation blocked ${ossUrl} (job ${jobId}: ${scenes}). It was not registered.`,
};

/**
 * An OSS ObjectCreated event as EventBridge delivers it to an HTTP target: the complete event, CloudEvents 1.0
 * JSON with EventBridge's own attributes, the OSS notification in `data` (the shape example 8's sticky note states).
 */
export function ossObjectCreatedEvent(object: { bucket: string; key: string; size: number; id: string }): IDataObject {
	const account = '1234567890123456';
	return {
		specversion: '1.0',
		id: object.id,
		source: 'acs.oss',
		type: 'oss:ObjectCreated:PutObject',
		subject: `acs:oss:cn-shanghai:${account}:${object.bucket}/${object.key}`,
		time: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
		datacontenttype: 'application/json;charset=utf-8',
		aliyunaccountid: account,
		aliyunregionid: 'cn-shanghai',
		aliyuneventbusname: 'default',
		data: {
			region: 'cn-shanghai',
			eventVersion: '1.0',
			eventSource: 'acs:oss',
			eventName: 'ObjectCreated:PutObject',
			eventTime: new Date().toISOString(),
			userIdentity: { principalId: account },
			requestParameters: { sourceIPAddress: '192.0.2.10' },
			responseElements: { requestId: object.id },
			oss: {
				ossSchemaVersion: '1.0',
				bucket: { name: object.bucket, arn: `acs:oss:cn-shanghai:${account}:${object.bucket}`, ownerIdentity: account },
				object: {
					key: object.key,
					size: object.size,
					deltaSize: object.size,
					eTag: '0123456789ABCDEF0123456789ABCDEF',
					objectMeta: { mimeType: 'video/mp4' },
				},
			},
		},
	};
}
