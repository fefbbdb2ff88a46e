/**
 * Alibaba Cloud signature V3 (ACS3-HMAC-SHA256), as pure functions.
 *
 * Nothing here reads the clock or draws random numbers: the date and the nonce are inputs, so the
 * same inputs always give the same canonical request and signature (tests rely on this).
 *
 * CanonicalRequest = METHOD \n CanonicalURI \n CanonicalQuery \n CanonicalHeaders \n SignedHeaders \n HashedPayload
 * StringToSign     = "ACS3-HMAC-SHA256" \n hex(SHA-256(CanonicalRequest))
 * Signature        = hex(HMAC-SHA256(AccessKeySecret, StringToSign))
 */
import { createHash, createHmac } from 'node:crypto';

const ACS3_ALGORITHM = 'ACS3-HMAC-SHA256';

/** A query parameter as name and (already stringified) value, both not yet encoded. */
export type QueryPair = [name: string, value: string];

/**
 * RFC 3986 percent-encoding of UTF-8: everything except the unreserved characters
 * `A-Z a-z 0-9 - _ . ~` is encoded (so space → %20, `*` → %2A, `+` → %2B, `~` stays).
 */
export function percentEncode(value: string): string {
	return encodeURIComponent(value).replace(/[!'()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** The `x-acs-date` format: UTC, second precision, `YYYY-MM-DDTHH:mm:ssZ`. */
export function formatAcsDate(date: Date): string {
	return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function sha256Hex(data: string | Buffer): string {
	return createHash('sha256').update(data).digest('hex');
}

function hmacSha256Hex(secret: string, data: string): string {
	return createHmac('sha256', secret).update(data).digest('hex');
}

/** Hex SHA-256 of the request body exactly as sent; of "" when there is none. */
export function hashPayload(body: string | Buffer | undefined): string {
	return sha256Hex(body ?? '');
}

function compareCodeUnits(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Canonical query string: pairs sorted by name (then by value for repeated names), names and
 * values RFC 3986 encoded, joined as `k=v&…`; "" when there are none. The same string is what the
 * request puts on the wire, so the server sees exactly what was signed.
 */
export function canonicalQueryString(pairs: QueryPair[] | Record<string, string>): string {
	const list: QueryPair[] = Array.isArray(pairs) ? [...pairs] : Object.entries(pairs);
	list.sort((left, right) => compareCodeUnits(left[0], right[0]) || compareCodeUnits(left[1], right[1]));
	return list.map(([name, value]) => `${percentEncode(name)}=${percentEncode(value)}`).join('&');
}

/**
 * Form body (`application/x-www-form-urlencoded`) with the same RFC 3986 encoding, in the given order.
 */
export function formUrlEncode(pairs: QueryPair[]): string {
	return pairs.map(([name, value]) => `${percentEncode(name)}=${percentEncode(value)}`).join('&');
}

/** Canonical URI: each path segment RFC 3986 encoded, `/` kept; "/" for an empty path. */
export function canonicalUri(pathname: string): string {
	if (!pathname) return '/';
	return pathname
		.split('/')
		.map((segment) => {
			let decoded = segment;
			try {
				decoded = decodeURIComponent(segment);
			} catch {
				// not valid percent-encoding: encode the raw text
			}
			return percentEncode(decoded);
		})
		.join('/');
}

/** Whether a header takes part in the signature: `host`, `content-type` and every `x-acs-*`. */
export function isSignedHeader(name: string): boolean {
	const lower = name.toLowerCase();
	return lower === 'host' || lower === 'content-type' || lower.startsWith('x-acs-');
}

/**
 * Canonical headers and the signed-header list. Only signed headers are considered; names are
 * lower-cased and sorted, values trimmed (headers appearing under several spellings are joined with `,`).
 */
export function canonicalHeaders(headers: Record<string, string>): {
	canonical: string;
	signedHeaders: string;
} {
	const grouped = new Map<string, string[]>();
	for (const [name, value] of Object.entries(headers)) {
		if (!isSignedHeader(name)) continue;
		const lower = name.toLowerCase();
		const values = grouped.get(lower) ?? [];
		values.push(String(value).trim());
		grouped.set(lower, values);
	}
	const names = [...grouped.keys()].sort(compareCodeUnits);
	const canonical = names.map((name) => `${name}:${grouped.get(name)!.sort().join(',')}\n`).join('');
	return { canonical, signedHeaders: names.join(';') };
}

interface CanonicalRequestInput {
	method: string;
	/** Path as on the wire; encoded with {@link canonicalUri}. */
	pathname: string;
	/** Canonical query string (see {@link canonicalQueryString}). */
	canonicalQuery: string;
	headers: Record<string, string>;
	/** Hex SHA-256 of the body (the `x-acs-content-sha256` value). */
	hashedPayload: string;
}

export function buildCanonicalRequest(input: CanonicalRequestInput): {
	canonicalRequest: string;
	signedHeaders: string;
} {
	const { canonical, signedHeaders } = canonicalHeaders(input.headers);
	const canonicalRequest = [
		input.method.toUpperCase(),
		canonicalUri(input.pathname),
		input.canonicalQuery,
		canonical,
		signedHeaders,
		input.hashedPayload,
	].join('\n');
	return { canonicalRequest, signedHeaders };
}

export function buildStringToSign(canonicalRequest: string): string {
	return `${ACS3_ALGORITHM}\n${sha256Hex(canonicalRequest)}`;
}

export function computeSignature(accessKeySecret: string, stringToSign: string): string {
	return hmacSha256Hex(accessKeySecret, stringToSign);
}

function buildAuthorization(accessKeyId: string, signedHeaders: string, signature: string): string {
	return `${ACS3_ALGORITHM} Credential=${accessKeyId},SignedHeaders=${signedHeaders},Signature=${signature}`;
}

interface SignInput extends CanonicalRequestInput {
	accessKeyId: string;
	accessKeySecret: string;
}

export interface SignResult {
	canonicalRequest: string;
	stringToSign: string;
	signedHeaders: string;
	signature: string;
	authorization: string;
}

/**
 * Signs a request whose headers already carry every `x-acs-*` value (date, nonce, content hash, …).
 */
export function signCanonical(input: SignInput): SignResult {
	const { canonicalRequest, signedHeaders } = buildCanonicalRequest(input);
	const stringToSign = buildStringToSign(canonicalRequest);
	const signature = computeSignature(input.accessKeySecret, stringToSign);
	return {
		canonicalRequest,
		stringToSign,
		signedHeaders,
		signature,
		authorization: buildAuthorization(input.accessKeyId, signedHeaders, signature),
	};
}
