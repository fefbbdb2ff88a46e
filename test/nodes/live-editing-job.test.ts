import type { IDataObject } from 'n8n-workflow';

import type { Emulator } from '../../tools/sandbox/emulator';
import { startEmulator } from '../../tools/sandbox/emulator';
import { runWorkflow } from '../../tools/sandbox/engine';
import { chain, sandboxCredentials, startingWith } from '../../tools/sandbox/workflows/workflows';

const SUBMIT = 'Submit Live Editing Job';
const GET = 'Get Live Editing Job';
const OUT = 'https://media-out.oss-cn-shanghai.aliyuncs.com/live/highlights.mp4';

let emulator: Emulator;
// Jobs take about a minute of emulator time; at 600× that is a tenth of a second.
let fast: Emulator;

beforeAll(async () => {
	[emulator, fast] = await Promise.all([startEmulator(), startEmulator({ clock: 'real', speed: 600 })]);
});
afterAll(async () => Promise.all([emulator.stop(), fast.stop()]));
beforeEach(() => {
	emulator.reset();
	fast.reset();
});

const ITEM = { start: '2021-06-21T08:01:00Z', end: '2021-06-21T08:03:00Z', target: OUT };

/** The smallest useful node: one clip from expressions, the stream in Live Stream Config, an OSS output. */
function minimal(overrides: IDataObject = {}): IDataObject {
	return {
		clips: { clip: [{ startTime: '={{ $json.start }}', endTime: '={{ $json.end }}' }] },
		liveStreamConfig: { stream: { appName: 'live', domainName: 'live.example.com', streamName: 'studio-1' } },
		outputMediaUrl: '={{ $json.target }}',
		...overrides,
	};
}

function submit(parameters: IDataObject, onError?: 'continueRegularOutput') {
	return chain({ name: SUBMIT, type: 'alibabaCloudSubmitLiveEditingJob', parameters, onError });
}

async function run(
	parameters: IDataObject,
	items: IDataObject[] = [ITEM],
	on = emulator,
	onError?: 'continueRegularOutput',
) {
	return runWorkflow(submit(parameters, onError), {
		credentials: sandboxCredentials(on),
		pinData: startingWith(items),
	});
}

describe('Submit Live Editing Job: wire parameters', () => {
	it('minimal configuration: Clips, LiveStreamConfig, MediaProduceConfig {Mode: AccurateFast}, the output, nothing else', async () => {
		const result = await run(minimal());
		expect(result.status).toBe('success');
		const [request] = emulator.requests;
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
		const [job] = emulator.jobs.list('liveEditing');
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
		expect(emulator.requests).toHaveLength(1);
		expect(emulator.requests[0].query).toEqual({
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
		expect(emulator.requests[0].query).toEqual({
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
		expect(emulator.requests[0].query.Clips).toBe(
			'[{"StartTime":"2021-06-21T08:01:00Z","EndTime":"2021-06-21T08:03:00Z","StreamName":"camera-2"},' +
				'{"StartTime":"2021-06-21T08:05:00Z","EndTime":"2021-06-21T08:09:00Z","CoverTime":"2021-06-21T08:06:00Z","Extra":1}]',
		);
		expect(emulator.requests[0].query.MediaProduceConfig).toBe('{"Mode":"RoughFast"}');
	});

	it('clips from a JSON expression (an array from the item) and times from n8n DateTime expressions, cut to seconds', async () => {
		const clips = [{ StartTime: '2021-06-21T08:01:00Z', EndTime: '2021-06-21T08:02:00Z' }];
		const fromJson = await run(minimal({ clipsDefinition: 'json', clipsJson: '={{ $json.clips }}' }), [
			{ ...ITEM, clips },
		]);
		expect(fromJson.status).toBe('success');
		expect(emulator.requests[0].query.Clips).toBe(JSON.stringify(clips));

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
		expect(emulator.requests[1].query.Clips).toBe(
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
		expect(emulator.requests).toHaveLength(2);
	});

	it('a Width left in the workflow JSON while Mode is a fixed AccurateFast is dropped by n8n, never sent', async () => {
		const result = await run(minimal({ mode: 'AccurateFast', outputSize: { width: 1280 } }));
		expect(result.status).toBe('success');
		expect(emulator.requests[0].query.MediaProduceConfig).toBe('{"Mode":"AccurateFast"}');
	});
});

describe('Submit Live Editing Job: validation before any request', () => {
	const twoClips = (second: IDataObject) => ({
		clips: { clip: [{ startTime: '2021-06-21T08:01:00Z', endTime: '2021-06-21T08:03:00Z' }, second] },
	});
	const invalid: Array<[string, IDataObject, string]> = [
		['no clip', { clips: { clip: [] } }, 'Clips needs at least one clip [item 0]'],
		[
			'empty Start Time',
			{ clips: { clip: [{ startTime: '={{ $json.nothing }}', endTime: '2021-06-21T08:03:00Z' }] } },
			'Clips › Clip 1 › Start Time is required but empty [item 0]',
		],
		[
			'a time that is not ISO 8601',
			twoClips({ startTime: '2021-06-21 08:05:00', endTime: '2021-06-21T08:09:00Z' }),
			'Clips › Clip 2 › Start Time must be a UTC time like 2021-06-21T08:01:00Z (got "2021-06-21 08:05:00") [item 0]',
		],
		[
			'a date without a time',
			twoClips({ startTime: '2021-06-21T08:05:00Z', endTime: '2021-06-21' }),
			'Clips › Clip 2 › End Time must be a UTC time like 2021-06-21T08:01:00Z (got "2021-06-21") [item 0]',
		],
		[
			'a time with a non-UTC offset',
			twoClips({ startTime: '2021-06-21T10:05:00+02:00', endTime: '2021-06-21T08:09:00Z' }),
			'Clips › Clip 2 › Start Time must be in UTC, ending in Z (got "2021-06-21T10:05:00+02:00"); in an expression add .toUTC(), e.g. {{ $now.toUTC().toISO() }} [item 0]',
		],
		[
			'a day that does not exist',
			twoClips({ startTime: '2021-02-30T08:05:00Z', endTime: '2021-06-21T08:09:00Z' }),
			'Clips › Clip 2 › Start Time is not a real date and time (got "2021-02-30T08:05:00Z") [item 0]',
		],
		[
			'End Time before Start Time',
			twoClips({ startTime: '2021-06-21T08:09:00Z', endTime: '2021-06-21T08:05:00Z' }),
			'Clips › Clip 2 › End Time must be later than the Start Time 2021-06-21T08:09:00Z (got 2021-06-21T08:05:00Z) [item 0]',
		],
		[
			'End Time equal to Start Time once cut to seconds',
			twoClips({ startTime: '2021-06-21T08:05:00.100Z', endTime: '2021-06-21T08:05:00.900Z' }),
			'Clips › Clip 2 › End Time must be later than the Start Time 2021-06-21T08:05:00Z (got 2021-06-21T08:05:00Z) [item 0]',
		],
		[
			'Cover Time after its clip',
			twoClips({
				startTime: '2021-06-21T08:05:00Z',
				endTime: '2021-06-21T08:09:00Z',
				coverTime: '2021-06-21T08:09:01Z',
			}),
			'Clips › Clip 2 › Cover Time must be within its clip, from 2021-06-21T08:05:00Z to 2021-06-21T08:09:00Z (got 2021-06-21T08:09:01Z) [item 0]',
		],
		[
			'Cover Time before its clip',
			twoClips({
				startTime: '2021-06-21T08:05:00Z',
				endTime: '2021-06-21T08:09:00Z',
				coverTime: '2021-06-21T08:04:59Z',
			}),
			'Clips › Clip 2 › Cover Time must be within its clip, from 2021-06-21T08:05:00Z to 2021-06-21T08:09:00Z (got 2021-06-21T08:04:59Z) [item 0]',
		],
		[
			'Cover URL that is not http(s)',
			twoClips({
				startTime: '2021-06-21T08:05:00Z',
				endTime: '2021-06-21T08:09:00Z',
				coverUrl: 'oss://bucket/cover.jpg',
			}),
			'Clips › Clip 2 › Cover URL must be an http(s):// URL (got "oss://bucket/cover.jpg") [item 0]',
		],
		[
			'a clip without a stream and no Live Stream Config',
			{
				...twoClips({ startTime: '2021-06-21T08:05:00Z', endTime: '2021-06-21T08:09:00Z', streamName: 'camera-2' }),
				liveStreamConfig: {},
			},
			'Clips › Clip 1 names no live stream: set App Name, Domain Name, Stream Name in the clip, or fill Live Stream Config for all clips [item 0]',
		],
		[
			'a clip with only part of a stream and no Live Stream Config',
			{
				clips: {
					clip: [
						{ startTime: '2021-06-21T08:01:00Z', endTime: '2021-06-21T08:03:00Z', appName: 'live', streamName: 's' },
					],
				},
				liveStreamConfig: {},
			},
			'Clips › Clip 1 names no live stream: set Domain Name in the clip, or fill Live Stream Config for all clips [item 0]',
		],
		[
			'a Live Stream Config without Stream Name',
			{
				liveStreamConfig: {
					stream: { appName: 'live', domainName: 'live.example.com', streamName: '={{ $json.nothing }}' },
				},
			},
			'Live Stream Config › Stream Name is required but empty [item 0]',
		],
		[
			'clips from two applications',
			twoClips({ startTime: '2021-06-21T08:05:00Z', endTime: '2021-06-21T08:09:00Z', appName: 'other' }),
			'Clips › Clip 2 › App Name must be the application of clip 1 ("live"): one job can only mix streams recorded in one application (got "other") [item 0]',
		],
		[
			'a Width when Mode (an expression) resolves to AccurateFast',
			{ mode: '={{ $json.mode }}', outputSize: { width: 1280 } },
			'Output Size › Width can only be set in the Accurate and Rough modes; Mode AccurateFast keeps the resolution of the live stream [item 0]',
		],
		[
			'a Height when Mode (an expression) resolves to RoughFast',
			{ mode: "={{ 'RoughFast' }}", outputSize: { height: 720 } },
			'Output Size › Height can only be set in the Accurate and Rough modes; Mode RoughFast keeps the resolution of the live stream [item 0]',
		],
		[
			'a Width written into Output Media Config (JSON) with AccurateFast',
			{ outputDefinition: 'json', outputMediaConfigJson: `{"MediaURL":"${OUT}","Width":1280}` },
			'Output Media Config (JSON) › Width can only be set in the Accurate and Rough modes; Mode AccurateFast keeps the resolution of the live stream [item 0]',
		],
		[
			'a Width both in Output Size and in Output Media Config (JSON)',
			{
				mode: 'Accurate',
				outputSize: { width: 1280 },
				outputDefinition: 'json',
				outputMediaConfigJson: `{"MediaURL":"${OUT}","Width":1920}`,
			},
			'Output Size › Width is also set in Output Media Config (JSON): set the Width in one place [item 0]',
		],
		[
			'a Width out of range',
			{ mode: 'Accurate', outputSize: { width: 5000 } },
			'Output Size › Width must be a whole number from 128 to 4096 (got 5000) [item 0]',
		],
		[
			'an unknown Mode',
			{ mode: '={{ "Fast" }}' },
			'Mode must be one of AccurateFast, Accurate, Rough, RoughFast (got "Fast") [item 0]',
		],
		[
			'User Data that is not JSON',
			{ options: { userData: 'ticket 42' } },
			'User Data is not valid JSON: Unexpected token \'i\', "ticket 42" is not valid JSON [item 0]',
		],
		[
			'User Data that is a JSON array',
			{ options: { userData: '[1]' } },
			'User Data must be a JSON object like {"key": "value"} (got [1]) [item 0]',
		],
		// {"k":"…"} with 169 three-byte characters: 8 + 507 = 515 bytes
		[
			'User Data over 512 bytes',
			{ options: { userData: `{"k":"${'界'.repeat(169)}"}` } },
			'User Data must be at most 512 bytes (got 515 bytes) [item 0]',
		],
		[
			'an output URL that is not http(s)',
			{ outputMediaUrl: 'oss://media-out/x.mp4' },
			'Output Media URL must be an http(s):// URL (got "oss://media-out/x.mp4") [item 0]',
		],
		[
			'Clips (JSON) that is not an array',
			{ clipsDefinition: 'json', clipsJson: '{"StartTime":"2021-06-21T08:01:00Z"}' },
			'Clips (JSON) must be a JSON array like [{...}] (got {"StartTime":"2021-06-21T08:01:00Z"}) [item 0]',
		],
		[
			'Clips (JSON) with a clip that is no object',
			{ clipsDefinition: 'json', clipsJson: '["2021-06-21T08:01:00Z"]' },
			'Clips (JSON) › Clip 1 must be a JSON object like {"StartTime": "…", "EndTime": "…"} [item 0]',
		],
		[
			'Clips (JSON) with a non-UTC EndTime',
			{
				clipsDefinition: 'json',
				clipsJson: '[{"StartTime":"2021-06-21T08:01:00Z","EndTime":"2021-06-21T08:03:00-05:00"}]',
			},
			'Clips (JSON) › Clip 1 › EndTime must be in UTC, ending in Z (got "2021-06-21T08:03:00-05:00"); in an expression add .toUTC(), e.g. {{ $now.toUTC().toISO() }} [item 0]',
		],
		[
			'Clips (JSON) with CoverTime outside the clip',
			{
				clipsDefinition: 'json',
				clipsJson:
					'[{"StartTime":"2021-06-21T08:01:00Z","EndTime":"2021-06-21T08:03:00Z","CoverTime":"2021-06-21T09:00:00Z"}]',
			},
			'Clips (JSON) › Clip 1 › CoverTime must be within its clip, from 2021-06-21T08:01:00Z to 2021-06-21T08:03:00Z (got 2021-06-21T09:00:00Z) [item 0]',
		],
		[
			'Clips (JSON) without a stream and no Live Stream Config',
			{
				clipsDefinition: 'json',
				clipsJson: '[{"StartTime":"2021-06-21T08:01:00Z","EndTime":"2021-06-21T08:03:00Z"}]',
				liveStreamConfig: {},
			},
			'Clips (JSON) › Clip 1 names no live stream: set AppName, DomainName, StreamName in the clip, or fill Live Stream Config for all clips [item 0]',
		],
	];

	it.each(invalid)('%s: fails with the field and item named, nothing sent', async (_case, overrides, message) => {
		const result = await run(minimal(overrides), [{ ...ITEM, mode: 'AccurateFast' }]);
		expect(result.status).toBe('error');
		const error = result.nodeError(SUBMIT);
		expect(error).toMatchObject({ name: 'NodeOperationError' });
		expect(error?.message).toBe(message);
		expect(error?.description).toContain('Nothing was sent to Alibaba Cloud');
		expect(emulator.requests).toHaveLength(0);
	});

	it('checks every item first: a bad third item stops the batch before anything is sent', async () => {
		const result = await run(minimal(), [ITEM, ITEM, { ...ITEM, end: ITEM.start }]);
		expect(result.nodeError(SUBMIT)?.message).toBe(
			'Clips › Clip 1 › End Time must be later than the Start Time 2021-06-21T08:01:00Z (got 2021-06-21T08:01:00Z) [item 2]',
		);
		expect(emulator.requests).toHaveLength(0);
	});

	it('accepts the boundaries: Cover Time at the start and at the end, User Data of exactly 512 bytes', async () => {
		const items = [
			{ ...ITEM, cover: ITEM.start, userData: `{"k":"${'x'.repeat(504)}"}` },
			{ ...ITEM, cover: ITEM.end, userData: '{}' },
		];
		const result = await run(
			minimal({
				clips: {
					clip: [{ startTime: '={{ $json.start }}', endTime: '={{ $json.end }}', coverTime: '={{ $json.cover }}' }],
				},
				options: { userData: '={{ $json.userData }}' },
			}),
			items,
		);
		expect(result.status).toBe('success');
		expect(emulator.requests.map((request) => [request.status, request.query.UserData?.length])).toEqual([
			[200, 512],
			[200, 2],
		]);
	});
});

describe('Submit Live Editing Job: continueOnFail and unknown outcomes', () => {
	it('an invalid item becomes an error item, the good ones are submitted, pairing intact', async () => {
		const items = [ITEM, { ...ITEM, start: '2021-06-21T10:01:00+02:00' }, { ...ITEM, end: '2021-06-21T08:04:00Z' }];
		const result = await run(minimal(), items, emulator, 'continueRegularOutput');
		expect(result.status).toBe('success');
		const outputs = result.items(SUBMIT);
		expect(outputs.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(outputs[0].json.JobId).toEqual(expect.any(String));
		expect(outputs[1].json.error).toMatch(/^Clips › Clip 1 › Start Time must be in UTC, ending in Z .*\[item 1\]$/);
		expect(outputs[2].json.JobId).toEqual(expect.any(String));
		expect(emulator.requests.map((request) => JSON.parse(request.query.Clips)[0].EndTime)).toEqual([
			'2021-06-21T08:03:00Z',
			'2021-06-21T08:04:00Z',
		]);
		expect(emulator.jobs.list('liveEditing')).toHaveLength(2);
	});

	it('a connection reset after the job was created: "outcome unknown", not sent again, exactly one job', async () => {
		emulator.faults.reset({ action: 'SubmitLiveEditingJob', afterEffect: true });
		const result = await run(minimal());
		const error = result.nodeError(SUBMIT);
		expect(error?.message).toMatch(/^SubmitLiveEditingJob failed: ECONNRESET: /);
		expect(error?.context).toMatchObject({ outcome: 'unknown' });
		expect(error?.description).toContain('It was not sent again, to avoid creating a duplicate');
		expect(emulator.requests).toHaveLength(1);
		expect(emulator.jobs.list('liveEditing')).toHaveLength(1);
	});
});

describe('Wait for Completion', () => {
	const waiting = (extra: IDataObject = {}) => minimal({ waitForCompletion: true, pollIntervalSeconds: 1, ...extra });

	it('returns the terminal job, normalized, with the submission', async () => {
		const result = await run(waiting(), [ITEM], fast);
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
		const actions = fast.requests.map((request) => request.action);
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
			fast,
		);
		const [output] = result.output(SUBMIT);
		const submission = output.submission as IDataObject;
		expect(submission.VodMediaId).toMatch(/^[0-9a-f]{32}$/);
		expect(output).toMatchObject({ status: 'succeeded', vodMediaId: submission.VodMediaId });
		expect(output.job).not.toHaveProperty('VodMediaId');
	});

	it('a job that fails raises the job’s own Code and Message for its item', async () => {
		fast.failJobsMatching({
			kind: 'liveEditing',
			code: 'LiveStreamNotRecorded',
			message: 'No recording in the time range.',
		});
		const result = await run(waiting(), [ITEM], fast);
		const [job] = fast.jobs.list('liveEditing');
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
		const result = await run(waiting({ maxWaitMinutes: 0.05 }), [ITEM], emulator);
		const [job] = emulator.jobs.list('liveEditing');
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
				credentials: sandboxCredentials(emulator),
				pinData: startingWith([{ JobId: submitted.JobId }]),
			});

		const running = await read();
		expect(emulator.requests.at(-1)?.query).toEqual({ JobId: submitted.JobId });
		expect(running.output(GET)[0]).toMatchObject({
			jobKind: 'liveEditing',
			jobId: submitted.JobId,
			status: 'running',
			finished: false,
			rawStatus: 'Init',
			requestId: emulator.requests.at(-1)?.requestId,
		});

		emulator.clock.advance(10 * 60_000);
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
		emulator.failJob(submitted.JobId as string, 'LiveStreamNotRecorded', 'No recording in the time range.');
		const read = await runWorkflow(get(), {
			credentials: sandboxCredentials(emulator),
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
			credentials: sandboxCredentials(emulator),
			pinData: startingWith([{ JobId: ' ' }]),
		});
		expect(empty.nodeError(GET)?.message).toBe('Job ID is required but empty [item 0]');
		expect(emulator.requests).toHaveLength(0);

		const submitted = await submittedJob();
		const read = await runWorkflow(get('continueRegularOutput'), {
			credentials: sandboxCredentials(emulator),
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
