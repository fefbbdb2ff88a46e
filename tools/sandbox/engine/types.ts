/** The shapes the engine harness takes and returns: workflows, run and poll options, poll results. */
import type {
	IConnections,
	IDataObject,
	INode,
	INodeExecutionData,
	IPinData,
	IWorkflowSettings,
	Workflow,
	WorkflowActivateMode,
	WorkflowExecuteMode,
} from 'n8n-workflow';

import type { TestCredentials } from './credentials-helper';

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
	/** The execution's ID. Default: a new one per run (`harness-<n>`); another n8n instance counts from 1 too. */
	executionId?: string;
	/** n8n's instance ID for the run (`getInstanceId()`). Default: this process's, derived from its encryption key. */
	instanceId?: string;
}

export interface RunFromTriggerOptions {
	credentials: TestCredentials;
	/** Workflow static data at the start of the run (what n8n would load from its database). */
	staticData?: IDataObject;
	/** Execution mode. Default `'trigger'` (what n8n uses for a run started by a poll). */
	mode?: WorkflowExecuteMode;
}

export interface ListSearchOptions {
	credentials: TestCredentials;
	/** What the user typed in the list's search box. */
	filter?: string;
	/** The `paginationToken` of the previous page (the editor asks for the next page when the list is scrolled). */
	paginationToken?: string;
	/** The parameter's path, e.g. `parameters.templateId`. */
	path?: string;
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
	/**
	 * Called with the `Workflow` the poll runs in, before `poll()`: n8n keeps that object in memory, so after a
	 * poll that throws, its `staticData` is what the next poll sees (the rejection does not carry it).
	 */
	onWorkflow?: (workflow: Workflow) => void;
	/**
	 * Poll in this `Workflow` (see `N8nHarness.createWorkflow`) instead of a new one built from `staticData`: an active
	 * workflow keeps one in memory, and polls that overlap (n8n does not wait for a slow poll) share it.
	 */
	workflow?: Workflow;
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
