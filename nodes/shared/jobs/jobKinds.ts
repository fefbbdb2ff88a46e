import type { IDataObject } from 'n8n-workflow';

import type { ApiOperation } from '../api/operations';
import { OPERATIONS } from '../api/operations';

/**
 * The one home for job-state knowledge: how each kind of job is read back, how its fields are named, and
 * which of Alibaba's status spellings mean success, failure or cancellation (three spellings of each across
 * the APIs). The status nodes, "wait for completion" and the trigger all go through this module.
 */
export type JobKind = 'package' | 'mediaProducing' | 'liveEditing' | 'vodWorkflow';

export type JobStatus = 'running' | 'succeeded' | 'failed' | 'canceled';

interface JobKindFacts {
	label: string;
	get: ApiOperation;
	/** Query parameters that read one job, besides its ID. */
	getParameters: IDataObject;
	/** Where the job sits in the Get response. */
	responseKey: string;
	idField: string;
	terminal: { succeeded: string[]; failed: string[]; canceled: string[] };
	fields: {
		createdAt: string;
		finishedAt: string;
		outputUrl?: string;
		mediaId?: string;
		vodMediaId?: string;
	};
}

export const JOB_KINDS: Record<JobKind, JobKindFacts> = {
	package: {
		label: 'packaging job',
		get: OPERATIONS.GetPackageJob,
		getParameters: {},
		responseKey: 'PackageJob',
		idField: 'JobId',
		terminal: { succeeded: ['Success'], failed: ['Fail'], canceled: [] },
		fields: { createdAt: 'CreateTime', finishedAt: 'FinishTime', outputUrl: 'OutputUrl' },
	},
	mediaProducing: {
		label: 'media producing job',
		get: OPERATIONS.GetMediaProducingJob,
		getParameters: {},
		responseKey: 'MediaProducingJob',
		idField: 'JobId',
		terminal: { succeeded: ['Success'], failed: ['Failed'], canceled: [] },
		fields: {
			createdAt: 'CreateTime',
			finishedAt: 'CompleteTime',
			outputUrl: 'MediaURL',
			mediaId: 'MediaId',
			vodMediaId: 'VodMediaId',
		},
	},
	liveEditing: {
		label: 'live editing job',
		get: OPERATIONS.GetLiveEditingJob,
		getParameters: {},
		responseKey: 'LiveEditingJob',
		idField: 'JobId',
		terminal: { succeeded: ['Success'], failed: ['Failed'], canceled: [] },
		fields: {
			createdAt: 'CreationTime',
			finishedAt: 'CompleteTime',
			outputUrl: 'MediaURL',
			mediaId: 'MediaId',
			vodMediaId: 'VodMediaId',
		},
	},
	vodWorkflow: {
		label: 'VOD workflow task',
		get: OPERATIONS.GetJobDetail,
		getParameters: { JobType: 'workflow' },
		responseKey: 'WorkflowTaskDetail',
		idField: 'TaskId',
		terminal: { succeeded: ['Succeed'], failed: ['Failed'], canceled: ['Canceled'] },
		fields: { createdAt: 'CreateTime', finishedAt: 'FinishTime' },
	},
};

/** The query of the Get call that reads one job of this kind. */
export function readJobQuery(kind: JobKind, jobId: string): IDataObject {
	return { ...JOB_KINDS[kind].getParameters, JobId: jobId };
}

/** Any state not known to be terminal counts as still running, so a new state never ends a wait early. */
export function jobStatus(kind: JobKind, rawStatus: unknown): JobStatus {
	const { terminal } = JOB_KINDS[kind];
	const status = String(rawStatus ?? '');
	if (terminal.succeeded.includes(status)) return 'succeeded';
	if (terminal.failed.includes(status)) return 'failed';
	if (terminal.canceled.includes(status)) return 'canceled';
	return 'running';
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
}

function text(value: unknown): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	return String(value).trim();
}

/** VOD sends ActivityResults and TaskInput as JSON text; anything unparsable counts as absent. */
function parsedJson(value: unknown): unknown {
	if (typeof value !== 'string') return value;
	try {
		return JSON.parse(value);
	} catch {
		return undefined;
	}
}

/**
 * A VOD task has no top-level error: the first failed activity carries it. GetJobDetail returns
 * ActivityResults as JSON text of an object keyed by workflow node ({"Transcode": {Status, ...}}).
 */
function vodWorkflowError(job: IDataObject): { code?: string; message?: string } {
	const results = parsedJson(job.ActivityResults);
	const activities = (results && typeof results === 'object' ? Object.values(results) : []) as IDataObject[];
	const failed = activities.find((activity) => /fail/i.test(String(activity?.Status ?? '')));
	return {
		code: text(failed?.Code ?? failed?.ErrorCode ?? job.Code),
		message: text(failed?.Message ?? failed?.ErrorMessage ?? job.Message),
	};
}

/** The video a VOD task works on: TaskInput is JSON text like {"Type":"Media","Media":"<VideoId>"}. */
function vodWorkflowMediaId(job: IDataObject): string | undefined {
	const input = parsedJson(job.TaskInput) as IDataObject | undefined;
	return input && typeof input === 'object' ? text(input.Media) : undefined;
}

export function summarizeJob(kind: JobKind, job: IDataObject): JobSummary {
	const facts = JOB_KINDS[kind];
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
		const error = kind === 'vodWorkflow' ? vodWorkflowError(job) : { code: text(job.Code), message: text(job.Message) };
		summary.errorCode = error.code;
		summary.errorMessage = error.message;
	}
	for (const key of Object.keys(summary) as Array<keyof JobSummary>) {
		if (summary[key] === undefined) delete summary[key];
	}
	return summary;
}

/** A Get response as a node outputs it: the normalized fields first, then Alibaba's job as is. */
export function jobOutput(kind: JobKind, response: IDataObject): IDataObject {
	const job = (response[JOB_KINDS[kind].responseKey] ?? {}) as IDataObject;
	return { ...summarizeJob(kind, job), job, requestId: response.RequestId };
}
