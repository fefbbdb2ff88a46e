/** Figures read off the emulator's request log, for the benchmarks and the tests. */
import type { Emulator } from './index';

/** The most requests of `action` the emulator received (or only accepted) within any one second (sliding). */
export function peakPerSecond(emulator: Emulator, action: string, options: { acceptedOnly?: boolean } = {}): number {
	const times = emulator.requests
		.filter((request) => request.action === action && (!options.acceptedOnly || request.status === 200))
		.map((request) => Date.parse(request.time))
		.sort((earlier, later) => earlier - later);
	let peak = 0;
	for (let first = 0, last = 0; last < times.length; last++) {
		while (times[last] - times[first] >= 1000) first++;
		peak = Math.max(peak, last - first + 1);
	}
	return peak;
}

export function countOf(emulator: Emulator, action: string): number {
	return emulator.requests.filter((request) => request.action === action).length;
}

export function throttledAnswers(emulator: Emulator): number {
	return emulator.requests.filter((request) => request.errorCode === 'Throttling.User').length;
}
