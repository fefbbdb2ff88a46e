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
	clientTokenOption,
	PRIORITY,
	priorityOption,
	requestsInFlightOption,
	timeoutOption,
	userDataOption,
} from '../shared/descriptions/common';
import { nodeDocumentationUrl } from '../shared/descriptions/documentation';
import { waitForCompletionFields } from '../shared/descriptions/waitForCompletion';
import type { OperationDefinition } from '../shared/execution/executeOperation';
import { executeOperation } from '../shared/execution/executeOperation';
import { pickListField } from '../shared/descriptions/pickList';
import { searchPipelines } from '../shared/listSearch/pickLists';
import {
	clientTokenOf,
	integerInRange,
	isBlank,
	optionalText,
	requireOneOf,
	userDataJsonObject,
} from '../shared/helpers/validation';
import { pickedId } from '../shared/helpers/pickedId';
import {
	AUDIO_CODECS,
	inputGroupFromFields,
	inputGroupFromJson,
	LIMITS,
	outputGroupFromFields,
	outputGroupFromJson,
} from './groups';
import { MEDIA_TYPE_OPTIONS } from '../shared/requests/mediaReference';

const DEFINITIONS = ['fields', 'json'] as const;

const TEMPLATE_ID_DESCRIPTION =
	'The transcoding template that sets the format, codecs, resolution and bitrates. Copy its ID from the IMS console (template management, transcoding templates): one of your own templates, or a system template (their IDs start with S000). The Overrides below change single settings of it for this output.';

const overrideFields: INodeProperties[] = [
	{
		displayName: 'Audio Bitrate (Kbit/s)',
		name: 'audioBitrate',
		type: 'number',
		typeOptions: { minValue: LIMITS.audioBitrate.min, maxValue: LIMITS.audioBitrate.max },
		default: 128,
		description: 'Audio.Bitrate, from 8 to 1000',
	},
	{
		displayName: 'Audio Codec',
		name: 'audioCodec',
		type: 'options',
		options: AUDIO_CODECS.map((codec) => ({ name: codec, value: codec })),
		default: 'AAC',
		description: 'Audio.Codec',
	},
	{
		displayName: 'Container Format',
		name: 'containerFormat',
		type: 'string',
		default: '',
		placeholder: 'mp4',
		description: 'Container.Format, as the template would set it, e.g. mp4, or m3u8 for HLS',
	},
	{
		displayName: 'Frame Rate',
		name: 'frameRate',
		type: 'number',
		typeOptions: { minValue: LIMITS.frameRate.min, maxValue: LIMITS.frameRate.max, numberPrecision: 3 },
		default: 25,
		description: 'Video.Fps, frames per second from 1 to 60',
	},
	{
		displayName: 'Height',
		name: 'height',
		type: 'number',
		typeOptions: { minValue: LIMITS.width.min, maxValue: LIMITS.width.max },
		default: 720,
		description: 'Video.Height in pixels, from 128 to 4096',
	},
	{
		displayName: 'Video Bitrate (Kbit/s)',
		name: 'videoBitrate',
		type: 'number',
		typeOptions: { minValue: LIMITS.videoBitrate.min, maxValue: LIMITS.videoBitrate.max },
		default: 2000,
		description: 'Video.Bitrate, the average bitrate from 10 to 50000',
	},
	{
		displayName: 'Video Codec',
		name: 'videoCodec',
		type: 'string',
		default: '',
		placeholder: 'H.264',
		description: 'Video.Codec, as the template would set it, e.g. H.264',
	},
	{
		displayName: 'Width',
		name: 'width',
		type: 'number',
		typeOptions: { minValue: LIMITS.width.min, maxValue: LIMITS.width.max },
		default: 1280,
		description: 'Video.Width in pixels, from 128 to 4096',
	},
];

export const submitTranscodeJob: OperationDefinition = {
	operation: JOB_KINDS.transcode.submit.operation,
	submits: 'transcode',
	buildRequest(parameter, item) {
		const fromJson = requireOneOf(parameter('jobDefinition', 'fields'), 'Define Job As', DEFINITIONS) === 'json';
		const inputGroup = fromJson
			? inputGroupFromJson(parameter('inputGroupJson', ''), 'Input Group (JSON)')
			: inputGroupFromFields(parameter);
		const outputGroup = fromJson
			? outputGroupFromJson(parameter('outputGroupJson', ''), 'Output Group (JSON)')
			: outputGroupFromFields(parameter);
		const options = parameter('options', {}) as IDataObject;

		const scheduleConfig: IDataObject = {};
		const pipelineId = optionalText(pickedId(parameter, 'options.pipelineId', 'Pipeline ID'), 'Pipeline ID');
		if (pipelineId) scheduleConfig.PipelineId = pipelineId;
		if (!isBlank(options.priority))
			scheduleConfig.Priority = integerInRange(options.priority, 'Priority', PRIORITY.min, PRIORITY.max);

		return {
			query: {
				Name: optionalText(options.jobName, 'Job Name'),
				InputGroup: JSON.stringify(inputGroup),
				OutputGroup: JSON.stringify(outputGroup),
				ScheduleConfig: Object.keys(scheduleConfig).length ? JSON.stringify(scheduleConfig) : undefined,
				UserData: userDataJsonObject(options.userData),
				ClientToken: clientTokenOf(options.idempotencyKey, item.clientToken),
			},
		};
	},
};

export class AlibabaCloudSubmitTranscodeJob implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Alibaba Cloud Submit Transcode Job',
		name: 'alibabaCloudSubmitTranscodeJob',
		icon: { light: 'file:../../icons/alibabaCloud.svg', dark: 'file:../../icons/alibabaCloud.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["jobDefinition"] === "json" ? "from JSON" : "from fields"}}',
		description:
			'Transcode videos (e.g. to MP4 or HLS in other resolutions and bitrates) with Alibaba Cloud Intelligent Media Services, by a transcoding template per output. Submits one transcoding job per input item and returns Alibaba’s answer (the job ID is TranscodeParentJob.ParentJobId, to read with Get Transcode Job), or waits until every output is done and returns them with their URLs.',
		documentationUrl: nodeDocumentationUrl('submit-transcode-job'),
		defaults: { name: 'Submit Transcode Job' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		credentials: ALIBABA_CLOUD_CREDENTIALS,
		properties: [
			definedAsField({
				displayName: 'Define Job As',
				name: 'jobDefinition',
				fields: 'Fill in the inputs and outputs',
				json: 'Write InputGroup and OutputGroup yourself, as in the API reference (watermarks, subtitles, encryption…)',
			}),
			{
				displayName: 'Inputs',
				name: 'inputs',
				type: 'fixedCollection',
				typeOptions: { multipleValues: true, sortable: true },
				required: true,
				default: { input: [{ type: 'OSS', media: '' }] },
				placeholder: 'Add Input',
				description: 'The video to transcode; usually one',
				displayOptions: { show: { jobDefinition: ['fields'] } },
				options: [
					{
						displayName: 'Input',
						name: 'input',
						values: [
							{
								displayName: 'Type',
								name: 'type',
								type: 'options',
								options: MEDIA_TYPE_OPTIONS,
								default: 'OSS',
							},
							{
								displayName: 'Media',
								name: 'media',
								type: 'string',
								required: true,
								default: '',
								placeholder: 'oss://my-bucket/input/video.mp4',
								description:
									'For an OSS object: oss://bucket/path or the http(s) URL of the object (its bucket must be added to IMS storage). For a media asset: its media ID.',
							},
							{
								displayName: 'Input URL',
								name: 'inputUrl',
								type: 'string',
								default: '',
								placeholder: 'oss://my-bucket/path/to/file.mp4',
								description:
									'Only for a media asset: one file of the asset to use as the input. Leave empty otherwise.',
							},
						],
					},
				],
			},
			{
				displayName: 'Outputs',
				name: 'outputs',
				type: 'fixedCollection',
				typeOptions: { multipleValues: true, sortable: true },
				required: true,
				default: { output: [{ type: 'OSS', media: '', templateId: '' }] },
				placeholder: 'Add Output',
				description: 'The files to make, each by its transcoding template (e.g. one per resolution); each is a sub-job',
				displayOptions: { show: { jobDefinition: ['fields'] } },
				options: [
					{
						displayName: 'Output',
						name: 'output',
						values: [
							{
								displayName: 'Output Media',
								name: 'media',
								type: 'string',
								required: true,
								default: '',
								placeholder: 'oss://my-bucket/output/video-720p.mp4',
								description:
									'Where the file goes: for an OSS object, oss://bucket/path/file (or its http(s) URL); for a media asset, its media ID',
							},
							{
								displayName: 'Output Type',
								name: 'type',
								type: 'options',
								options: MEDIA_TYPE_OPTIONS,
								default: 'OSS',
							},
							{
								displayName: 'Output URL',
								name: 'outputUrl',
								type: 'string',
								default: '',
								placeholder: 'oss://my-bucket/transcode/{MediaId}/{JobId}.mp4',
								description:
									'Only for a media asset: the file to write, with the placeholders {MediaId} and {JobId} (the sub-job); its bucket is the asset’s. Leave empty otherwise.',
							},
							{
								displayName: 'Overrides',
								name: 'overrides',
								type: 'collection',
								placeholder: 'Add Override',
								default: {},
								description: 'Settings of the template to change for this output (OverwriteParams)',
								options: overrideFields,
							},
							{
								displayName: 'Template ID',
								name: 'templateId',
								type: 'string',
								required: true,
								default: '',
								placeholder: 'e.g. 9547c6ad97cb4f2aaa29683ebd18d410',
								description: TEMPLATE_ID_DESCRIPTION,
							},
						],
					},
				],
			},
			{
				displayName: 'Input Group (JSON)',
				name: 'inputGroupJson',
				type: 'json',
				required: true,
				default: '[\n  { "Type": "OSS", "Media": "oss://my-bucket/input/video.mp4" }\n]',
				description:
					'InputGroup: a JSON array of {"Type": "OSS" or "Media", "Media": OSS URL or media ID, "InputUrl" (media assets only)}',
				displayOptions: { show: { jobDefinition: ['json'] } },
			},
			{
				displayName: 'Output Group (JSON)',
				name: 'outputGroupJson',
				type: 'json',
				required: true,
				default:
					'[\n  {\n    "Output": { "Type": "OSS", "Media": "oss://my-bucket/output/video-720p.mp4" },\n    "ProcessConfig": {\n      "Transcode": {\n        "TemplateId": "",\n        "OverwriteParams": { "Video": { "Width": "1280", "Height": "720" } }\n      }\n    }\n  }\n]',
				description:
					'OutputGroup: a JSON array, one entry per output, each with Output {Type, Media} and ProcessConfig.Transcode.TemplateId (plus, if wanted, OverwriteParams, watermarks, subtitles, CombineConfigs, Encryption). Numbers in OverwriteParams are JSON strings, e.g. "Width": "1280".',
				displayOptions: { show: { jobDefinition: ['json'] } },
			},
			...waitForCompletionFields('transcoding job'),
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					clientTokenOption(
						'Makes the submission idempotent: Alibaba Cloud returns the existing job for a token it has seen.',
					),
					{
						displayName: 'Job Name',
						name: 'jobName',
						type: 'string',
						default: '',
						placeholder: 'e.g. launch-trailer-720p',
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
					priorityOption,
					requestsInFlightOption,
					timeoutOption,
					userDataOption(
						'Your own data kept with the job and returned by Get Transcode Job, as a JSON object of at most 512 bytes',
					),
				],
			},
		],
	};

	methods = { listSearch: { searchPipelines } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return executeOperation.call(this, submitTranscodeJob);
	}
}
