/**
 * ICE live editing: SubmitLiveEditingJob, GetLiveEditingJob. Its jobs are also listed by ListMediaProducingJobs and
 * read by GetMediaProducingJob (mediaProducing.ts), and end with ProduceMediaComplete like media producing jobs.
 */
import { isoSeconds } from '../clock';
import { invalidParameter, missingParameter } from '../errors';
import { declare } from '../engine/format';
import { param, Reader } from '../engine/parameters';
import { statusView } from '../engine/views';
import { newId } from '../ids';
import type { Job } from '../jobs';
import { isObject, Json, jsonArray, JsonObject, jsonObject, nonEmptyString, oneOf, utcTime } from '../params';
import type { OperationContext } from '../operations/context';
import { outputMediaConfig, outputUrl, OutputTarget, validateOutputMediaConfig } from './common/output';
import { produceMediaComplete, producedSeed, PRODUCING_STATES, PRODUCING_TIMING } from './mediaProducing';

const MODES = ['AccurateFast', 'Accurate', 'Rough', 'RoughFast'] as const;
const SIZED_MODES = ['Accurate', 'Rough'];
const STREAM_FIELDS = ['AppName', 'DomainName', 'StreamName'] as const;

export const LIVE_EDITING = declare.kind({
	name: 'liveEditing',
	states: PRODUCING_STATES,
	statusField: 'Status',
	timing: PRODUCING_TIMING,
	seed: producedSeed('liveEditing'),
	event: produceMediaComplete,
});

/** Each clip: a time range (UTC), a cover time within it, and a live stream (its own or LiveStreamConfig's). */
const clips: Reader<{ text: string; seconds: number }> = (params, name, earlier) => {
	const list = jsonArray(params, name, true)!;
	if (list.length === 0) throw invalidParameter(name, 'At least one clip is required.');
	const stream = earlier.LiveStreamConfig as JsonObject | undefined;
	let seconds = 0;
	list.forEach((clip, index) => {
		const at = `${name}.${index + 1}`;
		if (!isObject(clip)) throw invalidParameter(at, 'Each clip must be an object.');
		if (clip.StartTime === undefined) throw missingParameter(`${at}.StartTime`);
		if (clip.EndTime === undefined) throw missingParameter(`${at}.EndTime`);
		const startAt = utcTime(`${at}.StartTime`, clip.StartTime);
		const endAt = utcTime(`${at}.EndTime`, clip.EndTime);
		if (endAt <= startAt) throw invalidParameter(`${at}.EndTime`, 'It must be later than StartTime.');
		if (clip.CoverTime !== undefined) {
			const cover = utcTime(`${at}.CoverTime`, clip.CoverTime);
			if (cover < startAt || cover > endAt)
				throw invalidParameter(`${at}.CoverTime`, 'It must be within StartTime and EndTime.');
		}
		for (const field of STREAM_FIELDS) {
			if (!nonEmptyString(clip[field]) && !nonEmptyString(stream?.[field]))
				throw invalidParameter(
					`${at}.${field}`,
					'The clip names no live stream and LiveStreamConfig does not provide one.',
				);
		}
		seconds += (endAt - startAt) / 1000;
	});
	return { text: params[name], seconds };
};

/** MediaProduceConfig holds Mode only; anything else in it (a Width, say) is ignored, as the service does. */
const mode: Reader<(typeof MODES)[number]> = (params, name) => {
	const produce = jsonObject(params, name) ?? {};
	return oneOf(`${name}.Mode`, produce.Mode === undefined ? undefined : String(produce.Mode), MODES) ?? 'AccurateFast';
};

/** Without OutputMediaConfig the project's storage settings apply; the sandbox has a default bucket. */
function defaultOutput(target: OutputTarget, region: string, mediaId: string): JsonObject {
	return target === 'vod-media'
		? { StorageLocation: `outin-sandbox.oss-${region}.aliyuncs.com`, FileName: `${mediaId}.mp4` }
		: { MediaURL: `https://sandbox-bucket.oss-${region}.aliyuncs.com/live-editing/${mediaId}.mp4` };
}

/** The IDs and URL of what a live editing job produces, as its Submit and Get answers both give them. */
const producedIds = (job: Job): Record<string, unknown> => ({
	JobId: job.jobId,
	ProjectId: job.data.ProjectId,
	MediaId: job.data.MediaId,
	MediaURL: job.data.MediaURL,
});

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
function liveEditingJobView(job: Job, ctx: OperationContext): Record<string, unknown> {
	const data = job.data;
	return {
		...producedIds(job),
		Clips: data.Clips,
		LiveStreamConfig: echoed(data.LiveStreamConfig, ECHOED_FIELDS.LiveStreamConfig),
		MediaProduceConfig: echoed(data.MediaProduceConfig, ECHOED_FIELDS.MediaProduceConfig),
		OutputMediaConfig: echoed(data.OutputMediaConfig, ECHOED_FIELDS.OutputMediaConfig),
		...statusView(ctx.jobs.state(job), 'CompleteTime'),
		CreationTime: isoSeconds(job.createdAt),
		UserData: data.UserData,
	};
}

const CLIPS = JSON.stringify([{ StartTime: '2026-01-10T07:00:00Z', EndTime: '2026-01-10T07:01:00Z' }]);
const STREAM = JSON.stringify({ AppName: 'app', DomainName: 'live.example.com', StreamName: 's' });

export const liveEditing = declare.family({
	name: 'live editing',
	product: 'ICE',
	kinds: [LIVE_EDITING],
	submit: declare.submit({
		action: 'SubmitLiveEditingJob',
		parameters: {
			LiveStreamConfig: param.jsonObject(),
			Clips: clips,
			MediaProduceConfig: mode,
			OutputMediaTarget: param.text({ oneOf: ['oss-object', 'vod-media'] }),
			ProjectId: param.text(),
			OutputMediaConfig: outputMediaConfig({ required: false }),
			UserData: param.userData({ maxBytes: 512, json: true }),
		},
		// The output size applies only in the Accurate and Rough modes (shared notes; own choice where the contract is silent).
		check: (values) => {
			const output = values.OutputMediaConfig;
			if (
				(output?.Width !== undefined || output?.Height !== undefined) &&
				!SIZED_MODES.includes(values.MediaProduceConfig)
			)
				throw invalidParameter(
					'OutputMediaConfig',
					`Width and Height can be set only in the Accurate and Rough modes, not in ${values.MediaProduceConfig}.`,
				);
		},
		kind: LIVE_EDITING.name,
		create: (values, ctx) => {
			const target = (values.OutputMediaTarget ?? 'oss-object') as OutputTarget;
			const mediaId = newId();
			const output = values.OutputMediaConfig ?? defaultOutput(target, ctx.region, mediaId);
			validateOutputMediaConfig(output, target);
			return {
				ProjectId: values.ProjectId ?? newId(),
				Clips: values.Clips.text,
				LiveStreamConfig: values.LiveStreamConfig,
				MediaProduceConfig: { Mode: values.MediaProduceConfig },
				OutputMediaConfig: output,
				OutputMediaTarget: target,
				MediaId: mediaId,
				MediaURL: outputUrl(output, target, mediaId),
				VodMediaId: target === 'vod-media' ? newId() : undefined,
				UserData: values.UserData,
				Duration: values.Clips.seconds,
			};
		},
		answer: (job) => ({ ...producedIds(job), VodMediaId: job.data.VodMediaId }),
		idAt: 'JobId',
		samples: [
			{
				query: {
					Clips: CLIPS,
					LiveStreamConfig: STREAM,
					MediaProduceConfig: JSON.stringify({ Mode: 'Accurate' }),
					OutputMediaConfig: JSON.stringify({
						MediaURL: 'https://bucket.oss-cn-shanghai.aliyuncs.com/l.mp4',
						Width: 1280,
						Height: 720,
					}),
					UserData: '{"k":"v"}',
				},
			},
			{ query: { Clips: CLIPS, LiveStreamConfig: STREAM, OutputMediaTarget: 'vod-media' } },
		],
	}),
	gets: [
		declare.get({
			action: 'GetLiveEditingJob',
			id: 'JobId',
			kinds: [LIVE_EDITING.name],
			notFound: { status: 404, code: 'ResourceNotFound', noun: 'live editing job' },
			at: 'LiveEditingJob',
			view: (job, ctx) => liveEditingJobView(job, ctx),
		}),
	],
});
