/**
 * The credential "Test" button: n8n's CredentialsTester (packages/cli/src/services/credentials-tester.service.ts)
 * for a credential type with a declarative `test` request, which is what this package's credential has.
 */
import './env';

import { ExecuteContext, RoutingNode } from 'n8n-core';
import {
	Workflow,
	createRunExecutionData,
	type ICredentialDataDecryptedObject,
	type ICredentialsDecrypted,
	type IDataObject,
	type IExecuteData,
	type INode,
	type INodeCredentialTestResult,
	type INodeExecutionData,
	type INodeType,
	type INodeTypes,
	type IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';

import { TestCredentialsHelper } from './credentials-helper';
import type { TypeRegistry } from './registry';

/**
 * Tests credential data as n8n's CredentialsTester (packages/cli/src/services/credentials-tester.service.ts)
 * does when the user clicks "Test" / saves a credential: the credential type's `test` request is run by n8n-core's `RoutingNode` in an `ExecuteContext` over a temporary node, signed
 * by the credential's own `authenticate`; then the `responseCode` / `responseSuccessBody` rules and
 * the default 2xx rule decide between `OK` ("Connection successful!") and `Error`.
 */
export async function testCredential(
	registry: TypeRegistry,
	createAdditionalData: (helper: TestCredentialsHelper) => IWorkflowExecuteAdditionalData,
	credentialData: ICredentialDataDecryptedObject,
	options: { type?: string; id?: string; name?: string } = {},
): Promise<INodeCredentialTestResult> {
	const credentialType = options.type ?? 'alibabaCloudApi';
	const testRequest = registry.getCredentialType(credentialType).test;
	if (testRequest === undefined) {
		return { status: 'Error', message: 'No testing function found for this credential.' };
	}
	const helper = new TestCredentialsHelper(registry, { [credentialType]: structuredClone(credentialData) });
	const credentialsDecrypted: ICredentialsDecrypted = {
		id: options.id ?? '1',
		name: options.name ?? 'Harness credential',
		type: credentialType,
		data: structuredClone(credentialData),
	};
	try {
		credentialsDecrypted.data = await helper.applyDefaults(credentialData, credentialType, 'internal');
	} catch (error) {
		return { status: 'Error', message: String((error as Error).message) };
	}
	const additionalData = createAdditionalData(helper);

	const nodeType: INodeType = registry.getByNameAndVersion('n8n-nodes-base.noOp');
	const { version } = nodeType.description;
	const node: INode = {
		id: 'temp',
		parameters: {},
		name: 'Temp-Node',
		type: nodeType.description.name,
		typeVersion: Array.isArray(version) ? version.slice(-1)[0] : version,
		position: [0, 0],
		credentials: { [credentialType]: { id: credentialsDecrypted.id, name: credentialsDecrypted.name } },
	};
	const nodeTypeCopy: INodeType = {
		description: {
			...nodeType.description,
			credentials: [{ name: credentialType, required: true }],
			properties: [
				{
					displayName: 'Temp',
					name: 'temp',
					type: 'string',
					routing: { request: testRequest.request },
					default: '',
				},
			],
		},
	};
	const mockNodeTypes: INodeTypes = {
		getKnownTypes: () => ({}),
		getByName: () => nodeTypeCopy,
		getByNameAndVersion: () => nodeTypeCopy,
	};
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes: mockNodeTypes });
	const runExecutionData = createRunExecutionData({ resultData: { runData: {} } });
	const executeData: IExecuteData = { node, data: {}, source: null };
	const executeFunctions = new ExecuteContext(
		workflow,
		node,
		additionalData,
		'internal',
		runExecutionData,
		0,
		[],
		{ main: [[{ json: {} }]] },
		executeData,
		[],
	);
	const routingNode = new RoutingNode(executeFunctions, nodeTypeCopy, credentialsDecrypted);

	let response: INodeExecutionData[][] | null | undefined;
	try {
		response = await routingNode.runNode();
	} catch (error) {
		const cause = (error as { cause?: { response?: { status: number; statusText?: string }; code?: string } }).cause;
		if (cause?.response) {
			const statusCode = cause.response.status;
			for (const rule of testRequest.rules ?? []) {
				if (rule.type === 'responseCode' && statusCode === rule.properties.value) {
					return { status: 'Error', message: rule.properties.message };
				}
			}
			if (statusCode < 199 || statusCode > 299) {
				return {
					status: 'Error',
					message: cause.response.statusText || `Received HTTP status code: ${statusCode}`,
				};
			}
		} else if (cause?.code) {
			return { status: 'Error', message: cause.code };
		}
		return { status: 'Error', message: String((error as Error).message) };
	}

	for (const rule of testRequest.rules ?? []) {
		if (rule.type === 'responseSuccessBody') {
			const body = response?.[0]?.[0]?.json ?? {};
			if (getPath(body, rule.properties.key) === rule.properties.value) {
				return { status: 'Error', message: rule.properties.message };
			}
		}
	}
	return { status: 'OK', message: 'Connection successful!' };
}

function getPath(object: IDataObject, path: string): unknown {
	let current: unknown = object;
	for (const key of path.split('.')) {
		if (current === null || typeof current !== 'object') return undefined;
		current = (current as Record<string, unknown>)[key];
	}
	return current;
}
