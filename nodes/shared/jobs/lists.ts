/** What the job lists have in common: Alibaba's time format, page size, and the shapes the lists share. */
import type { IDataObject } from 'n8n-workflow';

import type { ApiOperation } from '../api/operations';
import { asList } from '../helpers/answer';
import { text } from '../helpers/text';
import type { JobSource } from './declaration';

/** Jobs per page of every job list the package reads. */
export const PAGE_SIZE = 100;

/** Alibaba's `yyyy-MM-ddTHH:mm:ssZ`. */
export function isoSeconds(epochSeconds: number): string {
	return new Date(epochSeconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** A job's creation time as epoch seconds, or undefined when missing or unreadable. */
export function epochSeconds(value: unknown): number | undefined {
	if (typeof value !== 'string' || value === '') return undefined;
	const ms = Date.parse(value);
	return Number.isNaN(ms) ? undefined : Math.floor(ms / 1000);
}

/** The MPS-style lists (packaging, transcoding, snapshots): StartOfCreateTime, OrderBy, PageSize and NextPageToken. */
export function createTimeList(
	list: Pick<JobSource, 'key' | 'kind' | 'operation' | 'readEmittedJobs'> & {
		/** Where the jobs and the next page's token sit in the answer. */
		jobsAt: (response: IDataObject) => { jobs: unknown; nextToken: unknown };
		matches?: JobSource['matches'];
	},
): JobSource {
	return {
		key: list.key,
		kind: list.kind,
		operation: list.operation as ApiOperation,
		query: (window, _filters, token) => ({
			StartOfCreateTime: window.start !== undefined ? isoSeconds(window.start) : undefined,
			EndOfCreateTime: window.end !== undefined ? isoSeconds(window.end) : undefined,
			OrderBy: window.ascending ? 'CreateTimeAsc' : 'CreateTimeDesc',
			PageSize: PAGE_SIZE,
			NextPageToken: token,
		}),
		page: (response) => {
			const { jobs, nextToken } = list.jobsAt(response);
			return { jobs: asList(jobs), nextToken: text(nextToken) };
		},
		scope: () => 'all',
		matches: list.matches ?? (() => true),
		readEmittedJobs: list.readEmittedJobs,
	};
}

/** The client-side pipeline filter of lists without one: the job's PipelineId must be the chosen one. */
export function inPipeline(pipelineIdOf: (job: IDataObject) => unknown): JobSource['matches'] {
	return (job, filters) => filters.pipelineId === undefined || pipelineIdOf(job) === filters.pipelineId;
}
