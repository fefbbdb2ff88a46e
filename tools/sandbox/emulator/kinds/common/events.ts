/** Pieces of the callback messages (api-notes "Callbacks"). */
import type { Job } from '../../jobs';

/** The account ID events carry (a number in ICE messages, text in VOD's). */
export const EMULATOR_USER_ID = 1234567890123456;

export function withoutUndefined(record: Record<string, unknown>): Record<string, unknown> {
	return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined));
}

/** The per-job NotifyAddress of a job's UserData (JSON text), if any: ICE calls it back as well when the job ends. */
export function userDataNotifyAddress(job: Job): string | undefined {
	try {
		const userData = JSON.parse(String(job.data.UserData ?? '')) as { NotifyAddress?: unknown };
		return typeof userData?.NotifyAddress === 'string' && userData.NotifyAddress !== ''
			? userData.NotifyAddress
			: undefined;
	} catch {
		return undefined;
	}
}
