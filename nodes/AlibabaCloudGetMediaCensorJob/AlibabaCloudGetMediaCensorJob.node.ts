import type { INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { nodeDocumentationUrl } from '../shared/descriptions/documentation';
import { ALIBABA_CLOUD_CREDENTIALS } from '../shared/descriptions/common';
import { getJobNodeDescription } from '../shared/descriptions/getJobNode';
import { readJobExecute } from '../shared/execution/readJob';

export class AlibabaCloudGetMediaCensorJob implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Alibaba Cloud Get Media Censor Job',
		name: 'alibabaCloudGetMediaCensorJob',
		icon: { light: 'file:../../icons/alibabaCloud.svg', dark: 'file:../../icons/alibabaCloud.dark.svg' },
		group: ['input'],
		version: 1,
		subtitle: '={{$parameter["jobId"]}}',
		description:
			'Read a content moderation job of Alibaba Cloud Intelligent Media Services by its job ID (JobId). Outputs status (running, succeeded or failed), finished, the verdict suggestion (pass, review or block) with the label of each scene and part, error code and message, plus the job exactly as Alibaba returns it.',
		documentationUrl: nodeDocumentationUrl('get-media-censor-job'),
		defaults: { name: 'Get Media Censor Job' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		credentials: ALIBABA_CLOUD_CREDENTIALS,
		...getJobNodeDescription('mediaCensor'),
	};

	execute = readJobExecute('mediaCensor');
}
