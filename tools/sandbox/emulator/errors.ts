import { randomUUID } from 'node:crypto';

/** An error answered the way Alibaba's RPC gateway answers it. */
export class ApiError extends Error {
	constructor(
		readonly status: number,
		readonly code: string,
		message: string,
	) {
		super(message);
	}
}

export const missingParameter = (name: string): ApiError =>
	new ApiError(
		400,
		'MissingParameter',
		`The input parameter "${name}" that is mandatory for processing this request is not supplied.`,
	);

export const invalidParameter = (name: string, why?: string): ApiError =>
	new ApiError(400, 'InvalidParameter', `The specified parameter "${name}" is not valid.${why ? ' ' + why : ''}`);

export function newRequestId(): string {
	return randomUUID().toUpperCase();
}

export function errorBody(err: ApiError, requestId: string, host: string, product: string): Record<string, string> {
	return {
		RequestId: requestId,
		HostId: host,
		Code: err.code,
		Message: err.message,
		Recommend: `https://api.aliyun.com/troubleshoot?q=${encodeURIComponent(err.code)}&product=${product}&requestId=${requestId}`,
	};
}
