/** Signed calls to the emulator whose answers are checked against the contract, and the states they showed. */
import type { Emulator } from '../../tools/sandbox/emulator';
import { statePaths } from '../../tools/sandbox/emulator/engine/operations';
import { valuesAt } from '../../tools/sandbox/emulator/engine/paths';
import { FAMILIES } from '../../tools/sandbox/emulator/kinds';
import { OPERATIONS } from '../../tools/sandbox/emulator/operations';
import { ICE_VERSION, rawCall, VOD_VERSION } from '../../tools/sandbox/emulator/sdkClient';
import { errorBodyMisfits, Misfit, responseMisfits } from '../support/contract';
import { suiteEmulators } from '../support/emulators';

const VOD_ACTIONS = Object.keys(OPERATIONS.VOD);
/** Where each read action's answer shows job states, as the declarations say (kinds/*.ts). */
const STATE_PATHS = statePaths(FAMILIES);

export interface Answer {
	status: number;
	body: any;
}

export class ContractProbe {
	readonly misfits: Misfit[] = [];
	/** Every status value each Get/List answer showed, per action. */
	readonly statusesSeen: Record<string, Set<string>> = {};
	readonly errorCodesSeen = new Set<string>();

	constructor(private readonly emu: Emulator) {}

	/** A signed call; the answer (success or error) is checked against the contract before it is returned. */
	async call(action: string, query: Record<string, string> = {}, form?: Record<string, string>): Promise<Answer> {
		const version = VOD_ACTIONS.includes(action) ? VOD_VERSION : ICE_VERSION;
		const { status, body } = await rawCall(this.emu, { action, version, query, form });
		if (status === 200) {
			this.misfits.push(...responseMisfits(action, body));
			for (const value of statusValues(action, body)) (this.statusesSeen[action] ??= new Set()).add(value);
		} else {
			this.misfits.push(...errorBodyMisfits(action, body));
			this.errorCodesSeen.add(body?.Code);
		}
		return { status, body };
	}

	/** A call that must succeed. */
	async ok(action: string, query: Record<string, string> = {}, form?: Record<string, string>): Promise<any> {
		const answer = await this.call(action, query, form);
		if (answer.status !== 200) throw new Error(`${action} failed: ${JSON.stringify(answer.body)}`);
		return answer.body;
	}

	seen(action: string): string[] {
		return [...(this.statusesSeen[action] ?? [])].sort();
	}
}

/** Status (or State) of the job in a Get answer, or of each item in a List answer. */
function statusValues(action: string, body: any): string[] {
	return (STATE_PATHS[action] ?? [])
		.flatMap((path) => valuesAt(body, path))
		.map((job: any) => job?.Status ?? job?.State)
		.filter((status): status is string => typeof status === 'string');
}

/**
 * Registers a contract suite's emulator (started at a fixed time, reset before each test) and a new probe per test;
 * each test ends by expecting that no answer misfit the contract. Read the fields inside tests and hooks.
 */
export function contractProbeSuite(): { readonly emulator: Emulator; readonly probe: ContractProbe } {
	const emulators = suiteEmulators({ emulator: { startTime: '2026-01-10T08:00:00Z' } });
	let probe: ContractProbe;
	beforeEach(() => {
		probe = new ContractProbe(emulators.emulator);
	});
	afterEach(() => expect(probe.misfits).toEqual([]));
	return {
		get emulator() {
			return emulators.emulator;
		},
		get probe() {
			return probe;
		},
	};
}
