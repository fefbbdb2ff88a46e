/**
 * Job store. A job's whole life is a list of timed transitions decided at submission; its status is
 * read off the virtual clock, so advancing the clock moves every job without timers.
 */
/** The job store: every job's planned lifecycle over the virtual clock, failure and verdict rules, seeds. */
import { Clock } from './clock';
import type { LifecycleTiming } from './engine/format';
import { newId } from './ids';
import { EMULATOR_JOB_KINDS, EmulatorJobKind, kindOf } from './kinds';
import { Json, JsonObject } from './params';

export type { EmulatorJobKind } from './kinds';
export type { LifecycleTiming } from './engine/format';
export { EMULATOR_JOB_KINDS } from './kinds';
export { newId } from './ids';

export function isTerminal(kind: string, status: string): boolean {
	const states = kindOf(kind).states;
	return status === states.success || status === states.failure || (states.extraTerminal ?? []).includes(status);
}

function allStatuses(kind: string): string[] {
	const states = kindOf(kind).states;
	return [...states.running, states.success, states.failure, ...(states.extraTerminal ?? [])];
}

interface Transition {
	status: string;
	at: number;
}

/** A failure without a code is one the service reports with no reason (Get answers carry no Code/Message). */
interface JobFailure {
	code?: string;
	message?: string;
}

export interface Job {
	/** A declared kind's name (EmulatorJobKind); plain text here so that declarations can name jobs of any kind. */
	kind: string;
	jobId: string;
	/** Insertion order, the tie-breaker for equal creation times. */
	seq: number;
	createdAt: number;
	transitions: Transition[];
	failure?: JobFailure;
	/** Operation data: what was submitted plus generated IDs/URLs. */
	data: Record<string, Json | undefined>;
	clientToken?: string;
	/** The outcome a verdict rule or a seed chose (moderation: the suggestion), as the kind's declaration read it. */
	verdict?: JsonObject;
}

export interface JobState {
	status: string;
	modifiedAt: number;
	finishedAt?: number;
	failure?: JobFailure;
}

function stateAt(job: Job, now: number): JobState {
	let current = job.transitions[0];
	for (const time of job.transitions) {
		if (time.at <= now) current = time;
		else break;
	}
	const terminal = isTerminal(job.kind, current.status);
	return {
		status: current.status,
		modifiedAt: current.at,
		finishedAt: terminal ? current.at : undefined,
		failure: terminal && current.status !== kindOf(job.kind).states.success ? job.failure : undefined,
	};
}

interface JobRule {
	kind?: EmulatorJobKind | EmulatorJobKind[];
	/** Substring of the submitted data (names, inputs, outputs, URLs...) or a predicate. */
	match?: string | RegExp | ((job: Job) => boolean);
	/** How many jobs the rule applies to before it is used up; default unlimited. */
	times?: number;
}

/** Fails chosen jobs at their natural end, e.g. `{ match: 'broken.mp4', code: 'InvalidParameter', message: 'Resource content bad.' }`. */
export interface FailureRule extends JobRule {
	/** Without a code the job fails with no reason given. */
	code?: string;
	message?: string;
}

/** Gives chosen jobs an outcome of their kind, e.g. `{ kind: 'mediaCensor', match: 'nsfw', verdict: { Suggestion: 'block' } }`. */
export interface VerdictRule extends JobRule {
	verdict: JsonObject;
}

export interface SeedOptions {
	kind: EmulatorJobKind;
	count: number;
	/** One status, or several cycled through; default the kind's success status. */
	status?: string | string[];
	/** Creation time of the first job; default so that the last one is created `intervalMs` before now. */
	createdAt?: Date | string | number;
	/** Gap between consecutive creation times; default 60 s. */
	intervalMs?: number;
	/** Extra data merged into each job (e.g. `{ Name: 'nightly' }`, `{ ProjectId: '...' }`). */
	data?: Record<string, Json>;
	/** Failure code/message for failed seeds (`{}`: failed without a reason). */
	failure?: JobFailure;
	/** Job IDs to use instead of generated ones (e.g. the IDs a recorded request refers to). */
	jobIds?: string[];
	/** The outcome of each job, for kinds that have verdicts (see VerdictRule). */
	verdict?: JsonObject;
}

const kindsOf = (kind: string | readonly string[]): readonly string[] => (typeof kind === 'string' ? [kind] : kind);

export class JobStore {
	private byId = new Map<string, Job>();
	private byKind = new Map<string, Job[]>();
	private byClientToken = new Map<string, Job>();
	private failureRules: FailureRule[] = [];
	private verdictRules: VerdictRule[] = [];
	private seq = 0;
	private readonly addListeners: Array<(job: Job) => void> = [];
	timing: Record<string, LifecycleTiming>;

	constructor(
		private readonly clock: Clock,
		timing: Partial<Record<EmulatorJobKind, Partial<LifecycleTiming>>> = {},
	) {
		this.timing = mergeTiming(timing);
	}

	/** Creates a job at the current virtual time with its planned lifecycle. */
	submit(
		kind: string,
		data: Record<string, Json | undefined>,
		options: { jobId?: string; clientToken?: string } = {},
	): Job {
		const now = this.clock.now();
		const states = kindOf(kind).states;
		const job: Job = {
			kind,
			jobId: options.jobId ?? newId(),
			seq: this.seq++,
			createdAt: now,
			transitions: this.runningTransitions(kind, now, states.running.length - 1),
			data,
			clientToken: options.clientToken,
		};
		const rule = matchRule(this.failureRules, job);
		if (rule) job.failure = { code: rule.code, message: rule.message };
		job.verdict = matchRule(this.verdictRules, job)?.verdict;
		job.transitions.push({ status: rule ? states.failure : states.success, at: now + this.timing[kind].finishMs });
		this.add(job);
		return job;
	}

	/** Called with every job added from now on (submitted or seeded), e.g. to deliver its event when it ends. */
	onAdd(listener: (job: Job) => void): void {
		this.addListeners.push(listener);
	}

	findByClientToken(kind: string, token: string): Job | undefined {
		return this.byClientToken.get(`${kind}\n${token}`);
	}

	get(jobId: string, kind?: string | readonly string[]): Job | undefined {
		const job = this.byId.get(jobId);
		if (!job || (kind && !kindsOf(kind).includes(job.kind))) return undefined;
		return job;
	}

	/** Oldest first, kind after kind. */
	list(kinds: string | readonly string[]): Job[] {
		return kindsOf(kinds).flatMap((kind) => this.byKind.get(kind) ?? []);
	}

	all(): Job[] {
		return [...this.byId.values()];
	}

	state(job: Job): JobState {
		return stateAt(job, this.clock.now());
	}

	/** Ends a running job now with the kind's failure status. */
	fail(jobId: string, failure: JobFailure): Job {
		const job = this.running(jobId);
		job.failure = { ...failure };
		return this.endNow(job, kindOf(job.kind).states.failure);
	}

	/** Ends a running job now successfully. */
	finish(jobId: string): Job {
		const job = this.running(jobId);
		return this.endNow(job, kindOf(job.kind).states.success);
	}

	/** Ends a running job now in one of its kind's other end states (VOD tasks: Canceled, Skip). */
	endAs(jobId: string, status: string): Job {
		const job = this.running(jobId);
		if (!(kindOf(job.kind).states.extraTerminal ?? []).includes(status))
			throw new Error(`a ${job.kind} job cannot end as ${status}; ${jobId} is a ${job.kind} job`);
		job.failure = undefined;
		return this.endNow(job, status);
	}

	addRule(rule: FailureRule): void {
		if (rule.message !== undefined && !rule.code) throw new Error('a failure rule with a message needs a code');
		this.failureRules.push({ ...rule });
	}

	/** The verdict is read by each kind the rule names (default: every kind that has verdicts). */
	addVerdictRule(rule: VerdictRule): void {
		const named = rule.kind === undefined ? EMULATOR_JOB_KINDS : kindsOf(rule.kind);
		const judges = named.map(kindOf).filter((kind) => kind.verdict);
		if (judges.length === 0 || (rule.kind !== undefined && judges.length < named.length))
			throw new Error(
				`verdicts are known for ${EMULATOR_JOB_KINDS.filter((kind) => kindOf(kind).verdict).join(', ')} jobs only`,
			);
		let verdict = rule.verdict;
		for (const kind of judges) verdict = kind.verdict!(verdict);
		this.verdictRules.push({ ...rule, kind: judges.map((kind) => kind.name as EmulatorJobKind), verdict });
	}

	clearRules(): void {
		this.failureRules = [];
	}

	clearVerdictRules(): void {
		this.verdictRules = [];
	}

	seed(options: SeedOptions): Job[] {
		const { kind, count } = options;
		const declaration = kindOf(kind);
		if (!Number.isInteger(count) || count < 0) throw new Error('count must be a non-negative integer');
		const states = declaration.states;
		const statuses =
			options.status === undefined
				? [states.success]
				: Array.isArray(options.status)
					? options.status
					: [options.status];
		for (const status of statuses)
			if (!allStatuses(kind).includes(status))
				throw new Error(`status ${status} is not a ${kind} status (${allStatuses(kind).join(', ')})`);
		if (options.verdict !== undefined && !declaration.verdict) throw new Error(`${kind} jobs have no verdicts`);
		const verdict = options.verdict && declaration.verdict!(options.verdict);
		const interval = options.intervalMs ?? 60_000;
		const first =
			options.createdAt !== undefined ? new Date(options.createdAt).getTime() : this.clock.now() - interval * count;
		if (Number.isNaN(first)) throw new Error(`invalid createdAt ${String(options.createdAt)}`);
		if (options.jobIds && options.jobIds.length !== count) throw new Error('jobIds must name one ID per job');
		for (const id of options.jobIds ?? []) if (this.byId.has(id)) throw new Error(`job ${id} already exists`);
		const created: Job[] = [];
		for (let index = 0; index < count; index++) {
			const at = first + index * interval;
			const status = statuses[index % statuses.length];
			const runningIndex = states.running.indexOf(status);
			const transitions = this.runningTransitions(
				kind,
				at,
				runningIndex >= 0 ? runningIndex : states.running.length - 1,
			);
			if (runningIndex < 0) transitions.push({ status, at: at + this.timing[kind].finishMs });
			const job: Job = {
				kind,
				jobId: options.jobIds?.[index] ?? newId(),
				seq: this.seq++,
				createdAt: at,
				transitions,
				data: { ...declaration.seed(index), ...(options.data ?? {}) },
				failure:
					status === states.failure
						? (options.failure ?? { code: 'InvalidParameter', message: 'Resource content bad.' })
						: undefined,
				verdict,
			};
			this.add(job);
			created.push(job);
		}
		// Seeded creation times may be out of order relative to existing jobs.
		this.byKind.get(kind)?.sort(byCreation);
		return created;
	}

	/** Deletes a job (a media asset replaced by RegisterMediaInfo with Overwrite). */
	remove(jobId: string): void {
		const job = this.byId.get(jobId);
		if (!job) return;
		this.byId.delete(jobId);
		this.byKind.set(
			job.kind,
			(this.byKind.get(job.kind) ?? []).filter((listed) => listed !== job),
		);
		if (job.clientToken) this.byClientToken.delete(`${job.kind}\n${job.clientToken}`);
	}

	reset(): void {
		this.byId.clear();
		this.byKind.clear();
		this.byClientToken.clear();
		this.failureRules = [];
		this.verdictRules = [];
	}

	/** The first running state at `at`, then each one up to `last` at its offset. */
	private runningTransitions(kind: string, at: number, last: number): Transition[] {
		const running = kindOf(kind).states.running;
		const steps = this.timing[kind].stepsMs;
		return running
			.slice(0, last + 1)
			.map((status, index) => ({ status, at: index === 0 ? at : at + (steps[index - 1] ?? 0) }));
	}

	private add(job: Job): void {
		this.byId.set(job.jobId, job);
		const list = this.byKind.get(job.kind) ?? [];
		const last = list[list.length - 1];
		list.push(job);
		if (last && byCreation(last, job) > 0) list.sort(byCreation);
		this.byKind.set(job.kind, list);
		if (job.clientToken) this.byClientToken.set(`${job.kind}\n${job.clientToken}`, job);
		for (const listener of this.addListeners) listener(job);
	}

	private running(jobId: string): Job {
		const job = this.byId.get(jobId);
		if (!job) throw new Error(`no job ${jobId}`);
		if (this.state(job).finishedAt !== undefined)
			throw new Error(`job ${jobId} has already finished (${this.state(job).status})`);
		return job;
	}

	private endNow(job: Job, status: string): Job {
		const now = this.clock.now();
		job.transitions = job.transitions.filter((transition) => transition.at <= now);
		job.transitions.push({ status, at: now });
		return job;
	}
}

/** The first rule matching the job (used up after `times` matches). */
function matchRule<Rule extends JobRule>(rules: Rule[], job: Job): Rule | undefined {
	const index = rules.findIndex((rule) => {
		if (rule.kind && !kindsOf(rule.kind).includes(job.kind)) return false;
		if (rule.match === undefined) return true;
		if (typeof rule.match === 'function') return rule.match(job);
		const text = JSON.stringify(job.data);
		return typeof rule.match === 'string' ? text.includes(rule.match) : rule.match.test(text);
	});
	if (index < 0) return undefined;
	const rule = rules[index];
	if (rule.times !== undefined && --rule.times <= 0) rules.splice(index, 1);
	return rule;
}

function byCreation(left: Job, right: Job): number {
	return left.createdAt - right.createdAt || left.seq - right.seq;
}

function mergeTiming(
	overrides: Partial<Record<EmulatorJobKind, Partial<LifecycleTiming>>>,
): Record<string, LifecycleTiming> {
	const out: Record<string, LifecycleTiming> = {};
	for (const kind of EMULATOR_JOB_KINDS) {
		const time = { ...kindOf(kind).timing, ...(overrides[kind] ?? {}) };
		if (time.stepsMs.some((stepMs) => stepMs > time.finishMs))
			throw new Error(`${kind}: every step must come before finishMs`);
		out[kind] = time;
	}
	return out;
}
