/**
 * Snapshot jobs (covers, sprites, WebVTT thumbnails): SubmitSnapshotJob, GetSnapshotJob, ListSnapshotJobs, and
 * GetSnapshotUrls for the images of a job that succeeded.
 */
import type { IDataObject } from 'n8n-workflow';

import { ice, READ } from '../api/operations';
import { text } from '../helpers/text';
import type { JobKindDeclaration } from '../jobs/declaration';
import { createTimeList, inPipeline } from '../jobs/lists';
import { parsedOrText, sameContent, sameIfGiven, sameMedia } from '../jobs/matching';

/** GetSnapshotUrls gives at most 30 URLs a page. */
const URLS_PER_PAGE = 30;
/**
 * How long the image URLs stay valid, in seconds: GetSnapshotUrls' most (36 hours; its default is one hour), so a
 * link put into an email still opens the next day.
 */
const URL_VALIDITY_SECONDS = 129_600;

const list = createTimeList({
	key: 'snapshot',
	kind: 'snapshot',
	operation: ice('ListSnapshotJobs', READ),
	jobsAt: (response) => ({ jobs: response.Jobs, nextToken: response.NextPageToken }),
	// ListSnapshotJobs has no pipeline filter: the trigger keeps the chosen pipeline's jobs itself.
	matches: inPipeline((job) => job.PipelineId),
	// Its items lack Code and Message (why a job failed) and UserData, which GetSnapshotJob gives.
	readEmittedJobs: true,
});

const urlsOf = (answer: IDataObject): string[] =>
	Array.isArray(answer.SnapshotUrls) ? (answer.SnapshotUrls as unknown[]).map(String) : [];

const totalOf = (answers: IDataObject[]): number | undefined => {
	const total = Number(answers[0]?.Total);
	return Number.isInteger(total) && total >= 0 ? total : undefined;
};

export const snapshotJobs = {
	label: 'snapshot job',
	submit: {
		// No ClientToken: a second attempt could create a second job, so a lost answer is looked for in the list.
		operation: ice('SubmitSnapshotJob', { idempotent: false }),
		jobId: (response) => response.JobId as string | undefined,
		lostAnswer: {
			list,
			// The list shows Input, Output, TemplateId, Type, Name and PipelineId, not UserData nor the other
			// overwritten settings: jobs that differ only there look alike, and more than one match stays unknown.
			matcher: ({ query = {} }) => {
				const template = (parsedOrText(query.TemplateConfig) ?? {}) as IDataObject;
				const overwrite = (template.OverwriteParams ?? {}) as IDataObject;
				const schedule = (parsedOrText(query.ScheduleConfig) ?? {}) as IDataObject;
				return (job) =>
					sameMedia(query.Input, job.Input) &&
					sameMedia(query.Output, job.Output) &&
					sameContent(template.TemplateId, job.TemplateId) &&
					sameIfGiven(overwrite.Type, job.Type) &&
					sameIfGiven(query.Name, job.Name) &&
					sameIfGiven(schedule.PipelineId, job.PipelineId);
			},
			answer: (job) => ({ JobId: job.JobId }),
		},
	},
	get: { operation: ice('GetSnapshotJob', READ), responseKey: 'SnapshotJob' },
	idField: 'JobId',
	// Stated alike by GetSnapshotJob, the ListSnapshotJobs filter and its items; no state between Init and the end.
	ends: { succeeded: ['Success'], failed: ['Fail'], canceled: [], skipped: [] },
	fields: { createdAt: 'CreateTime', finishedAt: 'FinishTime' },
	// GetSnapshotUrls answers only for a job that succeeded (a failed one has no images).
	finishedRead: {
		operation: ice('GetSnapshotUrls', READ),
		wanted: (summary) => summary.status === 'succeeded',
		query: (summary, page) => ({
			JobId: summary.jobId,
			PageNumber: page,
			PageSize: URLS_PER_PAGE,
			OrderBy: 'Asc',
			Timeout: URL_VALIDITY_SECONDS,
		}),
		more: (answers) => {
			const read = answers.reduce((count, answer) => count + urlsOf(answer).length, 0);
			const total = totalOf(answers);
			const last = answers[answers.length - 1];
			return total !== undefined && read < total && last !== undefined && urlsOf(last).length > 0;
		},
		fields: (answers) => {
			const snapshotUrls = answers.flatMap(urlsOf);
			const webVttUrl = text(answers.find((answer) => text(answer.WebVTTUrl))?.WebVTTUrl);
			return {
				snapshotUrls,
				snapshotCount: totalOf(answers) ?? snapshotUrls.length,
				...(snapshotUrls.length > 0 ? { coverUrl: snapshotUrls[0] } : {}),
				...(webVttUrl ? { webVttUrl } : {}),
			};
		},
	},
	list,
	trigger: {
		option: {
			name: 'Snapshot Jobs',
			value: 'snapshot',
			description: 'Snapshot jobs: covers, thumbnails, sprites and WebVTT (SubmitSnapshotJob)',
		},
		sources: () => [list],
		filters: ['pipelineId'],
	},
	// No callback event: ICE's SnapshotComplete is listed under ApsaraVideo VOD media processing, not for these jobs.
	getNode: {
		parameter: 'jobId',
		label: 'Job ID',
		example: 'd80e4e4044975745c14b2b1c3d4e5f60',
		submitNode: 'Submit Snapshot Job',
	},
} satisfies JobKindDeclaration;
