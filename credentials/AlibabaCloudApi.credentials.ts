import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import { DEFAULT_REGION, PRODUCTS, REGIONS, defaultEndpoint, regionsOffering } from '../alibaba/products';
import { signRequestOptions } from './acs3/authenticate';
import { isOssRequest, signOssRequestOptions } from './oss4/authenticate';

/** An expression over the credential: true when its Test calls ICE (the region offers it, or an ICE Endpoint is set). */
const TESTS_ICE = `($credentials.iceEndpoint || ${JSON.stringify(regionsOffering(PRODUCTS.ice))}.includes($credentials.region))`;

export class AlibabaCloudApi implements ICredentialType {
	name = 'alibabaCloudApi';

	displayName = 'Alibaba Cloud API';

	icon: Icon = { light: 'file:../icons/alibabaCloud.svg', dark: 'file:../icons/alibabaCloud.dark.svg' };

	documentationUrl = 'https://www.alibabacloud.com/help/en/ram/user-guide/create-an-accesskey-pair';

	properties: INodeProperties[] = [
		{
			displayName: 'AccessKey ID',
			name: 'accessKeyId',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'LTAI5t…',
			description:
				'The AccessKey ID of a RAM user. Create one in the RAM console (ram.console.aliyun.com): Identities → Users → your user → Create AccessKey. Use a RAM user that has only the permissions it needs (for example AliyunICEFullAccess / AliyunVODFullAccess, or a custom policy), not your Alibaba Cloud account’s own key.',
		},
		{
			displayName: 'AccessKey Secret',
			name: 'accessKeySecret',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description:
				'The secret shown once, next to the AccessKey ID, when the AccessKey is created. If you lost it, create a new AccessKey for the RAM user and disable the old one.',
		},
		{
			displayName: 'STS Security Token',
			name: 'securityToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'Only for temporary credentials from Security Token Service (STS AssumeRole): the SecurityToken returned together with the temporary AccessKey ID and Secret. Leave empty for a normal RAM user AccessKey. Temporary credentials expire, so this credential must be updated when they do.',
		},
		{
			displayName: 'Region',
			name: 'region',
			type: 'options',
			options: REGIONS.map((region) => ({
				name: `${region.name} (${region.id}): ${region.offers}`,
				value: region.id,
			})),
			default: DEFAULT_REGION,
			description:
				'Region of your Intelligent Media Services (ICE) / ApsaraVideo VOD resources. Requests go to ice.<region>.aliyuncs.com and vod.<region>.aliyuncs.com unless an endpoint is set below. Each region lists the products Alibaba Cloud offers there; VOD serves China (Hangzhou) from vod.cn-shanghai.aliyuncs.com. A node whose product is not offered in the region fails before sending anything.',
		},
		{
			displayName: 'ICE Endpoint',
			name: 'iceEndpoint',
			type: 'string',
			default: '',
			placeholder: defaultEndpoint(PRODUCTS.ice, DEFAULT_REGION),
			description:
				'Optional. Full URL of the Intelligent Media Services (ICE) endpoint, e.g. a VPC endpoint or a test server such as http://127.0.0.1:8787. Leave empty to use https://ice.<region>.aliyuncs.com.',
		},
		{
			displayName: 'VOD Endpoint',
			name: 'vodEndpoint',
			type: 'string',
			default: '',
			placeholder: defaultEndpoint(PRODUCTS.vod, DEFAULT_REGION),
			description:
				'Optional. Full URL of the ApsaraVideo VOD endpoint, e.g. a VPC endpoint or a test server. Leave empty to use https://vod.<region>.aliyuncs.com.',
		},
		{
			displayName: 'Processes Sharing the Quota',
			name: 'processesSharingQuota',
			type: 'number',
			default: 1,
			typeOptions: { minValue: 1, maxValue: 100, numberPrecision: 0 },
			description:
				"How many n8n processes send requests with this AccessKey at the same time: 1 for a single n8n, the number of workers in queue mode. Each process paces itself to its share of Alibaba's per-second quota, so that together they stay within it.",
		},
	];

	/**
	 * Signs OSS requests (marked by the Upload to OSS node, or sent to an OSS host: see oss4/authenticate.ts) with
	 * OSS Signature V4 (OSS4-HMAC-SHA256), and every other request with signature V3 (ACS3-HMAC-SHA256).
	 */
	authenticate = async (
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> =>
		isOssRequest(requestOptions)
			? signOssRequestOptions(credentials, requestOptions)
			: signRequestOptions(credentials, requestOptions);

	/**
	 * A read-only call of a product the credential's region offers: ICE ListPackageJobs (one row), or, in a region
	 * without ICE and with no ICE Endpoint set, VOD GetMessageCallback.
	 */
	test: ICredentialTestRequest = {
		request: {
			method: 'POST',
			url: '/',
			headers: {
				'x-acs-action': `={{ ${TESTS_ICE} ? 'ListPackageJobs' : 'GetMessageCallback' }}`,
				'x-acs-version': `={{ ${TESTS_ICE} ? '${PRODUCTS.ice.apiVersion}' : '${PRODUCTS.vod.apiVersion}' }}`,
			},
			qs: { PageSize: `={{ ${TESTS_ICE} ? 1 : undefined }}` },
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message:
						'AccessKey ID not found (InvalidAccessKeyId.NotFound): check that the AccessKey ID is copied completely and is still enabled in the RAM console.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message:
						'The AccessKey is valid but the request was refused: grant the RAM user the permission the test calls, ice:ListPackageJobs (e.g. policy AliyunICEReadOnlyAccess) where the region offers Intelligent Media Services, or vod:GetMessageCallback (e.g. AliyunVODReadOnlyAccess) in a VOD-only region such as Japan (Tokyo); and check that the service is activated in the selected region and the account is not overdue.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 400,
					message:
						'Alibaba Cloud rejected the request (HTTP 400): usually a wrong AccessKey Secret (SignatureDoesNotMatch), an expired or missing STS Security Token, or a computer clock more than 15 minutes off (InvalidTimeStamp.Expired).',
				},
			},
		],
	};
}
