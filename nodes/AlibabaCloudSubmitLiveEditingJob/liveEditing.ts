/**
 * The checks specific to SubmitLiveEditingJob (from its API reference): clip times in UTC with End after Start,
 * Cover Time inside its clip, a live stream for every clip (its own or Live Stream Config's, field by field),
 * one application per job, and the output size only in the modes that allow it.
 */
import type { IDataObject } from 'n8n-workflow';

import type { OutputMediaOptions } from '../shared/requests/outputMedia';
import type { ReadParameter } from '../shared/execution/executeOperation';
import {
	InvalidFieldError,
	httpUrl,
	isBlank,
	jsonArray,
	nonEmptyList,
	optionalIntegerInRange,
	optionalText,
	requireOneOf,
	requireText,
	utcSeconds,
} from '../shared/helpers/validation';

const STREAM_KEYS = ['AppName', 'DomainName', 'StreamName'] as const;
type StreamKey = (typeof STREAM_KEYS)[number];
type LiveStream = Record<StreamKey, string>;

export const MODES = ['AccurateFast', 'Accurate', 'Rough', 'RoughFast'] as const;
export type Mode = (typeof MODES)[number];
export const SIZED_MODES: readonly Mode[] = ['Accurate', 'Rough'];

/** How a clip's API keys are named in errors: the field labels (Fields) or the keys themselves (JSON). */
type ClipLabels = Record<'StartTime' | 'EndTime' | 'CoverTime' | 'CoverUrl' | StreamKey, string>;

const FIELD_LABELS: ClipLabels = {
	StartTime: 'Start Time',
	EndTime: 'End Time',
	AppName: 'App Name',
	DomainName: 'Domain Name',
	StreamName: 'Stream Name',
	CoverTime: 'Cover Time',
	CoverUrl: 'Cover URL',
};

const JSON_LABELS: ClipLabels = {
	StartTime: 'StartTime',
	EndTime: 'EndTime',
	AppName: 'AppName',
	DomainName: 'DomainName',
	StreamName: 'StreamName',
	CoverTime: 'CoverTime',
	CoverUrl: 'CoverUrl',
};

/** Live Stream Config (fields appName, domainName, streamName): all three or none (the API reference requires all three when it is given). */
export function liveStreamConfig(values: IDataObject | undefined, label: string): LiveStream | undefined {
	const field = (key: StreamKey) => values?.[key.charAt(0).toLowerCase() + key.slice(1)];
	if (STREAM_KEYS.every((key) => isBlank(field(key)))) return undefined;
	const stream = {} as LiveStream;
	for (const key of STREAM_KEYS) stream[key] = requireText(field(key), `${label} › ${FIELD_LABELS[key]}`);
	return stream;
}

/**
 * Validates one clip given with API keys and returns it as sent: times cut to whole seconds in UTC, blank
 * optional values left out, any other key kept as it was written (so JSON clips can use keys added later).
 */
function checkedClip(
	clip: IDataObject,
	clipLabel: string,
	labels: ClipLabels,
	stream: LiveStream | undefined,
): IDataObject {
	const label = (key: keyof ClipLabels) => `${clipLabel} › ${labels[key]}`;
	const startTime = utcSeconds(clip.StartTime, label('StartTime'));
	const endTime = utcSeconds(clip.EndTime, label('EndTime'));
	if (Date.parse(endTime) <= Date.parse(startTime)) {
		throw new InvalidFieldError(label('EndTime'), `must be later than the Start Time ${startTime} (got ${endTime})`);
	}
	const result: IDataObject = { ...clip, StartTime: startTime, EndTime: endTime };

	const missing: string[] = [];
	for (const key of STREAM_KEYS) {
		const own = optionalText(clip[key], label(key));
		if (own === undefined) {
			delete result[key];
			if (!stream) missing.push(labels[key]);
		} else {
			result[key] = own;
		}
	}
	if (missing.length > 0) {
		throw new InvalidFieldError(
			clipLabel,
			`names no live stream: set ${missing.join(', ')} in the clip, or fill Live Stream Config for all clips`,
		);
	}

	if (isBlank(clip.CoverTime)) {
		delete result.CoverTime;
	} else {
		const coverTime = utcSeconds(clip.CoverTime, label('CoverTime'));
		const cover = Date.parse(coverTime);
		if (cover < Date.parse(startTime) || cover > Date.parse(endTime)) {
			throw new InvalidFieldError(
				label('CoverTime'),
				`must be within its clip, from ${startTime} to ${endTime} (got ${coverTime})`,
			);
		}
		result.CoverTime = coverTime;
	}
	if (isBlank(clip.CoverUrl)) delete result.CoverUrl;
	else result.CoverUrl = httpUrl(clip.CoverUrl, label('CoverUrl'));
	return result;
}

/** "Only streams recorded within the same application can be mixed in one job." */
function checkOneApplication(
	clips: IDataObject[],
	clipLabel: (position: number) => string,
	labels: ClipLabels,
	stream: LiveStream | undefined,
): void {
	const first = String(clips[0]?.AppName ?? stream?.AppName);
	clips.forEach((clip, position) => {
		const app = String(clip.AppName ?? stream?.AppName);
		if (app !== first) {
			throw new InvalidFieldError(
				`${clipLabel(position)} › ${labels.AppName}`,
				`must be the application of clip 1 ("${first}"): one job can only mix streams recorded in one application (got "${app}")`,
			);
		}
	});
}

export const OUTPUT: OutputMediaOptions = { targets: ['oss-object', 'vod-media'], withVideoSettings: false };
export const MIN_SIDE = 128;
export const MAX_SIDE = 4096;

export function readClips(parameter: ReadParameter, stream: LiveStream | undefined): IDataObject[] {
	let label: string;
	let labels: ClipLabels;
	let clips: IDataObject[];
	if (parameter('clipsDefinition', 'fields') === 'json') {
		label = 'Clips (JSON)';
		labels = JSON_LABELS;
		clips = nonEmptyList(jsonArray(parameter('clipsJson', ''), label), label, 'clip').map((clip, position) => {
			if (clip === null || typeof clip !== 'object' || Array.isArray(clip)) {
				throw new InvalidFieldError(
					`${label} › Clip ${position + 1}`,
					'must be a JSON object like {"StartTime": "…", "EndTime": "…"}',
				);
			}
			return clip as IDataObject;
		});
	} else {
		label = 'Clips';
		labels = FIELD_LABELS;
		clips = nonEmptyList(parameter('clips.clip', []) as IDataObject[], label, 'clip').map((clip) => ({
			StartTime: clip.startTime,
			EndTime: clip.endTime,
			AppName: clip.appName,
			DomainName: clip.domainName,
			StreamName: clip.streamName,
			CoverTime: clip.coverTime,
			CoverUrl: clip.coverUrl,
		}));
	}
	const clipLabel = (position: number) => `${label} › Clip ${position + 1}`;
	const checked = clips.map((clip, position) => checkedClip(clip, clipLabel(position), labels, stream));
	checkOneApplication(checked, clipLabel, labels, stream);
	return checked;
}

/** MediaProduceConfig holds the mode only (the API ignores anything else in it). */
export function readMode(parameter: ReadParameter): Mode {
	return requireOneOf(parameter('mode', 'AccurateFast'), 'Mode', MODES);
}

/**
 * The output size goes in OutputMediaConfig (Width, Height), and only in the modes that can resize (Accurate,
 * Rough); the other modes keep the live stream's resolution. Output Size fills it; a size already written into
 * Output Media Config (JSON) is checked the same way.
 */
export function withOutputSize(parameter: ReadParameter, mode: Mode, outputMediaConfig: IDataObject): IDataObject {
	const size = (parameter('outputSize', {}) ?? {}) as IDataObject;
	const sized = SIZED_MODES.includes(mode);
	const config = { ...outputMediaConfig };
	for (const [field, key] of [
		['width', 'Width'],
		['height', 'Height'],
	] as const) {
		const fromField = !isBlank(size[field]);
		const fromJson = config[key] !== undefined;
		const label = fromField ? `Output Size › ${key}` : `Output Media Config (JSON) › ${key}`;
		if (!fromField && !fromJson) continue;
		if (!sized) {
			throw new InvalidFieldError(
				label,
				`can only be set in the Accurate and Rough modes; Mode ${mode} keeps the resolution of the live stream`,
			);
		}
		if (fromField && fromJson) {
			throw new InvalidFieldError(label, `is also set in Output Media Config (JSON): set the ${key} in one place`);
		}
		config[key] = optionalIntegerInRange(fromField ? size[field] : config[key], label, MIN_SIDE, MAX_SIDE);
	}
	return config;
}
