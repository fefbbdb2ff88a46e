/**
 * What a job kind declares about itself, once, in its module under shared/jobKinds/: its actions, its state
 * vocabulary and fields, how its list is read, what its callback events say. The Submit and Get nodes, Wait for
 * Completion, the lost-answer search, the Media Job Trigger and the Media Event Trigger read these declarations and
 * name no kind's actions themselves.
 */
import type { IDataObject, INodePropertyOptions } from 'n8n-workflow';

import type { ApiOperation } from '../api/operations';
import type { ApiRequest } from '../transport/request';

/** `skipped`: a VOD workflow task that ended without running (status Skip); finished, but neither outcome. */
export type JobStatus = 'running' | 'succeeded' | 'failed' | 'canceled' | 'skipped';
export type JobEnd = Exclude<JobStatus, 'running'>;

/** The normalized fields of one job: the same from a Get node, Wait for Completion and both triggers. */
export interface JobSummary extends IDataObject {
	jobKind: string;
	jobId: string;
	status: JobStatus;
	finished: boolean;
	/** Alibaba's own spelling, e.g. Fail, Failed or Succeed. */
	rawStatus: string;
}

/** One list request: creation-time window in epoch seconds (the service's clock), and the order. */
export interface ListWindow {
	start?: number;
	end?: number;
	ascending: boolean;
}

/** The trigger's filters (Options): each list applies those it knows, on the API side or on the items. */
export interface SourceFilters {
	pipelineId?: string;
	projectId?: string;
	/** Production job types (the list's JobType); empty = all. */
	jobTypes: string[];
}

/**
 * A job list, read page by page over a creation-time window: by the trigger, by Wait for Completion (many jobs due at
 * once) and by the lost-answer search.
 */
export interface JobSource {
	/** Where the trigger keeps what it remembers about this list. */
	key: string;
	/** The kind whose status vocabulary and field names the list's items follow. */
	kind: string;
	operation: ApiOperation;
	/** Longest creation-time window one query may span, if the API limits it. */
	maxWindowSeconds?: number;
	/**
	 * The list has no sort parameter and Alibaba documents no order (moderation jobs): `ascending` is not
	 * sent, so no scan may stop early on the order of what it has read; the trigger reads a creation-time window.
	 */
	unordered?: boolean;
	query(
		window: ListWindow,
		filters: SourceFilters,
		token: string | undefined,
	): Record<string, string | number | undefined>;
	page(response: IDataObject): { jobs: IDataObject[]; nextToken?: string };
	/** The API-side filters: when they change, what the trigger remembers about this list no longer applies. */
	scope(filters: SourceFilters): string;
	/** The filters the API cannot apply. */
	matches(job: IDataObject, filters: SourceFilters): boolean;
	/** Fields the emitted item gets that its list item does not say (production lists: the job type). */
	itemFields?: IDataObject;
	/** The list's items lack fields the Get answer has (packaging jobs' OutputUrl): read each emitted job. */
	readEmittedJobs: boolean;
}

/** Where to look for a job whose submission's answer was lost (see execution/findLostJob.ts). */
export interface LostJobSearch {
	list: JobSource;
	/** How to recognise the submitted job in the list, or undefined when the request cannot be told apart. */
	matcher(request: ApiRequest): ((job: IDataObject) => boolean) | undefined;
	/** The job as the Submit operation would have answered it. */
	answer(job: IDataObject): IDataObject;
}

/** A callback event that reports the end of a job of the kind, as the Media Event Trigger offers it. */
export interface JobEventFacts {
	product: 'ice' | 'vod';
	/** The Events option, e.g. "Media Production Finished" (n8n's node panel shows it as "On media production finished"). */
	option: Pick<INodePropertyOptions, 'name' | 'description'>;
	/** The event as the job its kind's Get answer would show. */
	job(event: IDataObject): IDataObject;
}

/** The trigger's Watch option for the kind, and the lists it reads for the chosen filters. */
export interface TriggerWatch {
	option: INodePropertyOptions & { value: string };
	sources(filters: SourceFilters): JobSource[];
	/** The trigger options that filter this kind's jobs. */
	filters: Array<'pipelineId' | 'projectId' | 'jobTypes'>;
}

/** A finished job's second read, page by page, for what its Get answer lacks (a snapshot job's image URLs). */
export interface FinishedRead {
	operation: ApiOperation;
	/** Whether this job needs it, by its normalized fields. */
	wanted(summary: JobSummary): boolean;
	/** The query of page `page` (from 1). */
	query(summary: JobSummary, page: number): ApiRequest['query'];
	/** Whether another page follows the answers read so far. */
	more(answers: IDataObject[]): boolean;
	/** The normalized fields the answers add. */
	fields(answers: IDataObject[]): IDataObject;
}

export interface JobKindDeclaration {
	/** One job of the kind in words, e.g. "packaging job". */
	label: string;
	get: {
		operation: ApiOperation;
		/** Query parameters that read one job, besides its ID (VOD: JobType=workflow). */
		parameters?: IDataObject;
		/** The query parameter that carries the ID. Default JobId. */
		idParameter?: string;
		/** Where the job sits in the answer. */
		responseKey: string;
	};
	/** The job's ID field in the Get answer and the list's items. */
	idField: string;
	/** The field that holds the state. Default Status (moderation jobs: State). */
	statusField?: string;
	/** Where the status, the ID and the times sit when not at the top of the job (media asset: MediaBasicInfo). */
	statusRecord?(job: IDataObject): IDataObject;
	/** Alibaba's spellings of each end. Any other state counts as running, so a new state never ends a wait early. */
	ends: Record<JobEnd, string[]>;
	/** The status when the state alone does not tell it, e.g. a job that reached its end state with an error. */
	outcome?(job: IDataObject, status: JobStatus): JobStatus;
	fields: {
		createdAt: string;
		finishedAt: string;
		outputUrl?: string;
		mediaId?: string;
		vodMediaId?: string;
	};
	/** The failure's code and message when the job does not keep them as Code and Message. */
	failure?(job: IDataObject): IDataObject;
	/** What the kind adds to the normalized fields (its outputs, verdict, sub-jobs…). */
	details?(job: IDataObject, status: JobStatus): IDataObject;
	/** Normalized fields only the Submit answer carries, by Submit answer key (a live editing job's VodMediaId). */
	submittedFields?: Partial<Record<'vodMediaId', string>>;
	/** The output of a Get answer when it is not `{...summary, job, requestId}`. */
	output?(summary: JobSummary, entry: IDataObject, requestId: unknown): IDataObject;
	finishedRead?: FinishedRead;
	submit?: {
		operation: ApiOperation;
		jobId(response: IDataObject): string | undefined;
		/** Kinds whose submission has no ClientToken and that have a list: where a lost answer is looked for. */
		lostAnswer?: LostJobSearch;
	};
	/** The list Wait for Completion reads when several jobs of the kind are due. */
	list?: JobSource;
	trigger?: TriggerWatch;
	/** Callback events that report the end of a job of the kind, by EventType. */
	events?: Record<string, JobEventFacts>;
	/** The kind's Get node: its ID field, filled from `idField` of the Submit node's answer. */
	getNode: {
		parameter: string;
		label: string;
		/** An ID of the right shape, shown as the field's placeholder. */
		example: string;
		/** The Submit node whose answer carries the ID. */
		submitNode: string;
		/** Said after the field's description, e.g. how far back jobs can be read. */
		note?: string;
	};
}
