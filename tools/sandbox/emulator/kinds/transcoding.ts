/**
 * ICE transcoding: SubmitTranscodeJob, GetTranscodeJob, ListTranscodeJobs. A job is a parent (TranscodeParentJob,
 * named by ParentJobId; no top-level JobId) with one sub-job per OutputGroup entry (TranscodeJobList[]). The
 * parent's own Status lists only Success and Fail, so while the job runs the answers leave it out; the sub-jobs show
 * Init, Processing, Success, Fail. The same ClientToken answers the parent submitted with it. No callback event:
 * ICE's TranscodeParentComplete has no documented message body (README.md, "Job kinds").
 */
import { createHash } from 'node:crypto';
import { isoSeconds } from '../clock';
import { declare } from '../engine/format';
import { param } from '../engine/parameters';
import { Field, field, withoutFields } from '../engine/schema';
import type { Job } from '../jobs';
import { Json, JsonObject } from '../params';
import type { OperationContext } from '../operations/context';
import {
	AUDIO_BITRATE_KBPS,
	DEFAULT_VIDEO,
	extensionOf,
	fileNameOf,
	FORMAT_NAMES,
	sizeOf,
	SOURCE_SECONDS,
} from './common/files';
import { jobIdFilter, statusFilter } from './common/filters';
import { MEDIA_TYPES, mediaObject, ossHttpUrl } from './common/media';
import { scheduleConfig } from './common/schedule';

const TRUE_FALSE = ['true', 'false'] as const;
const oneOf = (values: readonly string[]): Field => field.string({ enum: values });
const fileReference = field.object({ Media: field.string(), Type: oneOf(MEDIA_TYPES) });

/**
 * The OutputGroup item of the SDK request model (closed). Enumerations come from the request model (Audio.Codec) and
 * from the GetTranscodeJob / ListTranscodeJobs models of the echoed fields: a value outside them could not be echoed
 * within the contract (the SDK's own example says Video.Profile `Main`; it is refused).
 */
const transcodeOverwrite = field.object({
	Audio: field.object({
		...field.strings('Bitrate', 'Channels', 'Samplerate'),
		Codec: oneOf(['AAC', 'MP3', 'VORBIS', 'FLAC']),
		Profile: oneOf(['aac_low', 'aac_he', 'aac_he_v2', 'aac_ld', 'aac_eld']),
		Remove: oneOf(TRUE_FALSE),
		Volume: field.object(field.strings('IntegratedLoudnessTarget', 'LoudnessRangeTarget', 'Method', 'TruePeak')),
	}),
	Container: field.object(field.strings('Format')),
	MuxConfig: field.object({ Segment: field.object(field.strings('Duration', 'ForceSegTime')) }),
	TransConfig: field.object({
		AdjDarMethod: oneOf(['rescale', 'crop', 'pad', 'none']),
		...Object.fromEntries(
			['IsCheckAudioBitrate', 'IsCheckAudioBitrateFail', 'IsCheckReso', 'IsCheckResoFail']
				.concat(['IsCheckVideoBitrate', 'IsCheckVideoBitrateFail'])
				.map((name) => [name, oneOf(TRUE_FALSE)]),
		),
		TransMode: oneOf(['onepass', 'twopass', 'CBR']),
	}),
	Video: field.object({
		...field.strings('AbrMax', 'Bitrate', 'Bufsize', 'Codec', 'Crf', 'Crop', 'Fps', 'Gop', 'Height'),
		...field.strings('LongShortMode', 'Maxrate', 'Pad', 'PixFmt', 'Width'),
		Preset: oneOf(['veryfast', 'fast', 'medium', 'slow', 'slower']),
		Profile: oneOf(['baseline', 'main', 'high']),
		Remove: oneOf(TRUE_FALSE),
		ScanMode: oneOf(['interlaced', 'progressive']),
	}),
});

const templated = (overwrite: Field): Field =>
	field.object({ OverwriteParams: overwrite, TemplateId: field.required(field.string()) });

const processConfig = field.object({
	CombineConfigs: field.array(
		field.object({
			AudioIndex: field.required(field.string()),
			VideoIndex: field.required(field.string()),
			Duration: field.number(),
			Start: field.number(),
		}),
	),
	Encryption: field.object(field.strings('CipherText', 'DecryptKeyUri', 'EncryptType', 'KeyServiceType')),
	ImageWatermarks: field.array(
		templated(
			field.object({
				...field.strings('Dx', 'Dy', 'Height', 'Width'),
				File: fileReference,
				ReferPos: oneOf(['TopLeft', 'TopRight', 'BottomLeft', 'BottomRight']),
				Timeline: field.object(field.strings('Duration', 'Start')),
			}),
		),
	),
	Subtitles: field.array(templated(field.object({ ...field.strings('CharEnc', 'Format'), File: fileReference }))),
	TextWatermarks: field.array(
		templated(
			field.object({
				...field.strings('BorderColor', 'Content', 'FontAlpha', 'FontColor', 'FontName', 'Left', 'Top'),
				Adaptive: oneOf(TRUE_FALSE),
				// The only integers of the structure (pitfall transcode-overwrite-numbers-are-strings).
				BorderWidth: field.integer(),
				FontSize: field.integer(),
			}),
		),
	),
	Transcode: field.required(templated(transcodeOverwrite)),
});

const outputGroupItem = field.object({
	Output: field.required(mediaObject({ OutputUrl: field.string() })),
	ProcessConfig: field.required(processConfig),
});

/** Answer models that lack a field of the request: the parent's inputs have no InputUrl (Get, Submit), ... */
const PARENT_INPUT_DROPS = ['InputUrl'];
/** ... Submit's outputs no OutputUrl, and ListTranscodeJobs' no Encryption.KeyServiceType or TransConfig. */
const SUBMIT_OUTPUT_DROPS = ['Output.OutputUrl'];
const LIST_OUTPUT_DROPS = [
	'ProcessConfig.Encryption.KeyServiceType',
	'ProcessConfig.Transcode.OverwriteParams.TransConfig',
];

export const TRANSCODE = declare.kind({
	name: 'transcode',
	states: { running: ['Init', 'Processing'], success: 'Success', failure: 'Fail' },
	statusField: 'Status',
	timing: { stepsMs: [2_000], finishMs: 60_000 },
	seed: (position) => {
		const number = String(position).padStart(5, '0');
		return {
			Name: `seed-transcode-${number}`,
			InputGroup: [{ Type: 'OSS', Media: `oss://sandbox-bucket/input/video-${number}.mp4` }],
			OutputGroup: [
				{
					Output: { Type: 'OSS', Media: `oss://sandbox-bucket/output/transcode-${number}.mp4` },
					ProcessConfig: { Transcode: { TemplateId: 'S00000001-200010' } },
				},
			],
		};
	},
});

const digits = (value: Json | undefined, fallback: number): number =>
	typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : fallback;

/** Where a sub-job writes: the OSS Media, or OutputUrl (its {MediaId}/{JobId} filled) for a media asset output. */
function outputUrlOf(output: JsonObject, subJobId: string): string {
	if (output.Type === 'OSS') return String(output.Media);
	const url =
		typeof output.OutputUrl === 'string' ? output.OutputUrl : `oss://outin-sandbox/transcode/{MediaId}/{JobId}.mp4`;
	return url.replace(/\{MediaId\}/g, String(output.Media)).replace(/\{JobId\}/g, subJobId);
}

/** The produced file as MPS describes it (OutFileMeta), from the settings the job overwrote. */
function outFileMeta(item: JsonObject, url: string, region: string): Record<string, unknown> {
	const output = item.Output as JsonObject;
	const overwrite = ((item.ProcessConfig as JsonObject).Transcode as JsonObject).OverwriteParams as
		| JsonObject
		| undefined;
	const video = (overwrite?.Video ?? {}) as JsonObject;
	const audio = (overwrite?.Audio ?? {}) as JsonObject;
	const container = (overwrite?.Container ?? {}) as JsonObject;
	const width = digits(video.Width, DEFAULT_VIDEO.width);
	const height = digits(video.Height, DEFAULT_VIDEO.height);
	const fps = digits(video.Fps, DEFAULT_VIDEO.fps);
	const videoKbps = video.Remove === 'true' ? 0 : digits(video.Bitrate, DEFAULT_VIDEO.bitrateKbps);
	const audioKbps = audio.Remove === 'true' ? 0 : digits(audio.Bitrate, AUDIO_BITRATE_KBPS);
	const duration = SOURCE_SECONDS.toFixed(6);
	const format = typeof container.Format === 'string' ? container.Format.toLowerCase() : extensionOf(url) || 'mp4';
	return {
		FileBasicInfo: {
			FileName: fileNameOf(url),
			FileSize: String(sizeOf(videoKbps + audioKbps)),
			FileStatus: 'Normal',
			FileType: 'transcode_file',
			FileUrl: url,
			FormatName: FORMAT_NAMES[format] ?? format,
			Duration: duration,
			Bitrate: String(videoKbps + audioKbps),
			Width: String(width),
			Height: String(height),
			Region: region,
			MediaId: output.Type === 'Media' ? output.Media : undefined,
		},
		VideoStreamInfoList: videoKbps
			? [
					{
						Index: '0',
						Codec_name: 'h264',
						Codec_long_name: 'H.264 / AVC / MPEG-4 AVC / MPEG-4 part 10',
						Profile: 'High',
						Width: String(width),
						Height: String(height),
						Fps: String(fps),
						Avg_fps: String(fps),
						Bit_rate: String(videoKbps),
						Duration: duration,
						PixFmt: 'yuv420p',
						NumFrames: String(fps * SOURCE_SECONDS),
						Has_b_frames: '2',
						Rotate: '0',
					},
				]
			: undefined,
		AudioStreamInfoList: audioKbps
			? [
					{
						Index: videoKbps ? '1' : '0',
						CodecName: 'aac',
						CodecLongName: 'AAC (Advanced Audio Coding)',
						Channels: typeof audio.Channels === 'string' ? audio.Channels : '2',
						ChannelLayout: 'stereo',
						SampleRate: typeof audio.Samplerate === 'string' ? audio.Samplerate : '44100',
						Bitrate: String(audioKbps),
						Duration: duration,
					},
				]
			: undefined,
	};
}

/** One sub-job per OutputGroup entry; its ID is derived from the parent's, so every answer names it alike. */
function subJobs(job: Job, ctx: OperationContext): Record<string, unknown>[] {
	const state = ctx.jobs.state(job);
	return (job.data.OutputGroup as JsonObject[]).map((item, index) => {
		const jobId = createHash('md5').update(`${job.jobId}/${index}`).digest('hex');
		const url = outputUrlOf(item.Output as JsonObject, jobId);
		return {
			JobId: jobId,
			JobIndex: index,
			ParentJobId: job.jobId,
			Name: job.data.Name,
			InputGroup: job.data.InputGroup,
			Output: { ...(item.Output as JsonObject), OutputUrl: url },
			ProcessConfig: item.ProcessConfig,
			ScheduleConfig: job.data.ScheduleConfig,
			Status: state.status,
			OutFileMeta:
				state.status === TRANSCODE.states.success
					? outFileMeta(item, ossHttpUrl(url, ctx.region, 'http'), ctx.region)
					: undefined,
			CreateTime: isoSeconds(job.createdAt),
			SubmitTime: isoSeconds(job.createdAt),
			FinishTime: state.finishedAt !== undefined ? isoSeconds(state.finishedAt) : undefined,
			UserData: job.data.UserData,
		};
	});
}

type ParentAnswer = 'submit' | 'get' | 'list';

function parentView(job: Job, ctx: OperationContext, answer: ParentAnswer): Record<string, unknown> {
	const state = ctx.jobs.state(job);
	const outputs = job.data.OutputGroup as Json[];
	const done = state.finishedAt !== undefined;
	return {
		ParentJobId: job.jobId,
		Name: job.data.Name,
		InputGroup: answer === 'list' ? job.data.InputGroup : withoutFields(job.data.InputGroup, PARENT_INPUT_DROPS),
		OutputGroup: withoutFields(
			outputs,
			answer === 'submit' ? SUBMIT_OUTPUT_DROPS : answer === 'list' ? LIST_OUTPUT_DROPS : [],
		),
		JobCount: outputs.length,
		Percent: state.status === TRANSCODE.states.success ? 100 : 0,
		ScheduleConfig: job.data.ScheduleConfig,
		// Success or Fail only (the contract's enum); a running parent has no Status of its own.
		Status: done ? state.status : undefined,
		TriggerSource: 'API',
		CreateTime: isoSeconds(job.createdAt),
		SubmitTime: isoSeconds(job.createdAt),
		FinishTime: done ? isoSeconds(state.finishedAt!) : undefined,
		UserData: job.data.UserData,
		TranscodeJobList: answer === 'list' ? undefined : subJobs(job, ctx),
	};
}

export const transcoding = declare.family({
	name: 'transcoding',
	product: 'ICE',
	kinds: [TRANSCODE],
	submit: declare.submit({
		action: 'SubmitTranscodeJob',
		parameters: {
			// Arrays even for one item (pitfall transcode-groups-are-arrays).
			InputGroup: param.json(field.array(mediaObject({ InputUrl: field.string() }), { min: 1 }), { required: true }),
			OutputGroup: param.json(field.array(outputGroupItem, { min: 1 }), { required: true }),
			Name: param.text(),
			ScheduleConfig: param.json(scheduleConfig({ min: 1, max: 10 })),
			UserData: param.userData({ maxBytes: 512, json: true }),
			ClientToken: param.clientToken(),
		},
		idempotent: true,
		kind: TRANSCODE.name,
		create: (values) => ({
			Name: values.Name,
			InputGroup: values.InputGroup,
			OutputGroup: values.OutputGroup,
			ScheduleConfig: values.ScheduleConfig,
			UserData: values.UserData,
		}),
		answer: (job, ctx) => ({ TranscodeParentJob: parentView(job, ctx, 'submit') }),
		idAt: 'TranscodeParentJob.ParentJobId',
		samples: [
			{
				query: {
					InputGroup: JSON.stringify([{ Type: 'OSS', Media: 'oss://bucket/in/video.mp4' }]),
					OutputGroup: JSON.stringify([
						{
							Output: { Type: 'OSS', Media: 'oss://bucket/out/video-720p.mp4' },
							ProcessConfig: {
								Transcode: {
									TemplateId: 'S00000001-200030',
									OverwriteParams: {
										Video: { Width: '1280', Height: '720', Bitrate: '2000', Profile: 'high' },
										Audio: { Bitrate: '96', Codec: 'AAC' },
										Container: { Format: 'mp4' },
										TransConfig: { TransMode: 'onepass' },
									},
								},
								TextWatermarks: [{ TemplateId: 'wm-1', OverwriteParams: { Content: 'demo', FontSize: 16 } }],
								Encryption: { EncryptType: 'PrivateEncryption', KeyServiceType: 'KMS' },
							},
						},
						{
							Output: { Type: 'Media', Media: 'media-out-1', OutputUrl: 'oss://bucket/out/{MediaId}/{JobId}.m3u8' },
							ProcessConfig: { Transcode: { TemplateId: 'S00000001-100020' } },
						},
					]),
					Name: 'transcode-job',
					ScheduleConfig: JSON.stringify({ PipelineId: 'pipe-1', Priority: 5 }),
					UserData: '{"k":"v"}',
				},
			},
		],
	}),
	gets: [
		declare.get({
			action: 'GetTranscodeJob',
			id: 'ParentJobId',
			kinds: [TRANSCODE.name],
			notFound: { status: 404, code: 'ResourceNotFound', noun: 'transcode job' },
			at: 'TranscodeParentJob',
			view: (job, ctx) => parentView(job, ctx, 'get'),
			statesAt: ['TranscodeParentJob', 'TranscodeParentJob.TranscodeJobList[]'],
		}),
	],
	list: {
		action: 'ListTranscodeJobs',
		kinds: [TRANSCODE.name],
		// The filter's Init stands for a parent still running (its sub-jobs Init or Processing).
		filters: {
			Status: statusFilter(['Init', 'Success', 'Fail'], { Init: TRANSCODE.states.running }),
			ParentJobId: jobIdFilter(),
		},
		window: { start: 'StartOfCreateTime', end: 'EndOfCreateTime' },
		sort: { parameter: 'OrderBy', asc: 'CreateTimeAsc', desc: 'CreateTimeDesc', default: 'desc' },
		// 1–100 (contract); no default is stated: 20, as ListPackageJobs and ListSnapshotJobs (own choice).
		pageSize: { parameter: 'PageSize', min: 1, max: 100, default: 20 },
		token: 'NextPageToken',
		tokenAt: 'NextPageToken',
		itemsAt: 'Jobs',
		item: (job, ctx) => parentView(job, ctx, 'list'),
	},
});
