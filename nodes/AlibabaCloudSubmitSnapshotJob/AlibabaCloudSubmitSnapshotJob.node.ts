import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { JOB_KINDS } from '../shared/jobKinds';
import {
	ALIBABA_CLOUD_CREDENTIALS,
	definedAsField,
	requestsInFlightOption,
	timeoutOption,
	userDataOption,
} from '../shared/descriptions/common';
import { nodeDocumentationUrl } from '../shared/descriptions/documentation';
import { waitForCompletionFields } from '../shared/descriptions/waitForCompletion';
import type { OperationDefinition, ReadParameter } from '../shared/execution/executeOperation';
import { executeOperation } from '../shared/execution/executeOperation';
import { pickListField } from '../shared/descriptions/pickList';
import { searchPipelines } from '../shared/listSearch/pickLists';
import {
	integerAtLeast,
	isBlank,
	optionalJsonObject,
	optionalText,
	requireOneOf,
	requireText,
} from '../shared/helpers/validation';
import { pickedId } from '../shared/helpers/pickedId';
import { checkedSetting, checkJob, mediaReferenceJson, SNAPSHOT_TYPES, templateConfigJson } from './snapshotConfig';
import { MEDIA_TYPE_OPTIONS, mediaReference } from '../shared/requests/mediaReference';

const DEFINITIONS = ['fields', 'json'] as const;

/** Snapshot Settings: each field and the OverwriteParams key it sets. */
const SETTINGS = [
	['time', 'Time'],
	['count', 'Count'],
	['interval', 'Interval'],
	['width', 'Width'],
	['height', 'Height'],
	['frameType', 'FrameType'],
] as const;
const SPRITE_SETTINGS = [
	['spriteColumns', 'Columns'],
	['spriteLines', 'Lines'],
] as const;
const SETTING_LABELS: Record<string, string> = {
	time: 'Time (Milliseconds)',
	count: 'Count',
	interval: 'Interval (Seconds)',
	width: 'Width (Pixels)',
	height: 'Height (Pixels)',
	frameType: 'Frame Type',
	spriteColumns: 'Sprite Columns',
	spriteLines: 'Sprite Lines',
};
const settingLabel = (name: string) => `Snapshot Settings › ${SETTING_LABELS[name]}`;

const show = (definition: (typeof DEFINITIONS)[number]) => ({ show: { definition: [definition] } });

/** Input, Output and TemplateConfig from the fields: each field checked under its own name. */
function fromFields(parameter: ReadParameter) {
	const input = mediaReference(parameter('inputType', 'OSS'), parameter('inputMedia', ''), {
		type: 'Input Type',
		media: 'Input Media',
	});
	const output = mediaReference(parameter('outputType', 'OSS'), parameter('outputMedia', ''), {
		type: 'Output Type',
		media: 'Output Media',
	});
	const settings = (parameter('settings', {}) ?? {}) as IDataObject;
	const overwrite: IDataObject = {
		Type: requireOneOf(parameter('snapshotType', 'Normal'), 'Snapshot Type', SNAPSHOT_TYPES),
	};
	for (const [name, key] of SETTINGS) {
		if (!isBlank(settings[name])) overwrite[key] = checkedSetting(key, settings[name], settingLabel(name)) as number;
	}
	const sprite: IDataObject = {};
	for (const [name, key] of SPRITE_SETTINGS) {
		if (!isBlank(settings[name])) sprite[key] = integerAtLeast(settings[name], settingLabel(name), 1);
	}
	if (Object.keys(sprite).length > 0) overwrite.SpriteSnapshotConfig = sprite;
	const templateConfig = {
		TemplateId: requireText(parameter('templateId', ''), 'Template ID'),
		OverwriteParams: overwrite,
	};
	// n8n drops the sprite settings while Snapshot Type is not Sprite (they are shown for Sprite only).
	checkJob(output, templateConfig, { outputMedia: 'Output Media', count: 'Count', sprite: 'Snapshot Settings' });
	return { input, output, templateConfig };
}

/** Input, Output and TemplateConfig written as the API's JSON objects. */
function fromJson(parameter: ReadParameter) {
	const input = mediaReferenceJson(parameter('inputJson', ''), 'Input (JSON)');
	const output = mediaReferenceJson(parameter('outputJson', ''), 'Output (JSON)');
	const templateConfig = templateConfigJson(parameter('templateConfigJson', ''), 'Template Config (JSON)');
	checkJob(output, templateConfig, {
		outputMedia: 'Output (JSON) › Media',
		count: 'OverwriteParams.Count',
		sprite: 'Template Config (JSON) › OverwriteParams › SpriteSnapshotConfig',
	});
	return { input, output, templateConfig };
}

export const submitSnapshotJob: OperationDefinition = {
	operation: JOB_KINDS.snapshot.submit.operation,
	submits: 'snapshot',
	buildRequest(parameter) {
		const definition = requireOneOf(parameter('definition', 'fields'), 'Define Job As', DEFINITIONS);
		const { input, output, templateConfig } = definition === 'json' ? fromJson(parameter) : fromFields(parameter);
		const options = parameter('options', {}) as IDataObject;
		const pipelineId = optionalText(pickedId(parameter, 'options.pipelineId', 'Pipeline ID'), 'Pipeline ID');
		const userData = optionalJsonObject(options.userData, 'User Data');
		return {
			query: {
				Name: optionalText(options.jobName, 'Job Name'),
				Input: JSON.stringify(input),
				Output: JSON.stringify(output),
				TemplateConfig: JSON.stringify(templateConfig),
				ScheduleConfig: pipelineId ? JSON.stringify({ PipelineId: pipelineId }) : undefined,
				UserData: userData ? JSON.stringify(userData) : undefined,
			},
		};
	},
};

const settingsField: INodeProperties = {
	displayName: 'Snapshot Settings',
	name: 'settings',
	type: 'collection',
	placeholder: 'Add Setting',
	default: {},
	description: 'Settings that replace the template’s own for this job; what you leave out comes from the template',
	displayOptions: show('fields'),
	options: [
		{
			displayName: SETTING_LABELS.count,
			name: 'count',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 1,
			description:
				'How many snapshots to take. More than one Normal snapshot needs {Count} in Output Media, where each image’s number goes.',
		},
		{
			displayName: SETTING_LABELS.frameType,
			name: 'frameType',
			type: 'options',
			options: [
				{ name: 'Keyframe', value: 'intra', description: 'The nearest keyframe (I-frame): sharper, faster' },
				{ name: 'Exact Frame', value: 'normal', description: 'The frame at the exact time' },
			],
			default: 'intra',
		},
		{
			displayName: SETTING_LABELS.height,
			name: 'height',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 720,
			description: 'Height of each image. Set only Width or only Height to keep the video’s aspect ratio.',
		},
		{
			displayName: SETTING_LABELS.interval,
			name: 'interval',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 10,
			description: 'Seconds between two snapshots when several are taken',
		},
		{
			displayName: SETTING_LABELS.spriteColumns,
			name: 'spriteColumns',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 10,
			displayOptions: { show: { '/snapshotType': ['Sprite'] } },
			description: 'Snapshots side by side in one sprite image (Snapshot Type Sprite only)',
		},
		{
			displayName: SETTING_LABELS.spriteLines,
			name: 'spriteLines',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 10,
			displayOptions: { show: { '/snapshotType': ['Sprite'] } },
			description: 'Rows of snapshots in one sprite image (Snapshot Type Sprite only)',
		},
		{
			displayName: SETTING_LABELS.time,
			name: 'time',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 0,
			description: 'Where the first snapshot is taken, in milliseconds from the start of the video (5000 = 5 s)',
		},
		{
			displayName: SETTING_LABELS.width,
			name: 'width',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 1280,
			description: 'Width of each image. Set only Width or only Height to keep the video’s aspect ratio.',
		},
	],
};

export class AlibabaCloudSubmitSnapshotJob implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Alibaba Cloud Submit Snapshot Job',
		name: 'alibabaCloudSubmitSnapshotJob',
		icon: { light: 'file:../../icons/alibabaCloud.svg', dark: 'file:../../icons/alibabaCloud.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["outputMedia"]}}',
		description:
			'Take snapshots of a video (a cover, thumbnails, a sprite sheet or WebVTT thumbnails) with Alibaba Cloud Intelligent Media Services. Submits one snapshot job per input item and returns its job ID (JobId, to read with Get Snapshot Job), or waits until the images are ready and returns their URLs.',
		documentationUrl: nodeDocumentationUrl('submit-snapshot-job'),
		defaults: { name: 'Submit Snapshot Job' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		credentials: ALIBABA_CLOUD_CREDENTIALS,
		properties: [
			definedAsField({
				displayName: 'Define Job As',
				name: 'definition',
				fields: 'Fill in the video, the output and the settings',
				json: 'Write Input, Output and TemplateConfig yourself, as in the API reference',
			}),
			{
				displayName: 'Input Type',
				name: 'inputType',
				type: 'options',
				options: MEDIA_TYPE_OPTIONS,
				default: 'OSS',
				displayOptions: show('fields'),
			},
			{
				displayName: 'Input Media',
				name: 'inputMedia',
				type: 'string',
				required: true,
				default: '',
				placeholder: 'oss://my-bucket/videos/input.mp4',
				description:
					'The video to take snapshots of. For an OSS object: oss://bucket/path or its http(s) URL, in a bucket added to IMS storage. For a media asset: its media ID.',
				displayOptions: show('fields'),
			},
			{
				displayName: 'Output Type',
				name: 'outputType',
				type: 'options',
				options: MEDIA_TYPE_OPTIONS,
				default: 'OSS',
				displayOptions: show('fields'),
			},
			{
				displayName: 'Output Media',
				name: 'outputMedia',
				type: 'string',
				required: true,
				default: '',
				placeholder: 'oss://my-bucket/covers/cover-{Count}.jpg',
				description:
					'Where the images go: an OSS object URL in the job’s region, with {Count} where each image’s number goes when there are several (Alibaba’s reference asks for {TileCount} in sprite names and a .vtt name for WebVTT); or a media asset ID',
				displayOptions: show('fields'),
			},
			{
				displayName: 'Template ID',
				name: 'templateId',
				type: 'string',
				required: true,
				default: '',
				placeholder: 'e.g. 96e8864746a0b6f3ae3e1b1a2b3c4d5e',
				description:
					'The snapshot template the job starts from (required even when Snapshot Settings overwrite it). Find it in the IMS console under the snapshot templates of media processing, or with the ListCustomTemplates / ListSystemTemplates APIs.',
				displayOptions: show('fields'),
			},
			{
				displayName: 'Snapshot Type',
				name: 'snapshotType',
				type: 'options',
				options: [
					{ name: 'Normal', value: 'Normal', description: 'Separate images: a cover or a series of thumbnails' },
					{ name: 'Sprite', value: 'Sprite', description: 'Many snapshots tiled into one image (a sprite sheet)' },
					{
						name: 'WebVTT',
						value: 'WebVtt',
						description: 'Thumbnails with a WebVTT index, for a player’s seek-bar preview',
					},
				],
				default: 'Normal',
				displayOptions: show('fields'),
			},
			settingsField,
			{
				displayName: 'Input (JSON)',
				name: 'inputJson',
				type: 'json',
				required: true,
				default: '{\n  "Type": "OSS",\n  "Media": "oss://my-bucket/videos/input.mp4"\n}',
				description: 'Input as the API reference describes it: {"Type": "OSS" or "Media", "Media": URL or media ID}',
				displayOptions: show('json'),
			},
			{
				displayName: 'Output (JSON)',
				name: 'outputJson',
				type: 'json',
				required: true,
				default: '{\n  "Type": "OSS",\n  "Media": "oss://my-bucket/covers/cover-{Count}.jpg"\n}',
				description: 'Output as the API reference describes it: {"Type": "OSS" or "Media", "Media": URL or media ID}',
				displayOptions: show('json'),
			},
			{
				displayName: 'Template Config (JSON)',
				name: 'templateConfigJson',
				type: 'json',
				required: true,
				default:
					'{\n  "TemplateId": "",\n  "OverwriteParams": {\n    "Type": "Normal",\n    "Time": 5000,\n    "Count": 1\n  }\n}',
				description:
					'TemplateConfig as the API reference describes it: TemplateId (required) and OverwriteParams (Type, FrameType, Time, Count, Interval, Width, Height, BlackLevel, PixelBlackThreshold, IsSptFrag, SpriteSnapshotConfig), numbers as JSON numbers',
				displayOptions: show('json'),
			},
			...waitForCompletionFields('snapshot job'),
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Job Name',
						name: 'jobName',
						type: 'string',
						default: '',
						placeholder: 'e.g. launch-trailer-cover',
						description: 'A name to recognise the job by in the console and in job lists',
					},
					pickListField({
						displayName: 'Pipeline ID',
						name: 'pipelineId',
						searchListMethod: 'searchPipelines',
						placeholder: 'e.g. 5246b8d12a62433ab77845074039c3dc',
						description:
							'The MPS queue to run the job in: pick one, or give its ID. Leave empty for the default queue.',
					}),
					requestsInFlightOption,
					timeoutOption,
					userDataOption('Your own data kept with the job and returned by Get Snapshot Job, as a JSON object'),
				],
			},
		],
	};

	methods = { listSearch: { searchPipelines } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return executeOperation.call(this, submitSnapshotJob);
	}
}
