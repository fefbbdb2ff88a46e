/** The ACS3 signer's pure helpers (credentials/acs3/signer.ts), from source; the published vector is in test/signing. */
import {
	canonicalQueryString,
	canonicalUri,
	formatAcsDate,
	hashPayload,
	isSignedHeader,
	percentEncode,
} from '../../alibaba/acs3/signer';

describe('ACS3 signer helpers', () => {
	it.each([
		["percentEncode: RFC 3986, with * ( ) ! ' encoded", () => percentEncode("a b*~'()!"), 'a%20b%2A~%27%28%29%21'],
		['canonicalQueryString: sorted by name, encoded', () => canonicalQueryString({ b: '2', a: '1 1' }), 'a=1%201&b=2'],
		['canonicalUri: each segment encoded, slashes kept', () => canonicalUri('/a b/c'), '/a%20b/c'],
		[
			'formatAcsDate: UTC, whole seconds',
			() => formatAcsDate(new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 678))),
			'2024-01-02T03:04:05Z',
		],
		[
			'hashPayload: the SHA-256 of nothing for no body',
			() => hashPayload(undefined),
			'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
		],
	])('%s', (_name, compute, expected) => {
		expect(compute()).toBe(expected);
	});

	it.each([
		['x-acs-date', true],
		['content-type', true],
		['user-agent', false],
	])('isSignedHeader(%s) is %s', (name, signed) => {
		expect(isSignedHeader(name)).toBe(signed);
	});
});
