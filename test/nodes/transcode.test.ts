/**
 * Submit Transcode Job and Get Transcode Job through n8n's engine against the emulator: what goes on the wire in
 * Fields and JSON mode, what is refused before anything is sent, Wait for Completion (the outputs, one per sub-job,
 * with their files' facts), the Get node, and the Media Job Trigger watching transcoding jobs.
 */
import type { IDataObject } from 'n8n-workflow';

import { startEmulator } from '../../tools/sandbox/emulator';
import { runWorkflow } from '../../tools/sandbox/engine';
import { TriggerDriver, triggerWorkflow } from '../../tools/sandbox/workflows/jobTrigger';
import { chain, sandboxCredentials, startingWith } from '../../tools/sandbox/workflows/workflows';
import { FAST_CLOCK, suiteEmulators } from '../support/emulators';

const SUBMIT = 'Submit Transcode Job';
const GET = 'Get Transcode Job';
const TEMPLATE = 'S00000001-200030';
const ITEM = { source: 'oss://media-in/trailer.mp4', target: 'oss://media-out/trailer-720p.mp4' };

const emulators = suiteEmulators({ emulator: {}, fast: FAST_CLOCK });

function fieldsParameters(overrides: IDataObject = {}): IDataObject {
	return {
		inputs: { input: [{ type: 'OSS', media: '={{ $json.source }}' }] },
		outputs: { output: [{ type: 'OSS', media: '={{ $json.target }}', templateId: TEMPLATE }] },
		...overrides,
	};
}

function submit(
	parameters: IDataObject,
	items: IDataObject[] = [ITEM],
	on = emulators.emulator,
	onError?: 'continueRegularOutput',
) {
	return runWorkflow(chain({ name: SUBMIT, type: 'alibabaCloudSubmitTranscodeJob', parameters, onError }), {
		credentials: sandboxCredentials(on),
		pinData: startingWith(items),
	});
}

const parsed = (text: unknown) => JSON.parse(String(text)) as unknown;

describe('Fields mode', () => {
	it('sends InputGroup and OutputGroup as JSON arrays, the overrides as JSON strings, a ClientToken per item, nothing in the body', async () => {
		const run = await submit(
			fieldsParameters({
				outputs: {
					output: [
						{
							type: 'OSS',
							media: '={{ $json.target }}',
							templateId: TEMPLATE,
							overrides: {
								containerFormat: 'mp4',
								videoCodec: 'H.264',
								width: 1280,
								height: 720,
								videoBitrate: 2000,
								frameRate: 29.97,
								audioCodec: 'AAC',
								audioBitrate: 96,
							},
						},
						{
							type: 'Media',
							media: 'c3f8d1a0e2b94f6a8b7c6d5e4f3a2b1c',
							outputUrl: 'oss://media-out/transcode/{MediaId}/{JobId}.m3u8',
							templateId: 'S00000001-100020',
						},
					],
				},
				options: {
					jobName: 'trailer',
					pipelineId: 'e37ebee5d98b4781897f6086e89f9c56',
					priority: 8,
					userData: '{"ticket":"OPS-42","lang":"中文"}',
				},
			}),
		);
		expect(run.status).toBe('success');

		const [request] = emulators.emulator.requests;
		expect(request).toMatchObject({ action: 'SubmitTranscodeJob', version: '2020-11-09', method: 'POST', status: 200 });
		expect(Object.keys(request.query).sort()).toEqual(
			['ClientToken', 'InputGroup', 'Name', 'OutputGroup', 'ScheduleConfig', 'UserData'].sort(),
		);
		expect(request.query).toMatchObject({
			Name: 'trailer',
			ScheduleConfig: '{"PipelineId":"e37ebee5d98b4781897f6086e89f9c56","Priority":8}',
			UserData: '{"ticket":"OPS-42","lang":"中文"}',
			ClientToken: expect.stringMatching(/^[\x21-\x7e]{1,64}$/),
		});
		expect(parsed(request.query.InputGroup)).toEqual([{ Type: 'OSS', Media: ITEM.source }]);
		expect(parsed(request.query.OutputGroup)).toEqual([
			{
				Output: { Type: 'OSS', Media: ITEM.target },
				ProcessConfig: {
					Transcode: {
						TemplateId: TEMPLATE,
						OverwriteParams: {
							Container: { Format: 'mp4' },
							Video: { Codec: 'H.264', Width: '1280', Height: '720', Bitrate: '2000', Fps: '29.97' },
							Audio: { Codec: 'AAC', Bitrate: '96' },
						},
					},
				},
			},
			{
				Output: {
					Type: 'Media',
					Media: 'c3f8d1a0e2b94f6a8b7c6d5e4f3a2b1c',
					OutputUrl: 'oss://media-out/transcode/{MediaId}/{JobId}.m3u8',
				},
				ProcessConfig: { Transcode: { TemplateId: 'S00000001-100020' } },
			},
		]);
		expect(request.rawBody).toBe('');

		const [job] = emulators.emulator.jobs.list('transcode');
		const [submitted] = run.output(SUBMIT);
		expect(submitted.TranscodeParentJob).toMatchObject({ ParentJobId: job.jobId, JobCount: 2, Name: 'trailer' });
	});

	it('one job per item, each with its own ClientToken; a Client Token of one’s own is sent as given', async () => {
		const items = [1, 2, 3].map((count) => ({
			...ITEM,
			target: `oss://media-out/ep${count}.mp4`,
			order: `A-${count}`,
		}));
		const run = await submit(fieldsParameters({ options: { idempotencyKey: '={{ $json.order }}' } }), items);
		expect(run.status).toBe('success');
		expect(emulators.emulator.requests.map((request) => request.query.ClientToken)).toEqual(['A-1', 'A-2', 'A-3']);
		expect(emulators.emulator.jobs.list('transcode')).toHaveLength(3);
		expect(run.items(SUBMIT).map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);

		emulators.emulator.clearRequests();
		await submit(fieldsParameters(), items);
		const tokens = emulators.emulator.requests.map((request) => request.query.ClientToken);
		expect(new Set(tokens).size).toBe(3);
	});

	it('a resent submission (connection reset after the job was created) is answered with the same job: one job', async () => {
		emulators.emulator.faults.add({ type: 'reset', action: 'SubmitTranscodeJob', count: 1, afterEffect: true });
		const run = await submit(fieldsParameters());
		expect(run.status).toBe('success');
		const submissions = emulators.emulator.requests.filter((request) => request.action === 'SubmitTranscodeJob');
		expect(submissions).toHaveLength(2);
		expect(submissions[1].query.ClientToken).toBe(submissions[0].query.ClientToken);
		const jobs = emulators.emulator.jobs.list('transcode');
		expect(jobs).toHaveLength(1);
		expect((run.output(SUBMIT)[0].TranscodeParentJob as IDataObject).ParentJobId).toBe(jobs[0].jobId);
	});
});

describe('JSON mode', () => {
	it('sends the groups as given, watermarks and integers included', async () => {
		const inputGroup = [
			{ Type: 'Media', Media: 'c3f8d1a0e2b94f6a8b7c6d5e4f3a2b1c', InputUrl: 'oss://media-in/a/b.mp4' },
		];
		const outputGroup = [
			{
				Output: { Type: 'OSS', Media: 'oss://media-out/out.mp4' },
				ProcessConfig: {
					Transcode: {
						TemplateId: TEMPLATE,
						OverwriteParams: { Video: { Width: '1920', Profile: 'high' }, TransConfig: { TransMode: 'onepass' } },
					},
					TextWatermarks: [{ TemplateId: 'wm-1', OverwriteParams: { Content: 'demo', FontSize: 16 } }],
				},
			},
		];
		const run = await submit({
			jobDefinition: 'json',
			inputGroupJson: JSON.stringify(inputGroup),
			outputGroupJson: JSON.stringify(outputGroup, null, 2),
		});
		expect(run.status).toBe('success');
		const [request] = emulators.emulator.requests;
		expect(parsed(request.query.InputGroup)).toEqual(inputGroup);
		expect(parsed(request.query.OutputGroup)).toEqual(outputGroup);
		expect(emulators.emulator.jobs.list('transcode')).toHaveLength(1);
	});

	it('takes the groups from an expression as objects too', async () => {
		const run = await submit(
			{
				jobDefinition: 'json',
				inputGroupJson: '={{ [{ Type: "OSS", Media: $json.source }] }}',
				outputGroupJson:
					'={{ [{ Output: { Type: "OSS", Media: $json.target }, ProcessConfig: { Transcode: { TemplateId: "' +
					TEMPLATE +
					'" } } }] }}',
			},
			[ITEM],
		);
		expect(run.status).toBe('success');
		expect(parsed(emulators.emulator.requests[0].query.InputGroup)).toEqual([{ Type: 'OSS', Media: ITEM.source }]);
	});
});

const OUTPUT_JSON = (processConfig: IDataObject, output: IDataObject = { Type: 'OSS', Media: 'oss://b/o.mp4' }) =>
	JSON.stringify([{ Output: output, ProcessConfig: processConfig }]);
const JSON_MODE = (outputGroupJson: string, inputGroupJson = '[{"Type":"OSS","Media":"oss://b/i.mp4"}]') => ({
	jobDefinition: 'json',
	inputGroupJson,
	outputGroupJson,
});
const output = (values: IDataObject) => ({
	outputs: { output: [{ type: 'OSS', media: 'oss://b/o.mp4', templateId: TEMPLATE, ...values }] },
});

describe('validation before any request', () => {
	const invalid: Array<[string, IDataObject, RegExp]> = [
		['no input', { inputs: { input: [] } }, /^Inputs needs at least one input \[item 0\]$/],
		[
			'an OSS input that is no OSS URL',
			{ inputs: { input: [{ type: 'OSS', media: 's3://b/in.mp4' }] } },
			/^Inputs › Input 1 › Media must be an OSS object/,
		],
		[
			'an Input URL for an OSS input',
			{ inputs: { input: [{ type: 'OSS', media: 'oss://b/i.mp4', inputUrl: 'oss://b/x.mp4' }] } },
			/^Inputs › Input 1 › Input URL only applies to a media asset/,
		],
		['no output', { outputs: { output: [] } }, /^Outputs needs at least one output \[item 0\]$/],
		['an empty Template ID', output({ templateId: ' ' }), /^Outputs › Output 1 › Template ID is required but empty/],
		[
			'an empty Output Media',
			output({ media: '={{ $json.nothing }}' }),
			/^Outputs › Output 1 › Output Media is required but empty \[item 0\]$/,
		],
		[
			'an Output URL without {JobId}',
			output({ type: 'Media', media: 'm1', outputUrl: 'oss://b/{MediaId}/out.mp4' }),
			/^Outputs › Output 1 › Output URL must contain the placeholders \{MediaId\} and \{JobId\}/,
		],
		[
			'Width 100',
			output({ overrides: { width: 100 } }),
			/^Outputs › Output 1 › Overrides › Width must be a whole number from 128 to 4096 \(got 100\) \[item 0\]$/,
		],
		['Height 5000', output({ overrides: { height: 5000 } }), /^Outputs › Output 1 › Overrides › Height must be/],
		[
			'Video Bitrate 60000',
			output({ overrides: { videoBitrate: 60000 } }),
			/^Outputs › Output 1 › Overrides › Video Bitrate \(Kbit\/s\) must be a whole number from 10 to 50000/,
		],
		['Frame Rate 0', output({ overrides: { frameRate: 0 } }), /^Outputs › Output 1 › Overrides › Frame Rate must be/],
		[
			'Audio Bitrate 2000',
			output({ overrides: { audioBitrate: 2000 } }),
			/^Outputs › Output 1 › Overrides › Audio Bitrate \(Kbit\/s\) must be a whole number from 8 to 1000/,
		],
		[
			'Audio Codec OPUS',
			output({ overrides: { audioCodec: '={{ "OPUS" }}' } }),
			/^Outputs › Output 1 › Overrides › Audio Codec must be one of AAC, MP3, VORBIS, FLAC/,
		],
		['Priority 11', { options: { priority: 11 } }, /^Priority must be a whole number from 1 to 10 \(got 11\)/],
		['User Data that is no JSON object', { options: { userData: 'hello' } }, /^User Data is not valid JSON/],
		[
			'User Data over 512 bytes',
			{ options: { userData: `{"a":"${'界'.repeat(170)}"}` } },
			/^User Data must be at most 512 bytes \(got 518 bytes\) \[item 0\]$/,
		],
		[
			'a Client Token that is not ASCII',
			{ options: { idempotencyKey: 'auftrag-ä' } },
			/^Client Token must contain only printable ASCII/,
		],
		['JSON that does not parse', JSON_MODE('[{'), /^Output Group \(JSON\) is not valid JSON/],
		['an object instead of an array', JSON_MODE('{"Output":{}}'), /^Output Group \(JSON\) must be a JSON array/],
		['an empty group', JSON_MODE('[]'), /^Output Group \(JSON\) needs at least one output \[item 0\]$/],
		[
			'a field the API does not know',
			JSON_MODE(
				OUTPUT_JSON({ Transcode: { TemplateId: TEMPLATE, OverwriteParams: { Video: { Resolution: '720p' } } } }),
			),
			/^Output Group \(JSON\) › Output 1 › ProcessConfig › Transcode › OverwriteParams › Video › Resolution is not a field the API knows here/,
		],
		[
			'no TemplateId',
			JSON_MODE(OUTPUT_JSON({ Transcode: { OverwriteParams: {} } })),
			/^Output Group \(JSON\) › Output 1 › ProcessConfig › Transcode › TemplateId is required but missing \[item 0\]$/,
		],
		[
			'no ProcessConfig.Transcode',
			JSON_MODE(OUTPUT_JSON({})),
			/^Output Group \(JSON\) › Output 1 › ProcessConfig › Transcode is required but missing/,
		],
		[
			'a number where the API takes text',
			JSON_MODE(OUTPUT_JSON({ Transcode: { TemplateId: TEMPLATE, OverwriteParams: { Video: { Width: 1280 } } } })),
			/^Output Group \(JSON\) › Output 1 › ProcessConfig › Transcode › OverwriteParams › Video › Width must be a JSON string, e\.g\. "1280"/,
		],
		[
			'a value outside the stated ones',
			JSON_MODE(OUTPUT_JSON({ Transcode: { TemplateId: TEMPLATE, OverwriteParams: { Video: { Profile: 'Main' } } } })),
			/› Video › Profile must be one of baseline, main, high \(got "Main"\)/,
		],
		[
			'text where the API takes an integer',
			JSON_MODE(
				OUTPUT_JSON({
					Transcode: { TemplateId: TEMPLATE },
					TextWatermarks: [{ TemplateId: 'wm', OverwriteParams: { FontSize: '16' } }],
				}),
			),
			/› TextWatermarks › Text Watermark 1 › OverwriteParams › FontSize must be a whole number/,
		],
		[
			'an output of an unknown type',
			JSON_MODE(OUTPUT_JSON({ Transcode: { TemplateId: TEMPLATE } }, { Type: 'S3', Media: 's3://b/o.mp4' })),
			/^Output Group \(JSON\) › Output 1 › Output › Type must be one of OSS, Media/,
		],
		[
			'an OSS output that is no OSS URL',
			JSON_MODE(OUTPUT_JSON({ Transcode: { TemplateId: TEMPLATE } }, { Type: 'OSS', Media: 'out.mp4' })),
			/^Output Group \(JSON\) › Output 1 › Output › Media must be an OSS object/,
		],
		[
			'an input without Media',
			JSON_MODE(OUTPUT_JSON({ Transcode: { TemplateId: TEMPLATE } }), '[{"Type":"OSS"}]'),
			/^Input Group \(JSON\) › Input 1 › Media is required but missing/,
		],
	];

	it.each(invalid)('%s: refused with the field and the item named, nothing sent', async (_case, overrides, message) => {
		const run = await submit(fieldsParameters(overrides));
		expect(run.status).toBe('error');
		const error = run.nodeError(SUBMIT);
		expect(error).toMatchObject({ name: 'NodeOperationError' });
		expect(error?.message).toMatch(message);
		expect(error?.message).toMatch(/\[item 0\]$/);
		expect(error?.description).toContain('Nothing was sent to Alibaba Cloud');
		expect(emulators.emulator.requests).toHaveLength(0);
	});

	it('accepts the boundaries: 128 and 4096 pixels, 10 and 50000 Kbit/s, 60 fps, User Data of exactly 512 bytes', async () => {
		const run = await submit(
			fieldsParameters({
				outputs: {
					output: [
						{
							type: 'OSS',
							media: 'oss://b/o.mp4',
							templateId: TEMPLATE,
							overrides: { width: 128, height: 4096, videoBitrate: 10, frameRate: 60, audioBitrate: 1000 },
						},
						{ type: 'OSS', media: 'oss://b/o2.mp4', templateId: TEMPLATE, overrides: { videoBitrate: 50000 } },
					],
				},
				options: { userData: `{"a":"${'x'.repeat(504)}"}` },
			}),
		);
		expect(run.status).toBe('success');
		expect(emulators.emulator.requests.map((request) => request.status)).toEqual([200]);
	});

	it('checks every item before sending any: an invalid third item stops the batch up front', async () => {
		const run = await submit(fieldsParameters(), [ITEM, ITEM, { ...ITEM, target: 'nowhere' }]);
		expect(run.nodeError(SUBMIT)?.message).toMatch(
			/^Outputs › Output 1 › Output Media must be an OSS object.*\[item 2\]$/,
		);
		expect(emulators.emulator.requests).toHaveLength(0);
	});
});

describe('Wait for Completion', () => {
	it('outputs the finished job: jobId is the ParentJobId, one output per sub-job with its file’s facts as numbers', async () => {
		const run = await submit(
			fieldsParameters({
				outputs: {
					output: [
						{
							type: 'OSS',
							media: 'oss://media-out/a-720p.mp4',
							templateId: TEMPLATE,
							overrides: { width: 1280, height: 720 },
						},
						{
							type: 'OSS',
							media: 'oss://media-out/a-1080p.mp4',
							templateId: TEMPLATE,
							overrides: { width: 1920, height: 1080, videoBitrate: 4000 },
						},
					],
				},
				waitForCompletion: true,
				pollIntervalSeconds: 1,
			}),
			[ITEM],
			emulators.fast,
		);
		expect(run.status).toBe('success');
		const [job] = emulators.fast.jobs.list('transcode');
		const [result] = run.output(SUBMIT);
		expect(result).toMatchObject({
			jobKind: 'transcode',
			jobId: job.jobId,
			status: 'succeeded',
			finished: true,
			rawStatus: 'Success',
			createdAt: expect.any(String),
			finishedAt: expect.any(String),
			job: { ParentJobId: job.jobId, Status: 'Success' },
			submission: { TranscodeParentJob: { ParentJobId: job.jobId } },
		});
		// Two outputs: no single outputUrl at the top.
		expect(result).not.toHaveProperty('outputUrl');
		const subJobs = (result.job as IDataObject).TranscodeJobList as IDataObject[];
		expect(result.outputs).toEqual([
			{
				jobId: subJobs[0].JobId,
				index: 0,
				status: 'succeeded',
				rawStatus: 'Success',
				outputType: 'OSS',
				outputUrl: 'oss://media-out/a-720p.mp4',
				media: 'oss://media-out/a-720p.mp4',
				fileUrl: 'http://media-out.oss-cn-shanghai.aliyuncs.com/a-720p.mp4',
				width: 1280,
				height: 720,
				durationSeconds: 30,
				bitrateKbps: 2628,
				format: expect.any(String),
				fileSizeBytes: expect.any(Number),
			},
			expect.objectContaining({ jobId: subJobs[1].JobId, index: 1, status: 'succeeded', width: 1920, height: 1080 }),
		]);
	});

	it('one output: its URL also at the top as outputUrl and fileUrl, for the next node', async () => {
		const run = await submit(
			fieldsParameters({ waitForCompletion: true, pollIntervalSeconds: 1 }),
			[ITEM],
			emulators.fast,
		);
		expect(run.output(SUBMIT)[0]).toMatchObject({
			status: 'succeeded',
			outputUrl: ITEM.target,
			fileUrl: 'http://media-out.oss-cn-shanghai.aliyuncs.com/trailer-720p.mp4',
		});
	});

	it('a job that fails is an error of its item naming the outputs that failed (Alibaba gives no code)', async () => {
		emulators.fast.failJobsMatching({ kind: 'transcode', match: 'broken' });
		const items = [ITEM, { ...ITEM, source: 'oss://media-in/broken.mp4' }];
		const run = await submit(
			fieldsParameters({ waitForCompletion: true, pollIntervalSeconds: 1 }),
			items,
			emulators.fast,
			'continueRegularOutput',
		);
		const outputs = run.items(SUBMIT);
		expect(outputs[0].json.status).toBe('succeeded');
		const failed = emulators.fast.jobs.list('transcode').find((job) => JSON.stringify(job.data).includes('broken'))!;
		const subJob = (outputs[1].json.error as string).match(/sub-job ([0-9a-f]{32})/)?.[1];
		expect(outputs[1].json.error).toBe(
			`The transcoding job ${failed.jobId} failed: 1 of 1 outputs did not succeed: ${ITEM.target} (sub-job ${subJob}: Fail) [item 1]`,
		);
		expect(outputs[1].json.details).toMatchObject({ status: 'failed', jobId: failed.jobId });
		expect(outputs[1].pairedItem).toEqual({ item: 1 });
		expect(emulators.fast.jobs.list('transcode')).toHaveLength(2);
	});

	it('several jobs are followed by ListTranscodeJobs while they run; each finished one is read once with its Get', async () => {
		// Jobs end a minute of emulator time after submission: at 60× that is one second.
		const slow = await startEmulator({ clock: 'real', speed: 60 });
		try {
			const items = [1, 2, 3].map((count) => ({ ...ITEM, target: `oss://media-out/ep${count}.mp4` }));
			const run = await submit(fieldsParameters({ waitForCompletion: true, pollIntervalSeconds: 1 }), items, slow);
			expect(run.status).toBe('success');
			expect(run.output(SUBMIT).map((result) => result.status)).toEqual(['succeeded', 'succeeded', 'succeeded']);
			const count = (action: string) => slow.requests.filter((request) => request.action === action).length;
			expect(count('ListTranscodeJobs')).toBeGreaterThanOrEqual(1);
			expect(count('GetTranscodeJob')).toBe(3);
		} finally {
			await slow.stop();
		}
	});
});

describe('Get Transcode Job', () => {
	it('reads a running job (no parent Status yet: running, outputs Init), then the finished one', async () => {
		const submitted = await submit(fieldsParameters());
		const parentJobId = (submitted.output(SUBMIT)[0].TranscodeParentJob as IDataObject).ParentJobId as string;
		const read = async () =>
			(
				await runWorkflow(
					chain({
						name: GET,
						type: 'alibabaCloudGetTranscodeJob',
						parameters: { parentJobId: '={{ $json.TranscodeParentJob.ParentJobId }}' },
					}),
					{ credentials: sandboxCredentials(emulators.emulator), pinData: startingWith(submitted.output(SUBMIT)) },
				)
			).output(GET)[0];

		const running = await read();
		expect(running).toMatchObject({ jobKind: 'transcode', jobId: parentJobId, status: 'running', finished: false });
		expect(running.outputs).toEqual([
			expect.objectContaining({ status: 'running', rawStatus: 'Init', outputUrl: ITEM.target }),
		]);
		expect(emulators.emulator.requests.at(-1)).toMatchObject({
			action: 'GetTranscodeJob',
			query: { ParentJobId: parentJobId },
		});

		emulators.emulator.clock.advance(10 * 60_000);
		const done = await read();
		expect(done).toMatchObject({ jobId: parentJobId, status: 'succeeded', finished: true, outputUrl: ITEM.target });
		expect(done.requestId).toBe(emulators.emulator.requests.at(-1)?.requestId);
	});

	it('requires the Parent Job ID, and reports an unknown one as Alibaba does', async () => {
		const run = await runWorkflow(
			chain({
				name: GET,
				type: 'alibabaCloudGetTranscodeJob',
				parameters: { parentJobId: '={{ $json.id }}' },
				onError: 'continueRegularOutput',
			}),
			{
				credentials: sandboxCredentials(emulators.emulator),
				pinData: startingWith([{ id: '' }, { id: '0'.repeat(32) }]),
			},
		);
		const [empty, unknown] = run.output(GET);
		expect(empty.error).toBe('Parent Job ID is required but empty [item 0]');
		expect(unknown.error).toMatch(/^GetTranscodeJob failed: ResourceNotFound: /);
		expect(emulators.emulator.requests).toHaveLength(1);
	});
});

describe('Media Job Trigger watching transcoding jobs', () => {
	it('emits each transcoding job that finishes once, with its outputs; a Pipeline ID keeps only that queue’s jobs', async () => {
		const inPipeline = { ScheduleConfig: { PipelineId: 'pipe-a', Priority: 5 } };
		const otherPipeline = { ScheduleConfig: { PipelineId: 'pipe-b', Priority: 5 } };
		emulators.emulator.seedJobs({ kind: 'transcode', count: 3, status: 'Success', data: inPipeline });
		const all = new TriggerDriver(
			emulators.emulator,
			triggerWorkflow({ watch: ['transcode'], outcomes: ['failed', 'succeeded'] }),
		);
		const pipeA = new TriggerDriver(
			emulators.emulator,
			triggerWorkflow({ watch: ['transcode'], outcomes: ['failed', 'succeeded'], options: { pipelineId: 'pipe-a' } }),
		);
		expect(await all.poll()).toEqual([]);
		expect(await pipeA.poll()).toEqual([]);

		const running = [
			...emulators.emulator.seedJobs({
				kind: 'transcode',
				count: 2,
				status: 'Processing',
				intervalMs: 1000,
				data: inPipeline,
			}),
			...emulators.emulator.seedJobs({
				kind: 'transcode',
				count: 2,
				status: 'Processing',
				intervalMs: 1000,
				data: otherPipeline,
			}),
		];
		expect(await all.poll()).toEqual([]);
		expect(await pipeA.poll()).toEqual([]);
		emulators.emulator.finishJob(running[0]);
		emulators.emulator.failJob(running[1]);
		emulators.emulator.finishJob(running[2]);
		emulators.emulator.finishJob(running[3]);
		emulators.emulator.clock.advance(60_000);

		const emitted = await all.poll();
		expect(emitted.map((item) => item.jobId).sort()).toEqual([...running].sort());
		const first = emitted.find((item) => item.jobId === running[0])!;
		expect(first).toMatchObject({
			jobKind: 'transcode',
			status: 'succeeded',
			outputUrl: expect.stringMatching(/^oss:\/\//),
		});
		expect(first.outputs).toEqual([expect.objectContaining({ status: 'succeeded', width: expect.any(Number) })]);
		expect(emitted.find((item) => item.jobId === running[1])).toMatchObject({ status: 'failed', rawStatus: 'Fail' });
		expect((await pipeA.poll()).map((item) => item.jobId).sort()).toEqual([running[0], running[1]].sort());

		emulators.emulator.clock.advance(60_000);
		expect(await all.poll()).toEqual([]);
		expect(await pipeA.poll()).toEqual([]);
		const actions = new Set(emulators.emulator.requests.map((request) => request.action));
		expect([...actions].sort()).toEqual(['GetTranscodeJob', 'ListTranscodeJobs']);
	});
});
