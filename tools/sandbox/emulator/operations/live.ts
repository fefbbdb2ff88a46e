/** ICE live editing: SubmitLiveEditingJob, GetLiveEditingJob. */
import { isoSeconds } from '../clock';
import { ApiError, invalidParameter, missingParameter } from '../errors';
import { JobStore, Job, newId } from '../jobs';
import {
	isObject,
	Json,
	jsonArray,
	JsonObject,
	jsonObject,
	nonEmptyString,
	oneOf,
	optional,
	required,
	userData,
	utcTime,
} from '../params';
import { Operation } from './context';
import { statusView } from './views';
import { outputUrl, OutputTarget, validateOutputMediaConfig } from './output';

const MODES = ['AccurateFast', 'Accurate', 'Rough', 'RoughFast'] as const;
const SIZED_MODES = ['Accurate', 'Rough'];
const STREAM_FIELDS = ['AppName', 'DomainName', 'StreamName'] as const;

export const submitLiveEditingJob: Operation = ({ params, jobs, region }) => {
	const clips = jsonArray(params, 'Clips', true)!;
	if (clips.length === 0) throw invalidParameter('Clips', 'At least one clip is required.');
	const stream = jsonObject(params, 'LiveStreamConfig');
	let durationSeconds = 0;
	clips.forEach((clip, index) => {
		const name = `Clips.${index + 1}`;
		if (!isObject(clip)) throw invalidParameter(name, 'Each clip must be an object.');
		if (clip.StartTime === undefined) throw missingParameter(`${name}.StartTime`);
		if (clip.EndTime === undefined) throw missingParameter(`${name}.EndTime`);
		const startAt = utcTime(`${name}.StartTime`, clip.StartTime);
		const endAt = utcTime(`${name}.EndTime`, clip.EndTime);
		if (endAt <= startAt) throw invalidParameter(`${name}.EndTime`, 'It must be later than StartTime.');
		if (clip.CoverTime !== undefined) {
			const cover = utcTime(`${name}.CoverTime`, clip.CoverTime);
			if (cover < startAt || cover > endAt)
				throw invalidParameter(`${name}.CoverTime`, 'It must be within StartTime and EndTime.');
		}
		for (const field of STREAM_FIELDS) {
			if (!nonEmptyString(clip[field]) && !nonEmptyString(stream?.[field])) {
				throw invalidParameter(
					`${name}.${field}`,
					'The clip names no live stream and LiveStreamConfig does not provide one.',
				);
			}
		}
		durationSeconds += (endAt - startAt) / 1000;
	});
	// MediaProduceConfig holds Mode only; anything else in it (a Width, say) is ignored, as the service does.
	const produce = jsonObject(params, 'MediaProduceConfig') ?? {};
	const mode =
		oneOf('MediaProduceConfig.Mode', produce.Mode === undefined ? undefined : String(produce.Mode), MODES) ??
		'AccurateFast';
	const target =
		oneOf<OutputTarget>('OutputMediaTarget', optional(params, 'OutputMediaTarget'), ['oss-object', 'vod-media']) ??
		'oss-object';
	const projectId = optional(params, 'ProjectId');
	const mediaId = newId();
	// Without OutputMediaConfig the project's storage settings apply; the sandbox has a default bucket.
	const output = jsonObject(params, 'OutputMediaConfig') ?? defaultOutput(target, region, mediaId);
	validateOutputMediaConfig(output, target);
	if ((output.Width !== undefined || output.Height !== undefined) && !SIZED_MODES.includes(mode)) {
		throw invalidParameter(
			'OutputMediaConfig',
			`Width and Height can be set only in the Accurate and Rough modes, not in ${mode}.`,
		);
	}
	const ud = userData(params, true);
	const job = jobs.submit('liveEditing', {
		ProjectId: projectId ?? newId(),
		Clips: required(params, 'Clips'),
		LiveStreamConfig: stream,
		MediaProduceConfig: { Mode: mode },
		OutputMediaConfig: output,
		OutputMediaTarget: target,
		MediaId: mediaId,
		MediaURL: outputUrl(output, target, mediaId),
		VodMediaId: target === 'vod-media' ? newId() : undefined,
		UserData: ud,
		Duration: durationSeconds,
	});
	return { ...producedIds(job), VodMediaId: job.data.VodMediaId };
};

/** The IDs and URL of what a live editing job produces, as its Submit and Get answers both give them. */
function producedIds(job: Job): Record<string, unknown> {
	const data = job.data;
	return { JobId: job.jobId, ProjectId: data.ProjectId, MediaId: data.MediaId, MediaURL: data.MediaURL };
}

function defaultOutput(target: OutputTarget, region: string, mediaId: string): Record<string, string> {
	return target === 'vod-media'
		? { StorageLocation: `outin-sandbox.oss-${region}.aliyuncs.com`, FileName: `${mediaId}.mp4` }
		: { MediaURL: `https://sandbox-bucket.oss-${region}.aliyuncs.com/live-editing/${mediaId}.mp4` };
}

/** GetLiveEditingJob echoes these structures through fixed models: fields outside them are not echoed. */
const ECHOED_FIELDS = {
	LiveStreamConfig: ['AppName', 'DomainName', 'StreamName'],
	MediaProduceConfig: ['Mode'],
	OutputMediaConfig: ['Bitrate', 'FileName', 'Height', 'MediaURL', 'StorageLocation', 'VodTemplateGroupId', 'Width'],
};

function echoed(value: Json | undefined, fields: string[]): JsonObject | undefined {
	if (!isObject(value)) return undefined;
	return Object.fromEntries(Object.entries(value).filter(([key]) => fields.includes(key)));
}

/** No VodMediaId here: the API gives it in SubmitLiveEditingJob's answer and in GetMediaProducingJob. */
function liveEditingJobView(jobs: JobStore, job: Job): Record<string, unknown> {
	const state = jobs.state(job);
	const data = job.data;
	return {
		...producedIds(job),
		Clips: data.Clips,
		LiveStreamConfig: echoed(data.LiveStreamConfig, ECHOED_FIELDS.LiveStreamConfig),
		MediaProduceConfig: echoed(data.MediaProduceConfig, ECHOED_FIELDS.MediaProduceConfig),
		OutputMediaConfig: echoed(data.OutputMediaConfig, ECHOED_FIELDS.OutputMediaConfig),
		...statusView(state, 'CompleteTime'),
		CreationTime: isoSeconds(job.createdAt),
		UserData: data.UserData,
	};
}

export const getLiveEditingJob: Operation = ({ params, jobs }) => {
	const jobId = required(params, 'JobId');
	const job = jobs.get(jobId, 'liveEditing');
	if (!job) throw new ApiError(404, 'ResourceNotFound', `The specified live editing job "${jobId}" is not found.`);
	return { LiveEditingJob: liveEditingJobView(jobs, job) };
};
