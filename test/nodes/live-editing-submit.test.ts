import type { IDataObject } from 'n8n-workflow';

import { runWorkflow } from '../../tools/sandbox/engine';
import { chain, sandboxCredentials, startingWith } from '../../tools/sandbox/workflows/workflows';
import { GET, ITEM, liveEditingSuite, minimal, OUT, SUBMIT } from '../support/liveEditing';

const { emulators, run } = liveEditingSuite();

describe('Submit Live Editing Job: wire parameters', () => {
	it('minimal configuration: Clips, LiveStreamConfig, MediaProduceConfig {Mode: AccurateFast}, the output, nothing else', async () => {
		const result = await run(minimal());
		expect(result.status).toBe('success');
		const [request] = emulators.emulator.requests;
		expect(request).toMatchObject({
			action: 'SubmitLiveEditingJob',
			version: '2020-11-09',
			method: 'POST',
			status: 200,
		});
		expect(request.query).toEqual({
			Clips: '[{"StartTime":"2021-06-21T08:01:00Z","EndTime":"2021-06-21T08:03:00Z"}]',
			LiveStreamConfig: '{"AppName":"live","DomainName":"live.example.com","StreamName":"studio-1"}',
			MediaProduceConfig: '{"Mode":"AccurateFast"}',
			OutputMediaTarget: 'oss-object',
			OutputMediaConfig: `{"MediaURL":"${OUT}"}`,
		});
		expect(request.rawBody).toBe('');

		const [output] = result.output(SUBMIT);
		const [job] = emulators.emulator.jobs.list('liveEditing');
		expect(output).toEqual({
			RequestId: request.requestId,
			JobId: job.jobId,
			ProjectId: expect.any(String),
			MediaId: expect.any(String),
			MediaURL: OUT,
		});
	});

	it('full configuration: clips with their own streams and cover, Accurate with a size, a VOD output, project, user data', async () => {
		const result = await run(
			minimal({
				clips: {
					clip: [
						{
							startTime: '2021-06-21T08:01:00Z',
							endTime: '2021-06-21T08:03:00Z',
							appName: 'live',
							domainName: 'live.example.com',
							streamName: 'camera-2',
							coverTime: '2021-06-21T08:02:30Z',
							coverUrl: 'https://media-out.oss-cn-shanghai.aliyuncs.com/live/cover.jpg',
						},
						{ startTime: '2021-06-21T08:05:00Z', endTime: '2021-06-21T08:09:00Z', streamName: 'camera-3' },
						{ startTime: '2021-06-21T08:10:00Z', endTime: '2021-06-21T08:11:00Z' },
					],
				},
				mode: 'Accurate',
				outputSize: { width: 1280, height: 720 },
				outputTarget: 'vod-media',
				outputStorageLocation: 'outin-0123456789.oss-cn-shanghai.aliyuncs.com',
				outputFileName: 'highlights.mp4',
				outputSettings: { vodTemplateGroupId: 'VOD_NO_TRANSCODE' },
				projectId: 'fddd7748b58bf1d47e95a1b2c3d4e5f6',
				options: { userData: '{"ticket":"OPS-42","lang":"中文"}', timeout: 20 },
			}),
		);
		expect(result.status).toBe('success');
		expect(emulators.emulator.requests).toHaveLength(1);
		expect(emulators.emulator.requests[0].query).toEqual({
			Clips:
				'[{"StartTime":"2021-06-21T08:01:00Z","EndTime":"2021-06-21T08:03:00Z","AppName":"live","DomainName":"live.example.com","StreamName":"camera-2","CoverTime":"2021-06-21T08:02:30Z","CoverUrl":"https://media-out.oss-cn-shanghai.aliyuncs.com/live/cover.jpg"},' +
				'{"StartTime":"2021-06-21T08:05:00Z","EndTime":"2021-06-21T08:09:00Z","StreamName":"camera-3"},' +
				'{"StartTime":"2021-06-21T08:10:00Z","EndTime":"2021-06-21T08:11:00Z"}]',
			LiveStreamConfig: '{"AppName":"live","DomainName":"live.example.com","StreamName":"studio-1"}',
			MediaProduceConfig: '{"Mode":"Accurate"}',
			OutputMediaTarget: 'vod-media',
			OutputMediaConfig:
				'{"StorageLocation":"outin-0123456789.oss-cn-shanghai.aliyuncs.com","FileName":"highlights.mp4","VodTemplateGroupId":"VOD_NO_TRANSCODE","Width":1280,"Height":720}',
			ProjectId: 'fddd7748b58bf1d47e95a1b2c3d4e5f6',
			UserData: '{"ticket":"OPS-42","lang":"中文"}',
		});
		expect(result.output(SUBMIT)[0]).toMatchObject({
			ProjectId: 'fddd7748b58bf1d47e95a1b2c3d4e5f6',
			VodMediaId: expect.any(String),
		});
	});

	it('clips without Live Stream Config when every clip names its stream; Rough with only a height', async () => {
		const result = await run({
			clips: {
				clip: [
					{
						startTime: '2021-06-21T08:01:00Z',
						endTime: '2021-06-21T08:02:00Z',
						appName: 'live',
						domainName: 'd.example.com',
						streamName: 's1',
					},
					{
						startTime: '2021-06-21T08:03:00Z',
						endTime: '2021-06-21T08:04:00Z',
						appName: 'live',
						domainName: 'd.example.com',
						streamName: 's2',
					},
				],
			},
			mode: 'Rough',
			outputSize: { height: 720 },
			outputMediaUrl: OUT,
		});
		expect(result.status).toBe('success');
		expect(emulators.emulator.requests[0].query).toEqual({
			Clips:
				'[{"StartTime":"2021-06-21T08:01:00Z","EndTime":"2021-06-21T08:02:00Z","AppName":"live","DomainName":"d.example.com","StreamName":"s1"},' +
				'{"StartTime":"2021-06-21T08:03:00Z","EndTime":"2021-06-21T08:04:00Z","AppName":"live","DomainName":"d.example.com","StreamName":"s2"}]',
			MediaProduceConfig: '{"Mode":"Rough"}',
			OutputMediaTarget: 'oss-object',
			OutputMediaConfig: `{"MediaURL":"${OUT}","Height":720}`,
		});
	});

	it('clips from JSON: times normalized, blank stream keys left to Live Stream Config, other keys kept as written', async () => {
		const clipsJson = JSON.stringify([
			{
				StartTime: ' 2021-06-21T08:01:00.250Z',
				EndTime: '2021-06-21T08:03:00+00:00',
				AppName: '',
				StreamName: 'camera-2',
			},
			{
				StartTime: '2021-06-21T08:05:00Z',
				EndTime: '2021-06-21T08:09:00Z',
				CoverTime: '2021-06-21T08:06:00Z',
				Extra: 1,
			},
		]);
		const result = await run(minimal({ clipsDefinition: 'json', clipsJson, mode: 'RoughFast', clips: undefined }));
		expect(result.status).toBe('success');
		expect(emulators.emulator.requests[0].query.Clips).toBe(
			'[{"StartTime":"2021-06-21T08:01:00Z","EndTime":"2021-06-21T08:03:00Z","StreamName":"camera-2"},' +
				'{"StartTime":"2021-06-21T08:05:00Z","EndTime":"2021-06-21T08:09:00Z","CoverTime":"2021-06-21T08:06:00Z","Extra":1}]',
		);
		expect(emulators.emulator.requests[0].query.MediaProduceConfig).toBe('{"Mode":"RoughFast"}');
	});

	it('clips from a JSON expression (an array from the item) and times from n8n DateTime expressions, cut to seconds', async () => {
		const clips = [{ StartTime: '2021-06-21T08:01:00Z', EndTime: '2021-06-21T08:02:00Z' }];
		const fromJson = await run(minimal({ clipsDefinition: 'json', clipsJson: '={{ $json.clips }}' }), [
			{ ...ITEM, clips },
		]);
		expect(fromJson.status).toBe('success');
		expect(emulators.emulator.requests[0].query.Clips).toBe(JSON.stringify(clips));

		const fromDates = await run(
			minimal({
				clips: {
					clip: [
						{
							startTime: "={{ DateTime.fromISO('2021-06-21T10:01:00.789+02:00').toUTC().toISO() }}",
							endTime: "={{ DateTime.fromISO('2021-06-21T10:03:00.001+02:00').toUTC() }}",
						},
					],
				},
			}),
		);
		expect(fromDates.status).toBe('success');
		expect(emulators.emulator.requests[1].query.Clips).toBe(
			'[{"StartTime":"2021-06-21T08:01:00Z","EndTime":"2021-06-21T08:03:00Z"}]',
		);

		// Without .toUTC(), n8n writes a DateTime in the workflow's time zone: refused with the fix named.
		const local = await run(
			minimal({
				clips: {
					clip: [{ startTime: '={{ $json.start }}', endTime: "={{ DateTime.fromISO('2021-06-21T10:03:00+02:00') }}" }],
				},
			}),
		);
		expect(local.nodeError(SUBMIT)?.message).toMatch(
			/^Clips › Clip 1 › End Time must be in UTC, ending in Z \(got "2021-06-21T\d\d:03:00\.000[+-]\d\d:\d\d"\); in an expression add \.toUTC\(\)/,
		);
		expect(emulators.emulator.requests).toHaveLength(2);
	});

	it('a Width left in the workflow JSON while Mode is a fixed AccurateFast is dropped by n8n, never sent', async () => {
		const result = await run(minimal({ mode: 'AccurateFast', outputSize: { width: 1280 } }));
		expect(result.status).toBe('success');
		expect(emulators.emulator.requests[0].query.MediaProduceConfig).toBe('{"Mode":"AccurateFast"}');
	});
});

describe('Wait for Completion', () => {
	const waiting = (extra: IDataObject = {}) => minimal({ waitForCompletion: true, pollIntervalSeconds: 1, ...extra });

	it('returns the terminal job, normalized, with the submission', async () => {
		const result = await run(waiting(), [ITEM], emulators.fast);
		expect(result.status).toBe('success');
		const [output] = result.output(SUBMIT);
		const submission = output.submission as IDataObject;
		expect(output).toMatchObject({
			jobKind: 'liveEditing',
			jobId: submission.JobId,
			status: 'succeeded',
			finished: true,
			rawStatus: 'Success',
			outputUrl: OUT,
			mediaId: submission.MediaId,
			job: { JobId: submission.JobId, Status: 'Success', MediaURL: OUT },
		});
		const actions = emulators.fast.requests.map((request) => request.action);
		expect(actions[0]).toBe('SubmitLiveEditingJob');
		expect(actions.length).toBeGreaterThan(1);
		expect(actions.slice(1).every((action) => action === 'GetLiveEditingJob')).toBe(true);
	});

	it('to a VOD asset: the finished job carries the VOD media ID of the submission (GetLiveEditingJob has none)', async () => {
		const result = await run(
			waiting({
				outputTarget: 'vod-media',
				outputStorageLocation: 'outin-1.oss-cn-shanghai.aliyuncs.com',
				outputFileName: 'a.mp4',
			}),
			[ITEM],
			emulators.fast,
		);
		const [output] = result.output(SUBMIT);
		const submission = output.submission as IDataObject;
		expect(submission.VodMediaId).toMatch(/^[0-9a-f]{32}$/);
		expect(output).toMatchObject({ status: 'succeeded', vodMediaId: submission.VodMediaId });
		expect(output.job).not.toHaveProperty('VodMediaId');
	});

	it('a job that fails raises the job’s own Code and Message for its item', async () => {
		emulators.fast.failJobsMatching({
			kind: 'liveEditing',
			code: 'LiveStreamNotRecorded',
			message: 'No recording in the time range.',
		});
		const result = await run(waiting(), [ITEM], emulators.fast);
		const [job] = emulators.fast.jobs.list('liveEditing');
		expect(result.status).toBe('error');
		expect(result.nodeError(SUBMIT)?.message).toBe(
			`The live editing job ${job.jobId} failed: LiveStreamNotRecorded: No recording in the time range. [item 0]`,
		);
		expect(result.nodeError(SUBMIT)?.context).toMatchObject({
			code: 'LiveStreamNotRecorded',
			jobId: job.jobId,
			status: 'failed',
		});
	});

	it('running out of time reports the JobId of the job that keeps running', async () => {
		const result = await run(waiting({ maxWaitMinutes: 0.05 }), [ITEM], emulators.emulator);
		const [job] = emulators.emulator.jobs.list('liveEditing');
		const error = result.nodeError(SUBMIT);
		expect(error?.message).toMatch(
			new RegExp(`^The live editing job ${job.jobId} is still running after 3 s \\(status Init\\) \\[item 0\\]$`),
		);
		expect(error?.context).toMatchObject({ jobId: job.jobId, status: 'running' });
		expect(error?.description).toContain('keeps running in Alibaba Cloud');
	});
});

describe('Get Live Editing Job', () => {
	const get = (onError?: 'continueRegularOutput') =>
		chain({ name: GET, type: 'alibabaCloudGetLiveEditingJob', parameters: { jobId: '={{ $json.JobId }}' }, onError });

	async function submittedJob(): Promise<IDataObject> {
		const result = await run(minimal({ options: { userData: '{"ticket":"OPS-42"}' } }));
		return result.output(SUBMIT)[0];
	}

	it('returns normalized fields beside the raw job: running, then succeeded with the output', async () => {
		const submitted = await submittedJob();
		const read = async () =>
			runWorkflow(get(), {
				credentials: sandboxCredentials(emulators.emulator),
				pinData: startingWith([{ JobId: submitted.JobId }]),
			});

		const running = await read();
		expect(emulators.emulator.requests.at(-1)?.query).toEqual({ JobId: submitted.JobId });
		expect(running.output(GET)[0]).toMatchObject({
			jobKind: 'liveEditing',
			jobId: submitted.JobId,
			status: 'running',
			finished: false,
			rawStatus: 'Init',
			requestId: emulators.emulator.requests.at(-1)?.requestId,
		});

		emulators.emulator.clock.advance(10 * 60_000);
		const done = (await read()).output(GET)[0];
		expect(done).toMatchObject({
			jobKind: 'liveEditing',
			jobId: submitted.JobId,
			status: 'succeeded',
			finished: true,
			rawStatus: 'Success',
			outputUrl: OUT,
			mediaId: submitted.MediaId,
			createdAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/),
			finishedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/),
			job: {
				JobId: submitted.JobId,
				Status: 'Success',
				Clips: '[{"StartTime":"2021-06-21T08:01:00Z","EndTime":"2021-06-21T08:03:00Z"}]',
				LiveStreamConfig: { AppName: 'live', DomainName: 'live.example.com', StreamName: 'studio-1' },
				MediaProduceConfig: { Mode: 'AccurateFast' },
				UserData: '{"ticket":"OPS-42"}',
			},
		});
		expect(done).not.toHaveProperty('errorCode');
	});

	it('a failed job: errorCode and errorMessage; GetLiveEditingJob has no VodMediaId, so none is made up', async () => {
		const result = await run(
			minimal({
				outputTarget: 'vod-media',
				outputStorageLocation: 'outin-1.oss-cn-shanghai.aliyuncs.com',
				outputFileName: 'a.mp4',
			}),
		);
		const submitted = result.output(SUBMIT)[0];
		emulators.emulator.failJob(submitted.JobId as string, 'LiveStreamNotRecorded', 'No recording in the time range.');
		const read = await runWorkflow(get(), {
			credentials: sandboxCredentials(emulators.emulator),
			pinData: startingWith([{ JobId: submitted.JobId }]),
		});
		expect(read.output(GET)[0]).toMatchObject({
			status: 'failed',
			finished: true,
			rawStatus: 'Failed',
			errorCode: 'LiveStreamNotRecorded',
			errorMessage: 'No recording in the time range.',
			job: { Code: 'LiveStreamNotRecorded', Status: 'Failed' },
		});
		expect(submitted.VodMediaId).toEqual(expect.any(String));
		expect(read.output(GET)[0]).not.toHaveProperty('vodMediaId');
	});

	it('requires a Job ID; with continueOnFail an unknown job is an error item between good ones', async () => {
		const empty = await runWorkflow(get(), {
			credentials: sandboxCredentials(emulators.emulator),
			pinData: startingWith([{ JobId: ' ' }]),
		});
		expect(empty.nodeError(GET)?.message).toBe('Job ID is required but empty [item 0]');
		expect(emulators.emulator.requests).toHaveLength(0);

		const submitted = await submittedJob();
		const read = await runWorkflow(get('continueRegularOutput'), {
			credentials: sandboxCredentials(emulators.emulator),
			pinData: startingWith([
				{ JobId: submitted.JobId },
				{ JobId: '00000000000000000000000000000000' },
				{ JobId: submitted.JobId },
			]),
		});
		const outputs = read.items(GET);
		expect(outputs.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(outputs[0].json.jobId).toBe(submitted.JobId);
		expect(outputs[1].json.error).toMatch(/^GetLiveEditingJob failed: ResourceNotFound: .*\(RequestId: /);
		expect(outputs[1].json.details).toMatchObject({ code: 'ResourceNotFound' });
		expect(outputs[2].json.jobId).toBe(submitted.JobId);
	});
});
