import type { IDataObject } from 'n8n-workflow';

import type { ApiOperation } from '../shared/api/operations';
import { OPERATIONS } from '../shared/api/operations';
import type { JobKind } from '../shared/jobs/jobKinds';

/**
 * The two job lists the trigger watches, described once: how each is queried (parameter names, sort order,
 * page token), where the jobs sit in the answer, and which filters the API applies versus the trigger.
 * Job-state knowledge (status spellings, field names of results) stays in shared/jobs/jobKinds.ts.
 */
export type SourceName = 'package' | 'production';

export const PRODUCTION_JOB_TYPES = ['EditingJob', 'VETemplateJob', 'LiveEditingJob'] as const;
export type ProductionJobType = (typeof PRODUCTION_JOB_TYPES)[number];

export interface SourceFilters {
	/** Packaging jobs: kept only when their PipelineId equals this (ListPackageJobs has no pipeline filter). */
	pipelineId?: string;
	/** Production jobs: sent as ProjectId. */
	projectId?: string;
	/** Production jobs: empty = all; one type is sent as JobType, several are filtered by the trigger. */
	jobTypes: ProductionJobType[];
}

/** One list request: creation-time window in epoch seconds (service clock), order and page token. */
export interface ListWindow {
	start?: number;
	end?: number;
	ascending: boolean;
}

export const PAGE_SIZE = 100;
/** ListMediaProducingJobs refuses a StartTime–EndTime window longer than 30 days. */
const THIRTY_DAYS_S = 30 * 24 * 3600;

export interface JobSource {
	name: SourceName;
	label: string;
	/** The kind whose status vocabulary and field names the list items follow. */
	kind: JobKind;
	operation: ApiOperation;
	/** Longest creation-time window one query may span, if the API limits it. */
	maxWindowSeconds?: number;
	query(
		window: ListWindow,
		filters: SourceFilters,
		token: string | undefined,
	): Record<string, string | number | undefined>;
	page(response: IDataObject): { jobs: IDataObject[]; nextToken?: string };
	/** The API-side filters: when they change, what the trigger remembers about this list no longer applies. */
	scope(filters: SourceFilters): string;
	/** Filters the API cannot apply. */
	matches(job: IDataObject, filters: SourceFilters): boolean;
	/** Fields added to each emitted item besides the normalized job fields. */
	extraFields(job: IDataObject): IDataObject;
}

/** Alibaba's `yyyy-MM-ddTHH:mm:ssZ`. */
export function isoSeconds(epochSeconds: number): string {
	return new Date(epochSeconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** A job's CreateTime as epoch seconds, or undefined when missing or unreadable. */
export function epochSeconds(value: unknown): number | undefined {
	if (typeof value !== 'string' || value === '') return undefined;
	const ms = Date.parse(value);
	return Number.isNaN(ms) ? undefined : Math.floor(ms / 1000);
}

function text(value: unknown): string | undefined {
	return typeof value === 'string' && value !== '' ? value : undefined;
}

export const PACKAGE_SOURCE: JobSource = {
	name: 'package',
	label: 'packaging jobs',
	kind: 'package',
	operation: OPERATIONS.ListPackageJobs,
	query: (window, _filters, token) => ({
		StartOfCreateTime: window.start !== undefined ? isoSeconds(window.start) : undefined,
		EndOfCreateTime: window.end !== undefined ? isoSeconds(window.end) : undefined,
		OrderBy: window.ascending ? 'CreateTimeAsc' : 'CreateTimeDesc',
		PageSize: PAGE_SIZE,
		NextPageToken: token,
	}),
	page: (response) => {
		const list = (response.PackageJobList ?? {}) as IDataObject;
		return {
			jobs: Array.isArray(list.PackageJobs) ? (list.PackageJobs as IDataObject[]) : [],
			nextToken: text(list.NextPageToken),
		};
	},
	scope: () => 'all',
	matches: (job, filters) => filters.pipelineId === undefined || job.PipelineId === filters.pipelineId,
	extraFields: () => ({}),
};

export const PRODUCTION_SOURCE: JobSource = {
	name: 'production',
	label: 'production jobs',
	kind: 'mediaProducing',
	operation: OPERATIONS.ListMediaProducingJobs,
	maxWindowSeconds: THIRTY_DAYS_S,
	query: (window, filters, token) => ({
		StartTime: window.start !== undefined ? isoSeconds(window.start) : undefined,
		EndTime: window.end !== undefined ? isoSeconds(window.end) : undefined,
		SortBy: window.ascending ? 'CreationTime:Asc' : 'CreationTime:Desc',
		MaxResults: PAGE_SIZE,
		NextToken: token,
		ProjectId: filters.projectId,
		JobType: filters.jobTypes.length === 1 ? filters.jobTypes[0] : undefined,
	}),
	page: (response) => ({
		jobs: Array.isArray(response.MediaProducingJobList) ? (response.MediaProducingJobList as IDataObject[]) : [],
		nextToken: text(response.NextToken),
	}),
	scope: (filters) =>
		JSON.stringify({
			projectId: filters.projectId ?? null,
			jobType: filters.jobTypes.length === 1 ? filters.jobTypes[0] : null,
		}),
	matches: (job, filters) =>
		filters.jobTypes.length <= 1 || filters.jobTypes.includes(job.JobType as ProductionJobType),
	extraFields: (job) => (job.JobType !== undefined ? { jobType: job.JobType } : {}),
};

export const SOURCES: Record<SourceName, JobSource> = { package: PACKAGE_SOURCE, production: PRODUCTION_SOURCE };
