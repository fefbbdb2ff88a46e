import { callSdk, sdkError } from '../../tools/sandbox/emulator/sdkClient';
import { emulatorOperationsSuite, json } from '../support/emulatorOperations';

const { client, expectError } = emulatorOperationsSuite();

describe('live editing', () => {
	const clips = json([
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
		const sub = await callSdk(client(), 'SubmitLiveEditingJob', {
			Clips: clips,
			MediaProduceConfig: json({ Mode: 'Accurate', Width: 640 }),
			OutputMediaConfig: json({ MediaURL: 'https://b.oss-cn-shanghai.aliyuncs.com/o.mp4', Width: 1280, Height: 720 }),
			UserData: '{}',
		});
		expect(Object.keys(sub).sort()).toEqual(['JobId', 'MediaId', 'MediaURL', 'ProjectId', 'RequestId']);
		const { LiveEditingJob } = await callSdk(client(), 'GetLiveEditingJob', { JobId: sub.JobId });
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
		const bare = json([{ StartTime: ' 2026-01-10T07:00:00Z', EndTime: '2026-01-10T07:02:00Z' }]);
		await expectError('SubmitLiveEditingJob', { Clips: bare }, 'InvalidParameter', 'AppName');
		await callSdk(client(), 'SubmitLiveEditingJob', {
			Clips: bare,
			LiveStreamConfig: json({ AppName: 'a', DomainName: 'd', StreamName: 's' }),
		});
	});

	it.each([
		[{}, 'MissingParameter', '"Clips"'],
		[{ Clips: '[]' }, 'InvalidParameter', 'Clips'],
		[{ Clips: '[{' }, 'InvalidParameter', 'JSON'],
		[
			{ Clips: json([{ EndTime: '2026-01-10T07:02:00Z', AppName: 'a', DomainName: 'd', StreamName: 's' }]) },
			'MissingParameter',
			'StartTime',
		],
		[
			{
				Clips: json([
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
				Clips: json([
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
		[{ Clips: clips, MediaProduceConfig: json({ Mode: 'Fast' }) }, 'InvalidParameter', 'Mode'],
		[
			{ Clips: clips, OutputMediaConfig: json({ ...liveOut, Width: 1280, Height: 720 }) },
			'InvalidParameter',
			'AccurateFast',
		],
		[
			{
				Clips: clips,
				MediaProduceConfig: json({ Mode: 'RoughFast' }),
				OutputMediaConfig: json({ ...liveOut, Width: 1280 }),
			},
			'InvalidParameter',
			'RoughFast',
		],
		[
			{
				Clips: clips,
				MediaProduceConfig: json({ Mode: 'Accurate' }),
				OutputMediaConfig: json({ ...liveOut, Width: 127 }),
			},
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
		const sub = await callSdk(client(), 'SubmitWorkflowJob', { WorkflowId: 'wf123', MediaId: 'vid1' });
		expect(sub.TaskId).toMatch(/^[0-9a-f]{32}$/);
		const detail = await callSdk(client(), 'GetJobDetail', { JobId: sub.TaskId, JobType: 'workflow' });
		expect(detail.WorkflowTaskDetail).toMatchObject({
			TaskId: sub.TaskId,
			Status: 'Init',
			TaskInput: json({ Type: 'Media', Media: 'vid1' }),
			Workflow: { WorkflowId: 'wf123' },
		});
		await expectError('SubmitWorkflowJob', { MediaId: 'v' }, 'MissingParameter', '"WorkflowId"');
		await expectError('GetJobDetail', { JobId: sub.TaskId, JobType: 'transcode' }, 'InvalidParameter', 'JobType');
		await expectError('GetJobDetail', { JobId: 'nope', JobType: 'workflow' }, 'JobNotFound');
		const err = await sdkError(client(), 'GetJobDetail', { JobId: 'nope', JobType: 'workflow' });
		expect(err.data.HostId).toBe('vod.cn-shanghai.aliyuncs.com');
	});
});

describe('live editing output size', () => {
	it('ignores a Width in MediaProduceConfig instead of refusing or applying it', async () => {
		const sub = await callSdk(client(), 'SubmitLiveEditingJob', {
			Clips: json([
				{
					StartTime: '2026-01-10T07:00:00Z',
					EndTime: '2026-01-10T07:01:00Z',
					AppName: 'a',
					DomainName: 'd',
					StreamName: 's',
				},
			]),
			MediaProduceConfig: json({ Width: 1280, Height: 720 }),
		});
		const { LiveEditingJob } = await callSdk(client(), 'GetLiveEditingJob', { JobId: sub.JobId });
		expect(LiveEditingJob.MediaProduceConfig).toEqual({ Mode: 'AccurateFast' });
		expect(LiveEditingJob.OutputMediaConfig).not.toHaveProperty('Width');
	});
});
