/**
 * Over a real socket:
 *  1. `@alicloud/openapi-client` sends a request to a local server; we sign the equivalent request
 *     (same date and nonce forced) and must produce the same Authorization for the same wire bytes.
 *  2. What our authenticate returns, sent by n8n's own HTTP stack (both the httpRequest path used by
 *     nodes/RoutingNode and the legacy request path used by the HTTP Request node), arrives with a
 *     signature that Alibaba's SDK code recomputes identically from the received bytes.
 */
import OpenApi, * as $OpenApi from '@alicloud/openapi-client';
import * as $Util from '@alicloud/tea-util';
import { Container } from '@n8n/di';
import { OutboundHttp } from '@n8n/backend-network';
import type { ICredentialDataDecryptedObject, IHttpRequestOptions } from 'n8n-workflow';

import { signRequest, signRequestOptions } from '../../credentials/acs3/authenticate';
import {
	type CaptureServer,
	decodeQuery,
	parseAuthorization,
	sdkAuthorization,
	sha256HexOf,
	startCaptureServer,
	verifyReceived,
} from './helpers';

const KEY = { accessKeyId: 'LTAI-e2e-id', accessKeySecret: 'e2e-secret/+=' };
const STS = 'CAIS-e2e-security-token';

const QUERY = {
	Inputs: '[{"Input":{"Type":"OSS","Media":"oss://b/a b.mp4"}}]',
	Output: '{"Type":"OSS","Media":"oss://b/中文/out*.m3u8"}',
	Name: "job ~ 'quoted' (1) 🎬 a+b=c&d%e",
	PageSize: '1',
};
const BODY = {
	Timeline: '{"VideoTracks":[{"VideoTrackClips":[{"MediaURL":"oss://b/x y.mp4"}]}]}',
	UserData: '{"NotifyAddress":"https://example.com/hook?a=1&b=2"}',
};

let server: CaptureServer;
beforeAll(async () => {
	server = await startCaptureServer();
});
afterAll(async () => {
	await server.close();
});

async function sendWithSdk(securityToken?: string): Promise<void> {
	const client = new OpenApi(
		new $OpenApi.Config({
			...KEY,
			securityToken,
			endpoint: `127.0.0.1:${server.port}`,
			protocol: 'http',
		}),
	);
	await client.callApi(
		new $OpenApi.Params({
			action: 'SubmitMediaProducingJob',
			version: '2020-11-09',
			protocol: 'HTTP',
			pathname: '/',
			method: 'POST',
			authType: 'AK',
			style: 'RPC',
			reqBodyType: 'formData',
			bodyType: 'json',
		}),
		new $OpenApi.OpenApiRequest({ query: QUERY, body: BODY }),
		new $Util.RuntimeOptions({}),
	);
}

describe.each([
	['AccessKey', undefined],
	['STS token', STS],
])('openapi-client on the wire vs our signer (%s)', (_label, securityToken) => {
	it('same canonical inputs → same Authorization for the same bytes', async () => {
		server.requests.length = 0;
		await sendWithSdk(securityToken);
		expect(server.requests).toHaveLength(1);
		const sent = server.requests[0];
		const sdkAuth = parseAuthorization(String(sent.headers.authorization));

		// The SDK's request is itself valid by the independent check.
		const check = verifyReceived(sent, KEY.accessKeySecret);
		expect(check.bodyHashMatches).toBe(true);
		expect(check.expected).toBe(check.received);

		const [, rawQuery = ''] = sent.rawUrl.split('?');
		const forced = {
			now: new Date(String(sent.headers['x-acs-date'])),
			nonce: String(sent.headers['x-acs-signature-nonce']),
		};
		const baseOptions: IHttpRequestOptions = {
			method: 'POST',
			url: `http://127.0.0.1:${server.port}/`,
			headers: {
				'x-acs-action': String(sent.headers['x-acs-action']),
				'x-acs-version': String(sent.headers['x-acs-version']),
				// the client also signs a header naming its credential provider ("static_ak", …):
				// an extra x-acs-* header given by the caller, which we sign too
				'x-acs-credentials-provider': String(sent.headers['x-acs-credentials-provider']),
			},
			qs: decodeQuery(rawQuery),
		};
		const credentials: ICredentialDataDecryptedObject = securityToken ? { ...KEY, securityToken } : { ...KEY };

		// a) the exact body bytes the SDK sent, as a string body with its content type
		const withRawBody = signRequest(
			credentials,
			{
				...baseOptions,
				headers: { ...baseOptions.headers, 'content-type': String(sent.headers['content-type']) },
				body: sent.rawBody.toString('utf8'),
			},
			forced,
		);
		expect(withRawBody.options.headers?.['x-acs-content-sha256']).toBe(sent.headers['x-acs-content-sha256']);
		expect(withRawBody.signature.signedHeaders).toBe(sdkAuth.signedHeaders.join(';'));
		expect(withRawBody.options.headers?.Authorization).toBe(sent.headers.authorization);

		// b) the same parameters as an object body: we serialize it to the same bytes here
		//    (no !'()* in the values, which the SDK's querystring would leave unencoded)
		const withObjectBody = signRequest(credentials, { ...baseOptions, body: BODY }, forced);
		expect(withObjectBody.options.body).toBe(sent.rawBody.toString('utf8'));
		expect(withObjectBody.options.headers?.Authorization).toBe(sent.headers.authorization);

		// c) our output is self-consistent: recomputing from the returned URL, headers and body
		//    with the SDK's code gives the returned Authorization.
		const out = withObjectBody.options;
		const url = new URL(out.url);
		const outHeaders = Object.fromEntries(
			Object.entries(out.headers ?? {}).filter(([name]) => name !== 'Authorization'),
		) as Record<string, string>;
		const payloadHash = sha256HexOf(String(out.body));
		expect(outHeaders['x-acs-content-sha256']).toBe(payloadHash);
		expect(outHeaders.host).toBe(url.host);
		expect(
			sdkAuthorization({
				method: String(out.method),
				pathname: url.pathname,
				query: decodeQuery(url.search.slice(1)),
				headers: outHeaders,
				payloadHash,
				...KEY,
			}),
		).toBe(out.headers?.Authorization);
	});
});

describe("n8n's HTTP stack sends exactly what was signed", () => {
	const requests = () => Container.get(OutboundHttp).requests();

	function expectValidOnServer(): void {
		const received = server.requests[server.requests.length - 1];
		const check = verifyReceived(received, KEY.accessKeySecret);
		expect(check.bodyHashMatches).toBe(true);
		expect(check.expected).toBe(check.received);
	}

	it('httpRequest path (nodes, RoutingNode): relative url + endpoint override + qs + object body', async () => {
		const signed = signRequestOptions(
			{ ...KEY, securityToken: STS, iceEndpoint: `http://127.0.0.1:${server.port}` },
			{
				method: 'POST',
				url: '/',
				headers: { 'x-acs-action': 'SubmitMediaProducingJob', 'x-acs-version': '2020-11-09' },
				qs: QUERY,
				body: { ...BODY, Note: "it's (really) *special*!" },
				json: true,
				returnFullResponse: true,
			},
		);
		const response = (await requests().request(signed as never)) as { body: { RequestId: string } };
		expect(response.body.RequestId).toBe('test-request-id');
		expectValidOnServer();
		const received = server.requests[server.requests.length - 1];
		expect(decodeQuery(received.rawUrl.split('?')[1])).toEqual(QUERY);
		expect(received.headers['x-acs-security-token']).toBe(STS);
	});

	it('legacy request path (HTTP Request node): uri + qs + form + json', async () => {
		const legacy = {
			method: 'POST',
			uri: `http://127.0.0.1:${server.port}/?PageSize=5`,
			qs: { Name: QUERY.Name, Inputs: QUERY.Inputs },
			form: BODY,
			json: true,
			headers: { 'x-acs-action': 'SubmitMediaProducingJob', 'x-acs-version': '2020-11-09', accept: 'application/json' },
			resolveWithFullResponse: true,
			gzip: true,
			followRedirect: true,
		};
		const signed = signRequestOptions(KEY, legacy as unknown as IHttpRequestOptions);
		await requests().requestLegacy(signed as never);
		expectValidOnServer();
		const received = server.requests[server.requests.length - 1];
		expect(decodeQuery(received.rawUrl.split('?')[1])).toEqual({
			PageSize: '5',
			Name: QUERY.Name,
			Inputs: QUERY.Inputs,
		});
		expect(decodeQuery(received.rawBody.toString())).toEqual(BODY);
	});

	it('a request re-signed from its own signed output is still valid on the wire', async () => {
		const first = signRequestOptions(KEY, {
			method: 'POST',
			url: `http://127.0.0.1:${server.port}/`,
			headers: { 'x-acs-action': 'ListPackageJobs', 'x-acs-version': '2020-11-09' },
			qs: QUERY,
			body: BODY,
		});
		const second = signRequestOptions(KEY, first);
		await requests().request(second as never);
		expectValidOnServer();
	});
});
