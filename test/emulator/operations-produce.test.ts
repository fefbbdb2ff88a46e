import { callSdk } from '../../tools/sandbox/emulator/sdkClient';
import { emulatorOperationsSuite, json, ossOut, pkg, timeline } from '../support/emulatorOperations';

const { emulators, client, expectError } = emulatorOperationsSuite();

describe('packaging', () => {
	it('submits and reads a job with the documented shape', async () => {
		const sub = await callSdk(client(), 'SubmitPackageJob', {
			...pkg,
			Name: 'n1',
			ScheduleConfig: json({ PipelineId: 'p1', Priority: 8 }),
			UserData: '{"a":1}',
		});
		expect(Object.keys(sub).sort()).toEqual(['JobId', 'RequestId']);
		const { PackageJob } = await callSdk(client(), 'GetPackageJob', { JobId: sub.JobId });
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
		[{ ...pkg, Inputs: json({ Input: {} }) }, 'InvalidParameter', 'array'],
		[{ ...pkg, Inputs: json([{ Input: { Type: 'S3', Media: 'x' } }]) }, 'InvalidParameter', 'Inputs.1.Input.Type'],
		[{ ...pkg, Inputs: json([{ Input: { Type: 'OSS', Media: '' } }]) }, 'InvalidParameter', 'Inputs.1.Input.Media'],
		[{ ...pkg, Output: json({ Type: 'OSS' }) }, 'InvalidParameter', 'Output.Media'],
		[{ ...pkg, ScheduleConfig: json({ Priority: 11 }) }, 'InvalidParameter', 'Priority'],
		[{ ...pkg, ScheduleConfig: json({ Priority: 0 }) }, 'InvalidParameter', 'Priority'],
		[{ ...pkg, UserData: 'x'.repeat(513) }, 'InvalidParameter', 'UserData'],
	])('rejects case %# with %s', async (query, code, message) => {
		await expectError('SubmitPackageJob', query as Record<string, string>, code, message);
		expect(emulators.emulator.jobs.list('package')).toHaveLength(0);
	});

	it('unknown job IDs are ResourceNotFound (404)', async () => {
		await expectError('GetPackageJob', { JobId: 'f'.repeat(32) }, 'ResourceNotFound');
		await expectError('GetPackageJob', {}, 'MissingParameter');
	});
});

describe('media producing', () => {
	it('accepts Timeline in a chunked form body and returns IDs', async () => {
		const sub = await callSdk(
			client(),
			'SubmitMediaProducingJob',
			{ OutputMediaConfig: ossOut, ClientToken: 'tok-1' },
			{ Timeline: timeline },
		);
		expect(sub.JobId).toMatch(/^[0-9a-f]{32}$/);
		expect(sub.ProjectId).toMatch(/^[0-9a-f]{32}$/);
		expect(sub.MediaId).toMatch(/^[0-9a-f]{32}$/);
		expect(sub.VodMediaId).toBeUndefined();
		const logged = emulators.emulator.requests[emulators.emulator.requests.length - 1];
		expect(logged.headers['transfer-encoding']).toBe('chunked');
		expect(logged.form.Timeline).toBe(timeline);
		expect(logged.query.OutputMediaConfig).toBe(ossOut);
		const { MediaProducingJob } = await callSdk(client(), 'GetMediaProducingJob', { JobId: sub.JobId });
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
		const left = await callSdk(
			client(),
			'SubmitMediaProducingJob',
			{ OutputMediaConfig: ossOut, ClientToken: 'same' },
			{ Timeline: timeline },
		);
		const right = await callSdk(
			client(),
			'SubmitMediaProducingJob',
			{ OutputMediaConfig: ossOut, ClientToken: 'same' },
			{ Timeline: timeline },
		);
		const char = await callSdk(
			client(),
			'SubmitMediaProducingJob',
			{ OutputMediaConfig: ossOut, ClientToken: 'other' },
			{ Timeline: timeline },
		);
		expect(right.JobId).toBe(left.JobId);
		expect(right.MediaId).toBe(left.MediaId);
		expect(char.JobId).not.toBe(left.JobId);
		expect(emulators.emulator.jobs.list('editing')).toHaveLength(2);
	});

	it('template jobs need ClipsParam and vod-media targets return VodMediaId', async () => {
		await expectError(
			'SubmitMediaProducingJob',
			{ TemplateId: 't1', OutputMediaConfig: ossOut },
			'MissingParameter',
			'"ClipsParam"',
		);
		const vodOut = json({ StorageLocation: 'outin-x.oss-cn-shanghai.aliyuncs.com', FileName: 'o.mp4' });
		const sub = await callSdk(client(), 'SubmitMediaProducingJob', {
			TemplateId: 't1',
			ClipsParam: json({ v1: 'id' }),
			OutputMediaTarget: 'vod-media',
			OutputMediaConfig: vodOut,
		});
		expect(sub.VodMediaId).toMatch(/^[0-9a-f]{32}$/);
		expect(emulators.emulator.jobs.get(sub.JobId)!.kind).toBe('template');
	});

	const many = (count: number, extra: object = {}): string =>
		json({ VideoTracks: Array.from({ length: count }, () => ({ VideoTrackClips: [], ...extra })) });
	it.each([
		[{ OutputMediaConfig: ossOut }, undefined, 'InvalidParameter', 'exactly one'],
		[{ OutputMediaConfig: ossOut, ProjectId: 'p' }, { Timeline: timeline }, 'InvalidParameter', 'exactly one'],
		[{ ProjectId: 'p' }, undefined, 'MissingParameter', '"OutputMediaConfig"'],
		[{ ProjectId: 'p', OutputMediaConfig: '{bad' }, undefined, 'InvalidParameter', 'JSON'],
		[{ ProjectId: 'p', OutputMediaConfig: json({}) }, undefined, 'MissingParameter', 'MediaURL'],
		[
			{ ProjectId: 'p', OutputMediaTarget: 'vod-media', OutputMediaConfig: json({ FileName: 'a.mp4' }) },
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
				OutputMediaConfig: json({ MediaURL: 'https://b.oss-cn-shanghai.aliyuncs.com/o.mp4', Width: 127 }),
			},
			undefined,
			'InvalidParameter',
			'Width',
		],
		[
			{
				ProjectId: 'p',
				OutputMediaConfig: json({ MediaURL: 'https://b.oss-cn-shanghai.aliyuncs.com/o.mp4', Width: 4097, Height: 720 }),
			},
			undefined,
			'InvalidParameter',
			'Width',
		],
		[
			{
				ProjectId: 'p',
				OutputMediaConfig: json({
					MediaURL: 'https://b.oss-cn-shanghai.aliyuncs.com/o.mp4',
					Width: 3840,
					Height: 2200,
				}),
			},
			undefined,
			'InvalidParameter',
			'2160',
		],
		[
			{
				ProjectId: 'p',
				OutputMediaConfig: json({ MediaURL: 'https://b.oss-cn-shanghai.aliyuncs.com/o.mp4', Bitrate: 5001 }),
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
			{ Timeline: json({ SubtitleTracks: [{}] }) },
			'InvalidParameter',
			'a video or an audio track',
		],
		[
			{ OutputMediaConfig: ossOut },
			{ Timeline: json({ AudioTracks: [{}], ImageTracks: [{}] }) },
			'InvalidParameter',
			'need a video track',
		],
		[
			{ OutputMediaConfig: ossOut },
			{ Timeline: json({ VideoTracks: [{}], ImageTracks: Array(101).fill({}) }) },
			'InvalidParameter',
			'image tracks',
		],
		[{ OutputMediaConfig: ossOut }, { Timeline: many(101) }, 'InvalidParameter', 'video tracks'],
		[
			{ OutputMediaConfig: ossOut },
			{ Timeline: json({ AudioTracks: [{}], SubtitleTracks: Array(101).fill({}) }) },
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
			client(),
			'SubmitMediaProducingJob',
			{
				OutputMediaConfig: json({
					MediaURL: 'https://b.oss-cn-shanghai.aliyuncs.com/o.mp4',
					Width: 4096,
					Height: 2160,
					Bitrate: 5000,
				}),
			},
			{ Timeline: many(100) },
		);
		await callSdk(
			client(),
			'SubmitMediaProducingJob',
			{ OutputMediaConfig: ossOut },
			{
				Timeline: json({
					VideoTracks: JSON.parse(many(100)).VideoTracks,
					ImageTracks: Array(100).fill({}),
					SubtitleTracks: Array(100).fill({}),
					AudioTracks: Array(150).fill({}),
				}),
			},
		);
	});
});
