/**
 * Content moderation jobs: SubmitMediaCensorJob, QueryMediaCensorJobDetail, QueryMediaCensorJobList. A job reports
 * `State` (Queuing, Analysing, Success, Fail) and, once done, the verdict `Suggestion` (pass, review, block) overall
 * and per part: the title, description and barrages, each cover image, and the video per scene. A job that ends
 * with `block` has succeeded: moderation is done, and the verdict is what a workflow branches on.
 */
import type { IDataObject } from 'n8n-workflow';

import { ice, READ } from '../api/operations';
import { asList, asObject, withoutEmpty } from '../helpers/answer';
import { parsedJson } from '../helpers/json';
import { text } from '../helpers/text';
import type { JobKindDeclaration, JobSource } from '../jobs/declaration';
import { isoSeconds, PAGE_SIZE } from '../jobs/lists';
import { sameIfGiven } from '../jobs/matching';
import { ossObjectParts } from '../oss/objectUrl';

/** The moderation APIs wrap each list in an object: `{CensorResult: [...]}`, `{MediaCensorJob: [...]}`. */
function wrappedList(wrapper: unknown, key: string): IDataObject[] {
	return asList(asObject(wrapper)?.[key]);
}

/** `{Scene, Label, Suggestion, Rate}` as the normalized `{scene, label, suggestion, rate}`; Rate ("99.91") a number. */
function censorResult(value: unknown): IDataObject | undefined {
	const result = asObject(value);
	if (!result) return undefined;
	const rate = Number(text(result.Rate));
	return withoutEmpty({
		scene: text(result.Scene),
		label: text(result.Label),
		suggestion: text(result.Suggestion),
		rate: text(result.Rate) !== undefined && Number.isFinite(rate) ? rate : undefined,
	});
}

/** An OSS file as MPS names it, `{Bucket, Object}`, as the oss:// URL other nodes take (Register Media Info). */
function ossUrlOf(file: unknown): string | undefined {
	const { Bucket, Object: key } = asObject(file) ?? {};
	return text(Bucket) && text(key) ? `oss://${String(Bucket)}/${String(key)}` : undefined;
}

/** The verdict of every part the job moderated, where the job shows it (once it has succeeded). */
function censorDetails(job: IDataObject): IDataObject {
	const video = asObject(job.VensorCensorResult);
	const covers = wrappedList(job.CoverImageCensorResults, 'CoverImageCensorResult').map((cover) => ({
		image: ossUrlOf(cover),
		scenes: wrappedList(cover.Results, 'Result').map(censorResult),
	}));
	return {
		suggestion: text(job.Suggestion),
		scenes: video ? wrappedList(video.CensorResults, 'CensorResult').map(censorResult) : undefined,
		title: censorResult(job.TitleCensorResult),
		description: censorResult(job.DescCensorResult),
		barrages: censorResult(job.BarrageCensorResult),
		covers: covers.length > 0 ? covers : undefined,
		inputUrl: ossUrlOf(job.Input),
	};
}

/** The same OSS object: `oss://bucket/key` (or its https URL) against MPS's `{Bucket, Object}`. */
function sameFile(url: unknown, file: unknown): boolean {
	const parts = typeof url === 'string' ? ossObjectParts(url) : undefined;
	const listed = asObject(file);
	return parts !== undefined && parts.bucket === listed?.Bucket && parts.key === listed?.Object;
}

/**
 * QueryMediaCensorJobList: a creation-time window, the pipeline filter, MaximumPageSize (at most 300) and
 * NextPageToken. It has no sort parameter and Alibaba documents no order, so it is declared unordered.
 */
const list: JobSource = {
	key: 'mediaCensor',
	kind: 'mediaCensor',
	operation: ice('QueryMediaCensorJobList', READ),
	unordered: true,
	query: (window, filters, token) => ({
		StartOfJobCreatedTimeRange: window.start !== undefined ? isoSeconds(window.start) : undefined,
		EndOfJobCreatedTimeRange: window.end !== undefined ? isoSeconds(window.end) : undefined,
		PipelineId: filters.pipelineId,
		MaximumPageSize: PAGE_SIZE,
		NextPageToken: token,
	}),
	page: (response) => ({
		jobs: wrappedList(response.MediaCensorJobList, 'MediaCensorJob'),
		nextToken: text(response.NextPageToken),
	}),
	scope: (filters) => JSON.stringify({ pipelineId: filters.pipelineId ?? null }),
	matches: () => true,
	readEmittedJobs: false,
};

/**
 * The list shows a job's UserData, pipeline, OSS input (`Input {Bucket, Object}`) and frame output, not its
 * title, texts or a media asset input. A request is told apart by its UserData or its OSS input; with neither
 * (texts only, or a media ID without UserData) it is not. UserData must match exactly, absent for absent.
 */
function submittedJobMatcher(query: IDataObject): ((job: IDataObject) => boolean) | undefined {
	const input = asObject(parsedJson(query.Input));
	const ossInput = input?.Type === 'OSS' && ossObjectParts(String(input.Media)) ? input.Media : undefined;
	const userData = text(query.UserData);
	if (ossInput === undefined && userData === undefined) return undefined;
	const pipelineId = asObject(parsedJson(query.ScheduleConfig))?.PipelineId;
	return (job) => {
		const outputFile = asObject(job.VideoCensorConfig)?.OutputFile;
		return (
			text(job.UserData) === userData &&
			sameIfGiven(pipelineId, job.PipelineId) &&
			(ossInput === undefined || sameFile(ossInput, job.Input)) &&
			(query.Output === undefined || outputFile === undefined || sameFile(query.Output, outputFile))
		);
	};
}

export const mediaCensorJobs = {
	label: 'moderation job',
	submit: {
		// No ClientToken: a second attempt could create a second job, so a lost answer is looked for in the list.
		operation: ice('SubmitMediaCensorJob', { idempotent: false }),
		jobId: (response) => response.JobId as string | undefined,
		lostAnswer: {
			list,
			matcher: ({ query = {} }) => submittedJobMatcher(query),
			answer: (job) => ({ JobId: job.JobId }),
		},
	},
	get: { operation: ice('QueryMediaCensorJobDetail', READ), responseKey: 'MediaCensorJobDetail' },
	idField: 'JobId',
	statusField: 'State',
	ends: { succeeded: ['Success'], failed: ['Fail'], canceled: [], skipped: [] },
	fields: { createdAt: 'CreationTime', finishedAt: 'FinishTime' },
	details: censorDetails,
	list,
	trigger: {
		option: {
			name: 'Content Moderation Jobs',
			value: 'mediaCensor',
			description: 'Content moderation jobs (SubmitMediaCensorJob), with their verdict pass, review or block',
		},
		sources: () => [list],
		filters: ['pipelineId'],
	},
	// No callback event: ICE's event list documents none for these jobs (its review events belong to other APIs).
	getNode: {
		parameter: 'jobId',
		label: 'Job ID',
		example: '88c6ca184c0e47098a5b665e2a12ab34',
		submitNode: 'Submit Media Censor Job',
	},
} satisfies JobKindDeclaration;
