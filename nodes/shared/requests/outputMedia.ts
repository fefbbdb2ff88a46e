/**
 * Where a produced video goes (OutputMediaTarget + OutputMediaConfig), as fields instead of JSON, shared by
 * Submit Media Producing Job and Submit Live Editing Job. Limits from Alibaba's media producing API page.
 */
import type { IDataObject } from 'n8n-workflow';

import type { ReadParameter } from '../execution/executeOperation';
import {
	InvalidFieldError,
	httpUrl,
	jsonObject,
	optionalIntegerInRange,
	optionalText,
	requireOneOf,
	requireText,
} from '../helpers/validation';

export type OutputTarget = 'oss-object' | 'vod-media' | 'S3';

export interface OutputMediaOptions {
	targets: OutputTarget[];
	/** Width, Height and Bitrate belong to OutputMediaConfig for production jobs, not for live editing. */
	withVideoSettings: boolean;
}

/** Output size limits: each side, the shorter side, the bitrate (kbit/s). */
export const MIN_SIDE = 128;
export const MAX_SIDE = 4096;
const MAX_SHORT_SIDE = 2160;
export const MAX_BITRATE = 5000;

function checkVideoSize(config: IDataObject): void {
	const width = optionalIntegerInRange(config.Width, 'Output Settings › Width', MIN_SIDE, MAX_SIDE);
	const height = optionalIntegerInRange(config.Height, 'Output Settings › Height', MIN_SIDE, MAX_SIDE);
	if (width !== undefined && height !== undefined && Math.min(width, height) > MAX_SHORT_SIDE) {
		throw new InvalidFieldError(
			'Output Settings › Width/Height',
			`must have a shorter side of at most ${MAX_SHORT_SIDE} pixels (got ${width}×${height})`,
		);
	}
	optionalIntegerInRange(config.Bitrate, 'Output Settings › Bitrate', 1, MAX_BITRATE);
}

function requireTargetFields(target: OutputTarget, config: IDataObject, prefix: string): void {
	if (target === 'vod-media') {
		requireText(config.StorageLocation, `${prefix}StorageLocation`);
		requireText(config.FileName, `${prefix}FileName`);
	} else {
		httpUrl(config.MediaURL, `${prefix}MediaURL`);
	}
}

/** Reads the output fields of one item into the two API parameters, validated. */
export function buildOutputMedia(
	parameter: ReadParameter,
	options: OutputMediaOptions,
): { OutputMediaTarget: OutputTarget; OutputMediaConfig: string } {
	const target = requireOneOf(parameter('outputTarget', 'oss-object'), 'Output Target', options.targets);
	let config: IDataObject;
	if (parameter('outputDefinition', 'fields') === 'json') {
		config = jsonObject(parameter('outputMediaConfigJson', ''), 'Output Media Config (JSON)');
		requireTargetFields(target, config, 'Output Media Config (JSON) › ');
	} else {
		const settings = parameter('outputSettings', {}) as IDataObject;
		config =
			target === 'vod-media'
				? {
						StorageLocation: requireText(parameter('outputStorageLocation', ''), 'Storage Location'),
						FileName: requireText(parameter('outputFileName', ''), 'File Name'),
					}
				: { MediaURL: httpUrl(parameter('outputMediaUrl', ''), 'Output Media URL') };
		for (const [field, key] of [
			['width', 'Width'],
			['height', 'Height'],
			['bitrate', 'Bitrate'],
		] as const) {
			if (options.withVideoSettings && settings[field] !== undefined && settings[field] !== '')
				config[key] = settings[field];
		}
		const templateGroup = optionalText(settings.vodTemplateGroupId, 'Output Settings › VOD Template Group ID');
		if (templateGroup) config.VodTemplateGroupId = templateGroup;
	}
	if (options.withVideoSettings) checkVideoSize(config);
	return { OutputMediaTarget: target, OutputMediaConfig: JSON.stringify(config) };
}
