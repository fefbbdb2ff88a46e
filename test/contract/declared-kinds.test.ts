/**
 * Every job family declared in tools/sandbox/emulator/kinds/ answers within the contract, without test code of its
 * own: its sample submissions, then every Get, List (first and next page) and other read of its jobs at each step of
 * their lifecycle; running jobs failed with and without a code; seeded jobs in every state of their kinds. Each kind's
 * states must all show in the answers of its family's reads. The hand-written cases (emulator-responses.test.ts)
 * assert the details.
 */
import { Emulator, EmulatorJobKind, startEmulator } from '../../tools/sandbox/emulator';
import type { Family, KindDeclaration } from '../../tools/sandbox/emulator/engine/format';
import { valuesAt } from '../../tools/sandbox/emulator/engine/paths';
import { FAMILIES } from '../../tools/sandbox/emulator/kinds';
import { describeWithContract } from '../support/contract';
import { ContractProbe } from './emulatorCalls';

interface Submitted {
	jobId: string;
	answer: Record<string, any>;
	kind: string;
}

let emu: Emulator;
let probe: ContractProbe;
beforeAll(async () => {
	emu = await startEmulator({ startTime: '2026-01-10T08:00:00Z' });
});
afterAll(() => emu.stop());
beforeEach(() => {
	emu.reset();
	probe = new ContractProbe(emu);
});
afterEach(() => expect(probe.misfits).toEqual([]));

const allStates = (kind: KindDeclaration): string[] => [
	...kind.states.running,
	kind.states.success,
	kind.states.failure,
	...(kind.states.extraTerminal ?? []),
];

/** Every Get, List and other read of the job's kind (in any family), called with the job's ID. */
async function readEverything(job: Submitted): Promise<void> {
	for (const family of FAMILIES as readonly Family[]) {
		for (const get of family.gets ?? [])
			if (get.kinds.includes(job.kind)) await probe.ok(get.action, { [get.id]: job.jobId, ...(get.sample ?? {}) });
		for (const read of family.reads ?? [])
			if (read.kinds.includes(job.kind) && read.sample) await probe.call(read.action, read.sample(job));
		const list = family.list;
		if (!list?.kinds.includes(job.kind)) continue;
		const size = { [list.pageSize.parameter]: String(Math.max(list.pageSize.min, 1)) };
		const first = await probe.ok(list.action, size);
		const token = valuesAt(first, list.tokenAt)[0];
		if (typeof token === 'string') await probe.ok(list.action, { ...size, [list.token]: token });
	}
}

async function submitSamples(family: Family): Promise<Submitted[]> {
	const submitted: Submitted[] = [];
	for (const sample of family.submit!.samples) {
		const answer = await probe.ok(family.submit!.action, sample.query, sample.form);
		const jobId = String(valuesAt(answer, family.submit!.idAt)[0]);
		submitted.push({ jobId, answer, kind: emu.jobs.get(jobId)!.kind });
	}
	return submitted;
}

/** A seeded job as if submitted: GetMediaInfo reads a produced video by the job's MediaId. */
function seededJob(jobId: string): Submitted {
	const job = emu.jobs.get(jobId)!;
	return { jobId, answer: { MediaId: job.data.MediaId ?? jobId }, kind: job.kind };
}

/** The actions of the family that show its jobs' states. */
const stateActions = (family: Family): string[] => [
	...(family.gets ?? []).map((get) => get.action),
	...(family.reads ?? []).filter((read) => read.statesAt).map((read) => read.action),
];

describeWithContract('contract: every declared job kind', () => {
	it.each((FAMILIES as readonly Family[]).map((family) => [family.name, family] as const))(
		'%s: samples through their lifecycle, failures with and without a code, every state seeded',
		async (_name, family) => {
			const start = emu.clock.now();
			const jobs = await submitSamples(family);
			const offsets = [...new Set(family.kinds.flatMap((kind) => [...kind.timing.stepsMs, kind.timing.finishMs]))];
			for (const offset of [0, ...offsets.sort((left, right) => left - right)]) {
				emu.clock.set(start + offset);
				for (const job of jobs) await readEverything(job);
			}
			for (const kind of family.kinds) {
				const [coded, plain] = emu.seedJobs({
					kind: kind.name as EmulatorJobKind,
					count: 2,
					status: kind.states.running[0],
				});
				emu.failJob(coded, 'InvalidParameter', 'Resource content bad.');
				emu.failJob(plain);
				const statuses = allStates(kind);
				const seeded = emu.seedJobs({ kind: kind.name as EmulatorJobKind, count: statuses.length, status: statuses });
				for (const jobId of [coded, plain, ...seeded]) await readEverything(seededJob(jobId));
			}
			const seen = new Set(stateActions(family).flatMap((action) => probe.seen(action)));
			for (const kind of family.kinds) expect(allStates(kind).filter((state) => !seen.has(state))).toEqual([]);
		},
	);
});
