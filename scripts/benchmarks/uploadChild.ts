/**
 * The n8n side of the upload memory measure, run in its own process (node --expose-gc) so its RSS is n8n's alone:
 * n8n's binary data in filesystem mode, Read/Write Files from Disk reads the file into it, Upload to OSS sends it to
 * the emulator given on the command line. Prints one JSON line with the figures.
 *
 *   node --expose-gc --import tsx scripts/benchmarks/uploadChild.ts <file> <ossEndpoint> <bucket> <key> <warmupFile>
 *     [--read-only]   (Read/Write Files from Disk alone, no upload: what reading the file costs by itself)
 *
 * Baseline: after a warm-up run, the lowest RSS over several forced GCs (one GC alone leaves garbage and freed pages
 * that are not yet returned, which moves the baseline by tens of MiB). Peak: RSS sampled every few milliseconds
 * during the run.
 */
import { createRequire } from 'node:module';
import { setTimeout as sleep } from 'node:timers/promises';

import { BinaryDataConfig, BinaryDataService } from 'n8n-core';

import { runWorkflow } from '../../tools/sandbox/engine';
import { chain } from '../../tools/sandbox/workflows/workflows';
import { SANDBOX_ACCESS_KEY_ID, SANDBOX_ACCESS_KEY_SECRET } from '../../tools/sandbox/emulator/accounts';

const SAMPLE_EVERY_MS = 5;
const SETTLING_GCS = 6;
const MIB = 2 ** 20;

const Container = createRequire(require.resolve('n8n-core'))('@n8n/di').Container as {
	get<T>(type: abstract new (...args: never[]) => T): T;
};

function workflow(file: string, endpoint: string, bucket: string, key: string, readOnly = false) {
	const read = {
		name: 'Read File',
		type: 'n8n-nodes-base.readWriteFile',
		typeVersion: 1.1,
		parameters: { operation: 'read', fileSelector: file, options: {} },
	};
	if (readOnly) return chain(read);
	return chain(read, {
		name: 'Upload to OSS',
		type: 'alibabaCloudUploadToOss',
		parameters: { bucket, objectKey: key, options: { endpoint, addressingStyle: 'path' } },
	});
}

/** The lowest RSS over several forced GCs, each followed by a pause for the allocator to return pages. */
async function settledRss(): Promise<number> {
	const gc = (globalThis as { gc?: () => void }).gc;
	if (!gc) throw new Error('run with node --expose-gc: the baseline needs forced GCs');
	let lowest = Infinity;
	for (let round = 0; round < SETTLING_GCS; round++) {
		gc();
		await sleep(100);
		lowest = Math.min(lowest, process.memoryUsage().rss);
	}
	return lowest;
}

async function main(): Promise<void> {
	const [file, endpoint, bucket, key, warmupFile, flag] = process.argv.slice(2);
	const readOnly = flag === '--read-only';
	await Container.get(BinaryDataService).init();
	const credentials = {
		alibabaCloudApi: {
			accessKeyId: SANDBOX_ACCESS_KEY_ID,
			accessKeySecret: SANDBOX_ACCESS_KEY_SECRET,
			region: 'cn-shanghai',
		},
	};
	// Load n8n, both nodes and the binary data store once, so the measure is the upload and not loading code.
	const warmup = await runWorkflow(workflow(warmupFile, endpoint, bucket, `${key}.warmup`), { credentials });
	if (warmup.error) throw new Error(`warm-up failed: ${warmup.error.message}`);
	const before = await settledRss();
	let peak = before;
	const sampler = setInterval(() => {
		peak = Math.max(peak, process.memoryUsage().rss);
	}, SAMPLE_EVERY_MS);
	const started = Date.now();
	const run = await runWorkflow(workflow(file, endpoint, bucket, key, readOnly), { credentials });
	clearInterval(sampler);
	peak = Math.max(peak, process.memoryUsage().rss);
	if (run.error) throw new Error(`upload failed: ${run.error.message}`);
	const [output] = readOnly ? [{}] : run.output('Upload to OSS');
	process.stdout.write(
		`${JSON.stringify({
			binaryMode: Container.get(BinaryDataConfig).mode,
			seconds: (Date.now() - started) / 1000,
			rssBeforeMiB: before / MIB,
			rssPeakMiB: peak / MIB,
			rssGrowthMiB: (peak - before) / MIB,
			output,
		})}\n`,
	);
}

main().catch((error: unknown) => {
	process.stderr.write(`${String(error instanceof Error ? error.stack : error)}\n`);
	process.exitCode = 1;
});
