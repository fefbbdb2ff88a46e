/**
 * Virtual time for job lifecycles. Signature timestamps never use this clock: they are
 * checked against the real wall clock, like Alibaba's servers do.
 */
export type ClockMode = 'manual' | 'real';

export interface Clock {
	readonly mode: ClockMode;
	/** Current virtual time in ms since the epoch. */
	now(): number;
	/** Moves virtual time forward (also in `real` mode, as an offset). */
	advance(ms: number): number;
	/** Jumps to a date (may go backwards; jobs keep their recorded transitions). */
	set(date: Date | string | number): number;
}

export function createClock(mode: ClockMode = 'manual', speed = 1, start: number = Date.now()): Clock {
	if (!(speed > 0)) throw new Error(`clock speed must be > 0, got ${speed}`);
	let base = start;
	let realAnchor = Date.now();
	const now = (): number => (mode === 'manual' ? base : base + Math.floor((Date.now() - realAnchor) * speed));
	return {
		mode,
		now,
		advance(ms: number): number {
			if (!Number.isFinite(ms) || ms < 0) throw new Error(`advance needs a non-negative number of ms, got ${ms}`);
			base = now() + ms;
			realAnchor = Date.now();
			return base;
		},
		set(date: Date | string | number): number {
			const time = new Date(date).getTime();
			if (Number.isNaN(time)) throw new Error(`invalid date: ${String(date)}`);
			base = time;
			realAnchor = Date.now();
			return base;
		},
	};
}

/** Alibaba's `yyyy-MM-ddTHH:mm:ssZ` (UTC, no milliseconds). */
export function isoSeconds(ms: number): string {
	return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
