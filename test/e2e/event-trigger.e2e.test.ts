/**
 * The Media Event Trigger and the resume-URL example in a real n8n 2.41 under `n8n start`: the package installed from
 * its tarball, the trigger's workflow published, the emulator configured with SetEventCallback / SetMessageCallback
 * as the README says, and jobs finished in the emulator, which then calls n8n back like Alibaba. Executions are
 * counted and read through n8n's REST API. Also: events sent with other Content-Types (n8n parses those itself
 * first; the table of what it makes of each is checked through n8n's own Webhook node), a call signed with the
 * previous key, and two simultaneous deliveries of one event.
 *
 * Runs only under test/e2e/jest.config.js; under the unit-test config it skips itself.
 */
import type { CallbackDelivery, Emulator } from '../../tools/sandbox/emulator';
import { startEmulator } from '../../tools/sandbox/emulator';
import { alibabaCredential, N8n, newId, packageTarball } from '../../tools/sandbox/n8n';
import {
	AFTER_EVENT,
	eventTriggerWorkflow,
	ICE_AUTH_KEY,
	pointCallbacksAt,
	PREVIOUS_ICE_AUTH_KEY,
	PREVIOUS_VOD_PRIVATE_KEY,
	VOD_PRIVATE_KEY,
} from '../../tools/sandbox/workflows/eventTrigger';
import { productionEvent, submitProduction, submitVodTask } from '../support/eventTrigger';
import { ALIBABA_CREDENTIAL, FILES, IDS, loadExample } from '../support/examples';
import { BODY_BY_CONTENT_TYPE, postJsonText, webhookV1Workflow } from '../support/webhookBodies';
import { describeE2e } from './describeE2e';

const MINUTE = 60_000;

interface ExecutionSummary {
	id: string;
	mode: string;
	status: string;
	startedAt: string;
}

async function waitFor<T>(what: string, read: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await read();
		if (value !== undefined) return value;
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
}

describeE2e('real n8n: the Media Event Trigger under `n8n start`, and example 6 parked until IMS calls back', () => {
	let emulator: Emulator;
	let n8n: N8n | undefined;
	const triggerWorkflowId = newId();
	const webhookId = '5f1c2e0a-7b3d-4c8e-9a6f-0d1e2f3a4b5c';
	// The same trigger with Confirm with the API on: its Get, made slow, holds a delivery open while another arrives.
	const confirmingWorkflowId = newId();
	const confirmingWebhookId = '6a2d3f1b-8c4e-4d9f-8b7a-1e2f3a4b5c6d';
	const bodiesWorkflowId = newId();
	let confirmingUrl = '';
	const callbackCredential = { id: newId(), name: 'Alibaba callback keys (emulator)' };
	let productionUrl = '';
	let parked: { jobId: string } | undefined;

	async function executions(workflowId: string): Promise<ExecutionSummary[]> {
		const filter = encodeURIComponent(JSON.stringify({ workflowId }));
		const list = await n8n!.rest('GET', `/executions?filter=${filter}&limit=100`);
		expect(list.status).toBe(200);
		return (list.body.data?.results ?? list.body.data ?? []) as ExecutionSummary[];
	}

	/** The items the trigger's node after it received in one execution. */
	async function emittedBy(executionId: string): Promise<Array<Record<string, any>>> {
		const one = await n8n!.rest('GET', `/executions/${executionId}`);
		expect(one.status).toBe(200);
		const flatted = require(`${n8n!.runtime.dir}/n8n/node_modules/flatted`) as { parse: (text: string) => any };
		const data = flatted.parse((one.body.data ?? one.body).data);
		return (data.resultData.runData[AFTER_EVENT]?.[0]?.data.main[0] ?? []).map((item: any) => item.json);
	}

	beforeAll(async () => {
		emulator = await startEmulator({ clock: 'manual', callbacks: { retryDelayMs: 1000 } });
		n8n = await N8n.create({ tarball: packageTarball(), name: 'event-trigger' });
		await n8n.importCredentials([
			alibabaCredential(emulator, ALIBABA_CREDENTIAL),
			{
				...callbackCredential,
				type: 'alibabaCloudMediaCallbackApi',
				// The previous keys as during a key switch (README, "Switching a callback key").
				data: {
					iceAuthKey: ICE_AUTH_KEY,
					previousIceAuthKey: PREVIOUS_ICE_AUTH_KEY,
					vodPrivateKey: VOD_PRIVATE_KEY,
					previousVodPrivateKey: PREVIOUS_VOD_PRIVATE_KEY,
				},
			},
		]);
		const withCredentials = (workflow: ReturnType<typeof eventTriggerWorkflow>) => {
			workflow.nodes[0].credentials = {
				alibabaCloudMediaCallbackApi: callbackCredential,
				alibabaCloudApi: ALIBABA_CREDENTIAL,
			};
			return workflow;
		};
		await n8n.importWorkflows([
			{ ...withCredentials(eventTriggerWorkflow({}, webhookId)), id: triggerWorkflowId, name: 'e2e event trigger' },
			{
				...withCredentials(eventTriggerWorkflow({ confirmWithApi: true }, confirmingWebhookId)),
				id: confirmingWorkflowId,
				name: 'e2e event trigger, confirming',
			},
			{
				...webhookV1Workflow('bodies', '7b3e4a2c-9d5f-4e0a-8c8b-2f3a4b5c6d7e'),
				id: bodiesWorkflowId,
				name: 'e2e webhook bodies',
			},
			loadExample(FILES.resumeOnCallback),
		]);
		for (const id of [triggerWorkflowId, confirmingWorkflowId, bodiesWorkflowId]) await n8n.publishWorkflow(id);

		// Example 6 runs before `n8n start`: its execution submits the job and parks in the Wait node.
		const run = await n8n.execute(IDS.resumeOnCallback);
		expect(run.run?.status).toBe('waiting');
		const [job] = emulator.jobs.list('editing');
		parked = { jobId: job.jobId };

		await n8n.start();
		await n8n.setupOwnerAndLogin();
		productionUrl = `${n8n.url}/webhook/${webhookId}/webhook`;
		confirmingUrl = `${n8n.url}/webhook/${confirmingWebhookId}/webhook`;
		await pointCallbacksAt(emulator, productionUrl);
	}, 600_000);

	afterAll(async () => {
		await n8n?.dispose();
		await emulator?.stop();
	}, 60_000);

	it('example 6 is parked (status waiting) while its job runs', async () => {
		const [execution] = await executions(IDS.resumeOnCallback);
		expect(execution.status).toBe('waiting');
		const notifyAddress = JSON.parse(String(emulator.jobs.get(parked!.jobId)!.data.UserData)).NotifyAddress;
		expect(notifyAddress).toContain(`/webhook-waiting/${execution.id}`);
	});

	it('a production job and a VOD workflow task each start one execution within 2 s of the emulator’s callback', async () => {
		const produced = await submitProduction(emulator);
		const task = await submitVodTask(emulator);
		emulator.finishJob(produced);
		emulator.finishJob(task);
		const delivered = await waitFor(
			'both callbacks answered',
			async () => {
				const ours = emulator.callbacks.deliveries.filter((delivery) =>
					[produced, task].includes(delivery.jobId ?? ''),
				);
				return ours.length === 2 && ours.every((delivery) => delivery.status > 0) ? ours : undefined;
			},
			30_000,
		);
		expect(delivered.map((delivery) => [delivery.route, delivery.status]).sort()).toEqual([
			['ice', 200],
			['vod', 200],
		]);
		const started = await waitFor(
			'two finished trigger executions',
			async () => {
				const list = await executions(triggerWorkflowId);
				return list.length >= 2 && list.every((execution) => execution.status === 'success') ? list : undefined;
			},
			30_000,
		);
		expect(started).toHaveLength(2);
		const latencies: Record<string, number> = {};
		for (const execution of started) {
			expect(execution.mode).toBe('webhook');
			const [item] = await emittedBy(execution.id);
			const delivery = delivered.find((entry) => entry.jobId === item.jobId) as CallbackDelivery;
			latencies[item.eventType] = Date.parse(execution.startedAt) - delivery.sentAt;
			expect(item).toMatchObject({ status: 'succeeded', finished: true, verifiedWith: 'current' });
		}
		// Measured: the callback's send time (emulator) to the execution's start (n8n's record).
		process.stdout.write(`event trigger latency (ms): ${JSON.stringify(latencies)}\n`);
		expect(Object.keys(latencies).sort()).toEqual(['ProduceMediaComplete', 'WorkflowTaskComplete']);
		for (const latency of Object.values(latencies)) expect(latency).toBeLessThan(2000);
	});

	it('forged, unsigned and replayed calls get 401 and start no execution', async () => {
		const before = (await executions(triggerWorkflowId)).length;
		const body = {
			EventType: 'ProduceMediaComplete',
			UserId: 1,
			EventTime: new Date().toISOString(),
			MessageBody: { Status: 'Success', JobId: 'c'.repeat(32) },
		};
		const answers = [
			await emulator.callbacks.send({ product: 'ice', body, key: 'ForgedKey123' }),
			await emulator.callbacks.send({ product: 'ice', body, key: null }),
			await emulator.callbacks.send({ product: 'vod', body, key: ICE_AUTH_KEY }),
			await emulator.callbacks.send({ product: 'ice', body, timestamp: Math.floor(Date.now() / 1000) - 10 * 60 }),
		];
		expect(answers.map((answer) => answer.status)).toEqual([401, 401, 401, 401]);
		await new Promise((resolve) => setTimeout(resolve, 2000));
		expect(await executions(triggerWorkflowId)).toHaveLength(before);
	});

	it('example 6 resumes only when the emulator calls its resume URL, with IMS’s event as the body', async () => {
		expect((await executions(IDS.resumeOnCallback))[0].status).toBe('waiting');
		emulator.clock.advance(MINUTE);
		const execution = await waitFor(
			'example 6 to finish',
			async () => {
				const [one] = await executions(IDS.resumeOnCallback);
				return one.status === 'success' ? one : undefined;
			},
			30_000,
		);
		const notify = emulator.callbacks.deliveries.filter((delivery) => delivery.route === 'notify');
		expect(notify.map((delivery) => [delivery.jobId, delivery.status, delivery.signed])).toEqual([
			[parked!.jobId, 200, false],
		]);
		const one = await n8n!.rest('GET', `/executions/${execution.id}`);
		const flatted = require(`${n8n!.runtime.dir}/n8n/node_modules/flatted`) as { parse: (text: string) => any };
		const data = flatted.parse((one.body.data ?? one.body).data);
		const [finished] = data.resultData.runData['Render Finished'][0].data.main[0];
		expect(finished.json.body).toMatchObject({
			EventType: 'ProduceMediaComplete',
			MessageBody: { Status: 'Success', JobId: parked!.jobId },
		});
	});
	/** Waits until the workflow has `count` finished executions, then a while longer to see that no more come. */
	async function settledExecutions(workflowId: string, count: number): Promise<ExecutionSummary[]> {
		await waitFor(
			`${count} finished executions`,
			async () => {
				const list = await executions(workflowId);
				return list.length >= count && list.every((execution) => execution.status === 'success') ? list : undefined;
			},
			30_000,
		);
		await new Promise((resolve) => setTimeout(resolve, 2000));
		return await executions(workflowId);
	}

	it('n8n 2.41 parses each Content-Type as the engine harness reproduces it (n8n’s Webhook node 1)', async () => {
		const url = `${n8n!.url}/webhook/bodies`;
		for (const [contentType] of BODY_BY_CONTENT_TYPE)
			expect([contentType, await postJsonText(url, contentType)]).toEqual([contentType, 200]);
		const list = await settledExecutions(bodiesWorkflowId, BODY_BY_CONTENT_TYPE.length);
		const bodies = [];
		for (const execution of [...list].sort((left, right) => Number(left.id) - Number(right.id))) {
			const one = await n8n!.rest('GET', `/executions/${execution.id}`);
			const flatted = require(`${n8n!.runtime.dir}/n8n/node_modules/flatted`) as { parse: (text: string) => any };
			const data = flatted.parse((one.body.data ?? one.body).data);
			bodies.push(data.resultData.runData.Webhook[0].data.main[0][0].json.body);
		}
		expect(bodies).toEqual(BODY_BY_CONTENT_TYPE.map(([, body]) => body));
	});

	it('a signed event sent as text/plain, form-encoded, octet-stream or with no Content-Type starts one execution each', async () => {
		const before = (await executions(triggerWorkflowId)).length;
		const contentTypes = ['text/plain', 'application/x-www-form-urlencoded', 'application/octet-stream', null];
		const sent = contentTypes.map((contentType, index) => ({
			contentType,
			body: productionEvent(`${index}`.repeat(32), {
				MediaURL: 'https://bucket.oss-cn-shanghai.aliyuncs.com/a+b.mp4?x=1&y=2',
			}),
		}));
		for (const { contentType, body } of sent)
			expect([contentType, (await emulator.callbacks.send({ product: 'ice', body, contentType })).status]).toEqual([
				contentType,
				200,
			]);
		const list = await settledExecutions(triggerWorkflowId, before + contentTypes.length);
		expect(list).toHaveLength(before + contentTypes.length);
		const items = [];
		for (const execution of list) items.push(...(await emittedBy(execution.id)));
		for (const { body } of sent) {
			const item = items.find((one) => one.jobId === body.MessageBody.JobId);
			expect(item).toMatchObject({ status: 'succeeded', verifiedWith: 'current' });
			expect(item!.event).toEqual(body);
		}
	});

	it('calls signed with the previous key (a key switch under way) are accepted; the item says so', async () => {
		const before = (await executions(triggerWorkflowId)).length;
		const iceJob = 'a1'.repeat(16);
		const answers = [
			await emulator.callbacks.send({ product: 'ice', body: productionEvent(iceJob), key: PREVIOUS_ICE_AUTH_KEY }),
			await emulator.callbacks.send({
				product: 'vod',
				body: { EventType: 'WorkflowTaskComplete', TaskId: 'b2'.repeat(16), Status: 'Succeed', VideoId: 'v1' },
				key: PREVIOUS_VOD_PRIVATE_KEY,
			}),
			await emulator.callbacks.send({ product: 'ice', body: productionEvent('c3'.repeat(16)), key: 'NeitherKey2024' }),
		];
		expect(answers.map((answer) => answer.status)).toEqual([200, 200, 401]);
		const list = await settledExecutions(triggerWorkflowId, before + 2);
		expect(list).toHaveLength(before + 2);
		const items = [];
		for (const execution of list) items.push(...(await emittedBy(execution.id)));
		const signedWithPrevious = items.filter((item) => [iceJob, 'b2'.repeat(16)].includes(item.jobId));
		expect(signedWithPrevious.map((item) => [item.jobId, item.product, item.verifiedWith]).sort()).toEqual([
			[iceJob, 'ice', 'previous'],
			['b2'.repeat(16), 'vod', 'previous'],
		]);
		for (const key of [ICE_AUTH_KEY, PREVIOUS_ICE_AUTH_KEY, VOD_PRIVATE_KEY, PREVIOUS_VOD_PRIVATE_KEY])
			expect(JSON.stringify(signedWithPrevious)).not.toContain(key);
	});

	it('two deliveries of one event at the same moment start one execution (Confirm with the API, its Get slowed)', async () => {
		const jobId = await submitProduction(emulator);
		emulator.clearRequests();
		emulator.faults.add({ type: 'delay', action: 'GetMediaProducingJob', ms: 1500, count: 2 });
		const body = productionEvent(jobId);
		const send = () => emulator.callbacks.send({ product: 'ice', url: confirmingUrl, body });
		const answers = await Promise.all([send(), send()]);
		expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
		const list = await settledExecutions(confirmingWorkflowId, 1);
		expect(list).toHaveLength(1);
		expect((await emittedBy(list[0].id)).map((item) => [item.jobId, item.confirmed])).toEqual([[jobId, true]]);
		expect(emulator.requests.filter((request) => request.action === 'GetMediaProducingJob')).toHaveLength(1);
	});

	it('the callback credential’s Test checks the previous keys like the current ones', async () => {
		const good = await n8n!.testCredential({ id: callbackCredential.id });
		expect(good).toEqual({ status: 'OK', message: 'The keys are well-formed' });
		const bad = await n8n!.testCredential({ id: callbackCredential.id, data: { previousIceAuthKey: 'has-dash' } });
		expect(bad).toEqual({ status: 'Error', message: 'The Previous ICE AuthKey may contain only letters and digits' });
	});
});
