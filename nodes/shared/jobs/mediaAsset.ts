/**
 * A GetMediaInfo answer as the media asset nodes output it: the status part (from jobKinds' summary), then what
 * a workflow asks of a media file (duration, resolution, bitrate, format, size), then Alibaba's MediaInfo as is.
 * GetMediaInfo gives every number as text ("216.206667", "960"); the normalized fields are numbers.
 */
import type { IDataObject } from 'n8n-workflow';

import { text } from '../helpers/text';
import type { JobSummary } from './jobKinds';

function asObject(value: unknown): IDataObject | undefined {
	return value && typeof value === 'object' && !Array.isArray(value) ? (value as IDataObject) : undefined;
}

function asList(value: unknown): IDataObject[] {
	return Array.isArray(value) ? value.map(asObject).filter((entry): entry is IDataObject => entry !== undefined) : [];
}

function numberOf(value: unknown): number | undefined {
	const raw = text(value);
	if (raw === undefined) return undefined;
	const number = Number(raw);
	return Number.isFinite(number) ? number : undefined;
}

/** The source file's entry of FileInfoList (FileType source_file), else the first one. */
function sourceFile(mediaInfo: IDataObject): IDataObject | undefined {
	const files = asList(mediaInfo.FileInfoList);
	return files.find((file) => asObject(file.FileBasicInfo)?.FileType === 'source_file') ?? files[0];
}

function withoutEmpty(record: IDataObject): IDataObject {
	return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined));
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

export function mediaAssetOutput(summary: JobSummary, mediaInfo: IDataObject, requestId: unknown): IDataObject {
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
