/**
 * Faults injected on demand. Each fault targets an action (or all) and is used up after `count`
 * matching requests; `afterEffect` lets the operation run first ("job created, client saw an error").
 */
interface FaultTarget {
	/** RPC action, e.g. 'SubmitPackageJob'; omitted = every action. */
	action?: string;
	/** How many matching requests it hits; default 1. */
	count?: number;
}

export interface ErrorFault extends FaultTarget {
	type: 'error';
	/** Default 500 InternalError; use 503 ServiceUnAvailable, 400 Throttling.User, ... */
	status?: number;
	code?: string;
	message?: string;
	afterEffect?: boolean;
}

export interface HtmlFault extends FaultTarget {
	type: 'html';
	/** Default 502. */
	status?: number;
	afterEffect?: boolean;
}

export interface ResetFault extends FaultTarget {
	type: 'reset';
	/** Destroy the socket after the operation took effect (e.g. the job exists). */
	afterEffect?: boolean;
}

export interface DelayFault extends FaultTarget {
	type: 'delay';
	ms: number;
}

export type Fault = ErrorFault | HtmlFault | ResetFault | DelayFault;

export interface ThrottleRule {
	/** Requests per second (per AccessKey, real time) above which answers are Throttling.User. */
	qps: number;
	action?: string;
}

const DEFAULT_ERRORS: Record<number, { code: string; message: string }> = {
	500: {
		code: 'InternalError',
		message: 'The request processing has failed due to some unknown error, exception or failure.',
	},
	503: { code: 'ServiceUnAvailable', message: 'The request has failed due to a temporary failure of the server.' },
	400: { code: 'Throttling.User', message: 'Request was denied due to user flow control.' },
};

export function errorFaultDetails(file: ErrorFault): { status: number; code: string; message: string } {
	const status = file.status ?? 500;
	const data = DEFAULT_ERRORS[status] ?? DEFAULT_ERRORS[500];
	return { status, code: file.code ?? data.code, message: file.message ?? data.message };
}

export function htmlErrorPage(status: number): string {
	const reason: Record<number, string> = {
		502: 'Bad Gateway',
		503: 'Service Temporarily Unavailable',
		504: 'Gateway Time-out',
	};
	const title = `${status} ${reason[status] ?? 'Error'}`;
	return `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
}

export class FaultInjector {
	private pending: Array<Fault & { remaining: number }> = [];
	private throttles: ThrottleRule[] = [];
	private hits = new Map<string, number[]>();

	add(fault: Fault): void {
		const remaining = fault.count ?? 1;
		if (!Number.isInteger(remaining) || remaining < 1) throw new Error('fault count must be a positive integer');
		if (fault.type === 'delay' && !(fault.ms >= 0)) throw new Error('delay fault needs ms >= 0');
		if (!['error', 'html', 'reset', 'delay'].includes(fault.type))
			throw new Error(`unknown fault type ${String((fault as Fault).type)}`);
		this.pending.push({ ...fault, remaining });
	}

	/** Shorthands for readability in tests. */
	error(options: Omit<ErrorFault, 'type'> = {}): void {
		this.add({ type: 'error', ...options });
	}
	html(options: Omit<HtmlFault, 'type'> = {}): void {
		this.add({ type: 'html', ...options });
	}
	reset(options: Omit<ResetFault, 'type'> = {}): void {
		this.add({ type: 'reset', ...options });
	}
	delay(ms: number, options: FaultTarget = {}): void {
		this.add({ type: 'delay', ms, ...options });
	}
	throttle(rule: ThrottleRule): void {
		if (!(rule.qps > 0)) throw new Error('throttle needs qps > 0');
		this.throttles.push({ ...rule });
	}

	clear(): void {
		this.pending = [];
		this.throttles = [];
		this.hits.clear();
	}

	/** Takes the faults for this request: at most one delay and one outcome fault, in insertion order. */
	take(action: string): { delayMs: number; outcome?: Exclude<Fault, DelayFault> } {
		let delayMs = 0;
		let outcome: Exclude<Fault, DelayFault> | undefined;
		let tookDelay = false;
		for (const file of this.pending) {
			if (file.action !== undefined && file.action !== action) continue;
			if (file.type === 'delay') {
				if (tookDelay) continue;
				tookDelay = true;
				delayMs = file.ms;
			} else {
				if (outcome) continue;
				outcome = file;
			}
			file.remaining--;
		}
		this.pending = this.pending.filter((file) => file.remaining > 0);
		return { delayMs, outcome };
	}

	/** Records the request and says whether a throttle rule is exceeded (1-second sliding window). */
	throttled(accessKeyId: string, action: string, realNow: number): boolean {
		let limited = false;
		for (const [index, rule] of this.throttles.entries()) {
			if (rule.action !== undefined && rule.action !== action) continue;
			const key = `${index}\n${accessKeyId}`;
			const recent = (this.hits.get(key) ?? []).filter((hitAt) => realNow - hitAt < 1000);
			if (recent.length >= rule.qps) limited = true;
			else recent.push(realNow);
			this.hits.set(key, recent);
		}
		return limited;
	}
}
