import type { IDataObject } from 'n8n-workflow';

import { runWorkflow } from '../../tools/sandbox/engine';
import { chain, sandboxCredentials, startingWith } from '../../tools/sandbox/workflows/workflows';
import { FAST_CLOCK, suiteEmulators } from '../support/emulators';
import { GET, getStep, ITEM, SUBMIT, submitStep, VIDEO_ID, waitingSubmit, WORKFLOW_ID } from '../support/vodWorkflow';

// Manual clock: tasks move only when the test advances it (and never, for the timeout case).
const emulators = suiteEmulators({ emulator: { clock: 'manual' }, fast: FAST_CLOCK });

describe('Manual Trigger → Submit VOD Workflow Job → Get VOD Workflow Job', () => {
	it('submits the task, reads it back running, then Succeed with the video ID once it has run', async () => {
		const run = await runWorkflow(chain(submitStep(), getStep()), {
			credentials: sandboxCredentials(emulators.emulator),
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
		expect(read.requestId).toBe(emulators.emulator.requests.at(-1)?.requestId);

		emulators.emulator.clock.advance(10 * 60_000);
		const later = await runWorkflow(chain(getStep()), {
			credentials: sandboxCredentials(emulators.emulator),
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
			credentials: sandboxCredentials(emulators.emulator),
			pinData: startingWith([ITEM]),
		});
		expect(run.status).toBe('success');
		expect(emulators.emulator.requests).toHaveLength(1);
		const [request] = emulators.emulator.requests;
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
			credentials: sandboxCredentials(emulators.emulator),
			pinData: startingWith([{ workflowId: ` ${WORKFLOW_ID} `, videoId: `${VIDEO_ID}\n` }]),
		});
		expect(run.status).toBe('success');
		const [request] = emulators.emulator.requests;
		expect(request).toMatchObject({ product: 'VOD', action: 'SubmitWorkflowJob', version: '2017-03-21' });
		expect(request.query).toEqual({ WorkflowId: WORKFLOW_ID, MediaId: VIDEO_ID });
		expect(request.rawBody).toBe('');
		const [task] = emulators.emulator.jobs.list('workflow');
		expect(run.output(SUBMIT)[0].TaskId).toBe(task.jobId);
	});

	it('Get VOD Workflow Job sends exactly {JobId, JobType: workflow} to GetJobDetail', async () => {
		const run = await runWorkflow(chain(getStep()), {
			credentials: sandboxCredentials(emulators.emulator),
			pinData: startingWith([{ TaskId: 'no-such-task' }]),
		});
		expect(run.nodeError(GET)?.message).toMatch(/^GetJobDetail failed: JobNotFound: /);
		const [request] = emulators.emulator.requests;
		expect(request).toMatchObject({ product: 'VOD', action: 'GetJobDetail', version: '2017-03-21', method: 'POST' });
		expect(request.query).toEqual({ JobId: 'no-such-task', JobType: 'workflow' });
		expect(request.rawBody).toBe('');
	});

	it('one task per item, each output paired with its item', async () => {
		const items = ['a', 'b', 'c'].map((suffix) => ({ workflowId: WORKFLOW_ID, videoId: `${VIDEO_ID}${suffix}` }));
		const run = await runWorkflow(chain(submitStep()), {
			credentials: sandboxCredentials(emulators.emulator),
			pinData: startingWith(items),
		});
		const outputs = run.items(SUBMIT);
		expect(outputs.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(emulators.emulator.requests.map((request) => request.query.MediaId)).toEqual(
			items.map((item) => item.videoId),
		);
		expect(emulators.emulator.jobs.list('workflow').map((task) => task.jobId)).toEqual(
			outputs.map((item) => item.json.TaskId),
		);
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
			credentials: sandboxCredentials(emulators.emulator),
			pinData: startingWith(items as IDataObject[]),
		});
		expect(run.status).toBe('error');
		const error = run.nodeError(SUBMIT);
		expect(error).toMatchObject({ name: 'NodeOperationError' });
		expect(error?.message).toBe(message);
		expect(error?.description).toContain('Fix the field "Workflow ID"');
		expect(error?.description).toContain('Nothing was sent to Alibaba Cloud');
		expect(emulators.emulator.requests).toHaveLength(0);
	});

	it('Get VOD Workflow Job requires a Task ID, checked on every item before any request', async () => {
		const run = await runWorkflow(chain(getStep()), {
			credentials: sandboxCredentials(emulators.emulator),
			pinData: startingWith([{ TaskId: 'abc' }, { TaskId: '' }]),
		});
		expect(run.nodeError(GET)?.message).toBe('Task ID is required but empty [item 1]');
		expect(run.nodeError(GET)?.description).toContain('Fix the field "Task ID"');
		expect(emulators.emulator.requests).toHaveLength(0);
	});
});

describe('continueOnFail keeps the good items', () => {
	it('an item without Workflow ID becomes an error item, the others are submitted, pairing intact', async () => {
		const items = [ITEM, { ...ITEM, workflowId: '' }, { ...ITEM, videoId: 'third-video' }];
		const run = await runWorkflow(chain(submitStep({}, 'continueRegularOutput')), {
			credentials: sandboxCredentials(emulators.emulator),
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
		expect(emulators.emulator.requests.map((request) => request.query.MediaId)).toEqual([VIDEO_ID, 'third-video']);
	});

	it('a failed task among waiting items is an error item while the others succeed', async () => {
		emulators.fast.failJobsMatching({
			kind: 'workflow',
			match: 'broken-video',
			code: 'InvalidVideo.Damaged',
			message: 'The video is damaged.',
		});
		const items = [ITEM, { ...ITEM, videoId: 'broken-video' }, ITEM];
		const run = await runWorkflow(waitingSubmit({}, 'continueRegularOutput'), {
			credentials: sandboxCredentials(emulators.fast),
			pinData: startingWith(items),
		});
		const outputs = run.items(SUBMIT);
		expect(outputs.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(outputs[0].json.status).toBe('succeeded');
		expect(outputs[1].json.error).toMatch(
			/^The VOD workflow task [0-9a-f]{32} failed: InvalidVideo\.Damaged: The video is damaged\. \(in the workflow node "[^"]+"\) \[item 1\]$/,
		);
		expect(outputs[1].json.details).toMatchObject({
			code: 'InvalidVideo.Damaged',
			status: 'failed',
			jobId: expect.any(String),
		});
		expect(outputs[2].json.status).toBe('succeeded');
		expect(emulators.fast.jobs.list('workflow')).toHaveLength(3);
	});

	it('an unknown Task ID on one item does not hide the other items', async () => {
		const [taskId] = emulators.emulator.seedJobs({ kind: 'workflow', count: 1, status: 'Processing' });
		const run = await runWorkflow(chain(getStep('continueRegularOutput')), {
			credentials: sandboxCredentials(emulators.emulator),
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
		emulators.emulator.faults.reset({ action: 'SubmitWorkflowJob', afterEffect: true });
		const run = await runWorkflow(chain(submitStep()), {
			credentials: sandboxCredentials(emulators.emulator),
			pinData: startingWith([ITEM]),
		});
		expect(run.status).toBe('error');
		const error = run.nodeError(SUBMIT);
		expect(error?.message).toMatch(/^SubmitWorkflowJob failed: ECONNRESET: /);
		expect(error?.context).toMatchObject({ outcome: 'unknown' });
		expect(error?.description).toContain('It was not sent again, to avoid creating a duplicate');
		expect(emulators.emulator.requests).toHaveLength(1);
		expect(emulators.emulator.requests[0].outcome).toBe('reset');
		expect(emulators.emulator.jobs.list('workflow')).toHaveLength(1);
	});
});
