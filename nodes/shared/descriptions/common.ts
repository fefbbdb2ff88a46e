import type { INodeCredentialDescription, INodeProperties } from 'n8n-workflow';

export const ALIBABA_CLOUD_CREDENTIALS: INodeCredentialDescription[] = [
	{ name: 'alibabaCloudApi', required: true },
];

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
