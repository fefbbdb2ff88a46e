/** Alibaba's per-action quotas and the round trip to a real endpoint, as the benchmark and the pacing tests need. */
import { ALIBABA_QUOTAS, startEmulator } from '../../tools/sandbox/emulator/index';
import { callSdk, sdk, sdkError } from '../../tools/sandbox/emulator/sdkClient';

it('a quota answers Throttling.User above its requests per second, per action, and survives a reset', async () => {
	const emu = await startEmulator({ quotas: { GetJobDetail: 3 } });
	try {
		const client = sdk(emu);
		let [taskId] = emu.seedJobs({ kind: 'workflow', count: 1, status: 'Processing' });
		const read = () => callSdk(client, 'GetJobDetail', { JobId: taskId, JobType: 'workflow' });
		const outcomes = await Promise.all(
			Array.from({ length: 5 }, () =>
				read().then(
					() => 'ok',
					(error: { code?: string }) => error.code,
				),
			),
		);
		expect(outcomes.sort()).toEqual(['Throttling.User', 'Throttling.User', 'ok', 'ok', 'ok']);
		// Another action is not limited by this quota.
		await callSdk(client, 'ListPackageJobs', {});
		emu.reset();
		[taskId] = emu.seedJobs({ kind: 'workflow', count: 1, status: 'Processing' });
		await new Promise((resolve) => setTimeout(resolve, 1100));
		const again = await Promise.all(
			Array.from({ length: 4 }, () =>
				read().then(
					() => 'ok',
					(error: { code?: string }) => error.code,
				),
			),
		);
		expect(again.filter((outcome) => outcome === 'Throttling.User')).toHaveLength(1);
	} finally {
		await emu.stop();
	}
});

it("'alibaba' applies the documented quotas; latencyMs delays every answer", async () => {
	expect(ALIBABA_QUOTAS).toEqual({ SubmitMediaProducingJob: 30, SubmitWorkflowJob: 20, GetJobDetail: 15 });
	const emu = await startEmulator({ quotas: 'alibaba', latencyMs: 150 });
	try {
		const client = sdk(emu);
		const started = Date.now();
		await callSdk(client, 'ListPackageJobs', {});
		expect(Date.now() - started).toBeGreaterThanOrEqual(150);
		const [taskId] = emu.seedJobs({ kind: 'workflow', count: 1, status: 'Processing' });
		const reads = await Promise.all(
			Array.from({ length: 20 }, () =>
				callSdk(client, 'GetJobDetail', { JobId: taskId, JobType: 'workflow' }).then(
					() => 'ok',
					(error: { code?: string }) => error.code,
				),
			),
		);
		expect(reads.filter((outcome) => outcome === 'ok')).toHaveLength(15);
		expect(await sdkError(client, 'GetJobDetail', { JobId: taskId, JobType: 'workflow' })).toMatchObject({
			code: 'Throttling.User',
		});
	} finally {
		await emu.stop();
	}
});
