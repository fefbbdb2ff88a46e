/**
 * Events already emitted, by identity → unix seconds when first seen, kept in the workflow's static data so that
 * Alibaba's retries of one event start one execution. Entries leave after the duplicate window, and the oldest leave
 * first beyond MAX_SEEN, so the state stays small however many events arrive.
 */
import type { IDataObject } from 'n8n-workflow';

export const MAX_SEEN = 1000;
const STATE_VERSION = 1;

function seenMap(staticData: IDataObject): Record<string, number> {
	if (staticData.version !== STATE_VERSION || !staticData.seen || typeof staticData.seen !== 'object') return {};
	const seen: Record<string, number> = {};
	for (const [identity, at] of Object.entries(staticData.seen as IDataObject)) {
		if (typeof at === 'number' && Number.isFinite(at)) seen[identity] = at;
	}
	return seen;
}

/**
 * Records the event; false when it was already seen within the window (a duplicate delivery). A window of 0 keeps
 * nothing: every delivery is emitted.
 */
export function firstDelivery(
	staticData: IDataObject,
	identity: string,
	nowSeconds: number,
	windowSeconds: number,
): boolean {
	const kept = Object.entries(seenMap(staticData)).filter(([, at]) => nowSeconds - at < windowSeconds);
	const duplicate = kept.some(([known]) => known === identity);
	if (!duplicate && windowSeconds > 0) kept.push([identity, nowSeconds]);
	kept.sort((left, right) => left[1] - right[1]);
	staticData.version = STATE_VERSION;
	staticData.seen = Object.fromEntries(kept.slice(-MAX_SEEN));
	return !duplicate;
}
