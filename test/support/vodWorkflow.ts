/** Shared set-up of the VOD Workflow suites: the Submit and Get steps and a waiting Submit. */
import type { IDataObject } from 'n8n-workflow';

import { chain } from '../../tools/sandbox/workflows/workflows';

export const SUBMIT = 'Submit VOD Workflow Job';
export const GET = 'Get VOD Workflow Job';
export const WORKFLOW_ID = '34d577eade633860bdf1237e2f0e2a4b';
export const VIDEO_ID = '058b39e75269da42b08f00459e2c0102';
export const ITEM = { workflowId: WORKFLOW_ID, videoId: VIDEO_ID };

export function submitStep(parameters: IDataObject = {}, onError?: 'continueRegularOutput') {
	return {
		name: SUBMIT,
		type: 'alibabaCloudSubmitVodWorkflowJob',
		onError,
		parameters: { workflowId: '={{ $json.workflowId }}', mediaId: '={{ $json.videoId }}', ...parameters },
	};
}

export function getStep(onError?: 'continueRegularOutput') {
	return { name: GET, type: 'alibabaCloudGetVodWorkflowJob', onError, parameters: { taskId: '={{ $json.TaskId }}' } };
}

export function waitingSubmit(extra: IDataObject = {}, onError?: 'continueRegularOutput') {
	return chain(submitStep({ waitForCompletion: true, pollIntervalSeconds: 1, ...extra }, onError));
}
