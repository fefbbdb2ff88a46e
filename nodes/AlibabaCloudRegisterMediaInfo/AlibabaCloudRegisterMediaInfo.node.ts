import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { JOB_KINDS } from '../shared/jobKinds';
import {
	ALIBABA_CLOUD_CREDENTIALS,
	clientTokenOption,
	requestsInFlightOption,
	timeoutOption,
} from '../shared/descriptions/common';
import { nodeDocumentationUrl } from '../shared/descriptions/documentation';
import { waitForCompletionFields } from '../shared/descriptions/waitForCompletion';
import type { OperationDefinition } from '../shared/execution/executeOperation';
import { executeOperation } from '../shared/execution/executeOperation';
import type { ApiRequest } from '../shared/transport/request';
import { registrationQuery } from './registration';

export const registerMediaInfo: OperationDefinition = {
	operation: JOB_KINDS.mediaAsset.submit.operation,
	submits: 'mediaAsset',
	buildRequest: (parameter, item) => ({
		query: registrationQuery(parameter, item.clientToken) as ApiRequest['query'],
	}),
};

export class AlibabaCloudRegisterMediaInfo implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Alibaba Cloud Register Media Info',
		name: 'alibabaCloudRegisterMediaInfo',
		icon: { light: 'file:../../icons/alibabaCloud.svg', dark: 'file:../../icons/alibabaCloud.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["inputUrl"]}}',
		description:
			'Register an OSS file or a VOD video as a media asset of Alibaba Cloud Intelligent Media Services, so that jobs and editing can use it by media ID. Returns the media ID per input item, or waits until the file has been analysed and returns its duration, resolution, bitrate and format.',
		documentationUrl: nodeDocumentationUrl('register-media-info'),
		defaults: { name: 'Register Media Info' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		credentials: ALIBABA_CLOUD_CREDENTIALS,
		properties: [
			{
				displayName: 'Input URL',
				name: 'inputUrl',
				type: 'string',
				required: true,
				default: '',
				placeholder: 'e.g. https://my-bucket.oss-cn-shanghai.aliyuncs.com/videos/input.mp4',
				description:
					'The file to register: an OSS object as an http(s) URL or oss://bucket/path/file (bucket in the region of the credential), or a VOD video as vod://VideoId. It cannot be changed after registration.',
			},
			{
				displayName: 'Media Type',
				name: 'mediaType',
				type: 'options',
				options: [
					{ name: 'Audio', value: 'audio' },
					{
						name: 'From File Extension',
						value: 'auto',
						description: 'Not sent: Alibaba Cloud tells image, video and audio apart by the extension of an OSS file',
					},
					{ name: 'Image', value: 'image' },
					{ name: 'Text', value: 'text', description: 'Subtitles or a font (set Business Type)' },
					{ name: 'Video', value: 'video' },
				],
				default: 'auto',
			},
			{
				displayName: 'Title',
				name: 'title',
				type: 'string',
				default: '',
				description: 'At most 128 bytes. Empty: Alibaba Cloud makes one from the date.',
			},
			...waitForCompletionFields('media asset'),
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Business Type',
						name: 'businessType',
						type: 'options',
						options: [
							{ name: 'Ending', value: 'ending' },
							{ name: 'Font', value: 'font' },
							{ name: 'General', value: 'general' },
							{ name: 'Opening', value: 'opening' },
							{ name: 'Subtitles', value: 'subtitles' },
							{ name: 'Watermark', value: 'watermark' },
						],
						default: 'general',
						description: 'What the asset is for. A text asset must be Subtitles or Font.',
					},
					{
						displayName: 'Category ID',
						name: 'categoryId',
						type: 'number',
						typeOptions: { minValue: 1, numberPrecision: 0 },
						default: 1,
						description: 'The ID of the media category (CateId)',
					},
					clientTokenOption(
						'Makes the registration idempotent: Alibaba Cloud returns the media asset already registered with a token it has seen.',
					),
					{
						displayName: 'Cover URL',
						name: 'coverUrl',
						type: 'string',
						default: '',
						description: 'The URL of the cover image, at most 128 bytes',
					},
					{
						displayName: 'Description',
						name: 'description',
						type: 'string',
						typeOptions: { rows: 3 },
						default: '',
						description: 'At most 1024 bytes',
					},
					{
						displayName: 'Media Tags',
						name: 'mediaTags',
						type: 'string',
						default: '',
						placeholder: 'e.g. launch,promo',
						description: 'Comma-separated tags: at most 16, each at most 32 bytes',
					},
					{
						displayName: 'Overwrite',
						name: 'overwrite',
						type: 'boolean',
						default: false,
						description:
							'Whether to replace a media asset already registered with this Input URL (it is deleted and a new one registered). Off: a URL already registered is refused.',
					},
					{
						displayName: 'Reference ID',
						name: 'referenceId',
						type: 'string',
						default: '',
						description: 'Your own ID for the asset, unique in your account: 6 to 64 letters, digits, - or _',
					},
					{
						displayName: 'Register Config',
						name: 'registerConfig',
						type: 'json',
						default: '{}',
						description:
							'RegisterConfig as a JSON object, e.g. {"NeedSprite": "false", "NeedSnapshot": "false", "CoverConfig": {"StartTime": 1}}',
					},
					requestsInFlightOption,
					{
						displayName: 'Smart Tag Template',
						name: 'smartTagTemplateId',
						type: 'options',
						options: [
							{ name: 'NLP Content Understanding (S00000101-300080)', value: 'S00000101-300080' },
							{ name: 'NLP and All Tags (S00000103-000001)', value: 'S00000103-000001' },
							{ name: 'All Tags Without NLP (S00000103-000002)', value: 'S00000103-000002' },
						],
						default: 'S00000101-300080',
						description: 'Starts a smart tagging analysis after registration (billed by Alibaba Cloud)',
					},
					timeoutOption,
					{
						displayName: 'User Data',
						name: 'userData',
						type: 'json',
						default: '{}',
						description:
							'Your own data kept with the asset as a JSON object of at most 1024 bytes; it may carry a NotifyAddress callback URL',
					},
					{
						displayName: 'Workflow ID',
						name: 'workflowId',
						type: 'string',
						default: '',
						description: 'An IMS workflow to run on the asset after registration',
					},
				],
			},
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return executeOperation.call(this, registerMediaInfo);
	}
}
