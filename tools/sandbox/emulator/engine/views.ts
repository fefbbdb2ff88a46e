import { isoSeconds } from '../clock';
import type { JobState } from '../jobs';

/**
 * The status part of a job as the Get and List answers show it: Status, the failure's Code and Message, when it
 * last changed, and when it finished under the name its API gives that time (FinishTime or CompleteTime).
 */
export function statusView(state: JobState, finishedName: 'FinishTime' | 'CompleteTime'): Record<string, unknown> {
	return {
		Status: state.status,
		Code: state.failure?.code,
		Message: state.failure?.message,
		ModifiedTime: isoSeconds(state.modifiedAt),
		[finishedName]: state.finishedAt !== undefined ? isoSeconds(state.finishedAt) : undefined,
	};
}
