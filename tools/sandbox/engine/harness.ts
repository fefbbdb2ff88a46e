/**
 * Runs real workflows through n8n-core's engine (`WorkflowExecute.processRunExecutionData`), and polls triggers
 * with n8n-core's own `PollTriggerExecutor` and `PollContext`, keeping static data as n8n's ActiveWorkflowManager does.
 */
import './env';

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { isAbsolute, resolve } from 'node:path';

import {
	ExecutionLifecycleHooks,
	ExternalSecretsProxy,
	InstanceSettings,
	LoadOptionsContext,
	PollContext,
	PollTriggerExecutor,
	WorkflowExecute,
} from 'n8n-core';
import {
	UnexpectedError,
	Workflow,
	createRunExecutionData,
	type ICredentialDataDecryptedObject,
	type IDataObject,
	type IExecuteData,
	type INodeCredentialTestResult,
	type INodeExecutionData,
	type INodeListSearchResult,
	type IRun,
	type IRunExecutionData,
	type IWorkflowBase,
	type IWorkflowExecuteAdditionalData,
	type WorkflowExecuteMode,
} from 'n8n-workflow';

import { testCredential } from './credentialTester';
import { TestCredentialsHelper, type TestCredentials } from './credentials-helper';
import { REPO_ROOT, TypeRegistry, type LoadTimings } from './registry';
import type {
	ListSearchOptions,
	PollOnceOptions,
	PollResult,
	RunFromTriggerOptions,
	RunWorkflowOptions,
	WorkflowDefinition,
	WorkflowSource,
} from './types';
import { WorkflowRun } from './workflowRun';
import { serveWebhook, type ServedWebhook, type ServeWebhookOptions } from './webhookServer';

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
		urlBase: string = URL_BASE,
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
			restApiUrl: `${urlBase}/rest`,
			instanceBaseUrl: `${urlBase}/`,
			formBaseUrl: `${urlBase}/form`,
			formWaitingBaseUrl: `${urlBase}/form-waiting`,
			formTestBaseUrl: `${urlBase}/form-test`,
			webhookBaseUrl: `${urlBase}/webhook`,
			webhookWaitingBaseUrl: `${urlBase}/webhook-waiting`,
			webhookTestBaseUrl: `${urlBase}/webhook-test`,
			mcpBaseUrl: `${urlBase}/mcp`,
			mcpTestBaseUrl: `${urlBase}/mcp-test`,
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
		identity: Pick<RunWorkflowOptions, 'stop' | 'executionId' | 'instanceId'> = {},
	): Promise<WorkflowRun> {
		const helper = new TestCredentialsHelper(this.registry, structuredClone(credentials));
		const executionId = identity.executionId ?? `harness-${++executionCounter}`;
		const hooks = new ExecutionLifecycleHooks(mode, executionId, this.workflowBase(definition, workflow));
		let after: { run: IRun; newStaticData: IDataObject | undefined } | undefined;
		hooks.addHandler('workflowExecuteAfter', (run, newStaticData) => {
			after = { run, newStaticData: newStaticData ? toPlain(newStaticData) : undefined };
		});
		const additionalData = this.createAdditionalData(helper, hooks, workflow.id);
		const instanceSettings = Container.get(InstanceSettings);
		const ownInstanceId = instanceSettings.instanceId;
		if (identity.instanceId !== undefined) instanceSettings.instanceId = identity.instanceId;
		const started = performance.now();
		const running = new WorkflowExecute(additionalData, mode, runExecutionData).processRunExecutionData(workflow);
		identity.stop?.addEventListener('abort', () => running.cancel(), { once: true });
		let returned: IRun;
		try {
			returned = await running;
		} finally {
			instanceSettings.instanceId = ownInstanceId;
		}
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
		return await this.execute(definition, workflow, 'manual', runExecutionData, options.credentials, options);
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
	/**
	 * Calls a node's `methods.listSearch` method as the editor's resource locator ("From List") does: n8n's
	 * DynamicNodeParametersService runs it with a LoadOptionsContext over a workflow of that one node, its current
	 * parameters and credentials, with the typed filter and the previous page's pagination token.
	 */
	async listSearch(
		source: WorkflowSource,
		nodeName: string,
		methodName: string,
		options: ListSearchOptions,
	): Promise<INodeListSearchResult> {
		const definition = loadDefinition(source);
		const workflow = this.createWorkflow(definition);
		const node = workflow.getNode(nodeName);
		if (!node) throw new Error(`No node named "${nodeName}"`);
		const nodeType = workflow.nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
		const method = nodeType.methods?.listSearch?.[methodName];
		if (!method) throw new Error(`Node "${nodeName}" (${node.type}) has no listSearch method ${methodName}`);
		const helper = new TestCredentialsHelper(this.registry, structuredClone(options.credentials));
		const additionalData = this.createAdditionalData(helper, undefined, workflow.id);
		const context = new LoadOptionsContext(workflow, node, additionalData, options.path ?? `parameters.${methodName}`);
		return await method.call(context, options.filter, options.paginationToken);
	}

	async pollOnce(source: WorkflowSource, triggerNodeName: string, options: PollOnceOptions): Promise<PollResult> {
		const definition = loadDefinition(source);
		const workflow = options.workflow ?? this.createWorkflow(definition, options.staticData);
		const node = workflow.getNode(triggerNodeName);
		if (!node) throw new Error(`No node named "${triggerNodeName}"`);
		const nodeType = workflow.nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
		if (!nodeType.poll) throw new Error(`Node "${triggerNodeName}" (${node.type}) has no poll method`);
		const helper = new TestCredentialsHelper(this.registry, structuredClone(options.credentials));
		const mode = options.mode ?? 'trigger';
		options.onWorkflow?.(workflow);

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
	 * Serves a webhook trigger of the workflow on a real local port as n8n serves an active workflow's production
	 * webhook (see webhookServer.ts): every call runs the node's `webhook()` in n8n-core's `WebhookContext`, and the
	 * items it returns start an execution (mode `webhook`). Static data is saved between calls as n8n saves it.
	 */
	async serveWebhook(
		source: WorkflowSource,
		triggerNodeName: string,
		options: ServeWebhookOptions,
	): Promise<ServedWebhook> {
		const definition = loadDefinition(source);
		return await serveWebhook(
			{
				registry: this.registry,
				createWorkflow: (workflowDefinition, staticData) => this.createWorkflow(workflowDefinition, staticData),
				createAdditionalData: (helper, hooks, workflowId, urlBase) =>
					this.createAdditionalData(helper, hooks, workflowId, urlBase),
				runFromTrigger: (workflowDefinition, triggerName, data, credentials, staticData) =>
					this.runWorkflowFromTrigger(workflowDefinition, triggerName, data, {
						credentials,
						staticData,
						mode: 'webhook',
					}),
			},
			definition,
			triggerNodeName,
			options,
		);
	}

	/**
	 * Tests credential data as n8n's CredentialsTester (packages/cli/src/services/credentials-tester.service.ts)
	 * does when the user clicks "Test" / saves a credential: the type's `test` request (or a node's
	 * `testedBy`) is run by n8n-core's `RoutingNode` in an `ExecuteContext` over a temporary node, signed
	 * by the credential's own `authenticate`; then the `responseCode` / `responseSuccessBody` rules and
	 * the default 2xx rule decide between `OK` ("Connection successful!") and `Error`.

	/** See {@link testCredential} in credentialTester.ts: the credential "Test" button. */
	async testCredential(
		credentialData: ICredentialDataDecryptedObject,
		options: { type?: string; id?: string; name?: string } = {},
	): Promise<INodeCredentialTestResult> {
		return await testCredential(this.registry, (helper) => this.createAdditionalData(helper), credentialData, options);
	}
}
