import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import {
	ALIBABA_CLOUD_CREDENTIALS,
	definedAsField,
	clientTokenOption,
	requestsInFlightOption,
	timeoutOption,
	userDataOption,
} from '../shared/descriptions/common';
import { nodeDocumentationUrl } from '../shared/descriptions/documentation';
import { waitForCompletionFields } from '../shared/descriptions/waitForCompletion';
import type { OperationDefinition } from '../shared/execution/executeOperation';
import { executeOperation } from '../shared/execution/executeOperation';
import { clientTokenOf, requireOneOf, userDataJsonObject } from '../shared/helpers/validation';
import { JOB_KINDS } from '../shared/jobKinds';
import {
	configsFromFields,
	configsFromJson,
	countField,
	FIELDS_MODE,
	FIELDS_MODE_OPTION,
	JSON_MODE,
	MAX_VOLUME,
} from './batchConfigs';

const MODES = ['fields', 'json'] as const;

const jsonText = (value: unknown): string | undefined =>
	value === undefined ? undefined : JSON.stringify(value, (_key, entry: unknown) => entry ?? undefined);

export const submitBatchMediaProducingJob: OperationDefinition = {
	operation: JOB_KINDS.batchMediaProducing.submit.operation,
	submits: 'batchMediaProducing',
	buildRequest(parameter, item) {
		const mode = requireOneOf(parameter('mode', 'fields'), 'Mode', MODES);
		const configs = mode === 'fields' ? configsFromFields(parameter) : configsFromJson(parameter);
		const options = parameter('options', {}) as IDataObject;
		return {
			query: {
				OutputConfig: jsonText(configs.OutputConfig),
				TemplateConfig: jsonText(configs.TemplateConfig),
				UserData: userDataJsonObject(options.userData),
				ClientToken: clientTokenOf(options.idempotencyKey, item.clientToken),
			},
			// The two configurations go in the form body (pitfall batch-media-producing-configs-in-form-body).
			form: {
				InputConfig: jsonText(configs.InputConfig) as string,
				...(configs.EditingConfig ? { EditingConfig: jsonText(configs.EditingConfig) as string } : {}),
			},
		};
	},
};

const textList = (displayName: string, name: string, placeholder: string, description: string): INodeProperties => ({
	displayName,
	name,
	type: 'fixedCollection',
	typeOptions: { multipleValues: true, sortable: true },
	default: {},
	placeholder: `Add ${displayName.replace(/s$/, '')}`,
	displayOptions: FIELDS_MODE,
	description,
	options: [
		{
			displayName: 'Entry',
			name: 'entry',
			values: [{ displayName: 'Text', name: 'text', type: 'string', default: '', placeholder }],
		},
	],
});

export class AlibabaCloudSubmitBatchMediaProducingJob implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Alibaba Cloud Submit Batch Media Producing Job',
		name: 'alibabaCloudSubmitBatchMediaProducingJob',
		icon: { light: 'file:../../icons/alibabaCloud.svg', dark: 'file:../../icons/alibabaCloud.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{($parameter["count"] || "") + " videos"}}',
		description:
			'Produce a batch of marketing videos with Alibaba Cloud Intelligent Media Services: groups of media, voice-over texts and titles mixed into several different videos. Submits one batch job per input item and returns its job ID (JobId, to read with Get Batch Media Producing Job), or waits until the videos are made and lists each one.',
		documentationUrl: nodeDocumentationUrl('submit-batch-media-producing-job'),
		defaults: { name: 'Submit Batch Media Producing Job' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		credentials: ALIBABA_CLOUD_CREDENTIALS,
		properties: [
			definedAsField({
				displayName: 'Mode',
				name: 'mode',
				fields: 'Media groups, texts and the output, field by field',
				json: "The API's InputConfig, OutputConfig… as JSON",
			}),
			{
				displayName: 'Media Groups',
				name: 'mediaGroups',
				type: 'fixedCollection',
				typeOptions: { multipleValues: true, sortable: true },
				required: true,
				default: { group: [{ media: '' }] },
				placeholder: 'Add Group',
				displayOptions: FIELDS_MODE,
				description:
					'The material, in groups: each video takes clips from every group, in this order (e.g. opening shots, product shots, closing shots)',
				options: [
					{
						displayName: 'Group',
						name: 'group',
						values: [
							{
								displayName: 'Media',
								name: 'media',
								type: 'string',
								default: '',
								placeholder: 'e.g. 0c8f20b48fb04483915d4f2cd8ac1a2b, 7d6a7e0d4db2457a8d45ff5d43e1bf0a',
								description: 'Media IDs of the IMS media library (or OSS URLs), separated by commas or one per line',
							},
						],
					},
				],
			},
			textList(
				'Speech Texts',
				'speechTexts',
				'e.g. Spring is here: 20% off everything this week.',
				'Voice-over scripts, read aloud by a synthetic voice; a script job picks one per video',
			),
			textList('Titles', 'titles', 'e.g. Spring Sale', 'Titles shown in the videos'),
			{
				displayName: 'Output Video URL',
				name: 'outputMediaUrl',
				type: 'string',
				required: true,
				default: '',
				placeholder: 'https://my-bucket.oss-cn-shanghai.aliyuncs.com/promo/spring-{index}.mp4',
				displayOptions: FIELDS_MODE,
				description:
					'Where the videos go: the http(s) URL of an OSS object in the region of the credential, with {index} where the video number goes',
			},
			countField,
			{
				displayName: 'Input Config',
				name: 'inputConfig',
				type: 'json',
				required: true,
				default: '{\n  "MediaGroupArray": [{ "MediaArray": [] }]\n}',
				displayOptions: JSON_MODE,
				description: 'InputConfig: MediaGroupArray (each {MediaArray}), SpeechTextArray, TitleArray',
			},
			{
				displayName: 'Output Config',
				name: 'outputConfig',
				type: 'json',
				required: true,
				default: '{\n  "MediaURL": "",\n  "Count": 3\n}',
				displayOptions: JSON_MODE,
				description: 'OutputConfig: MediaURL (with {index}), Count, MaxDuration, Width, Height…',
			},
			{
				displayName: 'Editing Config',
				name: 'editingConfig',
				type: 'json',
				default: '',
				displayOptions: JSON_MODE,
				description:
					'EditingConfig, e.g. {"MediaConfig": {"Volume": 0}, "SpeechConfig": {"Volume": 1}}; empty for the defaults',
			},
			{
				displayName: 'Template Config',
				name: 'templateConfig',
				type: 'json',
				default: '',
				displayOptions: JSON_MODE,
				description:
					'TemplateConfig: a JSON list of template IDs, e.g. ["0c8f20b48fb04483915d4f2cd8ac1a2b"]; empty for none',
			},
			...waitForCompletionFields('batch media producing job'),
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Background Music Volume',
						name: 'musicVolume',
						type: 'number',
						typeOptions: { minValue: 0, maxValue: MAX_VOLUME, numberPrecision: 2 },
						default: 0.2,
						displayOptions: FIELDS_MODE_OPTION,
						description: 'The background music, as a ratio of its own volume: 0 mutes it, 1 keeps it',
					},
					clientTokenOption(
						'Makes the submission idempotent: Alibaba Cloud returns the existing job for a token it has seen.',
					),
					{
						displayName: 'Height',
						name: 'height',
						type: 'number',
						typeOptions: { minValue: 128, maxValue: 4096 },
						default: 1920,
						displayOptions: FIELDS_MODE_OPTION,
						description: 'Of each video, in pixels',
					},
					{
						displayName: 'Max Duration (Seconds)',
						name: 'maxDurationSeconds',
						type: 'number',
						typeOptions: { minValue: 1, maxValue: 3600 },
						default: 30,
						displayOptions: FIELDS_MODE_OPTION,
						description: 'The longest a video may be',
					},
					{
						displayName: 'Media Volume',
						name: 'mediaVolume',
						type: 'number',
						typeOptions: { minValue: 0, maxValue: MAX_VOLUME, numberPrecision: 2 },
						default: 0,
						displayOptions: FIELDS_MODE_OPTION,
						description: "The clips' own sound, as a ratio of its volume: 0 mutes it, 1 keeps it",
					},
					requestsInFlightOption,
					{
						displayName: 'Speech Volume',
						name: 'speechVolume',
						type: 'number',
						typeOptions: { minValue: 0, maxValue: MAX_VOLUME, numberPrecision: 2 },
						default: 1,
						displayOptions: FIELDS_MODE_OPTION,
						description: 'The voice-over, as a ratio of its volume: 0 mutes it, 1 keeps it',
					},
					timeoutOption,
					userDataOption(
						'Your own data kept with the job (JSON, at most 512 bytes); {"NotifyAddress": "https://…"} also makes Alibaba call that address when the job ends',
					),
					{
						displayName: 'Width',
						name: 'width',
						type: 'number',
						typeOptions: { minValue: 128, maxValue: 4096 },
						default: 1080,
						displayOptions: FIELDS_MODE_OPTION,
						description: 'Of each video, in pixels',
					},
				],
			},
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return executeOperation.call(this, submitBatchMediaProducingJob);
	}
}
