import type { INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { ALIBABA_CLOUD_CREDENTIALS } from '../shared/descriptions/common';
import { nodeDocumentationUrl } from '../shared/descriptions/documentation';
import { getJobNodeDescription } from '../shared/descriptions/getJobNode';
import { readJobExecute } from '../shared/execution/readJob';

export class AlibabaCloudGetVodWorkflowJob implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Alibaba Cloud Get VOD Workflow Job',
		name: 'alibabaCloudGetVodWorkflowJob',
		icon: { light: 'file:../../icons/alibabaCloud.svg', dark: 'file:../../icons/alibabaCloud.dark.svg' },
		group: ['input'],
		version: 1,
		subtitle: '={{$parameter["taskId"]}}',
		description:
			'Read a workflow task of Alibaba Cloud ApsaraVideo VOD by its TaskId. Outputs status (running, succeeded, failed, canceled or skipped), finished, the video ID, the failed activity with its error code and message, plus the task exactly as Alibaba returns it.',
		documentationUrl: nodeDocumentationUrl('get-vod-workflow-job'),
		defaults: { name: 'Get VOD Workflow Job' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		credentials: ALIBABA_CLOUD_CREDENTIALS,
		...getJobNodeDescription('vodWorkflow'),
	};

	execute = readJobExecute('vodWorkflow');
}
