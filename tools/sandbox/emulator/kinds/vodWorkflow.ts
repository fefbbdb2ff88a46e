/**
 * ApsaraVideo VOD workflow tasks: SubmitWorkflowJob, GetJobDetail (JobType=workflow). A task that ends Succeed or
 * Failed sends WorkflowTaskComplete; canceled and skipped tasks send nothing (the event is documented for those two
 * outcomes only: own choice).
 *
 * GetJobDetail `ActivityResults`: JSON text of an object keyed by workflow node name, each value
 * `{ActivityId, ActivityInstanceId, StartTime, EndTime, Status, Result}` with `Result` itself JSON text, shaped as
 * in the SDK's example: the start node echoes the task input, a processing node embeds the VOD event message it
 * ended with, and a node that failed without a reason says only `{Type, Success: false}`.
 */
import { createHash } from 'node:crypto';
import { isoSeconds } from '../clock';
import { invalidParameter } from '../errors';
import { declare, JobEvent } from '../engine/format';
import { param } from '../engine/parameters';
import { newId } from '../ids';
import type { Job, JobState } from '../jobs';
import type { OperationContext } from '../operations/context';
import { EMULATOR_USER_ID, withoutUndefined } from './common/events';

const START_NODE = 'Act_Start';
const TRANSCODE_NODE = 'VodTranscode_1';

const digest = (job: Job, node: string): string => createHash('md5').update(`${job.jobId}/${node}`).digest('hex');

const requestIdOf = (job: Job, node: string): string =>
	digest(job, `${node}/request`)
		.toUpperCase()
		.replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5');

function taskInput(job: Job): string {
	return JSON.stringify({ Type: 'Media', Media: String(job.data.MediaId ?? '') });
}

function startResult(job: Job): string {
	return JSON.stringify({
		Type: 'Media',
		Media: String(job.data.MediaId ?? ''),
		taskInput: taskInput(job),
		CUR_NODE_NAME: START_NODE,
	});
}

function transcodeResult(job: Job, state: JobState, instanceId: string, endedAt: number): string {
	const failure = state.status === 'Failed' ? (state.failure ?? {}) : undefined;
	if (failure && failure.code === undefined) return JSON.stringify({ Type: 'Transcode', Success: false });
	return JSON.stringify({
		RequestId: requestIdOf(job, TRANSCODE_NODE),
		EventType: 'TranscodeComplete',
		// The sandbox account's numeric user ID (a number, as UserId is in the SDK example).
		UserId: EMULATOR_USER_ID,
		MessageBody: {
			Status: failure ? 'fail' : 'success',
			VideoId: String(job.data.MediaId ?? ''),
			EventType: 'TranscodeComplete',
			EventTime: isoSeconds(endedAt),
			TriggerSource: JSON.stringify({ ActivityInstanceId: instanceId, BizType: 'ice-workflow' }),
			...(failure ? { ErrorCode: failure.code, ErrorMessage: failure.message ?? '' } : {}),
		},
	});
}

/**
 * Init: no activity yet. Processing: the start node has run. Succeed/Failed: the transcode node has ended too.
 * Canceled and Skip end the task before the transcode node ran, so only the start node is reported.
 */
function activityResults(job: Job, state: JobState): string | undefined {
	if (state.status === 'Init') return undefined;
	const processingAt = job.transitions.find((transition) => transition.status === 'Processing')?.at ?? job.createdAt;
	const activities: Record<string, Record<string, string>> = {
		[START_NODE]: {
			ActivityId: 'start',
			ActivityInstanceId: digest(job, START_NODE),
			StartTime: isoSeconds(job.createdAt),
			EndTime: isoSeconds(processingAt),
			Status: 'Succeed',
			Result: startResult(job),
		},
	};
	if ((state.status === 'Succeed' || state.status === 'Failed') && state.finishedAt !== undefined) {
		const instanceId = digest(job, TRANSCODE_NODE);
		activities[TRANSCODE_NODE] = {
			ActivityId: 'VodTranscode',
			ActivityInstanceId: instanceId,
			StartTime: isoSeconds(processingAt),
			EndTime: isoSeconds(state.finishedAt),
			Status: state.status,
			Result: transcodeResult(job, state, instanceId, state.finishedAt),
		};
	}
	return JSON.stringify(activities);
}

/** A flat message: `{EventType, EventTime, UserId, WorkflowId, Status, VideoId, TaskId, ActivityResults, ...}`. */
function workflowTaskComplete(job: Job, state: JobState): JobEvent | undefined {
	if (state.status !== 'Succeed' && state.status !== 'Failed') return undefined;
	const finished = isoSeconds(state.finishedAt ?? state.modifiedAt);
	return {
		product: 'vod',
		eventType: 'WorkflowTaskComplete',
		body: withoutUndefined({
			EventType: 'WorkflowTaskComplete',
			EventTime: finished,
			UserId: String(EMULATOR_USER_ID),
			WorkflowId: job.data.WorkflowId,
			Status: state.status,
			VideoId: job.data.MediaId,
			TaskId: job.jobId,
			ActivityResults: activityResults(job, state),
			TaskInput: taskInput(job),
			CreateTime: isoSeconds(job.createdAt),
			ModifiedTime: finished,
			FinishTime: finished,
		}),
	};
}

export const WORKFLOW = declare.kind({
	name: 'workflow',
	states: {
		running: ['Init', 'Processing'],
		success: 'Succeed',
		failure: 'Failed',
		extraTerminal: ['Canceled', 'Skip'],
	},
	statusField: 'Status',
	timing: { stepsMs: [2_000], finishMs: 60_000 },
	seed: () => ({ WorkflowId: 'sandbox-workflow', MediaId: newId(), WorkflowName: 'sandbox-workflow' }),
	event: workflowTaskComplete,
});

function workflowTaskView(job: Job, ctx: OperationContext): Record<string, unknown> {
	const state = ctx.jobs.state(job);
	const created = isoSeconds(job.createdAt);
	return {
		TaskId: job.jobId,
		Status: state.status,
		TaskInput: taskInput(job),
		ActivityResults: activityResults(job, state),
		CreateTime: created,
		FinishTime: state.finishedAt !== undefined ? isoSeconds(state.finishedAt) : undefined,
		UserData: job.data.UserData,
		Workflow: {
			WorkflowId: job.data.WorkflowId,
			Name: job.data.WorkflowName,
			Status: 'Active',
			Type: 'Transcode',
			AppId: 'app-1000000',
			CreateTime: created,
			ModifiedTime: created,
		},
	};
}

export const vodWorkflow = declare.family({
	name: 'VOD workflow',
	product: 'VOD',
	kinds: [WORKFLOW],
	submit: declare.submit({
		action: 'SubmitWorkflowJob',
		parameters: { WorkflowId: param.text({ required: true }), MediaId: param.text() },
		kind: WORKFLOW.name,
		create: (values) => ({
			WorkflowId: values.WorkflowId,
			MediaId: values.MediaId,
			WorkflowName: `workflow-${values.WorkflowId.slice(0, 8)}`,
		}),
		// Older VOD answers carry no TaskId (api-notes: "treat as optional"): setVodSubmitOmitsTaskId.
		answer: (job, ctx) => (ctx.vodSubmitOmitsTaskId ? {} : { TaskId: job.jobId }),
		idAt: 'TaskId',
		samples: [{ query: { WorkflowId: 'wf', MediaId: 'video-1' } }],
	}),
	gets: [
		declare.get({
			action: 'GetJobDetail',
			id: 'JobId',
			kinds: [WORKFLOW.name],
			notFound: { status: 404, code: 'JobNotFound', noun: 'job' },
			parameters: { JobType: param.text({ required: true, oneOf: ['transcode', 'snapshot', 'ai', 'workflow'] }) },
			check: (values) => {
				if (values.JobType !== 'workflow')
					throw invalidParameter(
						'JobType',
						`The emulator only knows workflow tasks; ${values.JobType} jobs are not supported.`,
					);
			},
			at: 'WorkflowTaskDetail',
			extras: () => ({ JobType: 'workflow' }),
			view: (job, ctx) => workflowTaskView(job, ctx),
			sample: { JobType: 'workflow' },
		}),
	],
});
