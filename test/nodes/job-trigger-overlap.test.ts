/**
 * n8n starts each Poll Time without waiting for the previous poll (`void executePollTrigger()`), so a slow poll and the
 * next one run at once over one active workflow's static data. Each job must still be emitted exactly once, and a
 * poll that fails while another one yields to it must leave every job for the next poll.
 */
import type { IDataObject } from 'n8n-workflow';

import { ids, jobTriggerSuite, MINUTE } from '../support/jobTriggerSuite';

const { emulators, driver, seedRunning, listRequests } = jobTriggerSuite();

const BOTH_LISTS = { watch: ['package', 'production'], outcomes: ['failed', 'succeeded'] };
/** Every answer this slow: the first poll is still reading when the second one starts. */
const SLOW_ANSWER_MS = 300;
const SECOND_POLL_AFTER_MS = 200;

function answeredReads(): number {
	return listRequests('GetPackageJob').filter((request) => request.status === 200).length;
}

async function until(condition: () => boolean, timeoutMs = 20_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!condition()) {
		if (Date.now() > deadline) throw new Error('timed out waiting for the condition');
		await new Promise((resolve) => setTimeout(resolve, 20));
	}
}

function emittedOf(outcome: IDataObject[] | Error): IDataObject[] {
	if (outcome instanceof Error) throw outcome;
	return outcome;
}

/** An activated trigger over 23 packaging and 7 production jobs that are running. */
async function activatedOverRunningJobs() {
	const trigger = driver(BOTH_LISTS);
	const packaging = seedRunning('package', 23);
	const production = seedRunning('editing', 7);
	expect(await trigger.poll()).toEqual([]);
	return { trigger, packaging, production };
}

describe('overlapping polls of one active workflow', () => {
	it('emit every job that finished exactly once; the later poll sends nothing while the earlier one runs', async () => {
		const { trigger, packaging, production } = await activatedOverRunningJobs();
		emulators.emulator.clock.advance(MINUTE);
		[...packaging, ...production].forEach((id) => emulators.emulator.finishJob(id));
		emulators.emulator.clearRequests();
		emulators.emulator.faults.delay(SLOW_ANSWER_MS, { count: 1000 });

		const [first, second] = await trigger.overlappingPolls(SECOND_POLL_AFTER_MS);

		const emitted = [...emittedOf(first), ...emittedOf(second)];
		expect(ids(emitted)).toEqual([...packaging, ...production].sort());
		expect(emittedOf(second)).toEqual([]);
		// One scan of each list (the packaging list and the three production lists, one per job type), no second one.
		expect(listRequests('ListPackageJobs')).toHaveLength(1);
		expect(listRequests('ListMediaProducingJobs')).toHaveLength(3);
		expect(listRequests('GetPackageJob')).toHaveLength(packaging.length);

		emulators.emulator.faults.clear();
		expect(await trigger.poll()).toEqual([]);
	}, 60_000);

	it('jobs that finish while a poll yields are emitted by the next poll, once', async () => {
		const { trigger, packaging, production } = await activatedOverRunningJobs();
		emulators.emulator.clock.advance(MINUTE);
		packaging.slice(0, 10).forEach((id) => emulators.emulator.finishJob(id));
		emulators.emulator.faults.delay(SLOW_ANSWER_MS, { count: 1000 });

		emulators.emulator.clearRequests();
		const overlap = trigger.overlappingPolls(SECOND_POLL_AFTER_MS);
		// These finish once the first poll has scanned its lists (it reads the finished jobs last), after the second
		// poll has yielded.
		await until(() => listRequests('GetPackageJob').length > 0);
		[...packaging.slice(10), ...production].forEach((id) => emulators.emulator.finishJob(id));
		const [first, second] = await overlap;
		expect(ids(emittedOf(first))).toEqual(packaging.slice(0, 10).sort());
		expect(emittedOf(second)).toEqual([]);

		emulators.emulator.faults.clear();
		expect(ids(await trigger.poll())).toEqual([...packaging.slice(10), ...production].sort());
		expect(await trigger.poll()).toEqual([]);
	}, 60_000);

	it('a poll failing half-way while the overlapping one yields loses nothing: the next poll emits every job once', async () => {
		const { trigger, packaging, production } = await activatedOverRunningJobs();
		emulators.emulator.clock.advance(MINUTE);
		[...packaging, ...production].forEach((id) => emulators.emulator.finishJob(id));
		const stateBefore = structuredClone(trigger.staticData);
		emulators.emulator.faults.delay(SLOW_ANSWER_MS, { count: 1000 });

		const overlap = trigger.overlappingPolls(SECOND_POLL_AFTER_MS);
		// Half-way: some of the finished packaging jobs have been read, then every further read fails.
		await until(() => answeredReads() >= 5);
		emulators.emulator.faults.error({ action: 'GetPackageJob', count: 1000 });
		const [first, second] = await overlap;
		expect(first).toBeInstanceOf(Error);
		expect((first as Error).message).toContain('InternalError');
		expect(emittedOf(second)).toEqual([]);
		expect(trigger.staticData).toEqual(stateBefore);

		emulators.emulator.faults.clear();
		const recovered = await trigger.poll();
		expect(ids(recovered)).toEqual([...packaging, ...production].sort());
		expect(await trigger.poll()).toEqual([]);
	}, 60_000);
});
