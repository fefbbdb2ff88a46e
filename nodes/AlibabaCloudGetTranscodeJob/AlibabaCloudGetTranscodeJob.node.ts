import type { INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { ALIBABA_CLOUD_CREDENTIALS } from '../shared/descriptions/common';
import { nodeDocumentationUrl } from '../shared/descriptions/documentation';
import { getJobNodeDescription } from '../shared/descriptions/getJobNode';
import { readJobExecute } from '../shared/execution/readJob';

export class AlibabaCloudGetTranscodeJob implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Alibaba Cloud Get Transcode Job',
		name: 'alibabaCloudGetTranscodeJob',
		icon: { light: 'file:../../icons/alibabaCloud.svg', dark: 'file:../../icons/alibabaCloud.dark.svg' },
		group: ['input'],
		version: 1,
		subtitle: '={{$parameter["parentJobId"]}}',
		description:
			'Read a transcoding job of Alibaba Cloud Intelligent Media Services by its parent job ID (ParentJobId). Outputs status (running, succeeded or failed), finished, each output with its status, URL, resolution, duration and bitrate, plus the job exactly as Alibaba returns it.',
		documentationUrl: nodeDocumentationUrl('get-transcode-job'),
		defaults: { name: 'Get Transcode Job' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		credentials: ALIBABA_CLOUD_CREDENTIALS,
		...getJobNodeDescription('transcode'),
	};

	execute = readJobExecute('transcode');
}
