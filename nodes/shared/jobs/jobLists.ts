/**
 * The job lists the trigger reads, described once: how each is queried (parameter names, sort order, page
 * token), where the jobs sit in the answer, and which filters the API applies versus the trigger.
 * Job-state knowledge (status spellings, field names of results) stays in shared/jobs/jobKinds.ts.
 *
 * Watching production jobs means one list per job type: ListMediaProducingJobs filters by one JobType per call
 * and its items do not say their type, so only a list read with a JobType knows the type of what it lists.
 */
import type { IDataObject } from 'n8n-workflow';

import type { ApiOperation } from '../api/operations';
import { OPERATIONS } from '../api/operations';
import { text } from '../helpers/text';
import { DAY_SECONDS } from '../helpers/time';
import type { JobKind } from './jobKinds';

export type SourceName = 'package' | 'production';

export const PRODUCTION_JOB_TYPES = ['EditingJob', 'VETemplateJob', 'LiveEditingJob'] as const;
export type ProductionJobType = (typeof PRODUCTION_JOB_TYPES)[number];

export interface SourceFilters {
	/** Packaging jobs: kept only when their PipelineId equals this (ListPackageJobs has no pipeline filter). */
	pipelineId?: string;
	/** Production jobs: sent as ProjectId. */
	projectId?: string;
	/** Production jobs: empty = all; each type is read as a list of its own (JobType). */
	jobTypes: ProductionJobType[];
}

/** One list request: creation-time window in epoch seconds (service clock), order and page token. */
export interface ListWindow {
	start?: number;
	end?: number;
	ascending: boolean;
}

const PAGE_SIZE = 100;
/** ListMediaProducingJobs refuses a StartTime–EndTime window longer than 30 days. */
const THIRTY_DAYS_S = 30 * DAY_SECONDS;

export interface JobSource {
	/** Where the trigger keeps what it remembers about this list. */
	key: string;
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
	/** Production lists: the one job type the list holds, which its items do not say themselves. */
	jobType?: ProductionJobType;
	/** The list's items lack fields the Get answer has (ListPackageJobs has no OutputUrl): read each emitted job. */
	readEmittedJobs: boolean;
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

export const PACKAGE_SOURCE: JobSource = {
	key: 'package',
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
	readEmittedJobs: true,
};

/** ListMediaProducingJobs read for one job type, or for all of them. */
export function productionSource(jobType?: ProductionJobType): JobSource {
	return {
		key: `production:${jobType ?? 'all'}`,
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
			JobType: jobType,
		}),
		page: (response) => ({
			jobs: Array.isArray(response.MediaProducingJobList) ? (response.MediaProducingJobList as IDataObject[]) : [],
			nextToken: text(response.NextToken),
		}),
		scope: (filters) => JSON.stringify({ projectId: filters.projectId ?? null }),
		matches: () => true,
		jobType,
		readEmittedJobs: false,
	};
}

const PRODUCTION_SOURCES = Object.fromEntries(
	PRODUCTION_JOB_TYPES.map((jobType) => [jobType, productionSource(jobType)]),
) as Record<ProductionJobType, JobSource>;

/** The lists to read for what the user watches: packaging jobs, and production jobs per chosen type (none = all). */
export function watchedSources(watch: SourceName[], filters: SourceFilters): JobSource[] {
	return watch.flatMap((name) => {
		if (name === 'package') return [PACKAGE_SOURCE];
		const types = filters.jobTypes.length > 0 ? filters.jobTypes : PRODUCTION_JOB_TYPES;
		return types.map((jobType) => PRODUCTION_SOURCES[jobType]);
	});
}

/**
 * Before one list per job type, production jobs had one state ('production', scoped by project and at most one
 * job type). It still holds for each type it covered: its pending jobs of other types are never listed there
 * and age out, so starting from it loses nothing that finished while n8n was being upgraded.
 */
export function legacyProductionScope(source: JobSource, filters: SourceFilters, legacyScope: string): boolean {
	if (source.jobType === undefined) return false;
	const projectId = filters.projectId ?? null;
	const covering = [null, source.jobType].map((jobType) => JSON.stringify({ projectId, jobType }));
	return covering.includes(legacyScope);
}
