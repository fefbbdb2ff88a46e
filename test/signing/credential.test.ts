import type { ICredentialDataDecryptedObject, IHttpRequestOptions } from 'n8n-workflow';

import { AlibabaCloudApi } from '../../credentials/AlibabaCloudApi.credentials';
import { resolveTargetUrl, signRequest, signRequestOptions } from '../../credentials/acs3/authenticate';
import { PRODUCTS, REGIONS } from '../../alibaba/products';
import { testCredential } from '../../tools/sandbox/engine';
import { decodeQuery, parseAuthorization, sha256HexOf, startCaptureServer, verifyReceived } from './helpers';

const SECRET = 'Sup3r-Secret-Value-x9Q';
const TOKEN = 'STS-Token-Value-7Kp';
const CREDS: ICredentialDataDecryptedObject = {
	accessKeyId: '  LTAI-cred-test  ',
	accessKeySecret: ` ${SECRET}\n`,
	region: 'cn-beijing',
};
const ICE = { 'x-acs-action': 'ListPackageJobs', 'x-acs-version': PRODUCTS.ice.apiVersion };
const VOD = { 'x-acs-action': 'GetJobDetail', 'x-acs-version': PRODUCTS.vod.apiVersion };
const VOD_TEST = { 'x-acs-action': 'GetMessageCallback', 'x-acs-version': PRODUCTS.vod.apiVersion };

describe('AlibabaCloudApi credential', () => {
	const credential = new AlibabaCloudApi();

	it('describes itself as n8n expects', () => {
		expect(credential.name).toBe('alibabaCloudApi');
		expect(credential.displayName).toBe('Alibaba Cloud API');
		expect(credential.icon).toEqual({
			light: 'file:../icons/alibabaCloud.svg',
			dark: 'file:../icons/alibabaCloud.dark.svg',
		});
		expect(credential.documentationUrl).toMatch(/^https:\/\/www\.alibabacloud\.com\//);
		const byName = Object.fromEntries(credential.properties.map((property) => [property.name, property]));
		expect(Object.keys(byName)).toEqual([
			'accessKeyId',
			'accessKeySecret',
			'securityToken',
			'region',
			'iceEndpoint',
			'vodEndpoint',
			'processesSharingQuota',
		]);
		expect(byName.processesSharingQuota).toMatchObject({ type: 'number', default: 1 });
		expect(byName.processesSharingQuota.typeOptions).toMatchObject({ minValue: 1 });
		expect(byName.accessKeySecret.typeOptions?.password).toBe(true);
		expect(byName.securityToken.typeOptions?.password).toBe(true);
		expect(byName.region.default).toBe('cn-shanghai');
		expect(byName.region.options?.map((object) => (object as { value: string }).value)).toEqual(
			REGIONS.map((entry) => entry.id),
		);
		expect(byName.iceEndpoint.placeholder).toBe('https://ice.cn-shanghai.aliyuncs.com');
		expect(byName.vodEndpoint.placeholder).toBe('https://vod.cn-shanghai.aliyuncs.com');
	});

	it.each([
		['a region with ICE', { region: 'cn-beijing', iceEndpoint: 'capture' }, ICE, '/?PageSize=1'],
		['a VOD-only region', { region: 'ap-northeast-1', vodEndpoint: 'capture' }, VOD_TEST, '/'],
	])(
		'Test button in %s: a signed POST of a read-only action, no body, STS token sent',
		async (_where, endpoints, headers, rawUrl) => {
			const server = await startCaptureServer();
			const url = `http://127.0.0.1:${server.port}`;
			try {
				const overrides = Object.fromEntries(
					Object.entries(endpoints).map(([field, value]) => [field, value === 'capture' ? url : value]),
				);
				const result = await testCredential({ ...CREDS, securityToken: TOKEN, ...overrides });
				expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
				const [received] = server.requests;
				expect(received.method).toBe('POST');
				expect(received.rawUrl).toBe(rawUrl);
				expect(received.rawBody).toHaveLength(0);
				expect(received.headers).toMatchObject(headers);
				expect(received.headers['content-type']).toBeUndefined();
				expect(received.headers['x-acs-content-sha256']).toBe(sha256HexOf(''));
				expect(received.headers['x-acs-security-token']).toBe(TOKEN);
				const check = verifyReceived(received, SECRET);
				expect(check.expected).toBe(check.received);
				const auth = parseAuthorization(String(received.headers.authorization));
				expect(auth.credential).toBe('LTAI-cred-test');
				expect(auth.signedHeaders).toEqual([
					'host',
					'x-acs-accesskey-id',
					'x-acs-action',
					'x-acs-content-sha256',
					'x-acs-date',
					'x-acs-security-token',
					'x-acs-signature-nonce',
					'x-acs-version',
				]);
			} finally {
				await server.close();
			}
		},
	);

	it('the Test rules explain 404, 403 and 400', () => {
		const rules = credential.test.rules ?? [];
		expect(rules.map((entry) => (entry.type === 'responseCode' ? entry.properties.value : undefined))).toEqual([
			404, 403, 400,
		]);
	});
});

describe('URL resolution', () => {
	const url = (credentials: ICredentialDataDecryptedObject, options: Partial<IHttpRequestOptions>) =>
		resolveTargetUrl(credentials, options as IHttpRequestOptions).href;

	it('a region without the product is no error when the product’s endpoint is overridden', () => {
		const creds = { ...CREDS, region: 'ap-northeast-1', iceEndpoint: 'http://127.0.0.1:8787' };
		expect(url(creds, { url: '/', headers: ICE })).toBe('http://127.0.0.1:8787/');
		expect(url(creds, { url: '/', headers: VOD })).toBe('https://vod.ap-northeast-1.aliyuncs.com/');
		expect(url({ ...CREDS, region: '' }, { url: '/', headers: ICE })).toBe('https://ice.cn-shanghai.aliyuncs.com/');
	});

	it('the region list says which products each region has', () => {
		const names = Object.fromEntries(REGIONS.map((region) => [region.id, `${region.name}: ${region.offers}`]));
		expect(names['cn-shanghai']).toBe('China (Shanghai): ICE and VOD');
		expect(names['cn-hangzhou']).toBe('China (Hangzhou): ICE; VOD via cn-shanghai');
		expect(names['ap-northeast-1']).toBe('Japan (Tokyo): VOD only');
		expect(names['us-west-1']).toBe('US (Silicon Valley): ICE and VOD');
	});

	it('endpoint overrides per product (with port, path, or without scheme)', () => {
		const creds = { ...CREDS, iceEndpoint: ' http://127.0.0.1:8787 ', vodEndpoint: 'vod-vpc.cn-beijing.aliyuncs.com' };
		expect(url(creds, { url: '/', headers: ICE })).toBe('http://127.0.0.1:8787/');
		expect(url(creds, { url: '/', headers: VOD })).toBe('https://vod-vpc.cn-beijing.aliyuncs.com/');
		expect(url({ ...CREDS, iceEndpoint: 'http://proxy.local:8080/ice/' }, { url: '/', headers: ICE })).toBe(
			'http://proxy.local:8080/ice/',
		);
	});

	it('absolute URLs pass through (url, legacy uri, baseURL + relative url)', () => {
		const creds = { ...CREDS, iceEndpoint: 'http://127.0.0.1:8787' };
		expect(url(creds, { url: 'https://ice.ap-southeast-1.aliyuncs.com/', headers: ICE })).toBe(
			'https://ice.ap-southeast-1.aliyuncs.com/',
		);
		expect(url(creds, { uri: 'http://10.0.0.1:9000/?A=1', headers: {} } as never)).toBe('http://10.0.0.1:9000/?A=1');
		expect(url(creds, { baseURL: 'https://vod.cn-hangzhou.aliyuncs.com', url: '/', headers: ICE })).toBe(
			'https://vod.cn-hangzhou.aliyuncs.com/',
		);
	});

	it('relative URL without a known x-acs-version is a clear error', () => {
		expect(() => url(CREDS, { url: '/', headers: {} })).toThrow(/x-acs-version header is missing/);
		expect(() => url(CREDS, { url: '/', headers: { 'x-acs-version': '2014-05-26' } })).toThrow(
			/"2014-05-26", which is not one of 2020-11-09/,
		);
	});

	it('invalid endpoint override is reported', () => {
		expect(() => url({ ...CREDS, iceEndpoint: 'ftp://x' }, { url: '/', headers: ICE })).toThrow(
			/not a valid http\(s\) URL/,
		);
	});
});

describe('request serialization and re-signing', () => {
	const forced = { now: new Date('2025-01-02T03:04:05.678Z'), nonce: 'n-1' };

	it('merges URL query and qs, JSON-stringifies structures, drops null/undefined, sorts and encodes', () => {
		const { options } = signRequest(
			CREDS,
			{
				method: 'POST',
				url: 'https://ice.cn-beijing.aliyuncs.com/?B=from%20url&Z=keep+plus',
				headers: ICE,
				qs: {
					B: 'from qs',
					A: 1,
					C: true,
					D: { Type: 'OSS', Media: 'oss://b/o.m3u8' },
					E: [{ Input: { Type: 'OSS' } }],
					F: null,
					G: undefined,
				} as never,
			},
			forced,
		);
		const url = new URL(options.url);
		expect(decodeQuery(url.search.slice(1))).toEqual({
			A: '1',
			B: 'from qs',
			C: 'true',
			D: '{"Type":"OSS","Media":"oss://b/o.m3u8"}',
			E: '[{"Input":{"Type":"OSS"}}]',
			Z: 'keep plus',
		});
		expect(url.search).toMatch(/^\?A=1&B=from%20qs&C=true&D=%7B%22Type%22/);
		expect(options.headers?.['x-acs-date']).toBe('2025-01-02T03:04:05Z');
	});

	it('form body from body, legacy form, string and Buffer bodies; caller content-type kept for strings', () => {
		const sign = (extra: Record<string, unknown>) =>
			signRequest(CREDS, { method: 'POST', url: '/', headers: ICE, ...extra } as IHttpRequestOptions, forced).options;

		const fromObject = sign({
			body: { Timeline: { a: 'b c' } },
			headers: { ...ICE, 'Content-Type': 'application/json' },
		});
		expect(fromObject.body).toBe('Timeline=%7B%22a%22%3A%22b%20c%22%7D');
		expect(fromObject.headers?.['content-type']).toBe('application/x-www-form-urlencoded');
		expect(fromObject.headers?.['Content-Type']).toBeUndefined();

		const fromForm = sign({ form: { X: 'y z' } });
		expect(fromForm.body).toBe('X=y%20z');
		expect((fromForm as { form?: unknown }).form).toBeUndefined();

		const fromString = sign({ body: '{"raw":1}', headers: { ...ICE, 'content-type': 'application/json' } });
		expect(fromString.body).toBe('{"raw":1}');
		expect(fromString.headers?.['content-type']).toBe('application/json');
		expect(fromString.headers?.['x-acs-content-sha256']).toBe(sha256HexOf('{"raw":1}'));

		const buffer = Buffer.from([0, 1, 2, 255]);
		const fromBuffer = sign({ body: buffer });
		expect(fromBuffer.body).toBe(buffer);
		expect(fromBuffer.headers?.['x-acs-content-sha256']).toBe(sha256HexOf(buffer));

		for (const empty of [undefined, '', {}, Buffer.alloc(0)]) {
			const none = sign({ body: empty });
			expect(none.body).toBeUndefined();
			expect(none.headers?.['content-type']).toBeUndefined();
			expect(none.headers?.['x-acs-content-sha256']).toBe(sha256HexOf(''));
		}
	});

	it('does not modify the input and re-signs its own output with a fresh date and nonce, same wire form', () => {
		const input: IHttpRequestOptions = {
			method: 'POST',
			url: '/',
			headers: { ...ICE, Accept: 'application/json' },
			qs: { Name: 'a b*c~d+e', Inputs: '[{"Input":{"Media":"oss://b/ä.mp4"}}]' },
			body: { Timeline: '{"x":"y z"}' },
		};
		const snapshot = JSON.parse(JSON.stringify(input)) as IHttpRequestOptions;
		const first = signRequest({ ...CREDS, securityToken: TOKEN }, input, forced);
		expect(input).toEqual(snapshot);

		const later = { now: new Date('2025-01-02T03:09:00Z'), nonce: 'n-2' };
		const again = signRequest({ ...CREDS, securityToken: TOKEN }, first.options, later);
		expect(again.options.url).toBe(first.options.url); // no double encoding
		expect(again.options.body).toBe(first.options.body);
		expect(again.options.headers?.['x-acs-date']).toBe('2025-01-02T03:09:00Z');
		expect(again.options.headers?.['x-acs-signature-nonce']).toBe('n-2');
		expect(again.options.headers?.Authorization).not.toBe(first.options.headers?.Authorization);
		// No stale or duplicated signature headers.
		const names = Object.keys(again.options.headers ?? {}).map((name) => name.toLowerCase());
		expect(names.filter((name) => name === 'authorization')).toHaveLength(1);
		expect(new Set(names).size).toBe(names.length);
		// Same as signing the original input with the later date and nonce.
		const direct = signRequest({ ...CREDS, securityToken: TOKEN }, input, later);
		expect(again.options.headers?.Authorization).toBe(direct.options.headers?.Authorization);
		expect(again.signature.canonicalRequest).toBe(direct.signature.canonicalRequest);

		// Without overrides, two signings differ in nonce.
		const left = signRequestOptions(CREDS, input);
		const right = signRequestOptions(CREDS, input);
		expect(left.headers?.['x-acs-signature-nonce']).not.toBe(right.headers?.['x-acs-signature-nonce']);
	});

	it('legacy options from the HTTP Request node (uri, qs, form, json)', () => {
		const legacy = {
			uri: 'https://ice.cn-shanghai.aliyuncs.com/',
			method: 'POST',
			qs: { JobId: 'abc' },
			headers: { 'x-acs-action': 'GetPackageJob', 'x-acs-version': '2020-11-09', accept: 'application/json' },
			json: true,
			gzip: true,
			resolveWithFullResponse: true,
		};
		const out = signRequestOptions(CREDS, legacy as unknown as IHttpRequestOptions, forced) as IHttpRequestOptions & {
			uri?: string;
		};
		expect(out.url).toBe('https://ice.cn-shanghai.aliyuncs.com/?JobId=abc');
		expect(out.uri).toBe(out.url);
		expect(out.json).toBe(true);
		expect(out.headers?.accept).toBe('application/json');
	});
});

describe('secrets never appear in errors', () => {
	const secretCreds = { ...CREDS, accessKeySecret: SECRET, securityToken: TOKEN };
	const failing: Array<[string, () => unknown]> = [
		['missing version', () => signRequestOptions(secretCreds, { url: '/', headers: {} })],
		[
			'bad endpoint',
			() => signRequestOptions({ ...secretCreds, iceEndpoint: 'ftp://bad' }, { url: '/', headers: ICE }),
		],
		['bad absolute url', () => signRequestOptions(secretCreds, { url: 'http://[bad', headers: ICE })],
		[
			'stream body',
			() => signRequestOptions(secretCreds, { url: '/', headers: ICE, body: new (class Stream {})() as never }),
		],
		['missing id', () => signRequestOptions({ ...secretCreds, accessKeyId: ' ' }, { url: '/', headers: ICE })],
		['missing secret', () => signRequestOptions({ ...secretCreds, accessKeySecret: '' }, { url: '/', headers: ICE })],
	];
	it.each(failing)('%s', (_label, run) => {
		let caught: unknown;
		try {
			run();
		} catch (error) {
			caught = error;
		}
		expect(caught).toBeInstanceOf(Error);
		const text = `${(caught as Error).message} ${(caught as Error).stack ?? ''} ${JSON.stringify(caught)}`;
		expect(text).not.toContain(SECRET);
		expect(text).not.toContain(TOKEN);
	});
});
