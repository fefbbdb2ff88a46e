import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { OPERATIONS } from '../shared/api/operations';
import { ALIBABA_CLOUD_CREDENTIALS, jobIdField, timeoutOnlyOptions } from '../shared/descriptions/common';
import { executeOperation } from '../shared/execution/executeOperation';
import { readJobOperation } from '../shared/execution/readJob';

export const getMediaProducingJob = readJobOperation('mediaProducing', { name: 'jobId', label: 'Job ID' });

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
			jobIdField({
				name: 'jobId',
				label: 'Job ID',
				responseField: 'JobId',
				submitNode: 'Submit Media Producing Job',
				example: 'cdb3e74639973036bc84a1b2c3d4e5f6',
			}),
			timeoutOnlyOptions,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return executeOperation.call(this, getMediaProducingJob);
	}
}
