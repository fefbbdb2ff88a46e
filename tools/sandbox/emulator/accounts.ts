/** Credentials the emulator accepts. Only the AccessKey ID ever appears in logs. */
export interface EmulatorAccount {
	accessKeyId: string;
	accessKeySecret: string;
	/** Present for STS credentials: requests must carry it in `x-acs-security-token`. */
	securityToken?: string;
	/** STS expiry in REAL wall-clock ms; past it the token is `InvalidSecurityToken.Expired`. */
	securityTokenExpiresAt?: number;
	/**
	 * RAM allow-list like `['ice:SubmitPackageJob', 'ice:Get*', 'vod:*']`; undefined = everything.
	 * Any other action answers 403 Forbidden.RAM.
	 */
	allowedActions?: string[];
}

export const SANDBOX_ACCESS_KEY_ID = 'LTAI5tSandboxMediaEmulator';
export const SANDBOX_ACCESS_KEY_SECRET = 'SandboxSecretForLocalUse0nly42';
export const SANDBOX_STS_ACCESS_KEY_ID = 'STS.NSandboxMediaEmulatorSts01';
export const SANDBOX_STS_ACCESS_KEY_SECRET = 'SandboxStsSecretForLocalUse0nly7';
export const SANDBOX_STS_SECURITY_TOKEN =
	'CAIS8gF1q6Ft5B2yfSjIr5bSEsKDgrZS0aSvdE3fsnQyQ+1Y3rfJiDz2IHhMf3NpAOkZsPw1m2tZ7PsclqB6T55OSAmcNZEoj2cKMNPoNs2ypCSUxXTMuLSF8EmfvqOqLh8wsIj9JLbOC2tfUnlmzGKQD9oTRJmcUKn13VgmSPGPH5b2CbYfR0iSsGBPD5UgNd9k0ttj4EYobOXOBlGdB1j+A';

export function sandboxAccounts(): EmulatorAccount[] {
	return [
		{ accessKeyId: SANDBOX_ACCESS_KEY_ID, accessKeySecret: SANDBOX_ACCESS_KEY_SECRET },
		{
			accessKeyId: SANDBOX_STS_ACCESS_KEY_ID,
			accessKeySecret: SANDBOX_STS_ACCESS_KEY_SECRET,
			securityToken: SANDBOX_STS_SECURITY_TOKEN,
		},
	];
}

/** `ice:Get*` style matching; `*` alone allows everything. */
export function isActionAllowed(account: EmulatorAccount, ramAction: string): boolean {
	if (!account.allowedActions) return true;
	return account.allowedActions.some((pattern) => {
		const re = new RegExp(
			'^' +
				pattern
					.split('*')
					.map((text) => text.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
					.join('.*') +
				'$',
			'i',
		);
		return re.test(ramAction);
	});
}
