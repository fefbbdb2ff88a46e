/** ApsaraVideo VOD workflow tasks: SubmitWorkflowJob, GetJobDetail (JobType=workflow). No list: each is read alone. */
import type { IDataObject } from 'n8n-workflow';

import { vod } from '../api/operations';
import { asObject } from '../helpers/answer';
import { parsedJson } from '../helpers/json';
import { text } from '../helpers/text';
import type { JobKindDeclaration } from '../jobs/declaration';

const ERROR_CODE_KEYS = ['ErrorCode', 'Code'];
const ERROR_MESSAGE_KEYS = ['ErrorMessage', 'Message'];

function firstText(source: IDataObject | undefined, keys: string[]): string | undefined {
	for (const key of keys) {
		const value = text(source?.[key]);
		if (value) return value;
	}
	return undefined;
}

/**
 * A VOD task has no top-level error: its failed activity does. GetJobDetail's ActivityResults is JSON text of
 * an object keyed by workflow node name, each `{ActivityId, ActivityInstanceId, StartTime, EndTime, Status,
 * Result}`, and Result is JSON text again whose shape depends on the activity. Where a Result names an error,
 * it does so as VOD's event messages do (ErrorCode/ErrorMessage, at its top or in its MessageBody); when it
 * names none, the raw Result is all there is to show.
 */
function vodWorkflowFailure(job: IDataObject): IDataObject {
	const activities = asObject(parsedJson(job.ActivityResults)) ?? {};
	const failed = Object.entries(activities).find(([, activity]) => asObject(activity)?.Status === 'Failed');
	if (!failed) return {};
	const [activity, details] = failed as [string, IDataObject];
	const result = asObject(parsedJson(details.Result));
	const places = [result, asObject(parsedJson(result?.MessageBody))];
	const code = places.map((place) => firstText(place, ERROR_CODE_KEYS)).find(Boolean);
	const message = places.map((place) => firstText(place, ERROR_MESSAGE_KEYS)).find(Boolean);
	const rawResult = text(typeof details.Result === 'string' ? details.Result : JSON.stringify(details.Result));
	return {
		failedActivity: activity,
		errorCode: code,
		errorMessage: message,
		failedActivityResult: code || message ? undefined : rawResult,
	};
}

/**
 * The video a VOD task works on: TaskInput is JSON text like {"Type":"Media","Media":"<VideoId>"}; the
 * WorkflowTaskComplete event also says it as VideoId.
 */
function vodWorkflowMediaId(job: IDataObject): string | undefined {
	const input = parsedJson(job.TaskInput) as IDataObject | undefined;
	return (input && typeof input === 'object' ? text(input.Media) : undefined) ?? text(job.VideoId);
}

export const vodWorkflowTasks = {
	label: 'VOD workflow task',
	submit: {
		// No ClientToken and no list to look in: a lost answer stays unknown.
		operation: vod('SubmitWorkflowJob', { idempotent: false, quotaPerSecond: 20 }),
		// Older VOD responses carry no TaskId (or an empty one): nothing to wait for then.
		jobId: (response) => (response.TaskId as string | undefined) || undefined,
	},
	get: {
		operation: vod('GetJobDetail', { idempotent: true, quotaPerSecond: 15 }),
		parameters: { JobType: 'workflow' },
		responseKey: 'WorkflowTaskDetail',
	},
	idField: 'TaskId',
	ends: { succeeded: ['Succeed'], failed: ['Failed'], canceled: ['Canceled'], skipped: ['Skip'] },
	fields: { createdAt: 'CreateTime', finishedAt: 'FinishTime' },
	details: (job) => ({ mediaId: vodWorkflowMediaId(job) }),
	failure: vodWorkflowFailure,
	events: {
		// A flat message with GetJobDetail's task fields (TaskId, Status, ActivityResults, TaskInput, CreateTime,
		// FinishTime) plus WorkflowId and VideoId.
		WorkflowTaskComplete: {
			product: 'vod',
			option: {
				name: 'VOD Workflow Task Finished',
				description: 'VOD WorkflowTaskComplete: an ApsaraVideo VOD workflow task (SubmitWorkflowJob) ended',
			},
			job: (event) => event,
		},
	},
	getNode: {
		parameter: 'taskId',
		label: 'Task ID',
		example: '46ecc0240a2e4e4b92c8e26237e51000',
		submitNode: 'Submit VOD Workflow Job',
		note: 'Tasks of the last 6 months can be read',
	},
} satisfies JobKindDeclaration;
