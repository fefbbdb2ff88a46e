import type { IDataObject } from 'n8n-workflow';

import type { EmulatorJobKind } from '../../tools/sandbox/emulator';
import { HOUR, ids, jobTriggerSuite, MINUTE, PACKAGES_ONLY, PRODUCTION_ONLY } from '../support/jobTriggerSuite';

const { emulators, driver, seedRunning, seedFinishing, listRequests } = jobTriggerSuite();

describe('activation', () => {
	it('emits nothing for 1,000 finished jobs of history, reading only the look-back window, newest first', async () => {
		// 1,000 jobs one minute apart: ~16.7 hours of history, all within the default 24-hour look-back.
		emulators.emulator.seedJobs({ kind: 'package', count: 1000, status: ['Success', 'Fail'] });
		const trigger = driver();

		const first = await trigger.pollRaw();
		expect(first.emitted).toBe(false);
		expect(first.items).toBeNull();
		const requests = listRequests();
		expect(requests).toHaveLength(10);
		expect(requests[0].query).toEqual({ OrderBy: 'CreateTimeDesc', PageSize: '100' });
		expect(requests[1].query).toEqual({
			OrderBy: 'CreateTimeDesc',
			PageSize: '100',
			NextPageToken: expect.any(String),
		});

		emulators.emulator.clearRequests();
		emulators.emulator.clock.advance(5 * MINUTE);
		expect(await trigger.poll()).toEqual([]);
		// Steady state: one page from the newest CreateTime minus the 10-minute overlap, oldest first.
		const newest = emulators.emulator.jobs.list('package').at(-1)!.createTime;
		expect(listRequests()).toHaveLength(1);
		expect(listRequests()[0].query).toEqual({
			StartOfCreateTime: new Date(Date.parse(newest) - 10 * MINUTE).toISOString().replace('.000Z', 'Z'),
			OrderBy: 'CreateTimeAsc',
			PageSize: '100',
		});
	});

	it('a long history is read only back to the look-back window (10,000 jobs → 15 pages), then one page per poll', async () => {
		emulators.emulator.seedJobs({ kind: 'package', count: 10_000, status: 'Success' });
		const trigger = driver();
		expect(await trigger.poll()).toEqual([]);
		// 24 h of one job a minute = 1,440 jobs: the 15th page (jobs 1,401–1,500) reaches past the window.
		expect(listRequests()).toHaveLength(15);
		emulators.emulator.clearRequests();
		const finishing = seedRunning('package', 10);
		expect(await trigger.poll()).toEqual([]);
		finishing.forEach((id) => emulators.emulator.finishJob(id));
		const items = await trigger.poll();
		expect(ids(items)).toEqual([...finishing].sort());
		expect(listRequests()).toHaveLength(2);
	});
});

describe('every job that finishes after activation is emitted exactly once', () => {
	it('250 jobs finishing over 5 polls → 250 distinct items with the emulators.emulator’s IDs and outcomes', async () => {
		emulators.emulator.seedJobs({ kind: 'package', count: 300, status: 'Success' });
		const trigger = driver();
		expect(await trigger.poll()).toEqual([]);

		const emitted: IDataObject[] = [];
		const created: string[] = [];
		for (let round = 0; round < 5; round++) {
			created.push(...seedFinishing('package', 50, ['Success', 'Fail']));
			emulators.emulator.clock.advance(2 * MINUTE);
			const items = await trigger.poll();
			expect(items).toHaveLength(50);
			emitted.push(...items);
		}
		expect(await trigger.poll()).toEqual([]);

		expect(new Set(ids(emitted)).size).toBe(250);
		expect(ids(emitted)).toEqual([...created].sort());
		for (const item of emitted) {
			const job = emulators.emulator.jobs.get(item.jobId as string)!;
			expect(item.status).toBe(job.status === 'Success' ? 'succeeded' : 'failed');
			expect(item.finishedAt).toBe(job.finishTime);
		}
		expect(emitted.filter((item) => item.status === 'failed')).toHaveLength(125);
	});

	it('jobs created before activation are emitted when they finish later; those older than the look-back window are not', async () => {
		const old = emulators.emulator.seedJobs({
			kind: 'package',
			count: 5,
			status: 'Init',
			createdAt: emulators.emulator.clock.now() - 30 * HOUR,
		});
		emulators.emulator.seedJobs({
			kind: 'package',
			count: 200,
			status: 'Success',
			createdAt: emulators.emulator.clock.now() - 20 * HOUR,
			intervalMs: 5 * MINUTE,
		});
		const running = seedRunning('package', 30);
		const trigger = driver();
		expect(await trigger.poll()).toEqual([]);

		running.slice(0, 10).forEach((id) => emulators.emulator.finishJob(id));
		emulators.emulator.clock.advance(MINUTE);
		expect(ids(await trigger.poll())).toEqual(running.slice(0, 10).sort());

		// Hours later, after newer jobs moved the cursor far past them, the rest end (one fails); the 30-hour-old ones too.
		emulators.emulator.clock.advance(3 * HOUR);
		const newer = seedFinishing('package', 5, ['Success']);
		emulators.emulator.clock.advance(2 * MINUTE);
		expect(ids(await trigger.poll())).toEqual([...newer].sort());
		running.slice(10, 29).forEach((id) => emulators.emulator.finishJob(id));
		emulators.emulator.failJob(running[29], 'InvalidParameter', 'Resource content bad.');
		old.forEach((id) => emulators.emulator.finishJob(id));
		const later = await trigger.poll();
		expect(ids(later)).toEqual(running.slice(10).sort());
		expect(later.find((item) => item.jobId === running[29])).toMatchObject({
			status: 'failed',
			errorCode: 'InvalidParameter',
			errorMessage: 'Resource content bad.',
		});
		expect(await trigger.poll()).toEqual([]);
	});

	it('a job still running longer than the look-back window after newer jobs is no longer followed (Look-Back Window = 1 h)', async () => {
		const [slow] = seedRunning('package', 1);
		const trigger = driver({ ...PACKAGES_ONLY, options: { lookBackHours: 1 } });
		expect(await trigger.poll()).toEqual([]);
		expect(Object.keys((trigger.staticData['node:Media Job Trigger'] as IDataObject).sources as object)).toEqual([
			'package',
		]);
		emulators.emulator.clock.advance(2 * HOUR);
		const newer = seedFinishing('package', 3, ['Success']);
		emulators.emulator.clock.advance(2 * MINUTE);
		expect(ids(await trigger.poll())).toEqual([...newer].sort());
		const state = (trigger.staticData['node:Media Job Trigger'] as { sources: { package: { pending: object } } })
			.sources.package;
		expect(state.pending).toEqual({});
		emulators.emulator.finishJob(slow);
		expect(await trigger.poll()).toEqual([]);
	});

	it('a job listed late with a CreateTime inside the overlap before the cursor is emitted once; re-read jobs are not repeated', async () => {
		emulators.emulator.seedJobs({ kind: 'package', count: 10, status: 'Success' });
		const trigger = driver();
		expect(await trigger.poll()).toEqual([]);
		// Created 3 minutes ago, i.e. before the newest CreateTime the trigger has seen, but listed only now.
		const late = emulators.emulator.seedJobs({
			kind: 'package',
			count: 20,
			status: 'Success',
			intervalMs: 0,
			createdAt: emulators.emulator.clock.now() - 3 * MINUTE,
		});
		const running = emulators.emulator.seedJobs({
			kind: 'package',
			count: 20,
			status: 'Init',
			intervalMs: 0,
			createdAt: emulators.emulator.clock.now(),
		});
		emulators.emulator.clock.advance(1000);
		expect(ids(await trigger.poll())).toEqual([...late].sort());
		running.forEach((id) => emulators.emulator.finishJob(id));
		expect(ids(await trigger.poll())).toEqual([...running].sort());
		expect(await trigger.poll()).toEqual([]);
		expect(await trigger.poll()).toEqual([]);
	});
});

describe('outcomes and filters', () => {
	it('Outcomes = Failed emits only failed jobs, with their error; the successes are not emitted later either', async () => {
		const trigger = driver({ watch: ['package'], outcomes: ['failed'] });
		expect(await trigger.poll()).toEqual([]);
		const created = seedFinishing('package', 10, ['Success', 'Fail']);
		emulators.emulator.clock.advance(2 * MINUTE);
		const items = await trigger.poll();
		expect(ids(items)).toEqual(created.filter((_, index) => index % 2 === 1).sort());
		expect(items.every((item) => item.status === 'failed' && item.errorCode === 'InvalidParameter')).toBe(true);
		expect(await trigger.poll()).toEqual([]);

		const successes = driver({ watch: ['package'], outcomes: ['succeeded'] });
		emulators.emulator.reset();
		expect(await successes.poll()).toEqual([]);
		const more = seedFinishing('package', 10, ['Success', 'Fail']);
		emulators.emulator.clock.advance(2 * MINUTE);
		expect(ids(await successes.poll())).toEqual(more.filter((_, index) => index % 2 === 0).sort());
	});

	it('Pipeline ID keeps only that pipeline’s packaging jobs (filtered by the trigger: the API has no such filter)', async () => {
		const trigger = driver({ ...PACKAGES_ONLY, options: { pipelineId: 'pipe-A' } });
		expect(await trigger.poll()).toEqual([]);
		const left = seedFinishing('package', 6, ['Success'], { PipelineId: 'pipe-A' });
		seedFinishing('package', 6, ['Success'], { PipelineId: 'pipe-B' });
		emulators.emulator.clock.advance(2 * MINUTE);
		const items = await trigger.poll();
		expect(ids(items)).toEqual([...left].sort());
		expect(items.every((item) => (item.job as IDataObject).PipelineId === 'pipe-A')).toBe(true);
		expect(listRequests().every((request) => !('PipelineId' in request.query))).toBe(true);
	});

	it('production jobs: Project ID and one Job Type go to the API; jobType is on each item', async () => {
		const trigger = driver({ ...PRODUCTION_ONLY, options: { projectId: 'proj-1', jobTypes: ['VETemplateJob'] } });
		expect(await trigger.poll()).toEqual([]);
		const wanted = seedFinishing('template', 4, ['Success', 'Failed'], { ProjectId: 'proj-1' });
		seedFinishing('template', 4, ['Success'], { ProjectId: 'proj-2' });
		seedFinishing('editing', 4, ['Success'], { ProjectId: 'proj-1' });
		emulators.emulator.clock.advance(2 * MINUTE);
		const items = await trigger.poll();
		expect(ids(items)).toEqual([...wanted].sort());
		expect(items.map((item) => [item.jobKind, item.jobType])).toEqual(
			Array(4).fill(['mediaProducing', 'VETemplateJob']),
		);
		const requests = listRequests('ListMediaProducingJobs');
		expect(
			requests.every((request) => request.query.ProjectId === 'proj-1' && request.query.JobType === 'VETemplateJob'),
		).toBe(true);
		const last = requests.at(-1)!.query;
		expect(Date.parse(last.EndTime) - Date.parse(last.StartTime)).toBe(30 * 24 * HOUR - 1000);
		expect(last).toMatchObject({ SortBy: 'CreationTime:Asc', MaxResults: '100' });
	});

	it.each([
		['two Job Types', ['EditingJob', 'LiveEditingJob']],
		['three Job Types', ['EditingJob', 'LiveEditingJob', 'VETemplateJob']],
		['no Job Type (all)', []],
	])(
		'%s: one list per type (the API filters by one JobType per call), every finished job once, each saying its type',
		async (_label, jobTypes) => {
			const trigger = driver({ ...PRODUCTION_ONLY, options: { jobTypes } });
			expect(await trigger.poll()).toEqual([]);
			const watched = jobTypes.length > 0 ? jobTypes : ['EditingJob', 'LiveEditingJob', 'VETemplateJob'];
			const typeOf: Record<string, string> = {};
			const seeded: Array<[EmulatorJobKind, string]> = [
				['editing', 'EditingJob'],
				['liveEditing', 'LiveEditingJob'],
				['template', 'VETemplateJob'],
			];
			for (const [round, statuses] of [['Success'], ['Failed', 'Success']].entries()) {
				for (const [kind, jobType] of seeded) {
					for (const id of seedFinishing(kind, 3, statuses)) typeOf[id] = jobType;
				}
				emulators.emulator.clock.advance(2 * MINUTE);
				const items = await trigger.poll();
				const expected = Object.keys(typeOf).filter((id) => watched.includes(typeOf[id]));
				expect([round, ids(items)]).toEqual([round, expected.sort()]);
				expect(items.every((item) => item.jobType === typeOf[item.jobId as string])).toBe(true);
				Object.keys(typeOf).forEach((id) => delete typeOf[id]);
			}
			expect(await trigger.poll()).toEqual([]);
			const sentTypes = new Set(listRequests('ListMediaProducingJobs').map((request) => request.query.JobType));
			expect([...sentTypes].sort()).toEqual([...watched].sort());
		},
	);

	it('watching both lists emits packaging and production jobs in one poll, ordered by finish time', async () => {
		const trigger = driver({ watch: ['package', 'production'], outcomes: ['failed', 'succeeded'] });
		expect(await trigger.poll()).toEqual([]);
		const pkg = seedRunning('package', 2, {
			OutputUrl: 'http://media-out.oss-cn-shanghai.aliyuncs.com/hls/index.m3u8',
		});
		const prod = seedRunning('editing', 2);
		expect(await trigger.poll()).toEqual([]);
		emulators.emulator.finishJob(prod[0]);
		emulators.emulator.clock.advance(1000);
		emulators.emulator.finishJob(pkg[0]);
		emulators.emulator.clock.advance(1000);
		emulators.emulator.failJob(prod[1], 'InvalidParameter.Timeline', 'The timeline is empty.');
		emulators.emulator.clock.advance(1000);
		emulators.emulator.finishJob(pkg[1]);
		const items = await trigger.poll();
		expect(items.map((item) => item.jobId)).toEqual([prod[0], pkg[0], prod[1], pkg[1]]);
		expect(items[2]).toMatchObject({
			jobKind: 'mediaProducing',
			jobType: 'EditingJob',
			status: 'failed',
			errorCode: 'InvalidParameter.Timeline',
		});
		expect(items[1]).toMatchObject({
			jobKind: 'package',
			status: 'succeeded',
			outputUrl: 'http://media-out.oss-cn-shanghai.aliyuncs.com/hls/index.m3u8',
		});
		expect(items[1]).not.toHaveProperty('jobType');
		// ListPackageJobs items have no OutputUrl: each emitted packaging job, and only those, is read once.
		const reads = emulators.emulator.requests.filter((request) => request.action === 'GetPackageJob');
		expect(reads.map((request) => request.query)).toEqual([{ JobId: pkg[0] }, { JobId: pkg[1] }]);
	});

	it('a packaging job the Get no longer finds is emitted as listed; another failed Get fails the poll, and the job comes next', async () => {
		const trigger = driver();
		expect(await trigger.poll()).toEqual([]);
		const [gone, kept] = seedRunning('package', 2);
		expect(await trigger.poll()).toEqual([]);
		emulators.emulator.finishJob(gone);
		emulators.emulator.faults.error({ action: 'GetPackageJob', status: 404, code: 'ResourceNotFound', count: 1 });
		expect((await trigger.poll()).map((item) => [item.jobId, item.status])).toEqual([[gone, 'succeeded']]);

		emulators.emulator.finishJob(kept);
		emulators.emulator.faults.error({ action: 'GetPackageJob', count: 3 });
		expect((await trigger.failingPoll()).message).toContain('GetPackageJob');
		const items = await trigger.poll();
		expect(items.map((item) => [item.jobId, item.status])).toEqual([[kept, 'succeeded']]);
		expect(items[0].job).toMatchObject({ JobId: kept, Status: 'Success' });
		expect(await trigger.poll()).toEqual([]);
	});

	it('an invalid option fails the poll with the field named and sends nothing', async () => {
		const trigger = driver({ ...PACKAGES_ONLY, options: { lookBackHours: 0 } });
		const error = await trigger.failingPoll();
		expect(error.message).toBe('Look-Back Window (Hours) must be a whole number from 1 to 600 (got 0)');
		expect(emulators.emulator.requests).toHaveLength(0);
	});
});
