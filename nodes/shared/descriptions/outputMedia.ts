/** The output fields of the Submit nodes that produce a video (how they are read: requests/outputMedia.ts). */
import type { INodeProperties } from 'n8n-workflow';

import type { OutputMediaOptions, OutputTarget } from '../requests/outputMedia';
import { MAX_BITRATE, MAX_SIDE, MIN_SIDE } from '../requests/outputMedia';
import { definedAsField } from './common';

const TARGET_LABELS: Record<OutputTarget, { name: string; description: string }> = {
	'oss-object': { name: 'OSS Object', description: 'Save the video as a file in your OSS bucket' },
	'vod-media': { name: 'VOD Media Asset', description: 'Save the video as a media asset in ApsaraVideo VOD' },
	S3: { name: 'S3-Compatible Storage', description: 'Save the video to storage that speaks the Amazon S3 protocol' },
};

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
		definedAsField({
			displayName: 'Output Defined As',
			name: 'outputDefinition',
			fields: 'Fill in where the video goes',
			json: 'Write OutputMediaConfig yourself, as in the API reference',
		}),
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
