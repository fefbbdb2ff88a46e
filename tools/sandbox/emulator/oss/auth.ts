/**
 * Verifies OSS Signature V4 the way OSS does, from the request as it arrived on the wire (raw path, raw query,
 * headers): an implementation of its own, independent of the package's signer in credentials/oss4.
 */
import { createHash, createHmac } from 'node:crypto';

import type { EmulatorAccount } from '../accounts';
import { OssError } from './xml';

const MAX_SKEW_MS = 15 * 60 * 1000;

interface WireRequest {
	method: string;
	bucket: string;
	key: string;
	/** Query as received, without `?`. */
	rawQuery: string;
	headers: Record<string, string | undefined>;
}

interface ParsedAuthorization {
	accessKeyId: string;
	day: string;
	region: string;
	additionalHeaders: string[];
	signature: string;
}

const invalidArgument = (message: string): OssError => new OssError(400, 'InvalidArgument', message);

function parseAuthorization(value: string | undefined): ParsedAuthorization {
	if (!value)
		throw new OssError(403, 'AccessDenied', 'AccessDenied: anonymous access is forbidden for this operation.');
	if (!value.startsWith('OSS4-HMAC-SHA256 ')) {
		throw invalidArgument('Authorization header is invalid: only OSS4-HMAC-SHA256 (signature V4) is accepted.');
	}
	const fields = new Map<string, string>();
	for (const part of value.slice('OSS4-HMAC-SHA256 '.length).split(',')) {
		const equals = part.indexOf('=');
		if (equals > 0) fields.set(part.slice(0, equals).trim(), part.slice(equals + 1).trim());
	}
	const credential = (fields.get('Credential') ?? '').split('/');
	const signature = fields.get('Signature') ?? '';
	if (credential.length !== 5 || credential[3] !== 'oss' || credential[4] !== 'aliyun_v4_request') {
		throw invalidArgument(
			'Invalid credential in Authorization header: expected <AccessKeyId>/<SignDate>/<Region>/oss/aliyun_v4_request.',
		);
	}
	if (!/^[0-9a-f]{64}$/.test(signature)) throw invalidArgument('Invalid signature in Authorization header.');
	const additional = fields.get('AdditionalHeaders');
	return {
		accessKeyId: credential[0],
		day: credential[1],
		region: credential[2],
		additionalHeaders: additional ? additional.split(';').map((name) => name.trim().toLowerCase()) : [],
		signature,
	};
}

function encode(text: string, keepSlash = false): string {
	let out = '';
	for (const byte of Buffer.from(text, 'utf8')) {
		const isUnreserved =
			(byte >= 0x30 && byte <= 0x39) ||
			(byte >= 0x41 && byte <= 0x5a) ||
			(byte >= 0x61 && byte <= 0x7a) ||
			byte === 0x2d ||
			byte === 0x2e ||
			byte === 0x5f ||
			byte === 0x7e;
		out +=
			isUnreserved || (keepSlash && byte === 0x2f)
				? String.fromCharCode(byte)
				: `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
	}
	return out;
}

function decode(text: string): string {
	try {
		return decodeURIComponent(text.replace(/\+/g, '%20'));
	} catch {
		return text;
	}
}

export function queryPairsOf(rawQuery: string): Array<[string, string]> {
	return rawQuery
		.split('&')
		.filter(Boolean)
		.map((piece) => {
			const equals = piece.indexOf('=');
			return equals < 0 ? [decode(piece), ''] : [decode(piece.slice(0, equals)), decode(piece.slice(equals + 1))];
		});
}

function canonicalRequest(request: WireRequest, additional: string[]): string {
	const query = queryPairsOf(request.rawQuery)
		.map(([name, value]) => [encode(name), encode(value)])
		.sort((left, right) => (left[0] === right[0] ? (left[1] < right[1] ? -1 : 1) : left[0] < right[0] ? -1 : 1))
		.map(([name, value]) => (value ? `${name}=${value}` : name))
		.join('&');
	const signed = Object.keys(request.headers)
		.filter((name) => request.headers[name] !== undefined)
		.filter(
			(name) =>
				name === 'content-type' || name === 'content-md5' || name.startsWith('x-oss-') || additional.includes(name),
		)
		.sort();
	const headers = signed.map((name) => `${name}:${String(request.headers[name]).trim()}\n`).join('');
	return [
		request.method,
		encode(`/${request.bucket}/${request.key}`, true),
		query,
		headers,
		additional.join(';'),
		request.headers['x-oss-content-sha256'] ?? '',
	].join('\n');
}

function signingKey(secret: string, day: string, region: string): Buffer {
	let key = createHmac('sha256', `aliyun_v4${secret}`).update(day).digest();
	for (const part of [region, 'oss', 'aliyun_v4_request']) key = createHmac('sha256', key).update(part).digest();
	return key;
}

export function verifyOssSignature(
	request: WireRequest,
	bucketRegion: string,
	findAccount: (accessKeyId: string) => EmulatorAccount | undefined,
	realNow: number,
): EmulatorAccount {
	const auth = parseAuthorization(request.headers.authorization);
	const date = request.headers['x-oss-date'];
	if (!date) throw invalidArgument('The x-oss-date header is required for a V4 signature.');
	const parsed = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(date);
	if (!parsed) throw invalidArgument(`The x-oss-date header is not in yyyymmddTHHMMSSZ format: ${date}`);
	const time = Date.UTC(+parsed[1], +parsed[2] - 1, +parsed[3], +parsed[4], +parsed[5], +parsed[6]);
	if (Math.abs(time - realNow) > MAX_SKEW_MS) {
		throw new OssError(
			403,
			'RequestTimeTooSkewed',
			'The difference between the request time and the current time is too large.',
			{
				RequestTime: date,
				ServerTime: new Date(realNow).toISOString(),
			},
		);
	}
	if (auth.day !== date.slice(0, 8))
		throw invalidArgument('The date in the Credential scope does not match x-oss-date.');
	if (!request.headers['x-oss-content-sha256'])
		throw invalidArgument('The x-oss-content-sha256 header is required for a V4 signature.');
	for (const name of auth.additionalHeaders) {
		if (request.headers[name] === undefined)
			throw invalidArgument(`The additional header "${name}" is not in the request.`);
	}
	const account = findAccount(auth.accessKeyId);
	if (!account) {
		throw new OssError(403, 'InvalidAccessKeyId', 'The OSS Access Key Id you provided does not exist in our records.', {
			OSSAccessKeyId: auth.accessKeyId,
		});
	}
	const token = request.headers['x-oss-security-token'];
	if (account.securityToken !== undefined || token !== undefined) {
		if (token !== account.securityToken)
			throw new OssError(403, 'InvalidSecurityToken', 'The security token you provided is invalid.');
		if (account.securityTokenExpiresAt !== undefined && realNow >= account.securityTokenExpiresAt) {
			throw new OssError(403, 'SecurityTokenExpired', 'The security token you provided has expired.');
		}
	}
	if (auth.region !== bucketRegion) {
		throw invalidArgument(
			`Invalid signing region in Authorization header: the bucket is in ${bucketRegion}, the request was signed for ${auth.region}.`,
		);
	}
	const canonical = canonicalRequest(request, auth.additionalHeaders);
	const stringToSign = [
		'OSS4-HMAC-SHA256',
		date,
		`${auth.day}/${auth.region}/oss/aliyun_v4_request`,
		createHash('sha256').update(canonical).digest('hex'),
	].join('\n');
	const expected = createHmac('sha256', signingKey(account.accessKeySecret, auth.day, auth.region))
		.update(stringToSign)
		.digest('hex');
	if (expected !== auth.signature) {
		throw new OssError(
			403,
			'SignatureDoesNotMatch',
			'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
			{
				OSSAccessKeyId: auth.accessKeyId,
				SignatureProvided: auth.signature,
				StringToSign: stringToSign,
				CanonicalRequest: canonical,
			},
		);
	}
	return account;
}
