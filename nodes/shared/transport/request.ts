import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IPollFunctions,
	IWebhookFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { ApiOperation } from '../api/operations';
import { PRODUCTS } from '../../../alibaba/products';
import { TIMEOUT_SECONDS } from '../descriptions/common';
import { sleepUnlessStopped } from '../helpers/sleep';
import { paceFor } from './pacing';
import { readThrown } from './thrown';
import type { ApiFailure, AlibabaErrorBody } from './errors';
import {
	describeFailure,
	failureBeforeSending,
	failureFromErrorBody,
	failureFromNetworkError,
	failureFromUnexpectedBody,
	stoppedBeforeSending,
	unknownOutcomeWarning,
} from './errors';

const CREDENTIAL_TYPE = 'alibabaCloudApi';
const DEFAULT_TIMEOUT_MS = TIMEOUT_SECONDS.default * 1000;

type ParameterValue = string | number | boolean | undefined;

/**
 * One RPC call. Structured parameters are already JSON strings (the API's "shrink" form); `form` goes in an
 * application/x-www-form-urlencoded body (a timeline, for one, is too large for a query). The credential's
 * `authenticate` serializes and signs both, and resolves the endpoint from `x-acs-version`.
 */
export interface ApiRequest {
	query?: Record<string, ParameterValue>;
	form?: Record<string, string>;
}

interface CallOptions {
	itemIndex?: number;
	timeoutMs?: number;
}

type RequestContext = IExecuteFunctions | IPollFunctions | ILoadOptionsFunctions | IWebhookFunctions;

const MAX_ATTEMPTS = 3;
const RETRY_DELAYS_MS = [400, 1500];
/** Throttling says "later", not "never": it is waited out longer (about ten seconds in all) before an item fails. */
const MAX_THROTTLED_ATTEMPTS = 6;
const THROTTLED_BASE_DELAY_MS = 250;
const THROTTLED_MAX_DELAY_MS = 4000;

function retryDelayMs(failure: ApiFailure, attemptNumber: number): number {
	if (!failure.throttled) return RETRY_DELAYS_MS[attemptNumber - 1] ?? RETRY_DELAYS_MS[RETRY_DELAYS_MS.length - 1];
	// Jitter spreads the retries of items that were throttled together.
	const backoff = Math.min(THROTTLED_MAX_DELAY_MS, THROTTLED_BASE_DELAY_MS * 2 ** (attemptNumber - 1));
	return backoff * (0.5 + Math.random());
}

interface QuotaHolder {
	accessKeyId: string;
	/** How many n8n processes share the AccessKey's quota (the credential's Processes Sharing the Quota). */
	processes: number;
}

const quotaHolders = new WeakMap<object, Promise<QuotaHolder>>();

/** Whose quota a request counts against, and with how many processes; read once per node run. Never logged. */
async function quotaHolderOf(context: RequestContext): Promise<QuotaHolder> {
	let holder = quotaHolders.get(context);
	if (!holder) {
		holder = context
			.getCredentials(CREDENTIAL_TYPE)
			.then((credentials) => ({
				accessKeyId: String(credentials.accessKeyId ?? '').trim(),
				processes: Number(credentials.processesSharingQuota) || 1,
			}))
			.catch(() => ({ accessKeyId: '', processes: 1 }));
		quotaHolders.set(context, holder);
	}
	return await holder;
}

function withoutEmptyValues(values: Record<string, ParameterValue> = {}): IDataObject {
	const kept: IDataObject = {};
	for (const [name, value] of Object.entries(values)) {
		if (value !== undefined && value !== '') kept[name] = value;
	}
	return kept;
}

function requestOptions(operation: ApiOperation, request: ApiRequest, timeoutMs: number): IHttpRequestOptions {
	const form = request.form ? withoutEmptyValues(request.form) : {};
	const hasForm = Object.keys(form).length > 0;
	return {
		method: 'POST',
		url: '/',
		headers: {
			'x-acs-action': operation.action,
			'x-acs-version': PRODUCTS[operation.product].apiVersion,
			...(hasForm ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
		},
		qs: withoutEmptyValues(request.query),
		...(hasForm ? { body: form } : {}),
		json: true,
		timeout: timeoutMs,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
	};
}

type Attempt = { ok: true; body: IDataObject } | { ok: false; failure: ApiFailure };

function parseResponse(response: { statusCode: number; body: unknown }, operation: ApiOperation): Attempt {
	let { body } = response;
	if (typeof body === 'string') {
		try {
			body = JSON.parse(body);
		} catch {
			return { ok: false, failure: failureFromUnexpectedBody(body as string, response.statusCode) };
		}
	}
	if (body === null || typeof body !== 'object' || Array.isArray(body)) {
		return { ok: false, failure: failureFromUnexpectedBody(String(body), response.statusCode) };
	}
	if (response.statusCode >= 200 && response.statusCode < 300) {
		return { ok: true, body: body as IDataObject };
	}
	return { ok: false, failure: failureFromErrorBody(body as AlibabaErrorBody, response.statusCode, operation) };
}

async function attempt(
	context: RequestContext,
	operation: ApiOperation,
	request: ApiRequest,
	timeoutMs: number,
): Promise<Attempt> {
	try {
		const response = (await context.helpers.httpRequestWithAuthentication.call(
			context,
			CREDENTIAL_TYPE,
			requestOptions(operation, request, timeoutMs),
		)) as { statusCode: number; body: unknown };
		return parseResponse(response, operation);
	} catch (error) {
		// Only the code and text are kept: the underlying error holds the signed request, STS token included.
		const thrown = readThrown(error);
		if (thrown.notSent) return { ok: false, failure: failureBeforeSending(thrown.detail) };
		return { ok: false, failure: failureFromNetworkError(thrown.code, thrown.detail, timeoutMs) };
	}
}

function mayRetry(operation: ApiOperation, failure: ApiFailure): boolean {
	return failure.transient && (operation.idempotent || failure.outcome === 'rejected');
}

const failures = new WeakMap<NodeApiError, ApiFailure>();

/** The classified failure behind an error thrown by `callApi`, e.g. to tell a transient status read from a final one. */
export function failureOf(error: unknown): ApiFailure | undefined {
	return error instanceof NodeApiError ? failures.get(error) : undefined;
}

/** The error `callApi` throws for this failure; also rebuilds a remembered one identically. */
export function apiError(context: RequestContext, operation: ApiOperation, failure: ApiFailure, itemIndex?: number) {
	const unknown = failure.outcome === 'unknown' && !operation.idempotent;
	const description = [unknown ? unknownOutcomeWarning(operation) : undefined, failure.hint].filter(Boolean).join(' ');
	const details: JsonObject = {
		code: failure.code,
		message: failure.message,
		requestId: failure.requestId ?? null,
		outcome: failure.outcome,
		action: operation.action,
	};
	const message = describeFailure(operation, failure);
	const error = new NodeApiError(context.getNode(), details, {
		message,
		description: description || undefined,
		httpCode: failure.httpStatus ? String(failure.httpStatus) : undefined,
		itemIndex,
		failure: failure.throttled ? { cause: 'rate-limited' } : undefined,
	});
	// NodeApiError swaps messages containing e.g. "ENOTFOUND" (as in "ResourceNotFound") for a generic text.
	error.message = message;
	Object.assign(error.context, details);
	failures.set(error, failure);
	return error;
}

/**
 * Sends one Alibaba Cloud RPC call through the credential and returns the parsed JSON body. Throttling and
 * transient errors are retried, but a non-idempotent call is never sent twice once it may have reached the
 * service: that failure is reported with `outcome: 'unknown'` instead.
 */
export async function callApi(
	context: RequestContext,
	operation: ApiOperation,
	request: ApiRequest,
	options: CallOptions = {},
): Promise<IDataObject> {
	const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
	const signal = 'getExecutionCancelSignal' in context ? context.getExecutionCancelSignal() : undefined;
	const { accessKeyId, processes } = await quotaHolderOf(context);
	const pace = paceFor(accessKeyId, operation, processes);
	for (let attemptNumber = 1; ; attemptNumber++) {
		await pace.take(signal);
		if (signal?.aborted) throw apiError(context, operation, stoppedBeforeSending(), options.itemIndex);
		const result = await attempt(context, operation, request, timeoutMs);
		if (result.ok) {
			pace.answered();
			return result.body;
		}
		const { failure } = result;
		if (failure.throttled) pace.throttled();
		else pace.answered();
		const attempts = failure.throttled ? MAX_THROTTLED_ATTEMPTS : MAX_ATTEMPTS;
		if (attemptNumber >= attempts || !mayRetry(operation, failure)) {
			throw apiError(context, operation, failure, options.itemIndex);
		}
		await sleepUnlessStopped(retryDelayMs(failure, attemptNumber), signal);
		if (signal?.aborted) throw apiError(context, operation, failure, options.itemIndex);
	}
}
