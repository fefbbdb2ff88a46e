/**
 * Our signature equals the one `@alicloud/openapi-util` computes for the same inputs (date, nonce,
 * query, body, STS token). The SDK side is built independently from the logical inputs, not from
 * our output.
 */
import * as querystring from 'node:querystring';

import OpenApiUtil from '@alicloud/openapi-util';

import { signRequest } from '../../credentials/acs3/authenticate';
import { canonicalQueryString, percentEncode } from '../../alibaba/acs3/signer';
import { decodeQuery, sdkAuthorization, sha256HexOf } from './helpers';

const DATE = '2024-05-06T07:08:09Z';
const NONCE = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
const HOST = 'ice.cn-shanghai.aliyuncs.com';
const KEY = { accessKeyId: 'LTAI-test-id', accessKeySecret: 'test-secret-💡-密钥' };

const TRICKY_VALUES: Record<string, string> = {
	Chinese: '中文 名称',
	Emoji: 'ok 🎬🎞️',
	Reserved: 'a*b~c d+e/f=g&h%i\'j"k!(l)m,n;o:p@q$r?s#t[u]v',
	Inputs: '[{"Input":{"Type":"OSS","Media":"oss://b/a b.mp4"}}]',
	Output: '{"Type":"OSS","Media":"oss://bucket/out dir/*.m3u8"}',
	Empty: '',
	Percent: '100%25 done %',
	Newline: 'line1\nline2\ttab',
};

function sdkQuery(query: Record<string, string>): Record<string, string> {
	// openapi-util's query() is what the client applies to request.query before signing.
	return OpenApiUtil.query(query);
}

describe('parity with @alicloud/openapi-util', () => {
	it('encodes like the SDK: RFC 3986, space %20, * %2A, ~ kept', () => {
		for (const value of Object.values(TRICKY_VALUES)) {
			expect(percentEncode(value)).toBe(OpenApiUtil.getEncodeParam(value));
		}
		expect(percentEncode(' *~+')).toBe('%20%2A~%2B');
	});

	it.each([
		['no STS token', undefined],
		['STS token', 'CAIS-sts-token/+== with spaces '],
	])('query with non-ASCII and reserved characters, no body (%s)', (_label, securityToken) => {
		const { options, signature } = signRequest(
			securityToken ? { ...KEY, securityToken } : { ...KEY },
			{
				method: 'POST',
				url: `https://${HOST}/`,
				headers: { 'x-acs-action': 'SubmitPackageJob', 'x-acs-version': '2020-11-09' },
				qs: TRICKY_VALUES,
			},
			{ now: new Date(DATE), nonce: NONCE },
		);

		const sdkHeaders: Record<string, string> = {
			host: HOST,
			'x-acs-action': 'SubmitPackageJob',
			'x-acs-version': '2020-11-09',
			'x-acs-date': DATE,
			'x-acs-signature-nonce': NONCE,
			'x-acs-content-sha256': OpenApiUtil.hexEncode(OpenApiUtil.hash(Buffer.from(''), 'ACS3-HMAC-SHA256')),
			'user-agent': 'ignored',
			accept: 'application/json',
		};
		if (securityToken) {
			// What openapi-client adds for STS credentials.
			sdkHeaders['x-acs-accesskey-id'] = KEY.accessKeyId;
			sdkHeaders['x-acs-security-token'] = securityToken;
		}
		const expected = sdkAuthorization({
			method: 'POST',
			pathname: '/',
			query: sdkQuery(TRICKY_VALUES),
			headers: sdkHeaders,
			payloadHash: sdkHeaders['x-acs-content-sha256'],
			...KEY,
		});
		expect(options.headers?.Authorization).toBe(expected);
		expect(signature.authorization).toBe(expected);
		if (securityToken) {
			expect(options.headers?.['x-acs-security-token']).toBe(securityToken.trim());
			expect(signature.signedHeaders).toContain('x-acs-security-token');
		}
	});

	it("form body: same bytes as openapi-util toForm (when no !'()* present) and same signature", () => {
		const body = {
			Timeline: '{"VideoTracks":[{"VideoTrackClips":[{"MediaURL":"oss://b/中文 a.mp4"}]}]}',
			Name: 'a b+c/d=e&f%g~h',
			Count: 3,
			Flag: true,
		};
		const { options } = signRequest(
			KEY,
			{
				method: 'POST',
				url: `https://${HOST}/`,
				headers: { 'x-acs-action': 'SubmitMediaProducingJob', 'x-acs-version': '2020-11-09' },
				qs: { OutputMediaConfig: '{"MediaURL":"oss://b/o.mp4"}' },
				body,
			},
			{ now: new Date(DATE), nonce: NONCE },
		);
		const sdkForm = OpenApiUtil.toForm(body);
		expect(options.body).toBe(sdkForm);

		const payloadHash = OpenApiUtil.hexEncode(OpenApiUtil.hash(Buffer.from(sdkForm), 'ACS3-HMAC-SHA256'));
		const expected = sdkAuthorization({
			method: 'POST',
			pathname: '/',
			query: sdkQuery({ OutputMediaConfig: '{"MediaURL":"oss://b/o.mp4"}' }),
			headers: {
				host: HOST,
				'content-type': 'application/x-www-form-urlencoded',
				'x-acs-action': 'SubmitMediaProducingJob',
				'x-acs-version': '2020-11-09',
				'x-acs-date': DATE,
				'x-acs-signature-nonce': NONCE,
				'x-acs-content-sha256': payloadHash,
			},
			payloadHash,
			...KEY,
		});
		expect(options.headers?.Authorization).toBe(expected);
	});

	it("form body with !'()*: we encode them (the SDK's querystring leaves them raw); same decoded content, same signature for our bytes", () => {
		const body = { Reserved: TRICKY_VALUES.Reserved, Emoji: TRICKY_VALUES.Emoji };
		const { options } = signRequest(
			KEY,
			{
				method: 'POST',
				url: `https://${HOST}/`,
				headers: { 'x-acs-action': 'SubmitMediaProducingJob', 'x-acs-version': '2020-11-09' },
				body,
			},
			{ now: new Date(DATE), nonce: NONCE },
		);
		const ours = String(options.body);
		expect(ours).not.toMatch(/[!'()*]/);
		expect(querystring.parse(ours)).toEqual(querystring.parse(OpenApiUtil.toForm(body)));
		const payloadHash = sha256HexOf(ours);
		expect(options.headers?.['x-acs-content-sha256']).toBe(payloadHash);
		const expected = sdkAuthorization({
			method: 'POST',
			pathname: '/',
			query: {},
			headers: {
				host: HOST,
				'content-type': 'application/x-www-form-urlencoded',
				'x-acs-action': 'SubmitMediaProducingJob',
				'x-acs-version': '2020-11-09',
				'x-acs-date': DATE,
				'x-acs-signature-nonce': NONCE,
				'x-acs-content-sha256': payloadHash,
			},
			payloadHash,
			...KEY,
		});
		expect(options.headers?.Authorization).toBe(expected);
	});

	it('parameter names with reserved / non-ASCII characters are encoded (the SDK does not encode names; it agrees once given encoded names)', () => {
		// Names chosen so that raw and encoded names sort the same way (see the next test for the rule).
		const query = { 'Tag.1.Key': 'v1', 'a b': 'v2', 'z名*': 'v3', 'x~y': 'v4', 'A"=&': 'v5' };
		const { options } = signRequest(
			KEY,
			{
				method: 'POST',
				url: `https://${HOST}/`,
				headers: { 'x-acs-action': 'Any', 'x-acs-version': '2020-11-09' },
				qs: query,
			},
			{ now: new Date(DATE), nonce: NONCE },
		);
		const encodedNames: Record<string, string> = {};
		for (const [name, value] of Object.entries(query)) encodedNames[percentEncode(name)] = value;
		// Same order either way for these names, so the SDK's sort-then-join agrees with ours.
		expect(canonicalQueryString(query)).toBe(
			Object.keys(encodedNames)
				.sort()
				.map((key) => `${key}=${percentEncode(encodedNames[key])}`)
				.join('&'),
		);
		const payloadHash = sha256HexOf('');
		const expected = sdkAuthorization({
			method: 'POST',
			pathname: '/',
			query: encodedNames,
			headers: {
				host: HOST,
				'x-acs-action': 'Any',
				'x-acs-version': '2020-11-09',
				'x-acs-date': DATE,
				'x-acs-signature-nonce': NONCE,
				'x-acs-content-sha256': payloadHash,
			},
			payloadHash,
			...KEY,
		});
		expect(options.headers?.Authorization).toBe(expected);
		// And the wire query decodes back to the original names and values.
		expect(decodeQuery(new URL(options.url).search.slice(1))).toEqual(query);
	});

	it('sorts by the raw parameter name before encoding (Alibaba V3 rule, also what the SDK does)', () => {
		const query = { 名: '1', Z: '2', 'a b': '3', a: '4' };
		const sdkOrder = Object.keys(query).sort();
		expect(canonicalQueryString(query)).toBe(
			sdkOrder.map((name) => `${percentEncode(name)}=${percentEncode(query[name as keyof typeof query])}`).join('&'),
		);
		expect(canonicalQueryString(query).startsWith('Z=2&a=4&a%20b=3&')).toBe(true);
	});
});
