import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { sleepUnlessStopped } from '../helpers/sleep';
import type { JobKind } from '../jobKinds';
import { JOB_KINDS } from '../jobKinds';
import type { JobSource } from '../jobs/declaration';
import { withFinishedRead } from '../jobs/finishedRead';
import { jobOutput, readJobQuery, summarizeJob } from '../jobs/summary';
import { scanJobs } from '../jobs/scanJobs';
import type { ApiRequest } from '../transport/request';
import { callApi, failureOf } from '../transport/request';

export interface JobToWaitFor {
	itemIndex: number;
	kind: JobKind;
	jobId: string;
	/** n8n's clock when the submission was answered: where a job list starts looking for the job. */
	submittedAtMs: number;
	intervalMs: number;
	maxWaitMs: number;
	timeoutMs: number;
}

type WaitOutcome = { output: IDataObject } | { error: NodeOperationError };

/**
 * A kind's job list answers for up to 100 of its jobs per call. When several jobs of a kind with a list are due,
 * one scan of the list (jobs created since the first submission) tells which of them have finished; only those are
 * read with their Get call. Kinds without a list (VOD workflow tasks) are read one by one.
 */
const statusListOf = (kind: JobKind): JobSource | undefined => (JOB_KINDS[kind] as { list?: JobSource }).list;
/** n8n's clock may be this far off Alibaba's (the signature's limit): lists look that much earlier and later. */
const CLOCK_MARGIN_MS = 15 * 60_000;

/**
 * Statuses of the due jobs from their job lists, by job ID, for the kinds with a list and more than one job due.
 * A list that cannot be read leaves its jobs to their Get calls (which have their own retries and error handling).
 */
async function listedJobs(context: IExecuteFunctions, due: Follow[]): Promise<Map<string, IDataObject>> {
	const listed = new Map<string, IDataObject>();
	for (const kind of new Set(due.map((follow) => follow.job.kind))) {
		const source = statusListOf(kind);
		const jobs = due.filter((follow) => follow.job.kind === kind).map((follow) => follow.job);
		if (!source || jobs.length < 2) continue;
		const window = {
			start: Math.floor((Math.min(...jobs.map((job) => job.submittedAtMs)) - CLOCK_MARGIN_MS) / 1000),
			end: Math.ceil((Date.now() + CLOCK_MARGIN_MS) / 1000),
			ascending: true,
		};
		try {
			const timeoutMs = Math.max(...jobs.map((job) => job.timeoutMs));
			for (const item of await scanJobs(context, source, { jobTypes: [] }, window, { timeoutMs })) {
				// By the list's own ID field: a transcoding job is named ParentJobId, not JobId.
				listed.set(summarizeJob(source.kind as JobKind, item).jobId, item);
			}
		} catch {
			// Each job is read with its Get call instead.
		}
	}
	return listed;
}

/** After a failed status read the next one comes later and later: twice the wait each time, at most this. */
const MAX_READ_BACKOFF_MS = 5 * 60_000;

interface Follow {
	job: JobToWaitFor;
	nextReadAt: number;
	failedReads: number;
	consecutiveFailures: number;
}

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
	const activity = output.failedActivity ? `in the workflow node "${String(output.failedActivity)}"` : undefined;
	const reason = [code, output.errorMessage].filter(Boolean).join(': ') || 'no error code given';
	const detail = activity ? `${reason} (${activity})` : reason;
	const result = output.failedActivityResult ? ` The node's result: ${String(output.failedActivityResult)}` : '';
	// Not "canceled" in lower case: n8n reports an execution whose error message contains it as stopped by the user.
	const message =
		output.status === 'canceled'
			? `The ${label} ${job.jobId} was stopped in Alibaba Cloud before it finished (status ${String(output.rawStatus)})`
			: `The ${label} ${job.jobId} failed: ${detail}`;
	return jobError(
		context,
		job,
		message,
		`Alibaba Cloud reported status "${String(output.rawStatus)}" for the job.${result}`,
		{
			code: code ?? null,
			status: output.status,
			outcome: output.status,
		},
	);
}

function stillRunning(context: IExecuteFunctions, job: JobToWaitFor, rawStatus: unknown): WaitOutcome {
	const label = JOB_KINDS[job.kind].label;
	return jobError(
		context,
		job,
		`The ${label} ${job.jobId} is still running after ${Math.round(job.maxWaitMs / 1000)} s (status ${String(rawStatus || 'unknown')})`,
		'It keeps running in Alibaba Cloud. Follow it with the Get node or the trigger, or raise "Give Up After".',
		{ status: 'running', outcome: 'running' },
	);
}

function unreadable(context: IExecuteFunctions, follow: Follow, error: Error, final: boolean): WaitOutcome {
	const { job, failedReads } = follow;
	const label = JOB_KINDS[job.kind].label;
	const reads = `${failedReads} status read${failedReads === 1 ? '' : 's'} failed`;
	return jobError(
		context,
		job,
		`The ${label} ${job.jobId} was submitted, but its status could not be read: ${error.message}`,
		final
			? `The job may still be running in Alibaba Cloud; follow it with the Get node. ${reads}.`
			: `${reads} until "Give Up After" ran out; the job may still be running in Alibaba Cloud. Follow it with the Get node.`,
		{ status: 'unknown', outcome: 'unknown', failedReads },
	);
}

/**
 * Follows every submitted job until each one has finished or its item's wait is over: by its job list where
 * several jobs of a kind are due (see statusListOf), else by its Get call; a finished job is always read once with
 * its Get call, whose answer is the output. All jobs are followed together, so N items wait about as long as the
 * slowest job, not N times as long.
 * A status read that fails for a passing reason (network, throttling, server error) is tried again with backoff
 * while time is left; one that cannot succeed (permission, credential) ends the item's wait at once. After Stop
 * the wait ends within a second, and only the jobs that finished are returned: the others keep their submission.
 */
export async function waitForJobs(context: IExecuteFunctions, jobs: JobToWaitFor[]): Promise<Map<number, WaitOutcome>> {
	const outcomes = new Map<number, WaitOutcome>();
	const stop = context.getExecutionCancelSignal();
	const started = Date.now();
	let following: Follow[] = jobs.map((job) => ({ job, nextReadAt: started, failedReads: 0, consecutiveFailures: 0 }));
	while (following.length > 0 && !stop?.aborted) {
		const due = following.filter((candidate) => candidate.nextReadAt <= Date.now());
		const listed = await listedJobs(context, due);
		for (const follow of due) {
			if (stop?.aborted) break;
			const { job } = follow;
			const deadline = started + job.maxWaitMs;
			const listItem = listed.get(job.jobId);
			const source = statusListOf(job.kind);
			const listedSummary = listItem && source ? summarizeJob(source.kind as JobKind, listItem) : undefined;
			if (listedSummary && !listedSummary.finished) {
				follow.consecutiveFailures = 0;
				if (Date.now() >= deadline) outcomes.set(job.itemIndex, stillRunning(context, job, listedSummary.rawStatus));
				else follow.nextReadAt = Math.min(Date.now() + job.intervalMs, deadline);
				continue;
			}
			try {
				const response = await callApi(
					context,
					JOB_KINDS[job.kind].get.operation,
					{ query: readJobQuery(job.kind, job.jobId) as ApiRequest['query'] },
					{ itemIndex: job.itemIndex, timeoutMs: job.timeoutMs },
				);
				const output = jobOutput(job.kind, response);
				const finished = output.finished ? await withFinishedRead(context, job.kind, output, job) : undefined;
				follow.consecutiveFailures = 0;
				if (finished) outcomes.set(job.itemIndex, finishedOutcome(context, job, finished));
				else if (Date.now() >= deadline) outcomes.set(job.itemIndex, stillRunning(context, job, output.rawStatus));
				else follow.nextReadAt = Math.min(Date.now() + job.intervalMs, deadline);
			} catch (error) {
				if (stop?.aborted) break;
				follow.failedReads++;
				follow.consecutiveFailures++;
				const failure = failureOf(error);
				const passing = failure !== undefined && (failure.transient || failure.outcome === 'unknown');
				if (!passing) outcomes.set(job.itemIndex, unreadable(context, follow, error as Error, true));
				else if (Date.now() >= deadline)
					outcomes.set(job.itemIndex, unreadable(context, follow, error as Error, false));
				else {
					const backoff = Math.min(job.intervalMs * 2 ** (follow.consecutiveFailures - 1), MAX_READ_BACKOFF_MS);
					follow.nextReadAt = Math.min(Date.now() + backoff, deadline);
				}
			}
		}
		following = following.filter((follow) => !outcomes.has(follow.job.itemIndex));
		if (following.length > 0) {
			const next = Math.min(...following.map((follow) => follow.nextReadAt));
			await sleepUnlessStopped(next - Date.now(), stop);
		}
	}
	return outcomes;
}
