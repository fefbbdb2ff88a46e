/**
 * OSS Signature V4 against fixed vectors: the header-signing cases of Alibaba's official OSS Go SDK v2
 * (aliyun/alibabacloud-oss-go-sdk-v2, oss/signer/signer_test.go: TestV4AuthHeader, TestV4AuthHeaderToken,
 * TestV4AuthHeaderWithAdditionalHeaders). Only the inputs and expected Authorization values are taken from there.
 */
import { signOssRequest } from '../../credentials/oss4/authenticate';
import { canonicalOssQuery, formatOssDate, signOss4, type QueryPair } from '../../alibaba/oss4/signer';

const QUERY: QueryPair[] = [
	['param1', 'value1'],
	['+param1', 'value3'],
	['|param1', 'value4'],
	['+param2', ''],
	['|param2', ''],
	['param2', ''],
];

function vectorHeaders(unixSeconds: number, extra: Record<string, string> = {}): Record<string, string> {
	return {
		'x-oss-head1': 'value',
		abc: 'value',
		ZAbc: 'value',
		XYZ: 'value',
		'content-type': 'text/plain',
		'x-oss-content-sha256': 'UNSIGNED-PAYLOAD',
		'x-oss-date': formatOssDate(new Date(unixSeconds * 1000)),
		...extra,
	};
}

const base = { method: 'PUT', bucket: 'bucket', key: '1234+-/123/1.txt', query: QUERY, region: 'cn-hangzhou' };

describe('OSS V4 signer: Alibaba SDK vectors', () => {
	it('signs a PUT with query parameters and unsigned extra headers', () => {
		const result = signOss4({
			...base,
			headers: vectorHeaders(1702743657),
			accessKeyId: 'ak',
			accessKeySecret: 'sk',
		});
		expect(result.authorization).toBe(
			'OSS4-HMAC-SHA256 Credential=ak/20231216/cn-hangzhou/oss/aliyun_v4_request,Signature=e21d18daa82167720f9b1047ae7e7f1ce7cb77a31e8203a7d5f4624fa0284afe',
		);
	});

	it('signs the STS security token', () => {
		const result = signOss4({
			...base,
			headers: vectorHeaders(1702784856, { 'x-oss-security-token': 'token' }),
			accessKeyId: 'ak',
			accessKeySecret: 'sk',
		});
		expect(result.authorization).toBe(
			'OSS4-HMAC-SHA256 Credential=ak/20231217/cn-hangzhou/oss/aliyun_v4_request,Signature=b94a3f999cf85bcdc00d332fbd3734ba03e48382c36fa4d5af5df817395bd9ea',
		);
	});

	it.each([[['ZAbc', 'abc']], [['x-oss-no-exist', 'ZAbc', 'x-oss-head1', 'abc']]])(
		'signs additional headers %j (only present, non-default ones, lower-case and sorted)',
		(additionalHeaders) => {
			const result = signOss4({
				...base,
				headers: vectorHeaders(1702747512),
				additionalHeaders,
				accessKeyId: 'ak',
				accessKeySecret: 'sk',
			});
			expect(result.authorization).toBe(
				'OSS4-HMAC-SHA256 Credential=ak/20231216/cn-hangzhou/oss/aliyun_v4_request,AdditionalHeaders=abc;zabc,Signature=4a4183c187c07c8947db7620deb0a6b38d9fbdd34187b6dbaccb316fa251212f',
			);
		},
	);

	it('a wrong secret, region or date changes the signature', () => {
		const sign = (secret: string, region: string, seconds: number) =>
			signOss4({ ...base, region, headers: vectorHeaders(seconds), accessKeyId: 'ak', accessKeySecret: secret })
				.signature;
		const reference = sign('sk', 'cn-hangzhou', 1702743657);
		expect(sign('sk2', 'cn-hangzhou', 1702743657)).not.toBe(reference);
		expect(sign('sk', 'cn-shanghai', 1702743657)).not.toBe(reference);
		expect(sign('sk', 'cn-hangzhou', 1702743658)).not.toBe(reference);
	});

	it('canonical query: encoded names sorted, empty values without "="', () => {
		expect(canonicalOssQuery(QUERY)).toBe('%2Bparam1=value3&%2Bparam2&%7Cparam1=value4&%7Cparam2&param1=value1&param2');
		expect(canonicalOssQuery([['uploads', '']])).toBe('uploads');
	});
});

describe('OSS V4 through the credential: signOssRequest', () => {
	const credentials = { accessKeyId: 'ak', accessKeySecret: 'sk', region: 'cn-hangzhou' };

	it('reproduces the vector from request options on a virtual-hosted URL (bucket and region from the host)', () => {
		const { options, signature } = signOssRequest(
			credentials,
			{
				method: 'PUT',
				url: 'http://bucket.oss-cn-hangzhou.aliyuncs.com/1234%2B-/123/1.txt',
				qs: Object.fromEntries(QUERY),
				headers: { 'x-oss-head1': 'value', abc: 'value', 'content-type': 'text/plain' },
			},
			{ now: new Date(1702743657 * 1000) },
		);
		expect(signature.authorization).toContain(
			'Signature=e21d18daa82167720f9b1047ae7e7f1ce7cb77a31e8203a7d5f4624fa0284afe',
		);
		expect(options.headers).toMatchObject({
			'x-oss-date': '20231216T162057Z',
			'x-oss-content-sha256': 'UNSIGNED-PAYLOAD',
			authorization: signature.authorization,
		});
	});

	it('signs a path-style sandbox URL with the bucket, key and region the node names, and drops those private headers', () => {
		const { options, signature } = signOssRequest(
			{ ...credentials, securityToken: 'token' },
			{
				method: 'PUT',
				url: 'http://127.0.0.1:9000/bucket/1234%2B-/123/1.txt',
				qs: Object.fromEntries(QUERY),
				headers: {
					'x-n8n-oss-bucket': 'bucket',
					'x-n8n-oss-key': '1234%2B-/123/1.txt',
					'x-n8n-oss-region': 'cn-hangzhou',
					'x-oss-head1': 'value',
					'content-type': 'text/plain',
				},
			},
			{ now: new Date(1702784856 * 1000) },
		);
		expect(signature.signature).toBe('b94a3f999cf85bcdc00d332fbd3734ba03e48382c36fa4d5af5df817395bd9ea');
		expect(Object.keys(options.headers ?? {}).filter((name) => name.startsWith('x-n8n'))).toEqual([]);
		expect(options.url).toBe(
			'http://127.0.0.1:9000/bucket/1234%2B-/123/1.txt?param1=value1&%2Bparam1=value3&%7Cparam1=value4&%2Bparam2&%7Cparam2&param2',
		);
	});
});
