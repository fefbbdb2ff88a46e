/**
 * Every job family declared in tools/sandbox/emulator/kinds/ answers within the contract, without test code of its
 * own: its sample submissions, then every Get, List (first and next page) and other read of its jobs at each step of
 * their lifecycle; running jobs failed with and without a code; seeded jobs in every state of their kinds. Each kind's
 * states must all show in the answers of its family's reads. The hand-written cases (emulator-responses.test.ts)
 * assert the details.
 */
import type { EmulatorJobKind } from '../../tools/sandbox/emulator';
import type { Family, KindDeclaration } from '../../tools/sandbox/emulator/engine/format';
import { valuesAt } from '../../tools/sandbox/emulator/engine/paths';
import { FAMILIES } from '../../tools/sandbox/emulator/kinds';
import { describeWithContract } from '../support/contract';
import { contractProbeSuite } from './emulatorCalls';

interface Submitted {
	jobId: string;
	answer: Record<string, any>;
	kind: string;
}

const suite = contractProbeSuite();

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
			if (get.kinds.includes(job.kind))
				await suite.probe.ok(get.action, { [get.id]: job.jobId, ...(get.sample ?? {}) });
		for (const read of family.reads ?? [])
			if (read.kinds.includes(job.kind) && read.sample) await suite.probe.call(read.action, read.sample(job));
		const list = family.list;
		if (!list?.kinds.includes(job.kind)) continue;
		const size = { [list.pageSize.parameter]: String(Math.max(list.pageSize.min, 1)) };
		const first = await suite.probe.ok(list.action, size);
		const token = valuesAt(first, list.tokenAt)[0];
		if (typeof token === 'string') await suite.probe.ok(list.action, { ...size, [list.token]: token });
	}
}

async function submitSamples(family: Family): Promise<Submitted[]> {
	const submitted: Submitted[] = [];
	for (const sample of family.submit!.samples) {
		const answer = await suite.probe.ok(family.submit!.action, sample.query, sample.form);
		const jobId = String(valuesAt(answer, family.submit!.idAt)[0]);
		submitted.push({ jobId, answer, kind: suite.emulator.jobs.get(jobId)!.kind });
	}
	return submitted;
}

/** A seeded job as if submitted: GetMediaInfo reads a produced video by the job's MediaId. */
function seededJob(jobId: string): Submitted {
	const job = suite.emulator.jobs.get(jobId)!;
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
			const start = suite.emulator.clock.now();
			const jobs = await submitSamples(family);
			const offsets = [...new Set(family.kinds.flatMap((kind) => [...kind.timing.stepsMs, kind.timing.finishMs]))];
			for (const offset of [0, ...offsets.sort((left, right) => left - right)]) {
				suite.emulator.clock.set(start + offset);
				for (const job of jobs) await readEverything(job);
			}
			for (const kind of family.kinds) {
				const [coded, plain] = suite.emulator.seedJobs({
					kind: kind.name as EmulatorJobKind,
					count: 2,
					status: kind.states.running[0],
				});
				suite.emulator.failJob(coded, 'InvalidParameter', 'Resource content bad.');
				suite.emulator.failJob(plain);
				const statuses = allStates(kind);
				const seeded = suite.emulator.seedJobs({
					kind: kind.name as EmulatorJobKind,
					count: statuses.length,
					status: statuses,
				});
				for (const jobId of [coded, plain, ...seeded]) await readEverything(seededJob(jobId));
			}
			const seen = new Set(stateActions(family).flatMap((action) => suite.probe.seen(action)));
			for (const kind of family.kinds) expect(allStates(kind).filter((state) => !seen.has(state))).toEqual([]);
		},
	);
});
