/** Packaging jobs (HLS/DASH): SubmitPackageJob, GetPackageJob, ListPackageJobs. */
import type { IDataObject } from 'n8n-workflow';

import { ice, READ } from '../api/operations';
import type { JobKindDeclaration } from '../jobs/declaration';
import { createTimeList, inPipeline } from '../jobs/lists';
import { parsedOrText, sameContent, sameIfGiven } from '../jobs/matching';

const list = createTimeList({
	key: 'package',
	kind: 'package',
	operation: ice('ListPackageJobs', READ),
	jobsAt: (response) => {
		const found = (response.PackageJobList ?? {}) as IDataObject;
		return { jobs: found.PackageJobs, nextToken: found.NextPageToken };
	},
	// ListPackageJobs has no pipeline filter: the trigger keeps the chosen pipeline's jobs itself.
	matches: inPipeline((job) => job.PipelineId),
	// Its items lack OutputUrl, which only GetPackageJob gives.
	readEmittedJobs: true,
});

export const packageJobs = {
	label: 'packaging job',
	submit: {
		// No ClientToken: a second attempt could create a second job, so a lost answer is looked for in the list.
		operation: ice('SubmitPackageJob', { idempotent: false }),
		jobId: (response) => response.JobId as string | undefined,
		lostAnswer: {
			list,
			matcher: ({ query = {} }) => {
				const schedule = (parsedOrText(query.ScheduleConfig) ?? {}) as IDataObject;
				return (job) =>
					sameContent(query.Inputs, job.Inputs) &&
					sameContent(query.Output, job.Output) &&
					sameIfGiven(query.Name, job.Name) &&
					sameIfGiven(schedule.PipelineId, job.PipelineId) &&
					sameIfGiven(query.UserData, job.UserData);
			},
			answer: (job) => ({ JobId: job.JobId }),
		},
	},
	get: { operation: ice('GetPackageJob', READ), responseKey: 'PackageJob' },
	idField: 'JobId',
	ends: { succeeded: ['Success'], failed: ['Fail'], canceled: [], skipped: [] },
	fields: { createdAt: 'CreateTime', finishedAt: 'FinishTime', outputUrl: 'OutputUrl' },
	list,
	trigger: {
		option: { name: 'Packaging Jobs', value: 'package', description: 'HLS/DASH packaging jobs (SubmitPackageJob)' },
		sources: () => [list],
		filters: ['pipelineId'],
	},
	getNode: {
		parameter: 'jobId',
		label: 'Job ID',
		example: 'ab4802364a2e49208c99efab82df0000',
		submitNode: 'Submit Package Job',
	},
} satisfies JobKindDeclaration;
