import type { INodeProperties } from 'n8n-workflow';

import { boundsOf } from '../shared/helpers/validation';

export const OBJECT_ACLS = ['default', 'private', 'public-read', 'public-read-write'] as const;
export const STORAGE_CLASSES = ['Standard', 'IA', 'Archive', 'ColdArchive', 'DeepColdArchive'] as const;

const multipartThreshold: INodeProperties = {
	displayName: 'Multipart Threshold (MB)',
	name: 'multipartThresholdMb',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: 5120 },
	default: 100,
	description:
		'Files larger than this are uploaded in parts (multipart upload), one part in memory at a time; smaller ones in one request. OSS accepts at most 5 GB in one request.',
};

const partSize: INodeProperties = {
	displayName: 'Part Size (MB)',
	name: 'partSizeMb',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: 5120 },
	default: 5,
	description:
		'Size of each part of a multipart upload, and about the memory an upload needs. Raised automatically when a file would need more than 10,000 parts.',
};

const timeout: INodeProperties = {
	displayName: 'Timeout (Seconds)',
	name: 'timeout',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: 3600 },
	default: 300,
	description:
		'How long one request (one part, or the whole file below the threshold) may go without progress before it is given up and retried',
};

export const UPLOAD_LIMITS = {
	threshold: boundsOf(multipartThreshold),
	partSize: boundsOf(partSize),
	timeout: boundsOf(timeout),
};

export const uploadProperties: INodeProperties[] = [
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		required: true,
		default: 'data',
		hint: 'The name of the input binary field containing the file to upload',
		description: 'Name of the binary property of the input item that holds the file, e.g. "data"',
	},
	{
		displayName: 'Bucket',
		name: 'bucket',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. my-media-bucket',
		description: 'Name of the OSS bucket (3–63 lower-case letters, digits and hyphens)',
	},
	{
		displayName: 'Object Key',
		name: 'objectKey',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. uploads/{{ $now.toFormat("yyyy-MM-dd") }}/{{ $binary.data.fileName }}',
		description:
			'Path of the object in the bucket, without a leading slash. Use an expression to build it from the file name or the date.',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'ACL',
				name: 'acl',
				type: 'options',
				options: [
					{ name: 'Default (Inherit the Bucket ACL)', value: 'default' },
					{ name: 'Private', value: 'private' },
					{ name: 'Public Read', value: 'public-read' },
					{ name: 'Public Read Write', value: 'public-read-write' },
				],
				default: 'default',
				description: 'Access control of the object (x-oss-object-acl). Needs the oss:PutObjectAcl permission.',
			},
			{
				displayName: 'Addressing Style',
				name: 'addressingStyle',
				type: 'options',
				options: [
					{
						name: 'Virtual-Hosted (Bucket.Endpoint)',
						value: 'virtualHosted',
						description:
							'The public endpoint https://&lt;bucket&gt;.oss-&lt;region&gt;.aliyuncs.com, or &lt;bucket&gt;.&lt;endpoint host&gt; with an endpoint override',
					},
					{
						name: 'Custom Domain (CNAME)',
						value: 'cname',
						description: 'The endpoint override is a domain bound to the bucket: https://&lt;domain&gt;/&lt;key&gt;',
					},
					{
						name: 'Path-Style (Endpoint/Bucket)',
						value: 'path',
						description: '&lt;endpoint&gt;/&lt;bucket&gt;/&lt;key&gt;: for OSS emulators and local sandboxes',
					},
				],
				default: 'virtualHosted',
				description: 'How the bucket appears in the request URL',
			},
			{
				displayName: 'Content Type',
				name: 'contentType',
				type: 'string',
				default: '',
				placeholder: 'e.g. video/mp4',
				description: 'MIME type stored with the object. Empty: the MIME type of the binary data.',
			},
			multipartThreshold,
			{
				displayName: 'OSS Endpoint Override',
				name: 'endpoint',
				type: 'string',
				default: '',
				placeholder: 'e.g. https://media.example.com or http://127.0.0.1:8787',
				description:
					'Optional. An OSS endpoint (e.g. oss-cn-hangzhou-internal.aliyuncs.com inside a VPC), a custom domain bound to the bucket (required since 2025 for data operations of new accounts on buckets in mainland China), or a sandbox URL. Empty: https://&lt;bucket&gt;.oss-&lt;region&gt;.aliyuncs.com.',
			},
			partSize,
			{
				displayName: 'Region',
				name: 'region',
				type: 'string',
				default: '',
				placeholder: 'e.g. cn-hangzhou',
				description:
					"Region ID of the bucket. Empty: the credential's region. Requests are signed for this region, so it must be the bucket's.",
			},
			{
				displayName: 'Storage Class',
				name: 'storageClass',
				type: 'options',
				options: [
					{ name: 'Archive', value: 'Archive' },
					{ name: 'Cold Archive', value: 'ColdArchive' },
					{ name: 'Deep Cold Archive', value: 'DeepColdArchive' },
					{ name: 'Infrequent Access (IA)', value: 'IA' },
					{ name: 'Standard', value: 'Standard' },
				],
				default: 'Standard',
				description:
					'Storage class of the object (x-oss-storage-class). Media jobs read Standard or IA objects directly.',
			},
			timeout,
		],
	},
];
