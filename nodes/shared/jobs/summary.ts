/**
 * A job as the nodes output it, read through its kind's declaration: which of Alibaba's status spellings mean success,
 * failure or cancellation (three spellings of each across the APIs), and the normalized fields beside Alibaba's job.
 */
import type { IDataObject } from 'n8n-workflow';

import { text } from '../helpers/text';
import type { JobKind } from '../jobKinds';
import { JOB_KINDS } from '../jobKinds';
import type { JobKindDeclaration, JobStatus, JobSummary } from './declaration';

const declarationOf = (kind: JobKind): JobKindDeclaration => JOB_KINDS[kind];

/** The query of the Get call that reads one job of this kind. */
export function readJobQuery(kind: JobKind, jobId: string): IDataObject {
	const { get } = declarationOf(kind);
	return { ...get.parameters, [get.idParameter ?? 'JobId']: jobId };
}

/** Any state not known to be an end counts as running, so a new state never ends a wait early. */
export function jobStatus(kind: JobKind, rawStatus: unknown): JobStatus {
	const status = String(rawStatus ?? '');
	const entry = Object.entries(declarationOf(kind).ends).find(([, spellings]) => spellings.includes(status));
	return entry ? (entry[0] as JobStatus) : 'running';
}

function withoutUndefined(record: IDataObject): IDataObject {
	return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined));
}

export function summarizeJob(kind: JobKind, entry: IDataObject): JobSummary {
	const facts = declarationOf(kind);
	const job = facts.statusRecord ? facts.statusRecord(entry) : entry;
	const rawStatus = job[facts.statusField ?? 'Status'];
	const stated = jobStatus(kind, rawStatus);
	const status = facts.outcome ? facts.outcome(job, stated) : stated;
	const ended = status === 'failed' || status === 'canceled';
	const summary = {
		jobKind: kind,
		jobId: String(job[facts.idField] ?? ''),
		status,
		finished: status !== 'running',
		rawStatus: String(rawStatus ?? ''),
		createdAt: text(job[facts.fields.createdAt]),
		finishedAt: status === 'running' ? undefined : text(job[facts.fields.finishedAt] ?? job.ModifiedTime),
		outputUrl: facts.fields.outputUrl ? text(job[facts.fields.outputUrl]) : undefined,
		mediaId: facts.fields.mediaId ? text(job[facts.fields.mediaId]) : undefined,
		vodMediaId: facts.fields.vodMediaId ? text(job[facts.fields.vodMediaId]) : undefined,
		...facts.details?.(job, status),
		...(ended ? (facts.failure?.(job) ?? { errorCode: text(job.Code), errorMessage: text(job.Message) }) : {}),
	};
	return withoutUndefined(summary) as JobSummary;
}

/** Fills the normalized fields the Get answer lacks from the Submit answer (see `submittedFields`). */
export function withSubmittedFields(kind: JobKind, output: IDataObject, submission: IDataObject): IDataObject {
	const filled: IDataObject = {};
	for (const [field, key] of Object.entries(declarationOf(kind).submittedFields ?? {})) {
		const value = text(submission[key]);
		if (output[field] === undefined && value !== undefined) filled[field] = value;
	}
	return { ...output, ...filled };
}

/** A Get response as a node outputs it: the normalized fields first, then Alibaba's job as is (unless left out). */
export function jobOutput(kind: JobKind, response: IDataObject, includeRawJob = true): IDataObject {
	const facts = declarationOf(kind);
	const job = (response[facts.get.responseKey] ?? {}) as IDataObject;
	const summary = summarizeJob(kind, job);
	if (facts.output) return facts.output(summary, job, response.RequestId);
	return includeRawJob
		? { ...summary, job, requestId: response.RequestId }
		: { ...summary, requestId: response.RequestId };
}
