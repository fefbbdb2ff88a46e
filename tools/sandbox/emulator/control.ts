/** Control operations shared by the in-process handle and the admin HTTP API. */
import { EmulatorAccount, sandboxAccounts } from './accounts';
import { isoSeconds } from './clock';
import { FailureRule, Job, EmulatorJobKind, EMULATOR_JOB_KINDS, SeedOptions, VerdictRule } from './jobs';
import { EmulatorState } from './state';

/** A read-only view of one job as the emulator sees it now (virtual clock). */
export interface JobSnapshot {
	jobId: string;
	kind: EmulatorJobKind;
	status: string;
	createTime: string;
	modifiedTime: string;
	finishTime?: string;
	code?: string;
	message?: string;
	/** What was submitted plus generated IDs/URLs (Inputs, Output, MediaId, ...). */
	data: Record<string, unknown>;
}

export class EmulatorControl {
	constructor(
		readonly state: EmulatorState,
		private readonly baseUrl: () => string,
	) {}

	url(): string {
		return this.baseUrl();
	}

	snapshot(job: Job): JobSnapshot {
		const text = this.state.jobs.state(job);
		return {
			jobId: job.jobId,
			kind: job.kind as EmulatorJobKind,
			status: text.status,
			createTime: isoSeconds(job.createdAt),
			modifiedTime: isoSeconds(text.modifiedAt),
			finishTime: text.finishedAt !== undefined ? isoSeconds(text.finishedAt) : undefined,
			code: text.failure?.code,
			message: text.failure?.message,
			data: { ...job.data },
		};
	}

	getJob(jobId: string): JobSnapshot | undefined {
		const job = this.state.jobs.get(jobId);
		return job && this.snapshot(job);
	}

	listJobs(kind?: EmulatorJobKind): JobSnapshot[] {
		if (kind !== undefined && !EMULATOR_JOB_KINDS.includes(kind)) throw new Error(`unknown job kind ${kind}`);
		return this.state.jobs.list(kind ?? [...EMULATOR_JOB_KINDS]).map((json) => this.snapshot(json));
	}

	/** Without a code the job fails with no reason given (its Get answers carry no Code/Message). */
	failJob(jobId: string, code?: string, message?: string): JobSnapshot {
		if (message !== undefined && !code) throw new Error('failJob: a message needs a code');
		return this.snapshot(this.state.jobs.fail(jobId, { code: code || undefined, message }));
	}

	finishJob(jobId: string): JobSnapshot {
		return this.snapshot(this.state.jobs.finish(jobId));
	}

	cancelWorkflowTask(taskId: string): JobSnapshot {
		return this.snapshot(this.state.jobs.endAs(taskId, 'Canceled'));
	}

	skipWorkflowTask(taskId: string): JobSnapshot {
		return this.snapshot(this.state.jobs.endAs(taskId, 'Skip'));
	}

	failJobsMatching(rule: FailureRule): void {
		this.state.jobs.addRule(rule);
	}

	clearFailureRules(): void {
		this.state.jobs.clearRules();
	}

	addVerdictRule(rule: VerdictRule): void {
		this.state.jobs.addVerdictRule(rule);
	}

	clearVerdictRules(): void {
		this.state.jobs.clearVerdictRules();
	}

	seedJobs(options: SeedOptions): string[] {
		return this.state.jobs.seed(options).map((json) => json.jobId);
	}

	addAccount(account: EmulatorAccount): void {
		if (!account.accessKeyId || !account.accessKeySecret)
			throw new Error('an account needs accessKeyId and accessKeySecret');
		this.state.accounts.set(account.accessKeyId, { ...account });
	}

	clearRequests(): void {
		this.state.requests.length = 0;
	}

	/** Back to a fresh emulator: no jobs, rules, faults, requests, nonces or added accounts. The clock keeps its time. */
	reset(): void {
		this.state.jobs.reset();
		this.state.catalogue.reset();
		this.state.faults.clear();
		this.state.nonces.clear();
		this.state.vodSubmitOmitsTaskId = false;
		this.state.oss.clear();
		this.state.callbacks.reset();
		this.state.dispatcher.reset();
		this.clearRequests();
		this.state.accounts.clear();
		for (const left of [...sandboxAccounts(), ...this.initialAccounts])
			this.state.accounts.set(left.accessKeyId, { ...left });
	}

	initialAccounts: EmulatorAccount[] = [];
}
