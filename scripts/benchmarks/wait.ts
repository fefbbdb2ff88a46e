/**
 * Waiting at scale: Submit Media Producing Job and Submit VOD Workflow Job with Wait for Completion, each for
 * `--jobs` items (default 300), through n8n's engine against the emulator with Alibaba's quotas and a 50 ms round
 * trip. Jobs take a minute of emulator time, which runs 10× faster here, and start as they are submitted, so they
 * finish over the wait. Reports API calls per job, items that failed although their job succeeded (spurious
 * errors), throttled answers, and the most calls of each status read in any one second against its quota.
 *
 *   npx tsx scripts/benchmarks/wait.ts [--jobs 300]     (run `npm run build` first: the engine loads dist/)
 */
import type { IDataObject } from 'n8n-workflow';

import type { Emulator } from '../../tools/sandbox/emulator';
import { startEmulator } from '../../tools/sandbox/emulator';
import { runWorkflow } from '../../tools/sandbox/engine';
import { chain, sandboxCredentials, startingWith } from '../../tools/sandbox/workflows/workflows';
import { countOf, peakPerSecond, throttledAnswers } from '../../tools/sandbox/emulator/requestStats';

const NODE = 'Submit';
const TIMELINE = JSON.stringify({
	VideoTracks: [{ VideoTrackClips: [{ MediaURL: 'https://media-in.oss-cn-shanghai.aliyuncs.com/a.mp4' }] }],
});

interface WaitCase {
	label: string;
	type: string;
	parameters: (index: number) => IDataObject;
	submit: string;
	reads: string[];
	/** The read whose quota matters (Alibaba documents GetJobDetail's 15/s). */
	quotaRead: string;
	quota: number;
}

const CASES: WaitCase[] = [
	{
		label: 'media producing jobs',
		type: 'alibabaCloudSubmitMediaProducingJob',
		parameters: (index) => ({
			source: 'timeline',
			timeline: TIMELINE,
			outputMediaUrl: `https://media-out.oss-cn-shanghai.aliyuncs.com/wait/${index}.mp4`,
		}),
		submit: 'SubmitMediaProducingJob',
		reads: ['ListMediaProducingJobs', 'GetMediaProducingJob'],
		quotaRead: 'GetMediaProducingJob',
		quota: 50,
	},
	{
		label: 'VOD workflow tasks',
		type: 'alibabaCloudSubmitVodWorkflowJob',
		parameters: (index) => ({ workflowId: '34d577eade633860bdf1237e2f0e2a4b', mediaId: `video-${index}` }),
		submit: 'SubmitWorkflowJob',
		reads: ['GetJobDetail'],
		quotaRead: 'GetJobDetail',
		quota: 15,
	},
];

function jobsArgument(): number {
	const flag = process.argv.indexOf('--jobs');
	return flag > 0 ? Number(process.argv[flag + 1]) : 300;
}

async function measure(emulator: Emulator, waitCase: WaitCase, jobs: number): Promise<string> {
	const workflow = chain({
		name: NODE,
		type: waitCase.type,
		onError: 'continueRegularOutput',
		parameters: { ...waitCase.parameters(0), waitForCompletion: true, pollIntervalSeconds: 2, maxWaitMinutes: 10 },
	});
	const input = Array.from({ length: jobs }, (_, index) => waitCase.parameters(index));
	// What differs between items comes from each input item by expression.
	const node = workflow.nodes[1];
	const fixed = waitCase.parameters(0);
	for (const key of Object.keys(fixed)) {
		if (waitCase.parameters(1)[key] !== fixed[key]) node.parameters[key] = `={{ $json["${key}"] }}`;
	}
	const started = Date.now();
	const run = await runWorkflow(workflow, { credentials: sandboxCredentials(emulator), pinData: startingWith(input) });
	const seconds = (Date.now() - started) / 1000;
	const outputs = run.items(NODE).map((item) => item.json);
	const spurious = outputs.filter((output) => output.status !== 'succeeded').length;
	const reads = waitCase.reads.map((action) => `${action} ${countOf(emulator, action)}`).join(', ');
	const calls = emulator.requests.length;
	return `| ${waitCase.label} | ${jobs} | ${seconds.toFixed(1)} | ${countOf(emulator, waitCase.submit)} | ${reads} | ${(calls / jobs).toFixed(2)} | ${spurious} | ${throttledAnswers(emulator)} | ${peakPerSecond(emulator, waitCase.quotaRead)} / ${waitCase.quota} |`;
}

async function main(): Promise<void> {
	const jobs = jobsArgument();
	const rows: string[] = [];
	for (const waitCase of CASES) {
		const emulator = await startEmulator({ clock: 'real', speed: 10, quotas: 'alibaba', latencyMs: 50 });
		try {
			rows.push(await measure(emulator, waitCase, jobs));
		} finally {
			await emulator.stop();
		}
	}
	process.stdout.write(
		`Wait for Completion on ${jobs} jobs of each kind (emulator ×10: jobs end about 6 s after submission; 50 ms round trip; Alibaba's quotas).\n\n` +
			'| jobs | items | seconds | submissions | status reads | API calls per job | spurious errors | throttled answers | most reads in one second / quota |\n' +
			'|---|---:|---:|---:|---|---:|---:|---:|---:|\n' +
			rows.join('\n') +
			'\n',
	);
}

void main();
