/**
 * Turns n8n request options into a signed ACS3-HMAC-SHA256 request.
 *
 * n8n hands `authenticate` either IHttpRequestOptions (`url`, `baseURL`, `qs`, `body`, from
 * `httpRequestWithAuthentication` and the declarative RoutingNode) or legacy IRequestOptions
 * (`uri`, `qs`, `body`, `form`, `json`, from `requestWithAuthentication`, used by the HTTP Request
 * node). Whatever comes in, the result carries an absolute `url` with the query already serialized
 * (no `qs`, no `baseURL`) and the body as the exact string or Buffer that was hashed, so the bytes
 * n8n puts on the wire are the bytes that were signed.
 *
 * The input object is never modified: the result is a new object, and feeding the result back in
 * (n8n may re-authenticate a request it already authenticated) signs it again with a fresh date
 * and nonce.
 */
import { randomBytes } from 'node:crypto';
import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestOptions } from 'n8n-workflow';
import { NotSentError } from '../notSent';

import { DEFAULT_REGION, PRODUCTS, defaultEndpoint, productByApiVersion, regionName } from '../../alibaba/products';
import type { Product } from '../../alibaba/products';
import {
	canonicalQueryString,
	canonicalUri,
	formatAcsDate,
	formUrlEncode,
	hashPayload,
	isSignedHeader,
	signCanonical,
	type QueryPair,
	type SignResult,
} from '../../alibaba/acs3/signer';

interface SigningOverrides {
	/** Date to sign with (default: now). */
	now?: Date;
	/** `x-acs-signature-nonce` to use (default: 16 random bytes as hex). */
	nonce?: string;
}

interface SignedRequest {
	options: IHttpRequestOptions;
	/** The pieces of the signature, for tests and debugging. Contains no secret. */
	signature: SignResult;
}

/** Headers this module computes itself; stale values from an earlier signing are dropped. */
const GENERATED_HEADERS = new Set([
	'authorization',
	'host',
	'x-acs-date',
	'x-acs-signature-nonce',
	'x-acs-content-sha256',
	'x-acs-security-token',
	'x-acs-accesskey-id',
]);

const FORM_CONTENT_TYPE = 'application/x-www-form-urlencoded';

/** Options as n8n may really pass them: IHttpRequestOptions plus the legacy request fields. */
type IncomingOptions = IHttpRequestOptions & {
	uri?: string;
	form?: unknown;
};

function credentialString(credentials: ICredentialDataDecryptedObject, key: string): string {
	const value = credentials[key];
	return typeof value === 'string' ? value.trim() : value === undefined || value === null ? '' : String(value).trim();
}

/** A value as the API expects it in the query or a form: scalars as text, structures as JSON. */
function stringifyParameter(value: unknown): string | undefined {
	if (value === undefined || value === null) return undefined;
	if (typeof value === 'string') return value;
	if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
		return String(value);
	}
	if (value instanceof Date) return formatAcsDate(value);
	return JSON.stringify(value);
}

function objectToPairs(source: object): QueryPair[] {
	const pairs: QueryPair[] = [];
	const entries = source instanceof URLSearchParams ? [...source.entries()] : Object.entries(source as IDataObject);
	for (const [name, value] of entries) {
		const text = stringifyParameter(value);
		if (text !== undefined) pairs.push([name, text]);
	}
	return pairs;
}

/** Splits a raw query (without `?`) into decoded pairs; `+` means space, as in HTML forms. */
function parseQuery(search: string): QueryPair[] {
	return [...new URLSearchParams(search).entries()];
}

function isAbsoluteHttpUrl(value: string): boolean {
	return /^https?:\/\//i.test(value);
}

/** Joins a base URL and a path the way axios does (`base/` + `path` without duplicate slashes). */
function joinUrl(base: string, path: string): string {
	if (!path) return base;
	return `${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}

function parseHttpUrl(value: string, what: string): URL {
	let url: URL | undefined;
	try {
		url = new URL(value);
	} catch {
		url = undefined;
	}
	if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
		throw new NotSentError(`${what} is not a valid http(s) URL: "${value}"`);
	}
	return url;
}

/** An endpoint given as a bare host name (`ice-vpc.cn-shanghai.aliyuncs.com`) means HTTPS. */
function normalizeEndpoint(value: string): string {
	return /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `https://${value}`;
}

/**
 * The absolute URL a request goes to: its own `url`/`uri` (joined to `baseURL`) when that is an
 * absolute http(s) URL; otherwise the credential's endpoint override for the product named by the
 * `x-acs-version` header, else that product's public endpoint in the credential's region.
 */
export function resolveTargetUrl(credentials: ICredentialDataDecryptedObject, options: IHttpRequestOptions): URL {
	const incoming = options as IncomingOptions;
	const rawUrl = (incoming.url ?? incoming.uri ?? '').toString().trim();
	const baseURL = (incoming.baseURL ?? '').toString().trim();

	const joined = baseURL && !isAbsoluteHttpUrl(rawUrl) ? joinUrl(baseURL, rawUrl) : rawUrl;
	if (isAbsoluteHttpUrl(joined)) return parseHttpUrl(joined, 'The request URL');

	const version = headerValue(options.headers, 'x-acs-version');
	const product = version ? productByApiVersion(version) : undefined;
	if (!product) {
		const known = Object.values(PRODUCTS)
			.map((p) => `${p.apiVersion} (${p.name})`)
			.join(', ');
		throw new NotSentError(
			`Cannot tell which Alibaba Cloud endpoint to call: the URL "${joined}" is not absolute and the ` +
				`x-acs-version header is ${version ? `"${version}", which is not one of ` : 'missing; expected one of '}` +
				`${known}. Use a full URL such as https://ice.cn-shanghai.aliyuncs.com/ or set the x-acs-version header.`,
		);
	}
	const override = credentialString(credentials, product.endpointOverrideField);
	const region = credentialString(credentials, 'region') || DEFAULT_REGION;
	const endpoint = override ? normalizeEndpoint(override) : regionalEndpoint(product, region);
	const what = override ? `The ${product.name} endpoint in the credential` : 'The endpoint';
	parseHttpUrl(endpoint, what);
	return parseHttpUrl(joinUrl(endpoint, joined), what);
}

function regionalEndpoint(product: Product, region: string): string {
	const endpoint = defaultEndpoint(product, region);
	if (endpoint) return endpoint;
	const offered = product.regions.map((id) => `${regionName(id)} (${id})`).join(', ');
	throw new NotSentError(
		`${product.name} is not offered in the region ${regionName(region)} (${region}) of the Alibaba Cloud credential. ` +
			`It is offered in ${offered}. Choose one of these regions in the credential, or set its ` +
			`${product.shortName} Endpoint field if you have an endpoint of your own.`,
	);
}

function headerValue(headers: IHttpRequestOptions['headers'], name: string): string | undefined {
	if (!headers) return undefined;
	for (const [key, value] of Object.entries(headers)) {
		if (key.toLowerCase() === name && value !== undefined && value !== null) {
			return String(value).trim();
		}
	}
	return undefined;
}

interface ResolvedBody {
	body: string | Buffer | undefined;
	/** Content type the body implies, used when the caller gave none (or always, for form bodies). */
	contentType?: string;
	forceContentType: boolean;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
	if (typeof value !== 'object' || value === null) return false;
	const proto = Object.getPrototypeOf(value) as unknown;
	return proto === Object.prototype || proto === null;
}

function resolveBody(options: IncomingOptions): ResolvedBody {
	let { body } = options;
	const { form } = options;
	if (form !== undefined && form !== null) {
		if (typeof form === 'string') {
			if (body === undefined || body === null || isEmptyBody(body)) body = form;
		} else if (isPlainObject(form)) {
			body = isPlainObject(body) ? { ...body, ...form } : isEmptyBody(body) ? form : body;
		}
	}
	if (body === undefined || body === null || isEmptyBody(body)) {
		return { body: undefined, forceContentType: false };
	}
	if (typeof body === 'string') {
		return { body, contentType: FORM_CONTENT_TYPE, forceContentType: false };
	}
	if (Buffer.isBuffer(body)) {
		return { body, contentType: 'application/octet-stream', forceContentType: false };
	}
	if (isPlainObject(body) || body instanceof URLSearchParams) {
		return {
			body: formUrlEncode(objectToPairs(body)),
			contentType: FORM_CONTENT_TYPE,
			forceContentType: true,
		};
	}
	throw new NotSentError(
		'Alibaba Cloud API requests can only be signed with a text, Buffer or key-value (form) body; streams and multipart bodies are not supported.',
	);
}

function isEmptyBody(body: unknown): boolean {
	if (body === undefined || body === null) return true;
	if (typeof body === 'string' || Buffer.isBuffer(body)) return body.length === 0;
	if (isPlainObject(body)) return Object.keys(body).length === 0;
	return false;
}

/**
 * Signs one request. Exported so tests can force the date and nonce; `authenticate` calls it
 * without overrides.
 */
export function signRequest(
	credentials: ICredentialDataDecryptedObject,
	requestOptions: IHttpRequestOptions,
	overrides: SigningOverrides = {},
): SignedRequest {
	const accessKeyId = credentialString(credentials, 'accessKeyId');
	const accessKeySecret = credentialString(credentials, 'accessKeySecret');
	const securityToken = credentialString(credentials, 'securityToken');
	if (!accessKeyId) throw new NotSentError('The Alibaba Cloud credential has no AccessKey ID.');
	if (!accessKeySecret) throw new NotSentError('The Alibaba Cloud credential has no AccessKey Secret.');

	const incoming = requestOptions as IncomingOptions;
	const url = resolveTargetUrl(credentials, requestOptions);

	// Query: what the URL already carries, then `qs` (a `qs` entry replaces URL entries of that name).
	const qsPairs = incoming.qs ? objectToPairs(incoming.qs) : [];
	const qsNames = new Set(qsPairs.map(([name]) => name));
	const queryPairs = [...parseQuery(url.search).filter(([name]) => !qsNames.has(name)), ...qsPairs];
	const canonicalQuery = canonicalQueryString(queryPairs);
	const path = canonicalUri(url.pathname);
	const wireUrl = `${url.origin}${path}${canonicalQuery ? `?${canonicalQuery}` : ''}`;

	const { body, contentType, forceContentType } = resolveBody(incoming);

	// Headers: keep the caller's (signed ones lower-cased and trimmed), drop stale generated ones.
	const headers: Record<string, string> = {};
	for (const [name, value] of Object.entries(incoming.headers ?? {})) {
		if (value === undefined || value === null) continue;
		const lower = name.toLowerCase();
		if (GENERATED_HEADERS.has(lower)) continue;
		if (isSignedHeader(lower)) headers[lower] = String(value).trim();
		else headers[name] = String(value);
	}
	if (body !== undefined && contentType && (forceContentType || !headers['content-type'])) {
		headers['content-type'] = contentType;
	}
	const now = overrides.now ?? new Date();
	const nonce = overrides.nonce ?? randomBytes(16).toString('hex');
	headers.host = url.host;
	headers['x-acs-date'] = formatAcsDate(now);
	headers['x-acs-signature-nonce'] = nonce;
	headers['x-acs-content-sha256'] = hashPayload(body);
	if (securityToken) {
		headers['x-acs-accesskey-id'] = accessKeyId;
		headers['x-acs-security-token'] = securityToken;
	}

	const signature = signCanonical({
		method: incoming.method ?? 'GET',
		pathname: path,
		canonicalQuery,
		headers,
		hashedPayload: headers['x-acs-content-sha256'],
		accessKeyId,
		accessKeySecret,
	});
	headers.Authorization = signature.authorization;

	const options: IncomingOptions = { ...incoming, url: wireUrl, headers };
	delete options.qs;
	delete options.baseURL;
	delete options.form;
	if (options.uri !== undefined) options.uri = wireUrl;
	if (body === undefined) delete options.body;
	else options.body = body;
	return { options, signature };
}

/** `authenticate` with an optional forced date and nonce (the test seam). */
export function signRequestOptions(
	credentials: ICredentialDataDecryptedObject,
	requestOptions: IHttpRequestOptions,
	overrides: SigningOverrides = {},
): IHttpRequestOptions {
	return signRequest(credentials, requestOptions, overrides).options;
}
