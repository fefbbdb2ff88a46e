import { Emulator, startEmulator } from '../../tools/sandbox/emulator/index';
import { callSdk, sdk, sdkError } from '../../tools/sandbox/emulator/sdkClient';
import type OpenApi from '@alicloud/openapi-client';

let emu: Emulator;
let client: OpenApi;
beforeAll(async () => {
	emu = await startEmulator({ startTime: '2026-01-10T08:00:00Z' });
	client = sdk(emu);
});
afterAll(() => emu.stop());
beforeEach(() => emu.reset());

const j = (v: unknown): string => JSON.stringify(v);
const pkg = {
	Inputs: j([{ Input: { Type: 'OSS', Media: 'oss://bucket/in/video.mp4' } }]),
	Output: j({ Type: 'OSS', Media: 'oss://bucket/out/video.m3u8' }),
};
const timeline = j({ VideoTracks: [{ VideoTrackClips: [{ MediaId: 'abc' }] }] });
const ossOut = j({ MediaURL: 'https://bucket.oss-cn-shanghai.aliyuncs.com/out.mp4' });

async function expectError(
	action: string,
	query: Record<string, string>,
	code: string,
	messagePart?: string,
	body?: Record<string, string>,
): Promise<void> {
	const err = await sdkError(client, action, query, body);
	expect([err.code, err.statusCode]).toEqual([code, code.endsWith('NotFound') ? 404 : 400]);
	if (messagePart) expect(err.data.Message).toContain(messagePart);
}

describe('packaging', () => {
	it('submits and reads a job with the documented shape', async () => {
		const sub = await callSdk(client, 'SubmitPackageJob', {
			...pkg,
			Name: 'n1',
			ScheduleConfig: j({ PipelineId: 'p1', Priority: 8 }),
			UserData: '{"a":1}',
		});
		expect(Object.keys(sub).sort()).toEqual(['JobId', 'RequestId']);
		const { PackageJob } = await callSdk(client, 'GetPackageJob', { JobId: sub.JobId });
		expect(PackageJob).toEqual({
			JobId: sub.JobId,
			TriggerSource: 'API',
			Name: 'n1',
			Inputs: [{ Input: { Type: 'OSS', Media: 'oss://bucket/in/video.mp4' } }],
			Output: { Type: 'OSS', Media: 'oss://bucket/out/video.m3u8' },
			OutputUrl: 'http://bucket.oss-cn-shanghai.aliyuncs.com/out/video.m3u8',
			PipelineId: 'p1',
			Priority: 8,
			Status: 'Init',
			CreateTime: '2026-01-10T08:00:00Z',
			SubmitTime: '2026-01-10T08:00:00Z',
			ModifiedTime: '2026-01-10T08:00:00Z',
			UserData: '{"a":1}',
		});
	});

	it.each([
		[
			{ Output: pkg.Output },
			'MissingParameter',
			'The input parameter "Inputs" that is mandatory for processing this request is not supplied.',
		],
		[{ Inputs: pkg.Inputs }, 'MissingParameter', '"Output"'],
		[{ ...pkg, Inputs: '[{"Input":' }, 'InvalidParameter', 'JSON'],
		[{ ...pkg, Inputs: '[]' }, 'InvalidParameter', 'Inputs'],
		[{ ...pkg, Inputs: j({ Input: {} }) }, 'InvalidParameter', 'array'],
		[{ ...pkg, Inputs: j([{ Input: { Type: 'S3', Media: 'x' } }]) }, 'InvalidParameter', 'Inputs.1.Input.Type'],
		[{ ...pkg, Inputs: j([{ Input: { Type: 'OSS', Media: '' } }]) }, 'InvalidParameter', 'Inputs.1.Input.Media'],
		[{ ...pkg, Output: j({ Type: 'OSS' }) }, 'InvalidParameter', 'Output.Media'],
		[{ ...pkg, ScheduleConfig: j({ Priority: 11 }) }, 'InvalidParameter', 'Priority'],
		[{ ...pkg, ScheduleConfig: j({ Priority: 0 }) }, 'InvalidParameter', 'Priority'],
		[{ ...pkg, UserData: 'x'.repeat(513) }, 'InvalidParameter', 'UserData'],
	])('rejects case %# with %s', async (query, code, message) => {
		await expectError('SubmitPackageJob', query as Record<string, string>, code, message);
		expect(emu.jobs.list('package')).toHaveLength(0);
	});

	it('unknown job IDs are ResourceNotFound (404)', async () => {
		await expectError('GetPackageJob', { JobId: 'f'.repeat(32) }, 'ResourceNotFound');
		await expectError('GetPackageJob', {}, 'MissingParameter');
	});
});

describe('media producing', () => {
	it('accepts Timeline in a chunked form body and returns IDs', async () => {
		const sub = await callSdk(
			client,
			'SubmitMediaProducingJob',
			{ OutputMediaConfig: ossOut, ClientToken: 'tok-1' },
			{ Timeline: timeline },
		);
		expect(sub.JobId).toMatch(/^[0-9a-f]{32}$/);
		expect(sub.ProjectId).toMatch(/^[0-9a-f]{32}$/);
		expect(sub.MediaId).toMatch(/^[0-9a-f]{32}$/);
		expect(sub.VodMediaId).toBeUndefined();
		const logged = emu.requests[emu.requests.length - 1];
		expect(logged.headers['transfer-encoding']).toBe('chunked');
		expect(logged.form.Timeline).toBe(timeline);
		expect(logged.query.OutputMediaConfig).toBe(ossOut);
		const { MediaProducingJob } = await callSdk(client, 'GetMediaProducingJob', { JobId: sub.JobId });
		expect(MediaProducingJob).toMatchObject({
			JobId: sub.JobId,
			ProjectId: sub.ProjectId,
			MediaId: sub.MediaId,
			MediaURL: 'https://bucket.oss-cn-shanghai.aliyuncs.com/out.mp4',
			Timeline: timeline,
			Status: 'Init',
		});
	});

	it('is idempotent on ClientToken', async () => {
		const a = await callSdk(
			client,
			'SubmitMediaProducingJob',
			{ OutputMediaConfig: ossOut, ClientToken: 'same' },
			{ Timeline: timeline },
		);
		const b = await callSdk(
			client,
			'SubmitMediaProducingJob',
			{ OutputMediaConfig: ossOut, ClientToken: 'same' },
			{ Timeline: timeline },
		);
		const c = await callSdk(
			client,
			'SubmitMediaProducingJob',
			{ OutputMediaConfig: ossOut, ClientToken: 'other' },
			{ Timeline: timeline },
		);
		expect(b.JobId).toBe(a.JobId);
		expect(b.MediaId).toBe(a.MediaId);
		expect(c.JobId).not.toBe(a.JobId);
		expect(emu.jobs.list('editing')).toHaveLength(2);
	});

	it('template jobs need ClipsParam and vod-media targets return VodMediaId', async () => {
		await expectError(
			'SubmitMediaProducingJob',
			{ TemplateId: 't1', OutputMediaConfig: ossOut },
			'MissingParameter',
			'"ClipsParam"',
		);
		const vodOut = j({ StorageLocation: 'outin-x.oss-cn-shanghai.aliyuncs.com', FileName: 'o.mp4' });
		const sub = await callSdk(client, 'SubmitMediaProducingJob', {
			TemplateId: 't1',
			ClipsParam: j({ v1: 'id' }),
			OutputMediaTarget: 'vod-media',
			OutputMediaConfig: vodOut,
		});
		expect(sub.VodMediaId).toMatch(/^[0-9a-f]{32}$/);
		expect(emu.jobs.get(sub.JobId)!.kind).toBe('template');
	});

	const many = (n: number, extra: object = {}): string =>
		j({ VideoTracks: Array.from({ length: n }, () => ({ VideoTrackClips: [], ...extra })) });
	it.each([
		[{ OutputMediaConfig: ossOut }, undefined, 'InvalidParameter', 'exactly one'],
		[{ OutputMediaConfig: ossOut, ProjectId: 'p' }, { Timeline: timeline }, 'InvalidParameter', 'exactly one'],
		[{ ProjectId: 'p' }, undefined, 'MissingParameter', '"OutputMediaConfig"'],
		[{ ProjectId: 'p', OutputMediaConfig: '{bad' }, undefined, 'InvalidParameter', 'JSON'],
		[{ ProjectId: 'p', OutputMediaConfig: j({}) }, undefined, 'MissingParameter', 'MediaURL'],
		[
			{ ProjectId: 'p', OutputMediaTarget: 'vod-media', OutputMediaConfig: j({ FileName: 'a.mp4' }) },
			undefined,
			'MissingParameter',
			'StorageLocation',
		],
		[
			{ ProjectId: 'p', OutputMediaTarget: 'ftp', OutputMediaConfig: ossOut },
			undefined,
			'InvalidParameter',
			'OutputMediaTarget',
		],
		[
			{
				ProjectId: 'p',
				OutputMediaConfig: j({ MediaURL: 'https://b.oss-cn-shanghai.aliyuncs.com/o.mp4', Width: 127 }),
			},
			undefined,
			'InvalidParameter',
			'Width',
		],
		[
			{
				ProjectId: 'p',
				OutputMediaConfig: j({ MediaURL: 'https://b.oss-cn-shanghai.aliyuncs.com/o.mp4', Width: 4097, Height: 720 }),
			},
			undefined,
			'InvalidParameter',
			'Width',
		],
		[
			{
				ProjectId: 'p',
				OutputMediaConfig: j({ MediaURL: 'https://b.oss-cn-shanghai.aliyuncs.com/o.mp4', Width: 3840, Height: 2200 }),
			},
			undefined,
			'InvalidParameter',
			'2160',
		],
		[
			{
				ProjectId: 'p',
				OutputMediaConfig: j({ MediaURL: 'https://b.oss-cn-shanghai.aliyuncs.com/o.mp4', Bitrate: 5001 }),
			},
			undefined,
			'InvalidParameter',
			'Bitrate',
		],
		[{ ProjectId: 'p', OutputMediaConfig: ossOut, UserData: 'not json' }, undefined, 'InvalidParameter', 'UserData'],
		[
			{ ProjectId: 'p', OutputMediaConfig: ossOut, ClientToken: 'x'.repeat(65) },
			undefined,
			'InvalidParameter',
			'ClientToken',
		],
		[{ OutputMediaConfig: ossOut }, { Timeline: '{"VideoTracks":' }, 'InvalidParameter', 'JSON'],
		[{ OutputMediaConfig: ossOut }, { Timeline: '{}' }, 'InvalidParameter', 'a video or an audio track'],
		[
			{ OutputMediaConfig: ossOut },
			{ Timeline: j({ SubtitleTracks: [{}] }) },
			'InvalidParameter',
			'a video or an audio track',
		],
		[
			{ OutputMediaConfig: ossOut },
			{ Timeline: j({ AudioTracks: [{}], ImageTracks: [{}] }) },
			'InvalidParameter',
			'need a video track',
		],
		[
			{ OutputMediaConfig: ossOut },
			{ Timeline: j({ VideoTracks: [{}], ImageTracks: Array(101).fill({}) }) },
			'InvalidParameter',
			'image tracks',
		],
		[{ OutputMediaConfig: ossOut }, { Timeline: many(101) }, 'InvalidParameter', 'video tracks'],
		[
			{ OutputMediaConfig: ossOut },
			{ Timeline: j({ AudioTracks: [{}], SubtitleTracks: Array(101).fill({}) }) },
			'InvalidParameter',
			'subtitle tracks',
		],
	])('rejects case %# with %s', async (query, body, code, message) => {
		await expectError(
			'SubmitMediaProducingJob',
			query as Record<string, string>,
			code,
			message,
			body as Record<string, string> | undefined,
		);
	});

	it('accepts the limits themselves', async () => {
		await callSdk(
			client,
			'SubmitMediaProducingJob',
			{
				OutputMediaConfig: j({
					MediaURL: 'https://b.oss-cn-shanghai.aliyuncs.com/o.mp4',
					Width: 4096,
					Height: 2160,
					Bitrate: 5000,
				}),
			},
			{ Timeline: many(100) },
		);
		await callSdk(
			client,
			'SubmitMediaProducingJob',
			{ OutputMediaConfig: ossOut },
			{
				Timeline: j({
					VideoTracks: JSON.parse(many(100)).VideoTracks,
					ImageTracks: Array(100).fill({}),
					SubtitleTracks: Array(100).fill({}),
					AudioTracks: Array(150).fill({}),
				}),
			},
		);
	});
});

describe('live editing', () => {
	const clips = j([
		{
			StartTime: '2026-01-10T07:00:00Z',
			EndTime: '2026-01-10T07:02:00Z',
			AppName: 'app',
			DomainName: 'd.com',
			StreamName: 's',
		},
	]);
	const liveOut = { MediaURL: 'https://b.oss-cn-shanghai.aliyuncs.com/o.mp4' };
	it('submits and reads a job', async () => {
		const sub = await callSdk(client, 'SubmitLiveEditingJob', {
			Clips: clips,
			MediaProduceConfig: j({ Mode: 'Accurate', Width: 640 }),
			OutputMediaConfig: j({ MediaURL: 'https://b.oss-cn-shanghai.aliyuncs.com/o.mp4', Width: 1280, Height: 720 }),
			UserData: '{}',
		});
		expect(Object.keys(sub).sort()).toEqual(['JobId', 'MediaId', 'MediaURL', 'ProjectId', 'RequestId']);
		const { LiveEditingJob } = await callSdk(client, 'GetLiveEditingJob', { JobId: sub.JobId });
		expect(LiveEditingJob).toMatchObject({
			JobId: sub.JobId,
			Clips: clips,
			Status: 'Init',
			CreationTime: '2026-01-10T08:00:00Z',
			// The size is read from OutputMediaConfig; a Width in MediaProduceConfig is ignored, not echoed.
			MediaProduceConfig: { Mode: 'Accurate' },
			OutputMediaConfig: { MediaURL: 'https://b.oss-cn-shanghai.aliyuncs.com/o.mp4', Width: 1280, Height: 720 },
		});
		expect(LiveEditingJob).not.toHaveProperty('VodMediaId');
		await expectError('GetPackageJob', { JobId: sub.JobId }, 'ResourceNotFound');
	});

	it('uses LiveStreamConfig for clips without their own stream', async () => {
		const bare = j([{ StartTime: ' 2026-01-10T07:00:00Z', EndTime: '2026-01-10T07:02:00Z' }]);
		await expectError('SubmitLiveEditingJob', { Clips: bare }, 'InvalidParameter', 'AppName');
		await callSdk(client, 'SubmitLiveEditingJob', {
			Clips: bare,
			LiveStreamConfig: j({ AppName: 'a', DomainName: 'd', StreamName: 's' }),
		});
	});

	it.each([
		[{}, 'MissingParameter', '"Clips"'],
		[{ Clips: '[]' }, 'InvalidParameter', 'Clips'],
		[{ Clips: '[{' }, 'InvalidParameter', 'JSON'],
		[
			{ Clips: j([{ EndTime: '2026-01-10T07:02:00Z', AppName: 'a', DomainName: 'd', StreamName: 's' }]) },
			'MissingParameter',
			'StartTime',
		],
		[
			{
				Clips: j([
					{
						StartTime: '2026-01-10 07:00:00',
						EndTime: '2026-01-10T07:02:00Z',
						AppName: 'a',
						DomainName: 'd',
						StreamName: 's',
					},
				]),
			},
			'InvalidParameter',
			'StartTime',
		],
		[
			{
				Clips: j([
					{
						StartTime: '2026-01-10T07:02:00Z',
						EndTime: '2026-01-10T07:02:00Z',
						AppName: 'a',
						DomainName: 'd',
						StreamName: 's',
					},
				]),
			},
			'InvalidParameter',
			'EndTime',
		],
		[{ Clips: clips, MediaProduceConfig: j({ Mode: 'Fast' }) }, 'InvalidParameter', 'Mode'],
		[
			{ Clips: clips, OutputMediaConfig: j({ ...liveOut, Width: 1280, Height: 720 }) },
			'InvalidParameter',
			'AccurateFast',
		],
		[
			{ Clips: clips, MediaProduceConfig: j({ Mode: 'RoughFast' }), OutputMediaConfig: j({ ...liveOut, Width: 1280 }) },
			'InvalidParameter',
			'RoughFast',
		],
		[
			{ Clips: clips, MediaProduceConfig: j({ Mode: 'Accurate' }), OutputMediaConfig: j({ ...liveOut, Width: 127 }) },
			'InvalidParameter',
			'Width',
		],
		[{ Clips: clips, OutputMediaTarget: 'S3' }, 'InvalidParameter', 'OutputMediaTarget'],
		[{ Clips: clips, UserData: '[1]' }, 'InvalidParameter', 'UserData'],
	])('rejects case %# with %s', async (query, code, message) => {
		await expectError('SubmitLiveEditingJob', query as Record<string, string>, code, message);
	});
});

describe('VOD workflow', () => {
	it('submits, reads and validates', async () => {
		const sub = await callSdk(client, 'SubmitWorkflowJob', { WorkflowId: 'wf123', MediaId: 'vid1' });
		expect(sub.TaskId).toMatch(/^[0-9a-f]{32}$/);
		const detail = await callSdk(client, 'GetJobDetail', { JobId: sub.TaskId, JobType: 'workflow' });
		expect(detail.WorkflowTaskDetail).toMatchObject({
			TaskId: sub.TaskId,
			Status: 'Init',
			TaskInput: j({ Type: 'Media', Media: 'vid1' }),
			Workflow: { WorkflowId: 'wf123' },
		});
		await expectError('SubmitWorkflowJob', { MediaId: 'v' }, 'MissingParameter', '"WorkflowId"');
		await expectError('GetJobDetail', { JobId: sub.TaskId, JobType: 'transcode' }, 'InvalidParameter', 'JobType');
		await expectError('GetJobDetail', { JobId: 'nope', JobType: 'workflow' }, 'JobNotFound');
		const err = await sdkError(client, 'GetJobDetail', { JobId: 'nope', JobType: 'workflow' });
		expect(err.data.HostId).toBe('vod.cn-shanghai.aliyuncs.com');
	});
});

describe('live editing output size', () => {
	it('ignores a Width in MediaProduceConfig instead of refusing or applying it', async () => {
		const sub = await callSdk(client, 'SubmitLiveEditingJob', {
			Clips: j([
				{
					StartTime: '2026-01-10T07:00:00Z',
					EndTime: '2026-01-10T07:01:00Z',
					AppName: 'a',
					DomainName: 'd',
					StreamName: 's',
				},
			]),
			MediaProduceConfig: j({ Width: 1280, Height: 720 }),
		});
		const { LiveEditingJob } = await callSdk(client, 'GetLiveEditingJob', { JobId: sub.JobId });
		expect(LiveEditingJob.MediaProduceConfig).toEqual({ Mode: 'AccurateFast' });
		expect(LiveEditingJob.OutputMediaConfig).not.toHaveProperty('Width');
	});
});
