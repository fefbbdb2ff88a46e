/**
 * Checks the signature Alibaba puts on its HTTP callbacks: ICE sends `X-ICE-TIMESTAMP` and `X-ICE-SIGNATURE`, VOD
 * `X-VOD-TIMESTAMP` and `X-VOD-SIGNATURE`; the signature is md5 hex of `<callback URL>|<timestamp>|<key>`, the
 * timestamp unix seconds. The body is not signed, so a signed call can only be trusted within a short time window.
 * While a key is being switched at Alibaba, a call signed with the previous key is accepted too.
 */
import { createHash, timingSafeEqual } from 'node:crypto';

import type { EventProduct } from '../shared/jobs/jobEvents';

const HEADERS: Record<EventProduct, { timestamp: string; signature: string }> = {
	ice: { timestamp: 'x-ice-timestamp', signature: 'x-ice-signature' },
	vod: { timestamp: 'x-vod-timestamp', signature: 'x-vod-signature' },
};

/** The key Alibaba signs with now, and during a switch the one it signed with before (empty: none). */
export interface ProductKeys {
	current?: string;
	previous?: string;
}

export type CallbackKeys = Partial<Record<EventProduct, ProductKeys>>;

/** Which of the product's keys verified a call. */
export type KeyGeneration = keyof ProductKeys;

export interface SignedCall {
	/** Request headers, names in lower case (as Node's HTTP server gives them). */
	headers: Record<string, unknown>;
	/** The URL the callback was registered with at Alibaba: what was signed. */
	callbackUrl: string;
	keys: CallbackKeys;
	nowSeconds: number;
	windowSeconds: number;
}

export type Verdict =
	| { accepted: true; product: EventProduct; verifiedWith: KeyGeneration }
	| { accepted: false; reason: string };

function header(headers: Record<string, unknown>, name: string): string | undefined {
	const value = headers[name];
	const first = Array.isArray(value) ? value[0] : value;
	return typeof first === 'string' && first.trim() !== '' ? first.trim() : undefined;
}

function md5Hex(value: string): string {
	return createHash('md5').update(value, 'utf8').digest('hex');
}

function sameHex(expected: string, received: string): boolean {
	const left = new TextEncoder().encode(expected);
	const right = new TextEncoder().encode(received.toLowerCase());
	return left.length === right.length && timingSafeEqual(left, right);
}

function signedProduct(headers: Record<string, unknown>): EventProduct | 'both' | undefined {
	const present = (Object.keys(HEADERS) as EventProduct[]).filter((product) =>
		Object.values(HEADERS[product]).some((name) => header(headers, name) !== undefined),
	);
	if (present.length > 1) return 'both';
	return present[0];
}

/** Accepts a call only when it carries one product's headers, a timestamp within the window and the right signature. */
export function verifySignature(call: SignedCall): Verdict {
	const product = signedProduct(call.headers);
	if (product === undefined) return { accepted: false, reason: 'The call carries no ICE or VOD signature headers' };
	if (product === 'both') return { accepted: false, reason: 'The call carries both ICE and VOD signature headers' };
	const names = HEADERS[product];
	const timestamp = header(call.headers, names.timestamp);
	const signature = header(call.headers, names.signature);
	if (!timestamp || !signature)
		return { accepted: false, reason: `The call lacks ${timestamp ? names.signature : names.timestamp}` };
	if (!/^\d{1,12}$/.test(timestamp)) return { accepted: false, reason: `${names.timestamp} is not unix seconds` };
	if (Math.abs(call.nowSeconds - Number(timestamp)) > call.windowSeconds)
		return { accepted: false, reason: `${names.timestamp} is outside the accepted time window` };
	const keys = call.keys[product] ?? {};
	const generations = (['current', 'previous'] as const).filter((generation) => keys[generation]);
	if (generations.length === 0)
		return {
			accepted: false,
			reason: `No ${product === 'ice' ? 'ICE AuthKey' : 'VOD private key'} is set in the callback credential`,
		};
	const verifiedWith = generations.find((generation) =>
		sameHex(md5Hex(`${call.callbackUrl}|${timestamp}|${keys[generation]}`), signature),
	);
	if (!verifiedWith) return { accepted: false, reason: `${names.signature} does not match` };
	return { accepted: true, product, verifiedWith };
}
