/**
 * Batch production ("quick video production"): SubmitBatchMediaProducingJob makes several videos from media groups,
 * speech texts and titles; GetBatchMediaProducingJob reads the job and its videos (SubJobList); the list is
 * ListBatchMediaProducingJobs. A job ends Finished (each video with its own outcome) or Failed as a whole. The Get
 * answer's Status has no Failed (pitfall batch-finished-not-success): a whole-job error shows in Extend.
 */
import type { IDataObject } from 'n8n-workflow';

import { ice, READ } from '../api/operations';
import { parsedJson } from '../helpers/json';
import { text } from '../helpers/text';
import type { JobKindDeclaration, JobSource, JobStatus } from '../jobs/declaration';
import { isoSeconds, PAGE_SIZE } from '../jobs/lists';

const list: JobSource = {
	key: 'batchMediaProducing',
	kind: 'batchMediaProducing',
	operation: ice('ListBatchMediaProducingJobs', READ),
	query: (window, _filters, token) => ({
		StartTime: window.start !== undefined ? isoSeconds(window.start) : undefined,
		EndTime: window.end !== undefined ? isoSeconds(window.end) : undefined,
		SortBy: window.ascending ? 'asc' : 'desc',
		MaxResults: PAGE_SIZE,
		NextToken: token,
	}),
	page: (response) => ({
		jobs: Array.isArray(response.EditingBatchJobList) ? (response.EditingBatchJobList as IDataObject[]) : [],
		nextToken: text(response.NextToken),
	}),
	scope: () => 'all',
	matches: () => true,
	// The list's items have no SubJobList: each emitted job is read for its videos.
	readEmittedJobs: true,
};

/** Extend is JSON text; a job that failed as a whole names its error there. */
function extendError(job: IDataObject): IDataObject {
	const extend = parsedJson(job.Extend) as IDataObject | undefined;
	return { errorCode: text(extend?.ErrorCode), errorMessage: text(extend?.ErrorMessage) };
}

const VIDEO_STATUSES: Record<string, JobStatus> = { Success: 'succeeded', Failed: 'failed' };

/** Each video the job makes, with its own outcome, and the addresses of those that were made. */
function videosOf(job: IDataObject): IDataObject {
	const subJobs = Array.isArray(job.SubJobList) ? (job.SubJobList as IDataObject[]) : [];
	const videos = subJobs.map((video) => ({
		jobId: text(video.JobId),
		status: VIDEO_STATUSES[String(video.Status)] ?? 'running',
		mediaId: text(video.MediaId),
		mediaUrl: text(video.MediaURL),
		durationSeconds: typeof video.Duration === 'number' ? video.Duration : undefined,
		errorCode: text(video.ErrorCode),
		errorMessage: text(video.ErrorMessage),
	}));
	return {
		videos,
		videoUrls: videos.flatMap((video) => (video.status === 'succeeded' && video.mediaUrl ? [video.mediaUrl] : [])),
		failedVideos: videos.filter((video) => video.status === 'failed').length,
	};
}

export const batchMediaProducingJobs = {
	label: 'batch media producing job',
	submit: {
		// Carries a ClientToken per item: a resent submission answers the job already made.
		operation: ice('SubmitBatchMediaProducingJob', { idempotent: true }),
		jobId: (response) => response.JobId as string | undefined,
	},
	get: { operation: ice('GetBatchMediaProducingJob', READ), responseKey: 'EditingBatchJob' },
	idField: 'JobId',
	ends: { succeeded: ['Finished'], failed: ['Failed'], canceled: [], skipped: [] },
	outcome: (job, status) => (status === 'succeeded' && extendError(job).errorCode ? 'failed' : status),
	fields: { createdAt: 'CreateTime', finishedAt: 'CompleteTime' },
	failure: extendError,
	details: (job) => (Array.isArray(job.SubJobList) ? videosOf(job) : {}),
	list,
	trigger: {
		option: {
			name: 'Batch Production Jobs',
			value: 'batchMediaProducing',
			description: 'Batches of videos made from media groups and scripts (SubmitBatchMediaProducingJob)',
		},
		sources: () => [list],
		filters: [],
	},
	events: {
		// ICE event list: `{EventType, UserId, EventTime, MessageBody: {Status, JobId, UserData}}`, Status Finished or Failed.
		BatchProduceMediaComplete: {
			product: 'ice',
			option: {
				name: 'Batch Production Finished',
				description: 'ICE BatchProduceMediaComplete: a batch media producing job (several videos) ended',
			},
			job: (event) => {
				const body = (
					event.MessageBody && typeof event.MessageBody === 'object' ? event.MessageBody : {}
				) as IDataObject;
				return { JobId: body.JobId, Status: body.Status, UserData: body.UserData, CompleteTime: event.EventTime };
			},
		},
	},
	getNode: {
		parameter: 'jobId',
		label: 'Job ID',
		example: 'b2a7e63f6c2b4d5e8f9a0b1c2d3e4f50',
		submitNode: 'Submit Batch Media Producing Job',
		note: 'Jobs of the past year can be read',
	},
} satisfies JobKindDeclaration;
