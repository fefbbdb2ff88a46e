/**
 * Delivers job events the way Alibaba does: when a watched job ends, a POST of its event message to the account's
 * callback URL (ICE or VOD, signed when AuthSwitch is on) and, for media producing jobs whose UserData carries a
 * NotifyAddress, an unsigned POST to that address. A delivery answered with anything but 200 (or not answered) is
 * retried twice, then dropped: VOD documents exactly that; for ICE the count is not documented, so the emulator does
 * the same (own choice). Jobs are watched from their submission (or a running seed); history seeded as finished
 * sends nothing.
 *
 * Deliveries run on the wall clock (a real receiver checks the timestamp against its own clock); whether a job has
 * ended is read off the emulator's virtual clock by `tick()`, which a timer calls every `tickMs`.
 */
import { randomUUID } from 'node:crypto';

import { Job, JobStore } from '../jobs';
import { jobEvent, JobEvent, notifyAddressOf } from './events';
import { CallbackSettings, listsEvent } from './settings';
import { CallbackProduct, signatureHeaders } from './signing';

export interface CallbackDelivery {
	id: string;
	/** `notify`: a media producing job's own NotifyAddress (unsigned). */
	route: CallbackProduct | 'notify';
	eventType: string;
	jobId?: string;
	url: string;
	attempt: number;
	signed: boolean;
	/** HTTP status of the answer, or 0 when none came. */
	status: number;
	/** Wall-clock ms when the POST was sent. */
	sentAt: number;
	headers: Record<string, string>;
	/** The Content-Type sent (null: none). */
	contentType: string | null;
	body: string;
}

/**
 * Alibaba documents the body as JSON but not the Content-Type header it sends: `application/json` by default, any
 * other (or none, `null`) to check that a receiver reads the JSON whatever the header says.
 */
export type CallbackContentType = string | null;

export interface SendOptions {
	product: CallbackProduct;
	/** Default: the callback URL configured for the product. */
	url?: string;
	body: unknown;
	/** Sign with this key (default: the configured AuthKey); `null` sends no signature headers at all. */
	key?: string | null;
	/** Unix seconds in the timestamp header (default now): an old one makes a replay. */
	timestamp?: number;
	/** Sign as if the callback URL were this one (default: `url`). */
	signedUrl?: string;
	/** Default: the dispatcher's (`application/json` unless set). */
	contentType?: CallbackContentType;
}

export interface DispatcherOptions {
	/** How often ended jobs are looked for. Default 100 ms. */
	tickMs?: number;
	/** Wait before a retry. Default 1000 ms. */
	retryDelayMs?: number;
	/** Attempts per delivery, the first included. Default 3 (VOD: retried twice, then dropped). */
	attempts?: number;
	/** Content-Type of every delivery; default `application/json`, `null` sends none. */
	contentType?: CallbackContentType;
}

interface Target {
	route: CallbackProduct | 'notify';
	url: string;
	key?: string;
}

export class CallbackDispatcher {
	readonly deliveries: CallbackDelivery[] = [];
	private readonly watching = new Map<string, Job>();
	private readonly inFlight = new Set<Promise<void>>();
	private timer: ReturnType<typeof setInterval> | undefined;
	private readonly retryDelayMs: number;
	private readonly attempts: number;
	private readonly contentType: CallbackContentType;

	constructor(
		private readonly jobs: JobStore,
		private readonly settings: CallbackSettings,
		private readonly wallClock: () => number,
		private readonly options: DispatcherOptions = {},
	) {
		this.retryDelayMs = options.retryDelayMs ?? 1000;
		this.attempts = options.attempts ?? 3;
		this.contentType = options.contentType === undefined ? 'application/json' : options.contentType;
		jobs.onAdd((job) => {
			if (jobs.state(job).finishedAt === undefined) this.watching.set(job.jobId, job);
		});
	}

	start(): void {
		this.timer ??= setInterval(() => this.tick(), this.options.tickMs ?? 100);
		this.timer.unref();
	}

	stop(): void {
		if (this.timer) clearInterval(this.timer);
		this.timer = undefined;
	}

	/** Sends the events of jobs that have ended since the last tick. */
	tick(): void {
		for (const [jobId, job] of this.watching) {
			if (this.jobs.state(job).finishedAt === undefined) continue;
			this.watching.delete(jobId);
			const event = jobEvent(this.jobs, job);
			if (!event) continue;
			for (const target of this.targets(job, event)) this.track(this.deliver(target, event, jobId));
		}
	}

	/** Ticks, then waits until every delivery started (retries included) has ended. */
	async flush(): Promise<number> {
		this.tick();
		const before = this.deliveries.length;
		while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
		return this.deliveries.length - before;
	}

	/** One POST as a test wants it: forged (wrong key), unsigned (`key: null`) or replayed (old timestamp). */
	async send(options: SendOptions): Promise<{ status: number; body: string }> {
		const configured = options.product === 'ice' ? this.settings.ice : this.settings.vodFor();
		const url = options.url ?? configured?.CallbackURL;
		if (!url) throw new Error(`no ${options.product} callback URL configured; pass url`);
		const key = options.key === undefined ? configured?.AuthKey : options.key;
		const timestamp = options.timestamp ?? Math.floor(this.wallClock() / 1000);
		const headers =
			key === null || key === undefined
				? {}
				: signatureHeaders(options.product, options.signedUrl ?? url, key, timestamp);
		const contentType = options.contentType === undefined ? this.contentType : options.contentType;
		return await this.post(url, headers, JSON.stringify(options.body), contentType);
	}

	/** Sends a recorded delivery again, headers and body as they were: a replay. */
	async resend(deliveryId: string): Promise<{ status: number; body: string }> {
		const delivery = this.deliveries.find((entry) => entry.id === deliveryId);
		if (!delivery) throw new Error(`no delivery ${deliveryId}`);
		return await this.post(delivery.url, delivery.headers, delivery.body, delivery.contentType);
	}

	reset(): void {
		this.watching.clear();
		this.deliveries.length = 0;
	}

	private targets(job: Job, event: JobEvent): Target[] {
		const targets: Target[] = [];
		const notifyAddress = notifyAddressOf(job);
		if (notifyAddress) targets.push({ route: 'notify', url: notifyAddress });
		const setting = event.product === 'ice' ? this.settings.ice : this.settings.vodFor();
		if (setting?.CallbackType === 'HTTP' && setting.CallbackURL && listsEvent(setting.EventTypeList, event.eventType))
			targets.push({
				route: event.product,
				url: setting.CallbackURL,
				key: setting.AuthSwitch === 'on' ? setting.AuthKey : undefined,
			});
		return targets;
	}

	private track(delivery: Promise<void>): void {
		this.inFlight.add(delivery);
		void delivery.finally(() => this.inFlight.delete(delivery));
	}

	private async deliver(target: Target, event: JobEvent, jobId: string): Promise<void> {
		const body = JSON.stringify(event.body);
		const contentType = this.contentType;
		for (let attempt = 1; attempt <= this.attempts; attempt++) {
			const sentAt = this.wallClock();
			const headers =
				target.key && target.route !== 'notify'
					? signatureHeaders(target.route, target.url, target.key, Math.floor(sentAt / 1000))
					: {};
			const { status } = await this.post(target.url, headers, body, contentType);
			this.deliveries.push({
				id: randomUUID(),
				route: target.route,
				eventType: event.eventType,
				jobId,
				url: target.url,
				attempt,
				signed: Object.keys(headers).length > 0,
				status,
				sentAt,
				headers,
				contentType,
				body,
			});
			if (status === 200 || attempt === this.attempts) return;
			await new Promise((resolve) => setTimeout(resolve, this.retryDelayMs));
		}
	}

	private async post(
		url: string,
		headers: Record<string, string>,
		body: string,
		contentType: CallbackContentType,
	): Promise<{ status: number; body: string }> {
		try {
			const response = await fetch(url, {
				method: 'POST',
				headers: { ...(contentType === null ? {} : { 'content-type': contentType }), ...headers },
				// fetch labels a string body text/plain: bytes go out with no Content-Type unless one is set.
				body: Buffer.from(body, 'utf8'),
				signal: AbortSignal.timeout(10_000),
			});
			return { status: response.status, body: await response.text() };
		} catch {
			return { status: 0, body: '' };
		}
	}
}
