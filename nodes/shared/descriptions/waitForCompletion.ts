import type { INodeProperties } from 'n8n-workflow';

import { boundsOf } from '../helpers/validation';

const pollIntervalField: INodeProperties = {
	displayName: 'Check Every (Seconds)',
	name: 'pollIntervalSeconds',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: 3600 },
	default: 10,
	displayOptions: { show: { waitForCompletion: [true] } },
	description:
		'How often to ask Alibaba Cloud for the job status while waiting. A status read that fails is tried again, less and less often, until Give Up After.',
};

const maxWaitField: INodeProperties = {
	displayName: 'Give Up After (Minutes)',
	name: 'maxWaitMinutes',
	type: 'number',
	typeOptions: { minValue: 0.05, maxValue: 1440, numberPrecision: 2 },
	default: 15,
	displayOptions: { show: { waitForCompletion: [true] } },
	description:
		'How long to wait at most. The job keeps running in Alibaba Cloud afterwards; the error names its ID so you can follow it with the Get node or the trigger.',
};

/** The defaults and bounds the two fields show; checked with helpers/validation.ts. */
export const POLL_INTERVAL_SECONDS = boundsOf(pollIntervalField);
export const MAX_WAIT_MINUTES = boundsOf(maxWaitField);

/** "Wait for Completion" and its two settings, for every Submit node. */
export function waitForCompletionFields(jobLabel: string): INodeProperties[] {
	return [
		{
			displayName: 'Wait for Completion',
			name: 'waitForCompletion',
			type: 'boolean',
			default: false,
			description: `Whether to wait until the ${jobLabel} has finished and output the final job instead of just its ID. A job that fails becomes an error of its item.`,
		},
		pollIntervalField,
		maxWaitField,
	];
}
