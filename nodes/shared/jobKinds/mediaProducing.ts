/**
 * Media producing jobs (timeline, editing project or template): SubmitMediaProducingJob, GetMediaProducingJob,
 * ListMediaProducingJobs — which also lists live editing jobs, and whose Get also reads them.
 */
import type { IDataObject } from 'n8n-workflow';

import { ice, READ } from '../api/operations';
import { text } from '../helpers/text';
import { DAY_SECONDS } from '../helpers/time';
import type { JobKindDeclaration, JobSource } from '../jobs/declaration';
import { isoSeconds, PAGE_SIZE } from '../jobs/lists';

/** ListMediaProducingJobs' JobType values: one list each, since the items do not say their type. */
export const PRODUCTION_JOB_TYPES = ['EditingJob', 'VETemplateJob', 'LiveEditingJob'] as const;
export type ProductionJobType = (typeof PRODUCTION_JOB_TYPES)[number];

const listOperation = ice('ListMediaProducingJobs', READ);
/** ListMediaProducingJobs refuses a StartTime–EndTime window longer than 30 days. */
const THIRTY_DAYS_S = 30 * DAY_SECONDS;

/** ListMediaProducingJobs read for one job type, or for all of them. */
export function productionSource(jobType?: ProductionJobType): JobSource {
	return {
		key: `production:${jobType ?? 'all'}`,
		kind: 'mediaProducing',
		operation: listOperation,
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
		itemFields: jobType ? { jobType } : undefined,
		readEmittedJobs: false,
	};
}

const PRODUCTION_SOURCES = Object.fromEntries(
	PRODUCTION_JOB_TYPES.map((jobType) => [jobType, productionSource(jobType)]),
) as Record<ProductionJobType, JobSource>;

export const mediaProducingJobs = {
	label: 'media producing job',
	submit: {
		// Submissions carry a ClientToken generated per item, so the service deduplicates a resent request.
		operation: ice('SubmitMediaProducingJob', { idempotent: true, quotaPerSecond: 30 }),
		jobId: (response) => response.JobId as string | undefined,
	},
	get: { operation: ice('GetMediaProducingJob', READ), responseKey: 'MediaProducingJob' },
	idField: 'JobId',
	ends: { succeeded: ['Success'], failed: ['Failed'], canceled: [], skipped: [] },
	fields: {
		createdAt: 'CreateTime',
		finishedAt: 'CompleteTime',
		outputUrl: 'MediaURL',
		mediaId: 'MediaId',
		vodMediaId: 'VodMediaId',
	},
	list: productionSource(),
	trigger: {
		option: {
			name: 'Production Jobs',
			value: 'production',
			description: 'Media producing jobs: timeline or project editing, templates and live editing',
		},
		// Watching production jobs means one list per job type (none chosen = all three).
		sources: (filters) =>
			(filters.jobTypes.length > 0 ? filters.jobTypes : PRODUCTION_JOB_TYPES).map(
				(jobType) => PRODUCTION_SOURCES[jobType as ProductionJobType],
			),
		filters: ['projectId', 'jobTypes'],
	},
	events: {
		// `{EventType, UserId, EventTime, MessageBody: {Status, JobId, MediaId, MediaURL, ProjectId, ErrorCode,
		// ErrorMessage, UserData}}`, for media producing and live editing jobs alike (GetMediaProducingJob reads both).
		ProduceMediaComplete: {
			product: 'ice',
			option: {
				name: 'Media Production Finished',
				description:
					'ICE ProduceMediaComplete: a media producing job (timeline, project, template) or live editing job ended',
			},
			job: (event) => {
				const body = (
					event.MessageBody && typeof event.MessageBody === 'object' ? event.MessageBody : {}
				) as IDataObject;
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
	},
	getNode: {
		parameter: 'jobId',
		label: 'Job ID',
		example: 'cdb3e74639973036bc84a1b2c3d4e5f6',
		submitNode: 'Submit Media Producing Job',
	},
} satisfies JobKindDeclaration;
