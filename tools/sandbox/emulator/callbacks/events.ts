/**
 * The event message a job sends when it ends comes from its kind's declaration (`event` in kinds/*.ts): ICE
 * ProduceMediaComplete for media producing and live editing jobs, VOD WorkflowTaskComplete for workflow tasks that
 * end Succeed or Failed; kinds without a documented event send nothing (packaging, transcoding, snapshots,
 * moderation).
 */
import type { JobEvent } from '../engine/format';
import type { Job, JobStore } from '../jobs';
import { kindOf } from '../kinds';

export type { JobEvent } from '../engine/format';
export { EMULATOR_USER_ID } from '../kinds/common/events';

/** The event a finished job sends, if its kind has one. */
export function jobEvent(jobs: JobStore, job: Job): JobEvent | undefined {
	return kindOf(job.kind).event?.(job, jobs.state(job));
}

/** The job's own callback address (a media producing job's UserData NotifyAddress), if any. */
export function notifyAddressOf(job: Job): string | undefined {
	return kindOf(job.kind).notifyAddress?.(job);
}
