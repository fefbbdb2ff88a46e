import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { JOB_KINDS } from '../shared/jobKinds';
import {
	ALIBABA_CLOUD_CREDENTIALS,
	clientTokenOption,
	requestsInFlightOption,
	timeoutOption,
	userDataOption,
} from '../shared/descriptions/common';
import { nodeDocumentationUrl } from '../shared/descriptions/documentation';
import type { OutputMediaOptions } from '../shared/requests/outputMedia';
import { outputMediaFields } from '../shared/descriptions/outputMedia';
import { buildOutputMedia } from '../shared/requests/outputMedia';
import { waitForCompletionFields } from '../shared/descriptions/waitForCompletion';
import type { OperationDefinition, ReadParameter } from '../shared/execution/executeOperation';
import { executeOperation } from '../shared/execution/executeOperation';
import {
	clientTokenOf,
	isBlank,
	optionalJsonObject,
	requireOneOf,
	requireText,
	requiredJsonObject,
} from '../shared/helpers/validation';
import { pickListField } from '../shared/descriptions/pickList';
import { searchEditingProjects, searchTemplates } from '../shared/listSearch/pickLists';
import { timelineJson } from './timeline';
import { userDataWithNotifyAddress } from './userData';
import { pickedId } from '../shared/helpers/pickedId';

const OUTPUT: OutputMediaOptions = { targets: ['oss-object', 'vod-media', 'S3'], withVideoSettings: true };
const SOURCES = ['timeline', 'template', 'project'] as const;
/** The Source values Alibaba's API reference lists (its SDK's example spells OPENAPI, which earlier versions sent). */
const REQUEST_SOURCES = ['OpenAPI', 'AliyunConsole', 'WebSDK'] as const;

function requestSourceOf(value: unknown): (typeof REQUEST_SOURCES)[number] | undefined {
	if (isBlank(value)) return undefined;
	const listed = REQUEST_SOURCES.find((source) => source.toLowerCase() === String(value).trim().toLowerCase());
	return requireOneOf(listed ?? value, 'Request Source', REQUEST_SOURCES);
}

function optionalJsonText(value: unknown, field: string): string | undefined {
	const parsed = optionalJsonObject(value, field);
	return parsed === undefined ? undefined : JSON.stringify(parsed);
}

function sourceParameters(parameter: ReadParameter): { query: Record<string, string>; form?: Record<string, string> } {
	const source = requireOneOf(parameter('source', 'timeline'), 'Source', SOURCES);
	if (source === 'timeline')
		return { query: {}, form: { Timeline: timelineJson(parameter('timeline', ''), 'Timeline') } };
	if (source === 'template') {
		return {
			query: {
				TemplateId: requireText(pickedId(parameter, 'templateId', 'Template ID'), 'Template ID'),
				ClipsParam: JSON.stringify(requiredJsonObject(parameter('clipsParam', ''), 'Clips Param')),
			},
		};
	}
	return { query: { ProjectId: requireText(pickedId(parameter, 'projectId', 'Project ID'), 'Project ID') } };
}

export const submitMediaProducingJob: OperationDefinition = {
	operation: JOB_KINDS.mediaProducing.submit.operation,
	submits: 'mediaProducing',
	buildRequest(parameter, item) {
		const { query: sourceQuery, form } = sourceParameters(parameter);
		const output = buildOutputMedia(parameter, OUTPUT);
		const options = parameter('options', {}) as IDataObject;
		const requestSource = requestSourceOf(options.requestSource);

		return {
			query: {
				...sourceQuery,
				OutputMediaTarget: output.OutputMediaTarget,
				OutputMediaConfig: output.OutputMediaConfig,
				ProjectMetadata: optionalJsonText(options.projectMetadata, 'Project Metadata'),
				EditingProduceConfig: optionalJsonText(options.editingProduceConfig, 'Editing Produce Config'),
				MediaMetadata: optionalJsonText(options.mediaMetadata, 'Media Metadata'),
				UserData: userDataWithNotifyAddress(options.userData, options.notifyAddress, {
					userData: 'User Data',
					notifyAddress: 'Notify Address (Callback URL)',
				}),
				Source: requestSource,
				ClientToken: clientTokenOf(options.idempotencyKey, item.clientToken),
			},
			form,
		};
	},
};

export class AlibabaCloudSubmitMediaProducingJob implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Alibaba Cloud Submit Media Producing Job',
		name: 'alibabaCloudSubmitMediaProducingJob',
		icon: { light: 'file:../../icons/alibabaCloud.svg', dark: 'file:../../icons/alibabaCloud.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{"from " + $parameter["source"]}}',
		description:
			'Produce (edit and render) a video with Alibaba Cloud Intelligent Media Services from a timeline, a template or an editing project. Submits one media producing job per input item and returns its job ID (JobId, to read with Get Media Producing Job), or waits until the video is ready and returns the result.',
		documentationUrl: nodeDocumentationUrl('submit-media-producing-job'),
		defaults: { name: 'Submit Media Producing Job' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		credentials: ALIBABA_CLOUD_CREDENTIALS,
		properties: [
			{
				displayName: 'Source',
				name: 'source',
				type: 'options',
				options: [
					{
						name: 'Editing Project',
						value: 'project',
						description: 'Produce the timeline of an existing IMS editing project, by its project ID',
					},
					{
						name: 'Template',
						value: 'template',
						description: 'Fill an IMS template with your materials (Clips Param)',
					},
					{
						name: 'Timeline',
						value: 'timeline',
						description: 'Describe the video yourself as an IMS timeline (tracks of clips and effects)',
					},
				],
				default: 'timeline',
				description: 'What the video is produced from. Exactly one of timeline, template or project is sent.',
			},
			{
				displayName: 'Timeline',
				name: 'timeline',
				type: 'json',
				required: true,
				default:
					'{\n  "VideoTracks": [\n    {\n      "VideoTrackClips": [\n        { "MediaURL": "https://my-bucket.oss-cn-shanghai.aliyuncs.com/input.mp4" }\n      ]\n    }\n  ]\n}',
				description:
					'The IMS timeline: VideoTracks, AudioTracks, ImageTracks, SubtitleTracks and EffectTracks, each a list of tracks with their clips. At least one video or audio track; at most 100 video, 100 image and 100 subtitle tracks. Materials are media IDs or OSS URLs in the same region.',
				displayOptions: { show: { source: ['timeline'] } },
			},
			pickListField({
				displayName: 'Template ID',
				name: 'templateId',
				searchListMethod: 'searchTemplates',
				required: true,
				placeholder: 'e.g. 96e8864746a0b6f3ae3e1b1a2b3c4d5e',
				description: 'The IMS template (regular or advanced) to fill: pick one that is ready for use, or give its ID',
				displayOptions: { show: { source: ['template'] } },
			}),
			{
				displayName: 'Clips Param',
				name: 'clipsParam',
				type: 'json',
				required: true,
				default: '{\n  "video1": "https://my-bucket.oss-cn-shanghai.aliyuncs.com/input.mp4"\n}',
				description:
					'The materials and texts that replace the template placeholders, as a JSON object keyed by the names the template defines',
				displayOptions: { show: { source: ['template'] } },
			},
			pickListField({
				displayName: 'Project ID',
				name: 'projectId',
				searchListMethod: 'searchEditingProjects',
				required: true,
				placeholder: 'e.g. fddd7748b58bf1d47e95a1b2c3d4e5f6',
				description: 'The IMS online editing project whose timeline is produced: pick one, or give its ID',
				displayOptions: { show: { source: ['project'] } },
			}),
			...outputMediaFields(OUTPUT),
			...waitForCompletionFields('media producing job'),
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
						displayName: 'Editing Produce Config',
						name: 'editingProduceConfig',
						type: 'json',
						default: '{}',
						description:
							'EditingProduceConfig as a JSON object, e.g. {"AutoRegisterInputVodMedia": "true", "CoverConfig": {...}}',
					},
					{
						displayName: 'Media Metadata',
						name: 'mediaMetadata',
						type: 'json',
						default: '{}',
						description:
							'MediaMetadata of the produced media asset as a JSON object, e.g. {"Title": "Launch", "Tags": "promo"}',
					},
					{
						displayName: 'Notify Address (Callback URL)',
						name: 'notifyAddress',
						type: 'string',
						default: '',
						placeholder: 'https://example.com/webhook/ims',
						description:
							'An http(s) URL that IMS POSTs a JSON event to when the job ends (EventType ProduceMediaComplete, with Status, JobId, MediaId, MediaURL, ErrorCode and ErrorMessage). Sent as NotifyAddress inside User Data, so it counts towards its 512 bytes.',
					},
					{
						displayName: 'Project Metadata',
						name: 'projectMetadata',
						type: 'json',
						default: '{}',
						description: 'ProjectMetadata as a JSON object, e.g. {"Title": "Launch video", "Description": "…"}',
					},
					{
						displayName: 'Request Source',
						name: 'requestSource',
						type: 'options',
						options: [
							{ name: 'Aliyun Console', value: 'AliyunConsole' },
							{ name: 'OpenAPI', value: 'OpenAPI' },
							{ name: 'Web SDK', value: 'WebSDK' },
						],
						default: 'OpenAPI',
						description: 'The Source parameter: where the request comes from',
					},
					requestsInFlightOption,
					timeoutOption,
					userDataOption(
						'Your own data kept with the job and returned by Get Media Producing Job, as a JSON object of at most 512 bytes. It may carry NotifyAddress and RegisterMediaNotifyAddress callback URLs.',
					),
				],
			},
		],
	};

	methods = { listSearch: { searchTemplates, searchEditingProjects } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return executeOperation.call(this, submitMediaProducingJob);
	}
}
