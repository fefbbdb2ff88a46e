/** Live editing jobs (clips cut out of recorded live streams): SubmitLiveEditingJob, GetLiveEditingJob. */
import type { IDataObject } from 'n8n-workflow';

import { ice, READ } from '../api/operations';
import type { JobKindDeclaration } from '../jobs/declaration';
import { parsedOrText, sameIfGiven } from '../jobs/matching';
import { productionSource } from './mediaProducing';

/** The media producing list read for live editing jobs: its items follow the media producing vocabulary. */
const list = productionSource('LiveEditingJob');

export const liveEditingJobs = {
	label: 'live editing job',
	submit: {
		// No ClientToken: a lost answer is looked for in the list of live editing jobs.
		operation: ice('SubmitLiveEditingJob', { idempotent: false }),
		jobId: (response) => response.JobId as string | undefined,
		lostAnswer: {
			list,
			matcher: ({ query = {} }) => {
				const mediaUrl = ((parsedOrText(query.OutputMediaConfig) ?? {}) as IDataObject).MediaURL;
				// A VOD output without User Data leaves nothing that tells this job from any other live editing job.
				if (mediaUrl === undefined && query.UserData === undefined) return undefined;
				return (job) =>
					sameIfGiven(mediaUrl, job.MediaURL) &&
					sameIfGiven(query.UserData, job.UserData) &&
					sameIfGiven(query.ProjectId, job.ProjectId);
			},
			answer: (job) => ({ JobId: job.JobId, ProjectId: job.ProjectId, MediaId: job.MediaId, MediaURL: job.MediaURL }),
		},
	},
	get: { operation: ice('GetLiveEditingJob', READ), responseKey: 'LiveEditingJob' },
	idField: 'JobId',
	ends: { succeeded: ['Success'], failed: ['Failed'], canceled: [], skipped: [] },
	fields: { createdAt: 'CreationTime', finishedAt: 'CompleteTime', outputUrl: 'MediaURL', mediaId: 'MediaId' },
	// GetLiveEditingJob has no VodMediaId; SubmitLiveEditingJob's answer does.
	submittedFields: { vodMediaId: 'VodMediaId' },
	list,
	getNode: {
		parameter: 'jobId',
		label: 'Job ID',
		example: 'ab4802364a2e49208c99efab82df0000',
		submitNode: 'Submit Live Editing Job',
	},
} satisfies JobKindDeclaration;
