import { admin, callSdk } from '../../tools/sandbox/emulator/sdkClient';
import { emulatorOperationsSuite, json } from '../support/emulatorOperations';

const { emulators, client, expectError } = emulatorOperationsSuite();

const video = (media = 'oss://bucket/in/video.mp4') => json({ Type: 'OSS', Media: media });
const submit = async (query: Record<string, string> = { Input: video() }): Promise<string> =>
	(await callSdk(client(), 'SubmitMediaCensorJob', query)).JobId;
const detail = async (JobId: string, query: Record<string, string> = {}) =>
	(await callSdk(client(), 'QueryMediaCensorJobDetail', { JobId, ...query })).MediaCensorJobDetail;

describe('content moderation', () => {
	it('a job reports State Queuing → Analysing → Success, then the verdict of every part it moderated', async () => {
		const jobId = await submit({
			Input: video(),
			Title: 'Hello World',
			CoverImages: json([{ Bucket: 'bucket', Location: 'oss-cn-shanghai', Object: 'in/cover.jpg' }]),
			Output: 'oss://bucket/censor/snapshot-{Count}.jpg',
			UserData: 'batch-7',
		});
		const states: string[] = [];
		for (const step of [0, 2_000, 28_000]) {
			emulators.emulator.clock.advance(step);
			const job = await detail(jobId);
			expect(job).not.toHaveProperty('Status');
			states.push(job.State);
		}
		expect(states).toEqual(['Queuing', 'Analysing', 'Success']);
		const done = await detail(jobId);
		expect(done).toMatchObject({
			Suggestion: 'pass',
			UserData: 'batch-7',
			Input: { Bucket: 'bucket', Location: 'oss-cn-shanghai', Object: 'in/video.mp4' },
			TitleCensorResult: { Scene: 'antispam', Label: 'normal', Suggestion: 'pass' },
			VideoCensorConfig: { OutputFile: { Bucket: 'bucket', Object: 'censor/snapshot-{Count}.jpg' } },
		});
		expect(done.CoverImageCensorResults.CoverImageCensorResult[0].Results.Result).toHaveLength(3);
		expect(done.VensorCensorResult.CensorResults.CensorResult.map((result: any) => result.Scene)).toEqual([
			'porn',
			'terrorism',
			'ad',
			'live',
			'logo',
		]);
		expect(done.VensorCensorResult.VideoTimelines.VideoTimeline[1]).toMatchObject({
			Timestamp: '00:00:05.000',
			Object: 'censor/snapshot-00002.jpg',
		});
	});

	it('a verdict rule makes matching jobs come out block (or review), set in-process or over the admin API', async () => {
		emulators.emulator.addVerdictRule({
			kind: 'mediaCensor',
			match: 'nsfw',
			verdict: { Suggestion: 'block', Scene: 'porn' },
		});
		const ruled = await admin(emulators.emulator, 'POST', '/verdict-rules', {
			match: 'spam title',
			verdict: { Suggestion: 'review', Scene: 'antispam', Label: 'ad' },
		});
		expect(ruled.status).toBe(200);
		const blocked = await submit({ Input: video('oss://bucket/in/nsfw.mp4') });
		const reviewed = await submit({ Input: video(), Title: 'spam title' });
		const clean = await submit();
		emulators.emulator.clock.advance(30_000);
		const block = await detail(blocked);
		expect(block.Suggestion).toBe('block');
		expect(block.VensorCensorResult.CensorResults.CensorResult[0]).toMatchObject({
			Scene: 'porn',
			Label: 'porn',
			Suggestion: 'block',
		});
		expect(block.VensorCensorResult.VideoTimelines.VideoTimeline[3].CensorResults.CensorResult[0].Suggestion).toBe(
			'block',
		);
		expect(await detail(reviewed)).toMatchObject({
			Suggestion: 'review',
			TitleCensorResult: { Label: 'ad', Suggestion: 'review' },
		});
		expect((await detail(clean)).Suggestion).toBe('pass');
		expect(() =>
			emulators.emulator.addVerdictRule({
				kind: 'mediaCensor',
				verdict: { Suggestion: 'block', Scene: 'porn', Label: 'TV' },
			}),
		).toThrow(/porn verdict Label/);
		expect(() => emulators.emulator.addVerdictRule({ kind: 'package', verdict: { Suggestion: 'block' } })).toThrow(
			/mediaCensor jobs only/,
		);
		expect(
			emulators.emulator.seedJobs({ kind: 'mediaCensor', count: 1, verdict: { Suggestion: 'block' } }),
		).toHaveLength(1);
	});

	it('QueryMediaCensorJobDetail pages the video timeline with MaximumPageSize and NextPageToken', async () => {
		const jobId = await submit();
		emulators.emulator.clock.advance(30_000);
		const first = (await detail(jobId, { MaximumPageSize: '4' })).VensorCensorResult;
		expect(first.VideoTimelines.VideoTimeline).toHaveLength(4);
		const rest = (await detail(jobId, { MaximumPageSize: '4', NextPageToken: first.NextPageToken })).VensorCensorResult;
		expect([rest.VideoTimelines.VideoTimeline.length, rest.NextPageToken]).toEqual([2, undefined]);
		expect(rest.VideoTimelines.VideoTimeline[0].Timestamp).toBe('00:00:20.000');
		await expectError('QueryMediaCensorJobDetail', { JobId: jobId, MaximumPageSize: '301' }, 'InvalidParameter');
	});

	it('QueryMediaCensorJobList: wrapped lists, JobIds with NonExistIds, State filter including All', async () => {
		const [first, second] = [await submit(), await submit()];
		emulators.emulator.seedJobs({ kind: 'mediaCensor', count: 2, status: ['Success', 'Fail'] });
		const named = await callSdk(client(), 'QueryMediaCensorJobList', { JobIds: `${first},missing,${second}` });
		expect(named.MediaCensorJobList.MediaCensorJob.map((job: any) => job.JobId)).toEqual([second, first]);
		expect(named.NonExistIds).toEqual({ String: ['missing'] });
		const all = await callSdk(client(), 'QueryMediaCensorJobList', { State: 'All' });
		expect(all.MediaCensorJobList.MediaCensorJob).toHaveLength(4);
		expect(all).not.toHaveProperty('NonExistIds');
		const queued = await callSdk(client(), 'QueryMediaCensorJobList', { State: 'Queuing', MaximumPageSize: '1' });
		expect(queued.MediaCensorJobList.MediaCensorJob).toHaveLength(1);
		expect(queued.NextPageToken).toEqual(expect.any(String));
		await expectError('QueryMediaCensorJobList', { State: 'Processing' }, 'InvalidParameter', 'State');
		await expectError('QueryMediaCensorJobList', { MaximumPageSize: '301' }, 'InvalidParameter');
	});

	it.each([
		['Output', { Input: video(), Output: json({ Type: 'OSS', Media: 'oss://bucket/o.jpg' }) }, 'OSS URL'],
		['UserData', { Input: video(), UserData: 'u'.repeat(129) }, '128 bytes'],
		['Title', { Input: video(), Title: 't'.repeat(65) }, '64 bytes'],
		['Description', { Input: video(), Description: 'd'.repeat(129) }, '128 bytes'],
		['CoverImages', { CoverImages: json(Array(6).fill({ Bucket: 'b', Object: 'c.jpg' })) }, 'At most 5'],
		['Input.Type', { Input: json({ Type: 'URL', Media: 'https://example.com/v.mp4' }) }, 'OSS, Media'],
		['Input', { Barrages: '' }, 'nothing to moderate'],
	])('refuses what names %s', async (path, query, why) => {
		const error = await callSdk(client(), 'SubmitMediaCensorJob', query as Record<string, string>).catch((err) => err);
		expect([error.code, error.data.Message]).toEqual(['InvalidParameter', expect.stringContaining(path)]);
		expect(error.data.Message).toContain(why);
	});

	it('plain UserData and Output are kept as given; no ClientToken; unknown jobs are ResourceNotFound', async () => {
		const query = { Input: video(), UserData: 'not json', Output: 'oss://bucket/c/{Count}.jpg', ClientToken: 'x' };
		expect(await submit(query)).not.toBe(await submit(query));
		await expectError('QueryMediaCensorJobDetail', { JobId: 'nope' }, 'ResourceNotFound');
		await expectError('QueryMediaCensorJobDetail', {}, 'MissingParameter', '"JobId"');
	});
});
