import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { TIMEOUT_SECONDS } from '../shared/descriptions/common';
import type { ReadParameter } from '../shared/execution/executeOperation';
import { boundsOf, httpUrl, integerInRange, isBlank, nonEmptyList, requireOneOf } from '../shared/helpers/validation';
import { JOB_EVENT_TYPES } from '../shared/jobs/jobEvents';

export const OTHER_EVENTS = 'other';
export const OUTCOMES = ['succeeded', 'failed'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const timestampWindowOption: INodeProperties = {
	displayName: 'Timestamp Window (Minutes)',
	name: 'timestampWindowMinutes',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: 60 },
	default: 5,
	description:
		'Calls whose signed timestamp is further than this from n8n’s clock are refused (401): a recorded call cannot be replayed later',
};

export const duplicateWindowOption: INodeProperties = {
	displayName: 'Duplicate Window (Minutes)',
	name: 'duplicateWindowMinutes',
	type: 'number',
	typeOptions: { minValue: 0, maxValue: 1440 },
	default: 60,
	description:
		'A second delivery of the same event (same job and status; Alibaba retries when it gets no 200) within this time is answered but starts nothing. 0 emits every delivery.',
};

const TIMESTAMP_WINDOW_MINUTES = boundsOf(timestampWindowOption);
const DUPLICATE_WINDOW_MINUTES = boundsOf(duplicateWindowOption);

export interface EventTriggerSettings {
	/** Job event types to emit, and whether other (non-job) events are emitted too. */
	eventTypes: string[];
	otherEvents: boolean;
	outcomes: Outcome[];
	confirmWithApi: boolean;
	/** Empty: the node's own production webhook URL. */
	callbackUrl?: string;
	timestampWindowSeconds: number;
	duplicateWindowSeconds: number;
	timeoutMs: number;
}

function list(value: unknown): unknown[] {
	if (isBlank(value)) return [];
	return Array.isArray(value) ? value : [value];
}

function minutes(value: unknown, field: string, bounds: { default: number; min: number; max: number }): number {
	return (isBlank(value) ? bounds.default : integerInRange(value, field, bounds.min, bounds.max)) * 60;
}

/** Reads and checks the trigger's fields; throws InvalidFieldError naming the field. */
export function readSettings(parameter: ReadParameter): EventTriggerSettings {
	const events = nonEmptyList(list(parameter('events', [])), 'Events', 'event type').map((value) =>
		requireOneOf(value, 'Events', [...JOB_EVENT_TYPES, OTHER_EVENTS]),
	);
	const outcomes = nonEmptyList(list(parameter('outcomes', [])), 'Outcomes', 'outcome').map((value) =>
		requireOneOf(value, 'Outcomes', OUTCOMES),
	);
	const options = (parameter('options', {}) ?? {}) as IDataObject;
	const timeoutSeconds = isBlank(options.timeout)
		? TIMEOUT_SECONDS.default
		: integerInRange(options.timeout, 'Timeout (Seconds)', TIMEOUT_SECONDS.min, TIMEOUT_SECONDS.max);
	return {
		eventTypes: [...new Set(events.filter((event) => event !== OTHER_EVENTS))],
		otherEvents: events.includes(OTHER_EVENTS),
		outcomes: [...new Set(outcomes)],
		confirmWithApi: parameter('confirmWithApi', false) === true,
		callbackUrl: isBlank(options.callbackUrl) ? undefined : httpUrl(options.callbackUrl, 'Callback URL as Registered'),
		timestampWindowSeconds: minutes(
			options.timestampWindowMinutes,
			'Timestamp Window (Minutes)',
			TIMESTAMP_WINDOW_MINUTES,
		),
		duplicateWindowSeconds: minutes(
			options.duplicateWindowMinutes,
			'Duplicate Window (Minutes)',
			DUPLICATE_WINDOW_MINUTES,
		),
		timeoutMs: timeoutSeconds * 1000,
	};
}
