/**
 * Local emulator of the Alibaba Cloud ICE (2020-11-09) and VOD (2017-03-21) RPC endpoints, strict about
 * ACS3-HMAC-SHA256 signatures, parameters and job lifecycles. See README.md in this folder.
 *
 * ```ts
 * const emu = await startEmulator();            // manual clock, random port
 * // point the credential's endpoints at emu.url, sign with emu.credentials
 * emu.clock.advance(60_000);                     // jobs move on
 * await emu.stop();
 * ```
 */
import { AddressInfo } from 'node:net';
import {
	EmulatorAccount,
	SANDBOX_ACCESS_KEY_ID,
	SANDBOX_ACCESS_KEY_SECRET,
	SANDBOX_STS_ACCESS_KEY_ID,
	SANDBOX_STS_ACCESS_KEY_SECRET,
	SANDBOX_STS_SECURITY_TOKEN,
} from './accounts';
import { NonceStore } from './auth';
import { Catalogue } from './catalogue';
import { CallbackDelivery, CallbackDispatcher, DispatcherOptions, SendOptions } from './callbacks/dispatcher';
import { CallbackSettings } from './callbacks/settings';
import { Clock, ClockMode, createClock } from './clock';
import { EmulatorControl, JobSnapshot } from './control';
import { FaultInjector } from './faults';
import { FailureRule, EmulatorJobKind, JobStore, LifecycleTiming, SeedOptions, VerdictRule } from './jobs';
import { kindOf } from './kinds';
import type { StateVocabulary } from './engine/format';
import { LoggedRequest } from './requestLog';
import { OssStore, type MultipartUpload, type StoredObject } from './oss/store';
import { createEmulatorServer } from './server';
import { accountMap, EmulatorState } from './state';

export interface EmulatorOptions {
	/** 0 (default) = a random free port. */
	port?: number;
	/** Default 127.0.0.1. */
	host?: string;
	/** `manual` (default): virtual time stands still until advanced. `real`: flows with wall time × speed. */
	clock?: ClockMode;
	speed?: number;
	/** Virtual start time; default the real now. */
	startTime?: Date | string | number;
	/** Used in HostId and generated OSS URLs; default cn-shanghai. */
	region?: string;
	/** Accounts in addition to the sandbox AccessKey pair and STS triple. */
	accounts?: EmulatorAccount[];
	/** Per-kind lifecycle offsets; defaults in each kind's declaration (kinds/*.ts). */
	timing?: Partial<Record<EmulatorJobKind, Partial<LifecycleTiming>>>;
	/** The server's wall clock for signature timestamps and STS expiry (default Date.now). */
	wallClock?: () => number;
	/**
	 * Requests per second per AccessKey and action above which answers are Throttling.User, as Alibaba's quotas:
	 * `'alibaba'` for the documented ones (ALIBABA_QUOTAS), or your own table. Default: none.
	 */
	quotas?: 'alibaba' | Record<string, number>;
	/** Milliseconds added before every answer, as a round trip to a real endpoint would. Default 0. */
	latencyMs?: number;
	/** Callback delivery: how often ended jobs are looked for, the wait before a retry, attempts per delivery. */
	callbacks?: DispatcherOptions;
	/** OSS buckets to create (in the emulator's region); default [DEFAULT_OSS_BUCKET]. */
	ossBuckets?: string[];
}

/** The bucket every emulator has unless `ossBuckets` says otherwise. */
export const DEFAULT_OSS_BUCKET = 'media-sandbox';

/** OSS, path-style on the emulator's own address: `<url>/<bucket>/<key>` (see README.md, "OSS"). */
export interface OssEmulator {
	/** The endpoint to give the Upload to OSS node (path-style addressing). */
	endpoint: string;
	region: string;
	createBucket(name: string, region?: string): void;
	/** A stored object (its bytes are in `path`, with size, md5, sha256 and ETag), or undefined. */
	object(bucket: string, key: string): StoredObject | undefined;
	/** The bytes of a stored object (small ones: this reads the whole file). */
	readObject(bucket: string, key: string): Buffer | undefined;
	objects(): StoredObject[];
	/** Multipart uploads initiated and neither completed nor aborted, each with its part numbers. */
	unfinishedUploads(): Array<Omit<MultipartUpload, 'parts'> & { partNumbers: number[] }>;
	/** Temporary directory holding the object and part files. */
	directory: string;
}

/** The callbacks Alibaba sends (SetEventCallback / SetMessageCallback, per-job NotifyAddress); see callbacks/. */
export interface CallbackHandle {
	/** Every POST sent (each attempt), oldest first (live array). */
	readonly deliveries: CallbackDelivery[];
	/** Sends the events of jobs that have ended and waits until every delivery (with its retries) is over. */
	flush(): Promise<number>;
	/** A POST as a test wants it: forged (`key: 'wrong'`), unsigned (`key: null`), replayed (`timestamp` in the past). */
	send(options: SendOptions): Promise<{ status: number; body: string }>;
	/** A recorded delivery sent again with the same headers and body. */
	resend(deliveryId: string): Promise<{ status: number; body: string }>;
}

/** The quotas Alibaba documents for these actions (requests per second per account; api-notes). */
export const ALIBABA_QUOTAS: Readonly<Record<string, number>> = {
	SubmitMediaProducingJob: 30,
	SubmitWorkflowJob: 20,
	GetJobDetail: 15,
};

function quotaLimiter(quotas: EmulatorOptions['quotas']): FaultInjector {
	const limiter = new FaultInjector();
	const table = quotas === 'alibaba' ? ALIBABA_QUOTAS : (quotas ?? {});
	for (const [action, qps] of Object.entries(table)) limiter.throttle({ action, qps });
	return limiter;
}

export interface Emulator {
	/** `http://127.0.0.1:PORT`: both the ICE and the VOD endpoint. */
	url: string;
	port: number;
	/** `127.0.0.1:PORT`, the form @alicloud/openapi-client's `endpoint` wants. */
	endpoint: string;
	region: string;
	credentials: { accessKeyId: string; accessKeySecret: string };
	stsCredentials: { accessKeyId: string; accessKeySecret: string; securityToken: string };
	clock: Clock;
	/** Every request received, oldest first (live array). */
	readonly requests: LoggedRequest[];
	clearRequests(): void;
	/**
	 * Ends a running job now with Fail/Failed (VOD: Failed) and this Code/Message; without a code it fails with no
	 * reason given. Throws if it already finished.
	 */
	failJob(jobId: string, code?: string, message?: string): JobSnapshot;
	/** Jobs submitted from now on that match fail at their natural end. */
	failJobsMatching(rule: FailureRule): void;
	clearFailureRules(): void;
	/** Jobs submitted from now on that match get this outcome (moderation: `{Suggestion: 'block', Scene, Label}`). */
	addVerdictRule(rule: VerdictRule): void;
	clearVerdictRules(): void;
	/** Ends a running job now successfully. */
	finishJob(jobId: string): JobSnapshot;
	/** Cancels a running VOD workflow task (status Canceled). */
	cancelWorkflowTask(taskId: string): JobSnapshot;
	/** Ends a running VOD workflow task as skipped (status Skip, terminal). */
	skipWorkflowTask(taskId: string): JobSnapshot;
	faults: FaultInjector;
	/** Creates history quickly (10,000 jobs are fine); returns the job IDs, oldest first. */
	seedJobs(options: SeedOptions): string[];
	jobs: {
		get(jobId: string): JobSnapshot | undefined;
		/** Oldest first. */
		list(kind?: EmulatorJobKind): JobSnapshot[];
	};
	addAccount(account: EmulatorAccount): void;
	/** Templates, pipelines and editing projects for ListTemplates, ListPipelines and ListEditingProjects (cleared by reset). */
	catalogue: Catalogue;
	/** Answer SubmitWorkflowJob without TaskId, as older VOD responses do. */
	setVodSubmitOmitsTaskId(omit: boolean): void;
	oss: OssEmulator;
	callbacks: CallbackHandle;
	/** Clears jobs, rules, faults, requests, nonces, OSS objects and uploads, callback settings and deliveries, and accounts added later; keeps the clock. */
	reset(): void;
	stop(): Promise<void>;
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
	const clock = createClock(
		options.clock ?? 'manual',
		options.speed ?? 1,
		options.startTime !== undefined ? new Date(options.startTime).getTime() : Date.now(),
	);
	const jobs = new JobStore(clock, options.timing);
	const callbacks = new CallbackSettings();
	const wallClock = options.wallClock ?? Date.now;
	const dispatcher = new CallbackDispatcher(jobs, callbacks, wallClock, options.callbacks);
	const state: EmulatorState = {
		region: options.region ?? 'cn-shanghai',
		clock,
		jobs,
		catalogue: new Catalogue(clock),
		faults: new FaultInjector(),
		quotas: quotaLimiter(options.quotas),
		latencyMs: options.latencyMs ?? 0,
		nonces: new NonceStore(),
		accounts: accountMap(options.accounts),
		requests: [],
		wallClock,
		vodSubmitOmitsTaskId: false,
		oss: new OssStore(options.region ?? 'cn-shanghai'),
		callbacks,
		dispatcher,
	};
	for (const bucket of options.ossBuckets ?? [DEFAULT_OSS_BUCKET]) state.oss.createBucket(bucket);
	let url = '';
	const control = new EmulatorControl(state, () => url);
	control.initialAccounts = options.accounts ?? [];
	const server = createEmulatorServer(control);
	const host = options.host ?? '127.0.0.1';
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, host, () => resolve());
	});
	const port = (server.address() as AddressInfo).port;
	url = `http://${host}:${port}`;
	dispatcher.start();
	return {
		url,
		port,
		endpoint: `${host}:${port}`,
		region: state.region,
		credentials: { accessKeyId: SANDBOX_ACCESS_KEY_ID, accessKeySecret: SANDBOX_ACCESS_KEY_SECRET },
		stsCredentials: {
			accessKeyId: SANDBOX_STS_ACCESS_KEY_ID,
			accessKeySecret: SANDBOX_STS_ACCESS_KEY_SECRET,
			securityToken: SANDBOX_STS_SECURITY_TOKEN,
		},
		clock,
		requests: state.requests,
		clearRequests: () => control.clearRequests(),
		failJob: (id, code, message) => control.failJob(id, code, message),
		failJobsMatching: (rule) => control.failJobsMatching(rule),
		clearFailureRules: () => control.clearFailureRules(),
		addVerdictRule: (rule) => control.addVerdictRule(rule),
		clearVerdictRules: () => control.clearVerdictRules(),
		finishJob: (id) => control.finishJob(id),
		cancelWorkflowTask: (id) => control.cancelWorkflowTask(id),
		skipWorkflowTask: (id) => control.skipWorkflowTask(id),
		faults: state.faults,
		seedJobs: (object) => control.seedJobs(object),
		jobs: { get: (id) => control.getJob(id), list: (kind) => control.listJobs(kind) },
		addAccount: (left) => control.addAccount(left),
		catalogue: state.catalogue,
		setVodSubmitOmitsTaskId: (omit) => {
			state.vodSubmitOmitsTaskId = omit;
		},
		oss: {
			endpoint: url,
			region: state.region,
			createBucket: (name, region) => void state.oss.createBucket(name, region),
			object: (bucket, key) => state.oss.objects.get(state.oss.objectKey(bucket, key)),
			readObject: (bucket, key) => state.oss.readObject(bucket, key),
			objects: () => [...state.oss.objects.values()],
			unfinishedUploads: () =>
				[...state.oss.uploads.values()].map(({ parts, ...upload }) => ({
					...upload,
					partNumbers: [...parts.keys()].sort((left, right) => left - right),
				})),
			directory: state.oss.directory,
		},
		callbacks: {
			deliveries: dispatcher.deliveries,
			flush: () => dispatcher.flush(),
			send: (sendOptions) => dispatcher.send(sendOptions),
			resend: (deliveryId) => dispatcher.resend(deliveryId),
		},
		reset: () => control.reset(),
		stop: () =>
			new Promise<void>((resolve, reject) => {
				dispatcher.stop();
				server.close((err) => {
					state.oss.destroy();
					if (err) reject(err);
					else resolve();
				});
				server.closeAllConnections();
			}),
	};
}

export * from './accounts';
export type { Clock, ClockMode } from './clock';
export type { JobSnapshot } from './control';
export type { Fault, ErrorFault, HtmlFault, ResetFault, DelayFault, ThrottleRule, FaultInjector } from './faults';
export type { FailureRule, VerdictRule, EmulatorJobKind, SeedOptions, LifecycleTiming, Job } from './jobs';
export type { StateVocabulary } from './engine/format';
export { EMULATOR_JOB_KINDS } from './kinds';

/** A job kind's states as its declaration gives them (e.g. seed a running job in `running.at(-1)`). */
export function jobStates(kind: EmulatorJobKind): StateVocabulary {
	return kindOf(kind).states;
}
export type { LoggedRequest } from './requestLog';
export type { Catalogue, CatalogueTemplate, CataloguePipeline, CatalogueProject } from './catalogue';
export type { StoredObject, MultipartUpload } from './oss/store';
export type { CallbackContentType, CallbackDelivery, DispatcherOptions, SendOptions } from './callbacks/dispatcher';
export { callbackSignature, SIGNATURE_HEADERS } from './callbacks/signing';
export { ADMIN_PREFIX } from './admin';
