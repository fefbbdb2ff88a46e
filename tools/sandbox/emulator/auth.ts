/** Authenticates one RPC request like Alibaba's gateway: headers, timestamp, key, STS token, signature, nonce. */
import { EmulatorAccount } from './accounts';
import { ApiError } from './errors';
import { canonicalRequest, parseAuthorization, sha256Hex, signString, stringToSign } from './signature';

interface RawRequest {
	method: string;
	path: string;
	queryPairs: Array<[string, string]>;
	/** Lower-case names; repeated headers joined by `,` as node does. */
	headers: Record<string, string | undefined>;
	body: Buffer;
}

const MAX_SKEW_MS = 15 * 60 * 1000;
const ALWAYS_SIGNED = [
	'host',
	'x-acs-action',
	'x-acs-version',
	'x-acs-date',
	'x-acs-signature-nonce',
	'x-acs-content-sha256',
];
const SIGNED_WHEN_PRESENT = ['x-acs-security-token', 'content-type'];

const incomplete = (detail: string): ApiError =>
	new ApiError(400, 'IncompleteSignature', `The request signature does not conform to Aliyun standards. ${detail}`);

/** Remembers nonces per AccessKey for the replay window (real time). */
export class NonceStore {
	private seen = new Map<string, number>();

	/** Returns false when the nonce was already used inside the window. */
	use(accessKeyId: string, nonce: string, realNow: number): boolean {
		if (this.seen.size > 50_000) this.prune(realNow);
		const key = `${accessKeyId}\n${nonce}`;
		const at = this.seen.get(key);
		if (at !== undefined && realNow - at < MAX_SKEW_MS) return false;
		this.seen.set(key, realNow);
		return true;
	}

	clear(): void {
		this.seen.clear();
	}

	private prune(realNow: number): void {
		for (const [key, at] of this.seen) if (realNow - at >= MAX_SKEW_MS) this.seen.delete(key);
	}
}

export function authenticate(
	req: RawRequest,
	findAccount: (accessKeyId: string) => EmulatorAccount | undefined,
	nonces: NonceStore,
	realNow: number,
): EmulatorAccount {
	const auth = parseAuthorization(req.headers['authorization']);
	if (!auth)
		throw incomplete(
			'The Authorization header is missing or is not ACS3-HMAC-SHA256 Credential=...,SignedHeaders=...,Signature=....',
		);
	for (const name of ALWAYS_SIGNED) {
		if (req.headers[name] === undefined) throw incomplete(`The header "${name}" is required.`);
	}
	for (const name of [...ALWAYS_SIGNED, ...SIGNED_WHEN_PRESENT.filter((header) => req.headers[header] !== undefined)]) {
		if (!auth.signedHeaders.includes(name)) throw incomplete(`The header "${name}" must be signed.`);
	}

	const date = req.headers['x-acs-date'] ?? '';
	if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(date) || Number.isNaN(Date.parse(date))) {
		throw new ApiError(
			400,
			'InvalidTimeStamp.Format',
			`Specified time stamp or date value is not well formatted. x-acs-date: ${date}`,
		);
	}
	if (Math.abs(Date.parse(date) - realNow) > MAX_SKEW_MS) {
		throw new ApiError(
			400,
			'InvalidTimeStamp.Expired',
			`Specified time stamp or date value is expired. x-acs-date: ${date}, server time: ${new Date(realNow).toISOString().replace(/\.\d{3}Z$/, 'Z')}`,
		);
	}

	const account = findAccount(auth.accessKeyId);
	if (!account) throw new ApiError(404, 'InvalidAccessKeyId.NotFound', 'Specified access key is not found.');

	if (account.securityToken !== undefined) {
		const token = req.headers['x-acs-security-token'];
		if (token === undefined || token === '')
			throw new ApiError(400, 'MissingSecurityToken', 'SecurityToken is mandatory for this action.');
		if (token !== account.securityToken)
			throw new ApiError(
				400,
				'InvalidSecurityToken.MismatchWithAccessKey',
				'Specified SecurityToken mismatch with the AccessKey.',
			);
		if (account.securityTokenExpiresAt !== undefined && realNow >= account.securityTokenExpiresAt) {
			throw new ApiError(400, 'InvalidSecurityToken.Expired', 'Specified SecurityToken is expired.');
		}
	} else if (req.headers['x-acs-security-token'] !== undefined) {
		throw new ApiError(
			400,
			'InvalidSecurityToken.MismatchWithAccessKey',
			'Specified SecurityToken mismatch with the AccessKey.',
		);
	}

	const toSign = stringToSign(
		canonicalRequest({
			method: req.method,
			path: req.path,
			queryPairs: req.queryPairs,
			headers: req.headers,
			signedHeaders: auth.signedHeaders,
			hashedPayload: req.headers['x-acs-content-sha256'] ?? '',
		}),
	);
	if (signString(account.accessKeySecret, toSign) !== auth.signature) {
		throw new ApiError(
			400,
			'SignatureDoesNotMatch',
			`Specified signature does not match our calculation. The server string to sign is: ${toSign}`,
		);
	}
	const bodyHash = sha256Hex(req.body);
	if ((req.headers['x-acs-content-sha256'] ?? '').toLowerCase() !== bodyHash) {
		throw new ApiError(
			400,
			'SignatureDoesNotMatch',
			`Specified signature does not match our calculation. The x-acs-content-sha256 header does not match the SHA-256 of the request body (${bodyHash}).`,
		);
	}
	if (!nonces.use(account.accessKeyId, req.headers['x-acs-signature-nonce'] ?? '', realNow)) {
		throw new ApiError(400, 'SignatureNonceUsed', 'Specified signature nonce was used already.');
	}
	return account;
}
