/**
 * Cost of the Media Job Trigger's polls versus the size of the account's history.
 *
 *   npx tsx scripts/benchmarks/trigger.ts        (run `npm run build` first: the harness loads dist/)
 *
 * For 100, 1,000 and 10,000 packaging jobs of history (one a minute, all finished) plus as many production
 * jobs, the trigger is activated, then polled 20 times while 10 jobs of each list finish between polls
 * (created and finished in the emulator). Polls go through the test harness exactly as in the tests
 * (n8n-core's PollTriggerExecutor + PollContext, real HTTP to the emulator, ACS3 signatures); the static
 * data each poll leaves is handed to the next. Printed as a markdown table.
 *
 * Then one poll that emits 250 finished packaging jobs (ListPackageJobs lacks their OutputUrl, so each is read with
 * GetPackageJob) against the emulator with a 50 ms round trip, as wall time against the quota floor: 250 reads at
 * the 50 a second the package assumes for undocumented reads. In the same run, the reference: the official
 * @alicloud/openapi-client reading the same 250 jobs one after another.
 */
import type { IDataObject } from 'n8n-workflow';

import type { Emulator } from '../../tools/sandbox/emulator';
import { startEmulator } from '../../tools/sandbox/emulator';
import { callSdk, sdk } from '../../tools/sandbox/emulator/sdkClient';
import { getHarness } from '../../tools/sandbox/engine';
import { DEFAULT_QUOTAS } from '../../nodes/shared/transport/pacing';
import { TriggerDriver, triggerWorkflow } from '../../tools/sandbox/workflows/jobTrigger';

const HISTORY_SIZES = [100, 1_000, 10_000];
const STEADY_POLLS = 20;
const FINISHING_PER_POLL = 10;
const MINUTE = 60_000;

interface Row {
	history: number;
	activationCalls: number;
	activationMs: number;
	callsPerPoll: number;
	maxCallsPerPoll: number;
	msPerPoll: number;
	itemsPerPoll: number;
	stateBytes: number;
}

async function measure(emulator: Emulator, history: number): Promise<Row> {
	emulator.reset();
	emulator.seedJobs({ kind: 'package', count: history, status: ['Success', 'Fail'] });
	emulator.seedJobs({ kind: 'editing', count: history, status: ['Success', 'Failed'] });
	const trigger = new TriggerDriver(
		emulator,
		triggerWorkflow({ watch: ['package', 'production'], outcomes: ['failed', 'succeeded'] }),
	);

	emulator.clearRequests();
	let started = performance.now();
	await trigger.poll();
	const activationMs = performance.now() - started;
	const activationCalls = emulator.requests.length;

	let running = [
		...emulator.seedJobs({ kind: 'package', count: FINISHING_PER_POLL, status: 'Init', intervalMs: 1000 }),
		...emulator.seedJobs({ kind: 'editing', count: FINISHING_PER_POLL, status: 'Processing', intervalMs: 1000 }),
	];
	await trigger.poll();

	const calls: number[] = [];
	const times: number[] = [];
	let items = 0;
	let stateBytes = 0;
	for (let poll = 0; poll < STEADY_POLLS; poll++) {
		emulator.clock.advance(MINUTE);
		running.forEach((id) => emulator.finishJob(id));
		running = [
			...emulator.seedJobs({ kind: 'package', count: FINISHING_PER_POLL, status: 'Init', intervalMs: 1000 }),
			...emulator.seedJobs({ kind: 'editing', count: FINISHING_PER_POLL, status: 'Processing', intervalMs: 1000 }),
		];
		emulator.clearRequests();
		started = performance.now();
		const emitted: IDataObject[] = await trigger.poll();
		times.push(performance.now() - started);
		calls.push(emulator.requests.length);
		items += emitted.length;
		stateBytes = Math.max(stateBytes, trigger.stateBytes());
	}
	const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
	return {
		history,
		activationCalls,
		activationMs,
		callsPerPoll: mean(calls),
		maxCallsPerPoll: Math.max(...calls),
		msPerPoll: mean(times),
		itemsPerPoll: items / STEADY_POLLS,
		stateBytes,
	};
}

const EMITTED_PACKAGING_JOBS = 250;
const LATENCY_MS = 50;

interface BurstRow {
	client: string;
	seconds: number;
	ratioToQuotaFloor: number;
	reads: number;
}

function burstRow(client: string, ms: number, reads: number): BurstRow {
	const floorSeconds = EMITTED_PACKAGING_JOBS / DEFAULT_QUOTAS.read;
	return {
		client,
		seconds: Math.round(ms / 10) / 100,
		ratioToQuotaFloor: Math.round((ms / 1000 / floorSeconds) * 100) / 100,
		reads,
	};
}

/** One poll that emits EMITTED_PACKAGING_JOBS finished packaging jobs, and the official client reading them in a loop. */
async function measureBurst(): Promise<BurstRow[]> {
	const emulator = await startEmulator({ quotas: 'alibaba', latencyMs: LATENCY_MS });
	try {
		const trigger = new TriggerDriver(
			emulator,
			triggerWorkflow({ watch: ['package'], outcomes: ['failed', 'succeeded'] }),
		);
		await trigger.poll();
		const running = emulator.seedJobs({ kind: 'package', count: EMITTED_PACKAGING_JOBS, status: 'Init' });
		await trigger.poll();
		emulator.clock.advance(MINUTE);
		running.forEach((id) => emulator.finishJob(id));
		emulator.clearRequests();
		let started = performance.now();
		const emitted = await trigger.poll();
		const pollMs = performance.now() - started;
		if (emitted.length !== EMITTED_PACKAGING_JOBS) throw new Error(`the poll emitted ${emitted.length} jobs`);
		const reads = emulator.requests.filter((request) => request.action === 'GetPackageJob').length;

		const client = sdk(emulator);
		started = performance.now();
		for (const jobId of running) await callSdk(client, 'GetPackageJob', { JobId: jobId });
		const loopMs = performance.now() - started;
		return [
			burstRow('Media Job Trigger, one poll (n8n engine)', pollMs, reads),
			burstRow('@alicloud/openapi-client, GetPackageJob in a sequential loop', loopMs, EMITTED_PACKAGING_JOBS),
		];
	} finally {
		await emulator.stop();
	}
}

async function main(): Promise<void> {
	const emulator = await startEmulator();
	await getHarness();
	const rows: Row[] = [];
	try {
		for (const history of HISTORY_SIZES) rows.push(await measure(emulator, history));
	} finally {
		await emulator.stop();
	}
	const burst = await measureBurst();
	const floorSeconds = EMITTED_PACKAGING_JOBS / DEFAULT_QUOTAS.read;
	const lines = [
		`Media Job Trigger, both lists watched (packaging + production), ${FINISHING_PER_POLL} jobs of each finishing between polls, ${STEADY_POLLS} steady polls, default 24 h look-back.`,
		'',
		'| jobs of history (per list) | activation: API calls | activation: ms | API calls per poll (mean / max) | ms per poll (mean) | items per poll | static data (max bytes) |',
		'|---:|---:|---:|---:|---:|---:|---:|',
		...rows.map(
			(row) =>
				`| ${row.history.toLocaleString('en-US')} | ${row.activationCalls} | ${row.activationMs.toFixed(0)} | ${row.callsPerPoll.toFixed(1)} / ${row.maxCallsPerPoll} | ${row.msPerPoll.toFixed(1)} | ${row.itemsPerPoll.toFixed(0)} | ${row.stateBytes.toLocaleString('en-US')} |`,
		),
		'',
		`One poll that emits ${EMITTED_PACKAGING_JOBS} finished packaging jobs, each read with GetPackageJob, ${LATENCY_MS} ms round trip: quota floor ${floorSeconds.toFixed(1)} s (${DEFAULT_QUOTAS.read} reads a second).`,
		'',
		'| client | seconds | × quota floor | GetPackageJob calls |',
		'|---|---:|---:|---:|',
		...burst.map((row) => `| ${row.client} | ${row.seconds} | ${row.ratioToQuotaFloor} | ${row.reads} |`),
	];
	process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((error) => {
	process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
	process.exit(1);
});
