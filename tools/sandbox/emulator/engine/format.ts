/**
 * The declaration format of an emulated job family: one file in kinds/ says what its jobs are (states, timings,
 * seeds, the callback event their end sends) and what its actions accept and answer. The engine (engine/) turns the
 * declarations into the operations table, the job store's vocabulary and the events; fault injection, quotas,
 * signatures and callbacks stay shared. README.md, "Job kinds", walks through the format.
 */
import type { Job, JobState } from '../jobs';
import type { Json, JsonObject, Params } from '../params';
import type { OperationContext } from '../operations/context';
import type { Reader, Values } from './parameters';

export type Product = 'ICE' | 'VOD';

export interface StateVocabulary {
	/** The running states in order; a job starts in the first. */
	running: readonly string[];
	success: string;
	failure: string;
	/** Other end states, reached only through the control API (VOD tasks: Canceled, Skip). */
	extraTerminal?: readonly string[];
}

/** Offsets from submission (ms) at which each running state after the first starts, and when the job ends. */
export interface LifecycleTiming {
	stepsMs: number[];
	finishMs: number;
}

/** A callback message: ICE's event callback or VOD's message callback. */
export interface JobEvent {
	product: 'ice' | 'vod';
	eventType: string;
	body: Record<string, unknown>;
}

export interface KindDeclaration<Name extends string = string> {
	name: Name;
	states: StateVocabulary;
	/** What the answers call the state: Status, or State (moderation jobs). */
	statusField: 'Status' | 'State';
	timing: LifecycleTiming;
	/** Plausible submitted data for seeded history; `position` counts the seeded jobs from 0. */
	seed(position: number): Record<string, Json | undefined>;
	/** The message a job's end sends, if its kind has a documented one. */
	event?(job: Job, state: JobState): JobEvent | undefined;
	/** A per-job callback address (ICE media producing: UserData's NotifyAddress). */
	notifyAddress?(job: Job): string | undefined;
	/** Checks a verdict given by a verdict rule or a seed (moderation: `{Suggestion, Scene, Label}`). */
	verdict?(value: JsonObject): JsonObject;
}

/** A valid request, for the contract suite: query parameters and, where the contract puts them there, form fields. */
export interface Sample {
	query: Params;
	form?: Params;
}

export type CreateContext = OperationContext & { jobId: string };

export interface SubmitDeclaration<Specs = Record<string, Reader<unknown>>> {
	action: string;
	/** Read in this order; see engine/parameters.ts. */
	parameters: Specs;
	/** Rules across parameters, once each was read. */
	check?(values: Values<Specs>, ctx: OperationContext): void;
	/** True: the same `ClientToken` (a declared parameter) for the same kind answers the job submitted with it. */
	idempotent?: boolean;
	/** The kind of the new job, or how the values choose it. */
	kind: string | ((values: Values<Specs>) => string);
	/** What the job keeps (echoed fields and generated IDs/URLs). Runs after the ClientToken lookup. */
	create(values: Values<Specs>, ctx: CreateContext): Record<string, Json | undefined>;
	answer(job: Job, ctx: OperationContext): Record<string, unknown>;
	/** Where the answer names the job (`JobId`, `TranscodeParentJob.ParentJobId`): for the contract suite. */
	idAt: string;
	samples: readonly Sample[];
}

export interface NotFound {
	status: number;
	code: string;
	/** In the message: `The specified <noun> "<id>" is not found.` */
	noun: string;
}

export interface GetDeclaration<Specs = Record<string, Reader<unknown>>> {
	action: string;
	/** The (required) parameter naming the job. */
	id: string;
	/** The kinds it answers for (also another family's: GetMediaProducingJob reads live editing jobs). */
	kinds: readonly string[];
	notFound: NotFound;
	/** Other parameters, read after the ID. */
	parameters?: Specs;
	check?(values: Values<Specs>): void;
	/** Where the job sits in the answer, e.g. `PackageJob`. */
	at: string;
	/** Answer fields beside the job (GetJobDetail: `JobType`). */
	extras?(values: Values<Specs>): Record<string, unknown>;
	view(job: Job, ctx: OperationContext, values: Values<Specs>): Record<string, unknown>;
	/** Objects of the answer whose Status/State show job states (default: `at`); for the contract suite. */
	statesAt?: readonly string[];
	/** The other parameters of a valid call (GetJobDetail: `JobType=workflow`); for the contract suite. */
	sample?: Params;
}

export interface Filter<T = unknown> {
	read: Reader<T | undefined>;
	matches(job: Job, value: T, ctx: OperationContext): boolean;
}

export interface ListDeclaration {
	action: string;
	kinds: readonly string[];
	/** Request parameter → how it is read and which jobs it keeps (applied when given). */
	filters: Record<string, Filter<any>>;
	/** Creation-time window parameters; `maxDays`: the widest window allowed. */
	window?: { start: string; end: string; maxDays?: number };
	/** The sort parameter and its two values; without it the list is newest first. */
	sort?: { parameter: string; asc: string; desc: string; default: 'asc' | 'desc' };
	/** `min: 0` means 0 stands for "not set" (the default), as ListPackageJobs documents. */
	pageSize: { parameter: string; min: number; max: number; default: number };
	/** The page token parameter, and where the next one sits in the answer. */
	token: string;
	tokenAt: string;
	/** Where the page's items sit in the answer (wrapped arrays: `MediaCensorJobList.MediaCensorJob`). */
	itemsAt: string;
	item(job: Job, ctx: OperationContext): Record<string, unknown>;
	/** Answer fields beside the page (ListMediaProducingJobs: MaxResults as text; NonExistIds). */
	extras?(page: { pageSize: number; filters: Record<string, unknown>; ctx: OperationContext }): Record<string, unknown>;
}

/** A read action of the kind's own shape (GetSnapshotUrls, GetMediaInfo). */
export interface ReadDeclaration<Specs = Record<string, Reader<unknown>>> {
	action: string;
	kinds: readonly string[];
	parameters: Specs;
	run(values: Values<Specs>, ctx: OperationContext): Record<string, unknown>;
	statesAt?: readonly string[];
	/** Its parameters for a job the contract suite submitted (ID and Submit answer). */
	sample?(job: { jobId: string; answer: Record<string, any> }): Params;
}

export interface Family<Kind extends KindDeclaration = KindDeclaration> {
	/** e.g. `transcoding`; names the family in errors and the README. */
	name: string;
	product: Product;
	kinds: readonly Kind[];
	submit?: SubmitDeclaration<any>;
	gets?: readonly GetDeclaration<any>[];
	list?: ListDeclaration;
	reads?: readonly ReadDeclaration<any>[];
}

/** Identity helpers that keep the literal kind names (EmulatorJobKind is derived from them) and type the values. */
export const declare = {
	kind: <Name extends string>(kind: KindDeclaration<Name>): KindDeclaration<Name> => kind,
	family: <Kind extends KindDeclaration>(family: Family<Kind>): Family<Kind> => family,
	submit: <Specs extends Record<string, Reader<unknown>>>(submit: SubmitDeclaration<Specs>): SubmitDeclaration<Specs> =>
		submit,
	get: <Specs extends Record<string, Reader<unknown>> = Record<string, never>>(
		get: GetDeclaration<Specs>,
	): GetDeclaration<Specs> => get,
	filter: <T>(filter: Filter<T>): Filter<T> => filter,
	read: <Specs extends Record<string, Reader<unknown>>>(read: ReadDeclaration<Specs>): ReadDeclaration<Specs> => read,
};
