/** List filters the families share. */
import { declare, Filter } from '../../engine/format';
import { param } from '../../engine/parameters';

/**
 * A state filter with the values the contract lists for it. `means` widens a value (ListTranscodeJobs: Init stands
 * for every running state) or makes it match every job (`'any'`: QueryMediaCensorJobList's All).
 */
export function statusFilter(
	values: readonly string[],
	means: Record<string, readonly string[] | 'any'> = {},
): Filter<string> {
	return declare.filter({
		read: param.text({ oneOf: values }),
		matches: (job, value, ctx) => {
			const wanted = means[value] ?? [value];
			return wanted === 'any' || wanted.includes(ctx.jobs.state(job).status);
		},
	});
}

/** The job with this ID. */
export const jobIdFilter = (): Filter<string> =>
	declare.filter({ read: param.text(), matches: (job, value) => job.jobId === value });

/** Jobs whose submitted `field` equals the value (ProjectId, ParentJobId, PipelineId...). */
export const dataFilter = (name: string): Filter<string> =>
	declare.filter({ read: param.text(), matches: (job, value) => job.data[name] === value });
