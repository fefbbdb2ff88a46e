/**
 * Where an object goes: the request URL for each addressing style, the https URL to output, and `oss://bucket/key`.
 *
 * - virtual-hosted (default): `https://<bucket>.oss-<region>.aliyuncs.com/<key>`, or `<bucket>.<endpoint host>`
 *   when an endpoint is given (e.g. `oss-cn-hangzhou-internal.aliyuncs.com` inside a VPC);
 * - custom domain (CNAME): `<endpoint>/<key>`, the bucket being the one bound to the domain (required since 2025
 *   for data operations of new accounts on buckets in mainland China regions);
 * - path-style: `<endpoint>/<bucket>/<key>`, for local OSS emulators and sandboxes.
 */
import { ossEncode } from '../../../alibaba/oss4/signer';
import { InvalidFieldError } from '../helpers/validation';

export type AddressingStyle = 'virtualHosted' | 'cname' | 'path';

export interface OssTarget {
	bucket: string;
	key: string;
	region: string;
	/** The object's URL for requests (no query). */
	objectUrl: string;
	/** `oss://bucket/key`, what IMS job inputs take. */
	ossUrl: string;
}

const BUCKET_NAME = /^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/;

export function checkBucketName(bucket: string, field: string): string {
	if (!BUCKET_NAME.test(bucket)) {
		throw new InvalidFieldError(
			field,
			`"${bucket}" is not a valid OSS bucket name: 3 to 63 lower-case letters, digits and hyphens, starting and ending with a letter or digit`,
		);
	}
	return bucket;
}

export function checkObjectKey(key: string, field: string): string {
	const bytes = Buffer.byteLength(key, 'utf8');
	if (key.startsWith('/') || key.startsWith('\\')) {
		throw new InvalidFieldError(
			field,
			`must not start with "/" or "\\" (got "${key}"): write the path without a leading slash`,
		);
	}
	if (bytes > 1023)
		throw new InvalidFieldError(field, `is ${bytes} bytes long; OSS object keys are at most 1,023 bytes`);
	return key;
}

function parseEndpoint(endpoint: string, field: string): URL {
	const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(endpoint) ? endpoint : `https://${endpoint}`;
	let url: URL | undefined;
	try {
		url = new URL(withScheme);
	} catch {
		url = undefined;
	}
	if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.search || url.hash) {
		throw new InvalidFieldError(field, `is not a valid http(s) endpoint: "${endpoint}"`);
	}
	return url;
}

export function ossTarget(input: {
	bucket: string;
	key: string;
	region: string;
	endpoint?: string;
	style: AddressingStyle;
	endpointField: string;
}): OssTarget {
	const encodedKey = ossEncode(input.key, true);
	let base: string;
	if (!input.endpoint) {
		if (input.style !== 'virtualHosted') {
			throw new InvalidFieldError(input.endpointField, 'is required for the custom-domain and path-style addressing');
		}
		base = `https://${input.bucket}.oss-${input.region}.aliyuncs.com`;
	} else {
		const url = parseEndpoint(input.endpoint, input.endpointField);
		const path = url.pathname.replace(/\/+$/, '');
		if (input.style === 'virtualHosted') base = `${url.protocol}//${input.bucket}.${url.host}${path}`;
		else if (input.style === 'cname') base = `${url.protocol}//${url.host}${path}`;
		else base = `${url.protocol}//${url.host}${path}/${input.bucket}`;
	}
	return {
		bucket: input.bucket,
		key: input.key,
		region: input.region,
		objectUrl: `${base}/${encodedKey}`,
		ossUrl: `oss://${input.bucket}/${input.key}`,
	};
}
