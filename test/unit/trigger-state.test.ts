/** The Media Job Trigger's pure state rules (state.ts), from source: activation, the scan window, one scan. */
import type { ObservedJob, SourceState } from '../../nodes/AlibabaCloudMediaJobTrigger/state';
import { advanceState, baselineState, scanWindow } from '../../nodes/AlibabaCloudMediaJobTrigger/state';
import { DAY_SECONDS } from '../../nodes/shared/helpers/time';

const HOUR = 3600;
const LOOK_BACK = 24 * HOUR;
const NOW = 1_700_000_000;
const job = (id: string, createdAt: number, finished: boolean, matches = true): ObservedJob => ({
	id,
	createdAt,
	finished,
	matches,
});

describe('baselineState (activation)', () => {
	it.each([
		['no jobs: no cursor, the floor kept', [], { scope: 's', cursor: undefined, floor: 5, pending: {}, recent: {} }],
		[
			'running jobs pending, finished ones in the overlap remembered, others dropped',
			[
				job('run', NOW - HOUR, false),
				job('done', NOW - 60, true),
				job('old', NOW - 2 * HOUR, true),
				job('newest', NOW, true),
			],
			{ scope: 's', cursor: NOW, floor: 5, pending: { run: NOW - HOUR }, recent: { done: NOW - 60, newest: NOW } },
		],
		[
			'jobs that fail the filters are ignored',
			[job('other', NOW, false, false)],
			{ scope: 's', cursor: NOW, floor: 5, pending: {}, recent: {} },
		],
	])('%s', (_name, jobs, expected) => {
		expect(baselineState('s', jobs as ObservedJob[], LOOK_BACK, 5)).toEqual(expected);
	});
});

describe('scanWindow', () => {
	const state = (cursor: number | undefined, pending: Record<string, number> = {}, floor?: number): SourceState => ({
		scope: 's',
		cursor,
		floor,
		pending,
		recent: {},
	});
	it.each([
		['from the cursor minus the overlap', state(NOW), undefined, { start: NOW - 600, end: undefined, ascending: true }],
		[
			'from the oldest pending job',
			state(NOW, { a: NOW - HOUR }),
			undefined,
			{ start: NOW - HOUR, end: undefined, ascending: true },
		],
		[
			'from the floor without a cursor',
			state(undefined, {}, 7),
			undefined,
			{ start: 7, end: undefined, ascending: true },
		],
		[
			'cut at the API’s span',
			state(NOW),
			30 * DAY_SECONDS,
			{ start: NOW - 600, end: NOW - 600 + 30 * DAY_SECONDS - 1, ascending: true },
		],
	])('%s', (_name, given, maxWindowSeconds, expected) => {
		expect(scanWindow(given, maxWindowSeconds)).toEqual(expected);
	});
});

describe('advanceState (one scan)', () => {
	const before: SourceState = {
		scope: 's',
		cursor: NOW,
		pending: { running: NOW - HOUR },
		recent: { handled: NOW - 60 },
	};
	const window = { start: NOW - HOUR, ascending: true };
	it.each([
		['a pending job that finished is new', [job('running', NOW - HOUR, true)], ['running']],
		['a handled job is not new again', [job('handled', NOW - 60, true)], []],
		['a job created after the cursor that finished is new', [job('fresh', NOW + 10, true)], ['fresh']],
		['a finished job older than the overlap and not pending is not new', [job('ancient', NOW - 2 * HOUR, true)], []],
		['a job listed twice counts once', [job('fresh', NOW + 10, true), job('fresh', NOW + 10, true)], ['fresh']],
		['a job that fails the filters is never new', [job('other', NOW + 10, true, false)], []],
	])('%s', (_name, jobs, finished) => {
		expect(advanceState(before, window, jobs as ObservedJob[], LOOK_BACK, NOW).finished).toEqual(finished);
	});

	it('moves the cursor to the newest job and keeps unlisted pending jobs until they age out', () => {
		const { state } = advanceState(before, window, [job('fresh', NOW + 10, false)], LOOK_BACK, NOW);
		expect(state).toEqual({
			scope: 's',
			cursor: NOW + 10,
			floor: undefined,
			pending: { fresh: NOW + 10, running: NOW - HOUR },
			recent: { handled: NOW - 60 },
		});
	});

	it('a long-past window read completely moves the cursor to its end', () => {
		const quiet = { start: NOW - 40 * DAY_SECONDS, end: NOW - 10 * DAY_SECONDS, ascending: true };
		const { state } = advanceState({ ...before, cursor: NOW - 40 * DAY_SECONDS }, quiet, [], LOOK_BACK, NOW);
		expect(state.cursor).toBe(NOW - 10 * DAY_SECONDS);
	});
});
