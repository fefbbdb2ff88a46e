/**
 * Peak memory of uploading large files through Upload to OSS, n8n's binary data in filesystem mode: a 96 MiB file
 * (one PutObject, below the 100 MB default threshold) and a 200 MiB file (multipart, in parts of the default 5 MiB). For each: writes a
 * random file, starts the emulator here, runs the n8n side in a child process (uploadChild.ts: RSS growth from a
 * settled baseline) and checks that OSS got the same bytes (MD5 and SHA-256); then the largest file read by n8n
 * without uploading it, for comparison. Prints a markdown table.
 *
 *   npm run build && tsx scripts/benchmarks/upload.ts [--mb 96,200]
 */
import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

import { DEFAULT_OSS_BUCKET, startEmulator } from '../../tools/sandbox/emulator';

const MIB = 2 ** 20;
const REPO_ROOT = resolve(__dirname, '../..');

export interface UploadMeasure {
	fileMiB: number;
	readOnly: boolean;
	binaryMode: string;
	seconds: number;
	/** The lowest RSS over several forced GCs before the upload. */
	rssBeforeMiB: number;
	rssPeakMiB: number;
	rssGrowthMiB: number;
	sameBytes: boolean;
	output: Record<string, unknown>;
	object: { size: number; partCount?: number; md5: string; sha256: string } | undefined;
	file: { md5: string; sha256: string };
}

async function writeRandomFile(path: string, bytes: number): Promise<{ md5: string; sha256: string }> {
	const md5 = createHash('md5');
	const sha256 = createHash('sha256');
	const output = createWriteStream(path);
	for (let written = 0; written < bytes; ) {
		const chunk = randomBytes(Math.min(4 * MIB, bytes - written));
		md5.update(chunk);
		sha256.update(chunk);
		written += chunk.length;
		if (!output.write(chunk)) await new Promise<void>((done) => output.once('drain', () => done()));
	}
	await new Promise<void>((done, fail) => output.end((error?: Error | null) => (error ? fail(error) : done())));
	return { md5: md5.digest('hex'), sha256: sha256.digest('hex') };
}

/** `readOnly`: the same run without Upload to OSS, for what reading the file into n8n costs by itself. */
export async function measureUpload(megabytes: number, { readOnly = false } = {}): Promise<UploadMeasure> {
	const directory = mkdtempSync(join(tmpdir(), 'oss-upload-bench-'));
	const emulator = await startEmulator();
	try {
		const file = join(directory, 'large.bin');
		const warmupFile = join(directory, 'warmup.bin');
		const digests = await writeRandomFile(file, megabytes * MIB);
		writeFileSync(warmupFile, randomBytes(1024));
		const key = `bench/large-${megabytes}mb.bin`;
		const { stdout } = await promisify(execFile)(
			process.execPath,
			[
				'--expose-gc',
				'--import',
				'tsx',
				join(REPO_ROOT, 'scripts/benchmarks/uploadChild.ts'),
				file,
				emulator.oss.endpoint,
				DEFAULT_OSS_BUCKET,
				key,
				warmupFile,
				...(readOnly ? ['--read-only'] : []),
			],
			{
				cwd: REPO_ROOT,
				env: {
					...process.env,
					N8N_DEFAULT_BINARY_DATA_MODE: 'filesystem',
					N8N_RESTRICT_FILE_ACCESS_TO: directory,
					N8N_LOG_LEVEL: 'silent',
				},
				maxBuffer: 16 * MIB,
			},
		);
		const figures = JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as Omit<
			UploadMeasure,
			'fileMiB' | 'readOnly' | 'sameBytes' | 'object' | 'file'
		>;
		const stored = emulator.oss.object(DEFAULT_OSS_BUCKET, key);
		return {
			fileMiB: megabytes,
			readOnly,
			...figures,
			file: digests,
			object: stored && { size: stored.size, partCount: stored.partCount, md5: stored.md5, sha256: stored.sha256 },
			sameBytes: stored?.md5 === digests.md5 && stored?.sha256 === digests.sha256,
		};
	} finally {
		await emulator.stop();
		rmSync(directory, { recursive: true, force: true });
	}
}

function describeUpload(measure: UploadMeasure): string {
	if (measure.readOnly) return 'none (Read/Write Files from Disk alone)';
	const multipart = measure.output.multipart as { used: boolean; partCount?: number; partSize?: number } | undefined;
	return multipart?.used
		? `multipart, ${String(multipart.partCount)} × ${String((multipart.partSize ?? 0) / MIB)} MiB`
		: 'one PutObject';
}

function table(measures: UploadMeasure[]): string {
	const mib = (value: number) => `${value.toFixed(0)} MiB`;
	return [
		'| file | upload | time | RSS baseline → peak (growth) | bytes in OSS |',
		'|---|---|---|---|---|',
		...measures.map(
			(measure) =>
				`| ${measure.fileMiB} MiB | ${describeUpload(measure)} | ${measure.seconds.toFixed(1)} s | ` +
				`${mib(measure.rssBeforeMiB)} → ${mib(measure.rssPeakMiB)} (+${mib(measure.rssGrowthMiB)}) | ` +
				`${measure.readOnly ? '–' : measure.sameBytes ? 'identical (MD5 and SHA-256)' : 'DIFFERENT'} |`,
		),
	].join('\n');
}

async function main(): Promise<void> {
	const flag = process.argv.indexOf('--mb');
	const sizes = flag > 0 ? process.argv[flag + 1].split(',').map(Number) : [96, 200];
	const measures: UploadMeasure[] = [];
	for (const megabytes of sizes) measures.push(await measureUpload(megabytes));
	measures.push(await measureUpload(Math.max(...sizes), { readOnly: true }));
	const modes = [...new Set(measures.map((measure) => measure.binaryMode))].join(', ');
	process.stdout.write(
		`Upload to OSS through n8n's engine, binary data mode ${modes}; RSS of the n8n process, growth from a settled ` +
			`baseline (lowest RSS over several forced GCs) to the peak sampled every 5 ms:\n\n${table(measures)}\n`,
	);
	if (measures.some((measure) => !measure.readOnly && !measure.sameBytes)) process.exitCode = 1;
}

if (require.main === module) {
	main().catch((error: unknown) => {
		process.stderr.write(`${String(error instanceof Error ? error.stack : error)}\n`);
		process.exitCode = 1;
	});
}
