/**
 * The Media Event Trigger through n8n's engine: its webhook served on a real port (the harness's serveWebhook, n8n-core's
 * WebhookContext), called by the emulator the way Alibaba calls back when jobs end, and by forged, unsigned and
 * replayed calls.
 */
import type { IDataObject } from 'n8n-workflow';

import type { CallbackDelivery, Emulator } from '../../tools/sandbox/emulator';
import { callbackSignature } from '../../tools/sandbox/emulator';
import { serveWebhook, type ServedWebhook, type WebhookCall } from '../../tools/sandbox/engine';
import {
	AFTER_EVENT,
	callbackKeys,
	eventTriggerWorkflow,
	ICE_AUTH_KEY,
	pointCallbacksAt,
	VOD_PRIVATE_KEY,
} from '../../tools/sandbox/workflows/eventTrigger';
import { EVENT_TRIGGER } from '../../tools/sandbox/workflows/eventTrigger';
import { sandboxCredentials } from '../../tools/sandbox/workflows/workflows';
import { suiteEmulators } from '../support/emulators';
import { submitLiveEditing, submitProduction, submitVodTask } from '../support/eventTrigger';

const emulators = suiteEmulators({ emulator: { callbacks: { retryDelayMs: 20 } } });
const MINUTE = 60_000;
let served: ServedWebhook | undefined;

afterEach(async () => {
	expect(served?.failures ?? []).toEqual([]);
	await served?.close();
	served = undefined;
});

async function serve(parameters: IDataObject = {}, keys: IDataObject = {}): Promise<ServedWebhook> {
	const emulator = emulators.emulator;
	served = await serveWebhook(eventTriggerWorkflow(parameters), EVENT_TRIGGER, {
		credentials: { ...callbackKeys(keys), ...sandboxCredentials(emulator) },
	});
	await pointCallbacksAt(emulator, served.url);
	return served;
}

/** What the trigger emitted per call, and what the workflow's next node received. */
async function emitted(webhook: ServedWebhook): Promise<IDataObject[]> {
	await webhook.settled();
	const items: IDataObject[] = [];
	for (const call of webhook.calls) {
		if (!call.run) continue;
		const run = await call.run;
		expect(run.status).toBe('success');
		items.push(...run.output(AFTER_EVENT));
	}
	return items;
}

async function startedExecutions(webhook: ServedWebhook): Promise<WebhookCall[]> {
	await webhook.settled();
	return webhook.calls.filter((call) => call.workflowData);
}

function finishAll(emulator: Emulator): Promise<number> {
	emulator.clock.advance(MINUTE);
	return emulator.callbacks.flush();
}

const nowSeconds = () => Math.floor(Date.now() / 1000);

describe('events Alibaba sends when jobs end', () => {
	it('a finished production job, a failed one, a live editing job and VOD tasks each emit one normalized item', async () => {
		const emulator = emulators.emulator;
		const webhook = await serve();
		const produced = await submitProduction(emulator);
		const broken = await submitProduction(emulator);
		const live = await submitLiveEditing(emulator);
		const task = await submitVodTask(emulator);
		const failedTask = await submitVodTask(emulator);
		emulator.failJob(broken, 'InvalidParameter.Timeline', 'The timeline is invalid.');
		emulator.failJob(failedTask, 'TranscodeFailed', 'The source cannot be decoded.');
		await finishAll(emulator);

		expect(webhook.calls.map((call) => call.status)).toEqual([200, 200, 200, 200, 200]);
		const items = await emitted(webhook);
		const byJob = Object.fromEntries(items.map((item) => [item.jobId, item]));
		expect(Object.keys(byJob).sort()).toEqual([produced, broken, live, task, failedTask].sort());
		const job = emulator.jobs.get(produced)!;
		expect(byJob[produced]).toMatchObject({
			jobKind: 'mediaProducing',
			status: 'succeeded',
			finished: true,
			outputUrl: 'https://bucket.oss-cn-shanghai.aliyuncs.com/out/event.mp4',
			mediaId: job.data.MediaId,
			eventType: 'ProduceMediaComplete',
			eventTime: job.finishTime,
			product: 'ice',
			event: { EventType: 'ProduceMediaComplete', MessageBody: { JobId: produced, Status: 'Success' } },
		});
		expect(byJob[produced]).not.toHaveProperty('errorCode');
		expect(byJob[broken]).toMatchObject({
			status: 'failed',
			errorCode: 'InvalidParameter.Timeline',
			errorMessage: 'The timeline is invalid.',
		});
		expect(byJob[live]).toMatchObject({
			jobKind: 'mediaProducing',
			status: 'succeeded',
			eventType: 'ProduceMediaComplete',
		});
		expect(byJob[task]).toMatchObject({
			jobKind: 'vodWorkflow',
			status: 'succeeded',
			finished: true,
			mediaId: 'f0e1d2c3b4a5968778695a4b3c2d1e0f',
			eventType: 'WorkflowTaskComplete',
			product: 'vod',
		});
		expect(byJob[failedTask]).toMatchObject({
			status: 'failed',
			errorCode: 'TranscodeFailed',
			errorMessage: 'The source cannot be decoded.',
			failedActivity: 'VodTranscode_1',
		});
	});

	it('Outcomes and Events filter: a success answered 200 starts nothing when only failures are wanted', async () => {
		const emulator = emulators.emulator;
		const webhook = await serve({ outcomes: ['failed'], events: ['ProduceMediaComplete'] });
		await submitProduction(emulator);
		await submitVodTask(emulator);
		const broken = await submitProduction(emulator);
		emulator.failJob(broken, 'X', 'y');
		await finishAll(emulator);
		expect(webhook.calls.map((call) => call.status)).toEqual([200, 200, 200]);
		expect((await emitted(webhook)).map((item) => item.jobId)).toEqual([broken]);
	});

	it('Confirm with the API reads the job once with its Get and emits what the API says', async () => {
		const emulator = emulators.emulator;
		const webhook = await serve({ confirmWithApi: true });
		const produced = await submitProduction(emulator);
		emulator.clearRequests();
		await finishAll(emulator);
		const [item] = await emitted(webhook);
		expect(item.confirmError).toBeUndefined();
		expect(emulator.requests.map((request) => request.action)).toEqual(['GetMediaProducingJob']);
		expect(item).toMatchObject({
			jobId: produced,
			confirmed: true,
			status: 'succeeded',
			callbackStatus: 'succeeded',
			job: { JobId: produced, Status: 'Success' },
		});
	});

	it('a media producing job with a NotifyAddress calls it unsigned, besides the signed account callback', async () => {
		const emulator = emulators.emulator;
		const webhook = await serve();
		await submitProduction(emulator, { NotifyAddress: webhook.url });
		await finishAll(emulator);
		const routes = emulator.callbacks.deliveries.map((delivery) => [delivery.route, delivery.signed, delivery.status]);
		expect(routes.sort()).toEqual([
			['ice', true, 200],
			['notify', false, 401],
			['notify', false, 401],
			['notify', false, 401],
		]);
		expect(await emitted(webhook)).toHaveLength(1);
	});
});

describe('other events', () => {
	const upload = {
		EventType: 'FileUploadComplete',
		UserId: 1,
		EventTime: '2026-01-10T08:00:00Z',
		MessageBody: { Status: 'Success', MediaId: 'c321b3a0041a71eda1590674a2ce0000', FileUrl: 'http://x/y.mp4' },
	};

	it('are answered and dropped unless Any Other Event is chosen; then emitted with their raw message', async () => {
		const emulator = emulators.emulator;
		let webhook = await serve();
		expect((await emulator.callbacks.send({ product: 'ice', body: upload })).status).toBe(200);
		expect(await startedExecutions(webhook)).toHaveLength(0);
		await webhook.close();
		webhook = served = await serve({ events: ['other'] });
		expect((await emulator.callbacks.send({ product: 'ice', body: upload })).status).toBe(200);
		expect(await emitted(webhook)).toEqual([
			{
				eventType: 'FileUploadComplete',
				eventTime: '2026-01-10T08:00:00Z',
				product: 'ice',
				mediaId: 'c321b3a0041a71eda1590674a2ce0000',
				rawStatus: 'Success',
				event: upload,
			},
		]);
	});
});

describe('calls that are not Alibaba’s get 401 and start nothing', () => {
	const body = (jobId = 'f'.repeat(32)) => ({
		EventType: 'ProduceMediaComplete',
		UserId: 1,
		EventTime: '2026-01-10T08:00:00Z',
		MessageBody: { Status: 'Success', JobId: jobId, MediaURL: 'https://x/y.mp4' },
	});

	async function post(url: string, headers: Record<string, string>, payload: unknown = body()) {
		const response = await fetch(url, {
			method: 'POST',
			headers: { 'content-type': 'application/json', ...headers },
			body: JSON.stringify(payload),
		});
		return { status: response.status, text: await response.text() };
	}

	it.each([
		['forged (signed with another key)', { key: 'SomeoneElsesKey1' }],
		['unsigned', { key: null }],
		['replayed (a valid signature from ten minutes ago)', { timestamp: nowSeconds() - 600 }],
		['from the future (a valid signature ten minutes ahead)', { timestamp: nowSeconds() + 600 }],
	])('%s', async (_label, options) => {
		const emulator = emulators.emulator;
		const webhook = await serve();
		const answer = await emulator.callbacks.send({ product: 'ice', body: body(), ...options });
		expect(answer.status).toBe(401);
		expect(answer.body).not.toContain(ICE_AUTH_KEY);
		expect(await startedExecutions(webhook)).toHaveLength(0);
		expect(webhook.staticData()).toEqual({});
	});

	it('missing or malformed headers, both products’ headers, a VOD call with the ICE key', async () => {
		const webhook = await serve();
		const timestamp = String(nowSeconds());
		const iceSignature = callbackSignature(webhook.url, timestamp, ICE_AUTH_KEY);
		const cases: Array<Record<string, string>> = [
			{ 'X-ICE-TIMESTAMP': timestamp },
			{ 'X-ICE-SIGNATURE': iceSignature },
			{ 'X-ICE-TIMESTAMP': 'yesterday', 'X-ICE-SIGNATURE': iceSignature },
			{
				'X-ICE-TIMESTAMP': timestamp,
				'X-ICE-SIGNATURE': iceSignature,
				'X-VOD-TIMESTAMP': timestamp,
				'X-VOD-SIGNATURE': callbackSignature(webhook.url, timestamp, VOD_PRIVATE_KEY),
			},
			{ 'X-VOD-TIMESTAMP': timestamp, 'X-VOD-SIGNATURE': iceSignature },
		];
		for (const headers of cases) expect((await post(webhook.url, headers)).status).toBe(401);
		// The same signature, correctly placed, is accepted: the cases above fail for their headers alone.
		expect((await post(webhook.url, { 'X-ICE-TIMESTAMP': timestamp, 'X-ICE-SIGNATURE': iceSignature })).status).toBe(
			200,
		);
		expect(await startedExecutions(webhook)).toHaveLength(1);
	});

	it('a key missing from the credential refuses that product’s calls', async () => {
		const emulator = emulators.emulator;
		const webhook = await serve({}, { vodPrivateKey: '' });
		await submitVodTask(emulator);
		await finishAll(emulator);
		expect(emulator.callbacks.deliveries.map((delivery) => delivery.status)).toEqual([401, 401, 401]);
		expect(await startedExecutions(webhook)).toHaveLength(0);
	});

	it('behind a proxy: the signature covers the URL as registered at Alibaba, not the one n8n sees', async () => {
		const registered = 'https://media-hooks.example.com/alibaba/events';
		const emulator = emulators.emulator;
		const webhook = await serve({ options: { callbackUrl: registered } });
		const asSeen = await emulator.callbacks.send({ product: 'ice', body: body('a'.repeat(32)) });
		const asRegistered = await emulator.callbacks.send({
			product: 'ice',
			body: body('b'.repeat(32)),
			signedUrl: registered,
		});
		expect([asSeen.status, asRegistered.status]).toEqual([401, 200]);
		expect((await emitted(webhook)).map((item) => item.jobId)).toEqual(['b'.repeat(32)]);
	});
});

describe('duplicates and retries', () => {
	it('a delivery sent again (Alibaba’s retry, or a replay within the window) is answered 200 and emitted once', async () => {
		const emulator = emulators.emulator;
		const webhook = await serve();
		await submitProduction(emulator);
		await finishAll(emulator);
		const [delivery] = emulator.callbacks.deliveries as CallbackDelivery[];
		expect((await emulator.callbacks.resend(delivery.id)).status).toBe(200);
		expect((await emulator.callbacks.send({ product: 'ice', body: JSON.parse(delivery.body) })).status).toBe(200);
		expect(webhook.calls).toHaveLength(3);
		expect(await emitted(webhook)).toHaveLength(1);
		const nodeData = webhook.staticData()[`node:${EVENT_TRIGGER}`] as IDataObject;
		expect(Object.keys(nodeData.seen as IDataObject)).toHaveLength(1);
	});

	it('with a duplicate window of 0 every delivery is emitted', async () => {
		const emulator = emulators.emulator;
		const webhook = await serve({ options: { duplicateWindowMinutes: 0 } });
		await submitProduction(emulator);
		await finishAll(emulator);
		await emulator.callbacks.resend(emulator.callbacks.deliveries[0].id);
		expect(await emitted(webhook)).toHaveLength(2);
	});

	it('the emulator retries a delivery not answered 200 twice, then drops it; packaging jobs send nothing', async () => {
		const emulator = emulators.emulator;
		await pointCallbacksAt(emulator, 'http://127.0.0.1:9/nothing-listens-here');
		await submitVodTask(emulator);
		await submitProduction(emulator);
		const [packaging] = emulator.seedJobs({ kind: 'package', count: 1, status: 'Init' });
		emulator.finishJob(packaging);
		await finishAll(emulator);
		const attempts = emulator.callbacks.deliveries.map((delivery) => [
			delivery.route,
			delivery.attempt,
			delivery.status,
		]);
		expect(attempts.sort()).toEqual([
			['ice', 1, 0],
			['ice', 2, 0],
			['ice', 3, 0],
			['vod', 1, 0],
			['vod', 2, 0],
			['vod', 3, 0],
		]);
	});
});
