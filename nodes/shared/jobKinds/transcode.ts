/**
 * Transcoding jobs: SubmitTranscodeJob, GetTranscodeJob, ListTranscodeJobs. A job is a parent named by its
 * ParentJobId (there is no top-level JobId) with one sub-job per output (TranscodeJobList[], each with its own
 * JobId, which GetTranscodeJob does not take). The parent's own Status is only Success or Fail: while the job runs
 * Alibaba leaves it out, which reads as running. No answer carries a failure Code or Message; the sub-jobs tell
 * which outputs failed.
 */
import type { IDataObject } from 'n8n-workflow';

import { ice, READ } from '../api/operations';
import { asList, asObject, numberOf, withoutEmpty } from '../helpers/answer';
import { text } from '../helpers/text';
import type { JobKindDeclaration, JobStatus } from '../jobs/declaration';
import { createTimeList, inPipeline } from '../jobs/lists';

const list = createTimeList({
	key: 'transcode',
	kind: 'transcode',
	operation: ice('ListTranscodeJobs', READ),
	jobsAt: (response) => ({ jobs: response.Jobs, nextToken: response.NextPageToken }),
	// ListTranscodeJobs has no pipeline filter: the trigger keeps the chosen pipeline's jobs itself.
	matches: inPipeline((job) => asObject(job.ScheduleConfig)?.PipelineId),
	// Its items lack the sub-jobs (TranscodeJobList), whose outputs only GetTranscodeJob gives.
	readEmittedJobs: true,
});

/** A sub-job's states (Init, Processing, Success, Fail, Deleted). Deleted: removed before it finished. */
const SUB_JOB_ENDS: Record<string, JobStatus> = { Success: 'succeeded', Fail: 'failed', Deleted: 'canceled' };

/** One output as the nodes show it: its sub-job, where the file went, and the file's facts once it is made. */
function outputOf(subJob: IDataObject): IDataObject {
	const output = asObject(subJob.Output) ?? {};
	const file = asObject(asObject(subJob.OutFileMeta)?.FileBasicInfo) ?? {};
	const rawStatus = text(subJob.Status);
	return withoutEmpty({
		jobId: text(subJob.JobId),
		index: numberOf(subJob.JobIndex),
		status: rawStatus === undefined ? 'running' : (SUB_JOB_ENDS[rawStatus] ?? 'running'),
		rawStatus,
		outputType: text(output.Type),
		outputUrl: text(output.OutputUrl) ?? text(output.Media),
		media: text(output.Media),
		mediaId: text(file.MediaId) ?? (output.Type === 'Media' ? text(output.Media) : undefined),
		fileUrl: text(file.FileUrl),
		width: numberOf(file.Width),
		height: numberOf(file.Height),
		durationSeconds: numberOf(file.Duration),
		bitrateKbps: numberOf(file.Bitrate),
		format: text(file.FormatName),
		fileSizeBytes: numberOf(file.FileSize),
	});
}

/**
 * The outputs, one per sub-job in output order; with exactly one output its URL (and file URL, media ID) also at the
 * top, so a next node (Snapshot, Email) can take `outputUrl` as with the other kinds.
 */
function transcodeOutputs(job: IDataObject): IDataObject {
	const outputs = asList(job.TranscodeJobList)
		.map(outputOf)
		.sort((left, right) => Number(left.index ?? 0) - Number(right.index ?? 0));
	const [only] = outputs.length === 1 ? outputs : [];
	return withoutEmpty({
		outputUrl: only?.outputUrl,
		fileUrl: only?.fileUrl,
		mediaId: only?.mediaId,
		outputs: outputs.length > 0 ? outputs : undefined,
	});
}

/** Alibaba says no more than Fail: the message names the outputs whose sub-job did not succeed. */
function failedOutputs(job: IDataObject): IDataObject {
	const outputs = asList(job.TranscodeJobList).map(outputOf);
	const failed = outputs.filter((output) => output.status !== 'succeeded');
	if (failed.length === 0) return {};
	const named = failed
		.map(
			(output) =>
				`${String(output.outputUrl ?? output.media ?? '?')} (sub-job ${String(output.jobId)}: ${String(output.rawStatus ?? 'no status')})`,
		)
		.join(', ');
	return { errorMessage: `${failed.length} of ${outputs.length} outputs did not succeed: ${named}` };
}

export const transcodeJobs = {
	label: 'transcoding job',
	submit: {
		// Every submission carries a ClientToken (one per item), so the service answers a resend with the job it made.
		operation: ice('SubmitTranscodeJob', { idempotent: true }),
		jobId: (response) => text(asObject(response.TranscodeParentJob)?.ParentJobId),
	},
	get: { operation: ice('GetTranscodeJob', READ), idParameter: 'ParentJobId', responseKey: 'TranscodeParentJob' },
	idField: 'ParentJobId',
	// The parent's Status is absent (or Init, the list's filter value) while its outputs run.
	ends: { succeeded: ['Success'], failed: ['Fail'], canceled: [], skipped: [] },
	fields: { createdAt: 'CreateTime', finishedAt: 'FinishTime' },
	details: transcodeOutputs,
	failure: failedOutputs,
	list,
	trigger: {
		option: { name: 'Transcoding Jobs', value: 'transcode', description: 'Transcoding jobs (SubmitTranscodeJob)' },
		sources: () => [list],
		filters: ['pipelineId'],
	},
	getNode: {
		parameter: 'parentJobId',
		label: 'Parent Job ID',
		example: '8b2198504dd340b7b3c9842a74fc9baa',
		submitNode: 'Submit Transcode Job',
		note: 'It is TranscodeParentJob.ParentJobId in its answer, and jobId in its output with Wait for Completion; the JobId of one output (a sub-job) is not accepted',
	},
} satisfies JobKindDeclaration;
