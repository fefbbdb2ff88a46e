/**
 * The job events Alibaba pushes, read with the job-state knowledge of jobKinds.ts: an event message becomes the same
 * normalized fields a Get or the polling trigger gives (jobKind, jobId, status, finished, outputUrl, mediaId,
 * errorCode, errorMessage), plus eventType and eventTime.
 *
 * - ICE `ProduceMediaComplete` (media producing and live editing jobs): `{EventType, UserId, EventTime, MessageBody:
 *   {Status, JobId, MediaId, MediaURL, ProjectId, ErrorCode, ErrorMessage, UserData}}`. Its job reads back with
 *   GetMediaProducingJob, which also answers for live editing job IDs.
 * - VOD `WorkflowTaskComplete`: a flat message with GetJobDetail's task fields (TaskId, Status, ActivityResults,
 *   TaskInput, CreateTime, FinishTime) plus WorkflowId and VideoId.
 * An end event is an end: a status spelling the kind does not know (Alibaba's older pages write success/fail) counts
 * as success when it reads as the kind's success spelling, otherwise as failure.
 */
import type { IDataObject } from 'n8n-workflow';

import { text } from '../helpers/text';
import type { JobKind, JobStatus } from './jobKinds';
import { JOB_KINDS, jobStatus, summarizeJob } from './jobKinds';

export type EventProduct = 'ice' | 'vod';

interface JobEventFacts {
	product: EventProduct;
	kind: JobKind;
	/** The event as the job its kind's Get answer would show. */
	job: (event: IDataObject) => IDataObject;
}

function objectOf(value: unknown): IDataObject {
	return value && typeof value === 'object' && !Array.isArray(value) ? (value as IDataObject) : {};
}

export const JOB_EVENTS: Record<string, JobEventFacts> = {
	ProduceMediaComplete: {
		product: 'ice',
		kind: 'mediaProducing',
		job: (event) => {
			const body = objectOf(event.MessageBody);
			return {
				JobId: body.JobId,
				ProjectId: body.ProjectId,
				Status: body.Status,
				MediaId: body.MediaId,
				MediaURL: body.MediaURL,
				Code: body.ErrorCode,
				Message: body.ErrorMessage,
				CompleteTime: event.EventTime,
				UserData: body.UserData,
			};
		},
	},
	WorkflowTaskComplete: {
		product: 'vod',
		kind: 'vodWorkflow',
		job: (event) => event,
	},
};

export const JOB_EVENT_TYPES = Object.keys(JOB_EVENTS);

/** The kind's own spelling of an end status it may not know. */
function endStatus(kind: JobKind, rawStatus: unknown): string {
	const known = jobStatus(kind, rawStatus);
	const { terminal } = JOB_KINDS[kind];
	if (known !== 'running') return String(rawStatus);
	const succeeded = terminal.succeeded.some(
		(spelling) => spelling.toLowerCase() === String(rawStatus ?? '').toLowerCase(),
	);
	return succeeded ? terminal.succeeded[0] : terminal.failed[0];
}

export interface EventSummary extends IDataObject {
	eventType: string;
	eventTime?: string;
	product: EventProduct;
	jobKind?: JobKind;
	jobId?: string;
	status?: JobStatus;
	finished?: boolean;
}

/**
 * The normalized fields of one event message (`product`: whose signature it carried). Events this package does not
 * know keep only what every message has: eventType, eventTime, and the JobId / MediaId / Status it may carry.
 */
export function summarizeEvent(product: EventProduct, event: IDataObject): EventSummary {
	const eventType = String(event.EventType ?? '');
	const eventTime = text(event.EventTime);
	const facts = JOB_EVENTS[eventType];
	if (!facts || facts.product !== product) {
		const body = objectOf(event.MessageBody);
		const summary: EventSummary = { eventType, eventTime, product };
		const jobId = text(body.JobId ?? event.JobId ?? event.TaskId);
		const mediaId = text(body.MediaId ?? event.MediaId ?? event.VideoId);
		const rawStatus = text(body.Status ?? event.Status);
		if (jobId) summary.jobId = jobId;
		if (mediaId) summary.mediaId = mediaId;
		if (rawStatus) summary.rawStatus = rawStatus;
		if (!eventTime) delete summary.eventTime;
		return summary;
	}
	const job = facts.job(event);
	const rawStatus = String(job.Status ?? '');
	const summary = summarizeJob(facts.kind, { ...job, Status: endStatus(facts.kind, job.Status) });
	const normalized: EventSummary = { ...summary, rawStatus, eventType, eventTime, product };
	if (facts.kind === 'vodWorkflow' && normalized.mediaId === undefined && text(event.VideoId))
		normalized.mediaId = text(event.VideoId);
	if (!eventTime) delete normalized.eventTime;
	return normalized;
}

/** What makes two deliveries the same event: Alibaba's retries repeat the message, with a new timestamp. */
export function eventIdentity(summary: EventSummary, bodyDigest: string): string {
	if (summary.jobId && summary.jobKind)
		return [summary.product, summary.eventType, summary.jobId, String(summary.rawStatus ?? '')].join('|');
	return [summary.product, summary.eventType, bodyDigest].join('|');
}
