import type { IDataObject, IExecuteFunctions, IPollFunctions } from 'n8n-workflow';

import { callApi } from '../transport/request';
import type { JobSource, ListWindow, SourceFilters } from './declaration';

interface ScanOptions {
	timeoutMs: number;
	/** Called after each page; returning true ends the scan there (newest-first scans stop once old enough). */
	stopAfter?: (page: IDataObject[]) => boolean;
	/** At most this many pages (only for samples; a poll's scan always reads to the end). */
	maxPages?: number;
}

/**
 * Reads one job list over a creation-time window, following the page tokens, and returns every job in the
 * list's order. One request per page of 100; any failed request fails the whole scan (after the transport's
 * own retries), so the caller never acts on half a list.
 */
export async function scanJobs(
	context: IPollFunctions | IExecuteFunctions,
	source: JobSource,
	filters: SourceFilters,
	window: ListWindow,
	options: ScanOptions,
): Promise<IDataObject[]> {
	const jobs: IDataObject[] = [];
	const seenTokens = new Set<string>();
	let token: string | undefined;
	for (let pages = 1; ; pages++) {
		const response = await callApi(
			context,
			source.operation,
			{ query: source.query(window, filters, token) },
			{ timeoutMs: options.timeoutMs },
		);
		const page = source.page(response);
		jobs.push(...page.jobs);
		if (!page.nextToken || page.jobs.length === 0) break;
		if (options.stopAfter?.(page.jobs)) break;
		if (options.maxPages !== undefined && pages >= options.maxPages) break;
		// A token seen before would loop forever: the list is over as far as we can tell.
		if (seenTokens.has(page.nextToken)) break;
		seenTokens.add(page.nextToken);
		token = page.nextToken;
	}
	return jobs;
}
