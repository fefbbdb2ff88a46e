import type { INodeProperties } from 'n8n-workflow';

export const DEFAULT_POLL_INTERVAL_SECONDS = 10;
export const DEFAULT_MAX_WAIT_MINUTES = 15;

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
		{
			displayName: 'Check Every (Seconds)',
			name: 'pollIntervalSeconds',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 3600 },
			default: DEFAULT_POLL_INTERVAL_SECONDS,
			displayOptions: { show: { waitForCompletion: [true] } },
			description: 'How often to ask Alibaba Cloud for the job status while waiting',
		},
		{
			displayName: 'Give Up After (Minutes)',
			name: 'maxWaitMinutes',
			type: 'number',
			typeOptions: { minValue: 0.05, maxValue: 1440, numberPrecision: 2 },
			default: DEFAULT_MAX_WAIT_MINUTES,
			displayOptions: { show: { waitForCompletion: [true] } },
			description:
				'How long to wait at most. The job keeps running in Alibaba Cloud afterwards; the error names its ID so you can follow it with the Get node or the trigger.',
		},
	];
}
