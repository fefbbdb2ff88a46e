/**
 * The Media Event Trigger through n8n's engine: its webhook served on a real port (the harness's serveWebhook, n8n-core's
 * WebhookContext), called by the emulator the way Alibaba calls back when jobs end, and by forged, unsigned and
 * replayed calls.
 */
import type { IDataObject } from 'n8n-workflow';

import { MAX_SEEN } from '../../nodes/AlibabaCloudMediaEventTrigger/seenEvents';
import type { CallbackDelivery, Emulator } from '../../tools/sandbox/emulator';
import { callbackSignature } from '../../tools/sandbox/emulator';
import { serveWebhook, type ServedWebhook, type WebhookCall } from '../../tools/sandbox/engine';
import {
	AFTER_EVENT,
	callbackKeys,
	eventTriggerWorkflow,
	ICE_AUTH_KEY,
	pointCallbacksAt,
	PREVIOUS_ICE_AUTH_KEY,
	VOD_PRIVATE_KEY,
} from '../../tools/sandbox/workflows/eventTrigger';
import { EVENT_TRIGGER } from '../../tools/sandbox/workflows/eventTrigger';
import { sandboxCredentials } from '../../tools/sandbox/workflows/workflows';
import { suiteEmulators } from '../support/emulators';
import { productionEvent, submitLiveEditing, submitProduction, submitVodTask } from '../support/eventTrigger';

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
				verifiedWith: 'current',
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

describe('any Content-Type: the body is read as JSON whatever the header says', () => {
	// Jobs stay running here: the event of a finished one would also come from the emulator's own delivery.
	// Characters a form decoder would change: `&` and `=` split a form, `+` reads as a space, `%41` as `A`.
	const body = (jobId: string) =>
		productionEvent(jobId, { MediaURL: 'https://bucket.oss-cn-shanghai.aliyuncs.com/out/a+b%41.mp4?x=1&y=2' });

	it.each([
		['application/json'],
		['application/json; charset=utf-8'],
		['text/plain'],
		['text/plain;charset=UTF-8'],
		['application/x-www-form-urlencoded'],
		['application/octet-stream'],
		[null],
	])('%s: a signed event is answered 200 and emitted once, its message byte for byte', async (contentType) => {
		const emulator = emulators.emulator;
		const webhook = await serve();
		const jobId = await submitProduction(emulator);
		const event = body(jobId);
		const answer = await emulator.callbacks.send({ product: 'ice', body: event, contentType });
		expect(answer).toEqual({ status: 200, body: JSON.stringify({ message: 'received' }) });
		const items = await emitted(webhook);
		expect(items).toHaveLength(1);
		expect(items[0]).toMatchObject({ jobId, status: 'succeeded', product: 'ice', verifiedWith: 'current' });
		expect(items[0].event).toEqual(event);
	});

	it('a VOD task’s event as text/plain; an unsigned one is refused before its body is read', async () => {
		const emulator = emulators.emulator;
		const webhook = await serve();
		const task = await submitVodTask(emulator);
		const event = { EventType: 'WorkflowTaskComplete', TaskId: task, Status: 'Succeed', VideoId: 'v1' };
		expect((await emulator.callbacks.send({ product: 'vod', body: event, contentType: 'text/plain' })).status).toBe(
			200,
		);
		const unsigned = await emulator.callbacks.send({
			product: 'vod',
			body: 'not json',
			key: null,
			contentType: 'text/plain',
		});
		expect(unsigned.status).toBe(401);
		expect((await emitted(webhook)).map((item) => [item.jobId, item.status])).toEqual([[task, 'succeeded']]);
	});

	it('a signed body that is not an event message is answered 400 and starts nothing', async () => {
		const emulator = emulators.emulator;
		const webhook = await serve();
		for (const contentType of ['text/plain', 'application/x-www-form-urlencoded', null])
			expect((await emulator.callbacks.send({ product: 'ice', body: 'EventType=x', contentType })).status).toBe(400);
		expect(await startedExecutions(webhook)).toHaveLength(0);
	});
});

describe('key rotation: the previous key is accepted while Alibaba switches', () => {
	const NEW_ICE_AUTH_KEY = 'SandboxIceAuthKey2027';
	const NEW_VOD_PRIVATE_KEY = 'sandbox-vod-private-key-2027';

	it('calls signed with the old or the new key are accepted, the item says which; others are refused', async () => {
		const emulator = emulators.emulator;
		// Step 1 of the README: the credential gets the new key, the old one moves to Previous; Alibaba still signs with the old one.
		const webhook = await serve(
			{},
			{
				iceAuthKey: NEW_ICE_AUTH_KEY,
				previousIceAuthKey: ICE_AUTH_KEY,
				vodPrivateKey: NEW_VOD_PRIVATE_KEY,
				previousVodPrivateKey: VOD_PRIVATE_KEY,
			},
		);
		const before = [await submitProduction(emulator), await submitVodTask(emulator)];
		await finishAll(emulator);
		// Step 2: the key is switched at Alibaba.
		await pointCallbacksAt(emulator, webhook.url, { ice: NEW_ICE_AUTH_KEY, vod: NEW_VOD_PRIVATE_KEY });
		const after = [await submitProduction(emulator), await submitVodTask(emulator)];
		await finishAll(emulator);
		const older = await emulator.callbacks.send({
			product: 'ice',
			body: productionEvent('e'.repeat(32)),
			key: PREVIOUS_ICE_AUTH_KEY,
		});

		expect(emulator.callbacks.deliveries.map((delivery) => delivery.status)).toEqual([200, 200, 200, 200]);
		expect(older.status).toBe(401);
		const items = await emitted(webhook);
		const verifiedWith = Object.fromEntries(items.map((item) => [item.jobId, item.verifiedWith]));
		expect(verifiedWith).toEqual({
			[before[0]]: 'previous',
			[before[1]]: 'previous',
			[after[0]]: 'current',
			[after[1]]: 'current',
		});
		const output = JSON.stringify(items);
		for (const key of [NEW_ICE_AUTH_KEY, ICE_AUTH_KEY, NEW_VOD_PRIVATE_KEY, VOD_PRIVATE_KEY])
			expect(output).not.toContain(key);
	});

	it('step 3: with the previous key emptied, a call signed with it is refused', async () => {
		const emulator = emulators.emulator;
		const webhook = await serve({}, { iceAuthKey: NEW_ICE_AUTH_KEY, previousIceAuthKey: '' });
		const answer = await emulator.callbacks.send({
			product: 'ice',
			body: productionEvent('d'.repeat(32)),
			key: ICE_AUTH_KEY,
		});
		expect(answer.status).toBe(401);
		expect(answer.body).not.toContain(ICE_AUTH_KEY);
		expect(await startedExecutions(webhook)).toHaveLength(0);
	});
});

describe('the duplicate memory under floods and simultaneous deliveries', () => {
	// As above, events are sent by hand for jobs left running, so that no delivery of the emulator's own interferes.
	const upload = (index: number) => ({
		EventType: 'FileUploadComplete',
		UserId: 1,
		EventTime: '2026-01-10T08:00:00Z',
		MessageBody: { Status: 'Success', MediaId: `upload-${index}` },
	});

	it('a flood of events filtered out does not push a wanted one out: its later retry still starts nothing', async () => {
		const emulator = emulators.emulator;
		const webhook = await serve();
		await submitProduction(emulator);
		await finishAll(emulator);
		const [delivery] = emulator.callbacks.deliveries;
		for (let start = 0; start < MAX_SEEN + 10; start += 10) {
			const batch = Array.from({ length: 10 }, (_, offset) =>
				emulator.callbacks.send({ product: 'ice', body: upload(start + offset) }),
			);
			expect((await Promise.all(batch)).every((answer) => answer.status === 200)).toBe(true);
		}
		expect((await emulator.callbacks.resend(delivery.id)).status).toBe(200);
		expect(await emitted(webhook)).toHaveLength(1);
		const nodeData = webhook.staticData()[`node:${EVENT_TRIGGER}`] as IDataObject;
		expect(Object.keys(nodeData.seen as IDataObject)).toHaveLength(1);
	});

	it('two deliveries of one event at the same moment start one execution (Confirm with the API slow)', async () => {
		const emulator = emulators.emulator;
		const webhook = await serve({ confirmWithApi: true });
		const jobId = await submitProduction(emulator);
		emulator.clearRequests();
		emulator.faults.add({ type: 'delay', action: 'GetMediaProducingJob', ms: 400, count: 2 });
		const event = productionEvent(jobId);
		const answers = await Promise.all([
			emulator.callbacks.send({ product: 'ice', body: event }),
			emulator.callbacks.send({ product: 'ice', body: event }),
		]);
		expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
		await webhook.settled();
		// Handled at once: each arrived before the other's static data was saved.
		const [first, second] = webhook.calls;
		expect(second.receivedAt < first.handledAt && first.receivedAt < second.handledAt).toBe(true);
		expect((await emitted(webhook)).map((item) => item.jobId)).toEqual([jobId]);
		expect(emulator.requests.filter((request) => request.action === 'GetMediaProducingJob')).toHaveLength(1);
	});

	it('two different events at the same moment both start, and both stay remembered', async () => {
		const emulator = emulators.emulator;
		const webhook = await serve({ confirmWithApi: true });
		const jobs = [await submitProduction(emulator), await submitProduction(emulator)];
		emulator.faults.add({ type: 'delay', action: 'GetMediaProducingJob', ms: 400, count: 2 });
		const send = (jobId: string) => emulator.callbacks.send({ product: 'ice', body: productionEvent(jobId) });
		await Promise.all(jobs.map(send));
		await webhook.settled();
		// Alibaba's retries of both, after n8n saved the static data of each call.
		await Promise.all(jobs.map(send));
		expect((await emitted(webhook)).map((item) => item.jobId).sort()).toEqual([...jobs].sort());
		const nodeData = webhook.staticData()[`node:${EVENT_TRIGGER}`] as IDataObject;
		expect(Object.keys(nodeData.seen as IDataObject)).toHaveLength(2);
	});
});
