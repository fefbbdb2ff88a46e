import type { INodeCredentialDescription, INodeProperties } from 'n8n-workflow';

import { boundsOf } from '../helpers/validation';

export const ALIBABA_CLOUD_CREDENTIALS: INodeCredentialDescription[] = [{ name: 'alibabaCloudApi', required: true }];

/** A job's priority in its queue (ScheduleConfig.Priority of the ICE job APIs), inside the Options collection. */
export const priorityOption: INodeProperties = {
	displayName: 'Priority',
	name: 'priority',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: 10 },
	default: 6,
	description: 'Job priority in its queue, from 1 (lowest) to 10 (highest)',
};

export const PRIORITY = boundsOf(priorityOption);

/** The Timeout option every operation node offers inside its Options collection. */
export const timeoutOption: INodeProperties = {
	displayName: 'Timeout (Seconds)',
	name: 'timeout',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: 600 },
	default: 30,
	description:
		'How long to wait for Alibaba Cloud to answer one request before giving up. A submission that times out is reported as "outcome unknown" and never sent twice.',
};

/** The Timeout's default and bounds, as the field shows them; checked with helpers/validation.ts. */
export const TIMEOUT_SECONDS = boundsOf(timeoutOption);

/** How many items an operation node has in flight at once; requests are paced to Alibaba's quota anyway. */
export const requestsInFlightOption: INodeProperties = {
	displayName: 'Requests in Flight',
	name: 'requestsInFlight',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: 20 },
	default: 5,
	description:
		'How many items are sent to Alibaba Cloud at the same time. Requests are paced to the per-second quota of each Alibaba action whatever this says; 1 sends one item after the other.',
};

export const REQUESTS_IN_FLIGHT = boundsOf(requestsInFlightOption);

export function userDataOption(description: string): INodeProperties {
	return {
		displayName: 'User Data',
		name: 'userData',
		type: 'string',
		default: '',
		placeholder: '{"orderId": "A-1001"}',
		description,
	};
}

/** The Options collection of a node whose only options are Requests in Flight and the timeout. */
export const timeoutOnlyOptions: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [requestsInFlightOption, timeoutOption],
};

/** Whether a job's output carries Alibaba's whole answer besides the normalized fields. */
export const includeRawJobOption: INodeProperties = {
	displayName: "Include Alibaba's Job",
	name: 'includeRawJob',
	type: 'boolean',
	default: true,
	description:
		'Whether to add the job exactly as Alibaba Cloud returns it (field "job": inputs, output, times, user data) to the normalized fields. Turn it off for large batches: each item then takes a few hundred bytes instead of a few kilobytes.',
};

/** The Options collection of a Get node: Requests in Flight, the timeout and Include Alibaba's Job. */
export const getJobOptions: INodeProperties = {
	...timeoutOnlyOptions,
	options: [requestsInFlightOption, timeoutOption, includeRawJobOption],
};

/** The ID field of a Get node, e.g. Job ID filled from the Submit node's JobId. */
export function jobIdField(field: {
	name: string;
	label: string;
	responseField: string;
	submitNode: string;
	example: string;
	note?: string;
}): INodeProperties {
	return {
		displayName: field.label,
		name: field.name,
		type: 'string',
		required: true,
		default: '',
		placeholder: `e.g. ${field.example}`,
		description: `The ${field.responseField} returned by ${field.submitNode}: drag it in from the input panel or map it with an expression${field.note ? `. ${field.note}` : ''}`,
	};
}

/** Options › Client Token of a submission that takes one: `does` says what a resend with a known token gives. */
export function clientTokenOption(does: string): INodeProperties {
	return {
		displayName: 'Client Token',
		name: 'idempotencyKey',
		type: 'string',
		default: '',
		description: `${does} Leave empty to use a token made per n8n instance, execution, run and item, so a retried node never submits twice and each item of a loop gets its own. A token of your own must differ per item (map it from the item, e.g. its order ID): an item whose token another item of this execution already used is refused before anything is sent. At most 64 ASCII characters.`,
	};
}

/**
 * The first field of a node that can be filled in two ways: field by field, or as the API's own JSON. The other
 * fields show under `displayOptions: { show: { [name]: ['fields'] } }` or `['json']`.
 */
export function definedAsField(field: {
	displayName: string;
	name: string;
	fields: string;
	json: string;
}): INodeProperties {
	return {
		displayName: field.displayName,
		name: field.name,
		type: 'options',
		options: [
			{ name: 'Fields', value: 'fields', description: field.fields },
			{ name: 'JSON', value: 'json', description: field.json },
		],
		default: 'fields',
	};
}
