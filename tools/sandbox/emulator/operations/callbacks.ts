/**
 * The account's callback settings: ICE SetEventCallback / GetEventCallback and VOD SetMessageCallback /
 * GetMessageCallback (parameters and answers per the contract). A Set changes the fields it is given and keeps the
 * others (own choice: the contract marks none required). As Alibaba's documentation says, an HTTP callback needs a
 * CallbackURL and AuthSwitch on needs an AuthKey; ICE's AuthKey is up to 32 letters and digits.
 */
import { invalidParameter } from '../errors';
import { oneOf, optional, Params } from '../params';
import { DEFAULT_VOD_APP_ID, IceEventCallback, VodMessageCallback } from '../callbacks/settings';
import { Operation } from './context';

const MAX_URL_BYTES = 256;
const MAX_KEY_LENGTH = 32;

function callbackUrl(params: Params): string | undefined {
	const url = optional(params, 'CallbackURL');
	if (url === undefined) return undefined;
	if (Buffer.byteLength(url, 'utf8') > MAX_URL_BYTES)
		throw invalidParameter('CallbackURL', `It must be at most ${MAX_URL_BYTES} bytes.`);
	if (!/^https?:\/\/[^\s]+$/i.test(url)) throw invalidParameter('CallbackURL', 'It must be an HTTP or HTTPS URL.');
	return url;
}

function authKey(params: Params, lettersAndDigitsOnly: boolean): string | undefined {
	const key = optional(params, 'AuthKey');
	if (key === undefined) return undefined;
	if (key.length > MAX_KEY_LENGTH)
		throw invalidParameter('AuthKey', `It must be at most ${MAX_KEY_LENGTH} characters.`);
	if (lettersAndDigitsOnly && !/^[A-Za-z0-9]+$/.test(key))
		throw invalidParameter('AuthKey', 'It may contain only upper- and lower-case letters and digits.');
	return key;
}

function defined<T extends object>(record: T): Partial<T> {
	return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)) as Partial<T>;
}

function checkConsistent(setting: IceEventCallback | VodMessageCallback): void {
	if (setting.CallbackType === 'HTTP' && !setting.CallbackURL)
		throw invalidParameter('CallbackURL', 'It is required when CallbackType is HTTP.');
	if (setting.AuthSwitch === 'on' && !setting.AuthKey)
		throw invalidParameter('AuthKey', 'It is required when AuthSwitch is on.');
}

export const setEventCallback: Operation = ({ params, callbacks }) => {
	const next: IceEventCallback = {
		...callbacks.ice,
		...defined({
			CallbackType: oneOf('CallbackType', optional(params, 'CallbackType'), ['HTTP', 'MNS'] as const),
			CallbackURL: callbackUrl(params),
			CallbackQueueName: optional(params, 'CallbackQueueName'),
			EventTypeList: optional(params, 'EventTypeList'),
			AuthSwitch: oneOf('AuthSwitch', optional(params, 'AuthSwitch'), ['on', 'off'] as const),
			AuthKey: authKey(params, true),
		}),
	};
	checkConsistent(next);
	callbacks.ice = next;
	return { Success: true };
};

export const getEventCallback: Operation = ({ callbacks }) => defined({ ...callbacks.ice });

export const setMessageCallback: Operation = ({ params, callbacks }) => {
	const appId = optional(params, 'AppId') ?? DEFAULT_VOD_APP_ID;
	const next: VodMessageCallback = {
		...(callbacks.vodFor(appId) ?? { AppId: appId }),
		...defined({
			CallbackType: oneOf('CallbackType', optional(params, 'CallbackType'), ['HTTP'] as const),
			CallbackURL: callbackUrl(params),
			EventTypeList: optional(params, 'EventTypeList'),
			AuthSwitch: oneOf('AuthSwitch', optional(params, 'AuthSwitch'), ['on', 'off'] as const),
			AuthKey: authKey(params, false),
			MnsEndpoint: optional(params, 'MnsEndpoint'),
			MnsQueueName: optional(params, 'MnsQueueName'),
		}),
	};
	checkConsistent(next);
	callbacks.vod.set(appId, next);
	return {};
};

export const getMessageCallback: Operation = ({ params, callbacks }) => {
	const appId = optional(params, 'AppId') ?? DEFAULT_VOD_APP_ID;
	const setting = callbacks.vodFor(appId);
	return setting ? { MessageCallback: defined({ ...setting }) } : {};
};
