/**
 * The Media Event Trigger and the resume-URL example in a real n8n 2.41 under `n8n start`: the package installed from
 * its tarball, the trigger's workflow published, the emulator configured with SetEventCallback / SetMessageCallback
 * as the README says, and jobs finished in the emulator, which then calls n8n back like Alibaba. Executions are
 * counted and read through n8n's REST API.
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
	VOD_PRIVATE_KEY,
} from '../../tools/sandbox/workflows/eventTrigger';
import { submitProduction, submitVodTask } from '../support/eventTrigger';
import { ALIBABA_CREDENTIAL, FILES, IDS, loadExample } from '../support/examples';
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
				data: { iceAuthKey: ICE_AUTH_KEY, vodPrivateKey: VOD_PRIVATE_KEY },
			},
		]);
		const trigger = eventTriggerWorkflow({}, webhookId);
		trigger.nodes[0].credentials = {
			alibabaCloudMediaCallbackApi: callbackCredential,
			alibabaCloudApi: ALIBABA_CREDENTIAL,
		};
		await n8n.importWorkflows([
			{ ...trigger, id: triggerWorkflowId, name: 'e2e event trigger' },
			loadExample(FILES.resumeOnCallback),
		]);
		await n8n.publishWorkflow(triggerWorkflowId);

		// Example 6 runs before `n8n start`: its execution submits the job and parks in the Wait node.
		const run = await n8n.execute(IDS.resumeOnCallback);
		expect(run.run?.status).toBe('waiting');
		const [job] = emulator.jobs.list('editing');
		parked = { jobId: job.jobId };

		await n8n.start();
		await n8n.setupOwnerAndLogin();
		productionUrl = `${n8n.url}/webhook/${webhookId}/webhook`;
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
			expect(item).toMatchObject({ status: 'succeeded', finished: true });
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
});
