import type { IDataObject } from 'n8n-workflow';

import type { Emulator } from '../../tools/sandbox/emulator';
import { startEmulator } from '../../tools/sandbox/emulator';
import { runWorkflow } from '../../tools/sandbox/engine';
import { chain, sandboxCredentials, startingWith } from '../../tools/sandbox/workflows/workflows';

const SUBMIT = 'Submit Package Job';
const GET = 'Get Package Job';

let emulator: Emulator;

beforeAll(async () => {
	emulator = await startEmulator();
});
afterAll(async () => emulator.stop());
beforeEach(() => {
	emulator.reset();
});

function submitParameters(overrides: IDataObject = {}): IDataObject {
	return {
		jobName: '={{ $json.name }}',
		inputs: { input: [{ type: 'OSS', media: '={{ $json.source }}' }] },
		outputType: 'OSS',
		outputMedia: '={{ $json.target }}',
		...overrides,
	};
}

const ITEM = { name: 'trailer', source: 'oss://media-in/trailer.mp4', target: 'oss://media-out/trailer/index.m3u8' };

describe('Manual Trigger → Submit Package Job → Get Package Job', () => {
	it('submits the job, reads it back, and reads Success once the job has run', async () => {
		const run = await runWorkflow(
			chain(
				{ name: SUBMIT, type: 'alibabaCloudSubmitPackageJob', parameters: submitParameters() },
				{ name: GET, type: 'alibabaCloudGetPackageJob', parameters: { jobId: '={{ $json.JobId }}' } },
			),
			{ credentials: sandboxCredentials(emulator), pinData: startingWith([ITEM]) },
		);

		expect(run.status).toBe('success');
		const [submitted] = run.output(SUBMIT);
		expect(submitted.JobId).toMatch(/^[0-9a-f]{32}$/);
		expect(submitted.RequestId).toEqual(expect.any(String));
		const [read] = run.output(GET);
		expect(read).toMatchObject({ jobKind: 'package', jobId: submitted.JobId, status: 'running', finished: false });
		expect(read.job).toMatchObject({
			JobId: submitted.JobId,
			Name: 'trailer',
			Inputs: [{ Input: { Type: 'OSS', Media: ITEM.source } }],
			Output: { Type: 'OSS', Media: ITEM.target },
		});
		expect(read.requestId).toBe(emulator.requests.at(-1)?.requestId);

		emulator.clock.advance(10 * 60_000);
		const later = await runWorkflow(
			chain({ name: GET, type: 'alibabaCloudGetPackageJob', parameters: { jobId: '={{ $json.JobId }}' } }),
			{ credentials: sandboxCredentials(emulator), pinData: startingWith([{ JobId: submitted.JobId }]) },
		);
		expect(later.output(GET)[0]).toMatchObject({
			jobId: submitted.JobId,
			status: 'succeeded',
			finished: true,
			rawStatus: 'Success',
			outputUrl: 'http://media-out.oss-cn-shanghai.aliyuncs.com/trailer/index.m3u8',
			job: { JobId: submitted.JobId, Status: 'Success' },
		});
	});

	it('sends exactly the wire parameters of the API: JSON strings in the query, nothing in the body', async () => {
		const run = await runWorkflow(
			chain({
				name: SUBMIT,
				type: 'alibabaCloudSubmitPackageJob',
				parameters: submitParameters({
					inputs: {
						input: [
							{ type: 'OSS', media: 'oss://media-in/video 1080p.mp4' },
							{ type: 'Media', media: 'c3f8d1a0e2b94f6a8b7c6d5e4f3a2b1c' },
						],
					},
					outputType: 'OSS',
					options: {
						pipelineId: 'e37ebee5d98b4781897f6086e89f9c56',
						priority: 8,
						userData: '{"ticket":"OPS-42","lang":"中文"}',
					},
				}),
			}),
			{ credentials: sandboxCredentials(emulator), pinData: startingWith([ITEM]) },
		);
		expect(run.status).toBe('success');

		const [request] = emulator.requests;
		expect(request).toMatchObject({ action: 'SubmitPackageJob', version: '2020-11-09', method: 'POST', status: 200 });
		expect(request.query).toEqual({
			Name: 'trailer',
			Inputs:
				'[{"Input":{"Type":"OSS","Media":"oss://media-in/video 1080p.mp4"}},{"Input":{"Type":"Media","Media":"c3f8d1a0e2b94f6a8b7c6d5e4f3a2b1c"}}]',
			Output: `{"Type":"OSS","Media":"${ITEM.target}"}`,
			ScheduleConfig: '{"PipelineId":"e37ebee5d98b4781897f6086e89f9c56","Priority":8}',
			UserData: '{"ticket":"OPS-42","lang":"中文"}',
		});
		expect(request.rawBody).toBe('');
	});

	it('submits one job per item with per-item expressions, each output paired with its item', async () => {
		const items = [1, 2, 3].map((count) => ({
			name: `episode-${count}`,
			source: `oss://media-in/ep${count}.mp4`,
			target: `oss://media-out/ep${count}/index.m3u8`,
		}));
		const run = await runWorkflow(
			chain({ name: SUBMIT, type: 'alibabaCloudSubmitPackageJob', parameters: submitParameters() }),
			{ credentials: sandboxCredentials(emulator), pinData: startingWith(items) },
		);

		const outputs = run.items(SUBMIT);
		expect(outputs.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(new Set(outputs.map((item) => item.json.JobId)).size).toBe(3);
		expect(emulator.requests.map((request) => request.query.Name)).toEqual(['episode-1', 'episode-2', 'episode-3']);
		expect(emulator.jobs.list('package').map((job) => job.jobId)).toEqual(outputs.map((item) => item.json.JobId));
	});
});

describe('validation before any request', () => {
	const invalid: Array<[string, IDataObject, RegExp]> = [
		['no input', { inputs: { input: [] } }, /^Inputs needs at least one input \[item 0\]$/],
		[
			'empty Media',
			{ inputs: { input: [{ type: 'OSS', media: '  ' }] } },
			/^Inputs › Input 1 › Media is required but empty \[item 0\]$/,
		],
		[
			'OSS media that is no OSS or http(s) URL',
			{ inputs: { input: [{ type: 'OSS', media: 's3://bucket/in.mp4' }] } },
			/^Inputs › Input 1 › Media must be an OSS object/,
		],
		[
			'OSS media without a bucket path',
			{ inputs: { input: [{ type: 'OSS', media: 'my-bucket' }] } },
			/^Inputs › Input 1 › Media must be an OSS object/,
		],
		['Priority 0', { options: { priority: 0 } }, /^Priority must be a whole number from 1 to 10 \(got 0\) \[item 0\]$/],
		['Priority 11', { options: { priority: 11 } }, /^Priority must be a whole number from 1 to 10 \(got 11\)/],
		['Priority 5.5', { options: { priority: 5.5 } }, /^Priority must be a whole number from 1 to 10 \(got 5.5\)/],
		[
			'missing Output (expression that resolves to nothing)',
			{ outputMedia: '={{ $json.nothing }}' },
			/^Output › Media is required but empty \[item 0\]$/,
		],
		['Output that is no OSS URL', { outputMedia: 'ftp://host/out.m3u8' }, /^Output › Media must be an OSS object/],
		// 171 three-byte characters: 171 characters, 513 bytes
		[
			'User Data over 512 bytes',
			{ options: { userData: '界'.repeat(171) } },
			/^User Data must be at most 512 bytes \(got 513 bytes\) \[item 0\]$/,
		],
	];

	it.each(invalid)('%s fails with the field and item named and nothing sent', async (_case, overrides, message) => {
		const run = await runWorkflow(
			chain({ name: SUBMIT, type: 'alibabaCloudSubmitPackageJob', parameters: submitParameters(overrides) }),
			{ credentials: sandboxCredentials(emulator), pinData: startingWith([ITEM]) },
		);
		expect(run.status).toBe('error');
		const error = run.nodeError(SUBMIT);
		expect(error).toMatchObject({ name: 'NodeOperationError' });
		expect(error?.message).toMatch(message);
		expect(error?.description).toContain('Nothing was sent to Alibaba Cloud');
		expect(emulator.requests).toHaveLength(0);
	});

	it('accepts the boundaries: Priority 1 and 10, User Data of exactly 512 bytes, http(s) OSS URLs', async () => {
		const items = [
			{ ...ITEM, priority: 1, userData: 'x'.repeat(512) },
			{ ...ITEM, priority: 10, source: 'https://media-in.oss-cn-shanghai.aliyuncs.com/in.mp4' },
		];
		const run = await runWorkflow(
			chain({
				name: SUBMIT,
				type: 'alibabaCloudSubmitPackageJob',
				parameters: submitParameters({
					options: { priority: '={{ $json.priority }}', userData: '={{ $json.userData }}' },
				}),
			}),
			{ credentials: sandboxCredentials(emulator), pinData: startingWith(items) },
		);
		expect(run.status).toBe('success');
		expect(emulator.requests.map((request) => request.status)).toEqual([200, 200]);
	});

	it('checks every item before sending any: an invalid third item stops the whole batch up front', async () => {
		const items = [ITEM, ITEM, { ...ITEM, source: '' }];
		const run = await runWorkflow(
			chain({ name: SUBMIT, type: 'alibabaCloudSubmitPackageJob', parameters: submitParameters() }),
			{ credentials: sandboxCredentials(emulator), pinData: startingWith(items) },
		);
		expect(run.nodeError(SUBMIT)?.message).toBe('Inputs › Input 1 › Media is required but empty [item 2]');
		expect(emulator.requests).toHaveLength(0);
	});

	it("Include Alibaba's Job off: the same normalized fields, without Alibaba's whole answer", async () => {
		const [jobId] = emulator.seedJobs({ kind: 'package', count: 1, status: 'Success' });
		const read = async (options: IDataObject) =>
			(
				await runWorkflow(
					chain({ name: GET, type: 'alibabaCloudGetPackageJob', parameters: { jobId: '={{ $json.JobId }}', options } }),
					{ credentials: sandboxCredentials(emulator), pinData: startingWith([{ JobId: jobId }]) },
				)
			).output(GET)[0];
		const full = await read({});
		const lean = await read({ includeRawJob: false });
		expect(full.job).toMatchObject({ JobId: jobId, Status: 'Success' });
		expect(lean).not.toHaveProperty('job');
		const { job, requestId, ...normalized } = full;
		expect(lean).toEqual({ ...normalized, requestId: expect.any(String) });
		expect(lean).toMatchObject({ jobKind: 'package', jobId, status: 'succeeded', finished: true });
		expect(JSON.stringify(lean).length).toBeLessThan(JSON.stringify(full).length / 2);
		expect(job).toBeDefined();
		expect(requestId).not.toBe(lean.requestId);
	});

	it('Get Package Job requires a Job ID', async () => {
		const run = await runWorkflow(
			chain({ name: GET, type: 'alibabaCloudGetPackageJob', parameters: { jobId: '={{ $json.JobId }}' } }),
			{ credentials: sandboxCredentials(emulator), pinData: startingWith([{ JobId: '' }]) },
		);
		expect(run.nodeError(GET)?.message).toBe('Job ID is required but empty [item 0]');
		expect(emulator.requests).toHaveLength(0);
	});
});

describe('continueOnFail keeps the good items', () => {
	it('an invalid item becomes an error item, the others are submitted, pairing intact', async () => {
		const items = [ITEM, { ...ITEM, source: 'not-a-url' }, { ...ITEM, name: 'third' }];
		const run = await runWorkflow(
			chain({
				name: SUBMIT,
				type: 'alibabaCloudSubmitPackageJob',
				parameters: submitParameters(),
				onError: 'continueRegularOutput',
			}),
			{ credentials: sandboxCredentials(emulator), pinData: startingWith(items) },
		);
		expect(run.status).toBe('success');
		const outputs = run.items(SUBMIT);
		expect(outputs.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(outputs[0].json.JobId).toEqual(expect.any(String));
		expect(outputs[1].json.error).toMatch(/^Inputs › Input 1 › Media must be an OSS object.*\[item 1\]$/);
		expect(outputs[2].json.JobId).toEqual(expect.any(String));
		expect(emulator.requests.map((request) => request.query.Name)).toEqual(['trailer', 'third']);
	});

	it('an API error on one item (unknown job) does not hide the other items', async () => {
		const submitted = await runWorkflow(
			chain({ name: SUBMIT, type: 'alibabaCloudSubmitPackageJob', parameters: submitParameters() }),
			{ credentials: sandboxCredentials(emulator), pinData: startingWith([ITEM]) },
		);
		const jobId = submitted.output(SUBMIT)[0].JobId as string;

		const run = await runWorkflow(
			chain({
				name: GET,
				type: 'alibabaCloudGetPackageJob',
				parameters: { jobId: '={{ $json.JobId }}' },
				onError: 'continueRegularOutput',
			}),
			{
				credentials: sandboxCredentials(emulator),
				pinData: startingWith([{ JobId: jobId }, { JobId: '00000000000000000000000000000000' }, { JobId: jobId }]),
			},
		);
		const outputs = run.items(GET);
		expect(outputs).toHaveLength(3);
		expect(outputs[0].json.jobId).toBe(jobId);
		expect(outputs[1].json.details).toMatchObject({ code: 'ResourceNotFound', requestId: expect.any(String) });
		expect(outputs[1].json.error).toMatch(/^GetPackageJob failed: ResourceNotFound: .*\(RequestId: /);
		expect(outputs[1].pairedItem).toEqual({ item: 1 });
		expect(outputs[2].json.jobId).toBe(jobId);
	});

	it('with "continue (using error output)" failed items go to the error branch', async () => {
		const run = await runWorkflow(
			chain({
				name: SUBMIT,
				type: 'alibabaCloudSubmitPackageJob',
				parameters: submitParameters(),
				onError: 'continueErrorOutput',
			}),
			{ credentials: sandboxCredentials(emulator), pinData: startingWith([ITEM, { ...ITEM, target: '' }]) },
		);
		expect(run.output(SUBMIT, 0)).toHaveLength(1);
		expect(run.output(SUBMIT, 1)).toHaveLength(1);
		expect(run.output(SUBMIT, 1)[0].error).toMatch(/^Output › Media is required but empty \[item 1\]$/);
	});

	it('without continueOnFail, an API error names the items already submitted, so no job ID is lost', async () => {
		const items = [ITEM, { ...ITEM, name: 'n'.repeat(129) }, ITEM, ITEM];
		const run = await runWorkflow(
			chain({
				name: SUBMIT,
				type: 'alibabaCloudSubmitPackageJob',
				parameters: { ...submitParameters(), options: { requestsInFlight: 1 } },
			}),
			{ credentials: sandboxCredentials(emulator), pinData: startingWith(items) },
		);
		expect(run.status).toBe('error');
		const error = run.nodeError(SUBMIT);
		expect(error?.message).toMatch(/^SubmitPackageJob failed: InvalidParameter: .*Name.*\(RequestId: [0-9A-F-]+\)$/);
		const [created] = emulator.jobs.list('package');
		expect(error?.description).toContain(
			`Items already sent successfully before this error: item 0 → ${created.jobId}.`,
		);
		// One at a time: nothing after the failed item is sent.
		expect(emulator.requests).toHaveLength(2);
	});

	it('with several items in flight, an API error lets the ones already in flight finish and names them all', async () => {
		const items = [ITEM, { ...ITEM, name: 'n'.repeat(129) }, ITEM, ITEM, ITEM, ITEM, ITEM];
		const run = await runWorkflow(
			chain({
				name: SUBMIT,
				type: 'alibabaCloudSubmitPackageJob',
				parameters: { ...submitParameters(), options: { requestsInFlight: 3 } },
			}),
			{ credentials: sandboxCredentials(emulator), pinData: startingWith(items) },
		);
		expect(run.status).toBe('error');
		const error = run.nodeError(SUBMIT);
		const created = emulator.jobs.list('package');
		// Items 0 and 2 were in flight with item 1; item 3 may have started when item 0 finished first. No more.
		expect(created.length).toBeGreaterThanOrEqual(2);
		expect(created.length).toBeLessThanOrEqual(3);
		for (const job of created) expect(error?.description).toContain(job.jobId);
		expect(emulator.requests.length).toBe(created.length + 1);
	});
});
