import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import type { CallbackKeys } from './signature';

const MAX_KEY_LENGTH = 32;

/** The credential's fields, per product: the key Alibaba signs with now, and the one before it during a switch. */
const FIELDS = {
	ice: {
		current: { name: 'iceAuthKey', label: 'ICE AuthKey' },
		previous: { name: 'previousIceAuthKey', label: 'Previous ICE AuthKey' },
	},
	vod: {
		current: { name: 'vodPrivateKey', label: 'VOD Private Key' },
		previous: { name: 'previousVodPrivateKey', label: 'Previous VOD Private Key' },
	},
} as const;

function keyOf(data: ICredentialDataDecryptedObject, name: string): string {
	return String(data[name] ?? '');
}

/** The keys a call may be signed with, from the callback credential. */
export function callbackKeysOf(data: ICredentialDataDecryptedObject): CallbackKeys {
	const keys: CallbackKeys = {};
	for (const product of ['ice', 'vod'] as const) {
		const fields = FIELDS[product];
		keys[product] = { current: keyOf(data, fields.current.name), previous: keyOf(data, fields.previous.name) };
	}
	return keys;
}

/**
 * What is wrong with the callback keys, if anything (the credential's Test): at least one current key, each key at
 * most 32 characters as Alibaba allows, ICE AuthKeys letters and digits only, a previous key only beside a current
 * one. Keys are never echoed.
 */
export function checkCallbackKeys(data: ICredentialDataDecryptedObject): string | undefined {
	if (!keyOf(data, FIELDS.ice.current.name) && !keyOf(data, FIELDS.vod.current.name))
		return 'Set the ICE AuthKey, the VOD private key, or both';
	for (const product of ['ice', 'vod'] as const) {
		const { current, previous } = FIELDS[product];
		for (const field of [current, previous]) {
			const key = keyOf(data, field.name);
			if (key.length > MAX_KEY_LENGTH)
				return `The ${field.label} is longer than the ${MAX_KEY_LENGTH} characters Alibaba accepts`;
			if (product === 'ice' && key && !/^[A-Za-z0-9]+$/.test(key))
				return `The ${field.label} may contain only letters and digits`;
		}
		if (keyOf(data, previous.name) && !keyOf(data, current.name))
			return `The ${previous.label} is set but the ${current.label} is empty: put the key Alibaba signs with now in ${current.label}`;
	}
	return undefined;
}
