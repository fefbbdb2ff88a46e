/** OSS error answers (XML) turned into messages that say what to do next. Nothing secret is ever included. */
import { xmlText } from './xml';

export interface OssFailure {
	code: string;
	message: string;
	httpStatus?: number;
	requestId?: string;
	/** Worth trying again: 5xx, throttling, connection lost or timed out. */
	transient: boolean;
	/** The request may have taken effect (the connection broke after sending). */
	outcomeUnknown: boolean;
}

/** Redirects are not followed (see transport/oss.ts), so a 3xx arrives here as a failure. */
function isRedirect(statusCode: number): boolean {
	return statusCode >= 300 && statusCode < 400;
}

export function failureFromResponse(statusCode: number, body: unknown, headers: Record<string, unknown>): OssFailure {
	const text = typeof body === 'string' ? body : Buffer.isBuffer(body) ? body.toString('utf8') : '';
	const code = xmlText(text, 'Code') ?? String(headers['x-oss-err'] ?? '');
	const requestId = xmlText(text, 'RequestId') ?? (headers['x-oss-request-id'] as string | undefined);
	const redirectTo = isRedirect(statusCode) ? (xmlText(text, 'Endpoint') ?? headers.location) : undefined;
	const message = redirectTo
		? `redirected to ${String(redirectTo)}`
		: (xmlText(text, 'Message') ?? (code ? '' : text.slice(0, 200).replace(/\s+/g, ' ').trim()));
	return {
		code: code || `HTTP ${statusCode}`,
		message,
		httpStatus: statusCode,
		requestId,
		transient: statusCode >= 500 || statusCode === 429 || code === 'Throttling' || code === 'ServiceUnavailable',
		outcomeUnknown: false,
	};
}

export function failureFromNetwork(code: string | undefined, detail: string, timeoutMs: number): OssFailure {
	const timedOut = code === 'ECONNABORTED' || code === 'ETIMEDOUT' || /timeout/i.test(detail);
	return {
		code: code ?? 'NetworkError',
		message: timedOut ? `no answer within ${Math.round(timeoutMs / 1000)} s` : detail,
		transient: true,
		outcomeUnknown: true,
	};
}

/** What to do next, per OSS error code. */
const ADVICE: Record<string, (context: { bucket: string; key: string; region: string }) => string> = {
	NoSuchBucket: ({ bucket, region }) =>
		`The bucket "${bucket}" does not exist (as seen from region ${region}). Check the bucket name, and that the Region option (or the endpoint) is the bucket's own region.`,
	AccessDenied: ({ bucket, key }) =>
		`OSS refused the upload. Grant the RAM user of the credential oss:PutObject (and oss:AbortMultipartUpload for multipart uploads, oss:PutObjectAcl when setting an ACL) on acs:oss:*:*:${bucket}/${key.includes('/') ? `${key.slice(0, key.lastIndexOf('/') + 1)}*` : '*'}, and check the bucket policy.`,
	SignatureDoesNotMatch: () =>
		'OSS computed another signature: the AccessKey Secret of the credential is probably wrong (copy it again, without spaces), or a proxy changed the request.',
	InvalidAccessKeyId: () =>
		'OSS does not know this AccessKey ID: check the credential, that the AccessKey is enabled in the RAM console, and for temporary (STS) keys that the STS Security Token is filled in.',
	InvalidSecurityToken: () =>
		'The STS Security Token does not belong to this AccessKey ID: copy the token that came with the temporary key.',
	SecurityTokenExpired: () =>
		'The temporary (STS) credential has expired: request a new one (AssumeRole) and update the credential.',
	RequestTimeTooSkewed: () => 'The clock of the n8n host is more than 15 minutes off: synchronise it (NTP).',
	InvalidObjectName: () =>
		'The object key is not valid for OSS: 1 to 1,023 bytes of UTF-8, not starting with "/" or "\\".',
	InvalidArgument: ({ region }) =>
		`OSS rejected an argument. If the message mentions the signing region, set the Region option to the bucket's region (now ${region}).`,
	EntityTooLarge: () =>
		'The file is larger than OSS accepts in one request: lower the Multipart Threshold so it is uploaded in parts.',
	NoSuchUpload: () =>
		'The multipart upload is gone (completed, aborted or expired by a lifecycle rule): run the node again.',
};

export function describeOssFailure(
	failure: OssFailure,
	action: string,
	context: { bucket: string; key: string; region: string },
): { message: string; description: string } {
	const reason = failure.message ? `: ${failure.message}` : '';
	const message = `OSS ${action} of "${context.key}" in bucket "${context.bucket}" failed (${failure.code}${reason})`;
	const advice =
		ADVICE[failure.code]?.(context) ??
		(failure.httpStatus && isRedirect(failure.httpStatus)
			? 'OSS does not redirect uploads, so the node does not follow redirects: the endpoint (or a proxy or CDN in front of a custom domain) answered with one. Set the OSS Endpoint Override to the address it points to, e.g. https:// instead of http://.'
			: undefined);
	const fallback = failure.transient
		? 'OSS or the network had a temporary problem; the node retried it. Run the node again later.'
		: 'Check the bucket, key and options of the node.';
	return {
		message,
		description: [advice ?? fallback, failure.requestId ? `OSS request ID: ${failure.requestId}.` : '']
			.filter(Boolean)
			.join(' '),
	};
}
