import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { OPERATIONS } from '../shared/api/operations';
import { ALIBABA_CLOUD_CREDENTIALS, jobIdField, timeoutOnlyOptions } from '../shared/descriptions/common';
import { executeOperation } from '../shared/execution/executeOperation';
import { readJobOperation } from '../shared/execution/readJob';

export const getPackageJob = readJobOperation('package', { name: 'jobId', label: 'Job ID' });

export class AlibabaCloudGetPackageJob implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Alibaba Cloud Get Package Job',
		name: 'alibabaCloudGetPackageJob',
		icon: { light: 'file:../../icons/alibabaCloud.svg', dark: 'file:../../icons/alibabaCloud.dark.svg' },
		group: ['input'],
		version: 1,
		subtitle: '={{$parameter["jobId"]}}',
		description:
			'Read a packaging job of Alibaba Cloud Intelligent Media Services. Outputs status (running, succeeded or failed), finished, output URL, error code and message, plus the job exactly as Alibaba returns it.',
		documentationUrl: OPERATIONS.GetPackageJob.documentationUrl,
		defaults: { name: 'Get Package Job' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		credentials: ALIBABA_CLOUD_CREDENTIALS,
		properties: [
			jobIdField({
				name: 'jobId',
				label: 'Job ID',
				responseField: 'JobId',
				submitNode: 'Submit Package Job',
				example: 'ab4802364a2e49208c99efab82df0000',
			}),
			timeoutOnlyOptions,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return executeOperation.call(this, getPackageJob);
	}
}
