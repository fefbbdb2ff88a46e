import type { EmulatorJobKind } from '../../tools/sandbox/emulator';
import { pollAndRun } from '../../tools/sandbox/engine';
import { TRIGGER, TriggerDriver, triggerWorkflow } from '../../tools/sandbox/workflows/jobTrigger';
import { sandboxCredentials } from '../../tools/sandbox/workflows/workflows';
import { HOUR, ids, jobTriggerSuite, MINUTE, PACKAGES_ONLY } from '../support/jobTriggerSuite';

const { emulators, driver, seedRunning, seedFinishing, listRequests } = jobTriggerSuite();

describe('pagination', () => {
	it.each([
		['package', 100, 1],
		['package', 101, 2],
		['production', 100, 1],
		['production', 101, 2],
	] as const)(
		'%s: %i jobs finishing between polls → all emitted with %i list request(s)',
		async (source, count, pages) => {
			const kind: EmulatorJobKind = source === 'package' ? 'package' : 'editing';
			const action = source === 'package' ? 'ListPackageJobs' : 'ListMediaProducingJobs';
			emulators.emulator.seedJobs({ kind, count: 50, status: 'Success' });
			const trigger = driver({ watch: [source], outcomes: ['failed', 'succeeded'] });
			expect(await trigger.poll()).toEqual([]);
			emulators.emulator.clock.advance(HOUR);
			const created = seedRunning(kind, count);
			expect(await trigger.poll()).toEqual([]);
			created.forEach((id) => emulators.emulator.finishJob(id));
			emulators.emulator.clearRequests();
			const items = await trigger.poll();
			expect(ids(items)).toEqual([...created].sort());
			const requests = listRequests(action).filter(
				(request) => request.query.JobType !== 'LiveEditingJob' && request.query.JobType !== 'VETemplateJob',
			);
			expect(requests).toHaveLength(pages);
			const tokenName = source === 'package' ? 'NextPageToken' : 'NextToken';
			if (pages === 2) {
				expect(requests[1].query[tokenName]).toEqual(expect.any(String));
				const { [tokenName]: _token, ...rest } = requests[1].query;
				expect(rest).toEqual(requests[0].query);
			}
			expect(requests[0].query).not.toHaveProperty(tokenName);
		},
	);
});

describe('failed polls and restarts', () => {
	it('3 failed polls (server error, HTML gateway page, reset, timeout) lose nothing: 40 items on recovery, none twice', async () => {
		emulators.emulator.seedJobs({ kind: 'package', count: 500, status: 'Success' });
		const before = seedRunning('package', 20);
		const trigger = new TriggerDriver(
			emulators.emulator,
			triggerWorkflow({ ...PACKAGES_ONLY, options: { timeout: 1 } }),
		);
		expect(await trigger.poll()).toEqual([]);
		const stateAfterActivation = structuredClone(trigger.staticData);

		const after = seedRunning('package', 20);
		before.slice(0, 10).forEach((id) => emulators.emulator.finishJob(id));
		emulators.emulator.faults.error({ action: 'ListPackageJobs', count: 3 });
		expect((await trigger.failingPoll()).message).toContain('InternalError');

		before.slice(10).forEach((id) => emulators.emulator.failJob(id, 'InvalidParameter', 'Resource content bad.'));
		emulators.emulator.faults.html({ action: 'ListPackageJobs', count: 3 });
		expect((await trigger.failingPoll()).message).toContain('502');

		after.slice(0, 10).forEach((id) => emulators.emulator.finishJob(id));
		emulators.emulator.faults.reset({ action: 'ListPackageJobs', count: 3 });
		await trigger.failingPoll();

		after.slice(10).forEach((id) => emulators.emulator.finishJob(id));
		emulators.emulator.faults.delay(1500, { action: 'ListPackageJobs', count: 3 });
		expect((await trigger.failingPoll()).message).toMatch(/Timeout|timed out/i);

		// Nothing the failed polls did reached the state n8n keeps in memory.
		expect(trigger.staticData).toEqual(stateAfterActivation);
		const recovered = await trigger.poll();
		expect(recovered).toHaveLength(40);
		expect(ids(recovered)).toEqual([...before, ...after].sort());
		expect(recovered.filter((item) => item.status === 'failed')).toHaveLength(10);
		expect(await trigger.poll()).toEqual([]);
	}, 60_000);

	it('a poll failing on its second page leaves the in-memory state untouched', async () => {
		const trigger = driver();
		expect(await trigger.poll()).toEqual([]);
		const running = seedRunning('package', 150);
		expect(await trigger.poll()).toEqual([]);
		const stateBefore = structuredClone(trigger.staticData);
		running.forEach((id) => emulators.emulator.finishJob(id));
		emulators.emulator.clearRequests();
		// Page 1 is answered (slowly); by the time page 2 is asked for, every further list request fails.
		emulators.emulator.faults.delay(600, { action: 'ListPackageJobs', count: 1 });
		const failing = trigger.failingPoll();
		await new Promise((resolve) => setTimeout(resolve, 200));
		emulators.emulator.faults.error({ action: 'ListPackageJobs', count: 3 });
		await failing;
		expect(listRequests().filter((request) => request.status === 200)).toHaveLength(1);
		expect(trigger.staticData).toEqual(stateBefore);
		expect(ids(await trigger.poll())).toEqual([...running].sort());
	});

	it('after a restart, polling from the last saved static data neither loses nor repeats jobs', async () => {
		const running = seedRunning('package', 10);
		const trigger = driver();
		expect(await trigger.poll()).toEqual([]);
		running.slice(0, 5).forEach((id) => emulators.emulator.finishJob(id));
		const firstItems = await trigger.pollRaw();
		expect(firstItems.emitted).toBe(true);
		expect(firstItems.savedStaticData).toEqual(trigger.staticData);

		// More polls that emit nothing (state moves on in memory only), then n8n restarts.
		emulators.emulator.clock.advance(HOUR);
		const newer = seedRunning('package', 5);
		expect(await trigger.poll()).toEqual([]);
		emulators.emulator.clock.advance(HOUR);
		expect(await trigger.poll()).toEqual([]);
		expect(trigger.staticData).not.toEqual(trigger.saved);
		trigger.restart();

		running.slice(5).forEach((id) => emulators.emulator.finishJob(id));
		newer.forEach((id) => emulators.emulator.finishJob(id));
		const afterRestart = await trigger.poll();
		expect(ids(afterRestart)).toEqual([...running.slice(5), ...newer].sort());
		expect(await trigger.poll()).toEqual([]);
	});
});

describe('Fetch test event (manual mode)', () => {
	it('returns the most recently finished job and leaves the state where it was', async () => {
		const trigger = driver({ watch: ['package', 'production'], outcomes: ['failed', 'succeeded'] });
		emulators.emulator.seedJobs({ kind: 'package', count: 20, status: 'Success' });
		expect(await trigger.poll()).toEqual([]);
		const running = seedRunning('editing', 2);
		expect(await trigger.poll()).toEqual([]);
		emulators.emulator.clock.advance(MINUTE);
		emulators.emulator.failJob(running[1], 'InvalidParameter', 'Bad clip.');
		const state = structuredClone(trigger.staticData);
		emulators.emulator.clearRequests();

		const sample = await trigger.fetchTestEvent();
		expect(sample.items?.[0]).toHaveLength(1);
		expect(sample.items?.[0][0].json).toMatchObject({
			jobKind: 'mediaProducing',
			jobType: 'EditingJob',
			jobId: running[1],
			status: 'failed',
			errorCode: 'InvalidParameter',
		});
		expect(sample.savedStaticData).toBeUndefined();
		expect(sample.staticData).toEqual(state);
		expect(listRequests()[0].query).toEqual({ OrderBy: 'CreateTimeDesc', PageSize: '100' });

		// The active trigger still emits that job, once.
		expect(ids(await trigger.poll())).toEqual([running[1]]);
	});

	it('with nothing finished it explains why instead of returning an empty sample', async () => {
		seedRunning('package', 3);
		const trigger = driver({ watch: ['package'], outcomes: ['failed'] });
		await expect(trigger.fetchTestEvent()).rejects.toThrow('No finished job matches the trigger’s settings yet');
	});
});

describe('bounded state', () => {
	it('stays under 8 KB after 30 polls over 5,000 jobs of history with 60 jobs finishing per poll', async () => {
		emulators.emulator.seedJobs({ kind: 'package', count: 5000, status: ['Success', 'Fail'] });
		const trigger = driver();
		expect(await trigger.poll()).toEqual([]);
		let emitted = 0;
		const sizes: number[] = [];
		let previous = seedRunning('package', 30);
		for (let poll = 0; poll < 30; poll++) {
			emulators.emulator.clock.advance(5 * MINUTE);
			previous.forEach((id) => emulators.emulator.finishJob(id));
			const finishing = seedFinishing('package', 30, ['Success']);
			emulators.emulator.clock.advance(2 * MINUTE);
			const running = seedRunning('package', 30);
			emitted += (await trigger.poll()).length;
			sizes.push(trigger.stateBytes());
			previous = running;
			expect(finishing).toHaveLength(30);
		}
		expect(emitted).toBe(30 * 60);
		expect(Math.max(...sizes)).toBeLessThan(8 * 1024);
		expect(sizes.at(-1)).toBeLessThanOrEqual(sizes[4] + 100);
	}, 120_000);
});

describe('Trigger → Set through the engine', () => {
	it('the emitted job fields are usable downstream, one item per job', async () => {
		const workflow = triggerWorkflow(PACKAGES_ONLY, [
			{
				id: 'set',
				name: 'Message',
				type: 'n8n-nodes-base.set',
				typeVersion: 3.4,
				position: [220, 0],
				parameters: {
					assignments: {
						assignments: [
							{
								id: 'text',
								name: 'text',
								type: 'string',
								value:
									'=Packaging job {{ $json.jobId }} {{ $json.status }}{{ $json.errorCode ? ": " + $json.errorCode + " " + $json.errorMessage : "" }}',
							},
							{ id: 'url', name: 'url', type: 'string', value: '={{ $json.outputUrl ?? "" }}' },
						],
					},
					options: {},
				},
			},
		]);
		const credentials = sandboxCredentials(emulators.emulator);
		const activation = await pollAndRun(workflow, TRIGGER, { credentials, tick: 'activation' });
		expect(activation.run).toBeUndefined();
		const [ok, bad] = seedRunning('package', 2, {
			OutputUrl: 'http://media-out.oss-cn-shanghai.aliyuncs.com/hls/index.m3u8',
		});
		emulators.emulator.finishJob(ok);
		emulators.emulator.failJob(bad, 'InvalidParameter', 'Resource content bad.');
		const { poll, run } = await pollAndRun(workflow, TRIGGER, { credentials, staticData: activation.poll.staticData });
		expect(poll.emitted).toBe(true);
		expect(run?.status).toBe('success');
		expect(run?.output(TRIGGER).map((item) => item.jobId)).toEqual([ok, bad]);
		expect(run?.output('Message')).toEqual([
			{ text: `Packaging job ${ok} succeeded`, url: 'http://media-out.oss-cn-shanghai.aliyuncs.com/hls/index.m3u8' },
			{
				text: `Packaging job ${bad} failed: InvalidParameter Resource content bad.`,
				url: 'http://media-out.oss-cn-shanghai.aliyuncs.com/hls/index.m3u8',
			},
		]);
	});
});
