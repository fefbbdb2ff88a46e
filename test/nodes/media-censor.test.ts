/**
 * Submit Media Censor Job and Get Media Censor Job through n8n's engine against the emulator: the wire parameters of
 * both modes, validation before sending, Wait for Completion (a block verdict is a finished job, not an error),
 * the verdict in the output and an IF node on it, the lost-answer search in QueryMediaCensorJobList, and the Media
 * Job Trigger watching moderation jobs.
 */
import type { IDataObject } from 'n8n-workflow';

import type { Emulator } from '../../tools/sandbox/emulator';
import { runWorkflow } from '../../tools/sandbox/engine';
import { TriggerDriver, triggerWorkflow } from '../../tools/sandbox/workflows/jobTrigger';
import { chain, sandboxCredentials, startingWith } from '../../tools/sandbox/workflows/workflows';
import { describeWithContract, requestMisfits } from '../support/contract';
import { FAST_CLOCK, suiteEmulators } from '../support/emulators';

const SUBMIT = 'Submit Media Censor Job';
const GET = 'Get Media Censor Job';
const VIDEO = 'oss://media-in/uploads/launch.mp4';
const LIST = 'QueryMediaCensorJobList';
const MINUTE = 60_000;

const emulators = suiteEmulators({ emulator: {}, fast: FAST_CLOCK });

function submit(parameters: IDataObject = {}, onError?: 'continueRegularOutput') {
	return {
		name: SUBMIT,
		type: 'alibabaCloudSubmitMediaCensorJob',
		onError,
		parameters: { inputType: 'OSS', inputMedia: '={{ $json.video }}', ...parameters },
	};
}

const WAIT = { waitForCompletion: true, pollIntervalSeconds: 1 };

async function run(on: Emulator, steps: ReturnType<typeof submit>[], items: IDataObject[] = [{ video: VIDEO }]) {
	return runWorkflow(chain(...steps), { credentials: sandboxCredentials(on), pinData: startingWith(items) });
}

describe('what the node sends', () => {
	it('Fields mode: every option as the API wants it, JSON parameters as JSON text, nothing in the body', async () => {
		const result = await run(emulators.emulator, [
			submit({
				options: {
					title: 'Launch trailer',
					description: 'Our new product',
					barrages: 'first!',
					coverImages: {
						image: [
							{ url: 'https://media-in.oss-cn-shanghai.aliyuncs.com/covers/launch.jpg' },
							{ url: 'oss://media-in/c2.jpg' },
						],
					},
					snapshotOutput: 'oss://media-out/censor/launch-{Count}.jpg',
					templateId: 'S00000001-100060',
					pipelineId: { mode: 'id', value: 'e37ebee5d98b4781897f6086e89f9c56' },
					priority: 8,
					notifyUrl: 'https://hooks.example.com/moderation',
					userData: 'ticket-1001 «中文»',
				},
			}),
		]);
		expect(result.status).toBe('success');
		const [request] = emulators.emulator.requests;
		expect(request).toMatchObject({
			action: 'SubmitMediaCensorJob',
			version: '2020-11-09',
			method: 'POST',
			status: 200,
		});
		expect(request.query).toEqual({
			Input: `{"Type":"OSS","Media":"${VIDEO}"}`,
			Output: 'oss://media-out/censor/launch-{Count}.jpg',
			Title: 'Launch trailer',
			Description: 'Our new product',
			Barrages: 'first!',
			CoverImages:
				'[{"Bucket":"media-in","Location":"oss-cn-shanghai","Object":"covers/launch.jpg"},{"Bucket":"media-in","Object":"c2.jpg"}]',
			TemplateId: 'S00000001-100060',
			ScheduleConfig: '{"PipelineId":"e37ebee5d98b4781897f6086e89f9c56","Priority":8}',
			NotifyUrl: 'https://hooks.example.com/moderation',
			UserData: 'ticket-1001 «中文»',
		});
		expect(request.rawBody).toBe('');
		const [job] = emulators.emulator.jobs.list('mediaCensor');
		expect(result.output(SUBMIT)).toEqual([{ JobId: job.jobId, RequestId: request.requestId }]);
	});

	it('JSON mode: the parameters as written, structured ones sent as JSON text', async () => {
		const written = {
			Input: { Type: 'Media', Media: 'c3f8d1a0e2b94f6a8b7c6d5e4f3a2b1c' },
			CoverImages: [{ Bucket: 'media-in', Location: 'oss-cn-shanghai', Object: 'c.jpg' }],
			Title: 'Launch',
			ScheduleConfig: { PipelineId: 'pipe-1' },
			UserData: 'ticket-7',
		};
		const result = await run(emulators.emulator, [
			submit({ jobDefinition: 'json', jobJson: JSON.stringify(written, null, 2) }),
		]);
		expect(result.status).toBe('success');
		expect(emulators.emulator.requests[0].query).toEqual({
			Input: JSON.stringify(written.Input),
			CoverImages: JSON.stringify(written.CoverImages),
			Title: 'Launch',
			ScheduleConfig: '{"PipelineId":"pipe-1"}',
			UserData: 'ticket-7',
		});
		expect(emulators.emulator.jobs.list('mediaCensor')).toHaveLength(1);
	});

	describeWithContract('against the contract', () => {
		it('both modes and the Get node send only what the contract knows', async () => {
			await run(emulators.emulator, [
				submit({ options: { title: 't', coverImages: { image: [{ url: 'oss://b/c.jpg' }] } } }),
			]);
			await run(emulators.emulator, [submit({ jobDefinition: 'json', jobJson: '{"Title":"t","Barrages":"b"}' })]);
			const [jobId] = emulators.emulator.seedJobs({ kind: 'mediaCensor', count: 1 });
			await run(emulators.emulator, [
				{ name: GET, type: 'alibabaCloudGetMediaCensorJob', parameters: { jobId } } as never,
			]);
			const misfits = emulators.emulator.requests.flatMap((request) =>
				requestMisfits(request.action ?? '?', { query: request.query, form: request.form }),
			);
			expect(misfits).toEqual([]);
			expect(emulators.emulator.requests.map((request) => request.action)).toEqual([
				'SubmitMediaCensorJob',
				'SubmitMediaCensorJob',
				'QueryMediaCensorJobDetail',
			]);
		});
	});
});

describe('validation before any request: the field and the item named, nothing sent', () => {
	it.each([
		['an OSS input that is no URL', { inputMedia: 'launch.mp4' }, /^Input Media must be an OSS object/],
		[
			'a Title over 64 bytes',
			{ options: { title: '界'.repeat(22) } },
			/^Title must be at most 64 bytes \(got 66 bytes\)/,
		],
		['User Data over 128 bytes', { options: { userData: 'x'.repeat(129) } }, /^User Data must be at most 128 bytes/],
		[
			'No Video and nothing else',
			{ inputType: 'none' },
			/^Input Type is No Video, and Options give no Title, Description, Barrages or Cover Images/,
		],
		[
			'a cover image off OSS',
			{ options: { coverImages: { image: [{ url: 'https://cdn.example.com/c.jpg' }] } } },
			/^Cover Images › Image 1 must name an OSS object/,
		],
		['JSON that does not parse', { jobDefinition: 'json', jobJson: '{"Input": ' }, /^Job \(JSON\) is not valid JSON/],
		[
			'JSON with Output as {Type, Media}',
			{ jobDefinition: 'json', jobJson: '{"Title":"t","Output":{"Type":"OSS","Media":"oss://b/o.jpg"}}' },
			/^Job \(JSON\) › Output must be text/,
		],
		[
			'JSON Input with a field its SDK model lacks',
			{ jobDefinition: 'json', jobJson: '{"Input":{"Type":"OSS","Media":"oss://b/a.mp4","Bucket":"b"}}' },
			/^Job \(JSON\) › Input › Bucket is not a field the API knows here; it takes Type, Media/,
		],
		[
			'JSON with a ClientToken (SubmitMediaCensorJob has none)',
			{ jobDefinition: 'json', jobJson: '{"Title":"t","ClientToken":"x"}' },
			/^Job \(JSON\) › ClientToken is not a field the API knows here/,
		],
	] as Array<[string, IDataObject, RegExp]>)('%s', async (_case, parameters, message) => {
		const result = await run(emulators.emulator, [submit(parameters)], [{ video: VIDEO }, { video: VIDEO }]);
		expect(result.status).toBe('error');
		const error = result.nodeError(SUBMIT);
		expect(error?.message).toMatch(message);
		expect(error?.message).toMatch(/\[item 0\]$/);
		expect(error?.description).toContain('Nothing was sent to Alibaba Cloud');
		expect(emulators.emulator.requests).toHaveLength(0);
	});
});

describe('Wait for Completion', () => {
	it('a block verdict is a finished job: the item succeeds with suggestion block and the scene that blocked', async () => {
		emulators.fast.addVerdictRule({
			kind: 'mediaCensor',
			match: 'nsfw',
			verdict: { Suggestion: 'block', Scene: 'porn' },
		});
		const items = [{ video: 'oss://media-in/uploads/nsfw.mp4' }, { video: VIDEO }];
		const result = await run(emulators.fast, [submit({ ...WAIT, options: { title: 'Launch' } })], items);
		expect(result.status).toBe('success');
		const [blocked, clean] = result.output(SUBMIT);
		expect(blocked).toMatchObject({
			jobKind: 'mediaCensor',
			status: 'succeeded',
			rawStatus: 'Success',
			suggestion: 'block',
			inputUrl: 'oss://media-in/uploads/nsfw.mp4',
			title: { scene: 'antispam', label: 'normal', suggestion: 'pass', rate: 99.9 },
		});
		expect(blocked.scenes).toEqual([
			{ scene: 'porn', label: 'porn', suggestion: 'block', rate: 99.91 },
			{ scene: 'terrorism', label: 'normal', suggestion: 'pass', rate: 99.9 },
			{ scene: 'ad', label: 'normal', suggestion: 'pass', rate: 99.9 },
			{ scene: 'live', label: 'normal', suggestion: 'pass', rate: 99.9 },
			{ scene: 'logo', label: 'normal', suggestion: 'pass', rate: 99.9 },
		]);
		expect(clean).toMatchObject({ status: 'succeeded', suggestion: 'pass' });
		// What the emulator really decided, job by job.
		const jobs = emulators.fast.jobs.list('mediaCensor');
		expect(jobs.map((job) => job.jobId)).toEqual([blocked.jobId, clean.jobId]);
		expect(jobs.map((job) => job.status)).toEqual(['Success', 'Success']);
	});

	it('an IF node on suggestion sends the blocked video one way and the clean one the other', async () => {
		emulators.fast.addVerdictRule({
			kind: 'mediaCensor',
			match: 'nsfw',
			verdict: { Suggestion: 'block', Scene: 'porn' },
		});
		const ifNode = {
			name: 'Blocked?',
			type: 'n8n-nodes-base.if',
			typeVersion: 2.2,
			parameters: {
				conditions: {
					options: { caseSensitive: true, leftValue: '', typeValidation: 'strict', version: 2 },
					conditions: [
						{
							id: 'blocked',
							leftValue: '={{ $json.suggestion }}',
							rightValue: 'block',
							operator: { type: 'string', operation: 'equals' },
						},
					],
					combinator: 'and',
				},
				options: {},
			},
		};
		const items = [{ video: VIDEO }, { video: 'oss://media-in/uploads/nsfw.mp4' }];
		const result = await run(emulators.fast, [submit(WAIT), ifNode as never], items);
		expect(result.status).toBe('success');
		expect(result.output('Blocked?', 0).map((item) => item.inputUrl)).toEqual(['oss://media-in/uploads/nsfw.mp4']);
		expect(result.output('Blocked?', 1).map((item) => item.inputUrl)).toEqual([VIDEO]);
	});

	it('a job that fails is an error of its item, with the job’s code and message', async () => {
		emulators.fast.failJobsMatching({
			kind: 'mediaCensor',
			match: 'broken',
			code: 'InvalidMedia.Damaged',
			message: 'The file is damaged.',
		});
		const items = [{ video: VIDEO }, { video: 'oss://media-in/uploads/broken.mp4' }];
		const result = await run(emulators.fast, [submit(WAIT, 'continueRegularOutput')], items);
		expect(result.status).toBe('success');
		const [ok, failed] = result.output(SUBMIT);
		expect(ok).toMatchObject({ status: 'succeeded', suggestion: 'pass' });
		const failedJob = emulators.fast.jobs.list('mediaCensor')[1];
		expect(failedJob.status).toBe('Fail');
		expect(failed.error).toBe(
			`The moderation job ${failedJob.jobId} failed: InvalidMedia.Damaged: The file is damaged. [item 1]`,
		);
	});

	it('jobs still running when time is up (read from the job list): the error says their State', async () => {
		// The manual clock never moves: the jobs stay Queuing. Two jobs due at once are read from the list.
		const result = await run(
			emulators.emulator,
			[submit({ ...WAIT, maxWaitMinutes: 0.05 }, 'continueRegularOutput')],
			[{ video: VIDEO }, { video: VIDEO }],
		);
		const outputs = result.output(SUBMIT);
		const jobs = emulators.emulator.jobs.list('mediaCensor');
		expect(outputs.map((output) => output.error)).toEqual(
			jobs.map(
				(job) =>
					`The moderation job ${job.jobId} is still running after 3 s (status Queuing) [item ${jobs.indexOf(job)}]`,
			),
		);
		expect(emulators.emulator.requests.some((request) => request.action === LIST)).toBe(true);
	});
});

describe('Get Media Censor Job', () => {
	it('reads the verdict of a finished job and the State of a running one', async () => {
		const [done] = emulators.emulator.seedJobs({
			kind: 'mediaCensor',
			count: 1,
			verdict: { Suggestion: 'review', Scene: 'ad', Label: 'qrcode' },
		});
		const [running] = emulators.emulator.seedJobs({ kind: 'mediaCensor', count: 1, status: 'Analysing' });
		const result = await runWorkflow(
			chain({ name: GET, type: 'alibabaCloudGetMediaCensorJob', parameters: { jobId: '={{ $json.id }}' } }),
			{ credentials: sandboxCredentials(emulators.emulator), pinData: startingWith([{ id: done }, { id: running }]) },
		);
		const [finished, analysing] = result.output(GET);
		expect(finished).toMatchObject({
			jobKind: 'mediaCensor',
			jobId: done,
			status: 'succeeded',
			finished: true,
			suggestion: 'review',
			title: { scene: 'antispam', suggestion: 'pass' },
			job: { JobId: done, State: 'Success', Suggestion: 'review' },
		});
		expect((finished.scenes as IDataObject[]).find((scene) => scene.scene === 'ad')).toEqual({
			scene: 'ad',
			label: 'qrcode',
			suggestion: 'review',
			rate: 99.91,
		});
		expect(analysing).toMatchObject({ jobId: running, status: 'running', finished: false, rawStatus: 'Analysing' });
		expect(analysing).not.toHaveProperty('suggestion');
		expect(emulators.emulator.requests.map((request) => request.action)).toEqual([
			'QueryMediaCensorJobDetail',
			'QueryMediaCensorJobDetail',
		]);
	});
});

describe('a lost answer (no ClientToken): looked for in QueryMediaCensorJobList', () => {
	it('a connection reset after the job was created: not sent again; the job is found by its User Data', async () => {
		emulators.emulator.faults.reset({ action: 'SubmitMediaCensorJob', afterEffect: true });
		const result = await run(
			emulators.emulator,
			[submit({ options: { userData: '={{ $json.ticket }}' } })],
			[{ video: VIDEO, ticket: 'ticket-1' }],
		);
		expect(result.status).toBe('success');
		const jobs = emulators.emulator.jobs.list('mediaCensor');
		expect(jobs).toHaveLength(1);
		expect(result.output(SUBMIT)[0]).toMatchObject({
			JobId: jobs[0].jobId,
			lostAnswer: { code: 'ECONNRESET', foundWith: LIST },
		});
		expect(emulators.emulator.requests.map((request) => request.action)).toEqual(['SubmitMediaCensorJob', LIST]);
		const [, listed] = emulators.emulator.requests;
		expect(listed.query).toMatchObject({ StartOfJobCreatedTimeRange: expect.any(String), MaximumPageSize: '100' });
	});

	it('another item’s job on the same video with other User Data is not taken for it', async () => {
		emulators.emulator.seedJobs({
			kind: 'mediaCensor',
			count: 1,
			status: 'Analysing',
			intervalMs: 1000,
			data: { Input: { Type: 'OSS', Media: VIDEO }, UserData: 'someone-else' },
		});
		emulators.emulator.faults.error({ action: 'SubmitMediaCensorJob', status: 500, afterEffect: false });
		const result = await run(emulators.emulator, [submit({ options: { userData: 'ticket-2' } })], [{ video: VIDEO }]);
		// The service answered 500 and no job of this request is listed: it was not created.
		expect(result.status).toBe('error');
		expect(result.nodeError(SUBMIT)?.context).toMatchObject({ outcome: 'rejected' });
		expect(emulators.emulator.jobs.list('mediaCensor')).toHaveLength(1);
	});

	it('texts only and no User Data cannot be told apart in the list: outcome unknown, no second job', async () => {
		emulators.emulator.faults.reset({ action: 'SubmitMediaCensorJob', afterEffect: true });
		const result = await run(emulators.emulator, [submit({ inputType: 'none', options: { title: 'Launch' } })]);
		const error = result.nodeError(SUBMIT);
		expect(error?.context).toMatchObject({ outcome: 'unknown' });
		expect(error?.description).toContain('the request has nothing that tells its job apart from others in the list');
		expect(emulators.emulator.requests.map((request) => request.action)).toEqual(['SubmitMediaCensorJob']);
		expect(emulators.emulator.jobs.list('mediaCensor')).toHaveLength(1);
	});
});

describe('Media Job Trigger, Watch: Content Moderation Jobs', () => {
	const listRequests = () => emulators.emulator.requests.filter((request) => request.action === LIST);

	it('activation reads the look-back window to its end (no order to rely on); each job that finishes is emitted once', async () => {
		emulators.emulator.seedJobs({ kind: 'mediaCensor', count: 250, intervalMs: 1000 });
		// Each finishes 30 s after its creation: a minute later the history has all finished.
		emulators.emulator.clock.advance(MINUTE);
		const trigger = new TriggerDriver(
			emulators.emulator,
			triggerWorkflow({ watch: ['mediaCensor'], outcomes: ['failed', 'succeeded'] }),
		);
		expect(await trigger.poll()).toEqual([]);
		// 250 jobs: three pages of 100, each over a creation-time window, without a sort parameter.
		const activation = listRequests();
		expect(activation).toHaveLength(3);
		for (const request of activation) {
			expect(Object.keys(request.query).sort()).toEqual(
				expect.arrayContaining(['EndOfJobCreatedTimeRange', 'MaximumPageSize', 'StartOfJobCreatedTimeRange']),
			);
			expect(request.query).not.toHaveProperty('OrderBy');
		}

		const running = emulators.emulator.seedJobs({
			kind: 'mediaCensor',
			count: 2,
			status: 'Analysing',
			intervalMs: 1000,
		});
		const [flagged] = emulators.emulator.seedJobs({
			kind: 'mediaCensor',
			count: 1,
			status: 'Analysing',
			intervalMs: 1000,
			verdict: { Suggestion: 'block', Scene: 'terrorism', Label: 'weapon' },
		});
		emulators.emulator.clock.advance(MINUTE);
		expect(await trigger.poll()).toEqual([]);
		emulators.emulator.finishJob(running[0]);
		emulators.emulator.failJob(running[1], 'InvalidMedia', 'Bad file.');
		emulators.emulator.finishJob(flagged);
		emulators.emulator.clock.advance(MINUTE);
		const items = await trigger.poll();
		expect(items.map((item) => item.jobId).sort()).toEqual([...running, flagged].sort());
		const byId = Object.fromEntries(items.map((item) => [item.jobId, item]));
		expect(byId[flagged]).toMatchObject({ jobKind: 'mediaCensor', status: 'succeeded', suggestion: 'block' });
		expect(byId[running[1]]).toMatchObject({ status: 'failed', errorCode: 'InvalidMedia', errorMessage: 'Bad file.' });
		expect((byId[flagged].scenes as IDataObject[])[1]).toEqual({
			scene: 'terrorism',
			label: 'weapon',
			suggestion: 'block',
			rate: 99.91,
		});
		emulators.emulator.clock.advance(MINUTE);
		expect(await trigger.poll()).toEqual([]);
	});

	it('Pipeline ID is sent to the list: only that pipeline’s jobs are read and emitted', async () => {
		const trigger = new TriggerDriver(
			emulators.emulator,
			triggerWorkflow({
				watch: ['mediaCensor'],
				outcomes: ['succeeded'],
				options: { pipelineId: { mode: 'id', value: 'pipe-a' } },
			}),
		);
		expect(await trigger.poll()).toEqual([]);
		const [ours] = emulators.emulator.seedJobs({
			kind: 'mediaCensor',
			count: 1,
			intervalMs: 1000,
			status: 'Analysing',
			data: { PipelineId: 'pipe-a' },
		});
		const [theirs] = emulators.emulator.seedJobs({
			kind: 'mediaCensor',
			count: 1,
			intervalMs: 1000,
			status: 'Analysing',
			data: { PipelineId: 'pipe-b' },
		});
		emulators.emulator.finishJob(ours);
		emulators.emulator.finishJob(theirs);
		emulators.emulator.clock.advance(MINUTE);
		const items = await trigger.poll();
		expect(items.map((item) => item.jobId)).toEqual([ours]);
		expect(listRequests().every((request) => request.query.PipelineId === 'pipe-a')).toBe(true);
	});
});
