import type { IDataObject } from 'n8n-workflow';

import type { Emulator } from '../../tools/sandbox/emulator';

import { runWorkflow } from '../../tools/sandbox/engine';
import { chain, sandboxCredentials, startingWith } from '../../tools/sandbox/workflows/workflows';
import { FAST_CLOCK, suiteEmulators } from '../support/emulators';
import { GET, getStep, ITEM, SUBMIT, submitStep, VIDEO_ID, waitingSubmit } from '../support/vodWorkflow';

/** Waits until the waiting node has read the task's status once (the task is then known to be followed). */
async function firstStatusRead(emulator: Emulator): Promise<void> {
	const deadline = Date.now() + 10_000;
	while (!emulator.requests.some((request) => request.action === 'GetJobDetail')) {
		if (Date.now() > deadline) throw new Error('the node never polled the task');
		await new Promise((resolve) => setTimeout(resolve, 20));
	}
}

// Manual clock: tasks move only when the test advances it (and never, for the timeout case).
const emulators = suiteEmulators({ emulator: { clock: 'manual' }, fast: FAST_CLOCK });

describe('Wait for Completion', () => {
	it('returns the terminal task (Succeed) with the submission, polling GetJobDetail with JobType=workflow', async () => {
		const run = await runWorkflow(waitingSubmit(), {
			credentials: sandboxCredentials(emulators.fast),
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
		const [submit, ...polls] = emulators.fast.requests;
		expect(submit.action).toBe('SubmitWorkflowJob');
		expect(polls.length).toBeGreaterThanOrEqual(1);
		for (const poll of polls) {
			expect(poll).toMatchObject({ action: 'GetJobDetail', version: '2017-03-21' });
			expect(poll.query).toEqual({ JobId: taskId, JobType: 'workflow' });
		}
	});

	it('a task that fails (Failed) becomes an error with the failed activity’s own Code and Message', async () => {
		emulators.fast.failJobsMatching({
			kind: 'workflow',
			code: 'InvalidVideo.Damaged',
			message: 'The video is damaged.',
		});
		const run = await runWorkflow(waitingSubmit(), {
			credentials: sandboxCredentials(emulators.fast),
			pinData: startingWith([ITEM]),
		});
		const [task] = emulators.fast.jobs.list('workflow');
		expect(run.status).toBe('error');
		const error = run.nodeError(SUBMIT);
		expect(error?.message).toMatch(
			new RegExp(
				`^The VOD workflow task ${task.jobId} failed: InvalidVideo\\.Damaged: The video is damaged\\. \\(in the workflow node "[^"]+"\\) \\[item 0\\]$`,
			),
		);
		expect(error?.context).toMatchObject({ code: 'InvalidVideo.Damaged', jobId: task.jobId, status: 'failed' });
		expect(error?.description).toContain('Alibaba Cloud reported status "Failed"');
	});

	it('Get VOD Workflow Job shows the failure normalized: status failed, errorCode and errorMessage', async () => {
		const [taskId] = emulators.emulator.seedJobs({ kind: 'workflow', count: 1, status: 'Processing' });
		emulators.emulator.failJob(taskId, 'InvalidVideo.Damaged', 'The video is damaged.');
		const run = await runWorkflow(chain(getStep()), {
			credentials: sandboxCredentials(emulators.emulator),
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
		const [taskId] = emulators.emulator.seedJobs({ kind: 'workflow', count: 1, status: 'Processing' });
		emulators.emulator.failJob(taskId);
		const run = await runWorkflow(chain(getStep()), {
			credentials: sandboxCredentials(emulators.emulator),
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
			credentials: sandboxCredentials(emulators.emulator),
			pinData: startingWith([ITEM]),
		});
		await firstStatusRead(emulators.emulator);
		const [task] = emulators.emulator.jobs.list('workflow');
		emulators.emulator.skipWorkflowTask(task.jobId);
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
			credentials: sandboxCredentials(emulators.emulator),
			pinData: startingWith([ITEM]),
		});
		// The manual clock keeps the task running until it is canceled.
		await firstStatusRead(emulators.emulator);
		const [task] = emulators.emulator.jobs.list('workflow');
		emulators.emulator.cancelWorkflowTask(task.jobId);

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
			credentials: sandboxCredentials(emulators.emulator),
			pinData: startingWith([ITEM]),
		});
		const [task] = emulators.emulator.jobs.list('workflow');
		const error = run.nodeError(SUBMIT);
		expect(error?.message).toBe(
			`The VOD workflow task ${task.jobId} is still running after 3 s (status Init) [item 0]`,
		);
		expect(error?.context).toMatchObject({ jobId: task.jobId, status: 'running' });
		expect(error?.description).toContain('keeps running in Alibaba Cloud');
		expect(emulators.emulator.jobs.list('workflow')).toHaveLength(1);
	});

	it('an answer without TaskId (older VOD responses) cannot be waited for: an error item that keeps the RequestId', async () => {
		emulators.emulator.setVodSubmitOmitsTaskId(true);
		const run = await runWorkflow(waitingSubmit({}, 'continueRegularOutput'), {
			credentials: sandboxCredentials(emulators.emulator),
			pinData: startingWith([ITEM]),
		});
		const [output] = run.output(SUBMIT);
		const [request] = emulators.emulator.requests;
		expect(output.error).toBe('SubmitWorkflowJob returned no job ID to wait for [item 0]');
		expect((output.details as IDataObject).description).toContain(`RequestId ${request.requestId}`);
		expect(emulators.emulator.requests.map((request) => request.action)).toEqual(['SubmitWorkflowJob']);
		expect(emulators.emulator.jobs.list('workflow')).toHaveLength(1);
	});

	it('without Wait for Completion, an answer without TaskId is output as is', async () => {
		emulators.emulator.setVodSubmitOmitsTaskId(true);
		const run = await runWorkflow(chain(submitStep()), {
			credentials: sandboxCredentials(emulators.emulator),
			pinData: startingWith([ITEM]),
		});
		expect(run.output(SUBMIT)).toEqual([{ RequestId: emulators.emulator.requests[0].requestId }]);
	});
});
