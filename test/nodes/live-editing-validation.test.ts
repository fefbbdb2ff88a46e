import type { IDataObject } from 'n8n-workflow';

import { ITEM, liveEditingSuite, minimal, OUT, SUBMIT } from '../support/liveEditing';

const { emulators, run } = liveEditingSuite();

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
		expect(emulators.emulator.requests).toHaveLength(0);
	});

	it('checks every item first: a bad third item stops the batch before anything is sent', async () => {
		const result = await run(minimal(), [ITEM, ITEM, { ...ITEM, end: ITEM.start }]);
		expect(result.nodeError(SUBMIT)?.message).toBe(
			'Clips › Clip 1 › End Time must be later than the Start Time 2021-06-21T08:01:00Z (got 2021-06-21T08:01:00Z) [item 2]',
		);
		expect(emulators.emulator.requests).toHaveLength(0);
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
		expect(emulators.emulator.requests.map((request) => [request.status, request.query.UserData?.length])).toEqual([
			[200, 512],
			[200, 2],
		]);
	});
});

describe('Submit Live Editing Job: continueOnFail and unknown outcomes', () => {
	it('an invalid item becomes an error item, the good ones are submitted, pairing intact', async () => {
		const items = [ITEM, { ...ITEM, start: '2021-06-21T10:01:00+02:00' }, { ...ITEM, end: '2021-06-21T08:04:00Z' }];
		const result = await run(minimal(), items, emulators.emulator, 'continueRegularOutput');
		expect(result.status).toBe('success');
		const outputs = result.items(SUBMIT);
		expect(outputs.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(outputs[0].json.JobId).toEqual(expect.any(String));
		expect(outputs[1].json.error).toMatch(/^Clips › Clip 1 › Start Time must be in UTC, ending in Z .*\[item 1\]$/);
		expect(outputs[2].json.JobId).toEqual(expect.any(String));
		expect(emulators.emulator.requests.map((request) => JSON.parse(request.query.Clips)[0].EndTime)).toEqual([
			'2021-06-21T08:03:00Z',
			'2021-06-21T08:04:00Z',
		]);
		expect(emulators.emulator.jobs.list('liveEditing')).toHaveLength(2);
	});

	it('a connection reset after the job was created: not sent again; the job is found in the job list', async () => {
		const { emulator } = emulators;
		emulator.faults.reset({ action: 'SubmitLiveEditingJob', afterEffect: true });
		const result = await run(minimal());
		expect(result.status).toBe('success');
		const [job] = emulator.jobs.list('liveEditing');
		expect(result.output(SUBMIT)[0]).toMatchObject({
			JobId: job.jobId,
			MediaURL: OUT,
			lostAnswer: { code: 'ECONNRESET', foundWith: 'ListMediaProducingJobs' },
		});
		expect(emulator.requests.map((request) => [request.action, request.query.JobType])).toEqual([
			['SubmitLiveEditingJob', undefined],
			['ListMediaProducingJobs', 'LiveEditingJob'],
		]);
		expect(emulator.jobs.list('liveEditing')).toHaveLength(1);
	});

	it('a lost answer for a VOD output without User Data cannot be told apart in the list: outcome unknown, one job', async () => {
		const { emulator } = emulators;
		emulator.faults.reset({ action: 'SubmitLiveEditingJob', afterEffect: true });
		const result = await run(
			minimal({
				outputTarget: 'vod-media',
				outputStorageLocation: 'outin-1.oss-cn-shanghai.aliyuncs.com',
				outputFileName: 'a.mp4',
			}),
		);
		const error = result.nodeError(SUBMIT);
		expect(error?.context).toMatchObject({ outcome: 'unknown' });
		expect(error?.description).toContain('the request has nothing that tells its job apart from others in the list');
		expect(emulator.requests.map((request) => request.action)).toEqual(['SubmitLiveEditingJob']);
		expect(emulator.jobs.list('liveEditing')).toHaveLength(1);
	});
});
