import type { IDataObject } from 'n8n-workflow';

import type { Emulator } from '../../tools/sandbox/emulator';
import { startEmulator } from '../../tools/sandbox/emulator';
import { runWorkflow } from '../../tools/sandbox/engine';
import { chain, sandboxCredentials, startingWith } from '../../tools/sandbox/workflows/workflows';

const SUBMIT = 'Submit Package Job';
const ITEM = { source: 'oss://media-in/in.mp4', target: 'oss://media-out/hls/index.m3u8' };

// Jobs take about a minute of emulator time; at 600× that is a tenth of a second.
let fast: Emulator;
// A clock that never moves: jobs never finish.
let frozen: Emulator;

beforeAll(async () => {
	fast = await startEmulator({ clock: 'real', speed: 600 });
	frozen = await startEmulator({ clock: 'manual' });
});
afterAll(async () => Promise.all([fast.stop(), frozen.stop()]));
beforeEach(() => {
	fast.reset();
	frozen.reset();
});

function waitingSubmit(extra: IDataObject = {}, onError?: 'continueRegularOutput') {
	return chain({
		name: SUBMIT,
		type: 'alibabaCloudSubmitPackageJob',
		onError,
		parameters: {
			inputs: { input: [{ type: 'OSS', media: '={{ $json.source }}' }] },
			outputType: 'OSS',
			outputMedia: '={{ $json.target }}',
			waitForCompletion: true,
			pollIntervalSeconds: 1,
			...extra,
		},
	});
}

it('waits until the job succeeded and outputs the final job with the submission', async () => {
	const run = await runWorkflow(waitingSubmit(), {
		credentials: sandboxCredentials(fast),
		pinData: startingWith([ITEM]),
	});
	expect(run.status).toBe('success');
	const [output] = run.output(SUBMIT);
	const jobId = (output.submission as IDataObject).JobId;
	expect(output).toMatchObject({
		jobKind: 'package',
		jobId,
		status: 'succeeded',
		finished: true,
		outputUrl: 'http://media-out.oss-cn-shanghai.aliyuncs.com/hls/index.m3u8',
		job: { JobId: jobId, Status: 'Success' },
	});
	const actions = fast.requests.map((request) => request.action);
	expect(actions[0]).toBe('SubmitPackageJob');
	expect(actions.slice(1).every((action) => action === 'GetPackageJob')).toBe(true);
});

it('a job that fails becomes an error of its item with the job’s own Code and Message', async () => {
	fast.failJobsMatching({ kind: 'package', code: 'InvalidParameter', message: 'Resource content bad.' });
	const run = await runWorkflow(waitingSubmit(), {
		credentials: sandboxCredentials(fast),
		pinData: startingWith([ITEM]),
	});
	const [job] = fast.jobs.list('package');
	expect(run.status).toBe('error');
	expect(run.nodeError(SUBMIT)?.message).toBe(
		`The packaging job ${job.jobId} failed: InvalidParameter: Resource content bad. [item 0]`,
	);
	expect(run.nodeError(SUBMIT)?.context).toMatchObject({
		code: 'InvalidParameter',
		jobId: job.jobId,
		status: 'failed',
	});
});

it('with continueOnFail, a failed job is an error item while the other items’ jobs succeed', async () => {
	fast.failJobsMatching({ kind: 'package', match: 'broken', code: 'InvalidMedia', message: 'The media is damaged.' });
	const items = [ITEM, { ...ITEM, source: 'oss://media-in/broken.mp4' }, ITEM];
	const run = await runWorkflow(waitingSubmit({}, 'continueRegularOutput'), {
		credentials: sandboxCredentials(fast),
		pinData: startingWith(items),
	});
	const outputs = run.items(SUBMIT);
	expect(outputs.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	expect(outputs[0].json.status).toBe('succeeded');
	expect(outputs[1].json.error).toMatch(
		/^The packaging job [0-9a-f]{32} failed: InvalidMedia: The media is damaged\. \[item 1\]$/,
	);
	expect(outputs[1].json.details).toMatchObject({ code: 'InvalidMedia', status: 'failed', jobId: expect.any(String) });
	expect(outputs[2].json.status).toBe('succeeded');
	expect(fast.jobs.list('package')).toHaveLength(3);
});

it('running out of time says so and names the JobId, so nothing is lost', async () => {
	const run = await runWorkflow(waitingSubmit({ maxWaitMinutes: 0.05 }), {
		credentials: sandboxCredentials(frozen),
		pinData: startingWith([ITEM]),
	});
	const [job] = frozen.jobs.list('package');
	const error = run.nodeError(SUBMIT);
	expect(error?.message).toMatch(
		new RegExp(`^The packaging job ${job.jobId} is still running after 3 s \\(status Init\\) \\[item 0\\]$`),
	);
	expect(error?.context).toMatchObject({ jobId: job.jobId, status: 'running' });
	expect(error?.description).toContain('keeps running in Alibaba Cloud');
	expect(frozen.requests.filter((request) => request.action === 'GetPackageJob').length).toBeGreaterThanOrEqual(1);
});

describe('waiting at scale', () => {
	it('many jobs of a kind are followed by their job list: running ones seen in the list, each finished one read with its Get', async () => {
		// Jobs end a minute of emulator time after submission: at 10× that is 6 s, so they finish over several rounds.
		const slow = await startEmulator({ clock: 'real', speed: 10 });
		try {
			const items = Array.from({ length: 120 }, (_, index) => ({
				...ITEM,
				target: `oss://media-out/${index}/index.m3u8`,
			}));
			const run = await runWorkflow(waitingSubmit({ options: { requestsInFlight: 10 } }), {
				credentials: sandboxCredentials(slow),
				pinData: startingWith(items),
			});
			expect(run.status).toBe('success');
			const outputs = run.output(SUBMIT);
			expect(outputs.map((output) => output.status)).toEqual(Array(120).fill('succeeded'));
			const count = (action: string) => slow.requests.filter((request) => request.action === action);
			// A round reads the list from its first page (no token): at most ⌈120 / 100⌉ = 2 pages a round.
			const rounds = count('ListPackageJobs').filter((request) => request.query.NextPageToken === undefined).length;
			expect(count('ListPackageJobs').length).toBeLessThanOrEqual(rounds * 2);
			// Every job is read with its Get once it has finished; running ones are seen in the list, except a job
			// left alone in a round, which its Get reads directly (one call either way).
			const gets = count('GetPackageJob').map((request) => request.query.JobId);
			expect(new Set(gets).size).toBe(120);
			expect(gets.length).toBeLessThanOrEqual(120 + rounds);
			expect(rounds).toBeGreaterThan(1);
		} finally {
			await slow.stop();
		}
	}, 60_000);
});
