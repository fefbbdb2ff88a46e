/**
 * The Media Event Trigger in a workflow (trigger → No Operation), its credentials, and the emulator's callback
 * settings pointed at it: what the engine suite and the real-n8n suite both set up.
 */
import type { IDataObject, INode } from 'n8n-workflow';

import type { Emulator } from '../emulator';
import { ICE_VERSION, rawCall, VOD_VERSION } from '../emulator/sdkClient';
import type { WorkflowDefinition } from '../engine';
import { CREDENTIAL_REFERENCE, PACKAGE_NAME } from './workflows';
import { JOB_EVENT_TYPES, JOB_EVENTS } from '../../../nodes/shared/jobs/jobEvents';

export const EVENT_TRIGGER = 'Media Event Trigger';
export const AFTER_EVENT = 'Handle Event';
export const CALLBACK_CREDENTIAL_REFERENCE = {
	alibabaCloudMediaCallbackApi: { id: 'callbackKeys', name: 'Alibaba callback keys (sandbox)' },
};
/** ICE AuthKeys are letters and digits only; VOD's private key is free text. */
export const ICE_AUTH_KEY = 'SandboxIceAuthKey2026';
export const VOD_PRIVATE_KEY = 'sandbox-vod-private-key';
/** The keys before the last switch, for the credential's Previous … Key fields. */
export const PREVIOUS_ICE_AUTH_KEY = 'SandboxIceAuthKey2025';
export const PREVIOUS_VOD_PRIVATE_KEY = 'sandbox-vod-private-key-2025';

export function callbackKeys(overrides: IDataObject = {}) {
	return { alibabaCloudMediaCallbackApi: { iceAuthKey: ICE_AUTH_KEY, vodPrivateKey: VOD_PRIVATE_KEY, ...overrides } };
}

export function eventTriggerWorkflow(parameters: IDataObject = {}, webhookId?: string): WorkflowDefinition {
	const trigger: INode = {
		id: 'event-trigger',
		name: EVENT_TRIGGER,
		type: `${PACKAGE_NAME}.alibabaCloudMediaEventTrigger`,
		typeVersion: 1,
		position: [0, 0],
		parameters: parameters as INode['parameters'],
		credentials: { ...CALLBACK_CREDENTIAL_REFERENCE, ...CREDENTIAL_REFERENCE },
		...(webhookId ? { webhookId } : {}),
	};
	const after: INode = {
		id: 'after-event',
		name: AFTER_EVENT,
		type: 'n8n-nodes-base.noOp',
		typeVersion: 1,
		position: [220, 0],
		parameters: {},
	};
	return {
		nodes: [trigger, after],
		connections: { [EVENT_TRIGGER]: { main: [[{ node: AFTER_EVENT, type: 'main', index: 0 }]] } },
	};
}

async function mustSucceed(answer: Promise<{ status: number; text: string }>): Promise<void> {
	const { status, text } = await answer;
	if (status !== 200) throw new Error(`callback setting refused: ${status} ${text}`);
}

/**
 * SetEventCallback and SetMessageCallback as the README tells users: HTTP, the URL, the job events, signed (by
 * default with the credential's current keys).
 */
/** Every job event of the product the package knows, as a callback setting's EventTypeList names them. */
function eventTypesOf(product: 'ice' | 'vod'): string {
	return JOB_EVENT_TYPES.filter((type) => JOB_EVENTS[type].product === product).join(',');
}

export async function pointCallbacksAt(
	emulator: Emulator,
	url: string,
	keys: { ice?: string; vod?: string } = {},
): Promise<void> {
	await mustSucceed(
		rawCall(emulator, {
			action: 'SetEventCallback',
			version: ICE_VERSION,
			query: {
				CallbackType: 'HTTP',
				CallbackURL: url,
				EventTypeList: eventTypesOf('ice'),
				AuthSwitch: 'on',
				AuthKey: keys.ice ?? ICE_AUTH_KEY,
			},
		}),
	);
	await mustSucceed(
		rawCall(emulator, {
			action: 'SetMessageCallback',
			version: VOD_VERSION,
			query: {
				CallbackType: 'HTTP',
				CallbackURL: url,
				EventTypeList: eventTypesOf('vod'),
				AuthSwitch: 'on',
				AuthKey: keys.vod ?? VOD_PRIVATE_KEY,
			},
		}),
	);
}
