import type { IDataObject } from 'n8n-workflow';

import type { Emulator } from '../../tools/sandbox/emulator';
import { startEmulator } from '../../tools/sandbox/emulator';
import { runWorkflow } from '../../tools/sandbox/engine';
import { chain, sandboxCredentials, startingWith } from '../../tools/sandbox/workflows/workflows';

const SUBMIT = 'Submit VOD Workflow Job';
const GET = 'Get VOD Workflow Job';
const WORKFLOW_ID = '34d577eade633860bdf1237e2f0e2a4b';
const VIDEO_ID = '058b39e75269da42b08f00459e2c0102';
const ITEM = { workflowId: WORKFLOW_ID, videoId: VIDEO_ID };

// Manual clock: tasks move only when the test advances it (and never, for the timeout case).
let emulator: Emulator;
// Tasks take about a minute of emulator time; at 600× that is a tenth of a second.
let fast: Emulator;

beforeAll(async () => {
	emulator = await startEmulator({ clock: 'manual' });
	fast = await startEmulator({ clock: 'real', speed: 600 });
});
afterAll(async () => Promise.all([emulator.stop(), fast.stop()]));
beforeEach(() => {
	emulator.reset();
	fast.reset();
});

function submitStep(parameters: IDataObject = {}, onError?: 'continueRegularOutput') {
	return {
		name: SUBMIT,
		type: 'alibabaCloudSubmitVodWorkflowJob',
		onError,
		parameters: { workflowId: '={{ $json.workflowId }}', mediaId: '={{ $json.videoId }}', ...parameters },
	};
}

function getStep(onError?: 'continueRegularOutput') {
	return { name: GET, type: 'alibabaCloudGetVodWorkflowJob', onError, parameters: { taskId: '={{ $json.TaskId }}' } };
}

function waitingSubmit(extra: IDataObject = {}, onError?: 'continueRegularOutput') {
	return chain(submitStep({ waitForCompletion: true, pollIntervalSeconds: 1, ...extra }, onError));
}

describe('Manual Trigger → Submit VOD Workflow Job → Get VOD Workflow Job', () => {
	it('submits the task, reads it back running, then Succeed with the video ID once it has run', async () => {
		const run = await runWorkflow(chain(submitStep(), getStep()), {
			credentials: sandboxCredentials(emulator),
			pinData: startingWith([ITEM]),
		});

		expect(run.status).toBe('success');
		const [submitted] = run.output(SUBMIT);
		expect(Object.keys(submitted).sort()).toEqual(['RequestId', 'TaskId']);
		expect(submitted.TaskId).toMatch(/^[0-9a-f]{32}$/);
		const [read] = run.output(GET);
		expect(read).toMatchObject({
			jobKind: 'vodWorkflow',
			jobId: submitted.TaskId,
			status: 'running',
			finished: false,
			rawStatus: 'Init',
			mediaId: VIDEO_ID,
			job: { TaskId: submitted.TaskId, Status: 'Init', Workflow: { WorkflowId: WORKFLOW_ID } },
		});
		expect(read.requestId).toBe(emulator.requests.at(-1)?.requestId);

		emulator.clock.advance(10 * 60_000);
		const later = await runWorkflow(chain(getStep()), {
			credentials: sandboxCredentials(emulator),
			pinData: startingWith([{ TaskId: submitted.TaskId }]),
		});
		const [done] = later.output(GET);
		expect(done).toMatchObject({
			jobId: submitted.TaskId,
			status: 'succeeded',
			finished: true,
			rawStatus: 'Succeed',
			mediaId: VIDEO_ID,
			finishedAt: expect.stringMatching(/Z$/),
			job: { TaskId: submitted.TaskId, Status: 'Succeed' },
		});
		expect(done).not.toHaveProperty('errorCode');
	});

	it('minimal configuration (Workflow ID only) sends exactly {WorkflowId} to VOD 2017-03-21', async () => {
		const run = await runWorkflow(chain(submitStep({ mediaId: '' })), {
			credentials: sandboxCredentials(emulator),
			pinData: startingWith([ITEM]),
		});
		expect(run.status).toBe('success');
		expect(emulator.requests).toHaveLength(1);
		const [request] = emulator.requests;
		expect(request).toMatchObject({
			product: 'VOD',
			action: 'SubmitWorkflowJob',
			version: '2017-03-21',
			method: 'POST',
			status: 200,
		});
		expect(request.query).toEqual({ WorkflowId: WORKFLOW_ID });
		expect(request.form).toEqual({});
		expect(request.rawBody).toBe('');
	});

	it('full configuration sends exactly {WorkflowId, MediaId}, trimmed', async () => {
		const run = await runWorkflow(chain(submitStep()), {
			credentials: sandboxCredentials(emulator),
			pinData: startingWith([{ workflowId: ` ${WORKFLOW_ID} `, videoId: `${VIDEO_ID}\n` }]),
		});
		expect(run.status).toBe('success');
		const [request] = emulator.requests;
		expect(request).toMatchObject({ product: 'VOD', action: 'SubmitWorkflowJob', version: '2017-03-21' });
		expect(request.query).toEqual({ WorkflowId: WORKFLOW_ID, MediaId: VIDEO_ID });
		expect(request.rawBody).toBe('');
		const [task] = emulator.jobs.list('workflow');
		expect(run.output(SUBMIT)[0].TaskId).toBe(task.jobId);
	});

	it('Get VOD Workflow Job sends exactly {JobId, JobType: workflow} to GetJobDetail', async () => {
		const run = await runWorkflow(chain(getStep()), {
			credentials: sandboxCredentials(emulator),
			pinData: startingWith([{ TaskId: 'no-such-task' }]),
		});
		expect(run.nodeError(GET)?.message).toMatch(/^GetJobDetail failed: JobNotFound: /);
		const [request] = emulator.requests;
		expect(request).toMatchObject({ product: 'VOD', action: 'GetJobDetail', version: '2017-03-21', method: 'POST' });
		expect(request.query).toEqual({ JobId: 'no-such-task', JobType: 'workflow' });
		expect(request.rawBody).toBe('');
	});

	it('one task per item, each output paired with its item', async () => {
		const items = ['a', 'b', 'c'].map((suffix) => ({ workflowId: WORKFLOW_ID, videoId: `${VIDEO_ID}${suffix}` }));
		const run = await runWorkflow(chain(submitStep()), {
			credentials: sandboxCredentials(emulator),
			pinData: startingWith(items),
		});
		const outputs = run.items(SUBMIT);
		expect(outputs.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(emulator.requests.map((request) => request.query.MediaId)).toEqual(items.map((item) => item.videoId));
		expect(emulator.jobs.list('workflow').map((task) => task.jobId)).toEqual(outputs.map((item) => item.json.TaskId));
	});
});

describe('validation before any request', () => {
	it.each([
		['an empty Workflow ID', [{ ...ITEM, workflowId: '' }], 'Workflow ID is required but empty [item 0]'],
		[
			'a blank Workflow ID on the third item',
			[ITEM, ITEM, { ...ITEM, workflowId: '   ' }],
			'Workflow ID is required but empty [item 2]',
		],
		[
			'a Workflow ID expression that resolves to nothing',
			[{ videoId: VIDEO_ID }],
			'Workflow ID is required but empty [item 0]',
		],
	])('Submit with %s fails naming the field and item, nothing sent', async (_case, items, message) => {
		const run = await runWorkflow(chain(submitStep()), {
			credentials: sandboxCredentials(emulator),
			pinData: startingWith(items as IDataObject[]),
		});
		expect(run.status).toBe('error');
		const error = run.nodeError(SUBMIT);
		expect(error).toMatchObject({ name: 'NodeOperationError' });
		expect(error?.message).toBe(message);
		expect(error?.description).toContain('Fix the field "Workflow ID"');
		expect(error?.description).toContain('Nothing was sent to Alibaba Cloud');
		expect(emulator.requests).toHaveLength(0);
	});

	it('Get VOD Workflow Job requires a Task ID, checked on every item before any request', async () => {
		const run = await runWorkflow(chain(getStep()), {
			credentials: sandboxCredentials(emulator),
			pinData: startingWith([{ TaskId: 'abc' }, { TaskId: '' }]),
		});
		expect(run.nodeError(GET)?.message).toBe('Task ID is required but empty [item 1]');
		expect(run.nodeError(GET)?.description).toContain('Fix the field "Task ID"');
		expect(emulator.requests).toHaveLength(0);
	});
});

describe('Wait for Completion', () => {
	it('returns the terminal task (Succeed) with the submission, polling GetJobDetail with JobType=workflow', async () => {
		const run = await runWorkflow(waitingSubmit(), {
			credentials: sandboxCredentials(fast),
			pinData: startingWith([ITEM]),
		});
		expect(run.status).toBe('success');
		const [output] = run.output(SUBMIT);
		const taskId = (output.submission as IDataObject).TaskId;
		expect(output).toMatchObject({
			jobKind: 'vodWorkflow',
			jobId: taskId,
			status: 'succeeded',
			finished: true,
			rawStatus: 'Succeed',
			mediaId: VIDEO_ID,
			job: { TaskId: taskId, Status: 'Succeed' },
			submission: { TaskId: taskId, RequestId: expect.any(String) },
		});
		const [submit, ...polls] = fast.requests;
		expect(submit.action).toBe('SubmitWorkflowJob');
		expect(polls.length).toBeGreaterThanOrEqual(1);
		for (const poll of polls) {
			expect(poll).toMatchObject({ action: 'GetJobDetail', version: '2017-03-21' });
			expect(poll.query).toEqual({ JobId: taskId, JobType: 'workflow' });
		}
	});

	it('a task that fails (Failed) becomes an error with the failed activity’s own Code and Message', async () => {
		fast.failJobsMatching({ kind: 'workflow', code: 'InvalidVideo.Damaged', message: 'The video is damaged.' });
		const run = await runWorkflow(waitingSubmit(), {
			credentials: sandboxCredentials(fast),
			pinData: startingWith([ITEM]),
		});
		const [task] = fast.jobs.list('workflow');
		expect(run.status).toBe('error');
		const error = run.nodeError(SUBMIT);
		expect(error?.message).toBe(
			`The VOD workflow task ${task.jobId} failed: InvalidVideo.Damaged: The video is damaged. [item 0]`,
		);
		expect(error?.context).toMatchObject({ code: 'InvalidVideo.Damaged', jobId: task.jobId, status: 'failed' });
		expect(error?.description).toContain('Alibaba Cloud reported status "Failed"');
	});

	it('Get VOD Workflow Job shows the failure normalized: status failed, errorCode and errorMessage', async () => {
		const [taskId] = emulator.seedJobs({ kind: 'workflow', count: 1, status: 'Processing' });
		emulator.failJob(taskId, 'InvalidVideo.Damaged', 'The video is damaged.');
		const run = await runWorkflow(chain(getStep()), {
			credentials: sandboxCredentials(emulator),
			pinData: startingWith([{ TaskId: taskId }]),
		});
		const [output] = run.output(GET);
		const activities = JSON.parse(String((output.job as IDataObject).ActivityResults)) as Record<string, IDataObject>;
		const failed = Object.keys(activities).find((name) => activities[name].Status === 'Failed');
		expect(output).toMatchObject({
			jobId: taskId,
			status: 'failed',
			finished: true,
			rawStatus: 'Failed',
			failedActivity: failed,
			errorCode: 'InvalidVideo.Damaged',
			errorMessage: 'The video is damaged.',
		});
		expect(failed).toEqual(expect.any(String));
		expect(output).not.toHaveProperty('failedActivityResult');
	});

	it('a failed activity whose Result names no error: the activity and its raw Result, no made-up code', async () => {
		const [taskId] = emulator.seedJobs({ kind: 'workflow', count: 1, status: 'Processing' });
		emulator.failJob(taskId);
		const run = await runWorkflow(chain(getStep()), {
			credentials: sandboxCredentials(emulator),
			pinData: startingWith([{ TaskId: taskId }]),
		});
		const [output] = run.output(GET);
		const activities = JSON.parse(String((output.job as IDataObject).ActivityResults)) as Record<string, IDataObject>;
		const failed = Object.keys(activities).find((name) => activities[name].Status === 'Failed') as string;
		expect(output).toMatchObject({
			status: 'failed',
			failedActivity: failed,
			failedActivityResult: activities[failed].Result,
		});
		expect(output).not.toHaveProperty('errorCode');
		expect(output).not.toHaveProperty('errorMessage');
	});

	it('a task that ends as Skip ends the wait: an output item with status skipped, not an error', async () => {
		const running = runWorkflow(waitingSubmit({ maxWaitMinutes: 1 }), {
			credentials: sandboxCredentials(emulator),
			pinData: startingWith([ITEM]),
		});
		const deadline = Date.now() + 10_000;
		while (emulator.requests.filter((request) => request.action === 'GetJobDetail').length === 0) {
			if (Date.now() > deadline) throw new Error('the node never polled the task');
			await new Promise((resolve) => setTimeout(resolve, 20));
		}
		const [task] = emulator.jobs.list('workflow');
		emulator.skipWorkflowTask(task.jobId);
		const started = Date.now();
		const run = await running;
		expect(Date.now() - started).toBeLessThan(5_000);
		expect(run.status).toBe('success');
		expect(run.output(SUBMIT)[0]).toMatchObject({
			jobId: task.jobId,
			status: 'skipped',
			finished: true,
			rawStatus: 'Skip',
			job: { TaskId: task.jobId, Status: 'Skip' },
		});
	});

	it('a task canceled while waiting is an error too, with status canceled', async () => {
		const running = runWorkflow(waitingSubmit({ maxWaitMinutes: 1 }), {
			credentials: sandboxCredentials(emulator),
			pinData: startingWith([ITEM]),
		});
		// The manual clock keeps the task running until it is canceled.
		const deadline = Date.now() + 10_000;
		while (emulator.requests.filter((request) => request.action === 'GetJobDetail').length === 0) {
			if (Date.now() > deadline) throw new Error('the node never polled the task');
			await new Promise((resolve) => setTimeout(resolve, 20));
		}
		const [task] = emulator.jobs.list('workflow');
		emulator.cancelWorkflowTask(task.jobId);

		const run = await running;
		// 'error', not 'canceled': n8n-core labels an execution whose error message contains "canceled" as
		// stopped by the user, so the message avoids that word.
		expect(run.status).toBe('error');
		const error = run.nodeError(SUBMIT);
		expect(error?.message).toBe(
			`The VOD workflow task ${task.jobId} was stopped in Alibaba Cloud before it finished (status Canceled) [item 0]`,
		);
		expect(error?.context).toMatchObject({ jobId: task.jobId, status: 'canceled', outcome: 'canceled' });
		expect(error?.description).toContain('Alibaba Cloud reported status "Canceled"');
	});

	it('running out of time says so and names the TaskId', async () => {
		const run = await runWorkflow(waitingSubmit({ maxWaitMinutes: 0.05 }), {
			credentials: sandboxCredentials(emulator),
			pinData: startingWith([ITEM]),
		});
		const [task] = emulator.jobs.list('workflow');
		const error = run.nodeError(SUBMIT);
		expect(error?.message).toBe(
			`The VOD workflow task ${task.jobId} is still running after 3 s (status Init) [item 0]`,
		);
		expect(error?.context).toMatchObject({ jobId: task.jobId, status: 'running' });
		expect(error?.description).toContain('keeps running in Alibaba Cloud');
		expect(emulator.jobs.list('workflow')).toHaveLength(1);
	});

	it('an answer without TaskId (older VOD responses) cannot be waited for: an error item that keeps the RequestId', async () => {
		emulator.setVodSubmitOmitsTaskId(true);
		const run = await runWorkflow(waitingSubmit({}, 'continueRegularOutput'), {
			credentials: sandboxCredentials(emulator),
			pinData: startingWith([ITEM]),
		});
		const [output] = run.output(SUBMIT);
		const [request] = emulator.requests;
		expect(output.error).toBe('SubmitWorkflowJob returned no job ID to wait for [item 0]');
		expect((output.details as IDataObject).description).toContain(`RequestId ${request.requestId}`);
		expect(emulator.requests.map((r) => r.action)).toEqual(['SubmitWorkflowJob']);
		expect(emulator.jobs.list('workflow')).toHaveLength(1);
	});

	it('without Wait for Completion, an answer without TaskId is output as is', async () => {
		emulator.setVodSubmitOmitsTaskId(true);
		const run = await runWorkflow(chain(submitStep()), {
			credentials: sandboxCredentials(emulator),
			pinData: startingWith([ITEM]),
		});
		expect(run.output(SUBMIT)).toEqual([{ RequestId: emulator.requests[0].requestId }]);
	});
});

describe('continueOnFail keeps the good items', () => {
	it('an item without Workflow ID becomes an error item, the others are submitted, pairing intact', async () => {
		const items = [ITEM, { ...ITEM, workflowId: '' }, { ...ITEM, videoId: 'third-video' }];
		const run = await runWorkflow(chain(submitStep({}, 'continueRegularOutput')), {
			credentials: sandboxCredentials(emulator),
			pinData: startingWith(items),
		});
		expect(run.status).toBe('success');
		const outputs = run.items(SUBMIT);
		expect(outputs.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(outputs[0].json.TaskId).toEqual(expect.any(String));
		expect(outputs[1].json).toEqual({
			error: 'Workflow ID is required but empty [item 1]',
			details: { description: expect.stringContaining('Nothing was sent to Alibaba Cloud') },
		});
		expect(outputs[2].json.TaskId).toEqual(expect.any(String));
		expect(emulator.requests.map((request) => request.query.MediaId)).toEqual([VIDEO_ID, 'third-video']);
	});

	it('a failed task among waiting items is an error item while the others succeed', async () => {
		fast.failJobsMatching({
			kind: 'workflow',
			match: 'broken-video',
			code: 'InvalidVideo.Damaged',
			message: 'The video is damaged.',
		});
		const items = [ITEM, { ...ITEM, videoId: 'broken-video' }, ITEM];
		const run = await runWorkflow(waitingSubmit({}, 'continueRegularOutput'), {
			credentials: sandboxCredentials(fast),
			pinData: startingWith(items),
		});
		const outputs = run.items(SUBMIT);
		expect(outputs.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(outputs[0].json.status).toBe('succeeded');
		expect(outputs[1].json.error).toMatch(
			/^The VOD workflow task [0-9a-f]{32} failed: InvalidVideo\.Damaged: The video is damaged\. \[item 1\]$/,
		);
		expect(outputs[1].json.details).toMatchObject({
			code: 'InvalidVideo.Damaged',
			status: 'failed',
			jobId: expect.any(String),
		});
		expect(outputs[2].json.status).toBe('succeeded');
		expect(fast.jobs.list('workflow')).toHaveLength(3);
	});

	it('an unknown Task ID on one item does not hide the other items', async () => {
		const [taskId] = emulator.seedJobs({ kind: 'workflow', count: 1, status: 'Processing' });
		const run = await runWorkflow(chain(getStep('continueRegularOutput')), {
			credentials: sandboxCredentials(emulator),
			pinData: startingWith([{ TaskId: taskId }, { TaskId: 'ffffffffffffffffffffffffffffffff' }, { TaskId: taskId }]),
		});
		const outputs = run.items(GET);
		expect(outputs).toHaveLength(3);
		expect(outputs[0].json).toMatchObject({ jobId: taskId, status: 'running', rawStatus: 'Processing' });
		expect(outputs[1].json.error).toMatch(/^GetJobDetail failed: JobNotFound: .*\(RequestId: /);
		expect(outputs[1].json.details).toMatchObject({ code: 'JobNotFound', requestId: expect.any(String) });
		expect(outputs[1].pairedItem).toEqual({ item: 1 });
		expect(outputs[2].json.jobId).toBe(taskId);
	});
});

describe('a submission is never sent twice', () => {
	it('a connection reset after the task was created: outcome unknown, exactly one task', async () => {
		emulator.faults.reset({ action: 'SubmitWorkflowJob', afterEffect: true });
		const run = await runWorkflow(chain(submitStep()), {
			credentials: sandboxCredentials(emulator),
			pinData: startingWith([ITEM]),
		});
		expect(run.status).toBe('error');
		const error = run.nodeError(SUBMIT);
		expect(error?.message).toMatch(/^SubmitWorkflowJob failed: ECONNRESET: /);
		expect(error?.context).toMatchObject({ outcome: 'unknown' });
		expect(error?.description).toContain('It was not sent again, to avoid creating a duplicate');
		expect(emulator.requests).toHaveLength(1);
		expect(emulator.requests[0].outcome).toBe('reset');
		expect(emulator.jobs.list('workflow')).toHaveLength(1);
	});
});
