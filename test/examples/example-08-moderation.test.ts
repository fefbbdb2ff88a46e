/**
 * Example 8 (examples/08-oss-upload-moderate-then-register.json) through n8n's engine: its Webhook served on a real
 * port as n8n serves an active workflow's production URL (tools/sandbox/engine serveWebhook: n8n's own Webhook node
 * checks the Header Auth credential), EventBridge's OSS ObjectCreated events posted to it, the moderation job run by
 * the emulator with the verdict a verdict rule gives, and the Slack post received by a local webhook sink. The only
 * change to the example: the Slack URL points at the sink.
 */
import { randomBytes } from 'node:crypto';

import type { Emulator } from '../../tools/sandbox/emulator';
import { startEmulator } from '../../tools/sandbox/emulator';
import { serveWebhook, type ServedWebhook, type WorkflowRun } from '../../tools/sandbox/engine';
import { startWebhookSink, type WebhookSink } from '../../tools/sandbox/sinks/webhook-sink';
import { sandboxCredentials } from '../../tools/sandbox/workflows/workflows';
import {
	EVENTBRIDGE_HEADER,
	EXAMPLE_8,
	FILES,
	loadExample,
	ossObjectCreatedEvent,
	WEBHOOK_PATH,
	WEBHOOK_URL,
} from '../support/examples';

const TOKEN = randomBytes(24).toString('hex');

let emulator: Emulator;
let hook: WebhookSink;
let served: ServedWebhook;

beforeAll(async () => {
	[emulator, hook] = await Promise.all([startEmulator({ clock: 'real', speed: 600 }), startWebhookSink()]);
	const workflow = loadExample(FILES.moderateThenRegister, [[WEBHOOK_URL, `${hook.url}${WEBHOOK_PATH}`]]);
	served = await serveWebhook(workflow, 'OSS object created', {
		credentials: { ...sandboxCredentials(emulator), httpHeaderAuth: { name: EVENTBRIDGE_HEADER, value: TOKEN } },
	});
});
afterAll(async () => Promise.all([served?.close(), emulator?.stop(), hook?.stop()]));
beforeEach(() => {
	emulator.reset();
	hook.clear();
});

/** Posts the event as EventBridge's API destination does (JSON, the API key header) and waits for its execution. */
async function deliver(event: Record<string, unknown>, token = TOKEN): Promise<{ status: number; run?: WorkflowRun }> {
	const before = served.calls.length;
	const answer = await fetch(served.url, {
		method: 'POST',
		headers: { 'content-type': 'application/json', [EVENTBRIDGE_HEADER]: token },
		body: JSON.stringify(event),
	});
	await served.settled();
	const call = served.calls[before];
	return { status: answer.status, run: call.run ? await call.run : undefined };
}

const actions = (name: string) => emulator.requests.filter((request) => request.action === name);

it('serves the webhook at its fixed path', () => {
	expect(served.url.endsWith(`/webhook/${EXAMPLE_8.path}`)).toBe(true);
});

it('a blocked video: one moderation job on the object, one Slack post, nothing registered', async () => {
	emulator.addVerdictRule({ kind: 'mediaCensor', match: 'nsfw', verdict: { Suggestion: 'block', Scene: 'porn' } });
	const event = ossObjectCreatedEvent({ bucket: 'media-in', key: 'uploads/nsfw-clip.mp4', size: 1024, id: 'EVT-0001' });

	const { status, run } = await deliver(event);
	expect(status).toBe(200);
	expect(run?.error).toBeUndefined();
	expect(run?.executedNodes()).toEqual(EXAMPLE_8.blocked);

	const submits = actions('SubmitMediaCensorJob');
	expect(submits).toHaveLength(1);
	expect(JSON.parse(submits[0].query.Input)).toEqual({ Type: 'OSS', Media: 'oss://media-in/uploads/nsfw-clip.mp4' });
	const [job] = emulator.jobs.list('mediaCensor');
	expect(run?.output('Moderate the video')[0]).toMatchObject({
		jobId: job.jobId,
		status: 'succeeded',
		suggestion: 'block',
	});

	expect(hook.requests).toHaveLength(1);
	expect(hook.requests[0]).toMatchObject({ method: 'POST', path: WEBHOOK_PATH });
	expect(hook.requests[0].json).toEqual({
		text: EXAMPLE_8.slackText('oss://media-in/uploads/nsfw-clip.mp4', job.jobId, 'porn/porn'),
	});
	expect(actions('RegisterMediaInfo')).toHaveLength(0);
	expect(emulator.jobs.list('mediaAsset')).toHaveLength(0);
}, 60_000);

it('a video that passes is registered once, even when EventBridge delivers its event twice; no Slack post', async () => {
	const event = ossObjectCreatedEvent({
		bucket: 'media-in',
		key: 'uploads/launch/clip.mp4',
		size: 2048,
		id: 'EVT-0002',
	});

	const first = await deliver(event);
	expect(first.status).toBe(200);
	expect(first.run?.error).toBeUndefined();
	expect(first.run?.executedNodes()).toEqual(EXAMPLE_8.registered);
	expect(first.run?.output('Moderate the video')[0]).toMatchObject({ status: 'succeeded', suggestion: 'pass' });

	const registrations = actions('RegisterMediaInfo');
	expect(registrations).toHaveLength(1);
	expect(registrations[0].query).toMatchObject({
		InputURL: 'oss://media-in/uploads/launch/clip.mp4',
		MediaType: 'video',
		Title: 'clip.mp4',
		ClientToken: 'EVT-0002',
	});
	const [asset] = emulator.jobs.list('mediaAsset');
	expect(first.run?.output('Register the video')[0]).toMatchObject({ MediaId: asset.jobId });

	// The same event again (EventBridge retries a delivery it saw fail): the same media asset, not a second one.
	const again = await deliver(event);
	expect(again.run?.error).toBeUndefined();
	expect(actions('RegisterMediaInfo').map((request) => request.query.ClientToken)).toEqual(['EVT-0002', 'EVT-0002']);
	expect(emulator.jobs.list('mediaAsset').map((job) => job.jobId)).toEqual([asset.jobId]);
	expect(again.run?.output('Register the video')[0]).toMatchObject({ MediaId: asset.jobId });

	expect(hook.requests).toHaveLength(0);
}, 60_000);

it('a call without the EventBridge token is refused (403) and starts nothing', async () => {
	const event = ossObjectCreatedEvent({ bucket: 'media-in', key: 'uploads/forged.mp4', size: 1, id: 'EVT-0003' });
	const { status, run } = await deliver(event, 'not-the-token');
	expect(status).toBe(403);
	expect(run).toBeUndefined();
	expect(emulator.requests).toHaveLength(0);
	expect(hook.requests).toHaveLength(0);
	expect(served.failures).toEqual([]);
});
