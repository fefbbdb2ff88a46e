/**
 * The event messages Alibaba sends when a job ends (api-notes "Callbacks"; Alibaba's IMS event list and VOD's
 * "Workflow task completion" page):
 * - ICE `ProduceMediaComplete` for media producing jobs (timeline, project, template) and live editing jobs, which
 *   produce through the same service: `{EventType, UserId, EventTime, MessageBody: {Status, JobId, MediaId, MediaURL,
 *   ProjectId, ErrorCode, ErrorMessage, UserData}}`, Status Success or Failed.
 * - VOD `WorkflowTaskComplete`, a flat message: `{EventType, EventTime, UserId, WorkflowId, Status, VideoId, TaskId,
 *   ActivityResults, TaskInput, CreateTime, ModifiedTime, FinishTime}`, Status Succeed or Failed. Canceled and
 *   skipped tasks send nothing: the event is documented for those two outcomes only (own choice).
 * - Packaging jobs: no event is documented.
 */
import { isoSeconds } from '../clock';
import { Job, JobStore, VOCABULARY } from '../jobs';
import { activityResults, taskInput } from '../operations/vodActivities';
import type { CallbackProduct } from './signing';

/** The account ID events carry (a number in ICE messages, text in VOD's). */
export const EMULATOR_USER_ID = 1234567890123456;

export interface JobEvent {
	product: CallbackProduct;
	eventType: string;
	body: Record<string, unknown>;
}

const PRODUCING_KINDS = ['editing', 'template', 'liveEditing'];

function withoutUndefined(record: Record<string, unknown>): Record<string, unknown> {
	return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined));
}

function produceMediaComplete(jobs: JobStore, job: Job): JobEvent {
	const state = jobs.state(job);
	const succeeded = state.status === VOCABULARY[job.kind].success;
	return {
		product: 'ice',
		eventType: 'ProduceMediaComplete',
		body: {
			EventType: 'ProduceMediaComplete',
			UserId: EMULATOR_USER_ID,
			EventTime: isoSeconds(state.finishedAt ?? jobs.state(job).modifiedAt),
			MessageBody: withoutUndefined({
				Status: succeeded ? 'Success' : 'Failed',
				JobId: job.jobId,
				MediaId: job.data.MediaId,
				MediaURL: job.data.MediaURL,
				ProjectId: job.data.ProjectId,
				ErrorCode: succeeded ? '' : (state.failure?.code ?? ''),
				ErrorMessage: succeeded ? '' : (state.failure?.message ?? ''),
				UserData: job.data.UserData,
			}),
		},
	};
}

function workflowTaskComplete(jobs: JobStore, job: Job): JobEvent | undefined {
	const state = jobs.state(job);
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

/** The event a finished job sends, if its kind has one. */
export function jobEvent(jobs: JobStore, job: Job): JobEvent | undefined {
	if (PRODUCING_KINDS.includes(job.kind)) return produceMediaComplete(jobs, job);
	if (job.kind === 'workflow') return workflowTaskComplete(jobs, job);
	return undefined;
}

/** The per-job NotifyAddress of a media producing job's UserData (JSON text), if any. */
export function notifyAddressOf(job: Job): string | undefined {
	if (job.kind !== 'editing' && job.kind !== 'template') return undefined;
	try {
		const userData = JSON.parse(String(job.data.UserData ?? '')) as { NotifyAddress?: unknown };
		return typeof userData?.NotifyAddress === 'string' && userData.NotifyAddress !== ''
			? userData.NotifyAddress
			: undefined;
	} catch {
		return undefined;
	}
}
