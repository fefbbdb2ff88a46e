/**
 * ICE media producing: SubmitMediaProducingJob (timeline and project jobs: kind `editing`; template jobs:
 * `template`), GetMediaProducingJob and ListMediaProducingJobs, which also answer for live editing jobs. A job's end
 * sends ProduceMediaComplete (api-notes "Callbacks"), also to the NotifyAddress of its UserData.
 */
import { isoSeconds } from '../clock';
import { invalidParameter } from '../errors';
import { declare, JobEvent, KindDeclaration } from '../engine/format';
import { param, Reader } from '../engine/parameters';
import { statusView } from '../engine/views';
import { newId } from '../ids';
import type { Job, JobState } from '../jobs';
import { isObject, Json, optional, Params, parseJson, required } from '../params';
import type { OperationContext } from '../operations/context';
import { EMULATOR_USER_ID, userDataNotifyAddress, withoutUndefined } from './common/events';
import { dataFilter, statusFilter } from './common/filters';
import { outputMediaConfig, outputUrl, OutputTarget } from './common/output';

/** Shared with live editing jobs, which produce through the same service. */
export const PRODUCING_STATES = { running: ['Init', 'Queuing', 'Processing'], success: 'Success', failure: 'Failed' };
export const PRODUCING_TIMING = { stepsMs: [2_000, 5_000], finishMs: 60_000 };

export function producedSeed(kind: string): (position: number) => Record<string, Json> {
	return (position) => ({
		ProjectId: newId(),
		MediaId: newId(),
		MediaURL: `https://sandbox-bucket.oss-cn-shanghai.aliyuncs.com/produced/${kind}-${String(position).padStart(5, '0')}.mp4`,
	});
}

/** `{EventType, UserId, EventTime, MessageBody: {Status, JobId, MediaId, MediaURL, ProjectId, ErrorCode, ...}}`. */
export function produceMediaComplete(job: Job, state: JobState): JobEvent {
	const succeeded = state.status === PRODUCING_STATES.success;
	return {
		product: 'ice',
		eventType: 'ProduceMediaComplete',
		body: {
			EventType: 'ProduceMediaComplete',
			UserId: EMULATOR_USER_ID,
			EventTime: isoSeconds(state.finishedAt ?? state.modifiedAt),
			MessageBody: withoutUndefined({
				Status: succeeded ? 'Success' : 'Failed',
				JobId: job.jobId,
				MediaId: job.data.MediaId,
				MediaURL: job.data.MediaURL,
				ProjectId: job.data.ProjectId,
				ErrorCode: succeeded ? '' : (state.failure?.code ?? ''),
				ErrorMessage: succeeded ? '' : (state.failure?.message ?? ''),
				UserData: job.data.UserData,
			}),
		},
	};
}

const producingKind = <Name extends string>(name: Name): KindDeclaration<Name> =>
	declare.kind({
		name,
		states: PRODUCING_STATES,
		statusField: 'Status',
		timing: PRODUCING_TIMING,
		seed: producedSeed(name),
		event: produceMediaComplete,
		notifyAddress: userDataNotifyAddress,
	});

export const EDITING = producingKind('editing');
export const TEMPLATE = producingKind('template');

/** ListMediaProducingJobs' JobType of each kind it lists. */
const JOB_TYPES: Record<string, string> = {
	editing: 'EditingJob',
	template: 'VETemplateJob',
	liveEditing: 'LiveEditingJob',
};
const LISTED_KINDS = Object.keys(JOB_TYPES);
const MAX_TRACKS = 100;

function tracks(timeline: Record<string, Json>, name: string): Json[] {
	const value = timeline[name];
	if (value === undefined || value === null) return [];
	if (!Array.isArray(value)) throw invalidParameter(`Timeline.${name}`, 'It must be an array.');
	return value;
}

const TRACKS = ['VideoTracks', 'AudioTracks', 'ImageTracks', 'SubtitleTracks'];

/**
 * IMS Timeline reference: a timeline needs a video or an audio track; image tracks (top-level ImageTracks,
 * deprecated but accepted) go with video; video, image and subtitle tracks are limited to 100 each.
 */
const timeline: Reader<string | undefined> = (params, name) => {
	const raw = optional(params, name);
	if (raw === undefined) return undefined;
	const value = parseJson(name, raw);
	if (!isObject(value)) throw invalidParameter(name, 'It must be a JSON object.');
	const all = TRACKS.map((tracksName) => tracks(value, tracksName));
	const [video, audio, images, subtitles] = all;
	if (video.length + audio.length === 0)
		throw invalidParameter(name, 'The timeline must contain a video or an audio track.');
	if (images.length > 0 && video.length === 0)
		throw invalidParameter('Timeline.ImageTracks', 'Image tracks need a video track.');
	for (const [list, label] of [
		[video, 'video'],
		[images, 'image'],
		[subtitles, 'subtitle'],
	] as const) {
		if (list.length > MAX_TRACKS)
			throw invalidParameter(name, `A timeline can have at most ${MAX_TRACKS} ${label} tracks.`);
	}
	all.forEach((list, position) =>
		list.forEach((track, index) => {
			if (!isObject(track))
				throw invalidParameter(`Timeline.${TRACKS[position]}.${index + 1}`, 'Each track must be an object.');
		}),
	);
	return raw;
};

/** A template job's clip values: required with a TemplateId (a JSON object), not read without one. */
const clipsParam: Reader<string | undefined> = (params, name, earlier) => {
	if (earlier.TemplateId === undefined) return undefined;
	const raw = required(params, name);
	if (!isObject(parseJson(name, raw))) throw invalidParameter(name, 'It must be a JSON object.');
	return raw;
};

const SOURCES = ['OpenAPI', 'AliyunConsole', 'WebSDK'];

/**
 * The SDK lists OpenAPI, AliyunConsole and WebSDK, but its own example (and so the official client's recorded
 * request) sends OPENAPI; the spelling is matched without regard to case (README: "Source").
 */
const source: Reader<string | undefined> = (params: Params, name: string) => {
	const value = optional(params, name);
	if (value !== undefined && !SOURCES.some((known) => known.toLowerCase() === value.toLowerCase()))
		throw invalidParameter(name, `Valid values: ${SOURCES.join(', ')}.`);
	return value;
};

/** ListMediaProducingJobs items are GetMediaProducingJob's job without VodMediaId and Timeline (and no JobType). */
function mediaProducingJobView(job: Job, ctx: OperationContext, forList = false): Record<string, unknown> {
	const state = ctx.jobs.state(job);
	const data = job.data;
	return {
		JobId: job.jobId,
		ProjectId: data.ProjectId,
		TemplateId: data.TemplateId,
		MediaId: data.MediaId,
		MediaURL: data.MediaURL,
		VodMediaId: forList ? undefined : data.VodMediaId,
		Timeline: forList ? undefined : data.Timeline,
		ClipsParam: data.ClipsParam,
		Duration: state.status === PRODUCING_STATES.success ? data.Duration : undefined,
		...statusView(state, 'CompleteTime'),
		CreateTime: isoSeconds(job.createdAt),
		UserData: data.UserData,
	};
}

const OSS_OUT = JSON.stringify({ MediaURL: 'https://bucket.oss-cn-shanghai.aliyuncs.com/out.mp4' });

export const mediaProducing = declare.family({
	name: 'media producing',
	product: 'ICE',
	kinds: [EDITING, TEMPLATE],
	submit: declare.submit({
		action: 'SubmitMediaProducingJob',
		parameters: {
			ProjectId: param.text(),
			// From the form body or the query (the contract puts it in the body).
			Timeline: timeline,
			TemplateId: param.text(),
			ClipsParam: clipsParam,
			OutputMediaTarget: param.text({ oneOf: ['oss-object', 'vod-media', 'S3'] }),
			OutputMediaConfig: outputMediaConfig({ required: true }),
			ProjectMetadata: param.jsonObject(),
			EditingProduceConfig: param.jsonObject(),
			MediaMetadata: param.jsonObject(),
			UserData: param.userData({ maxBytes: 512, json: true }),
			ClientToken: param.clientToken(),
			Source: source,
		},
		check: (values) => {
			const given = [values.ProjectId, values.Timeline, values.TemplateId].filter((value) => value !== undefined);
			if (given.length !== 1)
				throw invalidParameter(
					'ProjectId/Timeline/TemplateId',
					'Specify exactly one of ProjectId, Timeline and TemplateId.',
				);
		},
		idempotent: true,
		kind: (values) => (values.TemplateId !== undefined ? TEMPLATE.name : EDITING.name),
		create: (values) => {
			const target = (values.OutputMediaTarget ?? 'oss-object') as OutputTarget;
			const output = values.OutputMediaConfig!;
			const mediaId = newId();
			return {
				ProjectId: values.ProjectId ?? newId(),
				TemplateId: values.TemplateId,
				Timeline: values.Timeline,
				ClipsParam: values.ClipsParam,
				OutputMediaConfig: output,
				OutputMediaTarget: target,
				ProjectMetadata: values.ProjectMetadata,
				EditingProduceConfig: values.EditingProduceConfig,
				MediaMetadata: values.MediaMetadata,
				MediaId: mediaId,
				MediaURL: outputUrl(output, target, mediaId),
				VodMediaId: target === 'vod-media' ? newId() : undefined,
				UserData: values.UserData,
				Source: values.Source,
				Duration: 30,
			};
		},
		answer: (job) => ({
			ProjectId: job.data.ProjectId,
			JobId: job.jobId,
			MediaId: job.data.MediaId,
			VodMediaId: job.data.VodMediaId,
		}),
		idAt: 'JobId',
		samples: [
			{
				query: { OutputMediaConfig: OSS_OUT, Source: 'OpenAPI' },
				form: { Timeline: JSON.stringify({ VideoTracks: [{ VideoTrackClips: [{ MediaId: 'abc' }] }] }) },
			},
			{
				query: {
					ProjectId: 'p1',
					OutputMediaTarget: 'vod-media',
					OutputMediaConfig: JSON.stringify({
						StorageLocation: 'outin-1.oss-cn-shanghai.aliyuncs.com',
						FileName: 'out.mp4',
						Width: 1280,
						Height: 720,
					}),
				},
			},
			{ query: { TemplateId: 't1', ClipsParam: '{"Media0":"m"}', OutputMediaConfig: OSS_OUT } },
		],
	}),
	gets: [
		declare.get({
			action: 'GetMediaProducingJob',
			id: 'JobId',
			kinds: LISTED_KINDS,
			notFound: { status: 404, code: 'ResourceNotFound', noun: 'media producing job' },
			at: 'MediaProducingJob',
			view: (job, ctx) => mediaProducingJobView(job, ctx),
		}),
	],
	list: {
		action: 'ListMediaProducingJobs',
		kinds: LISTED_KINDS,
		filters: {
			JobType: declare.filter({
				read: param.text({ oneOf: Object.values(JOB_TYPES) }),
				matches: (job, value) => JOB_TYPES[job.kind] === value,
			}),
			// The filter knows fewer states than the jobs have: Queuing is not among its values.
			Status: statusFilter(['Init', 'Failed', 'Success', 'Processing']),
			ProjectId: dataFilter('ProjectId'),
			Keyword: declare.filter({
				read: param.text(),
				matches: (job, value) =>
					[job.jobId, job.data.ProjectId, job.data.TemplateId, job.data.MediaId].some(
						(text) => typeof text === 'string' && text.includes(value),
					),
			}),
			MasterJobId: dataFilter('MasterJobId'),
		},
		window: { start: 'StartTime', end: 'EndTime', maxDays: 30 },
		sort: { parameter: 'SortBy', asc: 'CreationTime:Asc', desc: 'CreationTime:Desc', default: 'desc' },
		pageSize: { parameter: 'MaxResults', min: 1, max: 100, default: 10 },
		token: 'NextToken',
		tokenAt: 'NextToken',
		itemsAt: 'MediaProducingJobList',
		item: (job, ctx) => mediaProducingJobView(job, ctx, true),
		// The answer gives MaxResults as text (the request's is an integer).
		extras: ({ pageSize }) => ({ MaxResults: String(pageSize) }),
	},
});
