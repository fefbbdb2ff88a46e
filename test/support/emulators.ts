/** The emulators of a test suite: started before its tests, reset before each test, stopped after them. */
import { type Emulator, type EmulatorOptions, startEmulator } from '../../tools/sandbox/emulator';

/** Real time at 600×: a job that takes about a minute of emulator time ends in a tenth of a second. */
export const FAST_CLOCK: EmulatorOptions = { clock: 'real', speed: 600 };

/**
 * Registers the suite's beforeAll, beforeEach and afterAll; the returned record is filled in by beforeAll,
 * so read its fields inside tests and hooks, not at the top level.
 */
export function suiteEmulators<Name extends string>(options: Record<Name, EmulatorOptions>): Record<Name, Emulator> {
	const emulators = {} as Record<Name, Emulator>;
	const names = Object.keys(options) as Name[];
	beforeAll(async () => {
		const started = await Promise.all(names.map((name) => startEmulator(options[name])));
		names.forEach((name, index) => (emulators[name] = started[index]));
	});
	afterAll(async () => {
		await Promise.all(Object.values<Emulator>(emulators).map((emulator) => emulator.stop()));
	});
	beforeEach(() => {
		for (const emulator of Object.values<Emulator>(emulators)) emulator.reset();
	});
	return emulators;
}
