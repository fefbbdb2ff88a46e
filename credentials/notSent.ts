import { UserError } from 'n8n-workflow';

/**
 * The `errorCode` of every error the credential raises while it prepares a request, so before anything is sent.
 * n8n wraps such an error in a NodeApiError. n8n 1.x drops the wrapped error there (its error base class resets
 * `cause`), but on 1.x and 2.x alike it copies the wrapped error's `errorCode` into the NodeApiError's `httpCode`:
 * that is how the transport still tells "nothing was sent" from "the outcome is unknown" on n8n 1.x.
 */
export const NOT_SENT_CODE = 'ALIBABA_CLOUD_NOT_SENT';

/** The credential cannot prepare this request (a missing key, an endpoint that is not a URL, …): it is not sent. */
export class NotSentError extends UserError {
	readonly errorCode = NOT_SENT_CODE;
}
