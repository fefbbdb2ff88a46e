/**
 * One OSS REST call through the "Alibaba Cloud API" credential: the request is marked as an OSS request
 * (private `x-n8n-oss-*` headers naming bucket, key and region), so the credential's `authenticate` signs it with
 * OSS Signature V4 and removes the marks. Transient failures are retried when the call allows it; the body is
 * produced again for every attempt (a stream can only be sent once).
 */
import type { IExecuteFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { ossEncode } from '../../../alibaba/oss4/signer';
import { OSS_BUCKET_HEADER, OSS_KEY_HEADER, OSS_REGION_HEADER } from '../../../alibaba/oss4/markers';
import { sleepUnlessStopped } from '../helpers/sleep';
import type { OssTarget } from '../oss/target';
import type { OssFailure } from '../oss/errors';
import { failureFromNetwork, failureFromResponse } from '../oss/errors';
import { readThrown } from './thrown';

const CREDENTIAL_TYPE = 'alibabaCloudApi';
const RETRY_DELAYS_MS = [500, 2000];

export type OssBody = Buffer | string | AsyncIterable<Buffer>;

export interface OssCall {
	/** OSS API name, for messages: PutObject, UploadPart… */
	action: string;
	method: 'PUT' | 'POST' | 'DELETE' | 'HEAD';
	target: OssTarget;
	/** Sub-resources and parameters, e.g. `{ uploads: '' }` or `{ partNumber: '3', uploadId }`. */
	query?: Record<string, string>;
	headers?: Record<string, string>;
	/** Called once per attempt. */
	body?: () => OssBody | Promise<OssBody>;
	contentLength?: number;
	timeoutMs: number;
	/** `transient`: retry 5xx and lost connections (idempotent calls); `rejected`: only answers that say it failed. */
	retry: 'transient' | 'rejected' | 'never';
}

export interface OssAnswer {
	statusCode: number;
	headers: Record<string, unknown>;
	body: string;
}

export class OssCallError extends Error {
	constructor(
		readonly failure: OssFailure,
		readonly action: string,
	) {
		super(`${action} failed: ${failure.code}${failure.message ? ` (${failure.message})` : ''}`);
	}
}

function requestUrl(call: OssCall): string {
	const query = Object.entries(call.query ?? {})
		.map(([name, value]) => (value ? `${ossEncode(name)}=${ossEncode(value)}` : ossEncode(name)))
		.join('&');
	return query ? `${call.target.objectUrl}?${query}` : call.target.objectUrl;
}

async function options(call: OssCall): Promise<IHttpRequestOptions> {
	const body = await call.body?.();
	return {
		method: call.method,
		url: requestUrl(call),
		headers: {
			[OSS_BUCKET_HEADER]: call.target.bucket,
			[OSS_KEY_HEADER]: ossEncode(call.target.key, true),
			[OSS_REGION_HEADER]: call.target.region,
			// The HTTP client would add a form content type to a body without one, after signing: set it before.
			...(body !== undefined ? { 'content-type': 'application/octet-stream' } : {}),
			...(call.contentLength !== undefined ? { 'content-length': String(call.contentLength) } : {}),
			...call.headers,
		},
		...(body !== undefined ? { body: body as IHttpRequestOptions['body'] } : {}),
		json: false,
		encoding: 'text',
		timeout: call.timeoutMs,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		// Following redirects makes n8n's HTTP client keep every byte sent until the answer: a whole file held in
		// memory. OSS never redirects these calls, so a 3xx is answered as an error.
		disableFollowRedirect: true,
	};
}

async function attempt(context: IExecuteFunctions, call: OssCall): Promise<OssAnswer | OssFailure> {
	try {
		const response = (await context.helpers.httpRequestWithAuthentication.call(
			context,
			CREDENTIAL_TYPE,
			await options(call),
		)) as {
			statusCode: number;
			headers: Record<string, unknown>;
			body: unknown;
		};
		const body =
			typeof response.body === 'string'
				? response.body
				: Buffer.isBuffer(response.body)
					? response.body.toString('utf8')
					: '';
		if (response.statusCode >= 200 && response.statusCode < 300)
			return { statusCode: response.statusCode, headers: response.headers ?? {}, body };
		return failureFromResponse(response.statusCode, body, response.headers ?? {});
	} catch (error) {
		// Only the code and text are kept: the underlying error holds the signed request, STS token included.
		const thrown = readThrown(error);
		if (thrown.notSent) return { code: 'NotSent', message: thrown.detail, transient: false, outcomeUnknown: false };
		return failureFromNetwork(thrown.code, thrown.detail, call.timeoutMs);
	}
}

function mayRetry(call: OssCall, failure: OssFailure): boolean {
	if (!failure.transient || call.retry === 'never') return false;
	return call.retry === 'transient' || !failure.outcomeUnknown;
}

export async function callOss(context: IExecuteFunctions, call: OssCall): Promise<OssAnswer> {
	const signal = context.getExecutionCancelSignal();
	for (let attemptNumber = 1; ; attemptNumber++) {
		if (signal?.aborted)
			throw new OssCallError(
				{ code: 'Stopped', message: 'the execution was stopped', transient: false, outcomeUnknown: false },
				call.action,
			);
		const result = await attempt(context, call);
		if ('statusCode' in result) return result;
		if (attemptNumber > RETRY_DELAYS_MS.length || !mayRetry(call, result)) throw new OssCallError(result, call.action);
		await sleepUnlessStopped(RETRY_DELAYS_MS[attemptNumber - 1], signal);
	}
}

/** A response header as text (axios lower-cases names). */
export function answerHeader(answer: OssAnswer, name: string): string | undefined {
	const value = answer.headers[name];
	return value === undefined || value === null ? undefined : String(value);
}
