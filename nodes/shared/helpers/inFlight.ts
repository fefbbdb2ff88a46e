/**
 * Runs `work` for indexes 0 … count-1 in that order, with at most `limit` running at once. When `work` answers
 * 'stop', no further index is started; those already running finish.
 */
export async function inFlight(
	count: number,
	limit: number,
	work: (index: number) => Promise<'stop' | void>,
): Promise<void> {
	let next = 0;
	let stopped = false;
	const lane = async () => {
		while (!stopped && next < count) {
			const index = next++;
			if ((await work(index)) === 'stop') stopped = true;
		}
	};
	await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, count)) }, lane));
}
