import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { OPERATIONS } from '../shared/api/operations';
import { ALIBABA_CLOUD_CREDENTIALS, timeoutOption } from '../shared/descriptions/common';
import type { OperationDefinition } from '../shared/execution/executeOperation';
import { executeOperation } from '../shared/execution/executeOperation';
import { requireText } from '../shared/helpers/validation';

export const getMediaProducingJob: OperationDefinition = {
	operation: OPERATIONS.GetMediaProducingJob,
	buildRequest: (parameter) => ({ query: { JobId: requireText(parameter('jobId'), 'Job ID') } }),
	reads: 'mediaProducing',
};

export class AlibabaCloudGetMediaProducingJob implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Alibaba Cloud Get Media Producing Job',
		name: 'alibabaCloudGetMediaProducingJob',
		icon: { light: 'file:../../icons/alibabaCloud.svg', dark: 'file:../../icons/alibabaCloud.dark.svg' },
		group: ['input'],
		version: 1,
		subtitle: '={{$parameter["jobId"]}}',
		description:
			'Read a media producing (video editing) job of Alibaba Cloud Intelligent Media Services. Outputs status (running, succeeded or failed), finished, output URL, media ID, error code and message, plus the job exactly as Alibaba returns it.',
		documentationUrl: OPERATIONS.GetMediaProducingJob.documentationUrl,
		defaults: { name: 'Get Media Producing Job' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		credentials: ALIBABA_CLOUD_CREDENTIALS,
		properties: [
			{
				displayName: 'Job ID',
				name: 'jobId',
				type: 'string',
				required: true,
				default: '',
				placeholder: 'e.g. cdb3e74639973036bc84a1b2c3d4e5f6',
				description:
					'The JobId returned by Submit Media Producing Job, usually an expression like {{ $JSON.JobId }}',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [timeoutOption],
			},
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return executeOperation.call(this, getMediaProducingJob);
	}
}
