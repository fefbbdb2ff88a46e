import type { IDataObject, IExecuteFunctions, INodeExecutionData, IWebhookFunctions } from 'n8n-workflow';

import { requireText } from '../helpers/validation';
import type { JobKind } from '../jobKinds';
import { JOB_KINDS } from '../jobKinds';
import { withFinishedRead } from '../jobs/finishedRead';
import { jobOutput, readJobQuery } from '../jobs/summary';
import type { ApiRequest } from '../transport/request';
import { callApi } from '../transport/request';
import type { OperationDefinition } from './executeOperation';
import { executeOperation } from './executeOperation';

/** The whole behaviour of a Get node: read one job by the ID in its kind's Get node field, output the normalized job. */
export function readJobOperation(kind: JobKind): OperationDefinition {
	const { parameter, label } = JOB_KINDS[kind].getNode;
	return {
		operation: JOB_KINDS[kind].get.operation,
		reads: kind,
		buildRequest: (readParameter) => ({
			query: readJobQuery(kind, requireText(readParameter(parameter, ''), label)) as ApiRequest['query'],
		}),
	};
}

/** A Get node's `execute`: the read of its job kind, item by item. */
export function readJobExecute(kind: JobKind): (this: IExecuteFunctions) => Promise<INodeExecutionData[][]> {
	const operation = readJobOperation(kind);
	return async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return executeOperation.call(this, operation);
	};
}

/** One job read by its kind's Get operation, normalized as the Get nodes output it (outside an item loop, e.g. a trigger). */
export async function readJob(
	context: IWebhookFunctions,
	kind: JobKind,
	jobId: string,
	timeoutMs: number,
): Promise<IDataObject> {
	const query = readJobQuery(kind, jobId) as ApiRequest['query'];
	const output = jobOutput(kind, await callApi(context, JOB_KINDS[kind].get.operation, { query }, { timeoutMs }));
	return await withFinishedRead(context, kind, output, { timeoutMs });
}
