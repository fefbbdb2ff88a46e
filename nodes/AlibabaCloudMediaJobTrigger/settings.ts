import type { IDataObject } from 'n8n-workflow';

import { TIMEOUT_SECONDS } from '../shared/descriptions/common';
import type { ReadParameter } from '../shared/execution/executeOperation';
import type { JobStatus, SourceFilters } from '../shared/jobs/declaration';
import { integerInRange, isBlank, nonEmptyList, optionalText, requireOneOf } from '../shared/helpers/validation';
import { PRODUCTION_JOB_TYPES } from '../shared/jobKinds/mediaProducing';
import { WATCH_VALUES } from './watch';
import { pickedId } from '../shared/helpers/pickedId';

const DEFAULT_LOOK_BACK_HOURS = 24;
/** With a day of margin on both sides the production window stays within the API's 30 days. */
export const MAX_LOOK_BACK_HOURS = 600;

export interface TriggerSettings {
	/** The Watch options chosen (see watch.ts). */
	sources: string[];
	outcomes: JobStatus[];
	filters: SourceFilters;
	lookBackSeconds: number;
	timeoutMs: number;
}

function list(value: unknown): unknown[] {
	if (isBlank(value)) return [];
	return Array.isArray(value) ? value : [value];
}

/** Reads and checks the trigger's fields; throws InvalidFieldError naming the field. */
export function readSettings(parameter: ReadParameter): TriggerSettings {
	const sources = nonEmptyList(list(parameter('watch', [])), 'Watch', 'job list').map((value) =>
		requireOneOf(value, 'Watch', WATCH_VALUES),
	);
	const outcomes = nonEmptyList(list(parameter('outcomes', [])), 'Outcomes', 'outcome').map((value) =>
		requireOneOf(value, 'Outcomes', ['succeeded', 'failed'] as const),
	);
	const options = (parameter('options', {}) ?? {}) as IDataObject;
	const jobTypes = list(options.jobTypes).map((value) =>
		requireOneOf(value, 'Production Job Types', PRODUCTION_JOB_TYPES),
	);
	const lookBackHours = isBlank(options.lookBackHours)
		? DEFAULT_LOOK_BACK_HOURS
		: integerInRange(options.lookBackHours, 'Look-Back Window (Hours)', 1, MAX_LOOK_BACK_HOURS);
	const timeoutSeconds = isBlank(options.timeout)
		? TIMEOUT_SECONDS.default
		: integerInRange(options.timeout, 'Timeout (Seconds)', TIMEOUT_SECONDS.min, TIMEOUT_SECONDS.max);
	return {
		sources: [...new Set(sources)],
		outcomes: [...new Set(outcomes)],
		filters: {
			pipelineId: optionalText(pickedId(parameter, 'options.pipelineId', 'Pipeline ID'), 'Pipeline ID'),
			projectId: optionalText(pickedId(parameter, 'options.projectId', 'Project ID'), 'Project ID'),
			jobTypes: [...new Set(jobTypes)],
		},
		lookBackSeconds: lookBackHours * 3600,
		timeoutMs: timeoutSeconds * 1000,
	};
}
