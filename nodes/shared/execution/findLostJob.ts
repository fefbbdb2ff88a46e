/**
 * When the answer to a submission is lost (a timeout, a dropped connection, a server error after the request left),
 * the job may or may not exist, and sending again could create a second one. Where the job kind has a job list, the
 * node looks: jobs created since shortly before the request left, carrying exactly what was submitted, and not
 * already the job of another item of this run. One such job: it was created. None, after the service answered with
 * an error: it was not. None after no answer at all (a timeout, a dropped connection): still unknown, because the
 * service may still be working on the request. More than one, or a request with too little to tell jobs apart:
 * still unknown. VOD workflow tasks have no list, so they stay unknown;
 * media producing jobs need no search (their ClientToken makes a resend safe).
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { JobSource } from '../jobs/jobLists';
import { PACKAGE_SOURCE, productionSource } from '../jobs/jobLists';
import { scanJobs } from '../jobs/scanJobs';
import { parsedJson } from '../helpers/json';
import type { ApiRequest } from '../transport/request';

export interface LostJobSearch {
	list: JobSource;
	/** How to recognise the submitted job in the list, or undefined when the request cannot be told apart. */
	matcher(request: ApiRequest): ((job: IDataObject) => boolean) | undefined;
	/** The job as the Submit operation would have answered it. */
	answer(job: IDataObject): IDataObject;
}

export type SearchResult =
	| { found: IDataObject }
	| { notCreated: true }
	| { unresolved: string; candidates?: string[] };

/** Alibaba accepts a request signed up to 15 minutes off its clock, so n8n's clock can be off by that much. */
const CLOCK_MARGIN_MS = 15 * 60_000;

/** JSON text parsed; other text stays text, so that two different non-JSON values never compare equal. */
function parsed(value: unknown): unknown {
	return parsedJson(value) ?? value;
}

/** JSON text or value with its keys sorted, so that key order never decides whether two values are the same. */
function canonical(value: unknown): string {
	const sorted = (node: unknown): unknown => {
		if (Array.isArray(node)) return node.map(sorted);
		if (node && typeof node === 'object') {
			const entries = Object.entries(node as IDataObject).sort(([left], [right]) => left.localeCompare(right));
			return Object.fromEntries(entries.map(([key, inner]) => [key, sorted(inner)]));
		}
		return node;
	};
	return JSON.stringify(sorted(parsed(value)) ?? null);
}

const sameIfGiven = (submitted: unknown, listed: unknown) =>
	submitted === undefined || canonical(submitted) === canonical(listed);

const isoSeconds = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

export const PACKAGE_JOB_SEARCH: LostJobSearch = {
	list: PACKAGE_SOURCE,
	matcher: ({ query = {} }) => {
		const schedule = (parsed(query.ScheduleConfig) ?? {}) as IDataObject;
		return (job) =>
			canonical(job.Inputs) === canonical(query.Inputs) &&
			canonical(job.Output) === canonical(query.Output) &&
			sameIfGiven(query.Name, job.Name) &&
			sameIfGiven(schedule.PipelineId, job.PipelineId) &&
			sameIfGiven(query.UserData, job.UserData);
	},
	answer: (job) => ({ JobId: job.JobId }),
};

export const LIVE_EDITING_JOB_SEARCH: LostJobSearch = {
	list: productionSource('LiveEditingJob'),
	matcher: ({ query = {} }) => {
		const mediaUrl = ((parsed(query.OutputMediaConfig) ?? {}) as IDataObject).MediaURL;
		// A VOD output without User Data leaves nothing that tells this job from any other live editing job.
		if (mediaUrl === undefined && query.UserData === undefined) return undefined;
		return (job) =>
			sameIfGiven(mediaUrl, job.MediaURL) &&
			sameIfGiven(query.UserData, job.UserData) &&
			sameIfGiven(query.ProjectId, job.ProjectId);
	},
	answer: (job) => ({ JobId: job.JobId, ProjectId: job.ProjectId, MediaId: job.MediaId, MediaURL: job.MediaURL }),
};

export async function findLostJob(
	context: IExecuteFunctions,
	search: LostJobSearch,
	request: ApiRequest,
	window: { sentAtMs: number; timeoutMs: number; answered: boolean },
	claimedJobIds: Set<string>,
): Promise<SearchResult> {
	const matches = search.matcher(request);
	if (!matches) return { unresolved: 'the request has nothing that tells its job apart from others in the list' };
	const listWindow = {
		start: Math.floor((window.sentAtMs - CLOCK_MARGIN_MS) / 1000),
		end: Math.ceil((Date.now() + CLOCK_MARGIN_MS) / 1000),
		ascending: true,
	};
	let jobs: IDataObject[];
	try {
		jobs = await scanJobs(context, search.list, { jobTypes: [] }, listWindow, { timeoutMs: window.timeoutMs });
	} catch (error) {
		return { unresolved: `the job list could not be read (${(error as Error).message})` };
	}
	const candidates = jobs.filter((job) => matches(job) && !claimedJobIds.has(String(job.JobId)));
	if (candidates.length === 1) return { found: search.answer(candidates[0]) };
	if (candidates.length === 0) {
		return window.answered
			? { notCreated: true }
			: { unresolved: 'no such job is listed yet, and a request that got no answer may still be processed' };
	}
	return {
		unresolved: `${candidates.length} jobs created since ${isoSeconds(listWindow.start * 1000)} carry the same parameters`,
		candidates: candidates.map((job) => String(job.JobId)),
	};
}
