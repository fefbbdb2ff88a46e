import type { IDataObject } from 'n8n-workflow';

import type { Emulator } from '../../tools/sandbox/emulator';
import { startEmulator } from '../../tools/sandbox/emulator';
import { runWorkflow } from '../../tools/sandbox/engine';
import { chain, sandboxCredentials, startingWith } from '../../tools/sandbox/workflows/workflows';

const SUBMIT = 'Submit Media Producing Job';
const GET = 'Get Media Producing Job';
const OUT = 'https://media-out.oss-cn-shanghai.aliyuncs.com/videos/launch.mp4';
const TIMELINE = { VideoTracks: [{ VideoTrackClips: [{ MediaId: 'c3f8d1a0e2b94f6a8b7c6d5e4f3a2b1c' }] }] };
const TIMELINE_TEXT = JSON.stringify(TIMELINE);

let emulator: Emulator;
// Jobs take about a minute of emulator time; at 600× that is a tenth of a second.
let fast: Emulator;

beforeAll(async () => {
	[emulator, fast] = await Promise.all([startEmulator(), startEmulator({ clock: 'real', speed: 600 })]);
});
afterAll(async () => Promise.all([emulator.stop(), fast.stop()]));
beforeEach(() => {
	emulator.reset();
	fast.reset();
});

function submitStep(parameters: IDataObject, onError?: 'continueRegularOutput') {
	return {
		name: SUBMIT,
		type: 'alibabaCloudSubmitMediaProducingJob',
		onError,
		parameters: { source: 'timeline', timeline: TIMELINE_TEXT, outputMediaUrl: OUT, ...parameters },
	};
}

async function submit(parameters: IDataObject = {}, items: IDataObject[] = [{}], target: Emulator = emulator) {
	return runWorkflow(chain(submitStep(parameters)), {
		credentials: sandboxCredentials(target),
		pinData: startingWith(items),
	});
}

const tracks = (count: number, track: IDataObject = {}) => Array.from({ length: count }, () => ({ ...track }));

describe('Submit Media Producing Job: wire parameters', () => {
	it('minimal timeline job: Timeline in the form body only, output and a generated ClientToken in the query', async () => {
		const run = await submit();
		expect(run.status).toBe('success');

		expect(emulator.requests).toHaveLength(1);
		const [request] = emulator.requests;
		expect(request).toMatchObject({
			action: 'SubmitMediaProducingJob',
			version: '2020-11-09',
			method: 'POST',
			status: 200,
		});
		expect(request.query).toEqual({
			OutputMediaTarget: 'oss-object',
			OutputMediaConfig: `{"MediaURL":"${OUT}"}`,
			ClientToken: expect.stringMatching(/^[0-9a-f]{32}$/),
		});
		expect(request.query).not.toHaveProperty('Timeline');
		expect(request.form).toEqual({ Timeline: TIMELINE_TEXT });
		expect(request.headers['content-type']).toMatch(/^application\/x-www-form-urlencoded/);

		const [job] = emulator.jobs.list('editing');
		const [output] = run.output(SUBMIT);
		expect(output).toEqual({
			RequestId: request.requestId,
			JobId: job.jobId,
			ProjectId: expect.stringMatching(/^[0-9a-f]{32}$/),
			MediaId: expect.stringMatching(/^[0-9a-f]{32}$/),
		});
	});

	it('full configuration: every field lands in its API parameter, exactly', async () => {
		const timeline = {
			VideoTracks: [
				{
					MainTrack: true,
					VideoTrackClips: [{ MediaURL: 'https://media-in.oss-cn-shanghai.aliyuncs.com/a.mp4', Out: 10 }],
				},
			],
			AudioTracks: [{ AudioTrackClips: [{ MediaId: 'f00dbabef00dbabef00dbabef00dbabe' }] }],
			ImageTracks: [{ ImageTrackClips: [{ MediaURL: 'https://media-in.oss-cn-shanghai.aliyuncs.com/logo.png' }] }],
			SubtitleTracks: [
				{ SubtitleTrackClips: [{ Type: 'Text', Content: '你好 & welcome', TimelineIn: 0, TimelineOut: 3 }] },
			],
			EffectTracks: [{ EffectTrackItems: [{ Type: 'Background', SubType: 'Blur' }] }],
		};
		const run = await submit({
			// a pretty-printed JSON field, as typed in the editor
			timeline: JSON.stringify(timeline, null, 2),
			outputTarget: 'vod-media',
			outputStorageLocation: 'outin-0123456789abcdef.oss-cn-shanghai.aliyuncs.com',
			outputFileName: 'launch.mp4',
			outputSettings: { width: 1920, height: 1080, bitrate: 4000, vodTemplateGroupId: 'VOD_NO_TRANSCODE' },
			options: {
				projectMetadata: '{ "Title": "Launch", "Description": "Q3 launch video" }',
				editingProduceConfig: '{"AutoRegisterInputVodMedia": "true", "OutputWebmTransparentChannel": "false"}',
				mediaMetadata: '{"Title": "launch-final", "Tags": "promo,q3"}',
				userData: '{"ticket": "OPS-42", "lang": "中文"}',
				notifyAddress: 'https://hooks.example.com/ims?source=n8n',
				requestSource: 'OPENAPI', // as earlier versions saved it: sent in the API reference's spelling
				idempotencyKey: 'launch-2026-q3',
				timeout: 20,
			},
		});
		expect(run.status).toBe('success');

		const [request] = emulator.requests;
		expect(request.query).toEqual({
			OutputMediaTarget: 'vod-media',
			OutputMediaConfig:
				'{"StorageLocation":"outin-0123456789abcdef.oss-cn-shanghai.aliyuncs.com","FileName":"launch.mp4","Width":1920,"Height":1080,"Bitrate":4000,"VodTemplateGroupId":"VOD_NO_TRANSCODE"}',
			ProjectMetadata: '{"Title":"Launch","Description":"Q3 launch video"}',
			EditingProduceConfig: '{"AutoRegisterInputVodMedia":"true","OutputWebmTransparentChannel":"false"}',
			MediaMetadata: '{"Title":"launch-final","Tags":"promo,q3"}',
			UserData: '{"ticket":"OPS-42","lang":"中文","NotifyAddress":"https://hooks.example.com/ims?source=n8n"}',
			Source: 'OpenAPI',
			ClientToken: 'launch-2026-q3',
		});
		expect(request.form).toEqual({ Timeline: JSON.stringify(timeline) });
		expect(run.output(SUBMIT)[0].VodMediaId).toEqual(expect.stringMatching(/^[0-9a-f]{32}$/));
	});

	it('template source: TemplateId and ClipsParam in the query, no body, a template job', async () => {
		const run = await submit(
			{
				source: 'template',
				templateId: '={{ $json.template }}',
				clipsParam: '={{ $json.clips }}',
			},
			[
				{
					template: '96e8864746a0b6f3ae3e1b1a2b3c4d5e',
					clips: { video1: 'https://media-in.oss-cn-shanghai.aliyuncs.com/a.mp4', text1: 'Hi' },
				},
			],
		);
		expect(run.status).toBe('success');
		const [request] = emulator.requests;
		expect(request.query).toEqual({
			TemplateId: '96e8864746a0b6f3ae3e1b1a2b3c4d5e',
			ClipsParam: '{"video1":"https://media-in.oss-cn-shanghai.aliyuncs.com/a.mp4","text1":"Hi"}',
			OutputMediaTarget: 'oss-object',
			OutputMediaConfig: `{"MediaURL":"${OUT}"}`,
			ClientToken: expect.stringMatching(/^[0-9a-f]{32}$/),
		});
		expect(request.form).toEqual({});
		expect(request.rawBody).toBe('');
		expect(emulator.jobs.list('template').map((job) => job.jobId)).toEqual([run.output(SUBMIT)[0].JobId]);
		expect(emulator.jobs.list('editing')).toHaveLength(0);
	});

	it('editing project source: ProjectId only', async () => {
		const run = await submit({ source: 'project', projectId: 'fddd7748b58bf1d47e95a1b2c3d4e5f6' });
		expect(run.status).toBe('success');
		const [request] = emulator.requests;
		expect(request.query).toEqual({
			ProjectId: 'fddd7748b58bf1d47e95a1b2c3d4e5f6',
			OutputMediaTarget: 'oss-object',
			OutputMediaConfig: `{"MediaURL":"${OUT}"}`,
			ClientToken: expect.stringMatching(/^[0-9a-f]{32}$/),
		});
		expect(request.rawBody).toBe('');
		expect(run.output(SUBMIT)[0].ProjectId).toBe('fddd7748b58bf1d47e95a1b2c3d4e5f6');
	});

	it('accepts the boundaries: 100 video, 100 image and 100 subtitle tracks, 512-byte User Data, 64-char token, 4096×2160', async () => {
		const timeline = {
			VideoTracks: tracks(100, { VideoTrackClips: [] }),
			ImageTracks: tracks(100, { ImageTrackClips: [] }),
			SubtitleTracks: tracks(100, { SubtitleTrackClips: [] }),
			AudioTracks: tracks(150, { AudioTrackClips: [] }),
		};
		const userData = JSON.stringify({ k: 'x'.repeat(504) });
		expect(Buffer.byteLength(userData)).toBe(512);
		const run = await submit({
			timeline: JSON.stringify(timeline),
			outputSettings: { width: 4096, height: 2160, bitrate: 5000 },
			options: { userData, idempotencyKey: 't'.repeat(64) },
		});
		expect(run.status).toBe('success');
		expect(emulator.requests.map((request) => request.status)).toEqual([200]);
		expect(emulator.requests[0].query.UserData).toBe(userData);
		expect(emulator.requests[0].query.ClientToken).toBe('t'.repeat(64));
	});
});

describe('Submit Media Producing Job: validation before any request', () => {
	const big = (kind: string) => JSON.stringify({ VideoTracks: tracks(1), [kind]: tracks(101) });
	const overUserData = JSON.stringify({ k: 'x'.repeat(470) });
	const notify = 'https://hooks.example.com/ims/callback';
	const mergedBytes = Buffer.byteLength(JSON.stringify({ k: 'x'.repeat(470), NotifyAddress: notify }));

	const invalid: Array<[string, IDataObject, string | RegExp]> = [
		['empty Timeline', { timeline: '' }, 'Timeline is required but empty [item 0]'],
		['Timeline that is no JSON', { timeline: '{"VideoTracks": [' }, /^Timeline is not valid JSON: .+ \[item 0\]$/],
		[
			'Timeline that is a JSON array',
			{ timeline: '[]' },
			/^Timeline must be a JSON object like \{"key": "value"\} \(got \[\]\) \[item 0\]$/,
		],
		[
			'Timeline without video or audio tracks',
			{ timeline: '{"SubtitleTracks": [{}], "VideoTracks": []}' },
			'Timeline needs at least one track in VideoTracks or AudioTracks [item 0]',
		],
		[
			'a misspelt track kind',
			{ timeline: '{"VideoTrack": [{}]}' },
			'Timeline has an unknown track kind "VideoTrack" (the kinds are VideoTracks, AudioTracks, ImageTracks, SubtitleTracks, EffectTracks) [item 0]',
		],
		[
			'a track kind that is no array',
			{ timeline: '{"VideoTracks": {"VideoTrackClips": []}}' },
			'Timeline › VideoTracks must be a JSON array of tracks like [{...}] [item 0]',
		],
		[
			'a track that is no object',
			{ timeline: '{"AudioTracks": [{}, "music.mp3"]}' },
			'Timeline › AudioTracks › Track 2 must be a JSON object [item 0]',
		],
		[
			'image tracks without video tracks',
			{ timeline: '{"AudioTracks": [{}], "ImageTracks": [{}]}' },
			'Timeline › ImageTracks need at least one track in VideoTracks to lie over [item 0]',
		],
		[
			'101 video tracks',
			{ timeline: JSON.stringify({ VideoTracks: tracks(101) }) },
			'Timeline › VideoTracks must have at most 100 video tracks (got 101) [item 0]',
		],
		[
			'101 image tracks',
			{ timeline: big('ImageTracks') },
			'Timeline › ImageTracks must have at most 100 image tracks (got 101) [item 0]',
		],
		[
			'101 subtitle tracks',
			{ timeline: big('SubtitleTracks') },
			'Timeline › SubtitleTracks must have at most 100 subtitle tracks (got 101) [item 0]',
		],
		// n8n itself refuses a required field left empty; an expression that resolves to nothing reaches the node
		[
			'template without Template ID',
			{ source: 'template', templateId: '={{ $json.nothing }}', clipsParam: '{"a":1}' },
			'Template ID is required but empty [item 0]',
		],
		[
			'template without Clips Param',
			{ source: 'template', templateId: 'tpl', clipsParam: '  ' },
			'Clips Param is required but empty [item 0]',
		],
		[
			'Clips Param that is no object',
			{ source: 'template', templateId: 'tpl', clipsParam: '["a"]' },
			/^Clips Param must be a JSON object/,
		],
		[
			'project without Project ID',
			{ source: 'project', projectId: '={{ $json.nothing }}' },
			'Project ID is required but empty [item 0]',
		],
		[
			'no Output Media URL',
			{ outputMediaUrl: '={{ $json.nothing }}' },
			'Output Media URL is required but empty [item 0]',
		],
		[
			'VOD output without File Name',
			{
				outputTarget: 'vod-media',
				outputStorageLocation: 'outin-1.oss-cn-shanghai.aliyuncs.com',
				outputFileName: '={{ "" }}',
			},
			'File Name is required but empty [item 0]',
		],
		[
			'Width over 4096',
			{ outputSettings: { width: 5000 } },
			'Output Settings › Width must be a whole number from 128 to 4096 (got 5000) [item 0]',
		],
		[
			'Height under 128',
			{ outputSettings: { height: 100 } },
			'Output Settings › Height must be a whole number from 128 to 4096 (got 100) [item 0]',
		],
		[
			'shorter side over 2160',
			{ outputSettings: { width: 3840, height: 2200 } },
			'Output Settings › Width/Height must have a shorter side of at most 2160 pixels (got 3840×2200) [item 0]',
		],
		[
			'Bitrate over 5000',
			{ outputSettings: { bitrate: 5001 } },
			'Output Settings › Bitrate must be a whole number from 1 to 5000 (got 5001) [item 0]',
		],
		[
			'raw Output Media Config without MediaURL',
			{ outputDefinition: 'json', outputMediaConfigJson: '{"Width": 1280}' },
			'Output Media Config (JSON) › MediaURL is required but empty [item 0]',
		],
		[
			'Project Metadata that is no object',
			{ options: { projectMetadata: '[1, 2]' } },
			/^Project Metadata must be a JSON object .*\[item 0\]$/,
		],
		[
			'Editing Produce Config that is no JSON',
			{ options: { editingProduceConfig: '{AutoRegisterInputVodMedia: true}' } },
			/^Editing Produce Config is not valid JSON: .+ \[item 0\]$/,
		],
		[
			'Media Metadata that is no object',
			{ options: { mediaMetadata: '"title"' } },
			/^Media Metadata must be a JSON object .*\[item 0\]$/,
		],
		[
			'User Data that is no JSON object',
			{ options: { userData: 'order 42' } },
			/^User Data is not valid JSON: .+ \[item 0\]$/,
		],
		[
			'User Data over 512 bytes',
			{ options: { userData: JSON.stringify({ k: '界'.repeat(170) }) } },
			'User Data must be at most 512 bytes (got 518 bytes) [item 0]',
		],
		[
			'User Data over 512 bytes once the Notify Address is merged in',
			{ options: { userData: overUserData, notifyAddress: notify } },
			`User Data must be at most 512 bytes (got ${mergedBytes} bytes) [item 0]`,
		],
		[
			'Notify Address that is no http(s) URL',
			{ options: { notifyAddress: 'ftp://hooks.example.com/ims' } },
			'Notify Address (Callback URL) must be an http(s):// URL (got "ftp://hooks.example.com/ims") [item 0]',
		],
		[
			'Notify Address that contradicts User Data',
			{ options: { userData: '{"NotifyAddress": "https://a.example.com/"}', notifyAddress: 'https://b.example.com/' } },
			'Notify Address (Callback URL) conflicts with the NotifyAddress already in User Data ("https://a.example.com/"); set it in one place only [item 0]',
		],
		[
			'Client Token over 64 characters',
			{ options: { idempotencyKey: 'x'.repeat(65) } },
			'Client Token must be at most 64 characters (got 65) [item 0]',
		],
		[
			'Client Token with non-ASCII characters',
			{ options: { idempotencyKey: 'auftrag-größe' } },
			'Client Token must contain only printable ASCII characters (got "auftrag-größe") [item 0]',
		],
		[
			'unknown Request Source',
			{ options: { requestSource: '={{ "Console" }}' } },
			'Request Source must be one of OpenAPI, AliyunConsole, WebSDK (got "Console") [item 0]',
		],
	];

	it.each(invalid)('%s fails with the field and item named and nothing sent', async (_case, overrides, message) => {
		const run = await submit(overrides);
		expect(run.status).toBe('error');
		const error = run.nodeError(SUBMIT);
		expect(error).toMatchObject({ name: 'NodeOperationError' });
		if (typeof message === 'string') expect(error?.message).toBe(message);
		else expect(error?.message).toMatch(message);
		expect(error?.description).toContain('Nothing was sent to Alibaba Cloud');
		expect(emulator.requests).toHaveLength(0);
	});

	it('checks every item first: a bad Timeline in the third item stops the batch before any request', async () => {
		const run = await submit({ timeline: '={{ $json.timeline }}' }, [
			{ timeline: TIMELINE },
			{ timeline: TIMELINE_TEXT },
			{ timeline: { AudioTracks: 'music' } },
		]);
		expect(run.nodeError(SUBMIT)?.message).toBe(
			'Timeline › AudioTracks must be a JSON array of tracks like [{...}] [item 2]',
		);
		expect(emulator.requests).toHaveLength(0);
	});
});

describe('Submit Media Producing Job: ClientToken and idempotency', () => {
	it('generates one 32-hex token per item when the field is empty; each item gets its own job', async () => {
		const run = await submit({}, [{}, {}]);
		expect(run.status).toBe('success');
		const tokens = emulator.requests.map((request) => request.query.ClientToken);
		expect(tokens).toEqual([expect.stringMatching(/^[0-9a-f]{32}$/), expect.stringMatching(/^[0-9a-f]{32}$/)]);
		expect(tokens[0]).not.toBe(tokens[1]);
		expect(emulator.jobs.list('editing')).toHaveLength(2);
	});

	it('a connection reset after the job was created is retried with the same ClientToken: exactly one job', async () => {
		emulator.faults.reset({ action: 'SubmitMediaProducingJob', afterEffect: true });
		const run = await submit();
		expect(run.status).toBe('success');

		expect(emulator.requests.map((request) => request.outcome)).toEqual(['reset', 'response']);
		const [first, second] = emulator.requests;
		expect(first.query.ClientToken).toMatch(/^[0-9a-f]{32}$/);
		expect(second.query.ClientToken).toBe(first.query.ClientToken);
		expect(second.form).toEqual(first.form);
		const jobs = emulator.jobs.list('editing');
		expect(jobs).toHaveLength(1);
		expect(run.output(SUBMIT)[0].JobId).toBe(jobs[0].jobId);
	});

	it('a user-given Client Token is sent as is, and the same token twice returns the same job', async () => {
		const first = await submit({ options: { idempotencyKey: '={{ $json.order }}' } }, [{ order: 'order-4711' }]);
		const again = await submit({ options: { idempotencyKey: '={{ $json.order }}' } }, [{ order: 'order-4711' }]);
		expect(emulator.requests.map((request) => request.query.ClientToken)).toEqual(['order-4711', 'order-4711']);
		expect(again.output(SUBMIT)[0].JobId).toBe(first.output(SUBMIT)[0].JobId);
		expect(emulator.jobs.list('editing')).toHaveLength(1);
	});
});

describe('Submit Media Producing Job: wait for completion', () => {
	const waiting = { waitForCompletion: true, pollIntervalSeconds: 1 };

	it('returns the finished job with the normalized fields and the submission', async () => {
		const run = await submit(waiting, [{}], fast);
		expect(run.status).toBe('success');
		const [output] = run.output(SUBMIT);
		const submission = output.submission as IDataObject;
		expect(output).toMatchObject({
			jobKind: 'mediaProducing',
			jobId: submission.JobId,
			status: 'succeeded',
			finished: true,
			rawStatus: 'Success',
			outputUrl: OUT,
			mediaId: submission.MediaId,
			job: { JobId: submission.JobId, Status: 'Success', MediaURL: OUT, Timeline: TIMELINE_TEXT },
		});
		expect(output).not.toHaveProperty('errorCode');
		const actions = fast.requests.map((request) => request.action);
		expect(actions[0]).toBe('SubmitMediaProducingJob');
		expect(actions.slice(1).every((action) => action === 'GetMediaProducingJob')).toBe(true);
		expect(actions.length).toBeGreaterThanOrEqual(2);
	});

	it('a job that fails raises the job’s own Code and Message', async () => {
		fast.failJobsMatching({ kind: 'editing', code: 'InvalidMaterial', message: 'The material cannot be decoded.' });
		const run = await submit(waiting, [{}], fast);
		const [job] = fast.jobs.list('editing');
		expect(run.status).toBe('error');
		const error = run.nodeError(SUBMIT);
		expect(error?.message).toBe(
			`The media producing job ${job.jobId} failed: InvalidMaterial: The material cannot be decoded. [item 0]`,
		);
		expect(error?.context).toMatchObject({ code: 'InvalidMaterial', jobId: job.jobId, status: 'failed' });
	});

	it('running out of time names the JobId (manual clock: the job never finishes)', async () => {
		const run = await submit({ ...waiting, maxWaitMinutes: 0.05 });
		const [job] = emulator.jobs.list('editing');
		const error = run.nodeError(SUBMIT);
		expect(error?.message).toBe(
			`The media producing job ${job.jobId} is still running after 3 s (status Init) [item 0]`,
		);
		expect(error?.context).toMatchObject({ jobId: job.jobId, status: 'running' });
		expect(error?.description).toContain('keeps running in Alibaba Cloud');
		expect(
			emulator.requests.filter((request) => request.action === 'GetMediaProducingJob').length,
		).toBeGreaterThanOrEqual(1);
	});
});

describe('Get Media Producing Job', () => {
	const getStep = (onError?: 'continueRegularOutput') => ({
		name: GET,
		type: 'alibabaCloudGetMediaProducingJob',
		onError,
		parameters: { jobId: '={{ $json.JobId }}' },
	});

	async function get(items: IDataObject[], onError?: 'continueRegularOutput') {
		return runWorkflow(chain(getStep(onError)), {
			credentials: sandboxCredentials(emulator),
			pinData: startingWith(items),
		});
	}

	it('Submit → Get: a running job, then succeeded with output URL and media ID beside the raw job', async () => {
		const run = await runWorkflow(chain(submitStep({}), getStep()), {
			credentials: sandboxCredentials(emulator),
			pinData: startingWith([{}]),
		});
		expect(run.status).toBe('success');
		const [submitted] = run.output(SUBMIT);
		const [read] = run.output(GET);
		expect(read).toMatchObject({
			jobKind: 'mediaProducing',
			jobId: submitted.JobId,
			status: 'running',
			finished: false,
			rawStatus: 'Init',
		});
		expect(read).not.toHaveProperty('finishedAt');
		expect(emulator.requests.at(-1)?.query).toEqual({ JobId: submitted.JobId });

		emulator.clock.advance(10 * 60_000);
		const [later] = (await get([{ JobId: submitted.JobId }])).output(GET);
		expect(later).toEqual({
			jobKind: 'mediaProducing',
			jobId: submitted.JobId,
			status: 'succeeded',
			finished: true,
			rawStatus: 'Success',
			createdAt: expect.any(String),
			finishedAt: expect.any(String),
			outputUrl: OUT,
			mediaId: submitted.MediaId,
			job: expect.objectContaining({
				JobId: submitted.JobId,
				ProjectId: submitted.ProjectId,
				MediaId: submitted.MediaId,
				MediaURL: OUT,
				Status: 'Success',
				Timeline: TIMELINE_TEXT,
				Duration: expect.any(Number),
			}),
			requestId: emulator.requests.at(-1)?.requestId,
		});
	});

	it('a video saved to VOD: vodMediaId, also for a live editing job read by its job ID', async () => {
		const vodOutput = {
			outputTarget: 'vod-media',
			outputStorageLocation: 'outin-1.oss-cn-shanghai.aliyuncs.com',
			outputFileName: 'a.mp4',
		};
		const submitted = (await submit(vodOutput)).output(SUBMIT)[0];
		const live = await runWorkflow(
			chain({
				name: 'Live',
				type: 'alibabaCloudSubmitLiveEditingJob',
				parameters: {
					clips: { clip: [{ startTime: '2021-06-21T08:01:00Z', endTime: '2021-06-21T08:02:00Z' }] },
					liveStreamConfig: { stream: { appName: 'live', domainName: 'live.example.com', streamName: 's1' } },
					...vodOutput,
				},
			}),
			{ credentials: sandboxCredentials(emulator), pinData: startingWith([{}]) },
		);
		const clip = live.output('Live')[0];
		const read = (await get([{ JobId: submitted.JobId }, { JobId: clip.JobId }])).output(GET);
		expect(read.map((item) => [item.jobId, item.vodMediaId])).toEqual([
			[submitted.JobId, submitted.VodMediaId],
			[clip.JobId, clip.VodMediaId],
		]);
		expect(submitted.VodMediaId).toMatch(/^[0-9a-f]{32}$/);
	});

	it('a failed job carries errorCode and errorMessage', async () => {
		await submit();
		const [job] = emulator.jobs.list('editing');
		emulator.failJob(job.jobId, 'InvalidMaterial', 'The material cannot be decoded.');
		const [read] = (await get([{ JobId: job.jobId }])).output(GET);
		expect(read).toMatchObject({
			status: 'failed',
			finished: true,
			rawStatus: 'Failed',
			errorCode: 'InvalidMaterial',
			errorMessage: 'The material cannot be decoded.',
			job: { Status: 'Failed', Code: 'InvalidMaterial', Message: 'The material cannot be decoded.' },
		});
	});

	it('requires a Job ID, before any request', async () => {
		const run = await get([{ JobId: ' ' }]);
		expect(run.nodeError(GET)?.message).toBe('Job ID is required but empty [item 0]');
		expect(emulator.requests).toHaveLength(0);
	});

	it('continueOnFail: an unknown and an empty job ID become error items, the good items are read', async () => {
		await submit();
		const [job] = emulator.jobs.list('editing');
		emulator.clearRequests();
		const run = await get(
			[{ JobId: job.jobId }, { JobId: '00000000000000000000000000000000' }, { JobId: '' }, { JobId: job.jobId }],
			'continueRegularOutput',
		);
		expect(run.status).toBe('success');
		const outputs = run.items(GET);
		expect(outputs.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }, { item: 3 }]);
		expect(outputs[0].json).toMatchObject({ jobId: job.jobId, status: 'running' });
		expect(outputs[1].json.error).toMatch(/^GetMediaProducingJob failed: ResourceNotFound: .*\(RequestId: /);
		expect(outputs[1].json.details).toMatchObject({ code: 'ResourceNotFound', requestId: expect.any(String) });
		expect(outputs[2].json.error).toBe('Job ID is required but empty [item 2]');
		expect(outputs[3].json).toMatchObject({ jobId: job.jobId, status: 'running' });
		expect(emulator.requests.map((request) => request.query.JobId)).toEqual([
			job.jobId,
			'00000000000000000000000000000000',
			job.jobId,
		]);
	});
});

describe('Submit Media Producing Job: continueOnFail', () => {
	it('an invalid item becomes an error item while the others are submitted', async () => {
		const run = await runWorkflow(chain(submitStep({ timeline: '={{ $json.timeline }}' }, 'continueRegularOutput')), {
			credentials: sandboxCredentials(emulator),
			pinData: startingWith([{ timeline: TIMELINE }, { timeline: {} }, { timeline: TIMELINE }]),
		});
		expect(run.status).toBe('success');
		const outputs = run.items(SUBMIT);
		expect(outputs.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(outputs[0].json.JobId).toEqual(expect.any(String));
		expect(outputs[1].json.error).toBe('Timeline needs at least one track in VideoTracks or AudioTracks [item 1]');
		expect(outputs[2].json.JobId).toEqual(expect.any(String));
		expect(emulator.requests).toHaveLength(2);
		expect(emulator.jobs.list('editing')).toHaveLength(2);
	});
});
