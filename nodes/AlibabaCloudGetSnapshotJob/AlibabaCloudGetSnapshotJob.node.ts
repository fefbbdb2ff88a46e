import type { INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { nodeDocumentationUrl } from '../shared/descriptions/documentation';
import { ALIBABA_CLOUD_CREDENTIALS } from '../shared/descriptions/common';
import { getJobNodeDescription } from '../shared/descriptions/getJobNode';
import { readJobExecute } from '../shared/execution/readJob';

export class AlibabaCloudGetSnapshotJob implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Alibaba Cloud Get Snapshot Job',
		name: 'alibabaCloudGetSnapshotJob',
		icon: { light: 'file:../../icons/alibabaCloud.svg', dark: 'file:../../icons/alibabaCloud.dark.svg' },
		group: ['input'],
		version: 1,
		subtitle: '={{$parameter["jobId"]}}',
		description:
			'Read a snapshot job of Alibaba Cloud Intelligent Media Services by its job ID (JobId). Outputs status (running, succeeded or failed), finished, error code and message, and once it succeeded the image URLs (snapshotUrls, coverUrl, webVttUrl), plus the job exactly as Alibaba returns it.',
		documentationUrl: nodeDocumentationUrl('get-snapshot-job'),
		defaults: { name: 'Get Snapshot Job' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		credentials: ALIBABA_CLOUD_CREDENTIALS,
		...getJobNodeDescription('snapshot'),
	};

	execute = readJobExecute('snapshot');
}
