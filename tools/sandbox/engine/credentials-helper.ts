/**
 * A test `ICredentialsHelper`: the credential *data* comes from the test (no database, no
 * encryption), everything else is what n8n's own `CredentialsHelper` (packages/cli/src/credentials-helper.ts)
 * does with it: credential defaults are applied from the type's properties, and `authenticate` runs the
 * loaded credential type's own `authenticate` function. Only what this package's credential (and the base
 * credentials its tests use) needs: no declarative `generic` authentication, no OAuth, no pre-authentication.
 */
import './env';

import {
	ICredentials,
	ICredentialsHelper,
	NodeHelpers,
	UnexpectedError,
	UserError,
	Workflow,
	isExpression,
	type ICredentialDataDecryptedObject,
	type ICredentialsEncrypted,
	type IExecuteData,
	type IHttpRequestOptions,
	type INode,
	type INodeCredentialsDetails,
	type INodeParameters,
	type INodeProperties,
	type IRequestOptionsSimplified,
	type IWorkflowExecuteAdditionalData,
	type WorkflowExecuteMode,
} from 'n8n-workflow';

import type { TypeRegistry } from './registry';

/** Test credentials, keyed by credential type name, e.g. `{ alibabaCloudApi: { accessKeyId: ... } }`. */
export type TestCredentials = Record<string, ICredentialDataDecryptedObject>;

/** One `getDecrypted` call, recorded so tests can assert which credentials a node asked for. */
export interface CredentialRequest {
	type: string;
	id: string | null;
	name: string;
	mode: WorkflowExecuteMode;
	nodeName?: string;
}

/** Plain in-memory `ICredentials` (n8n's real `Credentials` class would encrypt with the instance key). */
class PlainCredentials extends ICredentials {
	constructor(
		details: INodeCredentialsDetails,
		type: string,
		private plain: ICredentialDataDecryptedObject,
	) {
		super(details, type);
	}

	async getData(): Promise<ICredentialDataDecryptedObject> {
		return structuredClone(this.plain);
	}

	getDataToSave(): ICredentialsEncrypted {
		return { id: this.id, name: this.name, type: this.type, data: JSON.stringify(this.plain) };
	}

	async setData(data: ICredentialDataDecryptedObject): Promise<void> {
		this.plain = structuredClone(data);
	}

	async updateData(toUpdate: Partial<ICredentialDataDecryptedObject>, toDelete: string[] = []): Promise<void> {
		this.plain = { ...this.plain, ...(toUpdate as ICredentialDataDecryptedObject) };
		for (const key of toDelete) delete this.plain[key];
	}
}

/** Mock node used to resolve expressions in credential data, as n8n's CredentialsHelper does. */
const MOCK_NODE: INode = {
	id: 'credentials-helper-mock',
	name: '',
	type: 'mock',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

export class TestCredentialsHelper extends ICredentialsHelper {
	/** Every `getDecrypted` call in order. */
	readonly requests: CredentialRequest[] = [];

	constructor(
		private readonly registry: TypeRegistry,
		/** Stored (undecorated) credential data per type; `updateCredentials` writes back here. */
		readonly store: TestCredentials,
	) {
		super();
	}

	getParentTypes(name: string): string[] {
		return this.registry.getParentTypes(name);
	}

	isCredentialUsableByNode(credentialType: string, nodeType: string): boolean {
		if (!this.registry.recognizesCredential(credentialType)) return true;
		const type = this.registry.getCredentialType(credentialType);
		if (!type.restrictToSupportedNodes) return true;
		return this.registry.getSupportedNodes(credentialType).includes(nodeType);
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
	): Promise<IHttpRequestOptions> {
		const { authenticate } = this.registry.getCredentialType(typeName);
		if (typeof authenticate === 'function') {
			return await authenticate(credentials, requestOptions as IHttpRequestOptions);
		}
		if (authenticate !== undefined) {
			throw new UnexpectedError(`The harness does not support ${typeName}'s declarative authentication`);
		}
		return requestOptions as IHttpRequestOptions;
	}

	async preAuthentication(): Promise<undefined> {
		return undefined;
	}

	async runPreAuthentication(): Promise<undefined> {
		return undefined;
	}

	async getCredentials(nodeCredentials: INodeCredentialsDetails, type: string): Promise<ICredentials> {
		return new PlainCredentials(nodeCredentials, type, this.stored(nodeCredentials, type));
	}

	private stored(nodeCredentials: INodeCredentialsDetails, type: string): ICredentialDataDecryptedObject {
		const data = this.store[type];
		if (data === undefined) {
			// Same wording as n8n's CredentialNotFoundError.
			throw new UserError(`Credential with ID "${nodeCredentials.id}" does not exist for type "${type}".`);
		}
		return structuredClone(data);
	}

	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		mode: WorkflowExecuteMode,
		executeData?: IExecuteData,
		raw?: boolean,
	): Promise<ICredentialDataDecryptedObject> {
		this.requests.push({
			type,
			id: nodeCredentials.id,
			name: nodeCredentials.name,
			mode,
			nodeName: executeData?.node.name,
		});
		const data = this.stored(nodeCredentials, type);
		if (raw === true) return data;
		return await this.applyDefaults(data, type, mode);
	}

	/** Like n8n's `applyDefaultsAndOverwrites` (no overwrites configured): type defaults, then expressions. */
	async applyDefaults(
		data: ICredentialDataDecryptedObject,
		type: string,
		mode: WorkflowExecuteMode = 'internal',
	): Promise<ICredentialDataDecryptedObject> {
		const properties = this.getCredentialsProperties(type);
		const withDefaults = NodeHelpers.getNodeParameters(
			properties,
			data as INodeParameters,
			true,
			false,
			null,
			null,
		) as ICredentialDataDecryptedObject;
		if (!Object.values(withDefaults).some((value) => isExpression(value))) return withDefaults;

		const workflow = new Workflow({
			nodes: [MOCK_NODE],
			connections: {},
			active: false,
			nodeTypes: this.registry,
		});
		return workflow.expression.getComplexParameterValue(
			MOCK_NODE,
			withDefaults as INodeParameters,
			mode,
			{},
			undefined,
			undefined,
			withDefaults,
		) as ICredentialDataDecryptedObject;
	}

	async updateCredentials(
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		this.store[type] = structuredClone(data);
	}

	async updateCredentialsOauthTokenData(): Promise<void> {
		throw new UnexpectedError('The harness does not support OAuth credentials');
	}

	getCredentialsProperties(type: string): INodeProperties[] {
		const credentialType = this.registry.getCredentialType(type);
		if (credentialType.extends === undefined) return credentialType.properties;
		const combined: INodeProperties[] = [];
		for (const parent of credentialType.extends) {
			NodeHelpers.mergeNodeProperties(combined, this.getCredentialsProperties(parent));
		}
		NodeHelpers.mergeNodeProperties(combined, credentialType.properties);
		return combined;
	}
}
