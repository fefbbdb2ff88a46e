/** Shared set-up of the Media Job Trigger suites: one emulator, the harness loaded once, drivers and seeded jobs. */
import type { IDataObject } from 'n8n-workflow';

import { type EmulatorJobKind, jobStates } from '../../tools/sandbox/emulator';
import { getHarness } from '../../tools/sandbox/engine';
import { TriggerDriver, triggerWorkflow } from '../../tools/sandbox/workflows/jobTrigger';
import { suiteEmulators } from './emulators';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;

export const PACKAGES_ONLY = { watch: ['package'], outcomes: ['failed', 'succeeded'] };
export const PRODUCTION_ONLY = { watch: ['production'], outcomes: ['failed', 'succeeded'] };

export function ids(items: IDataObject[]): string[] {
	return items.map((item) => item.jobId as string).sort();
}

/** Registers the suite's emulator (manual clock) and the helpers that drive the trigger against it. */
export function jobTriggerSuite() {
	const emulators = suiteEmulators({ emulator: {} });
	beforeAll(async () => {
		await getHarness();
	});

	function driver(parameters: IDataObject = PACKAGES_ONLY): TriggerDriver {
		return new TriggerDriver(emulators.emulator, triggerWorkflow(parameters));
	}

	/** Jobs that stay running (in their kind's last running state) until finishJob/failJob, the newest created a second ago. */
	function seedRunning(kind: EmulatorJobKind, count: number, data?: Record<string, string>): string[] {
		const status = jobStates(kind).running.at(-1);
		return emulators.emulator.seedJobs({ kind, count, status, intervalMs: 1000, data });
	}

	/** Jobs created in the last `count` seconds that finish (Success/Fail cycled) a minute after creation. */
	function seedFinishing(
		kind: EmulatorJobKind,
		count: number,
		statuses: string[],
		data?: Record<string, string>,
	): string[] {
		return emulators.emulator.seedJobs({ kind, count, status: statuses, intervalMs: 1000, data });
	}

	function listRequests(action = 'ListPackageJobs') {
		return emulators.emulator.requests.filter((request) => request.action === action);
	}

	return { emulators, driver, seedRunning, seedFinishing, listRequests };
}
