/**
 * Submit and Get Batch Media Producing Job through n8n's engine against the emulator: the configurations on the wire,
 * checks before sending, Wait for Completion with every video listed, a job that failed as a whole, the Media Job
 * Trigger and the Media Event Trigger on BatchProduceMediaComplete.
 */
import type { IDataObject } from 'n8n-workflow';

import type { Emulator } from '../../tools/sandbox/emulator';
import { runWorkflow, serveWebhook } from '../../tools/sandbox/engine';
import {
	AFTER_EVENT,
	callbackKeys,
	EVENT_TRIGGER,
	eventTriggerWorkflow,
	pointCallbacksAt,
} from '../../tools/sandbox/workflows/eventTrigger';
import { TriggerDriver, triggerWorkflow } from '../../tools/sandbox/workflows/jobTrigger';
import { chain, sandboxCredentials, startingWith } from '../../tools/sandbox/workflows/workflows';
import { FAST_CLOCK, suiteEmulators } from '../support/emulators';

const emulators = suiteEmulators({ emulator: {}, fast: FAST_CLOCK });
const SUBMIT = 'Submit Batch Media Producing Job';
const GET = 'Get Batch Media Producing Job';
const MINUTE = 60_000;
const OUT = 'https://media-out.oss-cn-shanghai.aliyuncs.com/promo/spring-{index}.mp4';
const FIELDS = {
	mediaGroups: { group: [{ media: 'c3f8d1a0e2b94f6a8b7c6d5e4f3a2b1c, 0c8f20b48fb04483915d4f2cd8ac1a2b' }] },
	speechTexts: { entry: [{ text: 'Spring is here: 20% off this week.' }] },
	outputMediaUrl: OUT,
	count: 3,
};
const WAIT = { waitForCompletion: true, pollIntervalSeconds: 1 };

function submit(parameters: IDataObject = {}, items: IDataObject[] = [{}], on: Emulator = emulators.emulator) {
	return runWorkflow(
		chain({ name: SUBMIT, type: 'alibabaCloudSubmitBatchMediaProducingJob', parameters: { ...FIELDS, ...parameters } }),
		{ credentials: sandboxCredentials(on), pinData: startingWith(items) },
	);
}

const submissions = (on: Emulator) =>
	on.requests.filter((request) => request.action === 'SubmitBatchMediaProducingJob');

describe('Submit Batch Media Producing Job', () => {
	it('sends the media groups and texts in the form body, the output and a ClientToken in the query: one job per item', async () => {
		const run = await submit(
			{ options: { speechVolume: 1, userData: '={{ JSON.stringify({ order: $json.order }) }}' } },
			[{ order: 'A-1' }, { order: 'A-2' }],
		);
		expect(run.status).toBe('success');
		const [first, second] = submissions(emulators.emulator);
		expect(first.form).toEqual({
			InputConfig: JSON.stringify({
				MediaGroupArray: [{ MediaArray: ['c3f8d1a0e2b94f6a8b7c6d5e4f3a2b1c', '0c8f20b48fb04483915d4f2cd8ac1a2b'] }],
				SpeechTextArray: ['Spring is here: 20% off this week.'],
			}),
			EditingConfig: JSON.stringify({ SpeechConfig: { Volume: 1 } }),
		});
		expect(first.query).toMatchObject({
			OutputConfig: JSON.stringify({ MediaURL: OUT, Count: 3 }),
			UserData: '{"order":"A-1"}',
			ClientToken: expect.stringMatching(/^[0-9a-f]{32}$/),
		});
		expect(second.query.ClientToken).not.toBe(first.query.ClientToken);
		expect(emulators.emulator.jobs.list('batchMediaProducing')).toHaveLength(2);
		expect(run.output(SUBMIT).map((item) => item.JobId)).toEqual(
			emulators.emulator.jobs.list('batchMediaProducing').map((job) => job.jobId),
		);
	});

	it('refuses bad fields before sending anything, naming the field and the item', async () => {
		const run = await submit({ outputMediaUrl: '={{ $json.url }}' }, [
			{ url: OUT },
			{ url: OUT.replace('-{index}', '') },
		]);
		expect(run.status).toBe('error');
		expect(run.nodeError(SUBMIT)?.message).toBe(
			'Output Video URL must contain {index} when more than one video is made [item 1]',
		);
		expect(emulators.emulator.requests).toHaveLength(0);
	});

	it('with Wait for Completion outputs every video the job made, with its URL and media ID', async () => {
		const run = await submit(WAIT, [{}], emulators.fast);
		expect(run.status).toBe('success');
		const [output] = run.output(SUBMIT);
		const [job] = emulators.fast.jobs.list('batchMediaProducing');
		expect(output).toMatchObject({
			jobKind: 'batchMediaProducing',
			jobId: job.jobId,
			status: 'succeeded',
			failedVideos: 0,
		});
		const urls = [0, 1, 2].map((index) => OUT.replace('{index}', String(index)));
		expect(output.videoUrls).toEqual(urls);
		expect((output.videos as IDataObject[]).map((video) => [video.status, video.mediaUrl])).toEqual(
			urls.map((url) => ['succeeded', url]),
		);
		expect(output.submission).toMatchObject({ JobId: job.jobId });
	});

	it('a job that failed as a whole fails its item with the error Alibaba gives (in Extend), and every video failed', async () => {
		emulators.fast.failJobsMatching({
			kind: 'batchMediaProducing',
			code: 'InvalidMaterial.NotFound',
			message: 'No such clip.',
		});
		const run = await runWorkflow(
			chain({
				name: SUBMIT,
				type: 'alibabaCloudSubmitBatchMediaProducingJob',
				onError: 'continueRegularOutput',
				parameters: { ...FIELDS, ...WAIT },
			}),
			{ credentials: sandboxCredentials(emulators.fast), pinData: startingWith([{}]) },
		);
		const [job] = emulators.fast.jobs.list('batchMediaProducing');
		expect(run.output(SUBMIT)[0]).toMatchObject({
			error: `The batch media producing job ${job.jobId} failed: InvalidMaterial.NotFound: No such clip. [item 0]`,
			details: { code: 'InvalidMaterial.NotFound', outcome: 'failed' },
		});
	});
});

describe('Get Batch Media Producing Job', () => {
	it('reads a job by its JobId: running, then finished with its videos', async () => {
		const { JobId } = (await submit()).output(SUBMIT)[0] as { JobId: string };
		const get = async () =>
			(
				await runWorkflow(
					chain({ name: GET, type: 'alibabaCloudGetBatchMediaProducingJob', parameters: { jobId: JobId } }),
					{ credentials: sandboxCredentials(emulators.emulator), pinData: startingWith([{}]) },
				)
			).output(GET)[0];
		expect(await get()).toMatchObject({ status: 'running', finished: false, rawStatus: 'Init', videos: [{}, {}, {}] });
		emulators.emulator.clock.advance(MINUTE);
		const done = await get();
		expect(done).toMatchObject({ status: 'succeeded', rawStatus: 'Finished', finished: true });
		expect(done.videoUrls).toHaveLength(3);
		expect(done.job).toMatchObject({ JobId, Status: 'Finished' });
	});
});

describe('the triggers', () => {
	it('the Media Job Trigger emits each batch job once when it finishes, with its videos', async () => {
		const trigger = new TriggerDriver(
			emulators.emulator,
			triggerWorkflow({ watch: ['batchMediaProducing'], outcomes: ['failed', 'succeeded'] }),
		);
		expect(await trigger.poll()).toEqual([]);
		const run = await submit({}, [{}, {}]);
		const ids = run.output(SUBMIT).map((item) => item.JobId);
		expect(await trigger.poll()).toEqual([]);
		emulators.emulator.clock.advance(MINUTE);
		const emitted = await trigger.poll();
		expect(emitted.map((item) => item.jobId).sort()).toEqual([...ids].sort());
		expect(emitted.every((item) => (item.videoUrls as string[]).length === 3)).toBe(true);
		expect(await trigger.poll()).toEqual([]);
	});

	it('the Media Event Trigger turns BatchProduceMediaComplete into one item, confirmed with GetBatchMediaProducingJob', async () => {
		const emulator = emulators.emulator;
		const served = await serveWebhook(
			eventTriggerWorkflow({
				events: ['BatchProduceMediaComplete'],
				outcomes: ['succeeded', 'failed'],
				confirmWithApi: true,
			}),
			EVENT_TRIGGER,
			{ credentials: { ...callbackKeys(), ...sandboxCredentials(emulator) } },
		);
		try {
			await pointCallbacksAt(emulator, served.url);
			const { JobId } = (await submit()).output(SUBMIT)[0] as { JobId: string };
			emulator.clock.advance(MINUTE);
			await emulator.callbacks.flush();
			await served.settled();
			const runs = await Promise.all(served.calls.flatMap((call) => (call.run ? [call.run] : [])));
			expect(runs).toHaveLength(1);
			expect(runs[0].output(AFTER_EVENT)[0]).toMatchObject({
				eventType: 'BatchProduceMediaComplete',
				jobKind: 'batchMediaProducing',
				jobId: JobId,
				status: 'succeeded',
				confirmed: true,
				videoUrls: [0, 1, 2].map((index) => OUT.replace('{index}', String(index))),
			});
		} finally {
			await served.close();
		}
	});
});
