import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
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
import { outputMediaFields } from '../shared/descriptions/outputMedia';
import { buildOutputMedia } from '../shared/requests/outputMedia';
import { waitForCompletionFields } from '../shared/descriptions/waitForCompletion';
import type { OperationDefinition } from '../shared/execution/executeOperation';
import { executeOperation } from '../shared/execution/executeOperation';
import { pickListField } from '../shared/descriptions/pickList';
import { searchLiveEditingProjects } from '../shared/listSearch/pickLists';
import { optionalText, userDataJsonObject } from '../shared/helpers/validation';
import { MAX_SIDE, MIN_SIDE, OUTPUT, liveStreamConfig, readClips, readMode, withOutputSize } from './liveEditing';
import { pickedId } from '../shared/helpers/pickedId';

export const submitLiveEditingJob: OperationDefinition = {
	operation: JOB_KINDS.liveEditing.submit.operation,
	submits: 'liveEditing',
	buildRequest(parameter) {
		const stream = liveStreamConfig(
			((parameter('liveStreamConfig', {}) ?? {}) as IDataObject).stream as IDataObject | undefined,
			'Live Stream Config',
		);
		const clips = readClips(parameter, stream);
		const output = buildOutputMedia(parameter, OUTPUT);
		const mode = readMode(parameter);
		const outputMediaConfig = withOutputSize(parameter, mode, JSON.parse(output.OutputMediaConfig) as IDataObject);
		const options = parameter('options', {}) as IDataObject;
		return {
			query: {
				Clips: JSON.stringify(clips),
				LiveStreamConfig: stream ? JSON.stringify(stream) : undefined,
				MediaProduceConfig: JSON.stringify({ Mode: mode }),
				OutputMediaTarget: output.OutputMediaTarget,
				OutputMediaConfig: JSON.stringify(outputMediaConfig),
				ProjectId: optionalText(pickedId(parameter, 'projectId', 'Project ID'), 'Project ID'),
				UserData: userDataJsonObject(options.userData),
			},
		};
	},
};

export class AlibabaCloudSubmitLiveEditingJob implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Alibaba Cloud Submit Live Editing Job',
		name: 'alibabaCloudSubmitLiveEditingJob',
		icon: { light: 'file:../../icons/alibabaCloud.svg', dark: 'file:../../icons/alibabaCloud.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["mode"]}}',
		description:
			'Cut clips out of recorded Alibaba Cloud live streams and merge them into one video with Intelligent Media Services (live editing). Submits one job per input item and returns its job ID (JobId, to read with Get Live Editing Job) and output media, or waits until the job has finished and returns the result.',
		documentationUrl: nodeDocumentationUrl('submit-live-editing-job'),
		defaults: { name: 'Submit Live Editing Job' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		credentials: ALIBABA_CLOUD_CREDENTIALS,
		properties: [
			definedAsField({
				displayName: 'Clips Defined As',
				name: 'clipsDefinition',
				fields: 'Fill in each clip',
				json: 'Write the Clips array yourself, as in the API reference',
			}),
			{
				displayName: 'Clips',
				name: 'clips',
				type: 'fixedCollection',
				typeOptions: { multipleValues: true, sortable: true },
				required: true,
				default: { clip: [{ startTime: '', endTime: '' }] },
				placeholder: 'Add Clip',
				description:
					'The parts of the recorded live stream to cut out, merged in this order into one video. Times are UTC, like 2021-06-21T08:01:00Z.',
				displayOptions: { show: { clipsDefinition: ['fields'] } },
				options: [
					{
						displayName: 'Clip',
						name: 'clip',
						values: [
							{
								displayName: 'App Name',
								name: 'appName',
								type: 'string',
								default: '',
								description: 'The application of the live stream. Empty: the one of Live Stream Config.',
							},
							{
								displayName: 'Cover Time',
								name: 'coverTime',
								type: 'string',
								default: '',
								placeholder: '2021-06-21T08:03:00Z',
								description:
									'Optional: the moment of this clip (UTC, between its start and end) whose picture becomes the thumbnail of the video. Only the first clip with a cover time counts.',
							},
							{
								displayName: 'Cover URL',
								name: 'coverUrl',
								type: 'string',
								default: '',
								placeholder: 'https://my-bucket.oss-cn-shanghai.aliyuncs.com/covers/cover.jpg',
								description:
									'Optional: the http(s) URL of the thumbnail file to create, in your own OSS bucket in the region of the credential',
							},
							{
								displayName: 'Domain Name',
								name: 'domainName',
								type: 'string',
								default: '',
								placeholder: 'live.example.com',
								description: 'The streaming domain. Empty: the one of Live Stream Config.',
							},
							{
								displayName: 'End Time',
								name: 'endTime',
								type: 'string',
								required: true,
								default: '',
								placeholder: '2021-06-21T08:05:00Z',
								description: 'Where the clip ends, in UTC as yyyy-MM-ddTHH:mm:ssZ; later than the start time',
							},
							{
								displayName: 'Start Time',
								name: 'startTime',
								type: 'string',
								required: true,
								default: '',
								placeholder: '2021-06-21T08:01:00Z',
								description:
									'Where the clip starts, in UTC as yyyy-MM-ddTHH:mm:ssZ. From an expression: {{ $now.minus({ minutes: 10 }).toUTC().toISO() }} (milliseconds are cut to whole seconds).',
							},
							{
								displayName: 'Stream Name',
								name: 'streamName',
								type: 'string',
								default: '',
								description: 'The live stream to cut from. Empty: the one of Live Stream Config.',
							},
						],
					},
				],
			},
			{
				displayName: 'Clips (JSON)',
				name: 'clipsJson',
				type: 'json',
				required: true,
				default: '[\n  {\n    "StartTime": "2021-06-21T08:01:00Z",\n    "EndTime": "2021-06-21T08:03:00Z"\n  }\n]',
				description:
					'The Clips array exactly as the API reference describes it: StartTime, EndTime, optional AppName, DomainName, StreamName, CoverTime, CoverUrl',
				displayOptions: { show: { clipsDefinition: ['json'] } },
			},
			{
				displayName: 'Live Stream Config',
				name: 'liveStreamConfig',
				type: 'fixedCollection',
				default: {},
				placeholder: 'Add Live Stream',
				description: 'The live stream of every clip that does not name its own',
				options: [
					{
						displayName: 'Live Stream',
						name: 'stream',
						values: [
							{
								displayName: 'App Name',
								name: 'appName',
								type: 'string',
								required: true,
								default: '',
								placeholder: 'live',
								description: 'The application the stream is published to',
							},
							{
								displayName: 'Domain Name',
								name: 'domainName',
								type: 'string',
								required: true,
								default: '',
								placeholder: 'live.example.com',
								description: 'The streaming domain',
							},
							{
								displayName: 'Stream Name',
								name: 'streamName',
								type: 'string',
								required: true,
								default: '',
								description: 'The name of the live stream',
							},
						],
					},
				],
			},
			{
				displayName: 'Mode',
				name: 'mode',
				type: 'options',
				options: [
					{
						name: 'Accurate',
						value: 'Accurate',
						description: 'Cuts exactly at the given times; the output size can be set',
					},
					{
						name: 'Accurate Fast',
						value: 'AccurateFast',
						description: 'Cuts exactly, faster than Accurate; keeps the resolution of the stream',
					},
					{
						name: 'Rough',
						value: 'Rough',
						description: 'Cuts at whole TS segments around the given times; the output size can be set',
					},
					{
						name: 'Rough Fast',
						value: 'RoughFast',
						description: 'Cuts at whole TS segments, fastest; keeps the resolution of the stream',
					},
				],
				default: 'AccurateFast',
				description: 'How precisely the clips are cut (MediaProduceConfig.Mode)',
			},
			{
				displayName: 'Output Size',
				name: 'outputSize',
				type: 'collection',
				placeholder: 'Add Size',
				default: {},
				description:
					'The width and height of the video (sent in OutputMediaConfig). Empty: the resolution of the live stream.',
				displayOptions: { show: { mode: ['Accurate', 'Rough'] } },
				options: [
					{
						displayName: 'Height',
						name: 'height',
						type: 'number',
						typeOptions: { minValue: MIN_SIDE, maxValue: MAX_SIDE },
						default: 1080,
						description: 'Height of the video in pixels, 128 to 4096',
					},
					{
						displayName: 'Width',
						name: 'width',
						type: 'number',
						typeOptions: { minValue: MIN_SIDE, maxValue: MAX_SIDE },
						default: 1920,
						description: 'Width of the video in pixels, 128 to 4096',
					},
				],
			},
			...outputMediaFields(OUTPUT),
			pickListField({
				displayName: 'Project ID',
				name: 'projectId',
				searchListMethod: 'searchLiveEditingProjects',
				placeholder: 'e.g. 2c4f8a9e1d6b4e3f9a7c5b1d2e3f4a5b',
				description:
					'Optional: a live editing project whose storage settings apply, picked from the list or by ID. Empty: a new project is created for the job.',
			}),
			...waitForCompletionFields('live editing job'),
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					requestsInFlightOption,
					timeoutOption,
					userDataOption(
						'Your own JSON object kept with the job and returned by Get Live Editing Job, at most 512 bytes',
					),
				],
			},
		],
	};

	methods = { listSearch: { searchLiveEditingProjects } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return executeOperation.call(this, submitLiveEditingJob);
	}
}
