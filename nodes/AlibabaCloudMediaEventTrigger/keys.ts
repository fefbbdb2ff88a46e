import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

const MAX_KEY_LENGTH = 32;

/**
 * What is wrong with the callback keys, if anything (the credential's Test): at least one key, each at most 32
 * characters as Alibaba allows, the ICE AuthKey letters and digits only. Keys are never echoed.
 */
export function checkCallbackKeys(data: ICredentialDataDecryptedObject): string | undefined {
	const ice = String(data.iceAuthKey ?? '');
	const vod = String(data.vodPrivateKey ?? '');
	if (!ice && !vod) return 'Set the ICE AuthKey, the VOD private key, or both';
	if (ice.length > MAX_KEY_LENGTH || vod.length > MAX_KEY_LENGTH)
		return `A key is longer than the ${MAX_KEY_LENGTH} characters Alibaba accepts`;
	if (ice && !/^[A-Za-z0-9]+$/.test(ice)) return 'The ICE AuthKey may contain only letters and digits';
	return undefined;
}
