/**
 * When the answer to a submission is lost (a timeout, a dropped connection, a server error after the request left),
 * the job may or may not exist, and sending again could create a second one. Where the job kind has a job list, the
 * node looks: jobs created since shortly before the request left, carrying exactly what was submitted, and not
 * already the job of another item of this run. One such job: it was created. None, after the service answered with
 * an error: it was not. None after no answer at all (a timeout, a dropped connection): still unknown, because the
 * service may still be working on the request. More than one, or a request with too little to tell jobs apart:
 * still unknown. Kinds without a list stay unknown; kinds whose submission carries a ClientToken need no search (a
 * resend is safe). Each kind declares its search (`submit.lostAnswer` in shared/jobKinds).
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { LostJobSearch } from '../jobs/declaration';
import { isoSeconds } from '../jobs/lists';
import { scanJobs } from '../jobs/scanJobs';
import type { ApiRequest } from '../transport/request';

export type SearchResult =
	| { found: IDataObject }
	| { notCreated: true }
	| { unresolved: string; candidates?: string[] };

/** Alibaba accepts a request signed up to 15 minutes off its clock, so n8n's clock can be off by that much. */
const CLOCK_MARGIN_MS = 15 * 60_000;

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
		unresolved: `${candidates.length} jobs created since ${isoSeconds(listWindow.start)} carry the same parameters`,
		candidates: candidates.map((job) => String(job.JobId)),
	};
}
