import type { IDataObject } from 'n8n-workflow';

import { runWorkflow } from '../../tools/sandbox/engine';
import { chain, sandboxCredentials, startingWith } from '../../tools/sandbox/workflows/workflows';
import {
	GET,
	mediaProducingSuite,
	OUT,
	SUBMIT,
	submitStep,
	TIMELINE,
	TIMELINE_TEXT,
	tracks,
} from '../support/mediaProducing';

const { emulators, submit } = mediaProducingSuite();

describe('Submit Media Producing Job: validation before any request', () => {
	const big = (kind: string) => JSON.stringify({ VideoTracks: tracks(1), [kind]: tracks(101) });
	const overUserData = JSON.stringify({ k: 'x'.repeat(470) });
	const notify = 'https://hooks.example.com/ims/callback';
	const mergedBytes = Buffer.byteLength(JSON.stringify({ k: 'x'.repeat(470), NotifyAddress: notify }));

	const invalid: Array<[string, IDataObject, string | RegExp]> = [
		['empty Timeline', { timeline: '' }, 'Timeline is required but empty [item 0]'],
		['Timeline that is no JSON', { timeline: '{"VideoTracks": [' }, /^Timeline is not valid JSON: .+ \[item 0\]$/],
		[
			'Timeline that is a JSON array',
			{ timeline: '[]' },
			/^Timeline must be a JSON object like \{"key": "value"\} \(got \[\]\) \[item 0\]$/,
		],
		[
			'Timeline without video or audio tracks',
			{ timeline: '{"SubtitleTracks": [{}], "VideoTracks": []}' },
			'Timeline needs at least one track in VideoTracks or AudioTracks [item 0]',
		],
		[
			'a misspelt track kind',
			{ timeline: '{"VideoTrack": [{}]}' },
			'Timeline has an unknown track kind "VideoTrack" (the kinds are VideoTracks, AudioTracks, ImageTracks, SubtitleTracks, EffectTracks) [item 0]',
		],
		[
			'a track kind that is no array',
			{ timeline: '{"VideoTracks": {"VideoTrackClips": []}}' },
			'Timeline › VideoTracks must be a JSON array of tracks like [{...}] [item 0]',
		],
		[
			'a track that is no object',
			{ timeline: '{"AudioTracks": [{}, "music.mp3"]}' },
			'Timeline › AudioTracks › Track 2 must be a JSON object [item 0]',
		],
		[
			'image tracks without video tracks',
			{ timeline: '{"AudioTracks": [{}], "ImageTracks": [{}]}' },
			'Timeline › ImageTracks need at least one track in VideoTracks to lie over [item 0]',
		],
		[
			'101 video tracks',
			{ timeline: JSON.stringify({ VideoTracks: tracks(101) }) },
			'Timeline › VideoTracks must have at most 100 video tracks (got 101) [item 0]',
		],
		[
			'101 image tracks',
			{ timeline: big('ImageTracks') },
			'Timeline › ImageTracks must have at most 100 image tracks (got 101) [item 0]',
		],
		[
			'101 subtitle tracks',
			{ timeline: big('SubtitleTracks') },
			'Timeline › SubtitleTracks must have at most 100 subtitle tracks (got 101) [item 0]',
		],
		// n8n itself refuses a required field left empty; an expression that resolves to nothing reaches the node
		[
			'template without Template ID',
			{ source: 'template', templateId: '={{ $json.nothing }}', clipsParam: '{"a":1}' },
			'Template ID is required but empty [item 0]',
		],
		[
			'template without Clips Param',
			{ source: 'template', templateId: 'tpl', clipsParam: '  ' },
			'Clips Param is required but empty [item 0]',
		],
		[
			'Clips Param that is no object',
			{ source: 'template', templateId: 'tpl', clipsParam: '["a"]' },
			/^Clips Param must be a JSON object/,
		],
		[
			'project without Project ID',
			{ source: 'project', projectId: '={{ $json.nothing }}' },
			'Project ID is required but empty [item 0]',
		],
		[
			'no Output Media URL',
			{ outputMediaUrl: '={{ $json.nothing }}' },
			'Output Media URL is required but empty [item 0]',
		],
		[
			'VOD output without File Name',
			{
				outputTarget: 'vod-media',
				outputStorageLocation: 'outin-1.oss-cn-shanghai.aliyuncs.com',
				outputFileName: '={{ "" }}',
			},
			'File Name is required but empty [item 0]',
		],
		[
			'Width over 4096',
			{ outputSettings: { width: 5000 } },
			'Output Settings › Width must be a whole number from 128 to 4096 (got 5000) [item 0]',
		],
		[
			'Height under 128',
			{ outputSettings: { height: 100 } },
			'Output Settings › Height must be a whole number from 128 to 4096 (got 100) [item 0]',
		],
		[
			'shorter side over 2160',
			{ outputSettings: { width: 3840, height: 2200 } },
			'Output Settings › Width/Height must have a shorter side of at most 2160 pixels (got 3840×2200) [item 0]',
		],
		[
			'Bitrate over 5000',
			{ outputSettings: { bitrate: 5001 } },
			'Output Settings › Bitrate must be a whole number from 1 to 5000 (got 5001) [item 0]',
		],
		[
			'raw Output Media Config without MediaURL',
			{ outputDefinition: 'json', outputMediaConfigJson: '{"Width": 1280}' },
			'Output Media Config (JSON) › MediaURL is required but empty [item 0]',
		],
		[
			'Project Metadata that is no object',
			{ options: { projectMetadata: '[1, 2]' } },
			/^Project Metadata must be a JSON object .*\[item 0\]$/,
		],
		[
			'Editing Produce Config that is no JSON',
			{ options: { editingProduceConfig: '{AutoRegisterInputVodMedia: true}' } },
			/^Editing Produce Config is not valid JSON: .+ \[item 0\]$/,
		],
		[
			'Media Metadata that is no object',
			{ options: { mediaMetadata: '"title"' } },
			/^Media Metadata must be a JSON object .*\[item 0\]$/,
		],
		[
			'User Data that is no JSON object',
			{ options: { userData: 'order 42' } },
			/^User Data is not valid JSON: .+ \[item 0\]$/,
		],
		[
			'User Data over 512 bytes',
			{ options: { userData: JSON.stringify({ k: '界'.repeat(170) }) } },
			'User Data must be at most 512 bytes (got 518 bytes) [item 0]',
		],
		[
			'User Data over 512 bytes once the Notify Address is merged in',
			{ options: { userData: overUserData, notifyAddress: notify } },
			`User Data must be at most 512 bytes (got ${mergedBytes} bytes) [item 0]`,
		],
		[
			'Notify Address that is no http(s) URL',
			{ options: { notifyAddress: 'ftp://hooks.example.com/ims' } },
			'Notify Address (Callback URL) must be an http(s):// URL (got "ftp://hooks.example.com/ims") [item 0]',
		],
		[
			'Notify Address that contradicts User Data',
			{ options: { userData: '{"NotifyAddress": "https://a.example.com/"}', notifyAddress: 'https://b.example.com/' } },
			'Notify Address (Callback URL) conflicts with the NotifyAddress already in User Data ("https://a.example.com/"); set it in one place only [item 0]',
		],
		[
			'Client Token over 64 characters',
			{ options: { idempotencyKey: 'x'.repeat(65) } },
			'Client Token must be at most 64 characters (got 65) [item 0]',
		],
		[
			'Client Token with non-ASCII characters',
			{ options: { idempotencyKey: 'auftrag-größe' } },
			'Client Token must contain only printable ASCII characters (got "auftrag-größe") [item 0]',
		],
		[
			'unknown Request Source',
			{ options: { requestSource: '={{ "Console" }}' } },
			'Request Source must be one of OpenAPI, AliyunConsole, WebSDK (got "Console") [item 0]',
		],
	];

	it.each(invalid)('%s fails with the field and item named and nothing sent', async (_case, overrides, message) => {
		const run = await submit(overrides);
		expect(run.status).toBe('error');
		const error = run.nodeError(SUBMIT);
		expect(error).toMatchObject({ name: 'NodeOperationError' });
		if (typeof message === 'string') expect(error?.message).toBe(message);
		else expect(error?.message).toMatch(message);
		expect(error?.description).toContain('Nothing was sent to Alibaba Cloud');
		expect(emulators.emulator.requests).toHaveLength(0);
	});

	it('checks every item first: a bad Timeline in the third item stops the batch before any request', async () => {
		const run = await submit({ timeline: '={{ $json.timeline }}' }, [
			{ timeline: TIMELINE },
			{ timeline: TIMELINE_TEXT },
			{ timeline: { AudioTracks: 'music' } },
		]);
		expect(run.nodeError(SUBMIT)?.message).toBe(
			'Timeline › AudioTracks must be a JSON array of tracks like [{...}] [item 2]',
		);
		expect(emulators.emulator.requests).toHaveLength(0);
	});
});

describe('Get Media Producing Job', () => {
	const getStep = (onError?: 'continueRegularOutput') => ({
		name: GET,
		type: 'alibabaCloudGetMediaProducingJob',
		onError,
		parameters: { jobId: '={{ $json.JobId }}' },
	});

	async function get(items: IDataObject[], onError?: 'continueRegularOutput') {
		return runWorkflow(chain(getStep(onError)), {
			credentials: sandboxCredentials(emulators.emulator),
			pinData: startingWith(items),
		});
	}

	it('Submit → Get: a running job, then succeeded with output URL and media ID beside the raw job', async () => {
		const run = await runWorkflow(chain(submitStep({}), getStep()), {
			credentials: sandboxCredentials(emulators.emulator),
			pinData: startingWith([{}]),
		});
		expect(run.status).toBe('success');
		const [submitted] = run.output(SUBMIT);
		const [read] = run.output(GET);
		expect(read).toMatchObject({
			jobKind: 'mediaProducing',
			jobId: submitted.JobId,
			status: 'running',
			finished: false,
			rawStatus: 'Init',
		});
		expect(read).not.toHaveProperty('finishedAt');
		expect(emulators.emulator.requests.at(-1)?.query).toEqual({ JobId: submitted.JobId });

		emulators.emulator.clock.advance(10 * 60_000);
		const [later] = (await get([{ JobId: submitted.JobId }])).output(GET);
		expect(later).toEqual({
			jobKind: 'mediaProducing',
			jobId: submitted.JobId,
			status: 'succeeded',
			finished: true,
			rawStatus: 'Success',
			createdAt: expect.any(String),
			finishedAt: expect.any(String),
			outputUrl: OUT,
			mediaId: submitted.MediaId,
			job: expect.objectContaining({
				JobId: submitted.JobId,
				ProjectId: submitted.ProjectId,
				MediaId: submitted.MediaId,
				MediaURL: OUT,
				Status: 'Success',
				Timeline: TIMELINE_TEXT,
				Duration: expect.any(Number),
			}),
			requestId: emulators.emulator.requests.at(-1)?.requestId,
		});
	});

	it('a video saved to VOD: vodMediaId, also for a live editing job read by its job ID', async () => {
		const vodOutput = {
			outputTarget: 'vod-media',
			outputStorageLocation: 'outin-1.oss-cn-shanghai.aliyuncs.com',
			outputFileName: 'a.mp4',
		};
		const submitted = (await submit(vodOutput)).output(SUBMIT)[0];
		const live = await runWorkflow(
			chain({
				name: 'Live',
				type: 'alibabaCloudSubmitLiveEditingJob',
				parameters: {
					clips: { clip: [{ startTime: '2021-06-21T08:01:00Z', endTime: '2021-06-21T08:02:00Z' }] },
					liveStreamConfig: { stream: { appName: 'live', domainName: 'live.example.com', streamName: 's1' } },
					...vodOutput,
				},
			}),
			{ credentials: sandboxCredentials(emulators.emulator), pinData: startingWith([{}]) },
		);
		const clip = live.output('Live')[0];
		const read = (await get([{ JobId: submitted.JobId }, { JobId: clip.JobId }])).output(GET);
		expect(read.map((item) => [item.jobId, item.vodMediaId])).toEqual([
			[submitted.JobId, submitted.VodMediaId],
			[clip.JobId, clip.VodMediaId],
		]);
		expect(submitted.VodMediaId).toMatch(/^[0-9a-f]{32}$/);
	});

	it('a failed job carries errorCode and errorMessage', async () => {
		await submit();
		const [job] = emulators.emulator.jobs.list('editing');
		emulators.emulator.failJob(job.jobId, 'InvalidMaterial', 'The material cannot be decoded.');
		const [read] = (await get([{ JobId: job.jobId }])).output(GET);
		expect(read).toMatchObject({
			status: 'failed',
			finished: true,
			rawStatus: 'Failed',
			errorCode: 'InvalidMaterial',
			errorMessage: 'The material cannot be decoded.',
			job: { Status: 'Failed', Code: 'InvalidMaterial', Message: 'The material cannot be decoded.' },
		});
	});

	it('requires a Job ID, before any request', async () => {
		const run = await get([{ JobId: ' ' }]);
		expect(run.nodeError(GET)?.message).toBe('Job ID is required but empty [item 0]');
		expect(emulators.emulator.requests).toHaveLength(0);
	});

	it('continueOnFail: an unknown and an empty job ID become error items, the good items are read', async () => {
		await submit();
		const [job] = emulators.emulator.jobs.list('editing');
		emulators.emulator.clearRequests();
		const run = await get(
			[{ JobId: job.jobId }, { JobId: '00000000000000000000000000000000' }, { JobId: '' }, { JobId: job.jobId }],
			'continueRegularOutput',
		);
		expect(run.status).toBe('success');
		const outputs = run.items(GET);
		expect(outputs.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }, { item: 3 }]);
		expect(outputs[0].json).toMatchObject({ jobId: job.jobId, status: 'running' });
		expect(outputs[1].json.error).toMatch(/^GetMediaProducingJob failed: ResourceNotFound: .*\(RequestId: /);
		expect(outputs[1].json.details).toMatchObject({ code: 'ResourceNotFound', requestId: expect.any(String) });
		expect(outputs[2].json.error).toBe('Job ID is required but empty [item 2]');
		expect(outputs[3].json).toMatchObject({ jobId: job.jobId, status: 'running' });
		expect(emulators.emulator.requests.map((request) => request.query.JobId)).toEqual([
			job.jobId,
			'00000000000000000000000000000000',
			job.jobId,
		]);
	});
});
