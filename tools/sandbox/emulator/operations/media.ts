/**
 * ICE media assets: RegisterMediaInfo and GetMediaInfo. A registered asset is a job of kind `mediaAsset` (its job
 * ID is the MediaId) that goes Init → Preparing → Normal in about 3 s, or PrepareFail when a failure rule matches.
 * The output of a media producing or live editing job is a media asset too: GetMediaInfo reads it by the job's
 * MediaId (or MediaURL), Preparing while the job runs, Normal when it succeeded, PrepareFail when it failed.
 * Limits and values: the contract (SDK RegisterMediaInfoRequest) and the RegisterMediaInfo reference.
 */
import { isoSeconds } from '../clock';
import { ApiError, invalidParameter } from '../errors';
import { EmulatorJobKind, Job, JobStore, VOCABULARY } from '../jobs';
import {
	clientToken,
	intIn,
	isObject,
	Json,
	jsonObject,
	oneOf,
	optional,
	Params,
	parseJson,
	required,
} from '../params';
import { Operation } from './context';

const PRODUCED_KINDS: EmulatorJobKind[] = ['editing', 'template', 'liveEditing'];
const MEDIA_TYPES = ['image', 'video', 'audio', 'text'] as const;
const BUSINESS_TYPES = ['subtitles', 'font', 'watermark', 'opening', 'ending', 'general'] as const;
const SMART_TAG_TEMPLATES = ['S00000101-300080', 'S00000103-000001', 'S00000103-000002'] as const;
/** GetMediaInfo OutputType: the file URLs as OSS or CDN addresses (GetMediaInfo reference). */
const OUTPUT_TYPES = ['oss', 'cdn'] as const;
type MediaType = (typeof MEDIA_TYPES)[number];

const INPUT_URL = /^((oss|https?):\/\/[^\s/]+\/\S+|vod:\/\/[A-Za-z0-9]+)$/i;
const REFERENCE_ID = /^[A-Za-z0-9_-]{6,64}$/;
/** "the media type can also be determined based on the file name extension" (image, video and audio only). */
const EXTENSION_TYPES: Record<string, MediaType> = {
	mp4: 'video',
	mov: 'video',
	flv: 'video',
	mkv: 'video',
	ts: 'video',
	m3u8: 'video',
	avi: 'video',
	webm: 'video',
	mp3: 'audio',
	aac: 'audio',
	m4a: 'audio',
	wav: 'audio',
	flac: 'audio',
	ogg: 'audio',
	jpg: 'image',
	jpeg: 'image',
	png: 'image',
	gif: 'image',
	bmp: 'image',
	webp: 'image',
};
/** FormatName as ffprobe names the container, for the extensions the emulator recognises. */
const FORMAT_NAMES: Record<string, string> = {
	mp4: 'mov,mp4,m4a,3gp,3g2,mj2',
	mov: 'mov,mp4,m4a,3gp,3g2,mj2',
	m4a: 'mov,mp4,m4a,3gp,3g2,mj2',
	flv: 'flv',
	mkv: 'matroska,webm',
	webm: 'matroska,webm',
	ts: 'mpegts',
	m3u8: 'hls',
	avi: 'avi',
	mp3: 'mp3',
	aac: 'aac',
	wav: 'wav',
	flac: 'flac',
	ogg: 'ogg',
	jpg: 'image2',
	jpeg: 'image2',
	png: 'png_pipe',
	gif: 'gif',
	bmp: 'bmp_pipe',
	webp: 'webp_pipe',
};

function bytesAtMost(params: Params, name: string, maxBytes: number): string | undefined {
	const value = optional(params, name);
	if (value !== undefined && Buffer.byteLength(value, 'utf8') > maxBytes)
		throw invalidParameter(name, `It cannot exceed ${maxBytes} bytes.`);
	return value;
}

function mediaTags(params: Params): string | undefined {
	const value = optional(params, 'MediaTags');
	if (value === undefined) return undefined;
	const tags = value.split(',');
	if (tags.length > 16) throw invalidParameter('MediaTags', 'At most 16 tags are allowed.');
	if (tags.some((tag) => Buffer.byteLength(tag, 'utf8') > 32))
		throw invalidParameter('MediaTags', 'A tag cannot exceed 32 bytes.');
	return value;
}

function booleanParam(params: Params, name: string): boolean | undefined {
	const value = optional(params, name);
	if (value === undefined) return undefined;
	if (value !== 'true' && value !== 'false') throw invalidParameter(name, 'It must be true or false.');
	return value === 'true';
}

function extensionOf(url: string): string {
	const path = url.replace(/[?#].*$/, '');
	const dot = path.lastIndexOf('.');
	return dot > path.lastIndexOf('/') ? path.slice(dot + 1).toLowerCase() : '';
}

/** oss://bucket/key and https://bucket.oss-<region>.aliyuncs.com/key name the same object. */
function canonicalUrl(url: string, region: string): string {
	const oss = /^oss:\/\/([^/]+)\/(.+)$/i.exec(url);
	if (oss) return `https://${oss[1]}.oss-${region}.aliyuncs.com/${oss[2]}`;
	return url.replace(/^http:\/\//i, 'https://');
}

function fileUrl(url: string, region: string, mediaId: string): string {
	if (url.toLowerCase().startsWith('vod://')) return `https://outin-sandbox.oss-${region}.aliyuncs.com/${mediaId}.mp4`;
	return canonicalUrl(url, region);
}

function registeredWith(jobs: JobStore, inputUrl: string, region: string): Job | undefined {
	const wanted = canonicalUrl(inputUrl, region);
	return jobs.list('mediaAsset').find((asset) => canonicalUrl(String(asset.data.InputURL), region) === wanted);
}

export const registerMediaInfo: Operation = ({ params, jobs, region, clock }) => {
	const inputUrl = required(params, 'InputURL');
	if (!INPUT_URL.test(inputUrl))
		throw invalidParameter('InputURL', 'It must be an OSS URL (http(s):// or oss://) or a VOD media (vod://).');
	const given = oneOf('MediaType', optional(params, 'MediaType'), MEDIA_TYPES);
	const businessType = oneOf('BusinessType', optional(params, 'BusinessType'), BUSINESS_TYPES);
	if (given === 'text' && businessType !== 'subtitles' && businessType !== 'font')
		throw invalidParameter('BusinessType', 'A text media asset must have the business type subtitles or font.');
	const title = bytesAtMost(params, 'Title', 128);
	const description = bytesAtMost(params, 'Description', 1024);
	const coverUrl = bytesAtMost(params, 'CoverURL', 128);
	const tags = mediaTags(params);
	const cateId = intIn('CateId', optional(params, 'CateId'), 0, Number.MAX_SAFE_INTEGER);
	const overwrite = booleanParam(params, 'Overwrite') ?? false;
	const referenceId = optional(params, 'ReferenceId');
	if (referenceId !== undefined && !REFERENCE_ID.test(referenceId))
		throw invalidParameter('ReferenceId', 'It must be 6 to 64 letters, digits, hyphens or underscores.');
	const registerConfig = jsonObject(params, 'RegisterConfig');
	const smartTag = oneOf('SmartTagTemplateId', optional(params, 'SmartTagTemplateId'), SMART_TAG_TEMPLATES);
	const userData = bytesAtMost(params, 'UserData', 1024);
	if (userData !== undefined && !isObject(parseJson('UserData', userData)))
		throw invalidParameter('UserData', 'It must be a JSON object.');
	const workflowId = optional(params, 'WorkflowId');
	const token = clientToken(params);

	const earlier = token ? jobs.findByClientToken('mediaAsset', token) : undefined;
	if (earlier) return { MediaId: earlier.jobId };
	const existing = registeredWith(jobs, inputUrl, region);
	if (existing && !overwrite)
		throw invalidParameter('InputURL', `The media is already registered (MediaId ${existing.jobId}).`);
	if (referenceId !== undefined) {
		const holder = jobs.list('mediaAsset').find((asset) => asset.data.ReferenceId === referenceId);
		if (holder && holder !== existing)
			throw invalidParameter('ReferenceId', `It is already used by the media ${holder.jobId}.`);
	}
	if (existing) jobs.remove(existing.jobId);
	const inferred = inputUrl.toLowerCase().startsWith('vod://') ? 'video' : EXTENSION_TYPES[extensionOf(inputUrl)];
	const asset = jobs.submit(
		'mediaAsset',
		{
			InputURL: inputUrl,
			MediaType: given ?? inferred,
			BusinessType: businessType ?? 'general',
			Source: inputUrl.toLowerCase().startsWith('vod://') ? 'vod' : 'oss',
			Title: title ?? `media-${isoSeconds(clock.now()).slice(0, 10)}`,
			Description: description,
			CoverURL: coverUrl,
			MediaTags: tags,
			CateId: cateId,
			ReferenceId: referenceId,
			RegisterConfig: registerConfig,
			SmartTagTemplateId: smartTag,
			UserData: userData,
			WorkflowId: workflowId,
		},
		{ clientToken: token },
	);
	return { MediaId: asset.jobId };
};

/** What GetMediaInfo shows of a producing job's output: its state as a media asset. */
function producedStatus(jobs: JobStore, job: Job): string {
	const { status } = jobs.state(job);
	const vocabulary = VOCABULARY[job.kind];
	if (status === vocabulary.success) return 'Normal';
	if (status === vocabulary.failure) return 'PrepareFail';
	return 'Preparing';
}

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

function producedFacts(jobs: JobStore, job: Job): AssetFacts {
	const output = (isObject(job.data.OutputMediaConfig) ? job.data.OutputMediaConfig : {}) as Record<string, Json>;
	const metadata = (isObject(job.data.MediaMetadata) ? job.data.MediaMetadata : {}) as Record<string, Json>;
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
		status: producedStatus(jobs, job),
		createdAt: job.createdAt,
		modifiedAt: jobs.state(job).modifiedAt,
		url,
		width: typeof output.Width === 'number' ? output.Width : undefined,
		height: typeof output.Height === 'number' ? output.Height : undefined,
	};
}

const DURATION_SECONDS = 30;

/** The analysed file: FileInfoList appears once the asset is Normal (before that GetMediaInfo has no file facts). */
function fileInfo(facts: AssetFacts, region: string): Record<string, unknown> {
	const type = facts.basic.MediaType as MediaType | undefined;
	const extension = extensionOf(facts.url);
	const visual = type === 'video' || type === 'image';
	const timed = type === 'video' || type === 'audio';
	const width = visual ? (facts.width ?? 1280) : undefined;
	const height = visual ? (facts.height ?? 720) : undefined;
	const bitrate = type === 'video' ? 2500 : type === 'audio' ? 128 : undefined;
	const duration = timed ? DURATION_SECONDS.toFixed(6) : undefined;
	const size = bitrate ? Math.round((bitrate * 1000 * DURATION_SECONDS) / 8) : 204_800;
	const created = isoSeconds(facts.createdAt);
	return {
		FileBasicInfo: {
			FileName: facts.url
				.replace(/[?#].*$/, '')
				.split('/')
				.pop(),
			FileSize: String(size),
			FileStatus: 'Normal',
			FileType: 'source_file',
			FileUrl: facts.url,
			FormatName: FORMAT_NAMES[extension],
			Duration: duration,
			Bitrate: bitrate?.toFixed(3),
			Width: width?.toString(),
			Height: height?.toString(),
			Region: region,
			CreateTime: created,
			ModifiedTime: isoSeconds(facts.modifiedAt),
		},
		VideoStreamInfoList:
			type === 'video'
				? [
						{
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
							NumFrames: String(25 * DURATION_SECONDS),
						},
					]
				: undefined,
		AudioStreamInfoList: timed
			? [
					{
						Index: type === 'video' ? '1' : '0',
						CodecName: 'aac',
						CodecLongName: 'AAC (Advanced Audio Coding)',
						Channels: '2',
						ChannelLayout: 'stereo',
						SampleRate: '44100',
						Duration: duration,
						Bitrate: (128).toFixed(3),
					},
				]
			: undefined,
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

function findAsset(jobs: JobStore, region: string, mediaId?: string, inputUrl?: string): AssetFacts | undefined {
	if (mediaId !== undefined) {
		const asset = jobs.get(mediaId, 'mediaAsset');
		if (asset) return registeredFacts(jobs, asset, region);
		const produced = jobs.list(PRODUCED_KINDS).find((job) => job.data.MediaId === mediaId);
		return produced ? producedFacts(jobs, produced) : undefined;
	}
	const url = inputUrl as string;
	const asset = registeredWith(jobs, url, region);
	if (asset) return registeredFacts(jobs, asset, region);
	const wanted = canonicalUrl(url, region);
	const produced = jobs.list(PRODUCED_KINDS).find((job) => canonicalUrl(String(job.data.MediaURL), region) === wanted);
	return produced ? producedFacts(jobs, produced) : undefined;
}

export const getMediaInfo: Operation = ({ params, jobs, region }) => {
	const mediaId = optional(params, 'MediaId');
	// "If the MediaId parameter is left empty, the InputURL parameter must be specified."
	const inputUrl = mediaId === undefined ? required(params, 'InputURL') : undefined;
	oneOf('OutputType', optional(params, 'OutputType'), OUTPUT_TYPES);
	intIn('AuthTimeout', optional(params, 'AuthTimeout'), 1, Number.MAX_SAFE_INTEGER);
	jsonObject(params, 'ReturnDetailedInfo');
	const facts = findAsset(jobs, region, mediaId, inputUrl);
	if (!facts) {
		const named = mediaId !== undefined ? `"${mediaId}"` : `with the InputURL "${String(inputUrl)}"`;
		throw new ApiError(404, 'ResourceNotFound', `The specified media ${named} is not found.`);
	}
	return { MediaInfo: mediaInfoView(facts, region) };
};
