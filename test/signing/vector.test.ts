/**
 * The published ACS3-HMAC-SHA256 test vector from Alibaba Cloud's "V3 request signature" document.
 * These constants are the only hard-coded expected results in the signing tests.
 */
import { signRequest } from '../../credentials/acs3/authenticate';
import {
	buildCanonicalRequest,
	buildStringToSign,
	canonicalQueryString,
	computeSignature,
	hashPayload,
	sha256Hex,
	signCanonical,
} from '../../alibaba/acs3/signer';

const VECTOR = {
	accessKeyId: 'YourAccessKeyId',
	accessKeySecret: 'YourAccessKeySecret',
	method: 'POST',
	host: 'ecs.cn-shanghai.aliyuncs.com',
	action: 'RunInstances',
	version: '2014-05-26',
	date: '2023-10-26T10:22:32Z',
	nonce: '3156853299f313e23d1673dc12e1703d',
	query: {
		ImageId: 'win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd',
		RegionId: 'cn-shanghai',
	},
	signedHeaders: 'host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version',
	canonicalRequestHash: '7ea06492da5221eba5297e897ce16e55f964061054b7695beedaac1145b1e259',
	signature: '06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0',
};

describe('published ACS3-HMAC-SHA256 vector', () => {
	const headers = {
		host: VECTOR.host,
		'x-acs-action': VECTOR.action,
		'x-acs-version': VECTOR.version,
		'x-acs-date': VECTOR.date,
		'x-acs-signature-nonce': VECTOR.nonce,
		'x-acs-content-sha256': hashPayload(undefined),
	};

	it('pure functions give the published canonical request hash and signature', () => {
		const { canonicalRequest, signedHeaders } = buildCanonicalRequest({
			method: VECTOR.method,
			pathname: '/',
			canonicalQuery: canonicalQueryString(VECTOR.query),
			headers,
			hashedPayload: hashPayload(undefined),
		});
		expect(signedHeaders).toBe(VECTOR.signedHeaders);
		expect(sha256Hex(canonicalRequest)).toBe(VECTOR.canonicalRequestHash);
		const stringToSign = buildStringToSign(canonicalRequest);
		expect(stringToSign).toBe(`ACS3-HMAC-SHA256\n${VECTOR.canonicalRequestHash}`);
		expect(computeSignature(VECTOR.accessKeySecret, stringToSign)).toBe(VECTOR.signature);
	});

	it('signCanonical builds the published Authorization header', () => {
		const result = signCanonical({
			method: VECTOR.method,
			pathname: '/',
			canonicalQuery: canonicalQueryString(VECTOR.query),
			headers,
			hashedPayload: hashPayload(undefined),
			accessKeyId: VECTOR.accessKeyId,
			accessKeySecret: VECTOR.accessKeySecret,
		});
		expect(result.authorization).toBe(
			`ACS3-HMAC-SHA256 Credential=${VECTOR.accessKeyId},SignedHeaders=${VECTOR.signedHeaders},Signature=${VECTOR.signature}`,
		);
	});

	it('the credential signing path (request options → signed options) reproduces the vector', () => {
		const { options, signature } = signRequest(
			{ accessKeyId: VECTOR.accessKeyId, accessKeySecret: VECTOR.accessKeySecret },
			{
				method: 'POST',
				url: `https://${VECTOR.host}/`,
				headers: { 'x-acs-action': VECTOR.action, 'x-acs-version': VECTOR.version },
				qs: VECTOR.query,
				body: {},
			},
			{ now: new Date(VECTOR.date), nonce: VECTOR.nonce },
		);
		expect(sha256Hex(signature.canonicalRequest)).toBe(VECTOR.canonicalRequestHash);
		expect(signature.signature).toBe(VECTOR.signature);
		expect(options.headers?.Authorization).toBe(
			`ACS3-HMAC-SHA256 Credential=${VECTOR.accessKeyId},SignedHeaders=${VECTOR.signedHeaders},Signature=${VECTOR.signature}`,
		);
		expect(options.url).toBe(
			`https://${VECTOR.host}/?ImageId=${VECTOR.query.ImageId}&RegionId=${VECTOR.query.RegionId}`,
		);
		expect(options.body).toBeUndefined();
	});
});
