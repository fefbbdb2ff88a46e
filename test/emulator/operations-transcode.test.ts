import { callSdk } from '../../tools/sandbox/emulator/sdkClient';
import { emulatorOperationsSuite, json } from '../support/emulatorOperations';

const { emulators, client, expectError } = emulatorOperationsSuite();

const inputs = json([{ Type: 'OSS', Media: 'oss://bucket/in/video.mp4', InputUrl: 'oss://bucket/in/video.mp4' }]);
const output = (overwrite: object = {}, extra: object = {}) => ({
	Output: { Type: 'OSS', Media: 'oss://bucket/out/video-720p.mp4' },
	ProcessConfig: { Transcode: { TemplateId: 'S00000001-200030', OverwriteParams: overwrite }, ...extra },
});
const submit = (query: Record<string, string> = {}) =>
	callSdk(client(), 'SubmitTranscodeJob', {
		InputGroup: inputs,
		OutputGroup: json([
			output({ Video: { Width: '1280', Height: '720', Bitrate: '2000' } }, { Encryption: { KeyServiceType: 'KMS' } }),
			{
				Output: { Type: 'Media', Media: 'media-1', OutputUrl: 'oss://bucket/out/{MediaId}/{JobId}.m3u8' },
				ProcessConfig: {
					Transcode: { TemplateId: 'S00000001-100020', OverwriteParams: { TransConfig: { TransMode: 'onepass' } } },
				},
			},
		]),
		Name: 'tc',
		...query,
	});

describe('transcoding', () => {
	it('answers the whole parent job, named by ParentJobId, one Init sub-job per output and no parent Status while running', async () => {
		const answer = await submit();
		expect(Object.keys(answer).sort()).toEqual(['RequestId', 'TranscodeParentJob']);
		const parent = answer.TranscodeParentJob;
		expect(parent).toMatchObject({ ParentJobId: expect.stringMatching(/^[0-9a-f]{32}$/), JobCount: 2, Name: 'tc' });
		expect(parent).not.toHaveProperty('Status');
		expect(parent.InputGroup).toEqual([{ Type: 'OSS', Media: 'oss://bucket/in/video.mp4' }]);
		expect(parent.OutputGroup[1].Output).toEqual({ Type: 'Media', Media: 'media-1' });
		expect(parent.TranscodeJobList.map((job: any) => [job.JobIndex, job.Status, job.ParentJobId])).toEqual([
			[0, 'Init', parent.ParentJobId],
			[1, 'Init', parent.ParentJobId],
		]);
		expect(parent.TranscodeJobList[1].Output.OutputUrl).toBe(
			`oss://bucket/out/media-1/${parent.TranscodeJobList[1].JobId}.m3u8`,
		);
	});

	it('GetTranscodeJob follows the sub-jobs Init → Processing → Success; the parent says Success only at the end, with OutFileMeta', async () => {
		const { ParentJobId } = (await submit()).TranscodeParentJob;
		const get = async () => (await callSdk(client(), 'GetTranscodeJob', { ParentJobId })).TranscodeParentJob;
		const seen: Array<[string | undefined, string]> = [];
		for (const step of [0, 2_000, 58_000]) {
			emulators.emulator.clock.advance(step);
			const parent = await get();
			seen.push([parent.Status, parent.TranscodeJobList[0].Status]);
		}
		expect(seen).toEqual([
			[undefined, 'Init'],
			[undefined, 'Processing'],
			['Success', 'Success'],
		]);
		const done = await get();
		expect(done).toMatchObject({ Percent: 100, FinishTime: '2026-01-10T08:01:00Z' });
		expect(done.OutputGroup[1].Output.OutputUrl).toBe('oss://bucket/out/{MediaId}/{JobId}.m3u8');
		expect(done.TranscodeJobList[0].OutFileMeta.FileBasicInfo).toMatchObject({
			FileType: 'transcode_file',
			FileUrl: 'http://bucket.oss-cn-shanghai.aliyuncs.com/out/video-720p.mp4',
			Width: '1280',
			Height: '720',
		});
		expect(done.TranscodeJobList[1].OutFileMeta.FileBasicInfo.MediaId).toBe('media-1');
	});

	it('a failed job: parent and sub-jobs Fail, no OutFileMeta', async () => {
		const { ParentJobId } = (await submit()).TranscodeParentJob;
		emulators.emulator.failJob(ParentJobId, 'InvalidParameter.ResourceNotFound', 'no input');
		const parent = (await callSdk(client(), 'GetTranscodeJob', { ParentJobId })).TranscodeParentJob;
		expect([parent.Status, ...parent.TranscodeJobList.map((job: any) => job.Status)]).toEqual(['Fail', 'Fail', 'Fail']);
		expect(parent.TranscodeJobList[0]).not.toHaveProperty('OutFileMeta');
	});

	it('the same ClientToken answers the same parent; without one a resend is a new job', async () => {
		const first = (await submit({ ClientToken: 'tok-1' })).TranscodeParentJob.ParentJobId;
		expect((await submit({ ClientToken: 'tok-1' })).TranscodeParentJob.ParentJobId).toBe(first);
		expect((await submit()).TranscodeParentJob.ParentJobId).not.toBe(first);
		expect(emulators.emulator.jobs.list('transcode')).toHaveLength(2);
	});

	it('ListTranscodeJobs: items without sub-jobs or TransConfig, Status Init for running parents, paging', async () => {
		const running = (await submit()).TranscodeParentJob.ParentJobId;
		emulators.emulator.seedJobs({ kind: 'transcode', count: 3, status: ['Success', 'Fail', 'Processing'] });
		const all = await callSdk(client(), 'ListTranscodeJobs', {});
		expect(all.Jobs).toHaveLength(4);
		expect(all.Jobs[0]).toMatchObject({
			ParentJobId: running,
			InputGroup: [{ InputUrl: 'oss://bucket/in/video.mp4' }],
		});
		expect(all.Jobs[0]).not.toHaveProperty('TranscodeJobList');
		expect(all.Jobs[0].OutputGroup[0].ProcessConfig).toEqual({ Encryption: {}, Transcode: expect.any(Object) });
		expect(all.Jobs[0].OutputGroup[1].ProcessConfig.Transcode.OverwriteParams).toEqual({});
		const init = await callSdk(client(), 'ListTranscodeJobs', { Status: 'Init' });
		expect(init.Jobs.map((job: any) => job.Status)).toEqual([undefined, undefined]);
		const page = await callSdk(client(), 'ListTranscodeJobs', { PageSize: '3', OrderBy: 'CreateTimeAsc' });
		const rest = await callSdk(client(), 'ListTranscodeJobs', {
			PageSize: '3',
			OrderBy: 'CreateTimeAsc',
			NextPageToken: page.NextPageToken,
		});
		expect([page.Jobs.length, rest.Jobs.length, rest.NextPageToken]).toEqual([3, 1, undefined]);
		expect((await callSdk(client(), 'ListTranscodeJobs', { ParentJobId: running })).Jobs).toHaveLength(1);
	});

	it.each([
		['InputGroup', { InputGroup: json({ Type: 'OSS', Media: 'oss://b/i.mp4' }) }, 'array'],
		['InputGroup', { InputGroup: '[]' }, 'At least 1'],
		[
			'OutputGroup.1.ProcessConfig.Transcode.TemplateId',
			{ OutputGroup: json([{ Output: { Type: 'OSS', Media: 'oss://b/o.mp4' }, ProcessConfig: { Transcode: {} } }]) },
			'required',
		],
		[
			'OutputGroup.1.ProcessConfig',
			{ OutputGroup: json([{ Output: { Type: 'OSS', Media: 'oss://b/o.mp4' } }]) },
			'required',
		],
		[
			'OutputGroup.1.ProcessConfig.Transcode.OverwriteParams.Video.Bitrate',
			{ OutputGroup: json([output({ Video: { Bitrate: 3000 } })]) },
			'string',
		],
		['Video.Profile', { OutputGroup: json([output({ Video: { Profile: 'Main' } })]) }, 'baseline'],
		['Video.Resolution', { OutputGroup: json([output({ Video: { Resolution: '720p' } })]) }, 'Unknown field'],
		['InputGroup.1.Media', { InputGroup: json([{ Type: 'OSS', Media: 'bucket/in.mp4' }]) }, 'OSS URL'],
		['ScheduleConfig.Priority', { ScheduleConfig: json({ Priority: 11 }) }, '1 to 10'],
		['UserData', { UserData: 'plain' }, 'JSON'],
	])('refuses what names %s', async (path, query, why) => {
		const error = await callSdk(client(), 'SubmitTranscodeJob', {
			InputGroup: inputs,
			OutputGroup: json([output()]),
			...query,
		}).catch((err) => err);
		expect([error.code, error.data.Message]).toEqual(['InvalidParameter', expect.stringContaining(path)]);
		expect(error.data.Message).toContain(why);
		expect(emulators.emulator.jobs.list('transcode')).toHaveLength(0);
	});

	it('needs both groups; an unknown parent is ResourceNotFound', async () => {
		await expectError('SubmitTranscodeJob', { OutputGroup: json([output()]) }, 'MissingParameter', '"InputGroup"');
		await expectError('SubmitTranscodeJob', { InputGroup: inputs }, 'MissingParameter', '"OutputGroup"');
		await expectError('GetTranscodeJob', { ParentJobId: 'f'.repeat(32) }, 'ResourceNotFound');
		await expectError('ListTranscodeJobs', { PageSize: '101' }, 'InvalidParameter', 'PageSize');
		await expectError('ListTranscodeJobs', { Status: 'Processing' }, 'InvalidParameter', 'Status');
	});
});
