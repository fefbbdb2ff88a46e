/**
 * ICE media assets: RegisterMediaInfo and GetMediaInfo. A registered asset is a job of kind `mediaAsset` (its job
 * ID is the MediaId) that goes Init → Preparing → Normal in about 3 s, or PrepareFail when a failure rule matches.
 * The output of a media producing or live editing job is a media asset too: GetMediaInfo reads it by the job's
 * MediaId (or MediaURL), Preparing while the job runs, Normal when it succeeded, PrepareFail when it failed.
 * Limits and values: the contract (SDK RegisterMediaInfoRequest) and the RegisterMediaInfo reference.
 */
import { isoSeconds } from '../clock';
import { ApiError, invalidParameter } from '../errors';
import { declare } from '../engine/format';
import { param, Reader } from '../engine/parameters';
import type { Job, JobStore } from '../jobs';
import { isObject, Json, optional, required } from '../params';
import {
	AUDIO_BITRATE_KBPS,
	DEFAULT_VIDEO,
	extensionOf,
	EXTENSION_TYPES,
	fileNameOf,
	FORMAT_NAMES,
	MediaType,
	sizeOf,
	SOURCE_SECONDS,
} from './common/files';
import { ossHttpUrl } from './common/media';
import { EDITING, PRODUCING_STATES, TEMPLATE } from './mediaProducing';
import { LIVE_EDITING } from './liveEditing';

const PRODUCED_KINDS = [EDITING.name, TEMPLATE.name, LIVE_EDITING.name];
const MEDIA_TYPES = ['image', 'video', 'audio', 'text'] as const;
const BUSINESS_TYPES = ['subtitles', 'font', 'watermark', 'opening', 'ending', 'general'] as const;
const SMART_TAG_TEMPLATES = ['S00000101-300080', 'S00000103-000001', 'S00000103-000002'] as const;
/** GetMediaInfo OutputType: the file URLs as OSS or CDN addresses (GetMediaInfo reference). */
const OUTPUT_TYPES = ['oss', 'cdn'] as const;

const INPUT_URL = /^((oss|https?):\/\/[^\s/]+\/\S+|vod:\/\/[A-Za-z0-9]+)$/i;
const REFERENCE_ID = /^[A-Za-z0-9_-]{6,64}$/;

export const MEDIA_ASSET = declare.kind({
	name: 'mediaAsset',
	// States from the SDK's ListMediaBasicInfosRequest Status: Init, Preparing, PrepareFail, Normal.
	states: { running: ['Init', 'Preparing'], success: 'Normal', failure: 'PrepareFail' },
	statusField: 'Status',
	// "Registering a media asset is an asynchronous job that takes 2 to 3 seconds" (RegisterMediaInfo reference).
	timing: { stepsMs: [1_000], finishMs: 3_000 },
	seed: (position) => ({
		InputURL: `oss://sandbox-bucket/input/video-${String(position).padStart(5, '0')}.mp4`,
		MediaType: 'video',
	}),
});

const inputUrl: Reader<string> = (params, name) => {
	const url = required(params, name);
	if (!INPUT_URL.test(url))
		throw invalidParameter(name, 'It must be an OSS URL (http(s):// or oss://) or a VOD media (vod://).');
	return url;
};

/** "If the MediaId parameter is left empty, the InputURL parameter must be specified." */
const inputUrlWithoutMediaId: Reader<string | undefined> = (params, name, earlier) =>
	earlier.MediaId === undefined ? required(params, name) : undefined;

const mediaTags: Reader<string | undefined> = (params, name) => {
	const value = optional(params, name);
	if (value === undefined) return undefined;
	const tags = value.split(',');
	if (tags.length > 16) throw invalidParameter(name, 'At most 16 tags are allowed.');
	if (tags.some((tag) => Buffer.byteLength(tag, 'utf8') > 32))
		throw invalidParameter(name, 'A tag cannot exceed 32 bytes.');
	return value;
};

const referenceId: Reader<string | undefined> = (params, name) => {
	const value = optional(params, name);
	if (value !== undefined && !REFERENCE_ID.test(value))
		throw invalidParameter(name, 'It must be 6 to 64 letters, digits, hyphens or underscores.');
	return value;
};

const isVod = (url: string): boolean => url.toLowerCase().startsWith('vod://');

/** oss://bucket/key and https://bucket.oss-<region>.aliyuncs.com/key name the same object. */
const canonicalUrl = (url: string, region: string): string =>
	ossHttpUrl(url, region).replace(/^http:\/\//i, 'https://');

function fileUrl(url: string, region: string, mediaId: string): string {
	return isVod(url) ? `https://outin-sandbox.oss-${region}.aliyuncs.com/${mediaId}.mp4` : canonicalUrl(url, region);
}

function registeredWith(jobs: JobStore, url: string, region: string): Job | undefined {
	const wanted = canonicalUrl(url, region);
	return jobs.list(MEDIA_ASSET.name).find((asset) => canonicalUrl(String(asset.data.InputURL), region) === wanted);
}

/** What GetMediaInfo shows of a registered asset or of a producing job's output. */
interface AssetFacts {
	mediaId: string;
	basic: Record<string, Json | undefined>;
	status: string;
	createdAt: number;
	modifiedAt: number;
	url: string;
	width?: number;
	height?: number;
}

function registeredFacts(jobs: JobStore, asset: Job, region: string): AssetFacts {
	const state = jobs.state(asset);
	const data = asset.data;
	return {
		mediaId: asset.jobId,
		basic: {
			InputURL: data.InputURL,
			MediaType: data.MediaType,
			BusinessType: data.BusinessType,
			Source: data.Source,
			Biz: 'ICE',
			UploadSource: 'general',
			Title: data.Title,
			Description: data.Description,
			CoverURL: data.CoverURL,
			MediaTags: data.MediaTags,
			CateId: data.CateId,
			ReferenceId: data.ReferenceId,
			UserData: data.UserData,
		},
		status: state.status,
		createdAt: asset.createdAt,
		modifiedAt: state.modifiedAt,
		url: fileUrl(String(data.InputURL), region, asset.jobId),
	};
}

/** A producing job's output: Preparing while the job runs, then Normal or PrepareFail. */
function producedFacts(jobs: JobStore, job: Job): AssetFacts {
	const output = (isObject(job.data.OutputMediaConfig) ? job.data.OutputMediaConfig : {}) as Record<string, Json>;
	const metadata = (isObject(job.data.MediaMetadata) ? job.data.MediaMetadata : {}) as Record<string, Json>;
	const state = jobs.state(job);
	const status =
		state.status === PRODUCING_STATES.success
			? 'Normal'
			: state.status === PRODUCING_STATES.failure
				? 'PrepareFail'
				: 'Preparing';
	const url = String(job.data.MediaURL);
	return {
		mediaId: String(job.data.MediaId),
		basic: {
			InputURL: url,
			MediaType: 'video',
			BusinessType: 'general',
			Source: job.data.OutputMediaTarget === 'vod-media' ? 'vod' : 'oss',
			Biz: 'ICE',
			Title: typeof metadata.Title === 'string' ? metadata.Title : undefined,
		},
		status,
		createdAt: job.createdAt,
		modifiedAt: state.modifiedAt,
		url,
		width: typeof output.Width === 'number' ? output.Width : undefined,
		height: typeof output.Height === 'number' ? output.Height : undefined,
	};
}

function videoStream(width: number, height: number, duration: string): Record<string, unknown> {
	return {
		Index: '0',
		CodecName: 'h264',
		CodecLongName: 'H.264 / AVC / MPEG-4 AVC / MPEG-4 part 10',
		Profile: 'High',
		Width: String(width),
		Height: String(height),
		Fps: '25.0',
		AvgFPS: '25.0',
		Duration: duration,
		Bitrate: (2372).toFixed(3),
		PixFmt: 'yuv420p',
		NumFrames: String(DEFAULT_VIDEO.fps * SOURCE_SECONDS),
	};
}

function audioStream(index: string, duration: string): Record<string, unknown> {
	return {
		Index: index,
		CodecName: 'aac',
		CodecLongName: 'AAC (Advanced Audio Coding)',
		Channels: '2',
		ChannelLayout: 'stereo',
		SampleRate: '44100',
		Duration: duration,
		Bitrate: AUDIO_BITRATE_KBPS.toFixed(3),
	};
}

/** The analysed file: FileInfoList appears once the asset is Normal (before that GetMediaInfo has no file facts). */
function fileInfo(facts: AssetFacts, region: string): Record<string, unknown> {
	const type = facts.basic.MediaType as MediaType | undefined;
	const visual = type === 'video' || type === 'image';
	const timed = type === 'video' || type === 'audio';
	const width = visual ? (facts.width ?? DEFAULT_VIDEO.width) : undefined;
	const height = visual ? (facts.height ?? DEFAULT_VIDEO.height) : undefined;
	const bitrate = type === 'video' ? DEFAULT_VIDEO.bitrateKbps : type === 'audio' ? AUDIO_BITRATE_KBPS : undefined;
	const duration = timed ? SOURCE_SECONDS.toFixed(6) : undefined;
	return {
		FileBasicInfo: {
			FileName: fileNameOf(facts.url),
			FileSize: String(bitrate ? sizeOf(bitrate) : 204_800),
			FileStatus: 'Normal',
			FileType: 'source_file',
			FileUrl: facts.url,
			FormatName: FORMAT_NAMES[extensionOf(facts.url)],
			Duration: duration,
			Bitrate: bitrate?.toFixed(3),
			Width: width?.toString(),
			Height: height?.toString(),
			Region: region,
			CreateTime: isoSeconds(facts.createdAt),
			ModifiedTime: isoSeconds(facts.modifiedAt),
		},
		VideoStreamInfoList: type === 'video' ? [videoStream(width!, height!, duration!)] : undefined,
		AudioStreamInfoList: timed ? [audioStream(type === 'video' ? '1' : '0', duration!)] : undefined,
	};
}

function mediaInfoView(facts: AssetFacts, region: string): Record<string, unknown> {
	return {
		MediaId: facts.mediaId,
		MediaBasicInfo: {
			MediaId: facts.mediaId,
			...facts.basic,
			Status: facts.status,
			CreateTime: isoSeconds(facts.createdAt),
			ModifiedTime: isoSeconds(facts.modifiedAt),
		},
		FileInfoList: facts.status === 'Normal' ? [fileInfo(facts, region)] : undefined,
	};
}

function findAsset(jobs: JobStore, region: string, mediaId?: string, url?: string): AssetFacts | undefined {
	if (mediaId !== undefined) {
		const asset = jobs.get(mediaId, MEDIA_ASSET.name);
		if (asset) return registeredFacts(jobs, asset, region);
		const produced = jobs.list(PRODUCED_KINDS).find((job) => job.data.MediaId === mediaId);
		return produced ? producedFacts(jobs, produced) : undefined;
	}
	const asset = registeredWith(jobs, url!, region);
	if (asset) return registeredFacts(jobs, asset, region);
	const wanted = canonicalUrl(url!, region);
	const produced = jobs.list(PRODUCED_KINDS).find((job) => canonicalUrl(String(job.data.MediaURL), region) === wanted);
	return produced ? producedFacts(jobs, produced) : undefined;
}

export const mediaAssets = declare.family({
	name: 'media assets',
	product: 'ICE',
	kinds: [MEDIA_ASSET],
	submit: declare.submit({
		action: 'RegisterMediaInfo',
		parameters: {
			InputURL: inputUrl,
			MediaType: param.text({ oneOf: MEDIA_TYPES }),
			BusinessType: param.text({ oneOf: BUSINESS_TYPES }),
			Title: param.text({ maxBytes: 128 }),
			Description: param.text({ maxBytes: 1024 }),
			CoverURL: param.text({ maxBytes: 128 }),
			MediaTags: mediaTags,
			CateId: param.integer(0, Number.MAX_SAFE_INTEGER),
			Overwrite: param.boolean(),
			ReferenceId: referenceId,
			RegisterConfig: param.jsonObject(),
			SmartTagTemplateId: param.text({ oneOf: SMART_TAG_TEMPLATES }),
			UserData: param.userData({ maxBytes: 1024, json: true }),
			WorkflowId: param.text(),
			ClientToken: param.clientToken(),
		},
		check: (values) => {
			if (values.MediaType === 'text' && values.BusinessType !== 'subtitles' && values.BusinessType !== 'font')
				throw invalidParameter('BusinessType', 'A text media asset must have the business type subtitles or font.');
		},
		// SDK: ClientToken "ensures the idempotence of the request"; the lookup comes before the duplicate-URL check.
		idempotent: true,
		kind: MEDIA_ASSET.name,
		create: (values, { jobs, region, clock }) => {
			const url = values.InputURL;
			const existing = registeredWith(jobs, url, region);
			if (existing && !values.Overwrite)
				throw invalidParameter('InputURL', `The media is already registered (MediaId ${existing.jobId}).`);
			if (values.ReferenceId !== undefined) {
				const holder = jobs.list(MEDIA_ASSET.name).find((asset) => asset.data.ReferenceId === values.ReferenceId);
				if (holder && holder !== existing)
					throw invalidParameter('ReferenceId', `It is already used by the media ${holder.jobId}.`);
			}
			if (existing) jobs.remove(existing.jobId);
			return {
				InputURL: url,
				MediaType: values.MediaType ?? (isVod(url) ? 'video' : EXTENSION_TYPES[extensionOf(url)]),
				BusinessType: values.BusinessType ?? 'general',
				Source: isVod(url) ? 'vod' : 'oss',
				Title: values.Title ?? `media-${isoSeconds(clock.now()).slice(0, 10)}`,
				Description: values.Description,
				CoverURL: values.CoverURL,
				MediaTags: values.MediaTags,
				CateId: values.CateId,
				ReferenceId: values.ReferenceId,
				RegisterConfig: values.RegisterConfig,
				SmartTagTemplateId: values.SmartTagTemplateId,
				UserData: values.UserData,
				WorkflowId: values.WorkflowId,
			};
		},
		answer: (job) => ({ MediaId: job.jobId }),
		idAt: 'MediaId',
		samples: [
			{
				query: {
					InputURL: 'https://bucket.oss-cn-shanghai.aliyuncs.com/in/video.mp4',
					Title: 't',
					ReferenceId: 'ref-0001',
				},
			},
			{ query: { InputURL: 'oss://bucket/in/voice.mp3' } },
			{ query: { InputURL: 'oss://bucket/in/s.srt', MediaType: 'text', BusinessType: 'subtitles' } },
		],
	}),
	reads: [
		declare.read({
			action: 'GetMediaInfo',
			kinds: [MEDIA_ASSET.name, ...PRODUCED_KINDS],
			parameters: {
				MediaId: param.text(),
				InputURL: inputUrlWithoutMediaId,
				OutputType: param.text({ oneOf: OUTPUT_TYPES }),
				AuthTimeout: param.integer(1, Number.MAX_SAFE_INTEGER),
				ReturnDetailedInfo: param.jsonObject(),
			},
			run: (values, { jobs, region }) => {
				const facts = findAsset(jobs, region, values.MediaId, values.InputURL);
				if (!facts) {
					const named = values.MediaId !== undefined ? `"${values.MediaId}"` : `with the InputURL "${values.InputURL}"`;
					throw new ApiError(404, 'ResourceNotFound', `The specified media ${named} is not found.`);
				}
				return { MediaInfo: mediaInfoView(facts, region) };
			},
			statesAt: ['MediaInfo.MediaBasicInfo'],
			sample: ({ answer }) => ({ MediaId: String(answer.MediaId) }),
		}),
	],
});
