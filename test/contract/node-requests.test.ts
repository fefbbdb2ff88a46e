/**
 * Every request every node sends fits the contract's request parameters: the real workflows run through n8n's
 * engine against the emulators.emulator, in every mode of every node, and each request the emulator logged is checked.
 */
import path from 'node:path';
import type { IDataObject, INodeProperties, INodePropertyOptions, INodeType } from 'n8n-workflow';

import type { Emulator } from '../../tools/sandbox/emulator';
import { listSearch, REPO_ROOT, runWorkflow, serveWebhook } from '../../tools/sandbox/engine';
import {
	callbackKeys,
	EVENT_TRIGGER,
	eventTriggerWorkflow,
	pointCallbacksAt,
} from '../../tools/sandbox/workflows/eventTrigger';
import { submitProduction, submitVodTask } from '../support/eventTrigger';
import { describeWithContract, Misfit, requestMisfits } from '../support/contract';
import { TriggerDriver, triggerWorkflow } from '../../tools/sandbox/workflows/jobTrigger';
import { chain, sandboxCredentials, startingWith } from '../../tools/sandbox/workflows/workflows';
import { jobIdOf, markedItems, SUBMIT_NODES } from '../../tools/sandbox/workflows/submitNodes';
import { JOB_KINDS } from '../../nodes/shared/jobKinds';
import { FAST_CLOCK, suiteEmulators } from '../support/emulators';

const OUT = 'https://media-out.oss-cn-shanghai.aliyuncs.com/videos/out.mp4';
const TIMELINE = JSON.stringify({
	VideoTracks: [{ VideoTrackClips: [{ MediaId: 'c3f8d1a0e2b94f6a8b7c6d5e4f3a2b1c' }] }],
});
const VOD_OUTPUT = {
	outputTarget: 'vod-media',
	outputStorageLocation: 'outin-0123456789abcdef.oss-cn-shanghai.aliyuncs.com',
	outputFileName: 'out.mp4',
};
const CLIP_ITEM = { start: '2021-06-21T08:01:00Z', end: '2021-06-21T08:03:00Z' };
const LIVE = {
	clips: { clip: [{ startTime: '={{ $json.start }}', endTime: '={{ $json.end }}' }] },
	liveStreamConfig: { stream: { appName: 'live', domainName: 'live.example.com', streamName: 'studio-1' } },
	outputMediaUrl: OUT,
};
const PACKAGE = {
	inputs: { input: [{ type: 'OSS', media: 'oss://media-in/in.mp4' }] },
	outputType: 'OSS',
	outputMedia: 'oss://media-out/hls/index.m3u8',
};

/** The values the editor offers for Submit Media Producing Job › Options › Request Source (read from the built node). */
function requestSourceChoices(): string[] {
	const file = path.join(
		REPO_ROOT,
		'dist/nodes/AlibabaCloudSubmitMediaProducingJob/AlibabaCloudSubmitMediaProducingJob.node.js',
	);
	const { AlibabaCloudSubmitMediaProducingJob } = require(file) as Record<string, new () => INodeType>;
	const options = new AlibabaCloudSubmitMediaProducingJob().description.properties.find(
		(property) => property.name === 'options',
	);
	const source = (options?.options as INodeProperties[] | undefined)?.find(
		(property) => property.name === 'requestSource',
	);
	return ((source?.options ?? []) as INodePropertyOptions[]).map((object) => String(object.value));
}

const emulators = suiteEmulators({ emulator: {}, fast: FAST_CLOCK });

/** Misfits of every request the emulator logged, after checking that the expected operations were called. */
function loggedMisfits(on: Emulator, expectedActions: string[]): Misfit[] {
	const actions = new Set(on.requests.map((request) => request.action));
	expect([...actions].sort()).toEqual(expect.arrayContaining(expectedActions));
	return on.requests.flatMap((request) =>
		requestMisfits(request.action ?? '?', { query: request.query, form: request.form }),
	);
}

async function runNode(type: string, parameters: IDataObject, items: IDataObject[] = [{}], on = emulators.emulator) {
	const run = await runWorkflow(chain({ name: 'Node', type, parameters }), {
		credentials: sandboxCredentials(on),
		pinData: startingWith(items),
	});
	expect(run.error).toBeUndefined();
	return run;
}

describeWithContract('contract: what the nodes send', () => {
	describe('Submit Media Producing Job', () => {
		it.each([
			['timeline, OSS output', { source: 'timeline', timeline: TIMELINE, outputMediaUrl: OUT }],
			[
				'project, VOD output with settings',
				{
					source: 'project',
					projectId: 'p-1',
					...VOD_OUTPUT,
					outputSettings: { width: 1920, height: 1080, bitrate: 4000 },
				},
			],
			[
				'template with ClipsParam',
				{
					source: 'template',
					templateId: 'tpl-1',
					clipsParam: '{"Media0":"https://b.oss-cn-shanghai.aliyuncs.com/a.mp4"}',
					outputMediaUrl: OUT,
				},
			],
			[
				'output as JSON',
				{
					source: 'timeline',
					timeline: TIMELINE,
					outputDefinition: 'json',
					outputMediaConfigJson: `{"MediaURL":"${OUT}","Width":1280,"Height":720}`,
				},
			],
			[
				'every option',
				{
					source: 'timeline',
					timeline: TIMELINE,
					outputMediaUrl: OUT,
					options: {
						projectMetadata: '{"Title":"t","Description":"d"}',
						editingProduceConfig: '{"AutoRegisterInputVodMedia":"true"}',
						mediaMetadata: '{"Title":"m","Tags":"a,b"}',
						userData: '{"k":"v"}',
						notifyAddress: 'https://hooks.example.com/ims',
						idempotencyKey: 'key-1',
					},
				},
			],
			...requestSourceChoices().map((value): [string, IDataObject] => [
				`Request Source "${value}" as the editor offers it`,
				{ source: 'timeline', timeline: TIMELINE, outputMediaUrl: OUT, options: { requestSource: value } },
			]),
		])('%s', async (_mode, parameters) => {
			await runNode('alibabaCloudSubmitMediaProducingJob', parameters as IDataObject);
			expect(loggedMisfits(emulators.emulator, ['SubmitMediaProducingJob'])).toEqual([]);
		});
	});

	describe('Submit Live Editing Job', () => {
		it.each([
			['fields, AccurateFast, OSS', { ...LIVE }],
			['size options (Accurate)', { ...LIVE, mode: 'Accurate', outputSize: { width: 1280, height: 720 } }],
			[
				'size options (Rough), VOD output',
				{ ...LIVE, mode: 'Rough', outputSize: { height: 720 }, ...VOD_OUTPUT, outputMediaUrl: undefined },
			],
			[
				'clips and output as JSON',
				{
					...LIVE,
					clips: undefined,
					clipsDefinition: 'json',
					clipsJson: JSON.stringify([{ StartTime: CLIP_ITEM.start, EndTime: CLIP_ITEM.end }]),
					outputDefinition: 'json',
					outputMediaConfigJson: `{"MediaURL":"${OUT}"}`,
				},
			],
		])('%s', async (_mode, parameters) => {
			await runNode('alibabaCloudSubmitLiveEditingJob', parameters as IDataObject, [CLIP_ITEM]);
			expect(loggedMisfits(emulators.emulator, ['SubmitLiveEditingJob'])).toEqual([]);
		});
	});

	describe('Submit Transcode Job', () => {
		const TRANSCODE_INPUTS = { input: [{ type: 'OSS', media: 'oss://media-in/in.mp4' }] };
		it.each([
			[
				'fields: two outputs, every override, a media asset output, every option',
				{
					inputs: TRANSCODE_INPUTS,
					outputs: {
						output: [
							{
								type: 'OSS',
								media: 'oss://media-out/out-720p.mp4',
								templateId: 'S00000001-200030',
								overrides: {
									containerFormat: 'mp4',
									videoCodec: 'H.264',
									width: 1280,
									height: 720,
									videoBitrate: 2000,
									frameRate: 25,
									audioCodec: 'AAC',
									audioBitrate: 96,
								},
							},
							{
								type: 'Media',
								media: 'c3f8d1a0e2b94f6a8b7c6d5e4f3a2b1c',
								outputUrl: 'oss://media-out/{MediaId}/{JobId}.m3u8',
								templateId: 'S00000001-100020',
							},
						],
					},
					options: {
						jobName: 'tc',
						pipelineId: 'pipe-1',
						priority: 8,
						userData: '{"k":"v"}',
						idempotencyKey: 'key-1',
					},
				},
			],
			[
				'JSON: a media asset input, watermarks, subtitles, encryption and TransConfig',
				{
					jobDefinition: 'json',
					inputGroupJson: JSON.stringify([
						{ Type: 'Media', Media: 'c3f8d1a0e2b94f6a8b7c6d5e4f3a2b1c', InputUrl: 'oss://media-in/a.mp4' },
					]),
					outputGroupJson: JSON.stringify([
						{
							Output: { Type: 'OSS', Media: 'oss://media-out/out.mp4' },
							ProcessConfig: {
								Transcode: {
									TemplateId: 'S00000001-200030',
									OverwriteParams: {
										Video: { Width: '1920', Height: '1080', Crf: '23', Profile: 'high', Preset: 'medium' },
										Audio: { Samplerate: '48000', Channels: '2', Profile: 'aac_low' },
										TransConfig: { TransMode: 'twopass', IsCheckReso: 'true', AdjDarMethod: 'none' },
										MuxConfig: { Segment: { Duration: '6' } },
									},
								},
								TextWatermarks: [
									{ TemplateId: 'wm-1', OverwriteParams: { Content: 'demo', FontSize: 16, BorderWidth: 0 } },
								],
								ImageWatermarks: [
									{
										TemplateId: 'wm-2',
										OverwriteParams: {
											Dx: '10',
											Dy: '10',
											File: { Type: 'OSS', Media: 'oss://media-in/logo.png' },
											ReferPos: 'TopLeft',
										},
									},
								],
								Subtitles: [
									{
										TemplateId: 'st-1',
										OverwriteParams: { File: { Type: 'OSS', Media: 'oss://media-in/s.vtt' }, Format: 'vtt' },
									},
								],
								Encryption: { EncryptType: 'PrivateEncryption', KeyServiceType: 'KMS' },
								CombineConfigs: [{ AudioIndex: '0', VideoIndex: '0', Start: 0, Duration: 20 }],
							},
						},
					]),
				},
			],
		])('%s', async (_mode, parameters) => {
			await runNode('alibabaCloudSubmitTranscodeJob', parameters as IDataObject);
			expect(loggedMisfits(emulators.emulator, ['SubmitTranscodeJob'])).toEqual([]);
		});

		it('Media Job Trigger watching transcoding jobs, with a pipeline: ListTranscodeJobs and GetTranscodeJob', async () => {
			const data = { ScheduleConfig: { PipelineId: 'pipe-1', Priority: 5 } };
			emulators.emulator.seedJobs({ kind: 'transcode', count: 3, status: ['Success', 'Fail'], intervalMs: 1000, data });
			const trigger = new TriggerDriver(
				emulators.emulator,
				triggerWorkflow({ watch: ['transcode'], outcomes: ['failed', 'succeeded'], options: { pipelineId: 'pipe-1' } }),
			);
			await trigger.poll();
			emulators.emulator.seedJobs({ kind: 'transcode', count: 2, intervalMs: 1000, data });
			emulators.emulator.clock.advance(60_000);
			await trigger.poll();
			await trigger.fetchTestEvent();
			expect(loggedMisfits(emulators.emulator, ['ListTranscodeJobs', 'GetTranscodeJob'])).toEqual([]);
		});
	});

	it('Submit Package Job with options, and Submit VOD Workflow Job', async () => {
		await runNode('alibabaCloudSubmitPackageJob', {
			...PACKAGE,
			options: { pipelineId: 'pipe-1', priority: 8, userData: '{"k":"v"}' },
		});
		await runNode('alibabaCloudSubmitVodWorkflowJob', { workflowId: 'wf-1', mediaId: 'video-1' });
		expect(loggedMisfits(emulators.emulator, ['SubmitPackageJob', 'SubmitWorkflowJob'])).toEqual([]);
	});

	it('the four Get nodes', async () => {
		const [pkg] = emulators.emulator.seedJobs({ kind: 'package', count: 1 });
		const [editing] = emulators.emulator.seedJobs({ kind: 'editing', count: 1 });
		const [live] = emulators.emulator.seedJobs({ kind: 'liveEditing', count: 1 });
		const [task] = emulators.emulator.seedJobs({ kind: 'workflow', count: 1, status: 'Skip' });
		await runNode('alibabaCloudGetPackageJob', { jobId: pkg });
		await runNode('alibabaCloudGetMediaProducingJob', { jobId: editing });
		await runNode('alibabaCloudGetLiveEditingJob', { jobId: live });
		await runNode('alibabaCloudGetVodWorkflowJob', { taskId: task });
		const gets = ['GetPackageJob', 'GetMediaProducingJob', 'GetLiveEditingJob', 'GetJobDetail'];
		expect(loggedMisfits(emulators.emulator, gets)).toEqual([]);
	});

	it('Wait for Completion in every submitting node', async () => {
		const wait = { waitForCompletion: true, pollIntervalSeconds: 1 };
		await runNode('alibabaCloudSubmitPackageJob', { ...PACKAGE, ...wait }, [{}], emulators.fast);
		await runNode(
			'alibabaCloudSubmitMediaProducingJob',
			{ source: 'timeline', timeline: TIMELINE, outputMediaUrl: OUT, ...wait },
			[{}],
			emulators.fast,
		);
		await runNode('alibabaCloudSubmitLiveEditingJob', { ...LIVE, ...wait }, [CLIP_ITEM], emulators.fast);
		await runNode(
			'alibabaCloudSubmitVodWorkflowJob',
			{ workflowId: 'wf-1', mediaId: 'video-1', ...wait },
			[{}],
			emulators.fast,
		);
		const polled = ['GetPackageJob', 'GetMediaProducingJob', 'GetLiveEditingJob', 'GetJobDetail'];
		expect(loggedMisfits(emulators.fast, polled)).toEqual([]);
	});

	// Every job kind's Submit node is covered here without a test of its own: adding one to SUBMIT_NODES is enough.
	it.each(SUBMIT_NODES.map((node) => [node.label, node] as const))(
		'%s with Wait for Completion, then its Get node on the job',
		async (_label, node) => {
			const wait = { waitForCompletion: true, pollIntervalSeconds: 1 };
			const submitted = await runNode(node.type, { ...node.parameters, ...wait }, markedItems(1), emulators.fast);
			const jobId = jobIdOf(submitted.output('Node')[0]);
			expect(jobId).toEqual(expect.any(String));
			await runNode(node.getType, { [JOB_KINDS[node.jobKind].getNode.parameter]: jobId }, [{}], emulators.fast);
			const { submit, get } = JOB_KINDS[node.jobKind];
			expect(loggedMisfits(emulators.fast, [submit.operation.action, get.operation.action])).toEqual([]);
		},
	);

	describe('Register Media Info and Get Media Info', () => {
		it.each([
			['an OSS URL, type from the extension', { inputUrl: 'https://media-in.oss-cn-shanghai.aliyuncs.com/in.mp4' }],
			['a VOD video', { inputUrl: 'vod://0123456789abcdef0123456789abcdef', mediaType: 'video' }],
			[
				'a subtitle file',
				{ inputUrl: 'oss://media-in/s.srt', mediaType: 'text', options: { businessType: 'subtitles' } },
			],
			[
				'every option',
				{
					inputUrl: 'oss://media-in/in.mp4',
					mediaType: 'video',
					title: 'Launch',
					options: {
						businessType: 'opening',
						categoryId: 3048,
						idempotencyKey: 'key-1',
						coverUrl: 'https://media-in.oss-cn-shanghai.aliyuncs.com/c.png',
						description: 'd',
						mediaTags: 'a,b',
						overwrite: true,
						referenceId: 'ref-0001',
						registerConfig: '{"NeedSprite":"false","CoverConfig":{"StartTime":1}}',
						smartTagTemplateId: 'S00000103-000002',
						userData: '{"NotifyAddress":"https://hooks.example.com/ims"}',
						workflowId: 'wf-1',
					},
				},
			],
		])('Register Media Info: %s', async (_mode, parameters) => {
			await runNode('alibabaCloudRegisterMediaInfo', parameters as IDataObject);
			expect(loggedMisfits(emulators.emulator, ['RegisterMediaInfo'])).toEqual([]);
		});

		it('Register Media Info with Wait for Completion, then Get Media Info by ID and by URL', async () => {
			const url = 'https://media-in.oss-cn-shanghai.aliyuncs.com/wait.mp4';
			const wait = { waitForCompletion: true, pollIntervalSeconds: 1 };
			const run = await runNode('alibabaCloudRegisterMediaInfo', { inputUrl: url, ...wait }, [{}], emulators.fast);
			const mediaId = run.output('Node')[0].mediaId as string;
			await runNode('alibabaCloudGetMediaInfo', { mediaId }, [{}], emulators.fast);
			await runNode(
				'alibabaCloudGetMediaInfo',
				{ lookUpBy: 'inputUrl', inputUrl: url, options: { urlType: 'oss' } },
				[{}],
				emulators.fast,
			);
			expect(loggedMisfits(emulators.fast, ['RegisterMediaInfo', 'GetMediaInfo'])).toEqual([]);
		});
	});

	it('the pick-lists: ListTemplates, ListEditingProjects (with a NextToken) and ListPipelines', async () => {
		for (let index = 0; index < 25; index++) emulators.emulator.catalogue.addProject();
		emulators.emulator.catalogue.addTemplate();
		emulators.emulator.catalogue.addPipeline();
		const credentials = sandboxCredentials(emulators.emulator);
		const producing = chain({ name: 'Node', type: 'alibabaCloudSubmitMediaProducingJob', parameters: {} });
		const packaging = chain({ name: 'Node', type: 'alibabaCloudSubmitPackageJob', parameters: {} });
		await listSearch(producing, 'Node', 'searchTemplates', { credentials, filter: 'template' });
		const first = await listSearch(producing, 'Node', 'searchEditingProjects', { credentials });
		await listSearch(producing, 'Node', 'searchEditingProjects', {
			credentials,
			paginationToken: first.paginationToken,
		});
		await listSearch(packaging, 'Node', 'searchPipelines', { credentials });
		expect(first.paginationToken).toBeDefined();
		expect(loggedMisfits(emulators.emulator, ['ListTemplates', 'ListEditingProjects', 'ListPipelines'])).toEqual([]);
	});

	describe('Media Job Trigger: activation scan, polls and Fetch test event', () => {
		it.each([
			['packages', { watch: ['package'] }],
			['production, no job type', { watch: ['production'] }],
			['production, one job type', { watch: ['production'], options: { jobTypes: ['VETemplateJob'] } }],
			['production, two job types', { watch: ['production'], options: { jobTypes: ['EditingJob', 'LiveEditingJob'] } }],
			[
				'production, three job types',
				{ watch: ['production'], options: { jobTypes: ['EditingJob', 'VETemplateJob', 'LiveEditingJob'] } },
			],
			['everything', { watch: ['package', 'production'] }],
		])('%s', async (_mode, parameters: IDataObject) => {
			for (const kind of ['package', 'editing', 'template', 'liveEditing'] as const)
				emulators.emulator.seedJobs({
					kind,
					count: 3,
					status: ['Success', kind === 'package' ? 'Fail' : 'Failed'],
					intervalMs: 1000,
				});
			const trigger = new TriggerDriver(
				emulators.emulator,
				triggerWorkflow({ outcomes: ['failed', 'succeeded'], ...parameters }),
			);
			await trigger.poll();
			for (const kind of ['package', 'editing', 'template', 'liveEditing'] as const)
				emulators.emulator.seedJobs({ kind, count: 2, intervalMs: 1000 });
			emulators.emulator.clock.advance(60_000);
			await trigger.poll();
			const sample = await trigger.fetchTestEvent().catch((error: Error) => error);
			const watch = parameters.watch as string[];
			const expected = [
				...(watch.includes('package') ? ['ListPackageJobs', 'GetPackageJob'] : []),
				...(watch.includes('production') ? ['ListMediaProducingJobs'] : []),
			];
			expect(loggedMisfits(emulators.emulator, expected)).toEqual([]);
			// The API filters by one JobType per call: each selected type is asked for, no other.
			const jobTypes = ((parameters.options as IDataObject | undefined)?.jobTypes as string[] | undefined) ?? [];
			const asked = emulators.emulator.requests
				.filter((request) => request.action === 'ListMediaProducingJobs')
				.map((request) => request.query.JobType);
			if (jobTypes.length > 0) expect([...new Set(asked)].sort()).toEqual([...jobTypes].sort());
			expect(sample).not.toBeInstanceOf(Error);
		});
	});
	it('Media Event Trigger with Confirm with the API: one Get per event, GetMediaProducingJob and GetJobDetail', async () => {
		const webhook = await serveWebhook(eventTriggerWorkflow({ confirmWithApi: true }), EVENT_TRIGGER, {
			credentials: { ...callbackKeys(), ...sandboxCredentials(emulators.emulator) },
		});
		try {
			await pointCallbacksAt(emulators.emulator, webhook.url);
			await submitProduction(emulators.emulator);
			await submitVodTask(emulators.emulator);
			emulators.emulator.clearRequests();
			emulators.emulator.clock.advance(60_000);
			await emulators.emulator.callbacks.flush();
			await webhook.settled();
			expect(loggedMisfits(emulators.emulator, ['GetJobDetail', 'GetMediaProducingJob'])).toEqual([]);
			expect(emulators.emulator.requests).toHaveLength(2);
		} finally {
			await webhook.close();
		}
	});
});
