/**
 * Submitting a batch at Alibaba's quota: 1,000 items through Submit Media Producing Job in n8n's engine, against
 * the emulator with a 50 ms round trip and SubmitMediaProducingJob's quota of 30 requests a second (Throttling.User
 * above it). In the same run, the reference: the official @alicloud/openapi-client called in a plain sequential
 * loop with the same requests. Both are given as ratios of the quota floor (items / quota seconds).
 *
 *   npx tsx scripts/benchmarks/submit.ts [--items 1000]     (run `npm run build` first: the engine loads dist/)
 */
import type { IDataObject } from 'n8n-workflow';

import type { Emulator } from '../../tools/sandbox/emulator';
import { ALIBABA_QUOTAS, startEmulator } from '../../tools/sandbox/emulator';
import { callSdk, sdk } from '../../tools/sandbox/emulator/sdkClient';
import { runWorkflow } from '../../tools/sandbox/engine';
import { chain, sandboxCredentials, startingWith } from '../../tools/sandbox/workflows/workflows';
import { peakPerSecond, throttledAnswers } from '../../tools/sandbox/emulator/requestStats';

const ACTION = 'SubmitMediaProducingJob';
const LATENCY_MS = 50;
const NODE = 'Submit Media Producing Job';
const TIMELINE = JSON.stringify({
	VideoTracks: [{ VideoTrackClips: [{ MediaURL: 'https://media-in.oss-cn-shanghai.aliyuncs.com/a.mp4' }] }],
});
const outputUrl = (index: number) => `https://media-out.oss-cn-shanghai.aliyuncs.com/batch/${index}.mp4`;

export interface SubmitFigures {
	client: string;
	items: number;
	seconds: number;
	ratioToQuotaFloor: number;
	failed: number;
	duplicates: number;
	throttledAnswers: number;
	maxRequestsInAnySecond: number;
}

function itemsArgument(): number {
	const flag = process.argv.indexOf('--items');
	return flag > 0 ? Number(process.argv[flag + 1]) : 1000;
}

function figures(client: string, emulator: Emulator, items: number, ms: number, failed: number): SubmitFigures {
	const perOutput = new Map<string, number>();
	for (const job of emulator.jobs.list('editing')) {
		const url = String((job.data.OutputMediaConfig as IDataObject | undefined)?.MediaURL ?? '');
		perOutput.set(url, (perOutput.get(url) ?? 0) + 1);
	}
	const floorSeconds = items / ALIBABA_QUOTAS[ACTION];
	return {
		client,
		items,
		seconds: Math.round(ms / 100) / 10,
		ratioToQuotaFloor: Math.round((ms / 1000 / floorSeconds) * 100) / 100,
		failed,
		duplicates: [...perOutput.values()].filter((count) => count > 1).length,
		throttledAnswers: throttledAnswers(emulator),
		maxRequestsInAnySecond: peakPerSecond(emulator, ACTION),
	};
}

async function throughTheNode(emulator: Emulator, items: number): Promise<SubmitFigures> {
	const workflow = chain({
		name: NODE,
		type: 'alibabaCloudSubmitMediaProducingJob',
		parameters: { source: 'timeline', timeline: TIMELINE, outputMediaUrl: '={{ $json.url }}' },
	});
	const input = Array.from({ length: items }, (_, index) => ({ url: outputUrl(index) }));
	const started = Date.now();
	const run = await runWorkflow(workflow, { credentials: sandboxCredentials(emulator), pinData: startingWith(input) });
	const ms = Date.now() - started;
	const failed = run.error ? items : run.items(NODE).filter((item) => item.json.error !== undefined).length;
	return figures('this package (n8n engine, default 5 requests in flight)', emulator, items, ms, failed);
}

async function officialClientLoop(emulator: Emulator, items: number): Promise<SubmitFigures> {
	const client = sdk(emulator);
	let failed = 0;
	const started = Date.now();
	for (let index = 0; index < items; index++) {
		const query = { OutputMediaConfig: JSON.stringify({ MediaURL: outputUrl(index) }) };
		await callSdk(client, ACTION, query, { Timeline: TIMELINE }).catch(() => failed++);
	}
	return figures('@alicloud/openapi-client, sequential loop', emulator, items, Date.now() - started, failed);
}

async function main(): Promise<void> {
	const items = itemsArgument();
	const rows: SubmitFigures[] = [];
	for (const measure of [throughTheNode, officialClientLoop]) {
		const emulator = await startEmulator({ clock: 'real', quotas: 'alibaba', latencyMs: LATENCY_MS });
		try {
			rows.push(await measure(emulator, items));
		} finally {
			await emulator.stop();
		}
	}
	const floor = items / ALIBABA_QUOTAS[ACTION];
	process.stdout.write(
		`${items} submissions of ${ACTION}, ${LATENCY_MS} ms round trip, quota ${ALIBABA_QUOTAS[ACTION]}/s: quota floor ${floor.toFixed(1)} s.\n\n` +
			'| client | seconds | × quota floor | failed | duplicates | throttled answers | most requests in one second |\n' +
			'|---|---:|---:|---:|---:|---:|---:|\n' +
			rows
				.map(
					(row) =>
						`| ${row.client} | ${row.seconds} | ${row.ratioToQuotaFloor} | ${row.failed} | ${row.duplicates} | ${row.throttledAnswers} | ${row.maxRequestsInAnySecond} |`,
				)
				.join('\n') +
			'\n',
	);
}

void main();
