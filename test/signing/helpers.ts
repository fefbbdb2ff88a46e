/**
 * Test helpers: a capturing HTTP server and an independent signature check built on
 * `@alicloud/openapi-util` (Alibaba's own implementation), so the checks do not reuse our signer.
 */
import { createHash } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as querystring from 'node:querystring';

import OpenApiUtil from '@alicloud/openapi-util';

interface CapturedRequest {
	method: string;
	/** Raw request target, e.g. `/?A=b%20c`. */
	rawUrl: string;
	headers: http.IncomingHttpHeaders;
	rawBody: Buffer;
}

export interface CaptureServer {
	port: number;
	requests: CapturedRequest[];
	close(): Promise<void>;
}

/** Starts a server on 127.0.0.1 that records every request and answers with a small JSON body. */
export async function startCaptureServer(): Promise<CaptureServer> {
	const requests: CapturedRequest[] = [];
	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			requests.push({
				method: req.method ?? '',
				rawUrl: req.url ?? '',
				headers: req.headers,
				rawBody: Buffer.concat(chunks),
			});
			res.setHeader('content-type', 'application/json');
			res.end(JSON.stringify({ RequestId: 'test-request-id' }));
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		port,
		requests,
		close: async () => await new Promise<void>((resolve) => server.close(() => resolve())),
	};
}

export function sha256HexOf(data: string | Buffer): string {
	return createHash('sha256').update(data).digest('hex');
}

/** Decodes a raw query string (no `?`) to a map, as a server would. */
export function decodeQuery(rawQuery: string): Record<string, string> {
	const parsed = querystring.parse(rawQuery);
	const result: Record<string, string> = {};
	for (const [key, value] of Object.entries(parsed)) {
		result[key] = Array.isArray(value) ? value[value.length - 1] : (value ?? '');
	}
	return result;
}

/** Parses `ACS3-HMAC-SHA256 Credential=…,SignedHeaders=…,Signature=…`. */
export function parseAuthorization(authorization: string): {
	algorithm: string;
	credential: string;
	signedHeaders: string[];
	signature: string;
} {
	const match = /^(\S+) Credential=([^,]*),SignedHeaders=([^,]*),Signature=([0-9a-f]+)$/.exec(authorization);
	if (!match) throw new Error(`Malformed Authorization header: ${authorization}`);
	return {
		algorithm: match[1],
		credential: match[2],
		signedHeaders: match[3].split(';'),
		signature: match[4],
	};
}

/**
 * What `@alicloud/openapi-util` computes as the Authorization header for a request given as
 * method, path, decoded query map, headers (only host, content-type and x-acs-* matter) and the
 * hex payload hash.
 */
export function sdkAuthorization(input: {
	method: string;
	pathname: string;
	query: Record<string, string>;
	headers: Record<string, string>;
	payloadHash: string;
	accessKeyId: string;
	accessKeySecret: string;
}): string {
	const request = {
		method: input.method,
		pathname: input.pathname,
		query: input.query,
		headers: input.headers,
	};
	return OpenApiUtil.getAuthorization(
		request as unknown as Parameters<typeof OpenApiUtil.getAuthorization>[0],
		'ACS3-HMAC-SHA256',
		input.payloadHash,
		input.accessKeyId,
		input.accessKeySecret,
	);
}

/**
 * Verifies a received request the way the server does: take the headers named in SignedHeaders,
 * the decoded query, the SHA-256 of the received body, and recompute the signature with the SDK.
 * Returns the recomputed Authorization (compare it with the received one).
 */
export function verifyReceived(
	captured: CapturedRequest,
	accessKeySecret: string,
): { expected: string; received: string; bodyHashMatches: boolean } {
	const received = String(captured.headers.authorization ?? '');
	const { credential, signedHeaders } = parseAuthorization(received);
	const headers: Record<string, string> = {};
	for (const name of signedHeaders) {
		const value = captured.headers[name];
		headers[name] = Array.isArray(value) ? value.join(',') : String(value ?? '');
	}
	const [pathname, rawQuery = ''] = captured.rawUrl.split('?');
	const payloadHash = sha256HexOf(captured.rawBody);
	const expected = sdkAuthorization({
		method: captured.method,
		pathname,
		query: decodeQuery(rawQuery),
		headers,
		payloadHash,
		accessKeyId: credential,
		accessKeySecret,
	});
	return {
		expected,
		received,
		bodyHashMatches: headers['x-acs-content-sha256'] === payloadHash,
	};
}
