/**
 * ICE batch production ("quick video production"): SubmitBatchMediaProducingJob, GetBatchMediaProducingJob,
 * ListBatchMediaProducingJobs. A job produces OutputConfig.Count videos (sub-jobs, SubJobList[]), each with its own
 * Status (Init, Processing, Success, Failed), MediaURL (the OutputConfig MediaURL with `{index}` numbered) and MediaId.
 * The job ends Finished, or Failed as a whole. GetBatchMediaProducingJob's Status lists only Init, Processing and
 * Finished (pitfall batch-finished-not-success): there a job that failed as a whole shows Finished, its error in
 * Extend and every sub-job Failed; the list says Failed. The same ClientToken answers the job submitted with it.
 * Its end sends BatchProduceMediaComplete, `MessageBody: {Status, JobId, UserData}` (ICE event list), also to the
 * NotifyAddress of its UserData.
 */
import { isoSeconds } from '../clock';
import { invalidParameter } from '../errors';
import { declare, JobEvent } from '../engine/format';
import { param, Reader } from '../engine/parameters';
import { field } from '../engine/schema';
import { newId } from '../ids';
import type { Job, JobState } from '../jobs';
import { Json, JsonObject, optional, parseJson } from '../params';
import type { OperationContext } from '../operations/context';
import { EMULATOR_USER_ID, userDataNotifyAddress, withoutUndefined } from './common/events';
import { SOURCE_SECONDS } from './common/files';
import { jobIdFilter, statusFilter } from './common/filters';
import { checkOssUrl } from './common/media';

/** The list's JobType filter and item values (narrower than Get's nine, pitfall batch-job-types-list-narrower). */
const JOB_TYPES = ['Script', 'Smart_Mix'] as const;
/** Videos one job may produce (own choice: the contract states no range for OutputConfig.Count). */
const MAX_VIDEOS = 100;
const NOT_FOUND = { status: 404, code: 'ResourceNotFound', noun: 'batch media producing job' };
const WHOLE_JOB_FAILURE = { code: 'InvalidMaterial.NotFound', message: 'The specified clips id not found.' };

/** The configurations are JSON text known from the SDK's examples only: open structures (contract README). */
const inputConfig = field.object(
	{
		MediaGroupArray: field.array(field.object({ MediaArray: field.array(field.string()) }, { open: true }), { min: 1 }),
		SpeechTextArray: field.array(field.string()),
		TitleArray: field.array(field.string()),
	},
	{ open: true },
);
const volume = field.object({ Volume: field.number() }, { open: true });
const editingConfig = field.object(
	{ BackgroundMusicConfig: volume, MediaConfig: volume, SpeechConfig: volume },
	{ open: true },
);
const outputConfig = field.object(
	{
		MediaURL: field.required(field.string()),
		Count: field.integer({ min: 1, max: MAX_VIDEOS }),
		MaxDuration: field.number(),
		Width: field.integer({ min: 1 }),
		Height: field.integer({ min: 1 }),
		Video: field.object({ Crf: field.number() }, { open: true }),
	},
	{ open: true, check: (value, path) => checkOssUrl(`${path}.MediaURL`, String(value.MediaURL)) },
);

export const BATCH = declare.kind({
	name: 'batchMediaProducing',
	// Get states Init, Processing, Finished; the list adds Failed (job_states batch_media_producing_job).
	states: { running: ['Init', 'Processing'], success: 'Finished', failure: 'Failed' },
	statusField: 'Status',
	timing: { stepsMs: [2_000], finishMs: 60_000 },
	seed: (position) => {
		const number = String(position).padStart(5, '0');
		return {
			JobType: 'Smart_Mix',
			InputConfig: { MediaGroupArray: [{ MediaArray: [`seed-media-${number}`] }] },
			OutputConfig: { MediaURL: `https://sandbox-bucket.oss-cn-shanghai.aliyuncs.com/batch/${number}-{index}.mp4` },
			SubJobs: newSubJobs(1),
		};
	},
	event: batchProduceMediaComplete,
	notifyAddress: userDataNotifyAddress,
});

function batchProduceMediaComplete(job: Job, state: JobState): JobEvent {
	return {
		product: 'ice',
		eventType: 'BatchProduceMediaComplete',
		body: {
			EventType: 'BatchProduceMediaComplete',
			UserId: EMULATOR_USER_ID,
			EventTime: isoSeconds(state.finishedAt ?? state.modifiedAt),
			MessageBody: withoutUndefined({ Status: state.status, JobId: job.jobId, UserData: job.data.UserData }),
		},
	};
}

/** Any JSON (TemplateConfig: the SDK's example is an array of template IDs). */
const freeFormJson: Reader<Json | undefined> = (params, name) => {
	const raw = optional(params, name);
	return raw === undefined ? undefined : parseJson(name, raw);
};

function newSubJobs(count: number): JsonObject[] {
	return Array.from({ length: count }, () => ({ JobId: newId(), ProjectId: newId(), MediaId: newId() }));
}

/** One sub-job per video; IDs and media IDs fixed at submission, so that every answer names them alike. */
function subJobs(job: Job, ctx: OperationContext): Record<string, unknown>[] {
	const state = ctx.jobs.state(job);
	const ended = state.finishedAt !== undefined;
	const failed = state.status === BATCH.states.failure;
	const failure = state.failure ?? WHOLE_JOB_FAILURE;
	const pattern = String((job.data.OutputConfig as JsonObject).MediaURL);
	return (job.data.SubJobs as JsonObject[]).map((ids, index) => {
		return {
			JobId: ids.JobId,
			ProjectId: ids.ProjectId,
			MediaId: ids.MediaId,
			MediaURL: pattern.replace(/\{index\}/g, String(index)),
			Status: !ended ? state.status : failed ? 'Failed' : 'Success',
			Duration: ended && !failed ? SOURCE_SECONDS : undefined,
			ErrorCode: failed ? failure.code : undefined,
			ErrorMessage: failed ? failure.message : undefined,
		};
	});
}

const json = (value: unknown): string | undefined => (value === undefined ? undefined : JSON.stringify(value));

function batchView(job: Job, ctx: OperationContext, answer: 'get' | 'list'): Record<string, unknown> {
	const state = ctx.jobs.state(job);
	const failed = state.status === BATCH.states.failure;
	const failure = state.failure ?? WHOLE_JOB_FAILURE;
	return {
		JobId: job.jobId,
		JobType: job.data.JobType,
		// Get's Status has no Failed: a job that failed as a whole is Finished there, with its error in Extend.
		Status: failed && answer === 'get' ? BATCH.states.success : state.status,
		InputConfig: json(job.data.InputConfig),
		EditingConfig: json(job.data.EditingConfig),
		OutputConfig: json(job.data.OutputConfig),
		// Get's Extend names ErrorCode and ErrorMessage; the list's is an object of no known fields (its example: {}).
		Extend: json(failed && answer === 'get' ? { ErrorCode: failure.code, ErrorMessage: failure.message } : {}),
		UserData: job.data.UserData,
		CreateTime: isoSeconds(job.createdAt),
		ModifiedTime: isoSeconds(state.modifiedAt),
		CompleteTime: state.finishedAt !== undefined ? isoSeconds(state.finishedAt) : undefined,
		SubJobList: answer === 'get' ? subJobs(job, ctx) : undefined,
	};
}

export const batchMediaProducing = declare.family({
	name: 'batch production',
	product: 'ICE',
	kinds: [BATCH],
	submit: declare.submit({
		action: 'SubmitBatchMediaProducingJob',
		parameters: {
			// Form body (pitfall batch-media-producing-configs-in-form-body); nothing to produce from without them.
			InputConfig: param.json(inputConfig, { required: true }),
			EditingConfig: param.json(editingConfig),
			OutputConfig: param.json(outputConfig, { required: true }),
			TemplateConfig: freeFormJson,
			UserData: param.userData({ maxBytes: 512, json: true }),
			ClientToken: param.clientToken(),
		},
		check: (values) => {
			const groups = (values.InputConfig as JsonObject).MediaGroupArray as JsonObject[] | undefined;
			if (!groups?.some((group) => ((group.MediaArray as unknown[] | undefined) ?? []).length > 0))
				throw invalidParameter('InputConfig.MediaGroupArray', 'At least one media group needs media.');
		},
		idempotent: true,
		kind: BATCH.name,
		create: (values) => {
			const count = Number((values.OutputConfig as JsonObject).Count ?? 1);
			const speech = (values.InputConfig as JsonObject).SpeechTextArray as unknown[] | undefined;
			return {
				// A script job reads speech text; without any the service mixes the media (own choice of the emulator).
				JobType: speech?.length ? 'Script' : 'Smart_Mix',
				InputConfig: values.InputConfig,
				EditingConfig: values.EditingConfig,
				OutputConfig: values.OutputConfig,
				TemplateConfig: values.TemplateConfig,
				UserData: values.UserData,
				SubJobs: newSubJobs(count),
			};
		},
		answer: (job) => ({ JobId: job.jobId }),
		idAt: 'JobId',
		samples: [
			{
				query: {
					OutputConfig: JSON.stringify({
						MediaURL: 'https://bucket.oss-cn-shanghai.aliyuncs.com/batch/promo-{index}.mp4',
						Count: 3,
						MaxDuration: 15,
						Width: 1080,
						Height: 1920,
					}),
					UserData: '{"NotifyAddress":"https://example.com/batch-done"}',
				},
				form: {
					InputConfig: JSON.stringify({
						MediaGroupArray: [{ MediaArray: ['media-1', 'media-2'] }],
						SpeechTextArray: ['A new season starts today.'],
						TitleArray: ['Spring'],
					}),
					EditingConfig: JSON.stringify({ MediaConfig: { Volume: 0 }, SpeechConfig: { Volume: 1 } }),
				},
			},
		],
	}),
	gets: [
		declare.get({
			action: 'GetBatchMediaProducingJob',
			id: 'JobId',
			kinds: [BATCH.name],
			notFound: NOT_FOUND,
			at: 'EditingBatchJob',
			view: (job, ctx) => batchView(job, ctx, 'get'),
			statesAt: ['EditingBatchJob', 'EditingBatchJob.SubJobList[]'],
		}),
	],
	list: {
		action: 'ListBatchMediaProducingJobs',
		kinds: [BATCH.name],
		filters: {
			Status: statusFilter(['Finished', 'Init', 'Failed', 'Processing']),
			JobType: declare.filter({
				read: param.text({ oneOf: JOB_TYPES }),
				matches: (job, value) => job.data.JobType === value,
			}),
			JobId: jobIdFilter(),
		},
		window: { start: 'StartTime', end: 'EndTime' },
		sort: { parameter: 'SortBy', asc: 'asc', desc: 'desc', default: 'desc' },
		pageSize: { parameter: 'MaxResults', min: 1, max: 100, default: 10 },
		token: 'NextToken',
		tokenAt: 'NextToken',
		itemsAt: 'EditingBatchJobList',
		item: (job, ctx) => withoutUndefined(batchView(job, ctx, 'list')),
		extras: ({ pageSize }) => ({ MaxResults: pageSize }),
	},
});
