import { sleep } from 'n8n-workflow';

/** The longest a pause runs on after Stop: pauses are taken in slices of at most this length. */
const SLICE_MS = 1000;

/**
 * Pauses for `ms`, but returns as soon as the execution is stopped (`getExecutionCancelSignal()`), so a node
 * that is waiting ends within a second of Stop. Built on n8n's `sleep`: nodes may not use timers directly.
 */
export async function sleepUnlessStopped(ms: number, signal: AbortSignal | undefined): Promise<void> {
	const until = Date.now() + ms;
	while (!signal?.aborted) {
		const left = until - Date.now();
		if (left <= 0) return;
		await new Promise<void>((resolve) => {
			const stop = () => resolve();
			signal?.addEventListener('abort', stop, { once: true });
			void sleep(Math.min(left, SLICE_MS)).then(() => {
				signal?.removeEventListener('abort', stop);
				resolve();
			});
		});
	}
}
