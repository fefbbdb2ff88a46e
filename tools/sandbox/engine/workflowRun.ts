import type {
	ExecutionBaseError,
	ExecutionStatus,
	IDataObject,
	INodeExecutionData,
	IRun,
	IRunData,
	ITaskData,
} from 'n8n-workflow';

import type { CredentialRequest } from './credentials-helper';

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
			.sort(([, left], [, right]) => (left[0]?.executionIndex ?? 0) - (right[0]?.executionIndex ?? 0))
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
