import { NodeOperationError, UserError } from 'n8n-workflow';

import { NOT_SENT_CODE } from '../../../credentials/notSent';

/** What an error thrown by `httpRequestWithAuthentication` says about the request it was for. */
export type Thrown =
	/** Raised inside n8n before the request left: `detail` is the original error's message. */
	| { notSent: true; detail: string }
	/** Raised by the HTTP client: `code` is the network error's code (ECONNREFUSED, ETIMEDOUT…) when there is one. */
	| { notSent: false; code?: string; detail: string };

interface N8nWrapped {
	cause?: unknown;
	httpCode?: unknown;
	code?: unknown;
	message?: unknown;
	messages?: unknown;
}

function text(value: unknown): string | undefined {
	return typeof value === 'string' && value !== '' ? value : undefined;
}

/** A code such as ECONNREFUSED or NotSent; an HTTP status is not one (the transport reads those from answers). */
function errorCode(value: unknown): string | undefined {
	const code = text(value);
	return code !== undefined && !/^\d+$/.test(code) ? code : undefined;
}

/**
 * n8n wraps whatever `httpRequestWithAuthentication` meets in a NodeApiError. n8n 2.x keeps the original error as
 * its `cause`. n8n 1.x drops `cause` (a class field of its error base class resets it) and keeps, on 1.x and 2.x
 * alike, the original's message as `messages[0]` and its `code` (a network error's) or `errorCode` (the
 * credential's NotSentError) as `httpCode`. Where the cause is kept, errors of the HTTP client carry the request
 * (`config`, `request`, `response`); the ones raised before it is reached are UserError and NodeOperationError.
 */
export function readThrown(error: unknown): Thrown {
	const wrapped = (error ?? {}) as N8nWrapped;
	const cause = wrapped.cause as
		| (N8nWrapped & { isAxiosError?: unknown; request?: unknown; response?: unknown })
		| undefined;
	const original = cause ?? wrapped;
	const detail =
		text(cause?.message) ??
		(Array.isArray(wrapped.messages) ? text(wrapped.messages[0]) : undefined) ??
		text(wrapped.message) ??
		String(error);
	const code = errorCode(cause?.code) ?? errorCode(wrapped.httpCode) ?? errorCode(wrapped.code);
	if (code === NOT_SENT_CODE) return { notSent: true, detail };
	if (original instanceof UserError || original instanceof NodeOperationError) {
		const sent = original as { isAxiosError?: unknown; request?: unknown; response?: unknown };
		if (sent.isAxiosError !== true && sent.request === undefined && sent.response === undefined) {
			return { notSent: true, detail };
		}
	}
	return { notSent: false, code, detail: text(wrapped.message) ?? detail };
}
