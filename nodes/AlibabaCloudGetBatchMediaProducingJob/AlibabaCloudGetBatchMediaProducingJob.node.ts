import type { INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { ALIBABA_CLOUD_CREDENTIALS } from '../shared/descriptions/common';
import { nodeDocumentationUrl } from '../shared/descriptions/documentation';
import { getJobNodeDescription } from '../shared/descriptions/getJobNode';
import { readJobExecute } from '../shared/execution/readJob';

export class AlibabaCloudGetBatchMediaProducingJob implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Alibaba Cloud Get Batch Media Producing Job',
		name: 'alibabaCloudGetBatchMediaProducingJob',
		icon: { light: 'file:../../icons/alibabaCloud.svg', dark: 'file:../../icons/alibabaCloud.dark.svg' },
		group: ['input'],
		version: 1,
		subtitle: '={{$parameter["jobId"]}}',
		description:
			'Read a batch media producing job of Alibaba Cloud Intelligent Media Services by its job ID (JobId). Outputs status (running, succeeded or failed), finished, each video with its own status, URL and media ID, error code and message, plus the job exactly as Alibaba returns it.',
		documentationUrl: nodeDocumentationUrl('get-batch-media-producing-job'),
		defaults: { name: 'Get Batch Media Producing Job' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		credentials: ALIBABA_CLOUD_CREDENTIALS,
		...getJobNodeDescription('batchMediaProducing'),
	};

	execute = readJobExecute('batchMediaProducing');
}
