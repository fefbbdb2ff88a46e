/**
 * Test harness: runs real workflows through n8n-core's execution engine.
 *
 * - Our package is loaded from its BUILT `dist` by n8n-core's `PackageDirectoryLoader` (package root
 *   defaults to the repo root; run `npm run build` first). n8n-nodes-base is loaded lazily by
 *   n8n-core's `LazyPackageDirectoryLoader`, so any base node (Manual Trigger, Set, If, NoOp,
 *   HTTP Request, Send Email, Sticky Note, ...) can be used in a workflow.
 * - Workflows run in `new WorkflowExecute(additionalData, mode, runExecutionData).processRunExecutionData(workflow)`;
 *   HTTP goes over real sockets (point credentials at the emulator). Nothing of n8n is mocked; only the
 *   database-backed services are replaced: credentials come from the test (see `TestCredentialsHelper`).
 * - Polling triggers are driven by n8n-core's own `PollTriggerExecutor` with a `PollContext`, and static
 *   data is kept/saved the way n8n's ActiveWorkflowManager does (see `pollOnce`).
 *
 * Usage (node types in workflow JSON are `n8n-nodes-alibaba-cloud-media.<node>`; credentials are
 * referenced as `credentials: { alibabaCloudApi: { id: '1', name: 'Alibaba Cloud (sandbox)' } }`):
 *
 *   const run = await runWorkflow('test/workflows/package.json', {
 *     credentials: { alibabaCloudApi: { accessKeyId, accessKeySecret, region, iceEndpoint, vodEndpoint } },
 *   });
 *   expect(run.status).toBe('success');
 *   expect(run.output('Submit Package Job')[0].JobId).toBeDefined();
 */
import './env';

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { isAbsolute, resolve } from 'node:path';

import {
	CredentialTestContext,
	ExecuteContext,
	ExecutionLifecycleHooks,
	ExternalSecretsProxy,
	PollContext,
	PollTriggerExecutor,
	RoutingNode,
	WorkflowExecute,
} from 'n8n-core';
import {
	UnexpectedError,
	VersionedNodeType,
	Workflow,
	createRunExecutionData,
	type ExecutionBaseError,
	type ExecutionStatus,
	type ICredentialDataDecryptedObject,
	type ICredentialTestFunction,
	type ICredentialTestRequest,
	type ICredentialsDecrypted,
	type IConnections,
	type IDataObject,
	type IExecuteData,
	type INode,
	type INodeCredentialTestResult,
	type INodeExecutionData,
	type INodeType,
	type INodeTypes,
	type IPinData,
	type IRun,
	type IRunData,
	type IRunExecutionData,
	type ITaskData,
	type IWorkflowBase,
	type IWorkflowExecuteAdditionalData,
	type IWorkflowSettings,
	type WorkflowActivateMode,
	type WorkflowExecuteMode,
} from 'n8n-workflow';

import { TestCredentialsHelper, type CredentialRequest, type TestCredentials } from './credentials-helper';
import { REPO_ROOT, TypeRegistry, type LoadTimings } from './registry';

export { REPO_ROOT, TypeRegistry, type LoadTimings } from './registry';
export { TestCredentialsHelper, type CredentialRequest, type TestCredentials } from './credentials-helper';
export { userFolder } from './env';

// ---------------------------------------------------------------------------------------------
// Types
// ---------------------------------------------------------------------------------------------

/** A workflow as in n8n's exported JSON (only `nodes` and `connections` are required). */
export interface WorkflowDefinition {
	id?: string;
	name?: string;
	nodes: INode[];
	connections: IConnections;
	settings?: IWorkflowSettings;
	staticData?: IDataObject | null;
	pinData?: IPinData;
}

/** A workflow object, or a path to a workflow JSON file (relative paths resolve from the repo root). */
export type WorkflowSource = WorkflowDefinition | string;

export interface RunWorkflowOptions {
	/** Credential data per credential type name (what n8n would decrypt from its database). */
	credentials: TestCredentials;
	/** Pinned output per node name, as in the editor (overrides the workflow's own `pinData`). */
	pinData?: IPinData;
	/** Name of the node to start from. Default: the workflow's Manual Trigger node. */
	startNode?: string;
	/** Workflow static data at the start of the run. Default: the workflow's `staticData` or `{}`. */
	staticData?: IDataObject;
	/** Aborting it stops the execution as the editor's Stop button does (the engine's `cancel()`). */
	stop?: AbortSignal;
}

export interface RunFromTriggerOptions {
	credentials: TestCredentials;
	/** Workflow static data at the start of the run (what n8n would load from its database). */
	staticData?: IDataObject;
	/** Execution mode. Default `'trigger'` (what n8n uses for a run started by a poll). */
	mode?: WorkflowExecuteMode;
}

export interface PollOnceOptions {
	credentials: TestCredentials;
	/**
	 * Workflow static data before the poll, e.g. the `staticData` returned by the previous `pollOnce`.
	 * Node static data lives under `node:<node name>`. Default: the workflow's `staticData` or `{}`.
	 */
	staticData?: IDataObject;
	/**
	 * `'trigger'` (default): an active workflow's poll. `'manual'`: the editor's "Fetch test event"
	 * (n8n calls `poll` with `PollContext(…, 'manual', 'manual')` from `WorkflowExecute.executePollNode`).
	 */
	mode?: 'trigger' | 'manual';
	/**
	 * Only for mode `'trigger'`. `'scheduled'` (default): a poll at one of the Poll Times.
	 * `'activation'`: the poll n8n runs at once when the workflow is activated (there a poll error
	 * fails the activation; a scheduled poll's error becomes an error execution instead).
	 */
	tick?: 'scheduled' | 'activation';
	/** `getActivationMode()` seen by the node in trigger mode. Default `'activate'`. */
	activation?: WorkflowActivateMode;
}

export interface PollResult {
	/** What `poll()` returned (`null` = nothing new, n8n starts no execution). */
	items: INodeExecutionData[][] | null;
	/** Whether n8n would have started an execution (`poll()` returned non-null in trigger mode). */
	emitted: boolean;
	/**
	 * Static data in memory after the poll: an active workflow keeps its `Workflow` object between polls,
	 * so this is what the NEXT poll sees (pass it as `staticData` to the next `pollOnce`), whether or
	 * not this poll emitted. In manual mode n8n discards it (the editor's test run uses a throwaway workflow).
	 * JSON round-tripped, as it would be when stored.
	 */
	staticData: IDataObject;
	/**
	 * What n8n writes to its database: after an emitting trigger-mode poll (only if the data changed),
	 * the static data at emit time; `undefined` when nothing is written (no emit, no change, or manual
	 * mode). After a restart / re-activation, n8n starts from the last saved value.
	 */
	savedStaticData: IDataObject | undefined;
}

// ---------------------------------------------------------------------------------------------
// WorkflowRun
// ---------------------------------------------------------------------------------------------

/** The result of one execution, with helpers to read node outputs and errors. */
export class WorkflowRun {
	constructor(
		/** The `IRun` handed to the `workflowExecuteAfter` hook. */
		readonly run: IRun,
		/** The `newStaticData` handed to `workflowExecuteAfter` (set only if static data changed). */
		readonly newStaticData: IDataObject | undefined,
		/** Credentials the nodes asked for, in order. */
		readonly credentialRequests: CredentialRequest[],
		/** Wall time of `processRunExecutionData`, ms. */
		readonly durationMs: number,
	) {}

	/** `'success'`, `'error'`, `'canceled'`, … */
	get status(): ExecutionStatus {
		return this.run.status;
	}

	/**
	 * The execution-level error (the error of the node that stopped the workflow), if any; a plain-object
	 * copy like {@link WorkflowRun.nodeError} (n8n spreads it again, so it is not `===` the node's).
	 */
	get error(): ExecutionBaseError | undefined {
		return this.run.data.resultData.error;
	}

	get runData(): IRunData {
		return this.run.data.resultData.runData;
	}

	/** Names of the nodes that ran, in order of their first run. */
	executedNodes(): string[] {
		return Object.entries(this.runData)
			.sort(([, a], [, b]) => (a[0]?.executionIndex ?? 0) - (b[0]?.executionIndex ?? 0))
			.map(([name]) => name);
	}

	/** The task data of one run of a node (default: its last run). */
	taskData(nodeName: string, runIndex?: number): ITaskData {
		const runs = this.runData[nodeName];
		if (!runs || runs.length === 0) {
			throw new Error(
				`Node "${nodeName}" did not run. Executed: ${JSON.stringify(this.executedNodes())}` +
					(this.error ? `; execution error: ${this.error.message}` : ''),
			);
		}
		const task = runs[runIndex ?? runs.length - 1];
		if (!task) throw new Error(`Node "${nodeName}" has no run ${runIndex}`);
		return task;
	}

	/** Full items (json, binary, pairedItem, error) of one output of a node. */
	items(nodeName: string, outputIndex = 0, runIndex?: number): INodeExecutionData[] {
		return this.taskData(nodeName, runIndex).data?.main?.[outputIndex] ?? [];
	}

	/** The `json` of the items of one output of a node. */
	output(nodeName: string, outputIndex = 0, runIndex?: number): IDataObject[] {
		return this.items(nodeName, outputIndex, runIndex).map((item) => item.json);
	}

	/**
	 * The error a node failed with, or `undefined`. As n8n stores it (WorkflowExecute.reportNodeExecutionError
	 * returns `{ ...error, message, stack }`), this is a PLAIN OBJECT copy of the NodeApiError /
	 * NodeOperationError, not an instance: check `name` ('NodeApiError', 'NodeOperationError'),
	 * `message`, `description`, `context`, `httpCode`, `node`. Same for {@link WorkflowRun.error}.
	 * With continueOnFail / onError the node does not fail: its error is in the output items
	 * (`json.error`) instead.
	 */
	nodeError(nodeName: string, runIndex?: number): ExecutionBaseError | undefined {
		return this.taskData(nodeName, runIndex).error;
	}
}

// ---------------------------------------------------------------------------------------------
// Harness
// ---------------------------------------------------------------------------------------------

const URL_BASE = 'http://localhost:5678';

/**
 * n8n-core's own DI container. n8n-core 2.41 ships its own nested `@n8n/di` (0.17) while the hoisted
 * top-level `@n8n/di` is another version (0.16): a plain `import { Container } from '@n8n/di'` gets a
 * different container in which n8n-core's `@Service()` classes are unknown.
 */
const Container = createRequire(require.resolve('n8n-core'))('@n8n/di').Container as {
	get<T>(type: abstract new (...args: never[]) => T): T;
};
let executionCounter = 0;

function toPlain(value: IDataObject): IDataObject {
	return JSON.parse(JSON.stringify(value ?? {})) as IDataObject;
}

function loadDefinition(source: WorkflowSource): WorkflowDefinition {
	if (typeof source !== 'string') return source;
	const file = isAbsolute(source) ? source : resolve(REPO_ROOT, source);
	return JSON.parse(readFileSync(file, 'utf8')) as WorkflowDefinition;
}

export interface HarnessOptions {
	/** Root of the package under test (its package.json `n8n` section names the built files). Default: repo root. */
	packageRoot?: string;
}

/** Loaded node/credential types plus the machinery to run workflows with them. */
export class N8nHarness {
	private constructor(readonly registry: TypeRegistry) {}

	static async create(options: HarnessOptions = {}): Promise<N8nHarness> {
		return new N8nHarness(await TypeRegistry.load(options.packageRoot ?? REPO_ROOT));
	}

	/** How long loading took (ms). */
	get timings(): LoadTimings {
		return this.registry.timings;
	}

	/** Package name of the package under test. */
	get packageName(): string {
		return this.registry.packageName;
	}

	/** Builds the `additionalData` a node execution gets (the credentials helper, hooks, URLs…). */
	createAdditionalData(
		credentialsHelper: TestCredentialsHelper,
		hooks?: ExecutionLifecycleHooks,
		workflowId?: string,
	): IWorkflowExecuteAdditionalData {
		const unsupported = (what: string) => async () => {
			throw new UnexpectedError(`${what} is not supported by the test harness`);
		};
		return {
			credentialsHelper,
			hooks,
			executionId: hooks?.executionId,
			workflowId,
			userId: 'harness-user',
			executeWorkflow: unsupported('executeWorkflow (sub-workflows)'),
			getRunExecutionData: async () => undefined,
			getRuntimeCredential: async () => undefined,
			startRunnerTask: unsupported('startRunnerTask (Code node task runner)'),
			logAiEvent: () => {},
			currentNodeExecutionIndex: 0,
			variables: {},
			externalSecretsProxy: new ExternalSecretsProxy(),
			restApiUrl: `${URL_BASE}/rest`,
			instanceBaseUrl: `${URL_BASE}/`,
			formBaseUrl: `${URL_BASE}/form`,
			formWaitingBaseUrl: `${URL_BASE}/form-waiting`,
			formTestBaseUrl: `${URL_BASE}/form-test`,
			webhookBaseUrl: `${URL_BASE}/webhook`,
			webhookWaitingBaseUrl: `${URL_BASE}/webhook-waiting`,
			webhookTestBaseUrl: `${URL_BASE}/webhook-test`,
			mcpBaseUrl: `${URL_BASE}/mcp`,
			mcpTestBaseUrl: `${URL_BASE}/mcp-test`,
		};
	}

	/** A `Workflow` over the loaded node types, like n8n builds one from a stored workflow. */
	createWorkflow(definition: WorkflowDefinition, staticData?: IDataObject): Workflow {
		return new Workflow({
			id: definition.id ?? 'harness-workflow',
			name: definition.name ?? 'Harness workflow',
			nodes: structuredClone(definition.nodes),
			connections: definition.connections,
			active: false,
			nodeTypes: this.registry,
			staticData: structuredClone(staticData ?? definition.staticData ?? {}),
			settings: definition.settings ?? { executionOrder: 'v1' },
			pinData: definition.pinData,
		});
	}

	private workflowBase(definition: WorkflowDefinition, workflow: Workflow): IWorkflowBase {
		const now = new Date();
		return {
			id: workflow.id,
			name: workflow.name ?? 'Harness workflow',
			active: false,
			isArchived: false,
			createdAt: now,
			updatedAt: now,
			nodes: definition.nodes,
			connections: definition.connections,
			settings: workflow.settings,
			staticData: workflow.staticData,
			pinData: definition.pinData,
		} as IWorkflowBase;
	}

	/** Runs `runExecutionData` through `WorkflowExecute.processRunExecutionData`; collects the run from `workflowExecuteAfter`. */
	private async execute(
		definition: WorkflowDefinition,
		workflow: Workflow,
		mode: WorkflowExecuteMode,
		runExecutionData: IRunExecutionData,
		credentials: TestCredentials,
		stop?: AbortSignal,
	): Promise<WorkflowRun> {
		const helper = new TestCredentialsHelper(this.registry, structuredClone(credentials));
		const executionId = `harness-${++executionCounter}`;
		const hooks = new ExecutionLifecycleHooks(mode, executionId, this.workflowBase(definition, workflow));
		let after: { run: IRun; newStaticData: IDataObject | undefined } | undefined;
		hooks.addHandler('workflowExecuteAfter', (run, newStaticData) => {
			after = { run, newStaticData: newStaticData ? toPlain(newStaticData) : undefined };
		});
		const additionalData = this.createAdditionalData(helper, hooks, workflow.id);
		const started = performance.now();
		const running = new WorkflowExecute(additionalData, mode, runExecutionData).processRunExecutionData(workflow);
		stop?.addEventListener('abort', () => running.cancel(), { once: true });
		const returned = await running;
		const durationMs = performance.now() - started;
		return new WorkflowRun(after?.run ?? returned, after?.newStaticData, helper.requests, durationMs);
	}

	/**
	 * Runs a workflow as the editor's "Execute workflow" does: from its Manual Trigger (or `startNode`),
	 * mode `'manual'`, with the workflow's (or the given) pin data. Resolves with the run even when a
	 * node fails (`status: 'error'`, `error`, `nodeError(name)`).
	 */
	async runWorkflow(source: WorkflowSource, options: RunWorkflowOptions): Promise<WorkflowRun> {
		const definition = loadDefinition(source);
		const workflow = this.createWorkflow(definition, options.staticData);
		const startNode = options.startNode
			? workflow.getNode(options.startNode)
			: Object.values(workflow.nodes).find((node) => node.type === 'n8n-nodes-base.manualTrigger');
		if (!startNode) {
			throw new Error(
				options.startNode
					? `No node named "${options.startNode}"`
					: 'The workflow has no Manual Trigger node (n8n-nodes-base.manualTrigger); pass startNode',
			);
		}
		const runExecutionData = createRunExecutionData({
			executionData: {
				nodeExecutionStack: [{ node: startNode, data: { main: [[{ json: {} }]] }, source: null }],
			},
			resultData: { pinData: options.pinData ?? definition.pinData },
		});
		return await this.execute(definition, workflow, 'manual', runExecutionData, options.credentials, options.stop);
	}

	/**
	 * Runs a workflow the way n8n does when a trigger/poll emits (WorkflowExecutionService.runWorkflow):
	 * the trigger node is put on the execution stack with the emitted data as its input, mode `'trigger'`;
	 * the engine passes that data through the trigger node to the rest of the workflow.
	 */
	async runWorkflowFromTrigger(
		source: WorkflowSource,
		triggerNodeName: string,
		data: INodeExecutionData[][],
		options: RunFromTriggerOptions,
	): Promise<WorkflowRun> {
		const definition = loadDefinition(source);
		const workflow = this.createWorkflow(definition, options.staticData);
		const node = workflow.getNode(triggerNodeName);
		if (!node) throw new Error(`No node named "${triggerNodeName}"`);
		const nodeExecutionStack: IExecuteData[] = [{ node, data: { main: data }, source: null }];
		const runExecutionData = createRunExecutionData({ executionData: { nodeExecutionStack } });
		return await this.execute(definition, workflow, options.mode ?? 'trigger', runExecutionData, options.credentials);
	}

	/**
	 * Runs one poll of a polling trigger as n8n does.
	 *
	 * Trigger mode: a `PollContext(workflow, node, additionalData, 'trigger', activation, __emit, __emitError)`
	 * (like ActiveWorkflowManager.getExecutePollFunctions) run by n8n-core's own `PollTriggerExecutor`
	 * (which calls `poll`, then `__emit` if it returned non-null). Like n8n, `__emit` saves the workflow's
	 * static data if it changed (`savedStaticData`); a poll that returns `null` saves nothing, but its
	 * changes stay in memory for the next poll of the same activation (`staticData`).
	 * Manual mode: `poll` with `PollContext(…, 'manual', 'manual')`, as `WorkflowExecute.executePollNode`.
	 *
	 * Rejects with the poll's error, unchanged (n8n: an activation poll's error fails the activation; a
	 * scheduled poll's error goes to `__emitError` and becomes an error execution).
	 */
	async pollOnce(source: WorkflowSource, triggerNodeName: string, options: PollOnceOptions): Promise<PollResult> {
		const definition = loadDefinition(source);
		const workflow = this.createWorkflow(definition, options.staticData);
		const node = workflow.getNode(triggerNodeName);
		if (!node) throw new Error(`No node named "${triggerNodeName}"`);
		const nodeType = workflow.nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
		if (!nodeType.poll) throw new Error(`Node "${triggerNodeName}" (${node.type}) has no poll method`);
		const helper = new TestCredentialsHelper(this.registry, structuredClone(options.credentials));
		const mode = options.mode ?? 'trigger';

		if (mode === 'manual') {
			const additionalData = this.createAdditionalData(helper, undefined, workflow.id);
			const context = new PollContext(workflow, node, additionalData, 'manual', 'manual');
			const items = await nodeType.poll.call(context);
			return { items, emitted: false, staticData: toPlain(workflow.staticData), savedStaticData: undefined };
		}

		const additionalData = this.createAdditionalData(helper, undefined, workflow.id);
		let items: INodeExecutionData[][] | null = null;
		let emitted = false;
		let savedStaticData: IDataObject | undefined;
		let emittedError: Error | undefined;
		const emit = (data: INodeExecutionData[][]) => {
			emitted = true;
			items = data;
			// n8n: `void workflowStaticDataService.saveStaticData(workflow)` — saves only if `__dataChanged`.
			if (workflow.staticData.__dataChanged === true) {
				savedStaticData = toPlain(workflow.staticData);
				workflow.staticData.__dataChanged = false;
			}
		};
		const emitError = (error: Error) => {
			emittedError = error;
		};
		const context = new PollContext(
			workflow,
			node,
			additionalData,
			'trigger',
			options.activation ?? 'activate',
			emit,
			emitError,
		);
		const execute = Container.get(PollTriggerExecutor).create(workflow, node, context, () => true);
		await execute(options.tick === 'activation');
		if (emittedError) throw emittedError;
		return { items, emitted, staticData: toPlain(workflow.staticData), savedStaticData };
	}

	/**
	 * One poll, and if it emits, the execution n8n starts with the emitted items (mode `'trigger'`,
	 * static data = what the poll left in memory).
	 */
	async pollAndRun(
		source: WorkflowSource,
		triggerNodeName: string,
		options: PollOnceOptions,
	): Promise<{ poll: PollResult; run: WorkflowRun | undefined }> {
		const definition = loadDefinition(source);
		const poll = await this.pollOnce(definition, triggerNodeName, { ...options, mode: 'trigger' });
		if (!poll.emitted || poll.items === null) return { poll, run: undefined };
		const run = await this.runWorkflowFromTrigger(definition, triggerNodeName, poll.items, {
			credentials: options.credentials,
			staticData: poll.staticData,
		});
		return { poll, run };
	}

	/**
	 * Tests credential data as n8n's CredentialsTester (packages/cli/src/services/credentials-tester.service.ts)
	 * does when the user clicks "Test" / saves a credential: the type's `test` request (or a node's
	 * `testedBy`) is run by n8n-core's `RoutingNode` in an `ExecuteContext` over a temporary node, signed
	 * by the credential's own `authenticate`; then the `responseCode` / `responseSuccessBody` rules and
	 * the default 2xx rule decide between `OK` ("Connection successful!") and `Error`.
	 */
	async testCredential(
		credentialData: ICredentialDataDecryptedObject,
		options: { type?: string; id?: string; name?: string } = {},
	): Promise<INodeCredentialTestResult> {
		const credentialType = options.type ?? 'alibabaCloudApi';
		const testFunction = this.getCredentialTestFunction(credentialType);
		if (testFunction === undefined) {
			return { status: 'Error', message: 'No testing function found for this credential.' };
		}
		const helper = new TestCredentialsHelper(this.registry, { [credentialType]: structuredClone(credentialData) });
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
		const additionalData = this.createAdditionalData(helper);

		if (typeof testFunction === 'function') {
			const context = new CredentialTestContext(additionalData);
			return await testFunction.call(context, credentialsDecrypted);
		}

		const nodeType: INodeType = testFunction.nodeType ?? this.registry.getByNameAndVersion('n8n-nodes-base.noOp');
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
						routing: { request: testFunction.testRequest.request },
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
				for (const rule of testFunction.testRequest.rules ?? []) {
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

		for (const rule of testFunction.testRequest.rules ?? []) {
			if (rule.type === 'responseSuccessBody') {
				const body = response?.[0]?.[0]?.json ?? {};
				if (getPath(body, rule.properties.key) === rule.properties.value) {
					return { status: 'Error', message: rule.properties.message };
				}
			}
		}
		return { status: 'OK', message: 'Connection successful!' };
	}

	/** Same lookup as CredentialsTester.getCredentialTestFunction (OAuth2 special case omitted). */
	private getCredentialTestFunction(
		credentialType: string,
	): ICredentialTestFunction | { nodeType?: INodeType; testRequest: ICredentialTestRequest } | undefined {
		const type = this.registry.getCredentialType(credentialType);
		if (type.test) return { testRequest: type.test };
		for (const nodeName of this.registry.getSupportedNodes(credentialType)) {
			const node = this.registry.getByName(nodeName);
			const versions: INodeType[] =
				node instanceof VersionedNodeType ? Object.values(node.nodeVersions) : [node as INodeType];
			for (const nodeType of versions) {
				for (const { name, testedBy } of nodeType.description.credentials ?? []) {
					if (name !== credentialType || !testedBy) continue;
					if (typeof testedBy === 'string') {
						if (node instanceof VersionedNodeType) {
							const keys = Object.keys(node.nodeVersions).sort().reverse();
							for (const key of keys) {
								const test = node.nodeVersions[Number(key)].methods?.credentialTest;
								if (test && testedBy in test) return test[testedBy];
							}
						}
						return (node as INodeType).methods?.credentialTest?.[testedBy];
					}
					return { nodeType, testRequest: testedBy };
				}
			}
		}
		return undefined;
	}
}

function getPath(object: IDataObject, path: string): unknown {
	let current: unknown = object;
	for (const key of path.split('.')) {
		if (current === null || typeof current !== 'object') return undefined;
		current = (current as Record<string, unknown>)[key];
	}
	return current;
}

// ---------------------------------------------------------------------------------------------
// Module-level convenience API over a shared harness per package root
// ---------------------------------------------------------------------------------------------

const harnesses = new Map<string, Promise<N8nHarness>>();

/** The shared harness for a package root (default: the repo root, i.e. our built `dist`). Loaded once per process. */
export async function getHarness(packageRoot: string = REPO_ROOT): Promise<N8nHarness> {
	let harness = harnesses.get(packageRoot);
	if (!harness) {
		harness = N8nHarness.create({ packageRoot });
		harnesses.set(packageRoot, harness);
		harness.catch(() => harnesses.delete(packageRoot));
	}
	return await harness;
}

/** See {@link N8nHarness.runWorkflow}. Uses the package at the repo root. */
export async function runWorkflow(source: WorkflowSource, options: RunWorkflowOptions): Promise<WorkflowRun> {
	return await (await getHarness()).runWorkflow(source, options);
}

/** See {@link N8nHarness.runWorkflowFromTrigger}. Uses the package at the repo root. */
export async function runWorkflowFromTrigger(
	source: WorkflowSource,
	triggerNodeName: string,
	data: INodeExecutionData[][],
	options: RunFromTriggerOptions,
): Promise<WorkflowRun> {
	return await (await getHarness()).runWorkflowFromTrigger(source, triggerNodeName, data, options);
}

/** See {@link N8nHarness.pollOnce}. Uses the package at the repo root. */
export async function pollOnce(
	source: WorkflowSource,
	triggerNodeName: string,
	options: PollOnceOptions,
): Promise<PollResult> {
	return await (await getHarness()).pollOnce(source, triggerNodeName, options);
}

/** See {@link N8nHarness.pollAndRun}. Uses the package at the repo root. */
export async function pollAndRun(
	source: WorkflowSource,
	triggerNodeName: string,
	options: PollOnceOptions,
): Promise<{ poll: PollResult; run: WorkflowRun | undefined }> {
	return await (await getHarness()).pollAndRun(source, triggerNodeName, options);
}

/** See {@link N8nHarness.testCredential}. Uses the package at the repo root; type defaults to `alibabaCloudApi`. */
export async function testCredential(
	credentialData: ICredentialDataDecryptedObject,
	options?: { type?: string; id?: string; name?: string },
): Promise<INodeCredentialTestResult> {
	return await (await getHarness()).testCredential(credentialData, options);
}
