import type { ApiOperation } from '../api/operations';
import { ramAction } from '../api/operations';

/**
 * What went wrong with one API call, in the terms the user needs: Alibaba's own Code, Message and RequestId
 * when the service answered, and whether the request may have taken effect (`outcome: 'unknown'`).
 */
export interface ApiFailure {
	code: string;
	message: string;
	requestId?: string;
	httpStatus?: number;
	/**
	 * 'rejected': the service refused the request, or it never left n8n; nothing happened.
	 * 'unknown': it may have taken effect.
	 */
	outcome: 'rejected' | 'unknown';
	/** Worth sending again: throttling, transient server errors, dropped connections. */
	transient: boolean;
	/** The service refused the call for sending too many requests per second. */
	throttled?: boolean;
	hint?: string;
}

export interface AlibabaErrorBody {
	RequestId?: string;
	HostId?: string;
	Code?: string;
	Message?: string;
	Recommend?: string;
}

const THROTTLING_CODES = [
	'Throttling',
	'Throttling.User',
	'Throttling.Api',
	'RequestsTooFrequent',
	'ServiceUnavailable.Throttling',
];
const TRANSIENT_SERVER_CODES = ['InternalError', 'ServiceUnAvailable', 'ServiceUnavailable', 'ServiceTimeout'];

const CREDENTIAL = 'the "Alibaba Cloud API" credential';

function hintFor(code: string, operation: ApiOperation): string | undefined {
	if (code === 'InvalidAccessKeyId.NotFound' || code === 'InvalidAccessKeyId') {
		return `The AccessKey ID in ${CREDENTIAL} does not exist. Copy it again from the RAM console (AccessKey pairs of the RAM user); if it was deleted or disabled, create a new pair.`;
	}
	if (code === 'InvalidAccessKeyId.Inactive') {
		return `The AccessKey ID in ${CREDENTIAL} is disabled. Enable it in the RAM console or create a new pair.`;
	}
	if (code === 'SignatureDoesNotMatch' || code === 'IncompleteSignature') {
		return `The AccessKey Secret in ${CREDENTIAL} does not belong to the AccessKey ID. Paste the secret again (it is shown only once, when the pair is created; create a new pair if it is lost).`;
	}
	if (code.startsWith('InvalidSecurityToken') || code === 'MissingSecurityToken') {
		return `The STS Security Token in ${CREDENTIAL} is missing, expired or belongs to another temporary AccessKey. Request a new token (STS tokens usually last 1 hour) or use a permanent RAM user key and clear the token.`;
	}
	if (code === 'Forbidden.RAM' || code === 'Forbidden' || code === 'NoPermission') {
		return `The RAM user or role of ${CREDENTIAL} is not allowed to call ${ramAction(operation)}. In the RAM console, attach a policy that allows the action "${ramAction(operation)}" (or the system policy AliyunICEFullAccess / AliyunVODFullAccess).`;
	}
	if (code.startsWith('OperationDenied')) {
		return `The ${operation.product === 'vod' ? 'ApsaraVideo VOD' : 'Intelligent Media Services'} service is not activated for this account in the credential's region, or the account has an overdue payment. Activate the service in the console or choose the region where it is activated.`;
	}
	if (THROTTLING_CODES.includes(code)) {
		return 'Too many requests per second for this account. The node already retried; process fewer items at a time (Loop Over Items node) or add a Wait node between batches.';
	}
	if (code === 'MissingParameter' || code.startsWith('InvalidParameter')) {
		return 'Alibaba Cloud rejected one of the values sent; the message above names it. Check the node fields and the expressions that fill them.';
	}
	if (code.startsWith('InvalidTimeStamp')) {
		return 'The clock of the n8n server is more than 15 minutes off. Synchronise the server time (NTP).';
	}
	if (TRANSIENT_SERVER_CODES.includes(code)) {
		return 'A temporary error inside Alibaba Cloud. Try again in a few minutes.';
	}
	return undefined;
}

export function failureFromErrorBody(body: AlibabaErrorBody, httpStatus: number, operation: ApiOperation): ApiFailure {
	const code = body.Code ?? `HTTP${httpStatus}`;
	const throttled = THROTTLING_CODES.includes(code);
	const serverSide = TRANSIENT_SERVER_CODES.includes(code) || (!body.Code && httpStatus >= 500);
	return {
		code,
		message: body.Message ?? `HTTP status ${httpStatus}`,
		requestId: body.RequestId,
		httpStatus,
		// A throttled request was refused before any work was done; a server error may have happened after.
		outcome: serverSide ? 'unknown' : 'rejected',
		transient: throttled || serverSide,
		throttled,
		hint: hintFor(code, operation),
	};
}

/** A response that is not Alibaba's JSON: typically an HTML page from a gateway or proxy in between. */
export function failureFromUnexpectedBody(body: string, httpStatus: number): ApiFailure {
	const title = /<title>([^<]*)<\/title>/i.exec(body)?.[1]?.trim();
	const excerpt =
		title ??
		body
			.replace(/<[^>]*>/g, ' ')
			.replace(/\s+/g, ' ')
			.trim()
			.slice(0, 120);
	const serverSide = httpStatus >= 500;
	return {
		code: `HTTP${httpStatus}`,
		message: `Unexpected non-JSON response (HTTP ${httpStatus})${excerpt ? `: ${excerpt}` : ''}`,
		httpStatus,
		outcome: serverSide ? 'unknown' : 'rejected',
		transient: serverSide,
		hint: 'Something between n8n and Alibaba Cloud (a gateway, proxy or firewall) answered instead of the API. Check the endpoint in the credential and any proxy settings; if it persists, try again later.',
	};
}

const NOT_SENT_CODES = ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ERR_INVALID_URL'];

export function failureFromNetworkError(errorCode: string | undefined, detail: string, timeoutMs: number): ApiFailure {
	const notSent = errorCode !== undefined && NOT_SENT_CODES.includes(errorCode);
	const timedOut = errorCode === 'ECONNABORTED' || errorCode === 'ETIMEDOUT' || /timeout/i.test(detail);
	const message = timedOut
		? `No answer within ${Math.round(timeoutMs / 1000)} s (timeout)`
		: `Network error ${errorCode ?? ''}: ${detail}`.replace(/\s+/g, ' ').trim();
	return {
		code: timedOut ? 'Timeout' : (errorCode ?? 'NetworkError'),
		message,
		outcome: notSent ? 'rejected' : 'unknown',
		transient: errorCode !== 'ENOTFOUND' && errorCode !== 'ERR_INVALID_URL',
		hint: notSent
			? 'n8n could not reach the endpoint. Check the region and the endpoint fields of the credential, and that this n8n server can reach the internet (or your VPC endpoint).'
			: timedOut
				? 'Raise the Timeout option of the node if the service is just slow.'
				: undefined,
	};
}

/**
 * A failure raised inside n8n before the request was sent: the credential is missing or incomplete, an endpoint
 * is not a valid URL, or the request could not be signed. Nothing reached Alibaba Cloud, so it is 'rejected' and
 * never retried: sending again would fail the same way.
 */
export function failureBeforeSending(detail: string): ApiFailure {
	return {
		code: 'NotSent',
		message: `Nothing was sent: ${detail}`,
		outcome: 'rejected',
		transient: false,
		hint: `Check ${CREDENTIAL}: AccessKey ID and AccessKey Secret filled in, and the ICE / VOD Endpoint fields either empty or a full http(s) URL such as https://ice.cn-shanghai.aliyuncs.com.`,
	};
}

/** The execution was stopped while the request waited for its turn: it was never sent. */
export function stoppedBeforeSending(): ApiFailure {
	return {
		code: 'NotSent',
		message: "Nothing was sent: the execution was stopped before this request's turn came",
		outcome: 'rejected',
		transient: false,
	};
}

/** One line for the node's error message: Code, Message and RequestId, so support can trace the call. */
export function describeFailure(operation: ApiOperation, failure: ApiFailure): string {
	const requestId = failure.requestId ? ` (RequestId: ${failure.requestId})` : '';
	return `${operation.action} failed: ${failure.code}: ${failure.message}${requestId}`;
}

export function unknownOutcomeWarning(operation: ApiOperation): string {
	return `The outcome is unknown: ${operation.action} may or may not have taken effect. It was not sent again, to avoid creating a duplicate; check the job list before retrying.`;
}
