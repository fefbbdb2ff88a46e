/**
 * The account's callback settings, one per region as at Alibaba: ICE's event callback (SetEventCallback) and VOD's
 * message callback (SetMessageCallback, kept per AppId; the default application is app-1000000).
 */
export interface IceEventCallback {
	CallbackType?: 'HTTP' | 'MNS';
	CallbackURL?: string;
	CallbackQueueName?: string;
	EventTypeList?: string;
	AuthSwitch?: 'on' | 'off';
	AuthKey?: string;
}

export interface VodMessageCallback {
	AppId: string;
	CallbackType?: 'HTTP' | 'MNS';
	CallbackURL?: string;
	EventTypeList?: string;
	AuthSwitch?: 'on' | 'off';
	AuthKey?: string;
	MnsEndpoint?: string;
	MnsQueueName?: string;
}

export const DEFAULT_VOD_APP_ID = 'app-1000000';

export class CallbackSettings {
	ice: IceEventCallback = {};
	readonly vod = new Map<string, VodMessageCallback>();

	vodFor(appId: string = DEFAULT_VOD_APP_ID): VodMessageCallback | undefined {
		return this.vod.get(appId);
	}

	reset(): void {
		this.ice = {};
		this.vod.clear();
	}
}

/** Whether a comma-separated EventTypeList names the event; an empty list names none. */
export function listsEvent(eventTypeList: string | undefined, eventType: string): boolean {
	return (eventTypeList ?? '')
		.split(',')
		.map((name) => name.trim())
		.includes(eventType);
}
