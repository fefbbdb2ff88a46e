/**
 * GetJobDetail `ActivityResults`: JSON text of an object keyed by workflow node name, each value
 * `{ActivityId, ActivityInstanceId, StartTime, EndTime, Status, Result}` with `Result` itself JSON text, shaped as
 * in the SDK's example: the start node echoes the task input, a processing node embeds the VOD event message it
 * ended with, and a node that failed without a reason says only `{Type, Success: false}`.
 */
import { createHash } from 'node:crypto';
import { isoSeconds } from '../clock';
import { Job, JobState } from '../jobs';

/** The sandbox account's numeric user ID (a number, as UserId is in the SDK example). */
const SANDBOX_UID = 1234567890123456;
const START_NODE = 'Act_Start';
const TRANSCODE_NODE = 'VodTranscode_1';

const digest = (job: Job, node: string): string => createHash('md5').update(`${job.jobId}/${node}`).digest('hex');

const requestIdOf = (job: Job, node: string): string =>
	digest(job, `${node}/request`)
		.toUpperCase()
		.replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5');

export function taskInput(job: Job): string {
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
		UserId: SANDBOX_UID,
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
export function activityResults(job: Job, state: JobState): string | undefined {
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
