import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { JOB_KINDS } from '../shared/jobKinds';
import { ALIBABA_CLOUD_CREDENTIALS, timeoutOnlyOptions } from '../shared/descriptions/common';
import { nodeDocumentationUrl } from '../shared/descriptions/documentation';
import { waitForCompletionFields } from '../shared/descriptions/waitForCompletion';
import type { OperationDefinition } from '../shared/execution/executeOperation';
import { executeOperation } from '../shared/execution/executeOperation';
import { optionalText, requireText } from '../shared/helpers/validation';

export const submitVodWorkflowJob: OperationDefinition = {
	operation: JOB_KINDS.vodWorkflow.submit.operation,
	// Older VOD responses carry no TaskId (or an empty one): nothing to wait for then.
	submits: 'vodWorkflow',
	buildRequest: (parameter) => ({
		query: {
			WorkflowId: requireText(parameter('workflowId', ''), 'Workflow ID'),
			MediaId: optionalText(parameter('mediaId', ''), 'Media ID'),
		},
	}),
};

export class AlibabaCloudSubmitVodWorkflowJob implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Alibaba Cloud Submit VOD Workflow Job',
		name: 'alibabaCloudSubmitVodWorkflowJob',
		icon: { light: 'file:../../icons/alibabaCloud.svg', dark: 'file:../../icons/alibabaCloud.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["workflowId"]}}',
		description:
			"Start an Alibaba Cloud ApsaraVideo VOD workflow (transcoding, snapshots, review, ...) on a VOD video. Submits one workflow task per input item and outputs Alibaba's answer as is (RequestId and TaskId; some VOD responses carry no TaskId or an empty one, and such a task cannot be followed), or waits until the task has finished and returns the result.",
		documentationUrl: nodeDocumentationUrl('submit-vod-workflow-job'),
		defaults: { name: 'Submit VOD Workflow Job' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		credentials: ALIBABA_CLOUD_CREDENTIALS,
		properties: [
			{
				displayName: 'Workflow ID',
				name: 'workflowId',
				type: 'string',
				required: true,
				default: '',
				placeholder: 'e.g. 34d577eade633860bdf1237e2f0e2a4b',
				description:
					'The VOD workflow to run. Find it in the ApsaraVideo VOD console under Configuration Management › Media Processing › Workflow Management.',
			},
			{
				displayName: 'Media ID',
				name: 'mediaId',
				type: 'string',
				default: '',
				placeholder: 'e.g. 058b39e75269da42b08f00459e2c0102',
				description:
					'The ID of the VOD video to process (its VideoId, from the console, CreateUploadVideo or SearchMedia). Needed for any workflow that works on a video, which is nearly all of them; leave empty only for a workflow that needs no video.',
			},
			...waitForCompletionFields('VOD workflow task'),
			timeoutOnlyOptions,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return executeOperation.call(this, submitVodWorkflowJob);
	}
}
