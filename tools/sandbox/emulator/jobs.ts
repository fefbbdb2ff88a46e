/**
 * Job store. A job's whole life is a list of timed transitions decided at submission; its status is
 * read off the virtual clock, so advancing the clock moves every job without timers.
 */
import { randomBytes } from 'node:crypto';
import { Clock } from './clock';
import { Json } from './params';

export type EmulatorJobKind = 'package' | 'editing' | 'template' | 'liveEditing' | 'workflow' | 'mediaAsset';
export const EMULATOR_JOB_KINDS: readonly EmulatorJobKind[] = [
	'package',
	'editing',
	'template',
	'liveEditing',
	'workflow',
	'mediaAsset',
];

/** ListMediaProducingJobs' JobType for the media producing kinds. */
export const MEDIA_JOB_TYPE: Partial<Record<EmulatorJobKind, string>> = {
	editing: 'EditingJob',
	template: 'VETemplateJob',
	liveEditing: 'LiveEditingJob',
};

interface Vocabulary {
	running: string[];
	success: string;
	failure: string;
	extraTerminal?: string[];
}

const PRODUCING: Vocabulary = { running: ['Init', 'Queuing', 'Processing'], success: 'Success', failure: 'Failed' };
export const VOCABULARY: Record<EmulatorJobKind, Vocabulary> = {
	// The contract's packaging vocabulary (ListPackageJobs Status) has no running state after Init.
	package: { running: ['Init'], success: 'Success', failure: 'Fail' },
	editing: PRODUCING,
	template: PRODUCING,
	liveEditing: PRODUCING,
	workflow: {
		running: ['Init', 'Processing'],
		success: 'Succeed',
		failure: 'Failed',
		extraTerminal: ['Canceled', 'Skip'],
	},
	// A registered media asset (RegisterMediaInfo): its job ID is the MediaId. States from the SDK's
	// ListMediaBasicInfosRequest Status: Init, Preparing, PrepareFail, Normal.
	mediaAsset: { running: ['Init', 'Preparing'], success: 'Normal', failure: 'PrepareFail' },
};

export function isTerminal(kind: EmulatorJobKind, status: string): boolean {
	const value = VOCABULARY[kind];
	return status === value.success || status === value.failure || (value.extraTerminal ?? []).includes(status);
}

function allStatuses(kind: EmulatorJobKind): string[] {
	const value = VOCABULARY[kind];
	return [...value.running, value.success, value.failure, ...(value.extraTerminal ?? [])];
}

/** Offsets from submission (ms) at which each running state after Init starts, and when the job ends. */
export interface LifecycleTiming {
	/** One offset per running state after `Init` (package: []; workflow: [Processing]; producing: [Queuing, Processing]). */
	stepsMs: number[];
	finishMs: number;
}

const DEFAULT_TIMING: Record<EmulatorJobKind, LifecycleTiming> = {
	package: { stepsMs: [], finishMs: 60_000 },
	editing: { stepsMs: [2_000, 5_000], finishMs: 60_000 },
	template: { stepsMs: [2_000, 5_000], finishMs: 60_000 },
	liveEditing: { stepsMs: [2_000, 5_000], finishMs: 60_000 },
	workflow: { stepsMs: [2_000], finishMs: 60_000 },
	// "Registering a media asset is an asynchronous job that takes 2 to 3 seconds" (RegisterMediaInfo reference).
	mediaAsset: { stepsMs: [1_000], finishMs: 3_000 },
};

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
	kind: EmulatorJobKind;
	jobId: string;
	/** Insertion order, the tie-breaker for equal creation times. */
	seq: number;
	createdAt: number;
	transitions: Transition[];
	failure?: JobFailure;
	/** Operation data: what was submitted plus generated IDs/URLs. */
	data: Record<string, Json | undefined>;
	clientToken?: string;
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
		failure: terminal && current.status !== VOCABULARY[job.kind].success ? job.failure : undefined,
	};
}

/** Fails chosen jobs at their natural end, e.g. `{ match: 'broken.mp4', code: 'InvalidParameter', message: 'Resource content bad.' }`. */
export interface FailureRule {
	kind?: EmulatorJobKind | EmulatorJobKind[];
	/** Substring of the submitted data (names, inputs, outputs, URLs...) or a predicate. */
	match?: string | RegExp | ((job: Job) => boolean);
	/** Without a code the job fails with no reason given. */
	code?: string;
	message?: string;
	/** How many jobs the rule fails before it is used up; default unlimited. */
	times?: number;
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
}

export const newId = (): string => randomBytes(16).toString('hex');

export class JobStore {
	private byId = new Map<string, Job>();
	private byKind = new Map<EmulatorJobKind, Job[]>();
	private byClientToken = new Map<string, Job>();
	private rules: FailureRule[] = [];
	private seq = 0;
	private readonly addListeners: Array<(job: Job) => void> = [];
	timing: Record<EmulatorJobKind, LifecycleTiming>;

	constructor(
		private readonly clock: Clock,
		timing: Partial<Record<EmulatorJobKind, Partial<LifecycleTiming>>> = {},
	) {
		this.timing = mergeTiming(timing);
	}

	/** Creates a job at the current virtual time with its planned lifecycle. */
	submit(
		kind: EmulatorJobKind,
		data: Record<string, Json | undefined>,
		options: { jobId?: string; clientToken?: string } = {},
	): Job {
		const now = this.clock.now();
		const timing = this.timing[kind];
		const vocab = VOCABULARY[kind];
		const transitions: Transition[] = [{ status: 'Init', at: now }];
		vocab.running
			.slice(1)
			.forEach((status, index) => transitions.push({ status, at: now + (timing.stepsMs[index] ?? 0) }));
		const job: Job = {
			kind,
			jobId: options.jobId ?? newId(),
			seq: this.seq++,
			createdAt: now,
			transitions,
			data,
			clientToken: options.clientToken,
		};
		const rule = this.matchRule(job);
		if (rule) job.failure = { code: rule.code, message: rule.message };
		transitions.push({ status: rule ? vocab.failure : vocab.success, at: now + timing.finishMs });
		this.add(job);
		return job;
	}

	/** Called with every job added from now on (submitted or seeded), e.g. to deliver its event when it ends. */
	onAdd(listener: (job: Job) => void): void {
		this.addListeners.push(listener);
	}

	findByClientToken(kind: EmulatorJobKind, token: string): Job | undefined {
		return this.byClientToken.get(`${kind}\n${token}`);
	}

	get(jobId: string, kind?: EmulatorJobKind | EmulatorJobKind[]): Job | undefined {
		const job = this.byId.get(jobId);
		if (!job || (kind && !(Array.isArray(kind) ? kind : [kind]).includes(job.kind))) return undefined;
		return job;
	}

	list(kinds: EmulatorJobKind | EmulatorJobKind[]): Job[] {
		return (Array.isArray(kinds) ? kinds : [kinds]).flatMap((kind) => this.byKind.get(kind) ?? []);
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
		return this.endNow(job, VOCABULARY[job.kind].failure);
	}

	/** Ends a running job now successfully. */
	finish(jobId: string): Job {
		return this.endNow(this.running(jobId), VOCABULARY[this.running(jobId).kind].success);
	}

	/** Cancels a running VOD workflow task. */
	cancel(jobId: string): Job {
		return this.endWorkflowTask(jobId, 'Canceled', 'canceled');
	}

	/** Ends a running VOD workflow task as skipped (status Skip). */
	skip(jobId: string): Job {
		return this.endWorkflowTask(jobId, 'Skip', 'skipped');
	}

	private endWorkflowTask(jobId: string, status: 'Canceled' | 'Skip', verb: string): Job {
		const job = this.running(jobId);
		if (job.kind !== 'workflow')
			throw new Error(`only VOD workflow tasks can be ${verb}; ${jobId} is a ${job.kind} job`);
		job.failure = undefined;
		return this.endNow(job, status);
	}

	addRule(rule: FailureRule): void {
		if (rule.message !== undefined && !rule.code) throw new Error('a failure rule with a message needs a code');
		this.rules.push({ ...rule });
	}

	clearRules(): void {
		this.rules = [];
	}

	seed(options: SeedOptions): Job[] {
		const { kind, count } = options;
		if (!EMULATOR_JOB_KINDS.includes(kind))
			throw new Error(`unknown job kind ${String(kind)}; use one of ${EMULATOR_JOB_KINDS.join(', ')}`);
		if (!Number.isInteger(count) || count < 0) throw new Error('count must be a non-negative integer');
		const requested =
			options.status === undefined
				? [VOCABULARY[kind].success]
				: Array.isArray(options.status)
					? options.status
					: [options.status];
		// Seeds written before packaging lost its Processing state ask for a running package job that way: it stays Init.
		const statuses = requested.map((status) => (kind === 'package' && status === 'Processing' ? 'Init' : status));
		for (const string of statuses)
			if (!allStatuses(kind).includes(string))
				throw new Error(`status ${string} is not a ${kind} status (${allStatuses(kind).join(', ')})`);
		const interval = options.intervalMs ?? 60_000;
		const first =
			options.createdAt !== undefined ? new Date(options.createdAt).getTime() : this.clock.now() - interval * count;
		if (Number.isNaN(first)) throw new Error(`invalid createdAt ${String(options.createdAt)}`);
		if (options.jobIds && options.jobIds.length !== count) throw new Error('jobIds must name one ID per job');
		for (const id of options.jobIds ?? []) if (this.byId.has(id)) throw new Error(`job ${id} already exists`);
		const vocab = VOCABULARY[kind];
		const timing = this.timing[kind];
		const created: Job[] = [];
		for (let index = 0; index < count; index++) {
			const at = first + index * interval;
			const status = statuses[index % statuses.length];
			const transitions: Transition[] = [{ status: 'Init', at }];
			const runningIdx = vocab.running.indexOf(status);
			const lastRunning = runningIdx >= 0 ? runningIdx : vocab.running.length - 1;
			for (let source = 1; source <= lastRunning; source++)
				transitions.push({ status: vocab.running[source], at: at + (timing.stepsMs[source - 1] ?? 0) });
			if (runningIdx < 0) transitions.push({ status, at: at + timing.finishMs });
			const job: Job = {
				kind,
				jobId: options.jobIds?.[index] ?? newId(),
				seq: this.seq++,
				createdAt: at,
				transitions,
				data: { ...seedData(kind, index), ...(options.data ?? {}) },
				failure:
					status === vocab.failure
						? (options.failure ?? { code: 'InvalidParameter', message: 'Resource content bad.' })
						: undefined,
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
		this.rules = [];
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

	private matchRule(job: Job): FailureRule | undefined {
		const index = this.rules.findIndex((rule) => {
			if (rule.kind && !(Array.isArray(rule.kind) ? rule.kind : [rule.kind]).includes(job.kind)) return false;
			if (rule.match === undefined) return true;
			if (typeof rule.match === 'function') return rule.match(job);
			const text = JSON.stringify(job.data);
			return typeof rule.match === 'string' ? text.includes(rule.match) : rule.match.test(text);
		});
		if (index < 0) return undefined;
		const rule = this.rules[index];
		if (rule.times !== undefined && --rule.times <= 0) this.rules.splice(index, 1);
		return rule;
	}
}

function byCreation(left: Job, right: Job): number {
	return left.createdAt - right.createdAt || left.seq - right.seq;
}

function mergeTiming(
	overrides: Partial<Record<EmulatorJobKind, Partial<LifecycleTiming>>>,
): Record<EmulatorJobKind, LifecycleTiming> {
	const out = {} as Record<EmulatorJobKind, LifecycleTiming>;
	for (const kind of EMULATOR_JOB_KINDS) {
		const time = { ...DEFAULT_TIMING[kind], ...(overrides[kind] ?? {}) };
		if (time.stepsMs.some((stepMs) => stepMs > time.finishMs))
			throw new Error(`${kind}: every step must come before finishMs`);
		out[kind] = time;
	}
	return out;
}

/** Plausible submitted data for seeded history. */
function seedData(kind: EmulatorJobKind, position: number): Record<string, Json> {
	const count = String(position).padStart(5, '0');
	switch (kind) {
		case 'package':
			return {
				Name: `seed-package-${count}`,
				Inputs: [{ Input: { Type: 'OSS', Media: `oss://sandbox-bucket/input/video-${count}.mp4` } }],
				Output: { Type: 'OSS', Media: `oss://sandbox-bucket/output/package-${count}/index.m3u8` },
				TriggerSource: 'API',
			};
		case 'workflow':
			return { WorkflowId: 'sandbox-workflow', MediaId: newId(), WorkflowName: 'sandbox-workflow' };
		case 'mediaAsset':
			return { InputURL: `oss://sandbox-bucket/input/video-${count}.mp4`, MediaType: 'video' };
		default:
			return {
				ProjectId: newId(),
				MediaId: newId(),
				MediaURL: `https://sandbox-bucket.oss-cn-shanghai.aliyuncs.com/produced/${kind}-${count}.mp4`,
			};
	}
}
