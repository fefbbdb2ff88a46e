import type { IConnections, IDataObject, INode, INodeExecutionData, IPinData } from 'n8n-workflow';

import type { Emulator } from '../emulator';

export const PACKAGE_NAME = 'n8n-nodes-alibaba-cloud-media';
export const START = 'Start';
export const CREDENTIAL_REFERENCE = { alibabaCloudApi: { id: '1', name: 'Alibaba Cloud (sandbox)' } };

/** The credential data n8n would decrypt for a credential pointed at the emulator. */
export function sandboxCredentials(emulator: Emulator, overrides: IDataObject = {}) {
	return {
		alibabaCloudApi: {
			accessKeyId: emulator.credentials.accessKeyId,
			accessKeySecret: emulator.credentials.accessKeySecret,
			securityToken: '',
			region: 'cn-shanghai',
			iceEndpoint: emulator.url,
			vodEndpoint: emulator.url,
			...overrides,
		},
	};
}

export interface Step {
	name: string;
	/** `alibabaCloudXxx` for this package's nodes, or a full type such as `n8n-nodes-base.set`. */
	type: string;
	parameters?: IDataObject;
	typeVersion?: number;
	onError?: INode['onError'];
	/** Attach the Alibaba Cloud credential (always for this package's nodes). */
	withCredential?: boolean;
}

/** The Manual Trigger every test workflow starts from. */
export const MANUAL_TRIGGER: INode = {
	id: 'start',
	name: START,
	type: 'n8n-nodes-base.manualTrigger',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

/** Manual Trigger → step 1 → step 2 …, each step fed by the previous one. */
export function chain(...steps: Step[]): { nodes: INode[]; connections: IConnections } {
	const nodes: INode[] = [structuredClone(MANUAL_TRIGGER)];
	for (const [index, step] of steps.entries()) {
		const ours = !step.type.includes('.');
		nodes.push({
			id: `step-${index}`,
			name: step.name,
			type: ours ? `${PACKAGE_NAME}.${step.type}` : step.type,
			typeVersion: step.typeVersion ?? 1,
			position: [(index + 1) * 220, 0],
			parameters: (step.parameters ?? {}) as INode['parameters'],
			...(ours || step.withCredential ? { credentials: CREDENTIAL_REFERENCE } : {}),
			...(step.onError ? { onError: step.onError } : {}),
		});
	}
	const connections: IConnections = {};
	for (let index = 0; index < nodes.length - 1; index++) {
		connections[nodes[index].name] = { main: [[{ node: nodes[index + 1].name, type: 'main', index: 0 }]] };
	}
	return { nodes, connections };
}

/** Pin the Manual Trigger's output so the workflow starts with these items. */
export function startingWith(items: IDataObject[]): IPinData {
	return { [START]: items.map((json): INodeExecutionData => ({ json })) };
}
