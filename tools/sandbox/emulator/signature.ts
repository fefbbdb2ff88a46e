/**
 * ACS3-HMAC-SHA256 (signature V3) canonicalization, written from Alibaba's spec and cross-checked in
 * signature.test.ts against @alicloud/openapi-util, never against the package's own signer.
 */
import { createHash, createHmac } from 'node:crypto';

const ALGORITHM = 'ACS3-HMAC-SHA256';

/** RFC 3986: unreserved characters kept, everything else %XX (space → %20, `*` → %2A, `~` kept). */
export function percentEncode(value: string): string {
	return encodeURIComponent(value).replace(/[!'()*]/g, (char) => '%' + char.charCodeAt(0).toString(16).toUpperCase());
}

/** Decodes one query/form component; `+` means space as in application/x-www-form-urlencoded. */
function decodeComponent(value: string): string {
	const plus = value.replace(/\+/g, ' ');
	try {
		return decodeURIComponent(plus);
	} catch {
		// Malformed escapes: keep the raw text, like a lenient servlet decoder.
		return plus;
	}
}

/** Name/value pairs from a raw `a=b&c=d` string, in wire order, decoded. */
export function parsePairs(raw: string): Array<[string, string]> {
	if (!raw) return [];
	return raw
		.split('&')
		.filter((part) => part.length > 0)
		.map((part) => {
			const eq = part.indexOf('=');
			return eq < 0
				? [decodeComponent(part), '']
				: [decodeComponent(part.slice(0, eq)), decodeComponent(part.slice(eq + 1))];
		});
}

export function canonicalQuery(pairs: Array<[string, string]>): string {
	return pairs
		.map(([key, value]) => [percentEncode(key), percentEncode(value)] as const)
		.sort((left, right) =>
			left[0] < right[0] ? -1 : left[0] > right[0] ? 1 : left[1] < right[1] ? -1 : left[1] > right[1] ? 1 : 0,
		)
		.map(([key, value]) => `${key}=${value}`)
		.join('&');
}

export function canonicalUri(path: string): string {
	return (
		path
			.split('/')
			.map((segment) => percentEncode(decodeComponent(segment)))
			.join('/') || '/'
	);
}

/** Headers as a lower-case map; values for the canonical form are trimmed. */
export function canonicalHeaders(headers: Record<string, string | undefined>, signedHeaders: string[]): string {
	return signedHeaders.map((name) => `${name}:${(headers[name] ?? '').trim()}\n`).join('');
}

interface CanonicalInput {
	method: string;
	path: string;
	queryPairs: Array<[string, string]>;
	headers: Record<string, string | undefined>;
	signedHeaders: string[];
	hashedPayload: string;
}

export function canonicalRequest(input: CanonicalInput): string {
	return [
		input.method.toUpperCase(),
		canonicalUri(input.path),
		canonicalQuery(input.queryPairs),
		canonicalHeaders(input.headers, input.signedHeaders),
		input.signedHeaders.join(';'),
		input.hashedPayload,
	].join('\n');
}

export const sha256Hex = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');

export function stringToSign(canonical: string): string {
	return `${ALGORITHM}\n${sha256Hex(canonical)}`;
}

export function signString(secret: string, toSign: string): string {
	return createHmac('sha256', secret).update(toSign).digest('hex');
}

interface ParsedAuthorization {
	accessKeyId: string;
	signedHeaders: string[];
	signature: string;
}

/** `ACS3-HMAC-SHA256 Credential=<id>,SignedHeaders=<a;b>,Signature=<hex>`; undefined when garbled. */
export function parseAuthorization(header: string | undefined): ParsedAuthorization | undefined {
	if (!header) return undefined;
	const match = /^ACS3-HMAC-SHA256\s+(.+)$/.exec(header.trim());
	if (!match) return undefined;
	const fields = new Map<string, string>();
	for (const part of match[1].split(',')) {
		const eq = part.indexOf('=');
		if (eq < 0) return undefined;
		fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
	}
	const accessKeyId = fields.get('Credential');
	const signedHeaders = fields.get('SignedHeaders');
	const signature = fields.get('Signature');
	if (!accessKeyId || !signedHeaders || !signature || !/^[0-9a-f]{64}$/i.test(signature)) return undefined;
	const names = signedHeaders.split(';').map((header) => header.trim());
	if (names.some((count) => count === '' || count !== count.toLowerCase())) return undefined;
	return { accessKeyId, signedHeaders: names, signature: signature.toLowerCase() };
}
