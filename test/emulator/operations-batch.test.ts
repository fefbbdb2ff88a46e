import { startWebhookSink } from '../../tools/sandbox/sinks/webhook-sink';
import { callSdk } from '../../tools/sandbox/emulator/sdkClient';
import { emulatorOperationsSuite, json } from '../support/emulatorOperations';

const { emulators, client, expectError } = emulatorOperationsSuite();

const INPUT = json({ MediaGroupArray: [{ MediaArray: ['media-1', 'media-2'] }], SpeechTextArray: ['Hello'] });
const OUTPUT = json({ MediaURL: 'https://bucket.oss-cn-shanghai.aliyuncs.com/batch/promo-{index}.mp4', Count: 3 });

/** The configurations go in the form body (pitfall batch-media-producing-configs-in-form-body). */
const submit = (query: Record<string, string> = {}, form: Record<string, string> = { InputConfig: INPUT }) =>
	callSdk(client(), 'SubmitBatchMediaProducingJob', { OutputConfig: OUTPUT, ...query }, form);
const get = async (JobId: string) => (await callSdk(client(), 'GetBatchMediaProducingJob', { JobId })).EditingBatchJob;

describe('batch production', () => {
	it('answers the JobId; Get follows Init → Processing → Finished with one sub-job per video and its URL', async () => {
		const { JobId } = await submit();
		const seen: Array<[string, string[]]> = [];
		for (const step of [0, 2_000, 58_000]) {
			emulators.emulator.clock.advance(step);
			const job = await get(JobId);
			seen.push([job.Status, job.SubJobList.map((sub: any) => sub.Status)]);
		}
		expect(seen).toEqual([
			['Init', ['Init', 'Init', 'Init']],
			['Processing', ['Processing', 'Processing', 'Processing']],
			['Finished', ['Success', 'Success', 'Success']],
		]);
		const done = await get(JobId);
		expect(done).toMatchObject({ JobType: 'Script', CompleteTime: '2026-01-10T08:01:00Z', Extend: '{}' });
		expect(done.SubJobList.map((sub: any) => sub.MediaURL)).toEqual(
			[0, 1, 2].map((index) => `https://bucket.oss-cn-shanghai.aliyuncs.com/batch/promo-${index}.mp4`),
		);
		expect(JSON.parse(done.InputConfig)).toEqual(JSON.parse(INPUT));
	});

	it('a job failed as a whole is Finished in Get (its Status has no Failed) with the error in Extend, Failed in the list', async () => {
		emulators.emulator.failJobsMatching({
			kind: 'batchMediaProducing',
			code: 'InvalidMaterial.NotFound',
			message: 'No such clip.',
		});
		const { JobId } = await submit();
		emulators.emulator.clock.advance(60_000);
		const job = await get(JobId);
		expect(job.Status).toBe('Finished');
		expect(JSON.parse(job.Extend)).toEqual({ ErrorCode: 'InvalidMaterial.NotFound', ErrorMessage: 'No such clip.' });
		expect(job.SubJobList.map((sub: any) => [sub.Status, sub.ErrorCode])).toEqual([
			['Failed', 'InvalidMaterial.NotFound'],
			['Failed', 'InvalidMaterial.NotFound'],
			['Failed', 'InvalidMaterial.NotFound'],
		]);
		const list = await callSdk(client(), 'ListBatchMediaProducingJobs', { Status: 'Failed' });
		expect(list.EditingBatchJobList.map((item: any) => [item.JobId, item.Status, item.Extend])).toEqual([
			[JobId, 'Failed', '{}'],
		]);
		expect(list.EditingBatchJobList[0]).not.toHaveProperty('SubJobList');
	});

	it('the same ClientToken answers the same job; the list pages with MaxResults and NextToken, newest first', async () => {
		const first = await submit({ ClientToken: 'batch-1' });
		expect((await submit({ ClientToken: 'batch-1' })).JobId).toBe(first.JobId);
		for (let index = 0; index < 3; index++) {
			emulators.emulator.clock.advance(1_000);
			await submit();
		}
		const page1 = await callSdk(client(), 'ListBatchMediaProducingJobs', { MaxResults: '3' });
		expect(page1).toMatchObject({ MaxResults: 3, NextToken: expect.any(String) });
		const page2 = await callSdk(client(), 'ListBatchMediaProducingJobs', {
			MaxResults: '3',
			NextToken: page1.NextToken,
		});
		expect(page2.EditingBatchJobList.map((item: any) => item.JobId)).toEqual([first.JobId]);
		expect(page2).not.toHaveProperty('NextToken');
	});

	it('refuses what the service cannot produce from: no media, a count out of range, no output URL', async () => {
		await expectError('SubmitBatchMediaProducingJob', { OutputConfig: OUTPUT }, 'InvalidParameter', 'media', {
			InputConfig: json({ MediaGroupArray: [{ MediaArray: [] }] }),
		});
		await expectError(
			'SubmitBatchMediaProducingJob',
			{ OutputConfig: json({ MediaURL: 'https://bucket.oss-cn-shanghai.aliyuncs.com/o-{index}.mp4', Count: 101 }) },
			'InvalidParameter',
			'OutputConfig.Count',
			{ InputConfig: INPUT },
		);
		await expectError(
			'SubmitBatchMediaProducingJob',
			{ OutputConfig: json({ Count: 2 }) },
			'InvalidParameter',
			'MediaURL',
			{
				InputConfig: INPUT,
			},
		);
		await expectError('GetBatchMediaProducingJob', { JobId: 'nope' }, 'ResourceNotFound');
		expect(emulators.emulator.jobs.list('batchMediaProducing')).toHaveLength(0);
	});

	it('its end sends BatchProduceMediaComplete to the NotifyAddress of its UserData', async () => {
		const sink = await startWebhookSink();
		try {
			const { JobId } = await submit({ UserData: json({ NotifyAddress: `${sink.url}/batch-done` }) });
			emulators.emulator.clock.advance(60_000);
			await emulators.emulator.callbacks.flush();
			const [delivery] = emulators.emulator.callbacks.deliveries;
			expect(JSON.parse(delivery.body)).toMatchObject({
				EventType: 'BatchProduceMediaComplete',
				MessageBody: { Status: 'Finished', JobId },
			});
		} finally {
			await sink.stop();
		}
	});
});
