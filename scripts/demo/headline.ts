/**
 * Step 5: example 2 (a production job from a timeline, Wait for Completion, an email) run once with `n8n execute`,
 * explained in plain words. The CLI runs before `n8n start`, never beside it: both would open the same SQLite file
 * and task-broker port.
 */
import type { Emulator } from '../../tools/sandbox/emulator';
import type { N8n } from '../../tools/sandbox/n8n';
import type { SmtpSink } from '../../tools/sandbox/sinks/smtp-sink';
import { fail, rel, say, seconds, detail, step } from './output';
import { countActions, saveMail } from './records';
import { EMAIL_NODE, EMULATOR_SPEED, HEADLINE, SUBMIT_NODE } from './settings';

export async function runHeadlineExample(
	instance: N8n,
	emulator: Emulator,
	smtp: SmtpSink,
	emailDir: string,
): Promise<void> {
	const requestsBefore = emulator.requests.length;
	const execution = await step(
		'Running example 2 once: a production job from a timeline, wait, then an email',
		async () => {
			detail('n8n execute --id=alibabaExample02 (n8n runs the workflow from the command line)…');
			return instance.execute(HEADLINE.id, { timeoutMs: 240_000 });
		},
	);
	if (!execution.ok) {
		fail(`Example 2 did not succeed: ${execution.errorMessage}\n  n8n's log: ${rel(execution.logFile)}`);
	}
	const job = execution.output(SUBMIT_NODE)[0] ?? {};
	const sent = execution.output(EMAIL_NODE)[0] ?? {};
	const mail = await smtp
		.waitForMessage((message) => message.subject.includes(String(job.jobId)), 10_000)
		.catch(() => fail(`n8n says the email was sent, but the mail server got none for job ${job.jobId}`));
	const mailFile = saveMail(emailDir, mail, smtp.messages.indexOf(mail) + 1);
	const snapshot = emulator.jobs.get(String(job.jobId));
	const ownRequests = emulator.requests.slice(requestsBefore);
	const rejected = ownRequests.filter((request) => (request.status ?? 0) >= 400).length;
	const gets = ownRequests.filter((request) => request.action === 'GetMediaProducingJob').length;
	const waited = job.createdAt && job.finishedAt ? Date.parse(job.finishedAt) - Date.parse(job.createdAt) : undefined;

	say();
	say('What happened in example 2');
	say(`  1. n8n sent the timeline (intro clip, main clip, music) to Alibaba Cloud (the emulator): production job`);
	say(`     ${job.jobId} was created.`);
	say(`  2. "Wait for Completion" checked the job ${gets} time${gets === 1 ? '' : 's'} (every 5 s) until it finished:`);
	say(
		`     ${String(job.status).toUpperCase()} (Alibaba's status "${job.rawStatus}")` +
			(waited !== undefined
				? ` after ${seconds(waited / EMULATOR_SPEED)} (${seconds(waited)} in sandbox time, which runs ${EMULATOR_SPEED}× faster).`
				: '.'),
	);
	if (job.outputUrl) say(`     The video: ${job.outputUrl}`);
	if (job.mediaId) say(`     Media ID:  ${job.mediaId}`);
	say(`  3. "Email ops" sent an email, received by the local mail server (SMTP sink ${smtp.host}:${smtp.port}):`);
	say(`       from     ${mail.envelope.from}`);
	say(`       to       ${mail.envelope.to.join(', ')}`);
	say(`       subject  ${mail.subject}`);
	say(`       saved as ${rel(mailFile)}`);
	say('                (an .eml file: open it with any mail program)');
	if (sent.messageId)
		say(`       (n8n's Send Email node: accepted ${JSON.stringify(sent.accepted ?? [])}, message ${sent.messageId})`);
	say(
		`  4. The emulator received ${ownRequests.length} request${ownRequests.length === 1 ? '' : 's'} ` +
			`(${countActions(emulator, requestsBefore)});`,
	);
	say(`     ${rejected ? `${rejected} of them REJECTED!` : 'every one correctly signed and accepted.'}`);
	if (snapshot)
		say(
			`     The emulator's own record of the job: status ${snapshot.status}, finished ${snapshot.finishTime ?? '-'}.`,
		);
	say(`  The execution took ${seconds(execution.durationMs)} (n8n's log: ${rel(execution.logFile)}).`);

	if (rejected) fail(`${rejected} request(s) to the emulator were rejected; see ${rel(execution.logFile)}`);
	if (job.status !== 'succeeded') fail(`The production job ended "${job.status}", expected succeeded`);
}
