/**
 * The emulator accepts what Alibaba's official clients put on the wire (official-sdk-requests.json), sent through
 * the official @alicloud/openapi-client, and answers each with a success that fits the contract.
 */
import { Emulator, startEmulator } from '../../tools/sandbox/emulator';
import type { EmulatorJobKind } from '../../tools/sandbox/emulator';
import { callSdk, sdk } from '../../tools/sandbox/emulator/sdkClient';
import { describeWithContract, officialSdkRequests, responseMisfits } from '../support/contract';

/** Which job kind the ID in each recorded Get request names (seeded so that the Get finds it). */
const SEEDED_KIND: Record<string, EmulatorJobKind> = {
	GetPackageJob: 'package',
	GetMediaProducingJob: 'editing',
	GetLiveEditingJob: 'liveEditing',
	GetJobDetail: 'workflow',
};

let emu: Emulator;
// The recorded List requests ask for 2026-11-30 21:36–23:36 UTC; the clock stands in that window, so the seeded
// jobs and the ones the recorded Submit requests create (at 23:00) are all listed.
beforeAll(async () => {
	emu = await startEmulator({ startTime: '2026-11-30T23:00:00Z' });
});
afterAll(() => emu.stop());

describeWithContract('contract: the official clients’ requests', () => {
	const requests = () => officialSdkRequests();

	it('covers every operation the emulator implements', () => {
		expect(new Set(requests().map((request) => request.action)).size).toBe(10);
	});

	it('accepts each recorded request and answers it with a fitting success', async () => {
		emu.reset();
		for (const [action, kind] of Object.entries(SEEDED_KIND)) {
			const recorded = requests().find((request) => request.action === action);
			emu.seedJobs({ kind, count: 1, jobIds: [recorded!.query.JobId], createdAt: '2026-11-30T22:00:00Z' });
		}
		emu.seedJobs({ kind: 'package', count: 3, createdAt: '2026-11-30T22:10:00Z' });
		const client = sdk(emu);
		for (const request of requests()) {
			const body = Object.keys(request.body).length > 0 ? request.body : undefined;
			const answer = await callSdk(client, request.action, request.query, body, request.version);
			expect({ action: request.action, misfits: responseMisfits(request.action, answer) }).toEqual({
				action: request.action,
				misfits: [],
			});
			if (request.action === 'ListPackageJobs') expect(answer.PackageJobList.PackageJobs).toHaveLength(5);
			if (request.action === 'ListMediaProducingJobs') expect(answer.MediaProducingJobList).toHaveLength(2);
		}
		expect(emu.requests.map((request) => request.status)).toEqual(requests().map(() => 200));
	});
});
