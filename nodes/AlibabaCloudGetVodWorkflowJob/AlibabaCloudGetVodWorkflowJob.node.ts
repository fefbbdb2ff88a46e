import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { OPERATIONS } from '../shared/api/operations';
import { ALIBABA_CLOUD_CREDENTIALS, jobIdField, timeoutOnlyOptions } from '../shared/descriptions/common';
import { executeOperation } from '../shared/execution/executeOperation';
import { readJobOperation } from '../shared/execution/readJob';

export const getVodWorkflowJob = readJobOperation('vodWorkflow', { name: 'taskId', label: 'Task ID' });

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
		documentationUrl: OPERATIONS.GetJobDetail.documentationUrl,
		defaults: { name: 'Get VOD Workflow Job' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		credentials: ALIBABA_CLOUD_CREDENTIALS,
		properties: [
			jobIdField({
				name: 'taskId',
				label: 'Task ID',
				responseField: 'TaskId',
				submitNode: 'Submit VOD Workflow Job',
				example: '46ecc0240a2e4e4b92c8e26237e51000',
				note: 'Tasks of the last 6 months can be read',
			}),
			timeoutOnlyOptions,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return executeOperation.call(this, getVodWorkflowJob);
	}
}
