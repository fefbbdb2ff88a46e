/**
 * What every Submit node promises under what n8n does to a node, counted as jobs the emulator really created
 * per input item: plain runs, Loop Over Items, Retry On Fail with a fault in the middle of a batch, Continue On
 * Fail both ways, Stop, pinned data, expressions that evaluate to nothing, and failures before sending.
 */
import type { IDataObject } from 'n8n-workflow';

import type { Emulator } from '../../tools/sandbox/emulator';
import { startEmulator } from '../../tools/sandbox/emulator';
import { runWorkflow } from '../../tools/sandbox/engine';
import type { SubmitNodeCase } from '../../tools/sandbox/workflows/submitNodes';
import {
	DONE,
	SUBMIT,
	SUBMIT_NODES,
	direct,
	faultSubmissions,
	jobCounts,
	jobIdOf,
	loopOverItems,
	markedItems,
} from '../../tools/sandbox/workflows/submitNodes';
import { sandboxCredentials, startingWith } from '../../tools/sandbox/workflows/workflows';

let emulator: Emulator;
let restoreFaults: (() => void) | undefined;

beforeAll(async () => {
	emulator = await startEmulator();
});
afterAll(async () => emulator.stop());
beforeEach(() => emulator.reset());
afterEach(() => {
	restoreFaults?.();
	restoreFaults = undefined;
});

const RETRY = { retryOnFail: true, maxTries: 3, waitBetweenTries: 10 };
const ITEMS = markedItems(3);

function run(
	workflow: ReturnType<typeof direct>,
	items: IDataObject[] = ITEMS,
	credentials = sandboxCredentials(emulator),
) {
	return runWorkflow(workflow, { credentials, pinData: startingWith(items) });
}

function submissions(node: SubmitNodeCase): number {
	return emulator.requests.filter((request) => request.action === node.action).length;
}

describe.each(SUBMIT_NODES.map((node) => [node.label, node] as const))('%s', (_label, node) => {
	it('3 items: 3 jobs, one per item, each output paired with its item', async () => {
		const result = await run(direct(node));
		expect(result.status).toBe('success');
		expect(jobCounts(emulator, node.kind, ITEMS)).toEqual([1, 1, 1]);
		const outputs = result.items(SUBMIT);
		expect(outputs.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(new Set(outputs.map((item) => jobIdOf(item.json))).size).toBe(3);
	});

	it('Loop Over Items (batch size 1) of 3: 3 jobs, one per item, 3 different job IDs at the end of the loop', async () => {
		const result = await run(loopOverItems(node));
		expect(result.status).toBe('success');
		expect(jobCounts(emulator, node.kind, ITEMS)).toEqual([1, 1, 1]);
		const ids = result.output(DONE).map(jobIdOf);
		expect(new Set(ids).size).toBe(3);
	});

	it('Loop Over Items + Retry On Fail, the 2nd run throttled past the transport retries: one job per item', async () => {
		restoreFaults = faultSubmissions(emulator, node.action, (count) =>
			count >= 2 && count <= 4 ? { type: 'error', status: 400, code: 'Throttling.User' } : undefined,
		);
		const result = await run(loopOverItems(node, RETRY));
		expect(result.status).toBe('success');
		expect(jobCounts(emulator, node.kind, ITEMS)).toEqual([1, 1, 1]);
	});

	it('Retry On Fail, item 1 throttled past the transport retries: the rerun sends items 1 and 2 only', async () => {
		restoreFaults = faultSubmissions(emulator, node.action, (count) =>
			count >= 2 && count <= 4 ? { type: 'error', status: 400, code: 'Throttling.User' } : undefined,
		);
		const result = await run(direct(node, RETRY));
		expect(result.status).toBe('success');
		expect(jobCounts(emulator, node.kind, ITEMS)).toEqual([1, 1, 1]);
		// 1 (item 0) + 3 throttled (item 1) + 2 in the rerun (items 1, 2): item 0 is not sent again.
		expect(submissions(node)).toBe(6);
	});

	it('Retry On Fail, HTTP 500 after item 1 was created: never a duplicate', async () => {
		restoreFaults = faultSubmissions(emulator, node.action, (count) =>
			count === 2 ? { type: 'error', status: 500, afterEffect: true } : undefined,
		);
		// One item at a time, so that "item 2 is never reached" holds (with several in flight it is sent with item 1).
		const oneAtATime = { options: { ...(node.parameters.options as IDataObject), requestsInFlight: 1 } };
		const result = await run(direct(node, RETRY, oneAtATime));
		const [first] = emulator.jobs.list(node.kind);
		if (node.settlesLostAnswers) {
			// Resent with the same ClientToken Alibaba returns the job it created; or the job list shows it.
			expect(result.status).toBe('success');
			expect(jobCounts(emulator, node.kind, ITEMS)).toEqual([1, 1, 1]);
			return;
		}
		expect(result.status).toBe('error');
		// The outcome of item 1 is unknown and stays so on every retry: not sent again, item 2 never reached.
		expect(jobCounts(emulator, node.kind, ITEMS)).toEqual([1, 1, 0]);
		expect(submissions(node)).toBe(2);
		const error = result.nodeError(SUBMIT);
		expect(error?.context).toMatchObject({ outcome: 'unknown', code: 'InternalError' });
		expect(error?.description).toContain(`Items already sent successfully before this error: item 0 → ${first.jobId}.`);
	});

	it('Retry On Fail + Continue On Fail, HTTP 500 after item 1 was created: one job per item, item 1 reported', async () => {
		restoreFaults = faultSubmissions(emulator, node.action, (count) =>
			count === 2 ? { type: 'error', status: 500, afterEffect: true } : undefined,
		);
		const result = await run(direct(node, { ...RETRY, onError: 'continueRegularOutput' }));
		expect(result.status).toBe('success');
		expect(jobCounts(emulator, node.kind, ITEMS)).toEqual([1, 1, 1]);
		const [, second] = result.output(SUBMIT);
		if (node.settlesLostAnswers) expect(jobIdOf(second)).toBe(emulator.jobs.list(node.kind)[1].jobId);
		else expect(second.details).toMatchObject({ outcome: 'unknown' });
	});

	it('Retry On Fail + Continue On Fail, connection reset after item 0 was created: n8n reruns the node, no duplicate', async () => {
		// n8n reruns a node with Retry On Fail whose first output item carries an error, even with Continue On Fail.
		restoreFaults = faultSubmissions(emulator, node.action, (count) =>
			count === 1 ? { type: 'reset', afterEffect: true } : undefined,
		);
		const result = await run(direct(node, { ...RETRY, onError: 'continueRegularOutput' }));
		expect(result.status).toBe('success');
		expect(jobCounts(emulator, node.kind, ITEMS)).toEqual([1, 1, 1]);
		const outputs = result.output(SUBMIT);
		expect(outputs).toHaveLength(3);
		if (!node.settlesLostAnswers) expect(outputs[0].details).toMatchObject({ outcome: 'unknown' });
	});

	it('Continue On Fail without Retry On Fail, an invalid item in the middle: the others get their job', async () => {
		const items = [ITEMS[0], { ...ITEMS[1], marker: '' }, ITEMS[2]];
		const result = await run(direct(node, { onError: 'continueRegularOutput' }, node.emptyWithoutMarker), items);
		expect(result.status).toBe('success');
		expect(jobCounts(emulator, node.kind, [ITEMS[0], ITEMS[2]])).toEqual([1, 1]);
		expect(result.output(SUBMIT)[1].error).toMatch(/is required but empty \[item 1\]$/);
	});

	it('pinned data on the Submit node: nothing is sent, no job', async () => {
		const result = await runWorkflow(direct(node), {
			credentials: sandboxCredentials(emulator),
			pinData: { ...startingWith(ITEMS), [SUBMIT]: [{ json: { JobId: 'pinned' } }] },
		});
		expect(result.status).toBe('success');
		expect(result.output(SUBMIT)).toEqual([{ JobId: 'pinned' }]);
		expect(emulator.jobs.list(node.kind)).toHaveLength(0);
	});

	it.each([
		[
			'Check Every empty',
			{ pollIntervalSeconds: '={{ $json.nothing }}' },
			/^Check Every \(Seconds\) is required but empty/,
		],
		[
			'Check Every 0',
			{ pollIntervalSeconds: '={{ 0 }}' },
			/^Check Every \(Seconds\) must be a number from 1 to 3600 \(got 0\)/,
		],
		[
			'Give Up After as text',
			{ maxWaitMinutes: '={{ "soon" }}' },
			/^Give Up After \(Minutes\) must be a number from 0\.05 to 1440 \(got "?soon"?\)/,
		],
		[
			'Give Up After NaN',
			{ maxWaitMinutes: '={{ NaN }}' },
			/^Give Up After \(Minutes\) (is required but empty|must be a number)/,
		],
		['Timeout empty', { options: { timeout: '={{ "" }}' } }, /^Timeout \(Seconds\) is required but empty/],
		['Timeout undefined', { options: { timeout: '={{ undefined }}' } }, /^Timeout \(Seconds\) is required but empty/],
	] as Array<[string, IDataObject, RegExp]>)(
		'%s: refused before any request, with the field and the item named',
		async (_case, settings, message) => {
			const parameters: IDataObject = { waitForCompletion: true, ...settings };
			if (settings.options) {
				parameters.options = { ...(node.parameters.options as IDataObject), ...(settings.options as IDataObject) };
			}
			const result = await run(direct(node, {}, parameters));
			expect(result.status).toBe('error');
			expect(result.nodeError(SUBMIT)?.message).toMatch(message);
			expect(result.nodeError(SUBMIT)?.message).toMatch(/\[item 0\]$/);
			expect(emulator.requests).toHaveLength(0);
		},
	);

	it.each([
		[
			'an endpoint that is not a URL',
			{ iceEndpoint: 'https://bad host', vodEndpoint: 'https://bad host' },
			/endpoint/i,
		],
		['no AccessKey Secret', { accessKeySecret: '' }, /AccessKey Secret/],
	])('%s: rejected before sending, with a hint about the credential, tried once', async (_case, overrides, detail) => {
		const result = await run(direct(node, { onError: 'continueRegularOutput' }), ITEMS, {
			...sandboxCredentials(emulator, overrides),
		});
		const outputs = result.output(SUBMIT);
		expect(outputs).toHaveLength(3);
		for (const output of outputs) {
			expect(output.error).toMatch(detail);
			expect(output.details).toMatchObject({ code: 'NotSent', outcome: 'rejected' });
			expect((output.details as IDataObject).description).toContain('"Alibaba Cloud API" credential');
		}
		expect(emulator.requests).toHaveLength(0);
	});
});

describe('Stop', () => {
	let frozen: Emulator;
	beforeAll(async () => {
		frozen = await startEmulator({ clock: 'manual' });
	});
	afterAll(async () => frozen.stop());

	it.each(SUBMIT_NODES.map((node) => [node.label, node] as const))(
		'%s: Stop during Wait for Completion ends the wait within a second; the jobs are named, none created twice',
		async (_label, node) => {
			frozen.reset();
			const stop = new AbortController();
			const running = runWorkflow(direct(node, {}, { waitForCompletion: true, pollIntervalSeconds: 1 }), {
				credentials: sandboxCredentials(frozen),
				pinData: startingWith(ITEMS),
				stop: stop.signal,
			});
			const deadline = Date.now() + 10_000;
			while (frozen.requests.filter((request) => request.action !== node.action).length < 3) {
				if (Date.now() > deadline) throw new Error('the node never read the jobs');
				await new Promise((resolve) => setTimeout(resolve, 20));
			}
			const stoppedAt = Date.now();
			stop.abort();
			const result = await running;
			expect(Date.now() - stoppedAt).toBeLessThan(1000);
			expect(result.status).toBe('canceled');
			expect(jobCounts(frozen, node.kind, ITEMS)).toEqual([1, 1, 1]);
			const readsAfterStop = frozen.requests.filter((request) => Date.parse(request.time) > stoppedAt + 50);
			expect(readsAfterStop).toHaveLength(0);
			const error = result.nodeError(SUBMIT);
			for (const job of frozen.jobs.list(node.kind)) expect(error?.description).toContain(job.jobId);
		},
	);
});
