/**
 * Every answer the emulator gives fits the contract's response tree: each operation, each job state it can reach,
 * failures with and without a code, pages, and error bodies.
 */
import { admin } from '../../tools/sandbox/emulator/sdkClient';
import { describeWithContract, loadContract } from '../support/contract';
import { contractProbeSuite } from './emulatorCalls';

const json = (value: unknown): string => JSON.stringify(value);
const OSS_OUT = json({ MediaURL: 'https://bucket.oss-cn-shanghai.aliyuncs.com/out.mp4' });
const VOD_OUT = json({
	StorageLocation: 'outin-1.oss-cn-shanghai.aliyuncs.com',
	FileName: 'out.mp4',
	Width: 1280,
	Height: 720,
});
const TIMELINE = json({ VideoTracks: [{ VideoTrackClips: [{ MediaId: 'abc' }] }] });
const PACKAGE = {
	Inputs: json([{ Input: { Type: 'OSS', Media: 'oss://bucket/in.mp4' } }]),
	Output: json({ Type: 'OSS', Media: 'oss://bucket/out/index.m3u8' }),
	Name: 'pkg',
	ScheduleConfig: json({ PipelineId: 'p', Priority: 7 }),
	UserData: '{"k":"v"}',
};
const CLIPS = json([{ StartTime: '2026-01-10T07:00:00Z', EndTime: '2026-01-10T07:01:00Z' }]);
const STREAM = json({ AppName: 'app', DomainName: 'live.example.com', StreamName: 's' });

/** The clock offsets at which every running state of every kind has been entered (defaults in jobs.ts). */
const LIFETIME_STEPS_MS = [0, 2_000, 3_000, 55_000];

const suite = contractProbeSuite();

/** Reads the job at each lifecycle step until it has finished. */
async function followLifecycle(read: () => Promise<unknown>): Promise<void> {
	for (const step of LIFETIME_STEPS_MS) {
		suite.emulator.clock.advance(step);
		await read();
	}
}

const states = (kind: string): string[] => [...(loadContract().job_states[kind].values ?? [])].sort();

describeWithContract('contract: emulator answers', () => {
	it('packaging: submit, Get through Init → Success and Fail (with and without a code)', async () => {
		const submit = async () => (await suite.probe.ok('SubmitPackageJob', PACKAGE)).JobId as string;
		const done = await submit();
		await followLifecycle(async () => {
			await suite.probe.ok('GetPackageJob', { JobId: done });
			await suite.probe.ok('ListPackageJobs', {});
		});
		const coded = await submit();
		const plain = await submit();
		suite.emulator.failJob(coded, 'InvalidParameter', 'Resource content bad.');
		suite.emulator.failJob(plain);
		expect((await suite.probe.ok('GetPackageJob', { JobId: coded })).PackageJob).toMatchObject({
			Code: 'InvalidParameter',
		});
		expect((await suite.probe.ok('GetPackageJob', { JobId: plain })).PackageJob).not.toHaveProperty('Code');
		await suite.probe.ok('ListPackageJobs', {});
		expect(suite.probe.seen('GetPackageJob')).toEqual(states('package_job'));
		expect(suite.probe.seen('ListPackageJobs')).toEqual(states('package_job'));
	});

	it('media producing: timeline, project and template jobs through every state, Get and List', async () => {
		const jobs = [
			await suite.probe.ok(
				'SubmitMediaProducingJob',
				{ OutputMediaConfig: OSS_OUT, Source: 'OpenAPI' },
				{ Timeline: TIMELINE },
			),
			await suite.probe.ok('SubmitMediaProducingJob', {
				ProjectId: 'p1',
				OutputMediaConfig: VOD_OUT,
				OutputMediaTarget: 'vod-media',
			}),
			await suite.probe.ok('SubmitMediaProducingJob', {
				TemplateId: 't1',
				ClipsParam: '{"Media0":"m"}',
				OutputMediaConfig: OSS_OUT,
			}),
		];
		expect(jobs[1].VodMediaId).toBeDefined();
		await followLifecycle(async () => {
			for (const { JobId } of jobs) await suite.probe.ok('GetMediaProducingJob', { JobId });
			await suite.probe.ok('ListMediaProducingJobs', {});
		});
		const [coded, plain] = [
			await suite.probe.ok('SubmitMediaProducingJob', { OutputMediaConfig: OSS_OUT }, { Timeline: TIMELINE }),
			await suite.probe.ok('SubmitMediaProducingJob', { OutputMediaConfig: OSS_OUT }, { Timeline: TIMELINE }),
		];
		suite.emulator.failJob(coded.JobId, 'TemplateError', 'x');
		suite.emulator.failJob(plain.JobId);
		for (const { JobId } of [coded, plain]) await suite.probe.ok('GetMediaProducingJob', { JobId });
		for (const JobType of ['EditingJob', 'VETemplateJob', 'LiveEditingJob'])
			await suite.probe.ok('ListMediaProducingJobs', { JobType, SortBy: 'CreationTime:Asc', MaxResults: '100' });
		expect(suite.probe.seen('GetMediaProducingJob')).toEqual(states('media_producing_job'));
		expect(suite.probe.seen('ListMediaProducingJobs')).toEqual(states('media_producing_job'));
	});

	it('live editing: Submit (OSS and VOD), Get and GetMediaProducingJob for the same ID in every state', async () => {
		const oss = await suite.probe.ok('SubmitLiveEditingJob', {
			Clips: CLIPS,
			LiveStreamConfig: STREAM,
			MediaProduceConfig: json({ Mode: 'Accurate', Width: 640 }),
			OutputMediaConfig: json({
				MediaURL: 'https://bucket.oss-cn-shanghai.aliyuncs.com/l.mp4',
				Width: 1280,
				Height: 720,
				Custom: 1,
			}),
			UserData: '{"k":"v"}',
		});
		const vod = await suite.probe.ok('SubmitLiveEditingJob', {
			Clips: CLIPS,
			LiveStreamConfig: STREAM,
			OutputMediaTarget: 'vod-media',
		});
		expect(vod.VodMediaId).toBeDefined();
		expect((await suite.probe.ok('GetMediaProducingJob', { JobId: vod.JobId })).MediaProducingJob.VodMediaId).toBe(
			vod.VodMediaId,
		);
		await followLifecycle(async () => {
			for (const { JobId } of [oss, vod]) {
				await suite.probe.ok('GetLiveEditingJob', { JobId });
				await suite.probe.ok('GetMediaProducingJob', { JobId });
			}
		});
		const failed = await suite.probe.ok('SubmitLiveEditingJob', { Clips: CLIPS, LiveStreamConfig: STREAM });
		suite.emulator.failJob(failed.JobId, 'LiveStreamNotFound', 'no stream');
		await suite.probe.ok('GetLiveEditingJob', { JobId: failed.JobId });
		expect(suite.probe.seen('GetLiveEditingJob')).toEqual(states('live_editing_job'));
	});

	it('VOD workflow tasks: every status, including Skip, Canceled and failures with and without a code', async () => {
		const submit = async () =>
			(await suite.probe.ok('SubmitWorkflowJob', { WorkflowId: 'wf', MediaId: 'video-1' })).TaskId as string;
		const read = (JobId: string) => suite.probe.ok('GetJobDetail', { JobId, JobType: 'workflow' });
		const done = await submit();
		await followLifecycle(() => read(done));
		const [coded, plain, ruled, canceled, skipped] = [
			await submit(),
			await submit(),
			await submit(),
			await submit(),
			await submit(),
		];
		expect(
			(await admin(suite.emulator, 'POST', `/jobs/${coded}/fail`, { code: 'TranscodeFail', message: 'bad' })).status,
		).toBe(200);
		expect((await admin(suite.emulator, 'POST', `/jobs/${plain}/fail`, {})).status).toBe(200);
		expect((await admin(suite.emulator, 'POST', `/jobs/${canceled}/cancel`)).status).toBe(200);
		expect((await admin(suite.emulator, 'POST', `/jobs/${skipped}/skip`)).status).toBe(200);
		suite.emulator.failJobsMatching({ kind: 'workflow' });
		const ruledLater = await submit();
		suite.emulator.finishJob(ruled);
		suite.emulator.clock.advance(60_000);
		const seeded = suite.emulator.seedJobs({
			kind: 'workflow',
			count: 6,
			status: ['Init', 'Processing', 'Succeed', 'Failed', 'Canceled', 'Skip'],
		});
		for (const id of [coded, plain, ruled, canceled, skipped, ruledLater, ...seeded]) await read(id);
		expect(suite.probe.seen('GetJobDetail')).toEqual(states('vod_workflow_task'));
		const results = JSON.parse((await read(coded)).WorkflowTaskDetail.ActivityResults);
		expect(Object.values(results).map((left: any) => JSON.parse(left.Result).MessageBody?.ErrorCode)).toContain(
			'TranscodeFail',
		);
		const codeless = JSON.stringify(JSON.parse((await read(plain)).WorkflowTaskDetail.ActivityResults));
		expect(codeless).not.toMatch(/Error/);
	});

	it('callback settings: SetEventCallback / GetEventCallback and SetMessageCallback / GetMessageCallback, and refusals', async () => {
		expect(await suite.probe.ok('GetEventCallback')).toEqual({ RequestId: expect.any(String) });
		expect(await suite.probe.ok('GetMessageCallback')).toEqual({ RequestId: expect.any(String) });
		const ice = {
			CallbackType: 'HTTP',
			CallbackURL: 'https://hooks.example.com/alibaba',
			EventTypeList: 'ProduceMediaComplete',
			AuthSwitch: 'on',
			AuthKey: 'TestKey001',
		};
		expect(await suite.probe.ok('SetEventCallback', ice)).toMatchObject({ Success: true });
		expect(await suite.probe.ok('GetEventCallback')).toMatchObject(ice);
		// A Set changes only the fields it is given.
		await suite.probe.ok('SetEventCallback', { EventTypeList: 'ProduceMediaComplete,TranscodeComplete' });
		expect(await suite.probe.ok('GetEventCallback')).toMatchObject({
			...ice,
			EventTypeList: 'ProduceMediaComplete,TranscodeComplete',
		});
		const vod = { ...ice, EventTypeList: 'WorkflowTaskComplete', AuthKey: 'Dsf346dvet' };
		expect(Object.keys(await suite.probe.ok('SetMessageCallback', vod))).toEqual(['RequestId']);
		expect((await suite.probe.ok('GetMessageCallback')).MessageCallback).toEqual({ AppId: 'app-1000000', ...vod });
		expect(await suite.probe.ok('GetMessageCallback', { AppId: 'app-2000000' })).not.toHaveProperty('MessageCallback');
		const refused = async (action: string, query: Record<string, string>) =>
			expect((await suite.probe.call(action, query)).body.Code).toBe('InvalidParameter');
		await refused('SetEventCallback', { AuthKey: 'has-dash' });
		await refused('SetEventCallback', { AuthKey: 'k'.repeat(33) });
		await refused('SetEventCallback', { CallbackType: 'SMS' });
		await refused('SetEventCallback', { CallbackURL: `https://x.example.com/${'p'.repeat(240)}` });
		await refused('SetMessageCallback', { CallbackType: 'MNS' });
		await refused('SetMessageCallback', { AppId: 'app-3', AuthSwitch: 'on' });
		await refused('SetMessageCallback', { AppId: 'app-3', CallbackType: 'HTTP' });
		expect(await suite.probe.ok('GetEventCallback')).toMatchObject({ AuthKey: 'TestKey001' });
	});

	it('media assets: RegisterMediaInfo, GetMediaInfo through Init → Preparing → Normal and PrepareFail, by ID and URL', async () => {
		const register = async (query: Record<string, string>) =>
			(await suite.probe.ok('RegisterMediaInfo', query)).MediaId;
		const video = await register({
			InputURL: 'https://bucket.oss-cn-shanghai.aliyuncs.com/in/video.mp4',
			MediaType: 'video',
			BusinessType: 'opening',
			Title: 't',
			Description: 'd',
			MediaTags: 'a,b',
			CoverURL: 'https://bucket.oss-cn-shanghai.aliyuncs.com/c.png',
			CateId: '3048',
			ReferenceId: 'ref-0001',
			RegisterConfig: json({ NeedSprite: 'false' }),
			UserData: '{"k":"v"}',
			ClientToken: 'token-1',
		});
		const audio = await register({ InputURL: 'oss://bucket/in/voice.mp3' });
		const image = await register({ InputURL: 'oss://bucket/in/logo.png', Overwrite: 'true' });
		const subtitles = await register({
			InputURL: 'oss://bucket/in/s.srt',
			MediaType: 'text',
			BusinessType: 'subtitles',
		});
		const fromVod = await register({ InputURL: 'vod://0123456789abcdef0123456789abcdef' });
		await followLifecycle(async () => {
			for (const MediaId of [video, audio, image, subtitles, fromVod])
				await suite.probe.ok('GetMediaInfo', { MediaId });
		});
		const byUrl = await suite.probe.ok('GetMediaInfo', { InputURL: 'oss://bucket/in/video.mp4', OutputType: 'cdn' });
		expect(byUrl.MediaInfo.MediaId).toBe(video);
		expect(byUrl.MediaInfo.FileInfoList[0].FileBasicInfo).toMatchObject({ Width: '1280', Height: '720' });
		suite.emulator.failJobsMatching({ kind: 'mediaAsset', match: 'broken' });
		const broken = await register({ InputURL: 'oss://bucket/in/broken.mp4' });
		suite.emulator.clock.advance(60_000);
		expect((await suite.probe.ok('GetMediaInfo', { MediaId: broken })).MediaInfo).not.toHaveProperty('FileInfoList');
		expect(suite.probe.seen('GetMediaInfo')).toEqual(['Init', 'Normal', 'PrepareFail', 'Preparing']);
	});

	it("media assets: a produced video's MediaId is readable with GetMediaInfo, Preparing until the job succeeds", async () => {
		const job = await suite.probe.ok(
			'SubmitMediaProducingJob',
			{
				OutputMediaConfig: json({
					MediaURL: 'https://bucket.oss-cn-shanghai.aliyuncs.com/out.mp4',
					Width: 640,
					Height: 360,
				}),
			},
			{ Timeline: TIMELINE },
		);
		const read = async () => (await suite.probe.ok('GetMediaInfo', { MediaId: job.MediaId })).MediaInfo;
		expect((await read()).MediaBasicInfo.Status).toBe('Preparing');
		suite.emulator.clock.advance(60_000);
		const done = await read();
		expect([done.MediaBasicInfo.Status, done.FileInfoList[0].FileBasicInfo.Width]).toEqual(['Normal', '640']);
	});

	it('pick-list operations (test/support/contractExtensions.ts): ListTemplates, ListPipelines, ListEditingProjects', async () => {
		for (const Status of ['Available', 'Processing'])
			suite.emulator.catalogue.addTemplate({ Status, Type: 'VETemplate' });
		suite.emulator.catalogue.addPipeline({ Speed: 'Boost', Status: 'Paused' });
		suite.emulator.catalogue.addPipeline();
		suite.emulator.catalogue.addProject({ TemplateType: 'Timeline', Status: 'Produced' });
		for (let index = 0; index < 3; index++) suite.emulator.catalogue.addProject();
		expect((await suite.probe.ok('ListTemplates', {})).Templates).toHaveLength(2);
		const available = await suite.probe.ok('ListTemplates', {
			Status: 'Available',
			PageNo: '1',
			PageSize: '1',
			Keyword: 't',
		});
		expect([available.Templates.length, available.TotalCount]).toEqual([1, 1]);
		expect((await suite.probe.ok('ListPipelines', { Speed: 'Boost' })).PipelineList).toHaveLength(1);
		const first = await suite.probe.ok('ListEditingProjects', { MaxResults: '2', SortBy: 'CreationTime:Asc' });
		const rest = await suite.probe.ok('ListEditingProjects', {
			MaxResults: '2',
			SortBy: 'CreationTime:Asc',
			NextToken: first.NextToken,
		});
		expect([first.ProjectList.length, rest.ProjectList.length, rest.NextToken]).toEqual([2, 2, undefined]);
		for (const [action, query] of [
			['ListTemplates', { Type: 'Advanced' }],
			['ListPipelines', { Speed: 'Fast' }],
			['ListEditingProjects', { MaxResults: '101' }],
		] as const)
			expect((await suite.probe.call(action, query)).body.Code).toBe('InvalidParameter');
	});

	it('pages: first, middle (token with + / =), last and empty, for both lists', async () => {
		suite.emulator.seedJobs({ kind: 'package', count: 5 });
		suite.emulator.seedJobs({ kind: 'editing', count: 5 });
		for (const [action, size, tokenName, list] of [
			['ListPackageJobs', 'PageSize', 'NextPageToken', (right: any) => right.PackageJobList.PackageJobs],
			['ListMediaProducingJobs', 'MaxResults', 'NextToken', (right: any) => right.MediaProducingJobList],
		] as const) {
			const token = (right: any) =>
				action === 'ListPackageJobs' ? right.PackageJobList.NextPageToken : right.NextToken;
			const first = await suite.probe.ok(action, { [size]: '2' });
			expect(token(first)).toMatch(/^(?=.*\+)(?=.*\/)[A-Za-z0-9+/]+=+$/);
			const middle = await suite.probe.ok(action, { [size]: '2', [tokenName]: token(first) });
			const last = await suite.probe.ok(action, { [size]: '2', [tokenName]: token(middle) });
			expect([list(first).length, list(middle).length, list(last).length, token(last)]).toEqual([2, 2, 1, undefined]);
			const empty = await suite.probe.ok(action, emptyWindow(action));
			expect(list(empty)).toEqual([]);
		}
	});

	it('error bodies: missing and invalid parameters, unknown jobs, unknown action, throttling', async () => {
		const expectCode = async (code: string, action: string, query: Record<string, string>) =>
			expect((await suite.probe.call(action, query)).body.Code).toBe(code);
		await expectCode('MissingParameter', 'GetPackageJob', {});
		await expectCode('InvalidParameter', 'ListPackageJobs', { Status: 'Processing' });
		await expectCode('InvalidParameter', 'ListMediaProducingJobs', { Status: 'Queuing' });
		await expectCode('InvalidParameter', 'SubmitPackageJob', {
			...PACKAGE,
			Inputs: json([{ Type: 'OSS', Media: 'oss://b/i.mp4' }]),
		});
		await expectCode('ResourceNotFound', 'GetMediaProducingJob', { JobId: 'nope' });
		await expectCode('JobNotFound', 'GetJobDetail', { JobId: 'nope', JobType: 'workflow' });
		await expectCode('ResourceNotFound', 'GetMediaInfo', { MediaId: 'nope' });
		await expectCode('MissingParameter', 'RegisterMediaInfo', {});
		await expectCode('InvalidAction.NotFound', 'SearchMedia', {});
		suite.emulator.faults.add({
			type: 'error',
			code: 'Throttling.User',
			status: 400,
			message: 'flow control',
			action: 'GetLiveEditingJob',
		});
		await expectCode('Throttling.User', 'GetLiveEditingJob', { JobId: 'x' });
		expect(suite.probe.errorCodesSeen.size).toBe(6);
	});
});

function emptyWindow(action: string): Record<string, string> {
	return action === 'ListPackageJobs'
		? { StartOfCreateTime: '2020-01-01T00:00:00Z', EndOfCreateTime: '2020-01-02T00:00:00Z' }
		: { StartTime: '2020-01-01T00:00:00Z', EndTime: '2020-01-02T00:00:00Z' };
}
