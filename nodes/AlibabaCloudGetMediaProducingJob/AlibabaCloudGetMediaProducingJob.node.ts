import type { INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { ALIBABA_CLOUD_CREDENTIALS } from '../shared/descriptions/common';
import { nodeDocumentationUrl } from '../shared/descriptions/documentation';
import { getJobNodeDescription } from '../shared/descriptions/getJobNode';
import { readJobExecute } from '../shared/execution/readJob';

export class AlibabaCloudGetMediaProducingJob implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Alibaba Cloud Get Media Producing Job',
		name: 'alibabaCloudGetMediaProducingJob',
		icon: { light: 'file:../../icons/alibabaCloud.svg', dark: 'file:../../icons/alibabaCloud.dark.svg' },
		group: ['input'],
		version: 1,
		subtitle: '={{$parameter["jobId"]}}',
		description:
			'Read a media producing (video editing) job of Alibaba Cloud Intelligent Media Services by its job ID (JobId). Outputs status (running, succeeded or failed), finished, output URL, media ID, error code and message, plus the job exactly as Alibaba returns it.',
		documentationUrl: nodeDocumentationUrl('get-media-producing-job'),
		defaults: { name: 'Get Media Producing Job' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		credentials: ALIBABA_CLOUD_CREDENTIALS,
		...getJobNodeDescription('mediaProducing'),
	};

	execute = readJobExecute('mediaProducing');
}
