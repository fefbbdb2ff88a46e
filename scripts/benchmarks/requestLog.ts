/** What the benchmarks read off the emulator's request log. */
import type { Emulator } from '../../tools/sandbox/emulator';

/** The most requests of `action` the emulator received within any one second (sliding). */
export function peakPerSecond(emulator: Emulator, action: string): number {
	const times = emulator.requests
		.filter((request) => request.action === action)
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
