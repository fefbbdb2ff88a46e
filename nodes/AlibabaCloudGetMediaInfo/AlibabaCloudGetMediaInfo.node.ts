import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { JOB_KINDS } from '../shared/jobKinds';
import { ALIBABA_CLOUD_CREDENTIALS, requestsInFlightOption, timeoutOption } from '../shared/descriptions/common';
import { nodeDocumentationUrl } from '../shared/descriptions/documentation';
import type { OperationDefinition } from '../shared/execution/executeOperation';
import { executeOperation } from '../shared/execution/executeOperation';
import { isBlank, ossObjectUrl, requireOneOf, requireText } from '../shared/helpers/validation';

const LOOK_UPS = ['mediaId', 'inputUrl'] as const;
const URL_TYPES = ['oss', 'cdn'] as const;

export const getMediaInfo: OperationDefinition = {
	operation: JOB_KINDS.mediaAsset.get.operation,
	reads: 'mediaAsset',
	buildRequest(parameter) {
		const lookUp = requireOneOf(parameter('lookUpBy', 'mediaId'), 'Look Up By', LOOK_UPS);
		const urlType = parameter('options.urlType', '');
		const query =
			lookUp === 'mediaId'
				? { MediaId: requireText(parameter('mediaId', ''), 'Media ID') }
				: { InputURL: ossObjectUrl(parameter('inputUrl', ''), 'Input URL') };
		return {
			query: { ...query, OutputType: isBlank(urlType) ? undefined : requireOneOf(urlType, 'URL Type', URL_TYPES) },
		};
	},
};

export class AlibabaCloudGetMediaInfo implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Alibaba Cloud Get Media Info',
		name: 'alibabaCloudGetMediaInfo',
		icon: { light: 'file:../../icons/alibabaCloud.svg', dark: 'file:../../icons/alibabaCloud.dark.svg' },
		group: ['input'],
		version: 1,
		subtitle: '={{$parameter["lookUpBy"] === "inputUrl" ? $parameter["inputUrl"] : $parameter["mediaId"]}}',
		description:
			'Read a media asset of Alibaba Cloud Intelligent Media Services by its media ID or the OSS URL it was registered with. Outputs status (running while it is analysed, succeeded when ready, failed), finished, duration in seconds, width, height, bitrate, format, file size and codecs, plus the MediaInfo exactly as Alibaba returns it.',
		documentationUrl: nodeDocumentationUrl('get-media-info'),
		defaults: { name: 'Get Media Info' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		credentials: ALIBABA_CLOUD_CREDENTIALS,
		properties: [
			{
				displayName: 'Look Up By',
				name: 'lookUpBy',
				type: 'options',
				options: [
					{
						name: 'Media ID',
						value: 'mediaId',
						description: 'The IMS media ID, e.g. from Register Media Info or a produced video',
					},
					{
						name: 'Input URL',
						value: 'inputUrl',
						description: 'The OSS URL the media asset was registered with',
					},
				],
				default: 'mediaId',
			},
			{
				displayName: 'Media ID',
				name: 'mediaId',
				type: 'string',
				required: true,
				default: '',
				placeholder: 'e.g. 0c8f20b48fb04483915d4f2cd8ac1a2b',
				description:
					'The MediaId returned by Register Media Info or by a media producing or live editing job: drag it in from the input panel or map it with an expression',
				displayOptions: { show: { lookUpBy: ['mediaId'] } },
			},
			{
				displayName: 'Input URL',
				name: 'inputUrl',
				type: 'string',
				required: true,
				default: '',
				placeholder: 'e.g. https://my-bucket.oss-cn-shanghai.aliyuncs.com/videos/input.mp4',
				description:
					'The OSS object the media asset was registered with, as an http(s) URL or oss://bucket/path/file (a bucket in the region of the credential)',
				displayOptions: { show: { lookUpBy: ['inputUrl'] } },
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					requestsInFlightOption,
					timeoutOption,
					{
						displayName: 'URL Type',
						name: 'urlType',
						type: 'options',
						options: [
							{ name: 'OSS', value: 'oss' },
							{ name: 'CDN', value: 'cdn' },
						],
						default: 'oss',
						description: 'Whether the file URLs in the answer are OSS or CDN addresses (OutputType)',
					},
				],
			},
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return executeOperation.call(this, getMediaInfo);
	}
}
