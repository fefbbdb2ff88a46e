/**
 * The duplicate memory: events claimed for emitting, by identity → unix seconds when claimed, so that Alibaba's
 * retries of one event start one execution. Only events that pass the trigger's filters are claimed: a flood of
 * others cannot push a wanted event out. Entries leave after the duplicate window, and the oldest leave first beyond
 * MAX_SEEN, so the memory stays small however many events arrive.
 *
 * It has two homes. The workflow's static data keeps it across restarts; but n8n reads a webhook workflow's static
 * data from its database at the start of each call and saves it after the node returns (LiveWebhooks.executeWebhook,
 * n8n 2.41), so two deliveries handled at once would each read a memory without the other's claim, and the later
 * save would drop the earlier one's entry. So claims are also kept in this process, per workflow and node: a claim is
 * checked and recorded in one synchronous step, which the other delivery sees at once, and both homes are merged at
 * every claim.
 *
 * A claim is never given back: the call was answered 200 before it was made, so Alibaba sends no retry that it could
 * swallow, and nothing in the node can fail between the claim and emitting (Confirm with the API emits its errors).
 */
import type { IDataObject } from 'n8n-workflow';

export const MAX_SEEN = 1000;
const STATE_VERSION = 1;

type Seen = Record<string, number>;

/** Claims made in this process, per workflow and node (scope), with the window they are kept for. */
const claimedHere = new Map<string, { seen: Seen; windowSeconds: number }>();

export interface DuplicateMemory {
	/** The node's workflow static data. */
	staticData: IDataObject;
	/** The workflow and node the memory belongs to. */
	scope: string;
	nowSeconds: number;
	/** 0 keeps nothing: every delivery is emitted. */
	windowSeconds: number;
}

function persisted(staticData: IDataObject): Seen {
	if (staticData.version !== STATE_VERSION || !staticData.seen || typeof staticData.seen !== 'object') return {};
	const seen: Seen = {};
	for (const [identity, at] of Object.entries(staticData.seen as IDataObject)) {
		if (typeof at === 'number' && Number.isFinite(at)) seen[identity] = at;
	}
	return seen;
}

/** Both homes together, without what the window has let go, oldest first, at most MAX_SEEN. */
function current(memory: DuplicateMemory): Array<[string, number]> {
	const seen = persisted(memory.staticData);
	for (const [identity, at] of Object.entries(claimedHere.get(memory.scope)?.seen ?? {}))
		seen[identity] = Math.min(at, seen[identity] ?? at);
	return Object.entries(seen)
		.filter(([, at]) => memory.nowSeconds - at < memory.windowSeconds)
		.sort((left, right) => left[1] - right[1])
		.slice(-MAX_SEEN);
}

function store(memory: DuplicateMemory, entries: Array<[string, number]>): void {
	const seen = Object.fromEntries(entries.slice(-MAX_SEEN));
	memory.staticData.version = STATE_VERSION;
	memory.staticData.seen = seen;
	if (entries.length > 0) claimedHere.set(memory.scope, { seen: { ...seen }, windowSeconds: memory.windowSeconds });
	else claimedHere.delete(memory.scope);
}

/** Workflows deleted or changed leave their claims here; dropped once all of them are past their window. */
function forgetExpiredScopes(nowSeconds: number): void {
	for (const [scope, { seen, windowSeconds }] of claimedHere) {
		if (Object.values(seen).every((at) => nowSeconds - at >= windowSeconds)) claimedHere.delete(scope);
	}
}

/**
 * Claims the event for emitting: true for its first delivery within the window, false for a duplicate. Synchronous
 * on purpose: no other delivery can run between the check and the record.
 */
export function claimEvent(memory: DuplicateMemory, identity: string): boolean {
	forgetExpiredScopes(memory.nowSeconds);
	const entries = current(memory);
	if (entries.some(([known]) => known === identity)) {
		store(memory, entries);
		return false;
	}
	if (memory.windowSeconds > 0) entries.push([identity, memory.nowSeconds]);
	store(memory, entries);
	return true;
}
