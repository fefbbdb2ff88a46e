import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { ApiOperation } from '../api/operations';
import { InvalidFieldError } from '../helpers/validation';
import type { ApiRequest } from '../transport/request';
import { callApi } from '../transport/request';

export type ReadParameter = (name: string, fallback?: unknown) => unknown;

/**
 * What an operation node declares: the API action, how one item's fields become a request, and how the
 * response becomes the output item. Everything else (per-item loop, validation before any request,
 * continueOnFail, pairedItem, error shaping) is shared.
 */
export interface OperationDefinition {
	operation: ApiOperation;
	/** Reads and validates one item's fields. Throws InvalidFieldError naming the field. */
	buildRequest(parameter: ReadParameter): ApiRequest;
	/** The output item for a successful call; the response as is when omitted. */
	toOutput?(response: IDataObject): IDataObject;
}

type PreparedItem = { request: ApiRequest; timeoutMs: number } | { invalid: NodeOperationError };

const TIMEOUT_PARAMETER = 'options.timeout';
const DEFAULT_TIMEOUT_SECONDS = 30;

function prepare(context: IExecuteFunctions, definition: OperationDefinition, itemIndex: number): PreparedItem {
	const parameter: ReadParameter = (name, fallback) => context.getNodeParameter(name, itemIndex, fallback);
	try {
		const timeoutSeconds = Number(parameter(TIMEOUT_PARAMETER, DEFAULT_TIMEOUT_SECONDS));
		return { request: definition.buildRequest(parameter), timeoutMs: timeoutSeconds * 1000 };
	} catch (error) {
		if (error instanceof InvalidFieldError) {
			return {
				invalid: new NodeOperationError(context.getNode(), `${error.message} [item ${itemIndex}]`, {
					itemIndex,
					description: `Fix the field "${error.field}" of item ${itemIndex} (or the expression that fills it). Nothing was sent to Alibaba Cloud.`,
				}),
			};
		}
		return { invalid: new NodeOperationError(context.getNode(), error as Error, { itemIndex }) };
	}
}

/**
 * The item a failed call leaves with continueOnFail. Only `error`, `message` and `details` keys: with any other
 * key n8n would not route the item to the node's error output ("Continue (using error output)").
 */
function errorItem(error: NodeApiError | NodeOperationError, itemIndex: number): INodeExecutionData {
	const context = error.context as IDataObject;
	const details: IDataObject = {};
	for (const key of ['code', 'requestId', 'outcome'] as const) {
		if (context[key] !== undefined && context[key] !== null) details[key] = context[key];
	}
	if (error.description) details.description = error.description;
	return { json: { error: error.message, details }, pairedItem: { item: itemIndex } };
}

function completedItemsNote(results: INodeExecutionData[]): string {
	const done = results.filter((result) => result.json.error === undefined);
	if (done.length === 0) return '';
	const summary = done
		.map((result) => {
			const item = (result.pairedItem as { item: number }).item;
			const id = result.json.JobId ?? result.json.TaskId ?? result.json.RequestId;
			return `item ${item}${id ? ` → ${id}` : ''}`;
		})
		.join(', ');
	return ` Items already sent successfully before this error: ${summary}.`;
}

/** Runs one API call per input item; see OperationDefinition. */
export async function executeOperation(
	this: IExecuteFunctions,
	definition: OperationDefinition,
): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const prepared = items.map((_, itemIndex) => prepare(this, definition, itemIndex));
	const continueOnFail = this.continueOnFail();

	const firstInvalid = prepared.find((item) => 'invalid' in item);
	if (firstInvalid && 'invalid' in firstInvalid && !continueOnFail) throw firstInvalid.invalid;

	const results: INodeExecutionData[] = [];
	let stoppingError: NodeApiError | NodeOperationError | undefined;
	for (const [itemIndex, item] of prepared.entries()) {
		if ('invalid' in item) {
			results.push(errorItem(item.invalid, itemIndex));
			continue;
		}
		try {
			const response = await callApi(this, definition.operation, item.request, {
				itemIndex,
				timeoutMs: item.timeoutMs,
			});
			results.push({ json: definition.toOutput?.(response) ?? response, pairedItem: { item: itemIndex } });
		} catch (error) {
			const apiError =
				error instanceof NodeApiError ? error : new NodeOperationError(this.getNode(), error as Error, { itemIndex });
			if (continueOnFail) {
				results.push(errorItem(apiError, itemIndex));
				continue;
			}
			stoppingError = apiError;
			break;
		}
	}
	if (stoppingError) {
		stoppingError.description = `${stoppingError.description ?? ''}${completedItemsNote(results)}`.trim();
		throw stoppingError;
	}
	return [results];
}
