/**
 * Submit Snapshot Job and Get Snapshot Job through n8n's engine against the emulator: what goes on the wire in both
 * modes, what is refused before sending, Wait for Completion with the image URLs (every page of GetSnapshotUrls), a
 * failed job, the Get node, a lost answer settled from ListSnapshotJobs, and the Media Job Trigger watching snapshots.
 */
import type { IDataObject } from 'n8n-workflow';

import { runWorkflow } from '../../tools/sandbox/engine';
import { TriggerDriver, triggerWorkflow } from '../../tools/sandbox/workflows/jobTrigger';
import { chain, sandboxCredentials, startingWith } from '../../tools/sandbox/workflows/workflows';
import { FAST_CLOCK, suiteEmulators } from '../support/emulators';

const SUBMIT = 'Submit Snapshot Job';
const GET = 'Get Snapshot Job';
const TEMPLATE = '96e8864746a0b6f3ae3e1b1a2b3c4d5e';
const ITEM = { video: 'oss://media-in/launch.mp4', covers: 'oss://media-out/launch/cover-{Count}.jpg' };
/** The emulator writes `http://<bucket>.oss-<region>.aliyuncs.com/<key>` with {Count} as a five-digit number. */
const imageUrl = (key: string, count: number) =>
	`http://media-out.oss-cn-shanghai.aliyuncs.com/${key.replace('{Count}', String(count).padStart(5, '0'))}`;

const emulators = suiteEmulators({ emulator: {}, fast: FAST_CLOCK });

function fields(overrides: IDataObject = {}): IDataObject {
	return {
		inputMedia: '={{ $json.video }}',
		outputMedia: '={{ $json.covers }}',
		templateId: TEMPLATE,
		settings: { time: 5000, count: 3 },
		...overrides,
	};
}

function json(overrides: IDataObject = {}): IDataObject {
	return {
		definition: 'json',
		inputJson: JSON.stringify({ Type: 'OSS', Media: ITEM.video }),
		outputJson: JSON.stringify({ Type: 'OSS', Media: ITEM.covers }),
		templateConfigJson: JSON.stringify({ TemplateId: TEMPLATE, OverwriteParams: { Count: 3 } }),
		...overrides,
	};
}

async function submit(
	parameters: IDataObject,
	items: IDataObject[] = [ITEM],
	on = emulators.emulator,
	onError?: 'continueRegularOutput',
) {
	return await runWorkflow(chain({ name: SUBMIT, type: 'alibabaCloudSubmitSnapshotJob', parameters, onError }), {
		credentials: sandboxCredentials(on),
		pinData: startingWith(items),
	});
}

async function get(jobId: string, on = emulators.emulator) {
	return await runWorkflow(
		chain({ name: GET, type: 'alibabaCloudGetSnapshotJob', parameters: { jobId: '={{ $json.JobId }}' } }),
		{ credentials: sandboxCredentials(on), pinData: startingWith([{ JobId: jobId }]) },
	);
}

const actions = (on = emulators.emulator) => on.requests.map((request) => request.action);

describe('what Submit Snapshot Job sends', () => {
	it('Fields mode: JSON objects in the query, overwrite settings as integers, options, nothing in the body', async () => {
		const run = await submit(
			fields({
				snapshotType: 'Sprite',
				settings: {
					time: '1500',
					count: 40,
					interval: 2,
					width: 320,
					height: 180,
					frameType: 'normal',
					spriteColumns: 5,
					spriteLines: 4,
				},
				options: {
					jobName: 'launch covers',
					pipelineId: { mode: 'id', value: 'e37ebee5d98b4781897f6086e89f9c56' },
					userData: '{"ticket": "OPS-42", "lang": "中文"}',
				},
			}),
		);
		expect(run.status).toBe('success');
		const [request] = emulators.emulator.requests;
		expect(request).toMatchObject({ action: 'SubmitSnapshotJob', version: '2020-11-09', method: 'POST', status: 200 });
		expect(request.query).toEqual({
			Name: 'launch covers',
			Input: '{"Type":"OSS","Media":"oss://media-in/launch.mp4"}',
			Output: '{"Type":"OSS","Media":"oss://media-out/launch/cover-{Count}.jpg"}',
			TemplateConfig: JSON.stringify({
				TemplateId: TEMPLATE,
				OverwriteParams: {
					Type: 'Sprite',
					Time: 1500,
					Count: 40,
					Interval: 2,
					Width: 320,
					Height: 180,
					FrameType: 'normal',
					SpriteSnapshotConfig: { Columns: 5, Lines: 4 },
				},
			}),
			ScheduleConfig: '{"PipelineId":"e37ebee5d98b4781897f6086e89f9c56"}',
			UserData: '{"ticket":"OPS-42","lang":"中文"}',
		});
		expect(request.rawBody).toBe('');
		const [job] = emulators.emulator.jobs.list('snapshot');
		expect(run.output(SUBMIT)).toEqual([{ JobId: job.jobId, RequestId: expect.any(String) }]);
	});

	it('Fields mode with only what is required: the type, a media asset input, no options', async () => {
		const run = await submit({
			inputType: 'Media',
			inputMedia: 'c3f8d1a0e2b94f6a8b7c6d5e4f3a2b1c',
			outputMedia: 'oss://media-out/cover.jpg',
			templateId: TEMPLATE,
		});
		expect(run.status).toBe('success');
		expect(emulators.emulator.requests[0].query).toEqual({
			Input: '{"Type":"Media","Media":"c3f8d1a0e2b94f6a8b7c6d5e4f3a2b1c"}',
			Output: '{"Type":"OSS","Media":"oss://media-out/cover.jpg"}',
			TemplateConfig: `{"TemplateId":"${TEMPLATE}","OverwriteParams":{"Type":"Normal"}}`,
		});
	});

	it('JSON mode: the objects as written, numbers written as text sent as integers, booleans kept', async () => {
		const templateConfig = {
			TemplateId: TEMPLATE,
			OverwriteParams: {
				Type: 'WebVtt',
				FrameType: 'intra',
				Time: 0,
				Count: '12',
				Width: 160,
				BlackLevel: 30,
				PixelBlackThreshold: 70,
				IsSptFrag: true,
			},
		};
		const run = await submit(
			json({
				inputJson: '={{ JSON.stringify({ Type: "OSS", Media: $json.video }) }}',
				outputJson: { Type: 'OSS', Media: 'oss://media-out/vtt/thumbs.vtt' },
				templateConfigJson: JSON.stringify(templateConfig),
				options: { jobName: 'vtt' },
			}),
		);
		expect(run.status).toBe('success');
		expect(emulators.emulator.requests[0].query).toEqual({
			Name: 'vtt',
			Input: '{"Type":"OSS","Media":"oss://media-in/launch.mp4"}',
			Output: '{"Type":"OSS","Media":"oss://media-out/vtt/thumbs.vtt"}',
			TemplateConfig: JSON.stringify({
				...templateConfig,
				OverwriteParams: { ...templateConfig.OverwriteParams, Count: 12 },
			}),
		});
	});

	it('one job per item with per-item expressions, each output paired with its item', async () => {
		const items = [1, 2, 3].map((episode) => ({
			video: `oss://media-in/ep${episode}.mp4`,
			covers: `oss://media-out/ep${episode}/cover-{Count}.jpg`,
		}));
		const run = await submit(fields(), items);
		const outputs = run.items(SUBMIT);
		expect(outputs.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		const jobs = emulators.emulator.jobs.list('snapshot');
		expect(jobs.map((job) => job.jobId)).toEqual(outputs.map((item) => item.json.JobId));
		expect(jobs.map((job) => (job.data.Input as IDataObject).Media)).toEqual(items.map((item) => item.video));
	});
});

describe('refused before anything is sent, naming the field and the item', () => {
	const invalid: Array<[string, IDataObject, RegExp]> = [
		['an empty Input Media', fields({ inputMedia: ' ' }), /^Input Media is required but empty \[item 0\]$/],
		['an OSS input that is no URL', fields({ inputMedia: 'launch.mp4' }), /^Input Media must be an OSS object/],
		[
			'a Template ID that is empty for the item',
			fields({ templateId: '={{ $json.template }}' }),
			/^Template ID is required but empty \[item 0\]$/,
		],
		[
			'three normal snapshots without {Count} in the output',
			fields({ outputMedia: 'oss://media-out/cover.jpg' }),
			/^Output Media must contain \{Count\} where each image's number goes, .*Count 3 makes 3 images .*\[item 0\]$/,
		],
		[
			'Count 0',
			fields({ settings: { count: 0 } }),
			/^Snapshot Settings › Count must be a whole number of at least 1 \(got 0\) \[item 0\]$/,
		],
		[
			'Interval 1.5',
			fields({ settings: { interval: 1.5 } }),
			/^Snapshot Settings › Interval \(Seconds\) must be a whole/,
		],
		[
			'a negative Time',
			fields({ settings: { time: -1 } }),
			/^Snapshot Settings › Time \(Milliseconds\) must be a whole/,
		],
		[
			'a sprite layout for normal snapshots',
			json({
				templateConfigJson: `{"TemplateId": "${TEMPLATE}", "OverwriteParams": {"Type": "Normal", "SpriteSnapshotConfig": {"Lines": 2}}}`,
			}),
			/^Template Config \(JSON\) › OverwriteParams › SpriteSnapshotConfig applies to Sprite snapshots only \(the Type is Normal\) \[item 0\]$/,
		],
		[
			'an unknown Snapshot Type',
			fields({ snapshotType: 'Gif' }),
			/^Snapshot Type must be one of Normal, Sprite, WebVtt/,
		],
		['User Data that is no JSON', fields({ options: { userData: 'ticket 42' } }), /^User Data is not valid JSON/],
		['User Data that is a list', fields({ options: { userData: '[1]' } }), /^User Data must be a JSON object/],
		['Input (JSON) that is no JSON', json({ inputJson: '{"Type": "OSS",' }), /^Input \(JSON\) is not valid JSON/],
		[
			'an unknown key in Input (JSON)',
			json({ inputJson: '{"Type": "OSS", "Media": "oss://b/a.mp4", "Url": "x"}' }),
			/^Input \(JSON\) › Url is not a field the API knows here; it takes Type, Media \[item 0\]$/,
		],
		[
			'an Output (JSON) type that does not exist',
			json({ outputJson: '{"Type": "S3", "Media": "s3://b/a.jpg"}' }),
			/^Output \(JSON\) › Type must be one of OSS, Media/,
		],
		[
			'Template Config (JSON) without TemplateId',
			json({ templateConfigJson: '{"OverwriteParams": {"Count": 1}}' }),
			/^Template Config \(JSON\) › TemplateId is required but missing \[item 0\]$/,
		],
		[
			'an unknown overwrite setting',
			json({ templateConfigJson: `{"TemplateId": "${TEMPLATE}", "OverwriteParams": {"Quality": 90}}` }),
			/^Template Config \(JSON\) › OverwriteParams › Quality is not a field the API knows here/,
		],
		[
			'a Count that is no number',
			json({ templateConfigJson: `{"TemplateId": "${TEMPLATE}", "OverwriteParams": {"Count": "many"}}` }),
			/^Template Config \(JSON\) › OverwriteParams › Count must be a whole number of at least 1 \(got many\)/,
		],
		[
			'a FrameType that does not exist',
			json({ templateConfigJson: `{"TemplateId": "${TEMPLATE}", "OverwriteParams": {"FrameType": "key"}}` }),
			/^Template Config \(JSON\) › OverwriteParams › FrameType must be one of intra, normal/,
		],
		[
			'IsSptFrag that is no boolean',
			json({ templateConfigJson: `{"TemplateId": "${TEMPLATE}", "OverwriteParams": {"IsSptFrag": "yes"}}` }),
			/^Template Config \(JSON\) › OverwriteParams › IsSptFrag must be true or false/,
		],
		[
			'an unknown sprite setting',
			json({
				templateConfigJson: `{"TemplateId": "${TEMPLATE}", "OverwriteParams": {"SpriteSnapshotConfig": {"Rows": 2}}}`,
			}),
			/^Template Config \(JSON\) › OverwriteParams › SpriteSnapshotConfig › Rows is not a field the API knows here/,
		],
		[
			'five normal snapshots without {Count} in Output (JSON)',
			json({
				outputJson: '{"Type": "OSS", "Media": "oss://b/cover.jpg"}',
				templateConfigJson: `{"TemplateId": "${TEMPLATE}", "OverwriteParams": {"Type": "Normal", "Count": 5}}`,
			}),
			/^Output \(JSON\) › Media must contain \{Count\} .*OverwriteParams\.Count 5 makes 5 images/,
		],
	];

	it.each(invalid)('%s', async (_case, parameters, message) => {
		const run = await submit(parameters);
		expect(run.status).toBe('error');
		const error = run.nodeError(SUBMIT);
		expect(error).toMatchObject({ name: 'NodeOperationError' });
		expect(error?.message).toMatch(message);
		expect(error?.message).toMatch(/\[item 0\]$/);
		expect(error?.description).toContain('Nothing was sent to Alibaba Cloud');
		expect(emulators.emulator.requests).toHaveLength(0);
	});

	it('every item is checked before any is sent: an invalid third item stops the batch up front', async () => {
		const run = await submit(fields(), [ITEM, ITEM, { ...ITEM, covers: 'oss://media-out/cover.jpg' }]);
		expect(run.nodeError(SUBMIT)?.message).toMatch(/^Output Media must contain \{Count\}.*\[item 2\]$/);
		expect(emulators.emulator.requests).toHaveLength(0);
	});

	it('sprite settings are shown, and sent, for Sprite snapshots only (n8n drops them for the other types)', async () => {
		const run = await submit(fields({ settings: { count: 3, spriteColumns: 4, spriteLines: 2 } }));
		expect(run.status).toBe('success');
		const { OverwriteParams } = JSON.parse(emulators.emulator.requests[0].query.TemplateConfig);
		expect(OverwriteParams).toEqual({ Type: 'Normal', Count: 3 });
	});

	it('one image needs no {Count}; neither does a type left to the template (JSON without Type)', async () => {
		const one = await submit(fields({ outputMedia: 'oss://media-out/cover.jpg', settings: { count: 1 } }));
		const templateType = await submit(
			json({
				outputJson: '{"Type": "OSS", "Media": "oss://media-out/sprite.jpg"}',
				templateConfigJson: `{"TemplateId": "${TEMPLATE}", "OverwriteParams": {"Count": 20}}`,
			}),
		);
		expect([one.status, templateType.status]).toEqual(['success', 'success']);
		expect(emulators.emulator.jobs.list('snapshot')).toHaveLength(2);
	});
});

describe('Wait for Completion', () => {
	const wait = { waitForCompletion: true, pollIntervalSeconds: 1 };

	it('outputs the finished job with every image URL, the cover first, read 30 a page from GetSnapshotUrls', async () => {
		const run = await submit(fields({ ...wait, settings: { count: 65 } }), [ITEM], emulators.fast);
		expect(run.status).toBe('success');
		const [output] = run.output(SUBMIT);
		const jobId = (output.submission as IDataObject).JobId as string;
		const urls = Array.from({ length: 65 }, (_, index) => imageUrl('launch/cover-{Count}.jpg', index + 1));
		expect(output).toMatchObject({
			jobKind: 'snapshot',
			jobId,
			status: 'succeeded',
			finished: true,
			rawStatus: 'Success',
			snapshotCount: 65,
			coverUrl: urls[0],
			snapshotUrls: urls,
			job: { JobId: jobId, Status: 'Success', Count: 65 },
		});
		expect(output).not.toHaveProperty('webVttUrl');
		const reads = emulators.fast.requests.filter((request) => request.action === 'GetSnapshotUrls');
		expect(reads.map((request) => request.query)).toEqual(
			[1, 2, 3].map((page) => ({
				JobId: jobId,
				PageNumber: String(page),
				PageSize: '30',
				OrderBy: 'Asc',
				Timeout: '129600',
			})),
		);
		expect(actions(emulators.fast)[0]).toBe('SubmitSnapshotJob');
	});

	it('a WebVTT job also gives its .vtt URL', async () => {
		const run = await submit(
			fields({ ...wait, snapshotType: 'WebVtt', outputMedia: 'oss://media-out/vtt/frame-{Count}.jpg' }),
			[ITEM],
			emulators.fast,
		);
		expect(run.output(SUBMIT)[0]).toMatchObject({
			status: 'succeeded',
			snapshotCount: 3,
			webVttUrl: 'http://media-out.oss-cn-shanghai.aliyuncs.com/vtt/frame.vtt',
		});
	});

	it('a job that fails is an error of its item with the job’s Code and Message; no image URLs are asked for', async () => {
		emulators.fast.failJobsMatching({
			kind: 'snapshot',
			code: 'InvalidParameter.Input',
			message: 'The input is not a video.',
		});
		const run = await submit(fields(wait), [ITEM], emulators.fast);
		const [job] = emulators.fast.jobs.list('snapshot');
		expect(run.status).toBe('error');
		expect(run.nodeError(SUBMIT)?.message).toBe(
			`The snapshot job ${job.jobId} failed: InvalidParameter.Input: The input is not a video. [item 0]`,
		);
		expect(run.nodeError(SUBMIT)?.context).toMatchObject({
			code: 'InvalidParameter.Input',
			jobId: job.jobId,
			status: 'failed',
		});
		expect(actions(emulators.fast)).not.toContain('GetSnapshotUrls');
	});

	it('with Continue On Fail, a failed job is an error item while the others output their images', async () => {
		emulators.fast.failJobsMatching({ kind: 'snapshot', match: 'broken', code: 'InvalidMedia', message: 'Damaged.' });
		const items = [ITEM, { ...ITEM, video: 'oss://media-in/broken.mp4' }];
		const run = await submit(fields(wait), items, emulators.fast, 'continueRegularOutput');
		const [good, bad] = run.output(SUBMIT);
		expect(good).toMatchObject({ status: 'succeeded', snapshotCount: 3 });
		expect(bad.error).toMatch(/^The snapshot job [0-9a-f]{32} failed: InvalidMedia: Damaged\. \[item 1\]$/);
	});
});

describe('Get Snapshot Job', () => {
	it('a running job: its status, no image URLs asked for; once it succeeded: the job and its images', async () => {
		const submitted = await submit(fields());
		const jobId = submitted.output(SUBMIT)[0].JobId as string;
		const running = (await get(jobId)).output(GET)[0];
		expect(running).toMatchObject({
			jobKind: 'snapshot',
			jobId,
			status: 'running',
			finished: false,
			rawStatus: 'Init',
		});
		expect(running).not.toHaveProperty('snapshotUrls');
		expect(actions()).toEqual(['SubmitSnapshotJob', 'GetSnapshotJob']);

		emulators.emulator.clock.advance(60_000);
		const done = (await get(jobId)).output(GET)[0];
		expect(done).toMatchObject({
			jobId,
			status: 'succeeded',
			finished: true,
			snapshotCount: 3,
			coverUrl: imageUrl('launch/cover-{Count}.jpg', 1),
			snapshotUrls: [1, 2, 3].map((count) => imageUrl('launch/cover-{Count}.jpg', count)),
			job: { JobId: jobId, TemplateId: TEMPLATE, Type: 'Normal', Status: 'Success' },
		});
		expect(actions().slice(2)).toEqual(['GetSnapshotJob', 'GetSnapshotUrls']);
	});

	it('a failed job: its code and message', async () => {
		const [jobId] = emulators.emulator.seedJobs({
			kind: 'snapshot',
			count: 1,
			status: 'Fail',
			failure: { code: 'ResourceNotFound', message: 'The specified resource for "Pipeline" could not be found.' },
		});
		expect((await get(jobId)).output(GET)[0]).toMatchObject({
			status: 'failed',
			errorCode: 'ResourceNotFound',
			errorMessage: 'The specified resource for "Pipeline" could not be found.',
		});
		expect(actions()).toEqual(['GetSnapshotJob']);
	});

	it('an unknown job: Alibaba’s error with the request ID', async () => {
		const run = await get('00000000000000000000000000000000');
		expect(run.nodeError(GET)?.message).toMatch(/^GetSnapshotJob failed: ResourceNotFound: .*\(RequestId: /);
	});
});

describe('a lost answer (no ClientToken): looked for in ListSnapshotJobs, never sent twice', () => {
	it('a connection reset after the job was created: the job is found by its parameters, one job', async () => {
		const { emulator } = emulators;
		emulator.faults.reset({ action: 'SubmitSnapshotJob', afterEffect: true });
		const run = await submit(fields({ options: { jobName: 'launch' } }));
		expect(run.status).toBe('success');
		const [job] = emulator.jobs.list('snapshot');
		expect(run.output(SUBMIT)[0]).toEqual({
			JobId: job.jobId,
			lostAnswer: { code: 'ECONNRESET', message: expect.any(String), foundWith: 'ListSnapshotJobs' },
		});
		expect(actions()).toEqual(['SubmitSnapshotJob', 'ListSnapshotJobs']);
		expect(emulator.jobs.list('snapshot')).toHaveLength(1);
	});

	it('a 503 before the job was created: the list shows none, so the item is rejected and safe to send again', async () => {
		const { emulator } = emulators;
		emulator.faults.error({ action: 'SubmitSnapshotJob', status: 503 });
		const run = await submit(fields(), [ITEM], emulator, 'continueRegularOutput');
		const [output] = run.output(SUBMIT);
		expect(output.details).toMatchObject({ code: 'ServiceUnAvailable', outcome: 'rejected' });
		expect((output.details as IDataObject).description).toContain('no such job exists');
		expect(emulator.jobs.list('snapshot')).toHaveLength(0);
	});

	it('another job with the same input, output and template (only its User Data differs): still unknown, both named', async () => {
		const { emulator } = emulators;
		await submit(fields({ options: { userData: '{"order": 1}' } }));
		emulator.faults.error({ action: 'SubmitSnapshotJob', status: 500, afterEffect: true });
		const run = await submit(fields({ options: { userData: '{"order": 2}' } }));
		const error = run.nodeError(SUBMIT);
		expect(error?.context).toMatchObject({ outcome: 'unknown' });
		const jobs = emulator.jobs.list('snapshot');
		expect(jobs).toHaveLength(2);
		for (const job of jobs) expect(error?.description).toContain(job.jobId);
	});

	it('a job of another video is not taken for the lost one', async () => {
		const { emulator } = emulators;
		await submit(fields(), [{ ...ITEM, video: 'oss://media-in/other.mp4' }]);
		emulator.faults.error({ action: 'SubmitSnapshotJob', status: 503 });
		const run = await submit(fields(), [ITEM], emulator, 'continueRegularOutput');
		expect(run.output(SUBMIT)[0].details).toMatchObject({ outcome: 'rejected' });
		expect(emulator.jobs.list('snapshot')).toHaveLength(1);
	});
});

describe('the Media Job Trigger watching snapshot jobs', () => {
	it('emits each snapshot job that finishes once, succeeded ones with their images, failed ones with the reason', async () => {
		const { emulator } = emulators;
		emulator.seedJobs({ kind: 'snapshot', count: 20, status: ['Success', 'Fail'] });
		emulator.seedJobs({ kind: 'package', count: 3, intervalMs: 1000 });
		const trigger = new TriggerDriver(
			emulator,
			triggerWorkflow({ watch: ['snapshot'], outcomes: ['failed', 'succeeded'] }),
		);
		expect(await trigger.poll()).toEqual([]);

		const finishing = emulator.seedJobs({ kind: 'snapshot', count: 4, status: 'Init', intervalMs: 1000 });
		emulator.failJob(finishing[1], 'InvalidParameter', 'The input has no video stream.');
		expect((await trigger.poll()).map((item) => item.jobId)).toEqual([finishing[1]]);
		for (const jobId of [finishing[0], finishing[2], finishing[3]]) emulator.finishJob(jobId);
		const items = await trigger.poll();
		expect(await trigger.poll()).toEqual([]);

		expect(items.map((item) => item.jobId).sort()).toEqual([finishing[0], finishing[2], finishing[3]].sort());
		for (const item of items) {
			expect(item).toMatchObject({ jobKind: 'snapshot', status: 'succeeded', snapshotCount: 3 });
			expect((item.snapshotUrls as string[])[0]).toBe(item.coverUrl);
		}
		const listed = emulator.requests.filter((request) => request.action === 'ListSnapshotJobs');
		expect(listed.length).toBeGreaterThan(0);
		expect(actions()).not.toContain('ListPackageJobs');
	});

	it('the failed job carries its code and message (read with GetSnapshotJob: the list has none)', async () => {
		const { emulator } = emulators;
		const trigger = new TriggerDriver(emulator, triggerWorkflow({ watch: ['snapshot'], outcomes: ['failed'] }));
		expect(await trigger.poll()).toEqual([]);
		const [jobId] = emulator.seedJobs({ kind: 'snapshot', count: 1, status: 'Init', intervalMs: 1000 });
		emulator.failJob(jobId, 'InvalidParameter', 'The input has no video stream.');
		const [item] = await trigger.poll();
		expect(item).toMatchObject({
			jobId,
			status: 'failed',
			errorCode: 'InvalidParameter',
			errorMessage: 'The input has no video stream.',
		});
		expect(item).not.toHaveProperty('snapshotUrls');
		expect(actions()).not.toContain('GetSnapshotUrls');
	});

	it('the Pipeline ID option keeps the jobs of that pipeline only (ListSnapshotJobs has no such filter)', async () => {
		const { emulator } = emulators;
		const trigger = new TriggerDriver(
			emulator,
			triggerWorkflow({
				watch: ['snapshot'],
				outcomes: ['succeeded'],
				options: { pipelineId: { mode: 'id', value: 'pipe-a' } },
			}),
		);
		expect(await trigger.poll()).toEqual([]);
		const [mine] = emulator.seedJobs({ kind: 'snapshot', count: 1, status: 'Init', data: { PipelineId: 'pipe-a' } });
		const others = emulator.seedJobs({ kind: 'snapshot', count: 2, status: 'Init', data: { PipelineId: 'pipe-b' } });
		for (const jobId of [mine, ...others]) emulator.finishJob(jobId);
		expect((await trigger.poll()).map((item) => item.jobId)).toEqual([mine]);
	});
});
