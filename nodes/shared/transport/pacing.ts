/**
 * Alibaba limits how often an account may call each action (media producing submissions 30 times a second, …) and
 * answers Throttling.User above it. Requests are therefore paced per AccessKey and action, in one pace shared by
 * every node and execution of this n8n process. Each throttled answer takes a tenth off the pace (the quota may be
 * shared with other clients of the account); answers that are not throttled give it back step by step, up to the
 * quota.
 */
import type { ApiOperation } from '../api/operations';
import { sleepUnlessStopped } from '../helpers/sleep';

/**
 * Actions whose quota we have not found documented (the documented ones say theirs: `quotaPerSecond`). MPS, the media processing service that ICE took over, publishes
 * 50 per second for its submit APIs and 100 for its query APIs; we stay below both, and a throttled answer slows
 * the pace further anyway.
 */
export const DEFAULT_QUOTAS = { read: 50, write: 20 } as const;
/** The service counts requests per second in its own windows: stay one request and a little time inside them. */
const WINDOW_MS = 1050;
/** Answers needed to climb back one request per window after throttling. */
const RECOVERY_ANSWERS = 2;
/** Each throttled answer takes this share off the limit: a lone one barely slows, a stream of them soon does. */
const THROTTLED_CUT = 0.1;

function quotaOf(operation: ApiOperation): number {
	if (operation.quotaPerSecond !== undefined) return operation.quotaPerSecond;
	return /^(Get|List|Search|Describe|Query)/.test(operation.action) ? DEFAULT_QUOTAS.read : DEFAULT_QUOTAS.write;
}

/**
 * A sliding-window limit: at most `limit` requests start in any window of WINDOW_MS. It lets a quiet pace burst up
 * to the limit at once, and never exceeds the quota however the requests are timed.
 */
export class Pace {
	private limit: number;
	private readonly ceiling: number;
	/** Start times of the most recent requests (reserved slots), oldest first. */
	private readonly starts: number[] = [];
	private answersSinceThrottled = 0;

	constructor(quotaPerSecond: number) {
		this.ceiling = Math.max(1, quotaPerSecond - 1);
		this.limit = this.ceiling;
	}

	/** Reserves the next slot and waits for it (or for Stop). */
	async take(signal?: AbortSignal): Promise<void> {
		const now = Date.now();
		while (this.starts.length > 0 && this.starts[0] <= now - WINDOW_MS) this.starts.shift();
		const blocking = this.starts.length >= this.limit ? this.starts[this.starts.length - this.limit] : undefined;
		const slot = Math.max(now, blocking === undefined ? now : blocking + WINDOW_MS, this.starts.at(-1) ?? now);
		this.starts.push(slot);
		if (slot <= now) return;
		await sleepUnlessStopped(slot - now, signal);
		// A busy process wakes late: count the request when it really leaves, or late ones bunch up with the next.
		const late = Date.now();
		if (late > slot) {
			this.starts.splice(this.starts.indexOf(slot), 1, late);
			this.starts.sort((left, right) => left - right);
		}
	}

	throttled(): void {
		this.limit = Math.max(1, this.limit - Math.max(1, Math.floor(this.limit * THROTTLED_CUT)));
		this.answersSinceThrottled = 0;
	}

	answered(): void {
		if (this.limit >= this.ceiling || ++this.answersSinceThrottled < RECOVERY_ANSWERS) return;
		this.limit++;
		this.answersSinceThrottled = 0;
	}

	get requestsPerWindow(): number {
		return this.limit;
	}
}

const paces = new Map<string, Pace>();

/**
 * The pace of one action for one AccessKey, shared by the whole n8n process. In queue mode several processes (the
 * workers) send with the same AccessKey and cannot see each other's requests: each then takes its share of the
 * quota (`processes` = how many share it, from the credential).
 */
export function paceFor(accessKeyId: string, operation: ApiOperation, processes = 1): Pace {
	const sharing = Math.max(1, Math.floor(processes));
	const key = `${accessKeyId}\n${operation.product}:${operation.action}\n${sharing}`;
	let pace = paces.get(key);
	if (!pace) {
		pace = new Pace(Math.floor(quotaOf(operation) / sharing));
		paces.set(key, pace);
	}
	return pace;
}
