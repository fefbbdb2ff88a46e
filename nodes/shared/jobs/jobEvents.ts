/**
 * The job events Alibaba pushes, read with the job kinds' declarations: an event message becomes the same
 * normalized fields a Get or the polling trigger gives (jobKind, jobId, status, finished, outputUrl, mediaId,
 * errorCode, errorMessage), plus eventType and eventTime. Each kind declares the events that report its jobs and how
 * their message reads as its job (`events` in shared/jobKinds). An end event is an end: a status spelling the kind
 * does not know (Alibaba's older pages write success/fail) counts as success when it reads as the kind's success
 * spelling, otherwise as failure.
 */
import type { IDataObject } from 'n8n-workflow';

import { asObject } from '../helpers/answer';
import { text } from '../helpers/text';
import type { JobKind } from '../jobKinds';
import { JOB_KINDS } from '../jobKinds';
import type { JobEventFacts, JobStatus } from './declaration';
import { jobStatus, summarizeJob } from './summary';

export type EventProduct = JobEventFacts['product'];

/** Every callback event some job kind declares, by EventType, with the kind whose job it reports. */
export const JOB_EVENTS: Record<string, JobEventFacts & { kind: JobKind }> = Object.fromEntries(
	(Object.entries(JOB_KINDS) as Array<[JobKind, { events?: Record<string, JobEventFacts> }]>).flatMap(
		([kind, declaration]) =>
			Object.entries(declaration.events ?? {}).map(([type, facts]) => [type, { ...facts, kind }]),
	),
);

export const JOB_EVENT_TYPES = Object.keys(JOB_EVENTS);

/** The kind's own spelling of an end status it may not know. */
function endStatus(kind: JobKind, rawStatus: unknown): string {
	const known = jobStatus(kind, rawStatus);
	const { ends } = JOB_KINDS[kind];
	if (known !== 'running') return String(rawStatus);
	const succeeded = ends.succeeded.some((spelling) => spelling.toLowerCase() === String(rawStatus ?? '').toLowerCase());
	return succeeded ? ends.succeeded[0] : ends.failed[0];
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
		const body = asObject(event.MessageBody) ?? {};
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
	const statusField = (JOB_KINDS[facts.kind] as { statusField?: string }).statusField ?? 'Status';
	const rawStatus = String(job[statusField] ?? '');
	const summary = summarizeJob(facts.kind, { ...job, [statusField]: endStatus(facts.kind, job[statusField]) });
	const normalized: EventSummary = { ...summary, jobKind: facts.kind, rawStatus, eventType, eventTime, product };
	if (!eventTime) delete normalized.eventTime;
	return normalized;
}

/** What makes two deliveries the same event: Alibaba's retries repeat the message, with a new timestamp. */
export function eventIdentity(summary: EventSummary, bodyDigest: string): string {
	if (summary.jobId && summary.jobKind)
		return [summary.product, summary.eventType, summary.jobId, String(summary.rawStatus ?? '')].join('|');
	return [summary.product, summary.eventType, bodyDigest].join('|');
}
