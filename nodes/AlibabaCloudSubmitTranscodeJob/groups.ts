/**
 * SubmitTranscodeJob's InputGroup and OutputGroup, from the node's fields or from JSON, checked before sending. Both
 * are arrays even for one item; each output needs Output {Type, Media} and ProcessConfig.Transcode.TemplateId. The
 * structures are the SDK's request models (closed: a field they lack is refused), with the values the SDK states
 * for their fields (in the request model, or in the GetTranscodeJob and ListTranscodeJobs models that echo them).
 * The numbers of Transcode.OverwriteParams are JSON strings ("1280"); only text watermarks' FontSize and
 * BorderWidth are integers.
 */
import type { IDataObject } from 'n8n-workflow';

import type { ReadParameter } from '../shared/execution/executeOperation';
import { withoutEmpty } from '../shared/helpers/answer';
import { MEDIA_TYPES, mediaReference } from '../shared/requests/mediaReference';
import type { JsonShape } from '../shared/helpers/validation';
import {
	InvalidFieldError,
	checkJsonShape,
	integerInRange,
	isBlank,
	jsonArray,
	nonEmptyList,
	numberInRange,
	optionalText,
	ossObjectUrl,
	requireOneOf,
	requireText,
} from '../shared/helpers/validation';

const TRUE_FALSE = ['true', 'false'] as const;
export const AUDIO_CODECS = ['AAC', 'MP3', 'VORBIS', 'FLAC'] as const;

const text = (values?: readonly string[]): JsonShape => ({ type: 'string', enum: values });
const required = (shape: JsonShape): JsonShape => ({ ...shape, required: true });
const texts = (...names: string[]): Record<string, JsonShape> =>
	Object.fromEntries(names.map((name) => [name, text()]));
const object = (fields: Record<string, JsonShape>): JsonShape => ({ type: 'object', fields });
const list = (items: JsonShape, label: string): JsonShape => ({ type: 'array', items, label });
const templated = (overwrite: JsonShape): JsonShape =>
	object({ OverwriteParams: overwrite, TemplateId: required(text()) });
const file = object({ Media: text(), Type: text(MEDIA_TYPES) });

const INPUT = object({ Type: required(text(MEDIA_TYPES)), Media: required(text()), InputUrl: text() });

const TRANSCODE_OVERWRITE = object({
	Audio: object({
		...texts('Bitrate', 'Channels', 'Samplerate'),
		Codec: text(AUDIO_CODECS),
		Profile: text(['aac_low', 'aac_he', 'aac_he_v2', 'aac_ld', 'aac_eld']),
		Remove: text(TRUE_FALSE),
		Volume: object(texts('IntegratedLoudnessTarget', 'LoudnessRangeTarget', 'Method', 'TruePeak')),
	}),
	Container: object(texts('Format')),
	MuxConfig: object({ Segment: object(texts('Duration', 'ForceSegTime')) }),
	TransConfig: object({
		AdjDarMethod: text(['rescale', 'crop', 'pad', 'none']),
		IsCheckAudioBitrate: text(TRUE_FALSE),
		IsCheckAudioBitrateFail: text(TRUE_FALSE),
		IsCheckReso: text(TRUE_FALSE),
		IsCheckResoFail: text(TRUE_FALSE),
		IsCheckVideoBitrate: text(TRUE_FALSE),
		IsCheckVideoBitrateFail: text(TRUE_FALSE),
		TransMode: text(['onepass', 'twopass', 'CBR']),
	}),
	Video: object({
		...texts('AbrMax', 'Bitrate', 'Bufsize', 'Codec', 'Crf', 'Crop', 'Fps', 'Gop', 'Height', 'LongShortMode'),
		...texts('Maxrate', 'Pad', 'PixFmt', 'Width'),
		Preset: text(['veryfast', 'fast', 'medium', 'slow', 'slower']),
		Profile: text(['baseline', 'main', 'high']),
		Remove: text(TRUE_FALSE),
		ScanMode: text(['interlaced', 'progressive']),
	}),
});

const OUTPUT = object({
	Output: required(object({ Type: required(text(MEDIA_TYPES)), Media: required(text()), OutputUrl: text() })),
	ProcessConfig: required(
		object({
			CombineConfigs: list(
				object({
					AudioIndex: required(text()),
					VideoIndex: required(text()),
					Duration: { type: 'number' },
					Start: { type: 'number' },
				}),
				'Combine Config',
			),
			Encryption: object(texts('CipherText', 'DecryptKeyUri', 'EncryptType', 'KeyServiceType')),
			ImageWatermarks: list(
				templated(
					object({
						...texts('Dx', 'Dy', 'Height', 'Width'),
						File: file,
						ReferPos: text(['TopLeft', 'TopRight', 'BottomLeft', 'BottomRight']),
						Timeline: object(texts('Duration', 'Start')),
					}),
				),
				'Image Watermark',
			),
			Subtitles: list(templated(object({ ...texts('CharEnc', 'Format'), File: file })), 'Subtitle'),
			TextWatermarks: list(
				templated(
					object({
						...texts('BorderColor', 'Content', 'FontAlpha', 'FontColor', 'FontName', 'Left', 'Top'),
						Adaptive: text(TRUE_FALSE),
						BorderWidth: { type: 'integer' },
						FontSize: { type: 'integer' },
					}),
				),
				'Text Watermark',
			),
			Transcode: required(templated(TRANSCODE_OVERWRITE)),
		}),
	),
});

const INPUT_GROUP: JsonShape = { type: 'array', items: INPUT, label: 'Input', minItems: 1 };
const OUTPUT_GROUP: JsonShape = { type: 'array', items: OUTPUT, label: 'Output', minItems: 1 };

/** How one media reference's parts are named in errors: the field labels, or the API's keys in JSON. */
interface ReferenceLabels {
	type: string;
	media: string;
	url: string;
}

/**
 * A `{Type, Media}` reference with its optional file URL (InputUrl / OutputUrl): an OSS Media is an OSS object's
 * URL; the file URL only applies to a media asset, and an output's must hold the {MediaId} and {JobId}
 * placeholders (SDK: "must contain").
 */
function fileReference(
	values: { type: unknown; media: unknown; url: unknown },
	labels: ReferenceLabels,
	urlKey: 'InputUrl' | 'OutputUrl',
): IDataObject {
	const reference = mediaReference(values.type, values.media, labels);
	if (isBlank(values.url)) return reference;
	if (reference.Type !== 'Media') {
		throw new InvalidFieldError(
			labels.url,
			'only applies to a media asset (Type Media); leave it empty for an OSS object',
		);
	}
	const url = ossObjectUrl(values.url, labels.url);
	if (urlKey === 'OutputUrl' && !(url.includes('{MediaId}') && url.includes('{JobId}'))) {
		throw new InvalidFieldError(
			labels.url,
			`must contain the placeholders {MediaId} and {JobId}, e.g. oss://my-bucket/transcode/{MediaId}/{JobId}.mp4 (got "${url}")`,
		);
	}
	reference[urlKey] = url;
	return reference;
}

const JSON_LABELS = (place: string, urlKey: string): ReferenceLabels => ({
	type: `${place} › Type`,
	media: `${place} › Media`,
	url: `${place} › ${urlKey}`,
});

export function inputGroupFromJson(value: unknown, label: string): IDataObject[] {
	const group = jsonArray(value, label);
	checkJsonShape(group, INPUT_GROUP, label);
	return (group as IDataObject[]).map((input, position) =>
		fileReference(
			{ type: input.Type, media: input.Media, url: input.InputUrl },
			JSON_LABELS(`${label} › Input ${position + 1}`, 'InputUrl'),
			'InputUrl',
		),
	);
}

export function outputGroupFromJson(value: unknown, label: string): IDataObject[] {
	const group = jsonArray(value, label);
	checkJsonShape(group, OUTPUT_GROUP, label);
	return (group as IDataObject[]).map((entry, position) => {
		const output = entry.Output as IDataObject;
		return {
			...entry,
			Output: fileReference(
				{ type: output.Type, media: output.Media, url: output.OutputUrl },
				JSON_LABELS(`${label} › Output ${position + 1} › Output`, 'OutputUrl'),
				'OutputUrl',
			),
		};
	});
}

export function inputGroupFromFields(parameter: ReadParameter): IDataObject[] {
	const inputs = nonEmptyList(parameter('inputs.input', []) as IDataObject[], 'Inputs', 'input');
	return inputs.map((input, position) => {
		const place = `Inputs › Input ${position + 1}`;
		return fileReference(
			{ type: input.type ?? 'OSS', media: input.media, url: input.inputUrl },
			{ type: `${place} › Type`, media: `${place} › Media`, url: `${place} › Input URL` },
			'InputUrl',
		);
	});
}

/** Limits the SDK states for the overridable settings (SubmitTranscodeJob OverwriteParams remarks). */
export const LIMITS = {
	width: { min: 128, max: 4096 },
	videoBitrate: { min: 10, max: 50000 },
	frameRate: { min: 1, max: 60 },
	audioBitrate: { min: 8, max: 1000 },
} as const;

/** The settings an output's Overrides set, as OverwriteParams: numbers as JSON strings, empty ones left out. */
function overwriteParams(overrides: IDataObject, place: string): IDataObject | undefined {
	const label = (name: string) => `${place} › Overrides › ${name}`;
	const whole = (key: string, name: string, limits: { min: number; max: number }) =>
		isBlank(overrides[key]) ? undefined : String(integerInRange(overrides[key], label(name), limits.min, limits.max));
	const video = withoutEmpty({
		Codec: optionalText(overrides.videoCodec, label('Video Codec')),
		Width: whole('width', 'Width', LIMITS.width),
		Height: whole('height', 'Height', LIMITS.width),
		Bitrate: whole('videoBitrate', 'Video Bitrate (Kbit/s)', LIMITS.videoBitrate),
		Fps: isBlank(overrides.frameRate)
			? undefined
			: String(numberInRange(overrides.frameRate, label('Frame Rate'), LIMITS.frameRate.min, LIMITS.frameRate.max)),
	});
	const audio = withoutEmpty({
		Codec: isBlank(overrides.audioCodec)
			? undefined
			: requireOneOf(overrides.audioCodec, label('Audio Codec'), AUDIO_CODECS),
		Bitrate: whole('audioBitrate', 'Audio Bitrate (Kbit/s)', LIMITS.audioBitrate),
	});
	const format = optionalText(overrides.containerFormat, label('Container Format'));
	const params = withoutEmpty({
		Container: format === undefined ? undefined : { Format: format },
		Video: Object.keys(video).length > 0 ? video : undefined,
		Audio: Object.keys(audio).length > 0 ? audio : undefined,
	});
	return Object.keys(params).length > 0 ? params : undefined;
}

export function outputGroupFromFields(parameter: ReadParameter): IDataObject[] {
	const outputs = nonEmptyList(parameter('outputs.output', []) as IDataObject[], 'Outputs', 'output');
	return outputs.map((output, position) => {
		const place = `Outputs › Output ${position + 1}`;
		const reference = fileReference(
			{ type: output.type ?? 'OSS', media: output.media, url: output.outputUrl },
			{ type: `${place} › Output Type`, media: `${place} › Output Media`, url: `${place} › Output URL` },
			'OutputUrl',
		);
		const transcode: IDataObject = { TemplateId: requireText(output.templateId, `${place} › Template ID`) };
		const overwrite = overwriteParams((output.overrides ?? {}) as IDataObject, place);
		if (overwrite) transcode.OverwriteParams = overwrite;
		return { Output: reference, ProcessConfig: { Transcode: transcode } };
	});
}
