import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { OPERATIONS } from '../shared/api/operations';
import { ALIBABA_CLOUD_CREDENTIALS, timeoutOption } from '../shared/descriptions/common';
import type { OperationDefinition } from '../shared/execution/executeOperation';
import { executeOperation } from '../shared/execution/executeOperation';
import { requireText } from '../shared/helpers/validation';
import { JOB_KINDS } from '../shared/jobs/jobKinds';

export const getVodWorkflowJob: OperationDefinition = {
	operation: OPERATIONS.GetJobDetail,
	// GetJobDetail reads several kinds of VOD jobs; JobType=workflow (from jobKinds, like the waiting) picks tasks.
	buildRequest: (parameter) => ({
		query: { JobId: requireText(parameter('taskId', ''), 'Task ID'), ...JOB_KINDS.vodWorkflow.getParameters },
	}),
	reads: 'vodWorkflow',
};

export class AlibabaCloudGetVodWorkflowJob implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Alibaba Cloud Get VOD Workflow Job',
		name: 'alibabaCloudGetVodWorkflowJob',
		icon: { light: 'file:../../icons/alibabaCloud.svg', dark: 'file:../../icons/alibabaCloud.dark.svg' },
		group: ['input'],
		version: 1,
		subtitle: '={{$parameter["taskId"]}}',
		description:
			'Read a workflow task of Alibaba Cloud ApsaraVideo VOD by its TaskId. Outputs status (running, succeeded, failed or canceled), finished, the video ID, error code and message, plus the task exactly as Alibaba returns it.',
		documentationUrl: OPERATIONS.GetJobDetail.documentationUrl,
		defaults: { name: 'Get VOD Workflow Job' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		credentials: ALIBABA_CLOUD_CREDENTIALS,
		properties: [
			{
				displayName: 'Task ID',
				name: 'taskId',
				type: 'string',
				required: true,
				default: '',
				placeholder: 'e.g. 46ecc0240a2e4e4b92c8e26237e51000',
				description:
					'The TaskId returned by Submit VOD Workflow Job, usually an expression like {{ $JSON.TaskId }}. Tasks of the last 6 months can be read.',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [timeoutOption],
			},
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return executeOperation.call(this, getVodWorkflowJob);
	}
}
