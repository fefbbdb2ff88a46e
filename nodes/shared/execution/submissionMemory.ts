/**
 * What a Submit node remembers about its submissions for the rest of the execution, in the node's execution
 * context (`getContext('node')`), which n8n keeps when "Retry On Fail" runs the node again. A retry reruns the
 * same run (same run index) with the same input items, so run index and item index identify "the same item"
 * across retries, while each run of a loop (Loop Over Items) has its own run index. The submitted parameters are
 * deliberately not part of the key: an expression such as {{ $now }} gives other values on a retry.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { randomUUID } from 'node:crypto';

import type { ApiFailure } from '../transport/errors';

type Remembered = { response: IDataObject } | { unknown: ApiFailure };

interface NodeMemory {
	submissions?: Record<string, Remembered>;
	/** Client Tokens given by the user, and the item that used each first. */
	clientTokens?: Record<string, string>;
	/** See SubmissionIdentity.executionNonce. */
	executionNonce?: string;
}

export interface SubmissionMemory {
	recall(itemIndex: number): Remembered | undefined;
	remember(itemIndex: number, what: Remembered): void;
	/** The item (`run R, item I`) that already used this token in this execution, other than this one. */
	claimClientToken(token: string, itemIndex: number): string | undefined;
	/** Every answer received so far in this execution, by any run of the node. */
	responses(): IDataObject[];
	/** Random, the same for every run of the node in this execution (see SubmissionIdentity.executionNonce). */
	executionNonce(): string;
}

export function submissionMemory(context: IExecuteFunctions, runIndex: number): SubmissionMemory {
	const memory = context.getContext('node') as NodeMemory;
	const key = (itemIndex: number) => `run ${runIndex}, item ${itemIndex}`;
	return {
		recall: (itemIndex) => memory.submissions?.[key(itemIndex)],
		remember(itemIndex, what) {
			(memory.submissions ??= {})[key(itemIndex)] = what;
		},
		claimClientToken(token, itemIndex) {
			memory.clientTokens ??= {};
			const owner = memory.clientTokens[token];
			if (owner !== undefined && owner !== key(itemIndex)) return owner;
			memory.clientTokens[token] = key(itemIndex);
			return undefined;
		},
		responses: () =>
			Object.values(memory.submissions ?? {}).flatMap((remembered) =>
				'response' in remembered ? [remembered.response] : [],
			),
		executionNonce: () => (memory.executionNonce ??= randomUUID()),
	};
}

/** The run index n8n gives this run of the node ($runIndex): 0, then 1, 2… for each further run in a loop. */
export function currentRunIndex(context: IExecuteFunctions): number {
	const runIndex: unknown = context.getWorkflowDataProxy(0).$runIndex;
	return typeof runIndex === 'number' && Number.isInteger(runIndex) ? runIndex : 0;
}
