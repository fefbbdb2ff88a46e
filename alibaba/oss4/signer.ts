/**
 * OSS Signature Version 4 (`OSS4-HMAC-SHA256`), the pure computation: canonical request, string to sign,
 * signing-key derivation and the Authorization header. Nothing here reads credentials or the clock.
 *
 * CanonicalRequest = METHOD \n CanonicalURI \n CanonicalQuery \n CanonicalHeaders \n AdditionalHeaders \n HashedPayload
 * - CanonicalURI: `/<bucket>/<key>` (`/<bucket>/` without a key, `/` without a bucket) whatever the host style,
 *   every byte except unreserved characters and `/` percent-encoded.
 * - CanonicalQuery: names and values RFC 3986 encoded, sorted by encoded name, `name=value`, or `name` alone when
 *   the value is empty (`?uploads`).
 * - CanonicalHeaders: `content-type`, `content-md5`, every `x-oss-*` header and the additional headers, lower-case,
 *   sorted, values trimmed, each `name:value\n`.
 * StringToSign = `OSS4-HMAC-SHA256\n<yyyymmddTHHMMSSZ>\n<yyyymmdd>/<region>/oss/aliyun_v4_request\n<hex sha256(CanonicalRequest)>`
 * SigningKey = HMAC chain from `aliyun_v4` + secret over the date, the region, `oss`, `aliyun_v4_request`.
 */
import { createHash, createHmac } from 'node:crypto';

export const OSS4_ALGORITHM = 'OSS4-HMAC-SHA256';
export const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';
const PRODUCT = 'oss';
const REQUEST_TYPE = 'aliyun_v4_request';

export type QueryPair = [string, string];

const UNRESERVED = /[A-Za-z0-9\-._~]/;

/** Percent-encodes every UTF-8 byte except the unreserved characters (and `/` when `keepSlash`). */
export function ossEncode(value: string, keepSlash = false): string {
	let encoded = '';
	for (const byte of Buffer.from(value, 'utf8')) {
		const char = String.fromCharCode(byte);
		if (byte < 0x80 && (UNRESERVED.test(char) || (keepSlash && char === '/'))) encoded += char;
		else encoded += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
	}
	return encoded;
}

/** `x-oss-date`: UTC, `yyyymmddTHHMMSSZ`. */
export function formatOssDate(date: Date): string {
	return date
		.toISOString()
		.replace(/\.\d{3}Z$/, 'Z')
		.replace(/[-:]/g, '');
}

export function canonicalOssUri(bucket: string | undefined, key: string | undefined): string {
	let path = '/';
	if (bucket) path += `${bucket}/`;
	if (key) path += key;
	return ossEncode(path, true);
}

function compareCodeUnits(left: string, right: string): number {
	return left < right ? -1 : left > right ? 1 : 0;
}

export function canonicalOssQuery(pairs: QueryPair[]): string {
	return pairs
		.map(([name, value]) => [ossEncode(name), ossEncode(value)] as QueryPair)
		.sort((left, right) => compareCodeUnits(left[0], right[0]) || compareCodeUnits(left[1], right[1]))
		.map(([name, value]) => (value ? `${name}=${value}` : name))
		.join('&');
}

function isDefaultSignedHeader(lowerName: string): boolean {
	return lowerName === 'content-type' || lowerName === 'content-md5' || lowerName.startsWith('x-oss-');
}

/** The additional headers actually signed: lower-case, present, not signed anyway, sorted, unique. */
export function effectiveAdditionalHeaders(headers: Record<string, string>, additional: string[] = []): string[] {
	const present = new Set(
		Object.entries(headers)
			.filter(([, value]) => value !== '')
			.map(([name]) => name.toLowerCase()),
	);
	const names = additional.map((name) => name.toLowerCase()).filter((name) => !isDefaultSignedHeader(name));
	return [...new Set(names.filter((name) => present.has(name)))].sort(compareCodeUnits);
}

export function canonicalOssHeaders(headers: Record<string, string>, additional: string[]): string {
	const grouped = new Map<string, string[]>();
	for (const [name, value] of Object.entries(headers)) {
		const lower = name.toLowerCase();
		if (!isDefaultSignedHeader(lower) && !additional.includes(lower)) continue;
		grouped.set(lower, [...(grouped.get(lower) ?? []), String(value).trim()]);
	}
	return [...grouped.keys()]
		.sort(compareCodeUnits)
		.map((name) => `${name}:${grouped.get(name)!.join(',')}\n`)
		.join('');
}

export interface Oss4Input {
	method: string;
	bucket?: string;
	key?: string;
	query: QueryPair[];
	/** Every header that goes on the wire, `x-oss-date` and `x-oss-content-sha256` included. */
	headers: Record<string, string>;
	additionalHeaders?: string[];
	region: string;
	accessKeyId: string;
	accessKeySecret: string;
}

export interface Oss4Result {
	canonicalRequest: string;
	stringToSign: string;
	scope: string;
	signature: string;
	authorization: string;
}

function headerOf(headers: Record<string, string>, name: string): string | undefined {
	const found = Object.entries(headers).find(([key]) => key.toLowerCase() === name);
	return found ? String(found[1]) : undefined;
}

export function ossSigningKey(accessKeySecret: string, day: string, region: string): Buffer {
	let key: Buffer = createHmac('sha256', `aliyun_v4${accessKeySecret}`).update(day).digest();
	for (const part of [region, PRODUCT, REQUEST_TYPE]) key = createHmac('sha256', key).update(part).digest();
	return key;
}

/** Signs a request whose headers already carry `x-oss-date` (and the security token, for STS). */
export function signOss4(input: Oss4Input): Oss4Result {
	const datetime = headerOf(input.headers, 'x-oss-date') ?? '';
	if (!/^\d{8}T\d{6}Z$/.test(datetime)) throw new Error('OSS V4 signing needs an x-oss-date header (yyyymmddTHHMMSSZ)');
	const day = datetime.slice(0, 8);
	const additional = effectiveAdditionalHeaders(input.headers, input.additionalHeaders);
	const canonicalRequest = [
		input.method.toUpperCase(),
		canonicalOssUri(input.bucket, input.key),
		canonicalOssQuery(input.query),
		canonicalOssHeaders(input.headers, additional),
		additional.join(';'),
		headerOf(input.headers, 'x-oss-content-sha256') ?? UNSIGNED_PAYLOAD,
	].join('\n');
	const scope = `${day}/${input.region}/${PRODUCT}/${REQUEST_TYPE}`;
	const stringToSign = [
		OSS4_ALGORITHM,
		datetime,
		scope,
		createHash('sha256').update(canonicalRequest).digest('hex'),
	].join('\n');
	const signature = createHmac('sha256', ossSigningKey(input.accessKeySecret, day, input.region))
		.update(stringToSign)
		.digest('hex');
	const authorization =
		`${OSS4_ALGORITHM} Credential=${input.accessKeyId}/${scope}` +
		(additional.length ? `,AdditionalHeaders=${additional.join(';')}` : '') +
		`,Signature=${signature}`;
	return { canonicalRequest, stringToSign, scope, signature, authorization };
}
