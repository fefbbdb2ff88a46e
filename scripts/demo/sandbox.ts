/** What the demo has started, so that a signal, a failure or the end stops all of it. */
import type { ChildProcess } from 'node:child_process';

import type { Emulator } from '../../tools/sandbox/emulator';
import type { N8n } from '../../tools/sandbox/n8n';
import type { SmtpSink } from '../../tools/sandbox/sinks/smtp-sink';
import type { WebhookSink } from '../../tools/sandbox/sinks/webhook-sink';
import { HANDLED_SIGNALS } from './signals';
import { say } from './output';

export const sandbox: {
	emulator?: Emulator;
	smtp?: SmtpSink;
	webhook?: WebhookSink;
	n8n?: N8n;
	provisioner?: ChildProcess;
	watcher?: NodeJS.Timeout;
	stopping?: Promise<void>;
	/** true once n8n is open for the user: a Ctrl-C then ends the demo with exit code 0. */
	interactive: boolean;
} = { interactive: false };
let firstSignalAt = 0;

export async function stopEverything(): Promise<void> {
	const { emulator, smtp, webhook, n8n, provisioner, watcher } = sandbox;
	if (watcher) clearInterval(watcher);
	if (provisioner && provisioner.exitCode === null) provisioner.kill('SIGTERM');
	// n8n: SIGTERM (graceful), SIGKILL to its process group (with the task runner) after 20 s.
	await n8n?.stop().catch(() => undefined);
	await Promise.all([
		emulator?.stop().catch(() => undefined),
		smtp?.stop().catch(() => undefined),
		webhook?.stop().catch(() => undefined),
	]);
}

function onSignal(signal: NodeJS.Signals): void {
	// npm, tsx and the terminal may each deliver the same Ctrl-C: repeats within 2 s are one.
	if (sandbox.stopping) {
		if (Date.now() - firstSignalAt < 2000) return;
		say(`\nStopping right now (${signal} again). Every process this demo started is killed.`);
		process.exit(130); // tools/sandbox/n8n SIGKILLs the n8n processes on exit
	}
	firstSignalAt = Date.now();
	say(
		`\n${signal === 'SIGINT' ? 'Ctrl-C' : signal}: stopping n8n, the emulator and the sinks… (press Ctrl-C again after 2 s to force)`,
	);
	sandbox.stopping = stopEverything().then(() => {
		say('Everything is stopped. Bye.');
		process.exit(sandbox.interactive ? 0 : 130);
	});
}

/** Ctrl-C (and SIGTERM, SIGHUP) stop everything gracefully. */
export function stopOnSignals(): void {
	for (const signal of HANDLED_SIGNALS) process.on(signal, onSignal);
}
