/**
 * Memory of one execution with many items: `--items` (default 10,000) pinned items through Get Package Job in
 * n8n's engine, against the same items through n8n's own No Operation node in the same process. The difference of
 * the peak heap, per item, is what this package adds beyond n8n's own handling of the items.
 *
 *   node --expose-gc --import tsx scripts/benchmarks/memory.ts [--items 10000]   (run `npm run build` first)
 */
import type { IDataObject } from 'n8n-workflow';

import { startEmulator } from '../../tools/sandbox/emulator';
import { runWorkflow } from '../../tools/sandbox/engine';
import { chain, sandboxCredentials, startingWith } from '../../tools/sandbox/workflows/workflows';

const SAMPLE_EVERY_MS = 20;

function itemsArgument(): number {
	const flag = process.argv.indexOf('--items');
	return flag > 0 ? Number(process.argv[flag + 1]) : 10_000;
}

function collectGarbage(): void {
	(globalThis as { gc?: () => void }).gc?.();
}

interface HeapFigures {
	/** The highest heap in use while the run went on, above the heap before it (garbage not yet collected included). */
	peak: number;
	/** The heap still in use once the run is over and collected, while its result is held: what the items cost. */
	retained: number;
}

/**
 * `everySample` runs at each sample: the emulator shares this process, and its request log (kept for tests) would
 * otherwise count as the package's memory.
 */
async function heapOf(work: () => Promise<unknown>, everySample: () => void = () => {}): Promise<HeapFigures> {
	collectGarbage();
	const before = process.memoryUsage().heapUsed;
	let peak = before;
	const sampler = setInterval(() => {
		peak = Math.max(peak, process.memoryUsage().heapUsed);
		everySample();
	}, SAMPLE_EVERY_MS);
	let result: unknown;
	try {
		result = await work();
	} finally {
		clearInterval(sampler);
	}
	peak = Math.max(peak, process.memoryUsage().heapUsed);
	collectGarbage();
	const retained = process.memoryUsage().heapUsed - before;
	if (result === undefined) throw new Error('the run returned nothing');
	return { peak: peak - before, retained };
}

async function main(): Promise<void> {
	const items = itemsArgument();
	if (!(globalThis as { gc?: unknown }).gc) process.stderr.write('(run with --expose-gc for steadier figures)\n');
	const emulator = await startEmulator();
	try {
		const [jobId] = emulator.seedJobs({ kind: 'package', count: 1, status: 'Success' });
		const input: IDataObject[] = Array.from({ length: items }, (_, index) => ({ JobId: jobId, index }));
		const credentials = sandboxCredentials(emulator);
		const passThrough = chain({ name: 'Pass', type: 'n8n-nodes-base.noOp' });
		const getJob = (includeRawJob: boolean) =>
			chain({
				name: 'Get',
				type: 'alibabaCloudGetPackageJob',
				parameters: { jobId: '={{ $json.JobId }}', options: { includeRawJob } },
			});
		// Load both node types and the engine once, so that neither measure pays for loading code.
		for (const workflow of [passThrough, getJob(true)])
			await runWorkflow(workflow, { credentials, pinData: startingWith(input.slice(0, 2)) });
		const baseline = await heapOf(() => runWorkflow(passThrough, { credentials, pinData: startingWith(input) }));
		const measure = async (includeRawJob: boolean) => {
			const started = Date.now();
			const forgetRequests = () => emulator.clearRequests();
			const heap = await heapOf(async () => {
				const run = await runWorkflow(getJob(includeRawJob), { credentials, pinData: startingWith(input) });
				forgetRequests();
				if (run.error || run.output('Get').length !== items)
					throw new Error('the Get Package Job run did not complete');
				return run;
			}, forgetRequests);
			return { heap, seconds: (Date.now() - started) / 1000 };
		};
		const withJob = await measure(true);
		const withoutJob = await measure(false);
		const megabytes = (bytes: number) => (bytes / 2 ** 20).toFixed(1);
		const perItem = (ours: HeapFigures, figure: keyof HeapFigures) =>
			Math.round((ours[figure] - baseline[figure]) / items);
		const row = (label: string, figure: keyof HeapFigures) =>
			`| ${label} | ${megabytes(baseline[figure])} MB | ${megabytes(withJob.heap[figure])} MB | ` +
			`${perItem(withJob.heap, figure)} bytes | ${megabytes(withoutJob.heap[figure])} MB | ${perItem(withoutJob.heap, figure)} bytes |\n`;
		process.stdout.write(
			`One execution of ${items} items (${withJob.seconds.toFixed(0)} s and ${withoutJob.seconds.toFixed(0)} s for Get Package Job, paced to 50 reads a second).\n\n` +
				"| heap | No Operation (n8n alone) | Get Package Job | per item beyond n8n | Get Package Job, Include Alibaba's Job off | per item beyond n8n |\n" +
				'|---|---:|---:|---:|---:|---:|\n' +
				row('retained by the finished run (its output)', 'retained') +
				row('peak while running (uncollected garbage included)', 'peak'),
		);
	} finally {
		await emulator.stop();
	}
}

void main();
