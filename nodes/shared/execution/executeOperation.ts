import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { ApiOperation } from '../api/operations';
import { REQUESTS_IN_FLIGHT, TIMEOUT_SECONDS } from '../descriptions/common';
import { MAX_WAIT_MINUTES, POLL_INTERVAL_SECONDS } from '../descriptions/waitForCompletion';
import { clientTokenFor } from '../helpers/clientToken';
import { inFlight } from '../helpers/inFlight';
import { InvalidFieldError, nodeErrorOf, numberInRange } from '../helpers/validation';
import type { JobKind } from '../jobKinds';
import { submittedKind } from '../jobKinds';
import { withFinishedRead } from '../jobs/finishedRead';
import { jobOutput, withSubmittedFields } from '../jobs/summary';
import type { ApiRequest } from '../transport/request';
import type { ApiFailure } from '../transport/errors';
import { apiError, callApi, failureOf } from '../transport/request';
import type { SubmissionMemory } from './submissionMemory';
import { currentRunIndex, submissionMemory } from './submissionMemory';
import type { LostJobSearch } from '../jobs/declaration';
import { findLostJob } from './findLostJob';
import type { JobToWaitFor } from './waitForJobs';
import { waitForJobs } from './waitForJobs';

/** Reads one of the item's fields; `extractValue` gives a pick-list field's ID whatever its mode. */
export type ReadParameter = (name: string, fallback?: unknown, options?: { extractValue?: boolean }) => unknown;

interface ItemContext {
	index: number;
	/** Stable for this execution, node, run and item: the ClientToken that makes a resent submission harmless. */
	clientToken: string;
}

/**
 * What an operation node declares: the API action, how one item's fields become a request, and what the
 * response means. Everything else (per-item loop, validation before any request, continueOnFail, pairedItem,
 * error shaping, remembering submissions across retries, waiting for jobs, Stop) is shared.
 */
export interface OperationDefinition {
	operation: ApiOperation;
	/** Reads and validates one item's fields. Throws InvalidFieldError naming the field. */
	buildRequest(parameter: ReadParameter, item: ItemContext): ApiRequest;
	/** A Get operation: the kind of job it reads, so the output gets the normalized status fields. */
	reads?: JobKind;
	/**
	 * A Submit operation: the kind of job it creates, whose declaration says how to find the job's ID in the answer
	 * (so "Wait for Completion" can follow it) and where to look for the job when the answer is lost.
	 */
	submits?: JobKind;
}

interface PreparedCall {
	request: ApiRequest;
	/** Another item of this run sends exactly the same request: a job list cannot tell their jobs apart. */
	hasTwin?: boolean;
	timeoutMs: number;
	wait?: { intervalMs: number; maxWaitMs: number };
}

type PreparedItem = PreparedCall | { invalid: NodeOperationError };
type ItemResult = { json: IDataObject } | { error: NodeApiError | NodeOperationError };

const CLIENT_TOKEN_FIELD = 'Client Token';

function readWaitSettings(parameter: ReadParameter): PreparedCall['wait'] {
	if (parameter('waitForCompletion', false) !== true) return undefined;
	const intervalSeconds = numberInRange(
		parameter('pollIntervalSeconds', POLL_INTERVAL_SECONDS.default),
		'Check Every (Seconds)',
		POLL_INTERVAL_SECONDS.min,
		POLL_INTERVAL_SECONDS.max,
	);
	const maxWaitMinutes = numberInRange(
		parameter('maxWaitMinutes', MAX_WAIT_MINUTES.default),
		'Give Up After (Minutes)',
		MAX_WAIT_MINUTES.min,
		MAX_WAIT_MINUTES.max,
	);
	return { intervalMs: intervalSeconds * 1000, maxWaitMs: maxWaitMinutes * 60_000 };
}

/** A Client Token shared by two items would make Alibaba return the first item's job for both. */
function checkClientTokenIsOwn(request: ApiRequest, itemIndex: number, memory: SubmissionMemory | undefined): void {
	const token = request.query?.ClientToken;
	if (typeof token !== 'string' || !memory) return;
	const owner = memory.claimClientToken(token, itemIndex);
	if (owner !== undefined) {
		throw new InvalidFieldError(
			CLIENT_TOKEN_FIELD,
			`"${token}" is already used by ${owner} of this node in this execution; each item needs its own token (map it from the item, e.g. its order ID), or leave the field empty for one made per item`,
		);
	}
}

function prepare(
	context: IExecuteFunctions,
	definition: OperationDefinition,
	itemIndex: number,
	runIndex: number,
	memory: SubmissionMemory | undefined,
): PreparedItem {
	const parameter: ReadParameter = (name, fallback, options) =>
		context.getNodeParameter(name, itemIndex, fallback, options);
	const item: ItemContext = {
		index: itemIndex,
		clientToken: clientTokenFor({
			instanceId: context.getInstanceId(),
			workflowId: context.getWorkflow().id,
			executionId: context.getExecutionId(),
			executionNonce: memory?.executionNonce() ?? '',
			nodeId: context.getNode().id,
			runIndex,
			itemIndex,
		}),
	};
	try {
		const request = definition.buildRequest(parameter, item);
		checkClientTokenIsOwn(request, itemIndex, memory);
		const timeoutSeconds = numberInRange(
			parameter('options.timeout', TIMEOUT_SECONDS.default),
			'Timeout (Seconds)',
			TIMEOUT_SECONDS.min,
			TIMEOUT_SECONDS.max,
		);
		return {
			request,
			timeoutMs: timeoutSeconds * 1000,
			wait: definition.submits ? readWaitSettings(parameter) : undefined,
		};
	} catch (error) {
		return { invalid: nodeErrorOf(context.getNode(), error, itemIndex) };
	}
}

/**
 * Sends one item's request, unless this run already sent it: when "Retry On Fail" reruns the node, an item that
 * was submitted gets its remembered response, and one whose outcome was unknown gets the same "unknown" error
 * again instead of a second submission. A submission with a ClientToken is the exception to the second rule:
 * resending it with the same token cannot create a second job, and may learn what happened.
 */
async function sendOnce(
	context: IExecuteFunctions,
	definition: OperationDefinition,
	item: PreparedCall,
	itemIndex: number,
	memory: SubmissionMemory | undefined,
): Promise<IDataObject> {
	const remembered = memory?.recall(itemIndex);
	if (remembered && 'response' in remembered) return remembered.response;
	if (remembered && 'unknown' in remembered)
		throw apiError(context, definition.operation, remembered.unknown, itemIndex);
	const sentAtMs = Date.now();
	try {
		const response = await callApi(context, definition.operation, item.request, {
			itemIndex,
			timeoutMs: item.timeoutMs,
		});
		memory?.remember(itemIndex, { response });
		return response;
	} catch (error) {
		const failure = failureOf(error);
		const search = definition.submits ? submittedKind(definition.submits).submit.lostAnswer : undefined;
		if (!memory || failure?.outcome !== 'unknown' || definition.operation.idempotent || !search) {
			if (memory && failure?.outcome === 'unknown' && !definition.operation.idempotent) {
				memory.remember(itemIndex, { unknown: failure });
			}
			throw error instanceof NodeApiError
				? error
				: new NodeOperationError(context.getNode(), error as Error, { itemIndex });
		}
		return await settleLostAnswer(context, definition, { item, itemIndex, sentAtMs, failure, memory, search });
	}
}

interface LostAnswer {
	item: PreparedCall;
	itemIndex: number;
	sentAtMs: number;
	failure: ApiFailure;
	memory: SubmissionMemory;
	search: LostJobSearch;
}

/** The answer to a submission was lost: the job list says whether the job exists (see findLostJob). */
async function settleLostAnswer(
	context: IExecuteFunctions,
	definition: OperationDefinition,
	{ item, itemIndex, sentAtMs, failure, memory, search }: LostAnswer,
): Promise<IDataObject> {
	const jobIdOf = submittedKind(definition.submits as JobKind).submit.jobId;
	const claimed = new Set(memory.responses().map((response) => String(jobIdOf(response))));
	const answered = failure.httpStatus !== undefined;
	const window = { sentAtMs, timeoutMs: item.timeoutMs, answered };
	const result = item.hasTwin
		? {
				unresolved:
					'another item of this run submitted exactly the same parameters, so the list cannot tell their jobs apart',
			}
		: await findLostJob(context, search, item.request, window, claimed);
	const searched = `${search.list.operation.action} (jobs created since the request was sent, with the submitted parameters)`;
	if ('found' in result) {
		const response: IDataObject = {
			...result.found,
			lostAnswer: { code: failure.code, message: failure.message, foundWith: search.list.operation.action },
		};
		memory.remember(itemIndex, { response });
		return response;
	}
	if ('notCreated' in result) {
		// Not remembered: the job does not exist, so Retry On Fail may send the item again.
		throw apiError(
			context,
			definition.operation,
			{
				...failure,
				outcome: 'rejected',
				hint: `The answer was lost, so ${searched} was searched: no such job exists, so the submission did not take effect and sending it again is safe.`,
			},
			itemIndex,
		);
	}
	const candidates = result.candidates ? ` Candidates: ${result.candidates.join(', ')}.` : '';
	const unknown: ApiFailure = {
		...failure,
		hint: [failure.hint, `Searching ${searched} did not settle it: ${result.unresolved}.${candidates}`]
			.filter(Boolean)
			.join(' '),
	};
	memory.remember(itemIndex, { unknown });
	throw apiError(context, definition.operation, unknown, itemIndex);
}

/**
 * The item a failed call leaves with continueOnFail. Only `error`, `message` and `details` keys: with any other
 * key n8n would not route the item to the node's error output ("Continue (using error output)").
 */
function errorItem(error: NodeApiError | NodeOperationError, itemIndex: number): INodeExecutionData {
	const context = error.context as IDataObject;
	const details: IDataObject = {};
	for (const key of ['code', 'requestId', 'outcome', 'jobId', 'status'] as const) {
		if (context[key] !== undefined && context[key] !== null) details[key] = context[key];
	}
	if (error.description) details.description = error.description;
	return { json: { error: error.message, details }, pairedItem: { item: itemIndex } };
}

/** The job ID in a Submit answer, by its kind's declaration (a transcoding job's sits inside TranscodeParentJob). */
type SubmittedJobId = (response: IDataObject) => string | undefined;

function completedItemsNote(results: Map<number, ItemResult>, submittedJobId?: SubmittedJobId): string {
	const done = [...results.entries()].filter(([, result]) => 'json' in result);
	if (done.length === 0) return '';
	const summary = done
		.map(([itemIndex, result]) => {
			const json = (result as { json: IDataObject }).json;
			const id =
				json.jobId ??
				submittedJobId?.(json) ??
				json.JobId ??
				json.TaskId ??
				json.MediaId ??
				json.RequestId ??
				json.requestId;
			return `item ${itemIndex}${id ? ` → ${id}` : ''}`;
		})
		.join(', ');
	return ` Items already sent successfully before this error: ${summary}.`;
}

/** Stop pressed: no further item is sent, and the jobs already submitted are named so that none is lost. */
function stoppedError(
	context: IExecuteFunctions,
	results: Map<number, ItemResult>,
	submittedJobId?: SubmittedJobId,
): NodeOperationError {
	const note = completedItemsNote(results, submittedJobId);
	if (note) context.logger.warn(`${context.getNode().name}: stopped.${note}`);
	return new NodeOperationError(context.getNode(), 'The execution was stopped before every item was done', {
		description: `No further item was sent; submitted jobs keep running in Alibaba Cloud.${note}`.trim(),
	});
}

async function successOutput(
	context: IExecuteFunctions,
	definition: OperationDefinition,
	response: IDataObject,
	item: { itemIndex: number; timeoutMs: number },
): Promise<IDataObject> {
	if (!definition.reads) return response;
	const includeRawJob = context.getNodeParameter('options.includeRawJob', item.itemIndex, true) !== false;
	return await withFinishedRead(context, definition.reads, jobOutput(definition.reads, response, includeRawJob), item);
}

/** Options › Requests in Flight, read once per run (item 0), checked against the field's bounds. */
function requestsInFlight(context: IExecuteFunctions): number {
	try {
		return numberInRange(
			context.getNodeParameter('options.requestsInFlight', 0, REQUESTS_IN_FLIGHT.default),
			'Requests in Flight',
			REQUESTS_IN_FLIGHT.min,
			REQUESTS_IN_FLIGHT.max,
		);
	} catch (error) {
		const field = error instanceof InvalidFieldError ? error.field : 'Requests in Flight';
		throw new NodeOperationError(context.getNode(), (error as Error).message, {
			description: `Fix the option "${field}". Nothing was sent to Alibaba Cloud.`,
		});
	}
}

function markTwins(prepared: PreparedItem[]): void {
	const calls = prepared.filter((item): item is PreparedCall => 'request' in item);
	const counts = new Map<string, number>();
	const fingerprint = (call: PreparedCall) => JSON.stringify(call.request);
	for (const call of calls) counts.set(fingerprint(call), (counts.get(fingerprint(call)) ?? 0) + 1);
	for (const call of calls) call.hasTwin = (counts.get(fingerprint(call)) ?? 0) > 1;
}

/** Runs one API call per input item; see OperationDefinition. */
export async function executeOperation(
	this: IExecuteFunctions,
	definition: OperationDefinition,
): Promise<INodeExecutionData[][]> {
	const runIndex = currentRunIndex(this);
	const memory = definition.submits ? submissionMemory(this, runIndex) : undefined;
	const prepared = this.getInputData().map((_, itemIndex) => prepare(this, definition, itemIndex, runIndex, memory));
	markTwins(prepared);
	const continueOnFail = this.continueOnFail();
	const firstInvalid = prepared.find((item): item is { invalid: NodeOperationError } => 'invalid' in item);
	if (firstInvalid && !continueOnFail) throw firstInvalid.invalid;

	const stop = this.getExecutionCancelSignal();
	const results = new Map<number, ItemResult>();
	const jobsToWaitFor: JobToWaitFor[] = [];
	let stoppingError: NodeApiError | NodeOperationError | undefined;
	const earliestError = () =>
		[...results.entries()]
			.sort(([left], [right]) => left - right)
			.map(([, result]) => result)
			.find((result): result is { error: NodeApiError | NodeOperationError } => 'error' in result)?.error;
	await inFlight(prepared.length, requestsInFlight(this), async (itemIndex) => {
		const item = prepared[itemIndex];
		if (stop?.aborted) return 'stop';
		if ('invalid' in item) {
			results.set(itemIndex, { error: item.invalid });
			return;
		}
		try {
			const response = await sendOnce(this, definition, item, itemIndex, memory);
			results.set(itemIndex, {
				json: await successOutput(this, definition, response, { itemIndex, timeoutMs: item.timeoutMs }),
			});
			const jobId = definition.submits ? submittedKind(definition.submits).submit.jobId(response) : undefined;
			if (item.wait && definition.submits) {
				if (jobId) {
					jobsToWaitFor.push({
						itemIndex,
						kind: definition.submits,
						jobId,
						submittedAtMs: Date.now(),
						timeoutMs: item.timeoutMs,
						...item.wait,
					});
				} else {
					results.set(itemIndex, {
						error: new NodeOperationError(
							this.getNode(),
							`${definition.operation.action} returned no job ID to wait for [item ${itemIndex}]`,
							{
								itemIndex,
								description: `The submission was accepted (RequestId ${String(response.RequestId)}), but without an ID its progress cannot be followed.`,
							},
						),
					});
				}
			}
		} catch (error) {
			const apiFailure =
				error instanceof NodeApiError ? error : new NodeOperationError(this.getNode(), error as Error, { itemIndex });
			results.set(itemIndex, { error: apiFailure });
			// Without Continue On Fail no further item is started; the ones already in flight finish and are reported.
			if (!continueOnFail) return 'stop';
		}
		return;
	});
	if (!continueOnFail) stoppingError = earliestError();

	if (!stoppingError && !stop?.aborted && jobsToWaitFor.length > 0) {
		for (const [itemIndex, outcome] of await waitForJobs(this, jobsToWaitFor)) {
			const submission = (results.get(itemIndex) as { json: IDataObject }).json;
			const kind = definition.submits as JobKind;
			results.set(
				itemIndex,
				'output' in outcome
					? { json: { ...withSubmittedFields(kind, outcome.output, submission), submission } }
					: outcome,
			);
		}
		if (!continueOnFail) stoppingError = earliestError();
	}

	const submittedJobId = definition.submits ? submittedKind(definition.submits).submit.jobId : undefined;
	if (stop?.aborted) throw stoppedError(this, results, submittedJobId);
	if (stoppingError) {
		stoppingError.description =
			`${stoppingError.description ?? ''}${completedItemsNote(results, submittedJobId)}`.trim();
		throw stoppingError;
	}
	// Items finish in any order when several are in flight; the output keeps the input's order.
	return [
		[...results.entries()]
			.sort(([left], [right]) => left - right)
			.map(([itemIndex, result]) =>
				'json' in result ? { json: result.json, pairedItem: { item: itemIndex } } : errorItem(result.error, itemIndex),
			),
	];
}
