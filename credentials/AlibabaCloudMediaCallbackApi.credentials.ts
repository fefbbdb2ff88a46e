import type { ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

/**
 * The keys Alibaba signs its HTTP callbacks with. A credential rather than node fields: n8n encrypts credentials at
 * rest and leaves them out of exported or shared workflow JSON, one credential serves several workflows, and a
 * rotated key is changed in one place. Nothing is sent with these keys; they only check incoming signatures. The
 * previous keys let calls signed with the old key through while Alibaba switches to the new one.
 */
export class AlibabaCloudMediaCallbackApi implements ICredentialType {
	name = 'alibabaCloudMediaCallbackApi';

	displayName = 'Alibaba Cloud Media Callback API';

	icon: Icon = { light: 'file:../icons/alibabaCloud.svg', dark: 'file:../icons/alibabaCloud.dark.svg' };

	documentationUrl = 'https://www.alibabacloud.com/help/en/ims/user-guide/set-callback-events';

	properties: INodeProperties[] = [
		{
			displayName: 'ICE AuthKey',
			name: 'iceAuthKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'The AuthKey of the Intelligent Media Services event callback (IMS console → Configurations → Callback Settings, "Authentication" on; or SetEventCallback AuthKey): up to 32 letters and digits. Leave empty if no ICE callbacks come to this trigger.',
		},
		{
			displayName: 'Previous ICE AuthKey',
			name: 'previousIceAuthKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'Only while you switch the AuthKey: the key Alibaba signed with until now. Calls signed with it are accepted too. Empty it once the switch is done.',
		},
		{
			displayName: 'VOD Private Key',
			name: 'vodPrivateKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'The private key of the ApsaraVideo VOD event notification (VOD console → Configuration Management → Media Processing → Callback, "Callback Authentication" on; or SetMessageCallback AuthKey). Leave empty if no VOD callbacks come to this trigger.',
		},
		{
			displayName: 'Previous VOD Private Key',
			name: 'previousVodPrivateKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'Only while you switch the private key: the key VOD signed with until now. Calls signed with it are accepted too. Empty it once the switch is done.',
		},
	];
}
