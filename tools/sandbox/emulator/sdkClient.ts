/** Test helpers: the official SDK as a client, and a raw signed-request builder for malformed cases. */
import OpenApi, { Config, OpenApiRequest, Params } from '@alicloud/openapi-client';
import OpenApiUtil from '@alicloud/openapi-util';
import { RuntimeOptions } from '@alicloud/tea-util';
import { randomBytes, createHash } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import type { Emulator } from './index';

export const ICE_VERSION = '2020-11-09';
export const VOD_VERSION = '2017-03-21';

interface Creds {
	accessKeyId: string;
	accessKeySecret: string;
	securityToken?: string;
}

export function sdk(emu: Emulator, creds: Creds = emu.credentials): OpenApi {
	return new OpenApi(
		new Config({ ...creds, endpoint: emu.endpoint, protocol: 'http', readTimeout: 3000, connectTimeout: 3000 }),
	);
}

export async function callSdk(
	client: OpenApi,
	action: string,
	query: Record<string, string> = {},
	body?: Record<string, string>,
	version = action === 'SubmitWorkflowJob' || action === 'GetJobDetail' ? VOD_VERSION : ICE_VERSION,
): Promise<Record<string, any>> {
	const params = new Params({
		action,
		version,
		protocol: 'HTTP',
		pathname: '/',
		method: 'POST',
		authType: 'AK',
		style: 'RPC',
		reqBodyType: 'formData',
		bodyType: 'json',
	});
	const res = await client.callApi(params, new OpenApiRequest({ query, body }), new RuntimeOptions({}));
	return res.body as Record<string, any>;
}

/** Calls and returns the SDK error (code, statusCode, data), failing if the call succeeded. */
export async function sdkError(
	client: OpenApi,
	action: string,
	query: Record<string, string> = {},
	body?: Record<string, string>,
): Promise<{ code: string; statusCode: number; data: Record<string, any>; message: string }> {
	try {
		await callSdk(client, action, query, body);
	} catch (err: any) {
		return { code: err.code, statusCode: err.statusCode ?? err.data?.statusCode, data: err.data, message: err.message };
	}
	throw new Error(`${action} unexpectedly succeeded`);
}

interface RawOptions {
	action?: string;
	version?: string;
	query?: Record<string, string>;
	/** Form body (sent with Content-Length unless chunked). */
	form?: Record<string, string>;
	chunked?: boolean;
	creds?: Creds;
	date?: string;
	nonce?: string;
	/** Mutate headers after signing (simulate tampering) or before (leave unsigned). */
	tamper?: (headers: Record<string, string>) => void;
	/** Which headers to sign; default all host/content-type/x-acs-*. */
	unsigned?: string[];
	contentSha?: string;
	authorization?: string | null;
	/** Raw query string instead of a serialized `query`. */
	rawQuery?: string;
}

export const isoNow = (offsetMs = 0): string => new Date(Date.now() + offsetMs).toISOString().replace(/\.\d{3}Z$/, 'Z');

/**
 * Builds a request signed with @alicloud/openapi-util's getAuthorization (independent of the emulator's
 * verifier) and sends it over a real socket.
 */
export function rawCall(emu: Emulator, object: RawOptions = {}): Promise<{ status: number; body: any; text: string }> {
	const creds: Creds = object.creds ?? emu.credentials;
	const query = object.query ?? {};
	const bodyText = object.form ? new URLSearchParams(object.form).toString().replace(/\+/g, '%20') : '';
	const headers: Record<string, string> = {
		host: emu.endpoint,
		'x-acs-action': object.action ?? 'GetPackageJob',
		'x-acs-version': object.version ?? ICE_VERSION,
		'x-acs-date': object.date ?? isoNow(),
		'x-acs-signature-nonce': object.nonce ?? randomBytes(16).toString('hex'),
		'x-acs-content-sha256': object.contentSha ?? createHash('sha256').update(bodyText).digest('hex'),
	};
	if (object.form) headers['content-type'] = 'application/x-www-form-urlencoded';
	if (creds.securityToken) headers['x-acs-security-token'] = creds.securityToken;
	const signed = Object.fromEntries(Object.entries(headers).filter(([key]) => !(object.unsigned ?? []).includes(key)));
	const auth = OpenApiUtil.getAuthorization(
		{ pathname: '/', method: 'POST', query, headers: signed } as any,
		'ACS3-HMAC-SHA256',
		headers['x-acs-content-sha256'],
		creds.accessKeyId,
		creds.accessKeySecret,
	);
	if (object.authorization !== null) headers.authorization = object.authorization ?? auth;
	object.tamper?.(headers);
	const qs = object.rawQuery ?? new URLSearchParams(query).toString().replace(/\+/g, '%20');
	return new Promise((resolve, reject) => {
		const req = httpRequest(
			{
				host: '127.0.0.1',
				port: emu.port,
				method: 'POST',
				path: '/' + (qs ? '?' + qs : ''),
				headers: {
					...headers,
					...(object.chunked || !bodyText ? {} : { 'content-length': String(Buffer.byteLength(bodyText)) }),
				},
			},
			(res) => {
				const chunks: Buffer[] = [];
				res.on('data', (char: Buffer) => chunks.push(char));
				res.on('end', () => {
					const text = Buffer.concat(chunks).toString('utf8');
					let body: any;
					try {
						body = JSON.parse(text);
					} catch {
						body = undefined;
					}
					resolve({ status: res.statusCode ?? 0, body, text });
				});
			},
		);
		req.on('error', reject);
		if (object.chunked && bodyText) {
			const mid = Math.floor(bodyText.length / 2);
			req.write(bodyText.slice(0, mid));
			req.write(bodyText.slice(mid));
		} else if (bodyText) req.write(bodyText);
		req.end();
	});
}

export async function admin(
	emu: Emulator,
	method: string,
	route: string,
	body?: unknown,
): Promise<{ status: number; json: any }> {
	const res = await fetch(`${emu.url}/__emulator${route}`, {
		method,
		headers: body ? { 'content-type': 'application/json' } : {},
		body: body ? JSON.stringify(body) : undefined,
	});
	return { status: res.status, json: await res.json() };
}
