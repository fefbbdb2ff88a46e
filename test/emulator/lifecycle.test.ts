import { Emulator, startEmulator } from '../../tools/sandbox/emulator/index';
import { admin, callSdk, sdk, sdkError } from '../../tools/sandbox/emulator/sdkClient';
import type OpenApi from '@alicloud/openapi-client';

let emu: Emulator;
let client: OpenApi;
const T0 = Date.parse('2026-01-10T08:00:00Z');
beforeAll(async () => {
	emu = await startEmulator({ startTime: T0 });
	client = sdk(emu);
});
afterAll(() => emu.stop());
beforeEach(() => {
	emu.reset();
	emu.clock.set(T0);
});

const json = (value: unknown): string => JSON.stringify(value);
const pkg = (media = 'oss://bucket/in.mp4') => ({
	Inputs: json([{ Input: { Type: 'OSS', Media: media } }]),
	Output: json({ Type: 'OSS', Media: 'oss://bucket/out.m3u8' }),
});
const ossOut = json({ MediaURL: 'https://bucket.oss-cn-shanghai.aliyuncs.com/out.mp4' });
const clips = json([
	{
		StartTime: '2026-01-10T07:00:00Z',
		EndTime: '2026-01-10T07:02:00Z',
		AppName: 'a',
		DomainName: 'd',
		StreamName: 's',
	},
]);

describe('job lifecycle over the virtual clock', () => {
	it('packaging: Init → Success with times (the contract has no Processing state for packaging)', async () => {
		const { JobId } = await callSdk(client, 'SubmitPackageJob', pkg());
		const get = async () => (await callSdk(client, 'GetPackageJob', { JobId })).PackageJob;
		expect((await get()).Status).toBe('Init');
		emu.clock.advance(59_000);
		expect(await get()).toMatchObject({ Status: 'Init', ModifiedTime: '2026-01-10T08:00:00Z' });
		expect((await get()).FinishTime).toBeUndefined();
		emu.clock.advance(1_000);
		expect(await get()).toMatchObject({
			Status: 'Success',
			ModifiedTime: '2026-01-10T08:01:00Z',
			FinishTime: '2026-01-10T08:01:00Z',
			CreateTime: '2026-01-10T08:00:00Z',
		});
		expect((await get()).Code).toBeUndefined();
	});

	it('media producing: Init → Queuing → Processing → Success, with Duration only when done', async () => {
		const { JobId } = await callSdk(client, 'SubmitMediaProducingJob', { ProjectId: 'p1', OutputMediaConfig: ossOut });
		const seen: string[] = [];
		for (const step of [0, 2_000, 3_000, 55_000]) {
			emu.clock.advance(step);
			const job = (await callSdk(client, 'GetMediaProducingJob', { JobId })).MediaProducingJob;
			seen.push(job.Status);
			if (job.Status !== 'Success') expect(job.Duration).toBeUndefined();
			else expect(job).toMatchObject({ CompleteTime: '2026-01-10T08:01:00Z', Duration: 30 });
		}
		expect(seen).toEqual(['Init', 'Queuing', 'Processing', 'Success']);
	});

	it('live editing and VOD reach Success / Succeed', async () => {
		const live = await callSdk(client, 'SubmitLiveEditingJob', { Clips: clips });
		const wf = await callSdk(client, 'SubmitWorkflowJob', { WorkflowId: 'wf' });
		emu.clock.advance(60_000);
		expect((await callSdk(client, 'GetLiveEditingJob', { JobId: live.JobId })).LiveEditingJob).toMatchObject({
			Status: 'Success',
			CompleteTime: '2026-01-10T08:01:00Z',
		});
		const data = (await callSdk(client, 'GetJobDetail', { JobId: wf.TaskId, JobType: 'workflow' })).WorkflowTaskDetail;
		expect(data).toMatchObject({ Status: 'Succeed', FinishTime: '2026-01-10T08:01:00Z' });
		expect(JSON.parse(data.ActivityResults)).toBeTruthy();
	});

	it("failJob ends a job now with the kind's failure spelling", async () => {
		const part = await callSdk(client, 'SubmitPackageJob', pkg());
		const match = await callSdk(client, 'SubmitMediaProducingJob', { ProjectId: 'p', OutputMediaConfig: ossOut });
		const width = await callSdk(client, 'SubmitWorkflowJob', { WorkflowId: 'wf' });
		const w2 = await callSdk(client, 'SubmitWorkflowJob', { WorkflowId: 'wf' });
		emu.clock.advance(10_000);
		emu.failJob(part.JobId, 'InvalidParameter', 'Resource content bad.');
		emu.failJob(match.JobId, 'ExceedQuota', 'quota');
		emu.failJob(width.TaskId, 'TranscodeFailed', 'bad source');
		emu.cancelWorkflowTask(w2.TaskId);
		emu.clock.advance(60_000);
		expect((await callSdk(client, 'GetPackageJob', { JobId: part.JobId })).PackageJob).toMatchObject({
			Status: 'Fail',
			Code: 'InvalidParameter',
			Message: 'Resource content bad.',
			FinishTime: '2026-01-10T08:00:10Z',
		});
		expect((await callSdk(client, 'GetMediaProducingJob', { JobId: match.JobId })).MediaProducingJob).toMatchObject({
			Status: 'Failed',
			Code: 'ExceedQuota',
		});
		expect(
			(await callSdk(client, 'GetJobDetail', { JobId: width.TaskId, JobType: 'workflow' })).WorkflowTaskDetail.Status,
		).toBe('Failed');
		expect(
			(await callSdk(client, 'GetJobDetail', { JobId: w2.TaskId, JobType: 'workflow' })).WorkflowTaskDetail.Status,
		).toBe('Canceled');
		expect(() => emu.failJob(part.JobId, 'X', 'y')).toThrow(/already finished/);
	});

	it('failure rules fail matching jobs at their natural end, and can be set over the admin API', async () => {
		emu.failJobsMatching({
			kind: 'package',
			match: 'broken.mp4',
			code: 'InvalidParameter',
			message: 'Resource content bad.',
			times: 1,
		});
		expect(
			(
				await admin(emu, 'POST', '/failure-rules', {
					kind: 'template',
					match: 'tpl-bad',
					code: 'TemplateError',
					message: 'x',
				})
			).status,
		).toBe(200);
		const bad = await callSdk(client, 'SubmitPackageJob', pkg('oss://bucket/broken.mp4'));
		const bad2 = await callSdk(client, 'SubmitPackageJob', pkg('oss://bucket/broken.mp4'));
		const tpl = await callSdk(client, 'SubmitMediaProducingJob', {
			TemplateId: 'tpl-bad',
			ClipsParam: '{}',
			OutputMediaConfig: ossOut,
		});
		emu.clock.advance(30_000);
		expect(emu.jobs.get(bad.JobId)!.status).toBe('Init');
		emu.clock.advance(30_000);
		expect(emu.jobs.get(bad.JobId)).toMatchObject({ status: 'Fail', code: 'InvalidParameter' });
		expect(emu.jobs.get(bad2.JobId)!.status).toBe('Success');
		expect(emu.jobs.get(tpl.JobId)).toMatchObject({ status: 'Failed', code: 'TemplateError' });
	});

	it('real clock mode flows with a speed factor', async () => {
		const fast = await startEmulator({ clock: 'real', speed: 1000 });
		try {
			const char = sdk(fast);
			const { JobId } = await callSdk(char, 'SubmitPackageJob', pkg());
			await new Promise((resolve) => setTimeout(resolve, 100));
			expect((await callSdk(char, 'GetPackageJob', { JobId })).PackageJob.Status).toBe('Success');
		} finally {
			await fast.stop();
		}
	});
});

describe('lists and pagination', () => {
	it('ListPackageJobs pages exactly a page, a page plus one, and filters', async () => {
		const ids = emu.seedJobs({ kind: 'package', count: 20, createdAt: '2026-01-09T00:00:00Z', intervalMs: 60_000 });
		const page1 = (await callSdk(client, 'ListPackageJobs', {})).PackageJobList;
		expect(page1.PackageJobs).toHaveLength(20);
		expect(page1.NextPageToken).toBeUndefined();
		expect(page1.PackageJobs[0].JobId).toBe(ids[19]);
		emu.seedJobs({ kind: 'package', count: 1, createdAt: '2026-01-09T12:00:00Z', status: 'Fail' });
		const left = (await callSdk(client, 'ListPackageJobs', { OrderBy: 'CreateTimeAsc' })).PackageJobList;
		expect(left.PackageJobs.map((part: any) => part.JobId)).toEqual(ids);
		expect(left.NextPageToken).toEqual(expect.any(String));
		const right = (
			await callSdk(client, 'ListPackageJobs', { OrderBy: 'CreateTimeAsc', NextPageToken: left.NextPageToken })
		).PackageJobList;
		expect(right.PackageJobs).toHaveLength(1);
		expect(right.PackageJobs[0]).toMatchObject({ Status: 'Fail', Code: 'InvalidParameter' });
		expect(right.NextPageToken).toBeUndefined();
		expect((await sdkError(client, 'ListPackageJobs', { NextPageToken: left.NextPageToken })).code).toBe(
			'InvalidParameter',
		);
		const filtered = (
			await callSdk(client, 'ListPackageJobs', {
				StartOfCreateTime: '2026-01-09T00:05:00Z',
				EndOfCreateTime: '2026-01-09T00:09:00Z',
				PageSize: '3',
			})
		).PackageJobList;
		expect(filtered.PackageJobs.map((part: any) => part.JobId)).toEqual([ids[9], ids[8], ids[7]]);
		const f2 = (
			await callSdk(client, 'ListPackageJobs', {
				StartOfCreateTime: '2026-01-09T00:05:00Z',
				EndOfCreateTime: '2026-01-09T00:09:00Z',
				PageSize: '3',
				NextPageToken: filtered.NextPageToken,
			})
		).PackageJobList;
		expect(f2.PackageJobs.map((part: any) => part.JobId)).toEqual([ids[6], ids[5]]);
		expect((await callSdk(client, 'ListPackageJobs', { Status: 'Fail' })).PackageJobList.PackageJobs).toHaveLength(1);
		expect((await callSdk(client, 'ListPackageJobs', { JobId: ids[3] })).PackageJobList.PackageJobs[0].JobId).toBe(
			ids[3],
		);
		expect((await sdkError(client, 'ListPackageJobs', { PageSize: '101' })).code).toBe('InvalidParameter');
		expect((await sdkError(client, 'ListPackageJobs', { OrderBy: 'Newest' })).code).toBe('InvalidParameter');
		expect((await sdkError(client, 'ListPackageJobs', { StartOfCreateTime: 'yesterday' })).code).toBe(
			'InvalidParameter',
		);
	});

	it('ListMediaProducingJobs filters by JobType, status, time window and pages with NextToken', async () => {
		emu.seedJobs({ kind: 'editing', count: 10, createdAt: '2026-01-08T00:00:00Z' });
		emu.seedJobs({ kind: 'template', count: 1, createdAt: '2026-01-08T01:00:00Z', status: 'Failed' });
		const live = await callSdk(client, 'SubmitLiveEditingJob', { Clips: clips });
		const all = await callSdk(client, 'ListMediaProducingJobs', {});
		expect(all.MaxResults).toBe('10');
		expect(all.MediaProducingJobList).toHaveLength(10);
		expect(all.MediaProducingJobList[0]).toMatchObject({ JobId: live.JobId, Status: 'Init' });
		// Items carry no JobType: it is a request filter only.
		expect(all.MediaProducingJobList[0]).not.toHaveProperty('JobType');
		expect(all.MediaProducingJobList[1]).toMatchObject({ Status: 'Failed' });
		expect(
			(await callSdk(client, 'ListMediaProducingJobs', { JobType: 'VETemplateJob' })).MediaProducingJobList.map(
				(item: any) => item.JobId,
			),
		).toEqual([all.MediaProducingJobList[1].JobId]);
		const rest = await callSdk(client, 'ListMediaProducingJobs', { NextToken: all.NextToken });
		expect(rest.MediaProducingJobList).toHaveLength(2);
		expect(rest.NextToken).toBeUndefined();
		const editing = await callSdk(client, 'ListMediaProducingJobs', {
			JobType: 'EditingJob',
			MaxResults: '10',
			SortBy: 'CreationTime:Asc',
		});
		expect(editing.MediaProducingJobList).toHaveLength(10);
		expect(editing.NextToken).toBeUndefined();
		expect(editing.MediaProducingJobList.every((item: any) => item.Status === 'Success')).toBe(true);
		expect((await sdkError(client, 'ListMediaProducingJobs', { Status: 'Queuing' })).code).toBe('InvalidParameter');
		expect((await callSdk(client, 'ListMediaProducingJobs', { Status: 'Failed' })).MediaProducingJobList).toHaveLength(
			1,
		);
		expect(
			(await callSdk(client, 'ListMediaProducingJobs', { Keyword: live.JobId.slice(0, 10) })).MediaProducingJobList,
		).toHaveLength(1);
		expect(
			(await callSdk(client, 'ListMediaProducingJobs', { ProjectId: live.ProjectId })).MediaProducingJobList,
		).toHaveLength(1);
		expect(
			(
				await callSdk(client, 'ListMediaProducingJobs', {
					StartTime: '2026-01-10T00:00:00Z',
					EndTime: '2026-01-11T00:00:00Z',
				})
			).MediaProducingJobList,
		).toHaveLength(1);
		expect(
			(
				await sdkError(client, 'ListMediaProducingJobs', {
					StartTime: '2025-12-01T00:00:00Z',
					EndTime: '2026-01-11T00:00:00Z',
				})
			).code,
		).toBe('InvalidParameter');
		expect((await sdkError(client, 'ListMediaProducingJobs', { MaxResults: '0' })).code).toBe('InvalidParameter');
		expect((await sdkError(client, 'ListMediaProducingJobs', { JobType: 'PackageJob' })).code).toBe('InvalidParameter');
	});

	it('seeds 10,000 jobs quickly and lists them', async () => {
		const started = Date.now();
		emu.seedJobs({ kind: 'package', count: 10_000, status: ['Success', 'Fail', 'Init'] });
		const res = await callSdk(client, 'ListPackageJobs', { Status: 'Init', PageSize: '100' });
		expect(res.PackageJobList.PackageJobs).toHaveLength(100);
		expect(Date.now() - started).toBeLessThan(2000);
		const seeded = (await admin(emu, 'POST', '/jobs/seed', { kind: 'workflow', count: 2, status: 'Processing' })).json
			.jobIds;
		expect(emu.jobs.get(seeded[0])!.status).toBe('Processing');
		emu.clock.advance(3600_000);
		expect(emu.jobs.get(seeded[0])!.status).toBe('Processing');
		emu.finishJob(seeded[0]);
		expect(emu.jobs.get(seeded[0])!.status).toBe('Succeed');
	});
});
