/**
 * Imported by demo.ts BEFORE tools/sandbox/n8n: remembers which SIGINT/SIGTERM/SIGHUP listeners existed before that
 * library registered its own (it SIGKILLs every n8n process on a signal). The demo replaces the library's
 * listeners with a graceful shutdown (n8n gets SIGTERM first); the library's `exit` hook stays as the safety net.
 */
export const HANDLED_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

const before = new Map<NodeJS.Signals, Set<(...args: unknown[]) => void>>(
	HANDLED_SIGNALS.map((signal) => [signal, new Set(process.listeners(signal) as Array<(...args: unknown[]) => void>)]),
);

/** Removes the signal listeners added since this module was loaded (i.e. by tools/sandbox/n8n). */
export function removeLibrarySignalListeners(): void {
	for (const signal of HANDLED_SIGNALS) {
		for (const listener of process.listeners(signal) as Array<(...args: unknown[]) => void>) {
			if (!before.get(signal)!.has(listener)) process.removeListener(signal, listener);
		}
	}
}
