/** ICE media producing: SubmitMediaProducingJob, GetMediaProducingJob, ListMediaProducingJobs. */
import { isoSeconds } from '../clock';
import { ApiError, invalidParameter } from '../errors';
import { Job, EmulatorJobKind, JobStore, MEDIA_JOB_TYPE, newId, VOCABULARY } from '../jobs';
import {
	clientToken,
	intIn,
	isObject,
	Json,
	jsonObject,
	oneOf,
	optional,
	optionalUtcTime,
	Params,
	parseJson,
	required,
	userData,
} from '../params';
import { Operation } from './context';
import { outputUrl, OutputTarget, validateOutputMediaConfig } from './output';
import { paginate } from './paging';
import { statusView } from './views';

const PRODUCING_KINDS: EmulatorJobKind[] = ['editing', 'template', 'liveEditing'];
const MAX_TRACKS = 100;
const DAY_MS = 24 * 60 * 60 * 1000;

function validateTimeline(raw: string): void {
	const timeline = parseJson('Timeline', raw);
	if (!isObject(timeline)) throw invalidParameter('Timeline', 'It must be a JSON object.');
	const tracks = (name: string): Json[] => {
		const value = timeline[name];
		if (value === undefined || value === null) return [];
		if (!Array.isArray(value)) throw invalidParameter(`Timeline.${name}`, 'It must be an array.');
		return value;
	};
	const video = tracks('VideoTracks');
	const audio = tracks('AudioTracks');
	const images = tracks('ImageTracks');
	const subtitles = tracks('SubtitleTracks');
	// IMS Timeline reference: a timeline needs a video or an audio track; image tracks (top-level ImageTracks,
	// deprecated but accepted) go with video; video, image and subtitle tracks are limited to 100 each.
	if (video.length + audio.length === 0)
		throw invalidParameter('Timeline', 'The timeline must contain a video or an audio track.');
	if (images.length > 0 && video.length === 0)
		throw invalidParameter('Timeline.ImageTracks', 'Image tracks need a video track.');
	for (const [list, label] of [
		[video, 'video'],
		[images, 'image'],
		[subtitles, 'subtitle'],
	] as const) {
		if (list.length > MAX_TRACKS)
			throw invalidParameter('Timeline', `A timeline can have at most ${MAX_TRACKS} ${label} tracks.`);
	}
	for (const [name, list] of [
		['VideoTracks', video],
		['AudioTracks', audio],
		['ImageTracks', images],
		['SubtitleTracks', subtitles],
	] as const) {
		list.forEach((track, index) => {
			if (!isObject(track)) throw invalidParameter(`Timeline.${name}.${index + 1}`, 'Each track must be an object.');
		});
	}
}

const SOURCES = ['OpenAPI', 'AliyunConsole', 'WebSDK'];

/**
 * The SDK lists OpenAPI, AliyunConsole and WebSDK, but its own example (and so the official client's recorded
 * request) sends OPENAPI; the spelling is matched without regard to case (README: "Source").
 */
function requestSource(params: Params): string | undefined {
	const source = optional(params, 'Source');
	if (source !== undefined && !SOURCES.some((known) => known.toLowerCase() === source.toLowerCase()))
		throw invalidParameter('Source', `Valid values: ${SOURCES.join(', ')}.`);
	return source;
}

export const submitMediaProducingJob: Operation = ({ params, jobs }) => {
	const projectId = optional(params, 'ProjectId');
	const timeline = optional(params, 'Timeline');
	const templateId = optional(params, 'TemplateId');
	const sources = [projectId, timeline, templateId].filter((value) => value !== undefined).length;
	if (sources !== 1)
		throw invalidParameter(
			'ProjectId/Timeline/TemplateId',
			'Specify exactly one of ProjectId, Timeline and TemplateId.',
		);
	let clipsParam: string | undefined;
	if (templateId !== undefined) {
		clipsParam = required(params, 'ClipsParam');
		if (!isObject(parseJson('ClipsParam', clipsParam)))
			throw invalidParameter('ClipsParam', 'It must be a JSON object.');
	}
	if (timeline !== undefined) validateTimeline(timeline);
	const target =
		oneOf<OutputTarget>('OutputMediaTarget', optional(params, 'OutputMediaTarget'), [
			'oss-object',
			'vod-media',
			'S3',
		]) ?? 'oss-object';
	const output = jsonObject(params, 'OutputMediaConfig', true);
	validateOutputMediaConfig(output, target);
	const projectMetadata = jsonObject(params, 'ProjectMetadata');
	const editingProduceConfig = jsonObject(params, 'EditingProduceConfig');
	const mediaMetadata = jsonObject(params, 'MediaMetadata');
	const ud = userData(params, true);
	const token = clientToken(params);
	const source = requestSource(params);
	const kind: EmulatorJobKind = templateId !== undefined ? 'template' : 'editing';

	const existing = token ? jobs.findByClientToken(kind, token) : undefined;
	const job =
		existing ??
		(() => {
			const mediaId = newId();
			return jobs.submit(
				kind,
				{
					ProjectId: projectId ?? newId(),
					TemplateId: templateId,
					Timeline: timeline,
					ClipsParam: clipsParam,
					OutputMediaConfig: output,
					OutputMediaTarget: target,
					ProjectMetadata: projectMetadata,
					EditingProduceConfig: editingProduceConfig,
					MediaMetadata: mediaMetadata,
					MediaId: mediaId,
					MediaURL: outputUrl(output, target, mediaId),
					VodMediaId: target === 'vod-media' ? newId() : undefined,
					UserData: ud,
					Source: source,
					Duration: 30,
				},
				{ clientToken: token },
			);
		})();
	return {
		ProjectId: job.data.ProjectId,
		JobId: job.jobId,
		MediaId: job.data.MediaId,
		VodMediaId: job.data.VodMediaId,
	};
};

/** ListMediaProducingJobs items are GetMediaProducingJob's job without VodMediaId and Timeline (and no JobType). */
function mediaProducingJobView(jobs: JobStore, job: Job, forList = false): Record<string, unknown> {
	const state = jobs.state(job);
	const data = job.data;
	const done = state.status === VOCABULARY[job.kind].success;
	return {
		JobId: job.jobId,
		ProjectId: data.ProjectId,
		TemplateId: data.TemplateId,
		MediaId: data.MediaId,
		MediaURL: data.MediaURL,
		VodMediaId: forList ? undefined : data.VodMediaId,
		Timeline: forList ? undefined : data.Timeline,
		ClipsParam: data.ClipsParam,
		Duration: done ? data.Duration : undefined,
		...statusView(state, 'CompleteTime'),
		CreateTime: isoSeconds(job.createdAt),
		UserData: data.UserData,
	};
}

export const getMediaProducingJob: Operation = ({ params, jobs }) => {
	const jobId = required(params, 'JobId');
	const job = jobs.get(jobId, PRODUCING_KINDS);
	if (!job) throw new ApiError(404, 'ResourceNotFound', `The specified media producing job "${jobId}" is not found.`);
	return { MediaProducingJob: mediaProducingJobView(jobs, job) };
};

export const listMediaProducingJobs: Operation = ({ params, jobs }) => {
	const start = optionalUtcTime(params, 'StartTime');
	const end = optionalUtcTime(params, 'EndTime');
	if (start !== undefined && end !== undefined) {
		if (end < start) throw invalidParameter('EndTime', 'It must not be earlier than StartTime.');
		if (end - start > 30 * DAY_MS)
			throw invalidParameter('EndTime', 'StartTime and EndTime can be at most 30 days apart.');
	}
	const jobType = oneOf('JobType', optional(params, 'JobType'), [
		'EditingJob',
		'VETemplateJob',
		'LiveEditingJob',
	] as const);
	// The filter knows fewer states than the jobs have: Queuing is not among its values.
	const status = oneOf('Status', optional(params, 'Status'), ['Init', 'Failed', 'Success', 'Processing'] as const);
	const sortBy =
		oneOf('SortBy', optional(params, 'SortBy'), ['CreationTime:Asc', 'CreationTime:Desc'] as const) ??
		'CreationTime:Desc';
	const maxResults = intIn('MaxResults', optional(params, 'MaxResults'), 1, 100) ?? 10;
	const projectId = optional(params, 'ProjectId');
	const keyword = optional(params, 'Keyword');
	const masterJobId = optional(params, 'MasterJobId');
	const kinds = jobType ? PRODUCING_KINDS.filter((kind) => MEDIA_JOB_TYPE[kind] === jobType) : PRODUCING_KINDS;
	const all = jobs.list(kinds);
	if (kinds.length > 1) all.sort((left, right) => left.createdAt - right.createdAt || left.seq - right.seq);
	const { page, nextToken } = paginate(all, {
		direction: sortBy === 'CreationTime:Asc' ? 'asc' : 'desc',
		pageSize: maxResults,
		token: optional(params, 'NextToken'),
		tokenName: 'NextToken',
		matches: (job) =>
			(start === undefined || job.createdAt >= start) &&
			(end === undefined || job.createdAt <= end) &&
			(projectId === undefined || job.data.ProjectId === projectId) &&
			(masterJobId === undefined || job.data.MasterJobId === masterJobId) &&
			(keyword === undefined ||
				[job.jobId, job.data.ProjectId, job.data.TemplateId, job.data.MediaId].some(
					(value) => typeof value === 'string' && value.includes(keyword),
				)) &&
			(status === undefined || jobs.state(job).status === status),
	});
	return {
		MediaProducingJobList: page.map((job) => mediaProducingJobView(jobs, job, true)),
		NextToken: nextToken,
		MaxResults: String(maxResults),
	};
};
