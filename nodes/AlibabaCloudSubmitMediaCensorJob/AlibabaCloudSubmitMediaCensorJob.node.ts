import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { JOB_KINDS } from '../shared/jobKinds';
import { nodeDocumentationUrl } from '../shared/descriptions/documentation';
import {
	ALIBABA_CLOUD_CREDENTIALS,
	definedAsField,
	priorityOption,
	requestsInFlightOption,
	timeoutOption,
} from '../shared/descriptions/common';
import { pickListField } from '../shared/descriptions/pickList';
import { waitForCompletionFields } from '../shared/descriptions/waitForCompletion';
import type { OperationDefinition } from '../shared/execution/executeOperation';
import { executeOperation } from '../shared/execution/executeOperation';
import { searchPipelines } from '../shared/listSearch/pickLists';
import {
	censorQuery,
	DESCRIPTION_MAX_BYTES,
	MAX_COVER_IMAGES,
	NO_VIDEO,
	TITLE_MAX_BYTES,
	USER_DATA_MAX_BYTES,
} from './censorRequest';

const FIELDS_MODE = { show: { jobDefinition: ['fields'] } };
const JSON_MODE = { show: { jobDefinition: ['json'] } };

const JOB_JSON_EXAMPLE = `{
  "Input": { "Type": "OSS", "Media": "oss://my-bucket/videos/launch.mp4" },
  "Output": "oss://my-bucket/censor/launch-{Count}.jpg",
  "Title": "Launch trailer",
  "UserData": "ticket-1001"
}`;

const requestOptions: INodeProperties[] = [
	{
		displayName: 'Barrages',
		name: 'barrages',
		type: 'string',
		default: '',
		placeholder: 'e.g. great video!',
		description: 'The on-screen comments (barrages) to moderate with the video, as text',
	},
	{
		displayName: 'Cover Images',
		name: 'coverImages',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		default: {},
		placeholder: 'Add Cover Image',
		description: `Cover images to moderate, at most ${MAX_COVER_IMAGES}`,
		options: [
			{
				displayName: 'Image',
				name: 'image',
				values: [
					{
						displayName: 'Image URL',
						name: 'url',
						type: 'string',
						default: '',
						placeholder: 'https://my-bucket.oss-cn-shanghai.aliyuncs.com/covers/launch.jpg',
						description:
							'The image in OSS: https://bucket.oss-region.aliyuncs.com/path (which also names its region) or oss://bucket/path',
					},
				],
			},
		],
	},
	{
		displayName: 'Description',
		name: 'description',
		type: 'string',
		default: '',
		description: `The video's description to moderate, at most ${DESCRIPTION_MAX_BYTES} bytes`,
	},
	{
		displayName: 'Notify URL',
		name: 'notifyUrl',
		type: 'string',
		default: '',
		placeholder: 'https://hooks.example.com/moderation',
		description: 'Where Alibaba Cloud reports the end of the job: an MNS queue (mns://…) or an http(s) URL',
	},
	pickListField({
		displayName: 'Pipeline ID',
		name: 'pipelineId',
		searchListMethod: 'searchPipelines',
		placeholder: 'e.g. 5246b8d12a62433ab77845074039c3dc',
		description: 'The MPS queue to run the job in: pick one, or give its ID. Leave empty for the default queue.',
	}),
	priorityOption,
	requestsInFlightOption,
	{
		displayName: 'Snapshot Output',
		name: 'snapshotOutput',
		type: 'string',
		default: '',
		placeholder: 'oss://my-bucket/censor/launch-{Count}.jpg',
		description:
			'Where the frames the moderation looked at are saved, as an OSS URL with {Count} for the frame number. The detailed result file goes into the same folder.',
	},
	{
		displayName: 'Template ID',
		name: 'templateId',
		type: 'string',
		default: '',
		placeholder: 'e.g. S00000001-100060',
		description:
			'The moderation template (which scenes to check, how strictly). Leave empty for the default template. Find IDs in the IMS console among the AI content moderation templates, or with the ListCustomTemplates / ListSystemTemplates API (template type 7).',
	},
	timeoutOption,
	{
		displayName: 'Title',
		name: 'title',
		type: 'string',
		default: '',
		description: `The video's title to moderate, at most ${TITLE_MAX_BYTES} bytes`,
	},
	{
		displayName: 'User Data',
		name: 'userData',
		type: 'string',
		default: '',
		placeholder: 'e.g. ticket-1001',
		description: `Your own text kept with the job (at most ${USER_DATA_MAX_BYTES} bytes), returned by Get Media Censor Job and the trigger. It also lets the node find its job if Alibaba's answer to the submission is lost.`,
	},
];

export const submitMediaCensorJob: OperationDefinition = {
	operation: JOB_KINDS.mediaCensor.submit.operation,
	submits: 'mediaCensor',
	buildRequest: (parameter) => ({ query: censorQuery(parameter) }),
};

export class AlibabaCloudSubmitMediaCensorJob implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Alibaba Cloud Submit Media Censor Job',
		name: 'alibabaCloudSubmitMediaCensorJob',
		icon: { light: 'file:../../icons/alibabaCloud.svg', dark: 'file:../../icons/alibabaCloud.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["inputMedia"]}}',
		description:
			'Screen a video, its title, description, comments and cover images for unsafe content (porn, violence, ads…) with Alibaba Cloud Intelligent Media Services content moderation. Submits one moderation job per input item and returns its job ID (JobId, to read with Get Media Censor Job), or waits until the job has finished and outputs the verdict: suggestion pass, review or block, with the label of each scene.',
		documentationUrl: nodeDocumentationUrl('submit-media-censor-job'),
		defaults: { name: 'Submit Media Censor Job' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		credentials: ALIBABA_CLOUD_CREDENTIALS,
		properties: [
			definedAsField({
				displayName: 'Job Defined As',
				name: 'jobDefinition',
				fields: 'Fill in what to moderate',
				json: 'Write the API parameters yourself, as in the API reference',
			}),
			{
				displayName: 'Input Type',
				name: 'inputType',
				type: 'options',
				options: [
					{
						name: 'OSS Object',
						value: 'OSS',
						description: 'A video in an OSS bucket, as oss://bucket/path or its http(s) URL',
					},
					{
						name: 'Media Asset',
						value: 'Media',
						description: 'A media asset of the IMS media library, by its media ID',
					},
					{
						name: 'No Video',
						value: NO_VIDEO,
						description: 'Moderate only the title, description, barrages or cover images given in Options',
					},
				],
				default: 'OSS',
				displayOptions: FIELDS_MODE,
			},
			{
				displayName: 'Input Media',
				name: 'inputMedia',
				type: 'string',
				required: true,
				default: '',
				placeholder: 'oss://my-bucket/videos/launch.mp4',
				description:
					'The video (or audio) to moderate: for an OSS object, oss://bucket/path or https://bucket.oss-region.aliyuncs.com/path in the region of the credential; for a media asset, its media ID',
				displayOptions: { show: { jobDefinition: ['fields'], inputType: ['OSS', 'Media'] } },
			},
			{
				displayName: 'Job (JSON)',
				name: 'jobJson',
				type: 'json',
				required: true,
				default: JOB_JSON_EXAMPLE,
				description:
					'The SubmitMediaCensorJob parameters as one JSON object: Input {Type, Media}, Output, Title, Description, Barrages, CoverImages [{Bucket, Location, Object}], TemplateId, ScheduleConfig {PipelineId, Priority}, NotifyUrl, UserData. Checked before sending.',
				displayOptions: JSON_MODE,
			},
			...waitForCompletionFields('moderation job'),
			{
				displayName:
					'The verdict is in the output field "suggestion": pass, review or block. A job that ends with block has finished, not failed: route it with an IF node on suggestion.',
				name: 'verdictNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { waitForCompletion: [true] } },
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				displayOptions: FIELDS_MODE,
				options: requestOptions,
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				displayOptions: JSON_MODE,
				options: [requestsInFlightOption, timeoutOption],
			},
		],
	};

	methods = { listSearch: { searchPipelines } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return executeOperation.call(this, submitMediaCensorJob);
	}
}
