/**
 * The sandbox demo: `npm run demo` (interactive, until Ctrl-C) or `npm run demo -- --once` (CI: run, check, exit).
 *
 * Everything runs on this computer: a real n8n 2.41.1 (scripts/n8n/provision.mjs, cached in .cache/n8n-runtime)
 * with this package installed from its `npm pack` tarball as a community package, the Alibaba Cloud ICE/VOD
 * emulator (tools/sandbox/emulator), a local SMTP server and a local Slack-style webhook receiver (tools/sandbox/sinks/).
 *
 *   1. build and pack the package (in a copy of the sources: the repository's dist/ is left alone)
 *   2. provide n8n (first run about 6 minutes, then seconds)
 *   3. start the emulator (real clock ×10: a job takes about 6 s), the SMTP sink and the webhook sink
 *   4. a fresh n8n user folder: package installed, the credentials the examples name ("Alibaba Cloud (sandbox)",
 *      "Sandbox SMTP", "EventBridge token"), every workflow in examples/ (the Slack URL of examples 3 and 8 pointed
 *      at the webhook sink; example 3 published)
 *   5. `n8n execute` example 2 (production job, Wait for Completion, email), explained in plain words; the CLI
 *      runs before `n8n start`, never beside it: both would open the same SQLite file and task-broker port
 *   6. `n8n start` on port 5678 with an owner account; until Ctrl-C (or, with --once, check and stop)
 *
 * Files of a run: .cache/demo/runs/<time>/ (n8n's user folder and logs, received emails as .eml, webhook posts).
 */
// Must stay the first import: it notes the signal listeners that exist before tools/sandbox/n8n adds its own.
import { removeLibrarySignalListeners } from './signals';

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { freePort } from '../../tools/sandbox/n8n';
import { finishOnce, showReady } from './finish';
import { runHeadlineExample } from './headline';
import { DemoError, fail, rel, say, step } from './output';
import { portIsFreeEverywhere } from './ports';
import { provision } from './provision';
import { pruneOldRuns } from './records';
import { sandbox, stopEverything, stopOnSignals } from './sandbox';
import { DEFAULT_N8N_PORT, DEMO_DIR, parseArgs } from './settings';
import { buildPackage, createN8n, prepareN8n, startEditor, startServices } from './steps';

removeLibrarySignalListeners();
stopOnSignals();

async function main(): Promise<void> {
	const options = parseArgs(process.argv.slice(2));
	say('Alibaba Cloud media nodes for n8n: the sandbox demo');
	say('Everything runs on this computer: a real n8n, a local Alibaba Cloud emulator, a local mail server and a');
	say('local Slack-style webhook. Nothing is sent to Alibaba Cloud, to a mailbox or to Slack.');
	if (options.once) say('Mode: --once (set up, run example 2, check the editor, stop).');

	const wantedPort = options.port ?? DEFAULT_N8N_PORT;
	let n8nPort = wantedPort;
	if (!(await portIsFreeEverywhere(wantedPort))) {
		if (options.port !== undefined) {
			fail(`Port ${wantedPort} is already in use. Stop what uses it, or choose another: npm run demo -- --port 5679`);
		}
		n8nPort = await freePort();
		say();
		say(`Note: port ${wantedPort} is already in use (another n8n?). This demo's n8n will use port ${n8nPort} instead.`);
	}

	pruneOldRuns();
	const runDir = join(DEMO_DIR, new Date().toISOString().replace(/[:.]/g, '-'));
	const emailDir = join(runDir, 'emails');
	const webhookDir = join(runDir, 'webhooks');
	mkdirSync(runDir, { recursive: true });

	const tarball = await buildPackage(runDir);
	await step('Getting n8n 2.41.1 ready (scripts/n8n/provision.mjs)', provision);
	const services = await startServices(emailDir);
	const instance = await createN8n(runDir, n8nPort);
	await prepareN8n(instance, tarball, services);
	await runHeadlineExample(instance, services.emulator, services.smtp, emailDir);
	await startEditor(instance, services.emulator, n8nPort);
	if (options.once) await finishOnce(runDir);
	showReady(instance, services, n8nPort, emailDir, webhookDir);
}

main().catch(async (error: unknown) => {
	if (sandbox.stopping) return void (await sandbox.stopping);
	const message = error instanceof Error ? error.message : String(error);
	say();
	say(`The demo FAILED: ${message}`);
	if (!(error instanceof DemoError) && error instanceof Error && error.stack)
		say(error.stack.split('\n').slice(1, 6).join('\n'));
	if (sandbox.n8n) say(`n8n's logs: ${rel(sandbox.n8n.logDir)}`);
	sandbox.stopping = stopEverything();
	await sandbox.stopping;
	process.exit(1);
});
