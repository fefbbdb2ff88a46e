/**
 * How Alibaba signs its HTTP callbacks (api-notes, "Callback signatures"): a timestamp header in unix seconds and a
 * signature header, md5 hex of `<CallbackURL>|<timestamp>|<key>`. The body is not signed.
 */
import { createHash } from 'node:crypto';

export type CallbackProduct = 'ice' | 'vod';

export const SIGNATURE_HEADERS: Record<CallbackProduct, { timestamp: string; signature: string }> = {
	ice: { timestamp: 'X-ICE-TIMESTAMP', signature: 'X-ICE-SIGNATURE' },
	vod: { timestamp: 'X-VOD-TIMESTAMP', signature: 'X-VOD-SIGNATURE' },
};

export function callbackSignature(callbackUrl: string, timestamp: number | string, key: string): string {
	return createHash('md5').update(`${callbackUrl}|${timestamp}|${key}`).digest('hex');
}

export function signatureHeaders(
	product: CallbackProduct,
	callbackUrl: string,
	key: string,
	timestamp: number,
): Record<string, string> {
	const names = SIGNATURE_HEADERS[product];
	return {
		[names.timestamp]: String(timestamp),
		[names.signature]: callbackSignature(callbackUrl, timestamp, key),
	};
}
