import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { OPERATIONS } from '../shared/api/operations';
import { ALIBABA_CLOUD_CREDENTIALS, jobIdField, timeoutOnlyOptions } from '../shared/descriptions/common';
import { executeOperation } from '../shared/execution/executeOperation';
import { readJobOperation } from '../shared/execution/readJob';

export const getLiveEditingJob = readJobOperation('liveEditing', { name: 'jobId', label: 'Job ID' });

export class AlibabaCloudGetLiveEditingJob implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Alibaba Cloud Get Live Editing Job',
		name: 'alibabaCloudGetLiveEditingJob',
		icon: { light: 'file:../../icons/alibabaCloud.svg', dark: 'file:../../icons/alibabaCloud.dark.svg' },
		group: ['input'],
		version: 1,
		subtitle: '={{$parameter["jobId"]}}',
		description:
			'Read a live editing job of Alibaba Cloud Intelligent Media Services. Outputs status (running, succeeded or failed), finished, output URL, media IDs, error code and message, plus the job exactly as Alibaba returns it.',
		documentationUrl: OPERATIONS.GetLiveEditingJob.documentationUrl,
		defaults: { name: 'Get Live Editing Job' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		credentials: ALIBABA_CLOUD_CREDENTIALS,
		properties: [
			jobIdField({
				name: 'jobId',
				label: 'Job ID',
				responseField: 'JobId',
				submitNode: 'Submit Live Editing Job',
				example: 'ab4802364a2e49208c99efab82df0000',
			}),
			timeoutOnlyOptions,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return executeOperation.call(this, getLiveEditingJob);
	}
}
