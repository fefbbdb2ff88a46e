/**
 * What the trigger remembers between polls, per watched job list, and the pure rules that move it on.
 * All times are epoch seconds of the SERVICE's clock (the jobs' CreateTime), never n8n's clock, so a skewed
 * n8n server neither skips nor repeats jobs.
 *
 * - `cursor`: the newest CreateTime seen in the list (or the end of a fully read, long-past window).
 * - `pending`: jobs seen running, by ID → CreateTime. They are emitted when they are seen finished, and
 *   dropped once created more than the look-back window before the cursor.
 * - `recent`: finished jobs already handled (emitted, filtered out by outcome, or finished before
 *   activation) created within the overlap before the cursor, by ID → CreateTime: the dedupe set for the
 *   overlap that each scan re-reads.
 * - `floor`: where to start reading when the list had no job at all at activation.
 * - `scope`: the API-side filters the state was built with; other filters start a new baseline.
 *
 * Size: pending ≤ the jobs created within the look-back window that are still running; recent ≤ the jobs
 * created within the overlap. Neither depends on the size of the account's history.
 */
import type { IDataObject } from 'n8n-workflow';

import { DAY_SECONDS } from '../shared/helpers/time';
import type { ListWindow } from '../shared/jobs/declaration';

export const STATE_VERSION = 1;
/** Each scan re-reads jobs created this long before the cursor (late-listed jobs, equal timestamps). */
const OVERLAP_SECONDS = 10 * 60;

export interface SourceState {
	scope: string;
	cursor?: number;
	floor?: number;
	pending: Record<string, number>;
	recent: Record<string, number>;
}

export interface TriggerState {
	version: typeof STATE_VERSION;
	/** By list key: 'package', 'production:EditingJob', … */
	sources: Record<string, SourceState>;
}

/** What the state rules need to know about one listed job. */
export interface ObservedJob {
	id: string;
	createdAt?: number;
	finished: boolean;
	/** Whether it passes the filters the API could not apply (pipeline, several job types). */
	matches: boolean;
}

function numberMap(value: unknown): Record<string, number> {
	const map: Record<string, number> = {};
	if (value === null || typeof value !== 'object' || Array.isArray(value)) return map;
	for (const [key, entry] of Object.entries(value as Record<string, unknown>)) {
		if (typeof entry === 'number' && Number.isFinite(entry)) map[key] = entry;
	}
	return map;
}

function optionalNumber(value: unknown): number | undefined {
	return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** A copy of the persisted state; anything unreadable counts as "not activated yet" for that list. */
export function readState(staticData: IDataObject): TriggerState {
	const state: TriggerState = { version: STATE_VERSION, sources: {} };
	if (staticData.version !== STATE_VERSION) return state;
	const sources = (staticData.sources ?? {}) as Record<string, unknown>;
	for (const [key, value] of Object.entries(sources)) {
		const source = value as IDataObject | undefined;
		if (!source || typeof source !== 'object' || typeof source.scope !== 'string') continue;
		state.sources[key] = {
			scope: source.scope,
			cursor: optionalNumber(source.cursor),
			floor: optionalNumber(source.floor),
			pending: numberMap(source.pending),
			recent: numberMap(source.recent),
		};
	}
	return state;
}

/** Replaces the persisted state in one step (called only once a poll has fully succeeded). */
export function writeState(staticData: IDataObject, state: TriggerState): void {
	for (const key of Object.keys(staticData)) {
		if (key !== 'version' && key !== 'sources') delete staticData[key];
	}
	const sources: IDataObject = {};
	for (const [name, source] of Object.entries(state.sources)) {
		const entry: IDataObject = { scope: source.scope, pending: source.pending, recent: source.recent };
		if (source.cursor !== undefined) entry.cursor = source.cursor;
		if (source.floor !== undefined) entry.floor = source.floor;
		sources[name] = entry;
	}
	staticData.version = STATE_VERSION;
	staticData.sources = sources;
}

function newest(jobs: ObservedJob[], start?: number): number | undefined {
	let cursor = start;
	for (const job of jobs) {
		if (job.createdAt !== undefined && (cursor === undefined || job.createdAt > cursor)) cursor = job.createdAt;
	}
	return cursor;
}

/**
 * The state at activation, from a newest-first read of the jobs created within the look-back window:
 * nothing is emitted; running jobs become pending (so they are emitted when they finish), finished ones in
 * the overlap are remembered as handled.
 */
export function baselineState(
	scope: string,
	jobs: ObservedJob[],
	lookBackSeconds: number,
	floor?: number,
): SourceState {
	const cursor = newest(jobs);
	const state: SourceState = { scope, cursor, floor, pending: {}, recent: {} };
	if (cursor === undefined) return state;
	for (const job of jobs) {
		if (!job.matches) continue;
		const createdAt = job.createdAt ?? cursor;
		if (!job.finished && createdAt >= cursor - lookBackSeconds) state.pending[job.id] = createdAt;
		if (job.finished && createdAt >= cursor - OVERLAP_SECONDS) state.recent[job.id] = createdAt;
	}
	return state;
}

/** The window of a steady-state scan: from the oldest pending job or the cursor minus the overlap, oldest first. */
export function scanWindow(state: SourceState, maxWindowSeconds?: number): ListWindow {
	let start = state.cursor !== undefined ? state.cursor - OVERLAP_SECONDS : state.floor;
	for (const createdAt of Object.values(state.pending)) {
		if (start === undefined || createdAt < start) start = createdAt;
	}
	const end = maxWindowSeconds !== undefined && start !== undefined ? start + maxWindowSeconds - 1 : undefined;
	return { start, end, ascending: true };
}

/**
 * Moves the state over one complete scan of `window` (oldest first) and says which jobs finished since the
 * previous poll, in list order. A finished job is new iff it was pending, or it was created no earlier than
 * the previous cursor minus the overlap and is not among the handled ones.
 *
 * `localNow` (n8n's clock) is used for one thing only: a window that was cut at the API's maximum span and
 * ended more than a day before n8n's "now" was read completely, so the cursor may move to its end even if no
 * job was created in it (otherwise a quiet month would pin the scan forever).
 */
export function advanceState(
	state: SourceState,
	window: ListWindow,
	jobs: ObservedJob[],
	lookBackSeconds: number,
	localNow: number,
): { state: SourceState; finished: string[] } {
	const previous = state.cursor;
	const threshold = previous === undefined ? Number.NEGATIVE_INFINITY : previous - OVERLAP_SECONDS;
	let cursor = newest(jobs, previous);
	if (
		window.end !== undefined &&
		window.end < localNow - DAY_SECONDS &&
		(cursor === undefined || cursor < window.end)
	) {
		cursor = window.end;
	}
	const next: SourceState = { scope: state.scope, cursor, floor: state.floor, pending: {}, recent: {} };
	const finished: string[] = [];
	const seen = new Set<string>();
	for (const job of jobs) {
		if (seen.has(job.id)) continue;
		seen.add(job.id);
		if (!job.matches) continue;
		const createdAt = job.createdAt ?? cursor ?? 0;
		if (!job.finished) {
			next.pending[job.id] = state.pending[job.id] ?? createdAt;
			continue;
		}
		if (job.id in state.pending || (!(job.id in state.recent) && createdAt >= threshold)) finished.push(job.id);
		next.recent[job.id] = createdAt;
	}
	// Jobs the scan did not list again are kept until they age out (a list can lag behind).
	for (const [id, createdAt] of Object.entries(state.pending)) if (!seen.has(id)) next.pending[id] = createdAt;
	for (const [id, createdAt] of Object.entries(state.recent)) if (!seen.has(id)) next.recent[id] = createdAt;
	if (cursor !== undefined) {
		for (const [id, createdAt] of Object.entries(next.pending)) {
			if (createdAt < cursor - lookBackSeconds) delete next.pending[id];
		}
		for (const [id, createdAt] of Object.entries(next.recent)) {
			if (createdAt < cursor - OVERLAP_SECONDS) delete next.recent[id];
		}
	}
	return { state: next, finished };
}
