import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { JOB_KINDS } from '../shared/jobKinds';
import {
	ALIBABA_CLOUD_CREDENTIALS,
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
	integerInRange,
	isBlank,
	maxUtf8Bytes,
	nonEmptyList,
	optionalText,
	USER_DATA_MAX_BYTES,
} from '../shared/helpers/validation';
import { pickedId } from '../shared/helpers/pickedId';
import { MEDIA_TYPE_OPTIONS, mediaReference } from '../shared/requests/mediaReference';

const mediaObject = (type: unknown, media: unknown, label: string): IDataObject =>
	mediaReference(type, media, { type: `${label} › Type`, media: `${label} › Media` });

export const submitPackageJob: OperationDefinition = {
	operation: JOB_KINDS.package.submit.operation,
	submits: 'package',
	buildRequest(parameter) {
		const inputs = nonEmptyList(parameter('inputs.input', []) as IDataObject[], 'Inputs', 'input');
		const options = parameter('options', {}) as IDataObject;

		const scheduleConfig: IDataObject = {};
		const pipelineId = optionalText(pickedId(parameter, 'options.pipelineId', 'Pipeline ID'), 'Pipeline ID');
		if (pipelineId) scheduleConfig.PipelineId = pipelineId;
		if (!isBlank(options.priority))
			scheduleConfig.Priority = integerInRange(options.priority, 'Priority', PRIORITY.min, PRIORITY.max);
		const userData = optionalText(options.userData, 'User Data');

		return {
			query: {
				Name: optionalText(parameter('jobName', ''), 'Job Name'),
				Inputs: JSON.stringify(
					inputs.map((input, position) => ({
						Input: mediaObject(input.type, input.media, `Inputs › Input ${position + 1}`),
					})),
				),
				Output: JSON.stringify(mediaObject(parameter('outputType', 'OSS'), parameter('outputMedia', ''), 'Output')),
				ScheduleConfig: Object.keys(scheduleConfig).length ? JSON.stringify(scheduleConfig) : undefined,
				UserData: userData === undefined ? undefined : maxUtf8Bytes(userData, 'User Data', USER_DATA_MAX_BYTES),
			},
		};
	},
};

export class AlibabaCloudSubmitPackageJob implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Alibaba Cloud Submit Package Job',
		name: 'alibabaCloudSubmitPackageJob',
		icon: { light: 'file:../../icons/alibabaCloud.svg', dark: 'file:../../icons/alibabaCloud.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["outputMedia"]}}',
		description:
			'Package videos for streaming (HLS or DASH) with Alibaba Cloud Intelligent Media Services. Submits one packaging job per input item and returns its job ID (JobId, to read with Get Package Job), or waits until the job has finished and returns the result.',
		documentationUrl: nodeDocumentationUrl('submit-package-job'),
		defaults: { name: 'Submit Package Job' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		credentials: ALIBABA_CLOUD_CREDENTIALS,
		properties: [
			{
				displayName: 'Job Name',
				name: 'jobName',
				type: 'string',
				default: '',
				placeholder: 'e.g. launch-trailer-hls',
				description: 'A name to recognise the job by in the console and in job lists',
			},
			{
				displayName: 'Inputs',
				name: 'inputs',
				type: 'fixedCollection',
				typeOptions: { multipleValues: true, sortable: true },
				required: true,
				default: { input: [{ type: 'OSS', media: '' }] },
				placeholder: 'Add Input',
				description: 'The source streams to package together, e.g. one video rendition and its audio tracks',
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
								placeholder: 'oss://my-bucket/path/to/video.mp4',
								description:
									'For an OSS object: oss://bucket/path or the http(s) URL of the object. For a media asset: its media ID.',
							},
						],
					},
				],
			},
			{
				displayName: 'Output Type',
				name: 'outputType',
				type: 'options',
				options: MEDIA_TYPE_OPTIONS,
				default: 'OSS',
			},
			{
				displayName: 'Output Media',
				name: 'outputMedia',
				type: 'string',
				required: true,
				default: '',
				placeholder: 'oss://my-bucket/path/to/video.m3u8',
				description:
					'Where the packaged stream goes: for an OSS object, oss://bucket/path/playlist.m3u8 (HLS) or .mpd (DASH); for a media asset, its media ID',
			},
			...waitForCompletionFields('packaging job'),
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
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
					userDataOption('Your own data kept with the job and returned by Get Package Job, at most 512 bytes'),
				],
			},
		],
	};

	methods = { listSearch: { searchPipelines } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return executeOperation.call(this, submitPackageJob);
	}
}
