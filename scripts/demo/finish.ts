/** The end of the demo: with --once, stop and sum up; otherwise keep n8n open and report what happens in it. */
import { basename } from 'node:path';

import { ADMIN_PREFIX, type Emulator, type JobSnapshot } from '../../tools/sandbox/emulator';
import { isTerminal } from '../../tools/sandbox/emulator/jobs';
import type { N8n } from '../../tools/sandbox/n8n';
import type { SmtpSink } from '../../tools/sandbox/sinks/smtp-sink';
import type { WebhookSink } from '../../tools/sandbox/sinks/webhook-sink';
import { rel, say, seconds, started, timings } from './output';
import { KIND_WORDS, saveMail, saveWebhook } from './records';
import { sandbox, stopEverything } from './sandbox';
import { OWNER } from './settings';

/** With --once: stop everything and print the time per step. */
export async function finishOnce(runDir: string): Promise<never> {
	say();
	say('Stopping n8n, the emulator and the sinks…');
	const stopBegin = Date.now();
	await stopEverything();
	timings.push(['Stopping everything', Date.now() - stopBegin]);
	say();
	say(`Demo OK in ${seconds(Date.now() - started)}. Time per step:`);
	for (const [title, ms] of timings) say(`  ${seconds(ms).padStart(7)}  ${title}`);
	say(`Files of this run: ${rel(runDir)}`);
	process.exit(0);
}

/** Interactive: the editor's address and login, what to try, then every job, email and webhook post as it happens. */
export function showReady(
	instance: N8n,
	services: { emulator: Emulator; smtp: SmtpSink; webhook: WebhookSink },
	n8nPort: number,
	emailDir: string,
	webhookDir: string,
): void {
	const { emulator, smtp, webhook } = services;
	const total = Date.now() - started;
	sandbox.interactive = true;
	const url = `http://localhost:${n8nPort}`;
	say();
	say('═'.repeat(100));
	say(`  n8n is ready (set up in ${seconds(total)}): open ${url}`);
	say(`  Log in:   ${OWNER.email}   password: ${OWNER.password}`);
	say();
	say('  Sandbox Alibaba Cloud (already set up in n8n as the credential "Alibaba Cloud (sandbox)"):');
	say(`    Endpoint (ICE and VOD)  ${emulator.url}`);
	say(`    AccessKey ID            ${emulator.credentials.accessKeyId}`);
	say(`    AccessKey Secret        ${emulator.credentials.accessKeySecret}`);
	say(`    Region                  cn-shanghai`);
	say();
	say('  What to try');
	say('    • Open "Alibaba Cloud example 3": it is active. Run example 1 or 2 (open it, "Execute workflow"): the job');
	say('      finishes in about 6 s, and within a minute example 3 posts "✅ … finished" to the Slack-style webhook.');
	say('      This window shows every job, email and webhook post as it happens.');
	say('    • Make the next packaging job fail, run example 1 again, and example 3 emails the failure:');
	say(`        curl -X POST ${emulator.url}${ADMIN_PREFIX}/failure-rules -H 'content-type: application/json' \\`);
	say(`          -d '{"kind":"package","code":"InvalidParameter","message":"Resource content bad.","times":1}'`);
	say(
		`    • Every request the emulator received: ${emulator.url}${ADMIN_PREFIX}/requests   jobs: ${emulator.url}${ADMIN_PREFIX}/jobs`,
	);
	say(`    • Emails are saved in ${rel(emailDir)}, webhook posts in ${rel(webhookDir)}.`);
	say(`    • n8n's log: ${rel(instance.serverLogFile() ?? instance.logDir)}`);
	say();
	say('  Press Ctrl-C to stop everything.');
	say('═'.repeat(100));
	say();
	watch(instance, emulator, smtp, webhook, emailDir, webhookDir);
}

/** Prints what happens while the user explores: jobs, emails, webhook posts; notices if n8n stops answering. */
function watch(
	instance: N8n,
	emulator: Emulator,
	smtp: SmtpSink,
	webhook: WebhookSink,
	emailDir: string,
	webhookDir: string,
) {
	const stamp = () => new Date().toLocaleTimeString();
	const seenStatus = new Map<string, string>(emulator.jobs.list().map((job) => [job.jobId, job.status]));
	let mails = smtp.messages.length;
	let posts = webhook.requests.length;
	let misses = 0;
	let tick = 0;
	const describe = (job: JobSnapshot) => `${KIND_WORDS[job.kind] ?? job.kind} ${job.jobId}`;
	sandbox.watcher = setInterval(() => {
		for (const job of emulator.jobs.list()) {
			const before = seenStatus.get(job.jobId);
			if (before === job.status) continue;
			seenStatus.set(job.jobId, job.status);
			if (before === undefined) say(`${stamp()}  Alibaba (emulator): ${describe(job)} submitted`);
			if (isTerminal(job.kind, job.status)) {
				const failed = job.code ? ` — ${job.code}: ${job.message}` : '';
				say(`${stamp()}  Alibaba (emulator): ${describe(job)} finished: ${job.status}${failed}`);
			}
		}
		while (mails < smtp.messages.length) {
			const mail = smtp.messages[mails++];
			const file = saveMail(emailDir, mail, mails);
			say(`${stamp()}  Email to ${mail.envelope.to.join(', ')}: "${mail.subject}" (saved as ${basename(file)})`);
		}
		while (posts < webhook.requests.length) {
			const request = webhook.requests[posts++];
			const file = saveWebhook(webhookDir, request, posts);
			const text = request.json?.text ?? request.body.slice(0, 200);
			say(`${stamp()}  Slack-style webhook got: ${text} (saved as ${basename(file)})`);
		}
		if (++tick % 5 === 0 && !sandbox.stopping) {
			fetch(`${instance.url}/healthz`, { signal: AbortSignal.timeout(3000) }).then(
				() => (misses = 0),
				() => {
					misses += 1;
					if (misses === 3 && !sandbox.stopping) {
						say(
							`\nn8n stopped answering on ${instance.url}. Its log: ${rel(instance.serverLogFile() ?? instance.logDir)}`,
						);
						sandbox.interactive = false;
						sandbox.stopping = stopEverything().then(() => process.exit(1));
					}
				},
			);
		}
	}, 1000);
}
