import type { IDataObject, INodeProperties } from 'n8n-workflow';

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

/**
 * Where a produced video goes (OutputMediaTarget + OutputMediaConfig), as fields instead of JSON, shared by
 * Submit Media Producing Job and Submit Live Editing Job. Limits from the SubmitMediaProducingJob page.
 */
export type OutputTarget = 'oss-object' | 'vod-media' | 'S3';

export interface OutputMediaOptions {
	targets: OutputTarget[];
	/** Width, Height and Bitrate belong to OutputMediaConfig for production jobs, not for live editing. */
	withVideoSettings: boolean;
}

const TARGET_LABELS: Record<OutputTarget, { name: string; description: string }> = {
	'oss-object': { name: 'OSS Object', description: 'Save the video as a file in your OSS bucket' },
	'vod-media': { name: 'VOD Media Asset', description: 'Save the video as a media asset in ApsaraVideo VOD' },
	S3: { name: 'S3-Compatible Storage', description: 'Save the video to storage that speaks the Amazon S3 protocol' },
};

const MIN_SIDE = 128;
const MAX_SIDE = 4096;
const MAX_SHORT_SIDE = 2160;
const MAX_BITRATE = 5000;

export function outputMediaFields(options: OutputMediaOptions): INodeProperties[] {
	const urlTargets = options.targets.filter((target) => target !== 'vod-media');
	const settings: INodeProperties[] = [
		{
			displayName: 'VOD Template Group ID',
			name: 'vodTemplateGroupId',
			type: 'string',
			default: '',
			description: 'The VOD transcoding template group to apply. VOD_NO_TRANSCODE skips transcoding.',
		},
	];
	if (options.withVideoSettings) {
		settings.unshift(
			{
				displayName: 'Bitrate (Kbit/s)',
				name: 'bitrate',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: MAX_BITRATE },
				default: 2000,
				description: 'At most 5000. Default: the highest bitrate of the source materials.',
			},
			{
				displayName: 'Height (Pixels)',
				name: 'height',
				type: 'number',
				typeOptions: { minValue: MIN_SIDE, maxValue: MAX_SIDE },
				default: 1080,
				description: '128 to 4096; the shorter side at most 2160. Default: the largest source height.',
			},
			{
				displayName: 'Width (Pixels)',
				name: 'width',
				type: 'number',
				typeOptions: { minValue: MIN_SIDE, maxValue: MAX_SIDE },
				default: 1920,
				description: '128 to 4096; the shorter side at most 2160. Default: the largest source width.',
			},
		);
	}
	return [
		{
			displayName: 'Output Defined As',
			name: 'outputDefinition',
			type: 'options',
			options: [
				{ name: 'Fields', value: 'fields', description: 'Fill in where the video goes' },
				{ name: 'JSON', value: 'json', description: 'Write OutputMediaConfig yourself, as in the API reference' },
			],
			default: 'fields',
		},
		{
			displayName: 'Output Target',
			name: 'outputTarget',
			type: 'options',
			options: options.targets.map((target) => ({ ...TARGET_LABELS[target], value: target })),
			default: 'oss-object',
			description: 'Where the finished video is stored',
		},
		{
			displayName: 'Output Media URL',
			name: 'outputMediaUrl',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'https://my-bucket.oss-cn-shanghai.aliyuncs.com/videos/output.mp4',
			description:
				'The http(s) URL of the file to create. For OSS: https://bucket.oss-region.aliyuncs.com/path/file.mp4, in the region of the credential.',
			displayOptions: { show: { outputDefinition: ['fields'], outputTarget: urlTargets } },
		},
		{
			displayName: 'Storage Location',
			name: 'outputStorageLocation',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'outin-xxxxxxxx.oss-cn-shanghai.aliyuncs.com',
			description: 'The VOD storage address, without http://, as shown in the VOD console under Storage',
			displayOptions: { show: { outputDefinition: ['fields'], outputTarget: ['vod-media'] } },
		},
		{
			displayName: 'File Name',
			name: 'outputFileName',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'output.mp4',
			description: 'The file name with its extension, without a path',
			displayOptions: { show: { outputDefinition: ['fields'], outputTarget: ['vod-media'] } },
		},
		{
			displayName: 'Output Settings',
			name: 'outputSettings',
			type: 'collection',
			placeholder: 'Add Setting',
			default: {},
			displayOptions: { show: { outputDefinition: ['fields'] } },
			options: settings,
		},
		{
			displayName: 'Output Media Config (JSON)',
			name: 'outputMediaConfigJson',
			type: 'json',
			required: true,
			default: '{\n  "MediaURL": "https://my-bucket.oss-cn-shanghai.aliyuncs.com/videos/output.mp4"\n}',
			description: 'OutputMediaConfig exactly as the API reference describes it',
			displayOptions: { show: { outputDefinition: ['json'] } },
		},
	];
}

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
