/**
 * The Media Job Trigger against an Alibaba clock hours ahead of or behind n8n's: cursors come from the jobs'
 * CreateTime (service time), so neither direction skips or repeats jobs. (Signatures are still checked against
 * the real clock, as Alibaba does; only the jobs' timestamps are skewed.)
 */
import type { IDataObject } from 'n8n-workflow';

import type { Emulator, EmulatorJobKind } from '../../tools/sandbox/emulator';
import { jobStates, startEmulator } from '../../tools/sandbox/emulator';
import { getHarness } from '../../tools/sandbox/engine';
import { TriggerDriver, triggerWorkflow } from '../../tools/sandbox/workflows/jobTrigger';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

beforeAll(async () => {
	await getHarness();
});

function ids(items: IDataObject[]): string[] {
	return items.map((item) => item.jobId as string).sort();
}

describe.each([
	['6 hours ahead of', 6 * HOUR],
	['6 hours behind', -6 * HOUR],
	['20 hours ahead of', 20 * HOUR],
])('Alibaba’s clock %s n8n’s', (_label, skewMs) => {
	let emulator: Emulator;
	beforeAll(async () => {
		emulator = await startEmulator({ startTime: Date.now() + skewMs });
	});
	afterAll(async () => emulator.stop());
	beforeEach(() => emulator.reset());

	it.each([
		['package', 'package'],
		['production', 'editing'],
	] as const)('%s jobs: nothing on activation, then every finished job once', async (source, kind: EmulatorJobKind) => {
		emulator.seedJobs({ kind, count: 500, status: kind === 'package' ? ['Success', 'Fail'] : ['Success', 'Failed'] });
		const runningBefore = emulator.seedJobs({
			kind,
			count: 10,
			status: jobStates(kind).running.at(-1),
			intervalMs: 1000,
		});
		const trigger = new TriggerDriver(
			emulator,
			triggerWorkflow({ watch: [source], outcomes: ['failed', 'succeeded'] }),
		);
		expect(await trigger.poll()).toEqual([]);

		const emitted: IDataObject[] = [];
		const created: string[] = [...runningBefore];
		for (let round = 0; round < 4; round++) {
			emulator.clock.advance(5 * MINUTE);
			if (round === 1) runningBefore.forEach((id) => emulator.finishJob(id));
			created.push(...emulator.seedJobs({ kind, count: 10, status: 'Success', intervalMs: 1000 }));
			emulator.clock.advance(2 * MINUTE);
			emitted.push(...(await trigger.poll()));
		}
		expect(await trigger.poll()).toEqual([]);
		expect(emitted).toHaveLength(50);
		expect(ids(emitted)).toEqual([...created].sort());
		// Every list request's time window is in the service's time, not n8n's.
		const action = source === 'package' ? 'ListPackageJobs' : 'ListMediaProducingJobs';
		const startName = source === 'package' ? 'StartOfCreateTime' : 'StartTime';
		const ofThisKind = (query: Record<string, string>) => source === 'package' || query.JobType === 'EditingJob';
		const steady = emulator.requests
			.filter((request) => request.action === action && ofThisKind(request.query))
			.slice(-1)[0].query;
		const newest = Math.max(...emulator.jobs.list(kind).map((job) => Date.parse(job.createTime)));
		expect(Date.parse(steady[startName])).toBe(newest - 10 * MINUTE);
	});
});
