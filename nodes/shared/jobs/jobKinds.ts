/**
 * The one home for job-state knowledge: how each kind of job is read back, how its fields are named, and
 * which of Alibaba's status spellings mean success, failure or cancellation (three spellings of each across
 * the APIs). The status nodes, "wait for completion" and the trigger all go through this module.
 */
import type { IDataObject } from 'n8n-workflow';

import type { ApiOperation } from '../api/operations';
import { OPERATIONS } from '../api/operations';
import { text } from '../helpers/text';
import { parsedJson } from '../helpers/json';
import { mediaAssetOutput } from './mediaAsset';

export type JobKind = 'package' | 'mediaProducing' | 'liveEditing' | 'vodWorkflow' | 'mediaAsset';

/** `skipped`: a VOD workflow task that ended without running (status Skip); finished, but neither outcome. */
export type JobStatus = 'running' | 'succeeded' | 'failed' | 'canceled' | 'skipped';

interface JobKindFacts {
	label: string;
	get: ApiOperation;
	/** Query parameters that read one job, besides its ID. */
	getParameters: IDataObject;
	/** Where the job sits in the Get response. */
	responseKey: string;
	idField: string;
	/** The Get call's query parameter that carries the ID (JobId unless said otherwise). */
	idParameter?: string;
	/**
	 * Where the status, the ID and the times sit when not at the top of the job: a media asset keeps them in
	 * MediaBasicInfo (the ID also at the top, as MediaId).
	 */
	statusRecord?(job: IDataObject): IDataObject;
	terminal: Record<Exclude<JobStatus, 'running'>, string[]>;
	fields: {
		createdAt: string;
		finishedAt: string;
		outputUrl?: string;
		mediaId?: string;
		vodMediaId?: string;
	};
	/**
	 * Normalized fields that only the Submit answer carries (the Get answer lacks them), by Submit answer key:
	 * GetLiveEditingJob has no VodMediaId, SubmitLiveEditingJob's answer does.
	 */
	submittedFields?: Partial<Record<'vodMediaId', string>>;
	/** The Get node of this kind: its ID field (filled from `idField` of the Submit node's answer). */
	getNode: GetNodeSpec;
	/** The output of a Get answer when it is not `{...summary, job, requestId}` (see jobOutput). */
	output?(summary: JobSummary, entry: IDataObject, requestId: unknown): IDataObject;
}

interface GetNodeSpec {
	/** The ID field's parameter name and label, e.g. jobId, Job ID. */
	parameter: string;
	label: string;
	/** An ID of the right shape, shown as the field's placeholder. */
	example: string;
	/** The Submit node whose answer carries the ID. */
	submitNode: string;
	/** Said after the field's description, e.g. how far back jobs can be read. */
	note?: string;
}

export const JOB_KINDS: Record<JobKind, JobKindFacts> = {
	package: {
		label: 'packaging job',
		get: OPERATIONS.GetPackageJob,
		getParameters: {},
		responseKey: 'PackageJob',
		idField: 'JobId',
		terminal: { succeeded: ['Success'], failed: ['Fail'], canceled: [], skipped: [] },
		fields: { createdAt: 'CreateTime', finishedAt: 'FinishTime', outputUrl: 'OutputUrl' },
		getNode: {
			parameter: 'jobId',
			label: 'Job ID',
			example: 'ab4802364a2e49208c99efab82df0000',
			submitNode: 'Submit Package Job',
		},
	},
	mediaProducing: {
		label: 'media producing job',
		get: OPERATIONS.GetMediaProducingJob,
		getParameters: {},
		responseKey: 'MediaProducingJob',
		idField: 'JobId',
		terminal: { succeeded: ['Success'], failed: ['Failed'], canceled: [], skipped: [] },
		fields: {
			createdAt: 'CreateTime',
			finishedAt: 'CompleteTime',
			outputUrl: 'MediaURL',
			mediaId: 'MediaId',
			vodMediaId: 'VodMediaId',
		},
		getNode: {
			parameter: 'jobId',
			label: 'Job ID',
			example: 'cdb3e74639973036bc84a1b2c3d4e5f6',
			submitNode: 'Submit Media Producing Job',
		},
	},
	liveEditing: {
		label: 'live editing job',
		get: OPERATIONS.GetLiveEditingJob,
		getParameters: {},
		responseKey: 'LiveEditingJob',
		idField: 'JobId',
		terminal: { succeeded: ['Success'], failed: ['Failed'], canceled: [], skipped: [] },
		fields: { createdAt: 'CreationTime', finishedAt: 'CompleteTime', outputUrl: 'MediaURL', mediaId: 'MediaId' },
		submittedFields: { vodMediaId: 'VodMediaId' },
		getNode: {
			parameter: 'jobId',
			label: 'Job ID',
			example: 'ab4802364a2e49208c99efab82df0000',
			submitNode: 'Submit Live Editing Job',
		},
	},
	// A registered (or produced) media asset being analysed: its status is MediaBasicInfo.Status. The SDK
	// (ListMediaBasicInfosRequest `Status`) lists Init (source not ready), Preparing, PrepareFail and Normal (ready).
	mediaAsset: {
		label: 'media asset',
		get: OPERATIONS.GetMediaInfo,
		getParameters: {},
		responseKey: 'MediaInfo',
		idField: 'MediaId',
		idParameter: 'MediaId',
		statusRecord: (job) => ({ ...(asObject(job.MediaBasicInfo) ?? {}), MediaId: job.MediaId }),
		terminal: { succeeded: ['Normal'], failed: ['PrepareFail'], canceled: [], skipped: [] },
		fields: { createdAt: 'CreateTime', finishedAt: 'ModifiedTime' },
		output: mediaAssetOutput,
		getNode: {
			parameter: 'mediaId',
			label: 'Media ID',
			example: '0c8f20b48fb04483915d4f2cd8ac1a2b',
			submitNode: 'Register Media Info',
		},
	},
	vodWorkflow: {
		label: 'VOD workflow task',
		get: OPERATIONS.GetJobDetail,
		getParameters: { JobType: 'workflow' },
		responseKey: 'WorkflowTaskDetail',
		idField: 'TaskId',
		terminal: { succeeded: ['Succeed'], failed: ['Failed'], canceled: ['Canceled'], skipped: ['Skip'] },
		fields: { createdAt: 'CreateTime', finishedAt: 'FinishTime' },
		getNode: {
			parameter: 'taskId',
			label: 'Task ID',
			example: '46ecc0240a2e4e4b92c8e26237e51000',
			submitNode: 'Submit VOD Workflow Job',
			note: 'Tasks of the last 6 months can be read',
		},
	},
};

/** The query of the Get call that reads one job of this kind. */
export function readJobQuery(kind: JobKind, jobId: string): IDataObject {
	return { ...JOB_KINDS[kind].getParameters, [JOB_KINDS[kind].idParameter ?? 'JobId']: jobId };
}

/** Any state not known to be terminal counts as still running, so a new state never ends a wait early. */
export function jobStatus(kind: JobKind, rawStatus: unknown): JobStatus {
	const { terminal } = JOB_KINDS[kind];
	const status = String(rawStatus ?? '');
	const entry = Object.entries(terminal).find(([, spellings]) => spellings.includes(status));
	return entry ? (entry[0] as JobStatus) : 'running';
}

export interface JobSummary {
	jobKind: JobKind;
	jobId: string;
	status: JobStatus;
	finished: boolean;
	/** Alibaba's own spelling, e.g. Fail, Failed or Succeed. */
	rawStatus: string;
	createdAt?: string;
	finishedAt?: string;
	outputUrl?: string;
	mediaId?: string;
	vodMediaId?: string;
	errorCode?: string;
	errorMessage?: string;
	/** VOD workflow tasks: the workflow node (activity) that failed, and its Result as sent when it names no error. */
	failedActivity?: string;
	failedActivityResult?: string;
}

const ERROR_CODE_KEYS = ['ErrorCode', 'Code'];
const ERROR_MESSAGE_KEYS = ['ErrorMessage', 'Message'];

function firstText(source: IDataObject | undefined, keys: string[]): string | undefined {
	for (const key of keys) {
		const value = text(source?.[key]);
		if (value) return value;
	}
	return undefined;
}

function asObject(value: unknown): IDataObject | undefined {
	return value && typeof value === 'object' && !Array.isArray(value) ? (value as IDataObject) : undefined;
}

interface VodFailure {
	activity?: string;
	code?: string;
	message?: string;
	rawResult?: string;
}

/**
 * A VOD task has no top-level error: its failed activity does. GetJobDetail's ActivityResults is JSON text of
 * an object keyed by workflow node name, each `{ActivityId, ActivityInstanceId, StartTime, EndTime, Status,
 * Result}`, and Result is JSON text again whose shape depends on the activity. Where a Result names an error,
 * it does so as VOD's event messages do (ErrorCode/ErrorMessage, at its top or in its MessageBody); when it
 * names none, the raw Result is all there is to show.
 */
function vodWorkflowFailure(job: IDataObject): VodFailure {
	const activities = asObject(parsedJson(job.ActivityResults)) ?? {};
	const failed = Object.entries(activities).find(([, activity]) => asObject(activity)?.Status === 'Failed');
	if (!failed) return {};
	const [activity, details] = failed as [string, IDataObject];
	const result = asObject(parsedJson(details.Result));
	const places = [result, asObject(parsedJson(result?.MessageBody))];
	const code = places.map((place) => firstText(place, ERROR_CODE_KEYS)).find(Boolean);
	const message = places.map((place) => firstText(place, ERROR_MESSAGE_KEYS)).find(Boolean);
	const rawResult = text(typeof details.Result === 'string' ? details.Result : JSON.stringify(details.Result));
	return { activity, code, message, rawResult: code || message ? undefined : rawResult };
}

/** The video a VOD task works on: TaskInput is JSON text like {"Type":"Media","Media":"<VideoId>"}. */
function vodWorkflowMediaId(job: IDataObject): string | undefined {
	const input = parsedJson(job.TaskInput) as IDataObject | undefined;
	return input && typeof input === 'object' ? text(input.Media) : undefined;
}

export function summarizeJob(kind: JobKind, entry: IDataObject): JobSummary {
	const facts = JOB_KINDS[kind];
	const job = facts.statusRecord ? facts.statusRecord(entry) : entry;
	const status = jobStatus(kind, job.Status);
	const summary: JobSummary = {
		jobKind: kind,
		jobId: String(job[facts.idField] ?? ''),
		status,
		finished: status !== 'running',
		rawStatus: String(job.Status ?? ''),
		createdAt: text(job[facts.fields.createdAt]),
		finishedAt: status === 'running' ? undefined : text(job[facts.fields.finishedAt] ?? job.ModifiedTime),
	};
	if (facts.fields.outputUrl) summary.outputUrl = text(job[facts.fields.outputUrl]);
	if (facts.fields.mediaId) summary.mediaId = text(job[facts.fields.mediaId]);
	if (facts.fields.vodMediaId) summary.vodMediaId = text(job[facts.fields.vodMediaId]);
	if (kind === 'vodWorkflow') summary.mediaId = vodWorkflowMediaId(job);
	if (status === 'failed' || status === 'canceled') {
		if (kind === 'vodWorkflow') {
			const failure = vodWorkflowFailure(job);
			summary.failedActivity = failure.activity;
			summary.errorCode = failure.code;
			summary.errorMessage = failure.message;
			summary.failedActivityResult = failure.rawResult;
		} else {
			summary.errorCode = text(job.Code);
			summary.errorMessage = text(job.Message);
		}
	}
	for (const key of Object.keys(summary) as Array<keyof JobSummary>) {
		if (summary[key] === undefined) delete summary[key];
	}
	return summary;
}

/** Fills the normalized fields the Get answer lacks from the Submit answer (see `submittedFields`). */
export function withSubmittedFields(kind: JobKind, output: IDataObject, submission: IDataObject): IDataObject {
	const filled: IDataObject = {};
	for (const [field, key] of Object.entries(JOB_KINDS[kind].submittedFields ?? {})) {
		const value = text(submission[key]);
		if (output[field] === undefined && value !== undefined) filled[field] = value;
	}
	return { ...output, ...filled };
}

/** A Get response as a node outputs it: the normalized fields first, then Alibaba's job as is (unless left out). */
export function jobOutput(kind: JobKind, response: IDataObject, includeRawJob = true): IDataObject {
	const facts = JOB_KINDS[kind];
	const job = (response[facts.responseKey] ?? {}) as IDataObject;
	const summary = summarizeJob(kind, job);
	if (facts.output) return facts.output(summary, job, response.RequestId);
	return includeRawJob
		? { ...summary, job, requestId: response.RequestId }
		: { ...summary, requestId: response.RequestId };
}
