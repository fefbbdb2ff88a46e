/**
 * Media assets: RegisterMediaInfo registers an OSS file or VOD video, GetMediaInfo reads it while it is analysed
 * (its status is MediaBasicInfo.Status) and when ready. A GetMediaInfo answer is output as the status part, then
 * what a workflow asks of a media file (duration, resolution, bitrate, format, size), then Alibaba's MediaInfo as
 * is. GetMediaInfo gives every number as text ("216.206667", "960"); the normalized fields are numbers.
 */
import type { IDataObject } from 'n8n-workflow';

import { ice, READ } from '../api/operations';
import { asList, asObject, numberOf, withoutEmpty } from '../helpers/answer';
import { text } from '../helpers/text';
import type { JobKindDeclaration, JobSummary } from '../jobs/declaration';

/** The source file's entry of FileInfoList (FileType source_file), else the first one. */
function sourceFile(mediaInfo: IDataObject): IDataObject | undefined {
	const files = asList(mediaInfo.FileInfoList);
	return files.find((file) => asObject(file.FileBasicInfo)?.FileType === 'source_file') ?? files[0];
}

/** Duration, resolution and the rest of the file's facts; absent while the asset is not analysed yet. */
export function mediaFileFacts(mediaInfo: IDataObject): IDataObject {
	const basic = asObject(mediaInfo.MediaBasicInfo) ?? {};
	const file = sourceFile(mediaInfo);
	const fileBasic = asObject(file?.FileBasicInfo) ?? {};
	const video = asList(file?.VideoStreamInfoList)[0] ?? {};
	const audio = asList(file?.AudioStreamInfoList)[0] ?? {};
	return withoutEmpty({
		title: text(basic.Title),
		mediaType: text(basic.MediaType),
		businessType: text(basic.BusinessType),
		inputUrl: text(basic.InputURL),
		coverUrl: text(basic.CoverURL),
		durationSeconds: numberOf(fileBasic.Duration ?? video.Duration ?? audio.Duration),
		width: numberOf(fileBasic.Width ?? video.Width),
		height: numberOf(fileBasic.Height ?? video.Height),
		bitrateKbps: numberOf(fileBasic.Bitrate),
		format: text(fileBasic.FormatName),
		fileSizeBytes: numberOf(fileBasic.FileSize),
		fileName: text(fileBasic.FileName),
		fileUrl: text(fileBasic.FileUrl),
		videoCodec: text(video.CodecName),
		frameRate: numberOf(video.Fps ?? video.AvgFPS),
		audioCodec: text(audio.CodecName),
		aiAnalysisStatus: text(asObject(mediaInfo.AiRoughData)?.Status),
	});
}

function mediaAssetOutput(summary: JobSummary, mediaInfo: IDataObject, requestId: unknown): IDataObject {
	const { jobKind, jobId, ...status } = summary;
	return {
		jobKind,
		mediaId: jobId,
		...status,
		...mediaFileFacts(mediaInfo),
		mediaInfo,
		requestId: requestId as IDataObject[string],
	};
}

export const mediaAssets = {
	label: 'media asset',
	submit: {
		// RegisterMediaInfo carries a ClientToken per item ("ensures the idempotence of the request", SDK
		// RegisterMediaInfoRequest), so a resent registration returns the asset already registered.
		operation: ice('RegisterMediaInfo', { idempotent: true }),
		jobId: (response) => response.MediaId as string | undefined,
	},
	get: { operation: ice('GetMediaInfo', READ), idParameter: 'MediaId', responseKey: 'MediaInfo' },
	idField: 'MediaId',
	statusRecord: (job) => ({ ...(asObject(job.MediaBasicInfo) ?? {}), MediaId: job.MediaId }),
	// The SDK (ListMediaBasicInfosRequest `Status`) lists Init (source not ready), Preparing, PrepareFail and Normal.
	ends: { succeeded: ['Normal'], failed: ['PrepareFail'], canceled: [], skipped: [] },
	fields: { createdAt: 'CreateTime', finishedAt: 'ModifiedTime' },
	output: mediaAssetOutput,
	getNode: {
		parameter: 'mediaId',
		label: 'Media ID',
		example: '0c8f20b48fb04483915d4f2cd8ac1a2b',
		submitNode: 'Register Media Info',
	},
} satisfies JobKindDeclaration;
