import { callSdk } from '../../tools/sandbox/emulator/sdkClient';
import { emulatorOperationsSuite, json } from '../support/emulatorOperations';

const { emulators, client, expectError } = emulatorOperationsSuite();

const job = (overwrite: object = { Count: 3 }, output = 'oss://bucket/out/cover-{Count}.jpg') => ({
	Input: json({ Type: 'OSS', Media: 'oss://bucket/in/video.mp4' }),
	Output: json({ Type: 'OSS', Media: output }),
	TemplateConfig: json({ TemplateId: 'S00000001-100010', OverwriteParams: overwrite }),
});
const submit = async (query: Record<string, string> = job()): Promise<string> =>
	(await callSdk(client(), 'SubmitSnapshotJob', query)).JobId;
const urls = (JobId: string, query: Record<string, string> = {}) =>
	callSdk(client(), 'GetSnapshotUrls', { JobId, ...query });

describe('snapshots', () => {
	it('a job goes Init → Success; GetSnapshotJob echoes the files and the template settings', async () => {
		const jobId = await submit({ ...job({ Count: 3, Time: 1000, FrameType: 'intra' }), Name: 'covers' });
		const get = async () => (await callSdk(client(), 'GetSnapshotJob', { JobId: jobId })).SnapshotJob;
		expect(await get()).toMatchObject({ Status: 'Init', Type: 'Normal', Name: 'covers', TriggerSource: 'API' });
		expect(await get()).not.toHaveProperty('Count');
		emulators.emulator.clock.advance(10_000);
		const done = await get();
		expect(done).toMatchObject({
			Status: 'Success',
			Count: 3,
			FinishTime: '2026-01-10T08:00:10Z',
			Output: {
				Type: 'OSS',
				Media: 'oss://bucket/out/cover-{Count}.jpg',
				OssFile: { Bucket: 'bucket', Location: 'oss-cn-shanghai', Object: 'out/cover-{Count}.jpg' },
			},
		});
		expect(JSON.parse(done.TemplateConfig)).toEqual({ Type: 'Normal', FrameType: 'intra', Time: 1000, Count: 3 });
	});

	it('GetSnapshotUrls: only once the job succeeded; {Count} numbered; PageNumber/PageSize, Total, OrderBy', async () => {
		const jobId = await submit(job({ Interval: 5 }));
		await expectError('GetSnapshotUrls', { JobId: jobId }, 'InvalidParameter', 'has not succeeded');
		emulators.emulator.clock.advance(10_000);
		const first = await urls(jobId, { PageSize: '4' });
		expect(first).toMatchObject({ Total: 6 });
		expect(first.SnapshotUrls).toEqual(
			[1, 2, 3, 4].map((count) => `http://bucket.oss-cn-shanghai.aliyuncs.com/out/cover-0000${count}.jpg`),
		);
		expect(first).not.toHaveProperty('WebVTTUrl');
		const last = await urls(jobId, { PageSize: '4', PageNumber: '2', OrderBy: 'Desc' });
		expect(last.SnapshotUrls.map((url: string) => url.slice(-9))).toEqual(['00002.jpg', '00001.jpg']);
		expect((await urls(jobId)).SnapshotUrls).toHaveLength(6);
		await expectError('GetSnapshotUrls', { JobId: jobId, PageSize: '31' }, 'InvalidParameter', 'PageSize');
		await expectError('GetSnapshotUrls', { JobId: jobId, Timeout: '129601' }, 'InvalidParameter', 'Timeout');
	});

	it('WebVtt jobs give a WebVTTUrl; Sprite jobs one URL per sheet; a failed job has no URLs', async () => {
		const vtt = await submit(job({ Type: 'WebVtt', Count: 2 }, 'oss://bucket/vtt/frame-{Count}.jpg'));
		const sprite = await submit(job({ Type: 'Sprite', Count: 9, SpriteSnapshotConfig: { Lines: 2, Columns: 2 } }));
		const failed = await submit();
		emulators.emulator.failJob(failed, 'InvalidParameter.ResourceNotFound', 'no input');
		emulators.emulator.clock.advance(10_000);
		expect((await urls(vtt)).WebVTTUrl).toBe('http://bucket.oss-cn-shanghai.aliyuncs.com/vtt/frame.vtt');
		expect((await urls(sprite)).Total).toBe(3);
		await expectError('GetSnapshotUrls', { JobId: failed }, 'InvalidParameter', 'Status Fail');
		expect((await callSdk(client(), 'GetSnapshotJob', { JobId: failed })).SnapshotJob).toMatchObject({
			Status: 'Fail',
			Code: 'InvalidParameter.ResourceNotFound',
		});
	});

	it('no ClientToken: the same request sent twice makes two jobs', async () => {
		const query = { ...job(), ClientToken: 'same' };
		expect(await submit(query)).not.toBe(await submit(query));
		expect(emulators.emulator.jobs.list('snapshot')).toHaveLength(2);
	});

	it('ListSnapshotJobs: Jobs[] without Code or TemplateConfig, Status filter, NextPageToken', async () => {
		emulators.emulator.seedJobs({ kind: 'snapshot', count: 3, status: ['Success', 'Fail', 'Init'] });
		const page = await callSdk(client(), 'ListSnapshotJobs', { PageSize: '2' });
		expect(page.Jobs).toHaveLength(2);
		expect(page.Jobs[1]).not.toHaveProperty('Code');
		expect(page.Jobs[1]).not.toHaveProperty('TemplateConfig');
		const rest = await callSdk(client(), 'ListSnapshotJobs', { PageSize: '2', NextPageToken: page.NextPageToken });
		expect([rest.Jobs.length, rest.NextPageToken]).toEqual([1, undefined]);
		expect((await callSdk(client(), 'ListSnapshotJobs', { Status: 'Fail' })).Jobs).toHaveLength(1);
	});

	it.each([
		['TemplateConfig.TemplateId', { TemplateConfig: json({ OverwriteParams: { Count: 1 } }) }, 'required'],
		[
			'TemplateConfig.OverwriteParams.Type',
			{ TemplateConfig: json({ TemplateId: 't', OverwriteParams: { Type: 'Gif' } }) },
			'Normal',
		],
		[
			'TemplateConfig.OverwriteParams.Count',
			{ TemplateConfig: json({ TemplateId: 't', OverwriteParams: { Count: 'many' } }) },
			'integer',
		],
		['Input', { Input: '"oss://bucket/in/video.mp4"' }, 'JSON object'],
		['Output.Media', { Output: json({ Type: 'OSS', Media: 'cover.jpg' }) }, 'OSS URL'],
		['ScheduleConfig.Priority', { ScheduleConfig: json({ PipelineId: 'p', Priority: 5 }) }, 'Unknown field'],
		['UserData', { UserData: 'text' }, 'JSON'],
	])('refuses what names %s', async (path, query, why) => {
		const error = await callSdk(client(), 'SubmitSnapshotJob', { ...job(), ...query }).catch((err) => err);
		expect([error.code, error.data.Message]).toEqual(['InvalidParameter', expect.stringContaining(path)]);
		expect(error.data.Message).toContain(why);
	});

	it('required parameters and unknown jobs', async () => {
		const { Input, Output } = job();
		await expectError('SubmitSnapshotJob', { Input, Output }, 'MissingParameter', '"TemplateConfig"');
		await expectError('GetSnapshotJob', { JobId: 'nope' }, 'ResourceNotFound');
		await expectError('GetSnapshotUrls', { JobId: 'nope' }, 'ResourceNotFound');
		await expectError('ListSnapshotJobs', { PageSize: '101' }, 'InvalidParameter', 'PageSize');
	});
});
