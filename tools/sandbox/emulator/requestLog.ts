/** What the emulator received and answered, for assertions. Secrets never get here. */
export interface LoggedRequest {
	/** Real wall-clock time the request arrived (ISO). */
	time: string;
	/** Virtual clock at arrival (ISO). */
	virtualTime: string;
	method: string;
	path: string;
	action?: string;
	version?: string;
	product?: 'ICE' | 'VOD' | 'OSS';
	accessKeyId?: string;
	/** Decoded query parameters, string values as received (repeated names: the first). */
	query: Record<string, string>;
	/** Decoded application/x-www-form-urlencoded body parameters. */
	form: Record<string, string>;
	rawBody: string;
	/** Lower-case names; x-acs-security-token and x-oss-security-token are redacted. */
	headers: Record<string, string>;
	/** HTTP status sent, or undefined when the connection was reset. */
	status?: number;
	/** Error Code in the answer, if any. */
	errorCode?: string;
	requestId?: string;
	outcome: 'response' | 'reset';
}

export function redactHeaders(headers: Record<string, string | undefined>): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [key, value] of Object.entries(headers)) {
		if (value === undefined) continue;
		out[key] = key === 'x-acs-security-token' || key === 'x-oss-security-token' ? '***' : value;
	}
	return out;
}
