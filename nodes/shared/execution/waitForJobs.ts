import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';

import type { JobKind } from '../jobs/jobKinds';
import { JOB_KINDS, jobOutput, readJobQuery } from '../jobs/jobKinds';
import type { ApiRequest } from '../transport/request';
import { callApi } from '../transport/request';

export interface JobToWaitFor {
	itemIndex: number;
	kind: JobKind;
	jobId: string;
	intervalMs: number;
	maxWaitMs: number;
	timeoutMs: number;
}

export type WaitOutcome = { output: IDataObject } | { error: NodeOperationError };

function jobError(
	context: IExecuteFunctions,
	job: JobToWaitFor,
	message: string,
	description: string,
	details: IDataObject,
): WaitOutcome {
	const error = new NodeOperationError(context.getNode(), `${message} [item ${job.itemIndex}]`, {
		itemIndex: job.itemIndex,
		description,
	});
	Object.assign(error.context, { jobId: job.jobId, ...details });
	return { error };
}

function finishedOutcome(context: IExecuteFunctions, job: JobToWaitFor, output: IDataObject): WaitOutcome {
	// A skipped VOD task ran nothing and failed nothing: it is an outcome to route on (IF on status), not an error.
	if (output.status === 'succeeded' || output.status === 'skipped') return { output };
	const label = JOB_KINDS[job.kind].label;
	const code = output.errorCode as string | undefined;
	const detail = [code, output.errorMessage].filter(Boolean).join(': ') || 'no error code given';
	// Not "canceled" in lower case: n8n reports an execution whose error message contains it as stopped by the user.
	const message =
		output.status === 'canceled'
			? `The ${label} ${job.jobId} was stopped in Alibaba Cloud before it finished (status ${String(output.rawStatus)})`
			: `The ${label} ${job.jobId} failed: ${detail}`;
	return jobError(context, job, message, `Alibaba Cloud reported status "${String(output.rawStatus)}" for the job.`, {
		code: code ?? null,
		status: output.status,
		outcome: output.status,
	});
}

/**
 * Polls the Get operation of every submitted job until each one has finished or its item's wait is over.
 * All jobs are followed together, so N items wait about as long as the slowest job, not N times as long.
 */
export async function waitForJobs(context: IExecuteFunctions, jobs: JobToWaitFor[]): Promise<Map<number, WaitOutcome>> {
	const outcomes = new Map<number, WaitOutcome>();
	const started = Date.now();
	let pending = [...jobs];
	while (pending.length > 0) {
		for (const job of pending) {
			const facts = JOB_KINDS[job.kind];
			try {
				const response = await callApi(
					context,
					facts.get,
					{ query: readJobQuery(job.kind, job.jobId) as ApiRequest['query'] },
					{ itemIndex: job.itemIndex, timeoutMs: job.timeoutMs },
				);
				const output = jobOutput(job.kind, response);
				if (output.finished) outcomes.set(job.itemIndex, finishedOutcome(context, job, output));
				else if (Date.now() - started >= job.maxWaitMs) {
					outcomes.set(
						job.itemIndex,
						jobError(
							context,
							job,
							`The ${facts.label} ${job.jobId} is still running after ${Math.round(job.maxWaitMs / 1000)} s (status ${output.rawStatus || 'unknown'})`,
							'It keeps running in Alibaba Cloud. Follow it with the Get node or the trigger, or raise "Give Up After".',
							{ status: 'running', outcome: 'running' },
						),
					);
				}
			} catch (error) {
				outcomes.set(
					job.itemIndex,
					jobError(
						context,
						job,
						`The ${facts.label} ${job.jobId} was submitted, but its status could not be read: ${(error as Error).message}`,
						'The job may still be running in Alibaba Cloud; follow it with the Get node.',
						{ status: 'unknown', outcome: 'unknown' },
					),
				);
			}
		}
		pending = pending.filter((job) => !outcomes.has(job.itemIndex));
		if (pending.length > 0) await sleep(Math.min(...pending.map((job) => job.intervalMs)));
	}
	return outcomes;
}
