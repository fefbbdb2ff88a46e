import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeApiError, NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { DEFAULT_REGION } from '../../alibaba/products';
import { ALIBABA_CLOUD_CREDENTIALS } from '../shared/descriptions/common';
import { nodeDocumentationUrl } from '../shared/descriptions/documentation';
import { nodeErrorOf, numberInRange, optionalText, requireOneOf, requireText } from '../shared/helpers/validation';
import { describeOssFailure } from '../shared/oss/errors';
import { MultipartUploadError, uploadObject, type UploadSettings, type UploadSource } from '../shared/oss/upload';
import { checkBucketName, checkObjectKey, ossTarget, type AddressingStyle } from '../shared/oss/target';
import { OssCallError } from '../shared/transport/oss';
import { binaryOf } from '../shared/oss/binary';
import { uploadProperties, UPLOAD_LIMITS, OBJECT_ACLS, STORAGE_CLASSES } from './description';

const MIB = 1024 * 1024;
const STYLES: readonly AddressingStyle[] = ['virtualHosted', 'cname', 'path'];

interface PreparedUpload {
	source: UploadSource;
	settings: UploadSettings;
}

async function prepare(
	context: IExecuteFunctions,
	itemIndex: number,
	credentialRegion: string,
): Promise<PreparedUpload> {
	const parameter = (name: string, fallback?: unknown) => context.getNodeParameter(name, itemIndex, fallback);
	const property = requireText(parameter('binaryPropertyName', 'data'), 'Input Binary Field');
	const binary = binaryOf(context, itemIndex, property);
	const bucket = checkBucketName(requireText(parameter('bucket', ''), 'Bucket'), 'Bucket');
	const key = checkObjectKey(requireText(parameter('objectKey', ''), 'Object Key'), 'Object Key');
	const options = parameter('options', {}) as IDataObject;
	const region = optionalText(options.region, 'Region') ?? credentialRegion;
	const style = requireOneOf(options.addressingStyle ?? 'virtualHosted', 'Addressing Style', STYLES);
	const target = ossTarget({
		bucket,
		key,
		region,
		endpoint: optionalText(options.endpoint, 'OSS Endpoint Override'),
		style,
		endpointField: 'OSS Endpoint Override',
	});
	const acl = optionalText(options.acl, 'ACL');
	if (acl !== undefined) requireOneOf(acl, 'ACL', OBJECT_ACLS);
	const storageClass = optionalText(options.storageClass, 'Storage Class');
	if (storageClass !== undefined) requireOneOf(storageClass, 'Storage Class', STORAGE_CLASSES);
	const limits = UPLOAD_LIMITS;
	const threshold = numberInRange(
		options.multipartThresholdMb ?? limits.threshold.default,
		'Multipart Threshold (MB)',
		limits.threshold.min,
		limits.threshold.max,
	);
	const partSize = numberInRange(
		options.partSizeMb ?? limits.partSize.default,
		'Part Size (MB)',
		limits.partSize.min,
		limits.partSize.max,
	);
	const timeout = numberInRange(
		options.timeout ?? limits.timeout.default,
		'Timeout (Seconds)',
		limits.timeout.min,
		limits.timeout.max,
	);

	const binaryId = binary.id;
	const size = binaryId
		? (await context.helpers.getBinaryMetadata(binaryId)).fileSize
		: Buffer.byteLength(binary.data, 'base64');
	const source: UploadSource = {
		size,
		// The store's own chunk size (64 KiB on disk): larger chunks measured more RSS (npm run benchmark:upload).
		open: async () =>
			binaryId
				? ((await context.helpers.getBinaryStream(binaryId)) as AsyncIterable<Buffer>)
				: await context.helpers.getBinaryDataBuffer(itemIndex, property),
	};
	return {
		source,
		settings: {
			target,
			contentType: optionalText(options.contentType, 'Content Type') ?? (binary.mimeType || 'application/octet-stream'),
			acl,
			storageClass,
			thresholdBytes: Math.round(threshold * MIB),
			partSizeBytes: Math.round(partSize * MIB),
			timeoutMs: timeout * 1000,
		},
	};
}

function uploadError(
	context: IExecuteFunctions,
	error: unknown,
	settings: UploadSettings,
	itemIndex: number,
): NodeApiError | NodeOperationError {
	const where = { bucket: settings.target.bucket, key: settings.target.key, region: settings.target.region };
	const multipart = error instanceof MultipartUploadError ? error : undefined;
	const cause = multipart ? multipart.cause : error;
	const cleanup = multipart
		? multipart.aborted
			? ` The multipart upload ${multipart.uploadId} was aborted: no parts are left in the bucket.`
			: ` Aborting the multipart upload ${multipart.uploadId} failed too (${multipart.abortFailure?.failure.code}): its parts stay in the bucket until you abort it or a lifecycle rule removes them.`
		: '';
	if (cause instanceof OssCallError) {
		const { message, description } = describeOssFailure(cause.failure, cause.action, where);
		const details = {
			code: cause.failure.code,
			message: cause.failure.message,
			requestId: cause.failure.requestId ?? null,
			action: cause.action,
		};
		const apiError = new NodeApiError(context.getNode(), details, {
			message,
			description: `${description}${cleanup}`,
			httpCode: cause.failure.httpStatus ? String(cause.failure.httpStatus) : undefined,
			itemIndex,
		});
		apiError.message = message;
		Object.assign(apiError.context, details);
		return apiError;
	}
	return new NodeOperationError(
		context.getNode(),
		`Uploading "${where.key}" to bucket "${where.bucket}" failed: ${(cause as Error)?.message ?? String(cause)}`,
		{
			itemIndex,
			description: cleanup.trim() || undefined,
		},
	);
}

function errorItem(error: NodeApiError | NodeOperationError, itemIndex: number): INodeExecutionData {
	const context = error.context as IDataObject;
	const details: IDataObject = {};
	for (const key of ['code', 'requestId', 'action'] as const) {
		if (context[key] !== undefined && context[key] !== null) details[key] = context[key];
	}
	if (error.description) details.description = error.description;
	return { json: { error: error.message, details }, pairedItem: { item: itemIndex } };
}

export class AlibabaCloudUploadToOss implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Alibaba Cloud Upload to OSS',
		name: 'alibabaCloudUploadToOss',
		icon: { light: 'file:../../icons/alibabaCloud.svg', dark: 'file:../../icons/alibabaCloud.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{"oss://" + $parameter["bucket"] + "/" + $parameter["objectKey"]}}',
		description:
			'Upload a file (an n8n binary property) to an Alibaba Cloud OSS bucket. Returns the object as oss://bucket/key and as an https URL, with its ETag and size, ready to use as the input of a media job. Large files are streamed in parts.',
		documentationUrl: nodeDocumentationUrl('upload-to-oss'),
		defaults: { name: 'Upload to OSS' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		credentials: ALIBABA_CLOUD_CREDENTIALS,
		properties: uploadProperties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const continueOnFail = this.continueOnFail();
		const credentials = await this.getCredentials('alibabaCloudApi');
		const credentialRegion = String(credentials.region ?? '').trim() || DEFAULT_REGION;

		// Every item's fields are checked before the first byte is sent.
		const prepared: Array<PreparedUpload | NodeOperationError> = [];
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			try {
				prepared.push(await prepare(this, itemIndex, credentialRegion));
			} catch (error) {
				const invalid = nodeErrorOf(this.getNode(), error, itemIndex);
				if (!continueOnFail) throw invalid;
				prepared.push(invalid);
			}
		}

		const output: INodeExecutionData[] = [];
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			const item = prepared[itemIndex];
			if (item instanceof NodeOperationError) {
				output.push(errorItem(item, itemIndex));
				continue;
			}
			try {
				const result = await uploadObject(this, item.source, item.settings);
				const { target } = item.settings;
				output.push({
					json: {
						ossUrl: target.ossUrl,
						url: target.objectUrl,
						bucket: target.bucket,
						key: target.key,
						region: target.region,
						etag: result.etag,
						size: item.source.size,
						contentType: item.settings.contentType,
						multipart: result.multipart,
					},
					pairedItem: { item: itemIndex },
				});
			} catch (error) {
				const failure = uploadError(this, error, item.settings, itemIndex);
				if (!continueOnFail) throw failure;
				output.push(errorItem(failure, itemIndex));
			}
		}
		return [output];
	}
}
