/**
 * Signs OSS requests with OSS Signature V4 inside the "Alibaba Cloud API" credential.
 *
 * Which requests are OSS requests (the rule is explicit, never guessed from the body):
 * 1. the request carries the header `x-n8n-oss-bucket` (the Upload to OSS node always sets it, with
 *    `x-n8n-oss-key` and optionally `x-n8n-oss-region`; these private headers are removed before sending), or
 * 2. its host is an OSS endpoint: `oss-<region>[-internal].aliyuncs.com` or `<bucket>.oss-<region>….aliyuncs.com`.
 * Everything else (ICE and VOD, which carry `x-acs-version`) keeps ACS3 signing.
 *
 * The signing region is `x-n8n-oss-region`, else the region in an OSS host name, else the credential's region.
 * The payload is not hashed (`x-oss-content-sha256: UNSIGNED-PAYLOAD`), so stream bodies go out untouched.
 */
import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestOptions } from 'n8n-workflow';
import { NotSentError } from '../notSent';

import { OSS_BUCKET_HEADER, OSS_KEY_HEADER, OSS_REGION_HEADER } from '../../alibaba/oss4/markers';
import {
	formatOssDate,
	ossEncode,
	signOss4,
	UNSIGNED_PAYLOAD,
	type Oss4Result,
	type QueryPair,
} from '../../alibaba/oss4/signer';

const PRIVATE_HEADERS = new Set([OSS_BUCKET_HEADER, OSS_KEY_HEADER, OSS_REGION_HEADER]);
const GENERATED_HEADERS = new Set([
	'authorization',
	'date',
	'x-oss-date',
	'x-oss-content-sha256',
	'x-oss-security-token',
]);
const OSS_HOST = /^(?:([a-z0-9][a-z0-9-]{1,61}[a-z0-9])\.)?oss-([a-z0-9-]+?)(?:-internal)?\.aliyuncs\.com$/i;

interface OssSigningOverrides {
	now?: Date;
}

function headerValue(headers: IHttpRequestOptions['headers'], name: string): string | undefined {
	for (const [key, value] of Object.entries(headers ?? {})) {
		if (key.toLowerCase() === name && value !== undefined && value !== null) return String(value).trim();
	}
	return undefined;
}

function requestUrl(options: IHttpRequestOptions): URL | undefined {
	const raw = String((options as { uri?: string }).uri ?? options.url ?? '');
	const base = options.baseURL ?? '';
	try {
		return new URL(raw, base || undefined);
	} catch {
		return undefined;
	}
}

export function isOssRequest(options: IHttpRequestOptions): boolean {
	if (headerValue(options.headers, OSS_BUCKET_HEADER) !== undefined) return true;
	if (headerValue(options.headers, 'x-acs-version') !== undefined) return false;
	const url = requestUrl(options);
	return url !== undefined && OSS_HOST.test(url.hostname);
}

function credentialText(credentials: ICredentialDataDecryptedObject, name: string): string {
	const value = credentials[name];
	return value === undefined || value === null ? '' : String(value).trim();
}

function decodePath(path: string): string {
	try {
		return decodeURIComponent(path);
	} catch {
		return path;
	}
}

function queryPairs(url: URL, qs: IDataObject | undefined): QueryPair[] {
	const pairs: QueryPair[] = [...url.searchParams.entries()];
	for (const [name, value] of Object.entries(qs ?? {})) {
		if (value === undefined || value === null) continue;
		pairs.push([name, typeof value === 'object' ? JSON.stringify(value) : String(value)]);
	}
	return pairs;
}

/** Where the bucket, key and region come from: the node's private headers, else the OSS host name. */
function resource(options: IHttpRequestOptions, url: URL, credentialRegion: string) {
	const hostMatch = OSS_HOST.exec(url.hostname);
	const bucket = headerValue(options.headers, OSS_BUCKET_HEADER) ?? hostMatch?.[1];
	const encodedKey = headerValue(options.headers, OSS_KEY_HEADER);
	const key = encodedKey !== undefined ? decodePath(encodedKey) : decodePath(url.pathname).replace(/^\//, '');
	const region = headerValue(options.headers, OSS_REGION_HEADER) || hostMatch?.[2] || credentialRegion;
	return { bucket: bucket || undefined, key: key || undefined, region };
}

export function signOssRequest(
	credentials: ICredentialDataDecryptedObject,
	options: IHttpRequestOptions,
	overrides: OssSigningOverrides = {},
): { options: IHttpRequestOptions; signature: Oss4Result } {
	const accessKeyId = credentialText(credentials, 'accessKeyId');
	const accessKeySecret = credentialText(credentials, 'accessKeySecret');
	const securityToken = credentialText(credentials, 'securityToken');
	if (!accessKeyId) throw new NotSentError('The Alibaba Cloud credential has no AccessKey ID.');
	if (!accessKeySecret) throw new NotSentError('The Alibaba Cloud credential has no AccessKey Secret.');
	const url = requestUrl(options);
	if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
		throw new NotSentError(`The OSS request URL is not a valid http(s) URL: "${String(options.url ?? '')}"`);
	}
	const { bucket, key, region } = resource(options, url, credentialText(credentials, 'region'));
	if (!region)
		throw new NotSentError('Cannot tell the OSS region to sign for: set the Region of the node or the credential.');

	const now = overrides.now ?? new Date();
	const headers: Record<string, string> = {};
	for (const [name, value] of Object.entries(options.headers ?? {})) {
		const lower = name.toLowerCase();
		if (PRIVATE_HEADERS.has(lower) || GENERATED_HEADERS.has(lower) || value === undefined || value === null) continue;
		headers[lower] = String(value);
	}
	headers['x-oss-date'] = formatOssDate(now);
	headers['x-oss-content-sha256'] = UNSIGNED_PAYLOAD;
	headers.date = now.toUTCString();
	if (securityToken) headers['x-oss-security-token'] = securityToken;

	const pairs = queryPairs(url, options.qs);
	const signature = signOss4({
		method: options.method ?? 'GET',
		bucket,
		key,
		query: pairs,
		headers,
		region,
		accessKeyId,
		accessKeySecret,
	});
	headers.authorization = signature.authorization;
	const search = pairs
		.map(([name, value]) => (value ? `${ossEncode(name)}=${ossEncode(value)}` : ossEncode(name)))
		.join('&');
	const signed: IHttpRequestOptions = {
		...options,
		url: `${url.origin}${url.pathname}${search ? `?${search}` : ''}`,
		headers,
	};
	delete signed.qs;
	delete signed.baseURL;
	delete (signed as { uri?: string }).uri;
	return { options: signed, signature };
}

export function signOssRequestOptions(
	credentials: ICredentialDataDecryptedObject,
	options: IHttpRequestOptions,
): IHttpRequestOptions {
	return signOssRequest(credentials, options).options;
}
