/**
 * Register Media Info and Get Media Info through n8n's engine against the emulator: what is registered (counted
 * in the emulator), Wait for Completion until the asset is analysed, validation before any request, Continue On
 * Fail with paired items, reading assets by ID, by URL and the output of a media producing job.
 */
import type { IDataObject } from 'n8n-workflow';

import type { Emulator } from '../../tools/sandbox/emulator';
import { runWorkflow } from '../../tools/sandbox/engine';
import type { Step } from '../../tools/sandbox/workflows/workflows';
import { chain, sandboxCredentials, startingWith } from '../../tools/sandbox/workflows/workflows';
import { FAST_CLOCK, suiteEmulators } from '../support/emulators';
import { submitStep } from '../support/mediaProducing';

const REGISTER = 'Register Media Info';
const GET = 'Get Media Info';
const INPUT = 'https://media-in.oss-cn-shanghai.aliyuncs.com/videos/launch.mp4';

const emulators = suiteEmulators({ emulator: {}, fast: FAST_CLOCK });

function registerStep(parameters: IDataObject, onError?: Step['onError']): Step {
	return {
		name: REGISTER,
		type: 'alibabaCloudRegisterMediaInfo',
		onError,
		parameters: { inputUrl: INPUT, ...parameters },
	};
}

function getStep(parameters: IDataObject, onError?: Step['onError']): Step {
	return { name: GET, type: 'alibabaCloudGetMediaInfo', onError, parameters };
}

function run(steps: Step[], items: IDataObject[] = [{}], target: Emulator = emulators.emulator) {
	return runWorkflow(chain(...steps), { credentials: sandboxCredentials(target), pinData: startingWith(items) });
}

const registrations = (target: Emulator) => target.requests.filter((request) => request.action === 'RegisterMediaInfo');

describe('Register Media Info', () => {
	it('registers one asset per item with what the fields say, and outputs its MediaId', async () => {
		const result = await run(
			[
				registerStep({
					inputUrl: '=oss://media-in/videos/{{ $json.name }}.mp4',
					mediaType: 'video',
					title: '={{ $json.name }}',
					options: {
						businessType: 'opening',
						mediaTags: 'launch, promo',
						categoryId: 3048,
						referenceId: '={{ "ref-" + $json.name }}',
						registerConfig: '{"NeedSprite": "false"}',
						userData: '{"order": "A-1"}',
					},
				}),
			],
			[{ name: 'first' }, { name: 'second' }],
		);
		expect(result.status).toBe('success');
		const assets = emulators.emulator.jobs.list('mediaAsset');
		expect(assets.map((asset) => asset.data.InputURL)).toEqual([
			'oss://media-in/videos/first.mp4',
			'oss://media-in/videos/second.mp4',
		]);
		expect(assets[0].data).toMatchObject({
			MediaType: 'video',
			Title: 'first',
			BusinessType: 'opening',
			MediaTags: 'launch,promo',
			CateId: 3048,
			ReferenceId: 'ref-first',
			RegisterConfig: { NeedSprite: 'false' },
			UserData: '{"order":"A-1"}',
		});
		const outputs = result.items(REGISTER);
		expect(outputs.map((item) => [item.json.MediaId, item.pairedItem])).toEqual([
			[assets[0].jobId, { item: 0 }],
			[assets[1].jobId, { item: 1 }],
		]);
		const tokens = registrations(emulators.emulator).map((request) => request.query.ClientToken);
		expect(new Set(tokens).size).toBe(2);
		expect(tokens[0]).toMatch(/^[0-9a-f]{32}$/);
	});

	it('Wait for Completion: outputs the analysed asset (duration, resolution, bitrate, format) and the submission', async () => {
		const result = await run([registerStep({ waitForCompletion: true, pollIntervalSeconds: 1 })], [{}], emulators.fast);
		expect(result.status).toBe('success');
		const [output] = result.output(REGISTER);
		const [asset] = emulators.fast.jobs.list('mediaAsset');
		expect(output).toMatchObject({
			jobKind: 'mediaAsset',
			mediaId: asset.jobId,
			status: 'succeeded',
			finished: true,
			rawStatus: 'Normal',
			mediaType: 'video',
			inputUrl: INPUT,
			durationSeconds: 30,
			width: 1280,
			height: 720,
			bitrateKbps: 2500,
			format: 'mov,mp4,m4a,3gp,3g2,mj2',
			submission: { MediaId: asset.jobId },
		});
		expect((output.mediaInfo as IDataObject).MediaId).toBe(asset.jobId);
		expect(emulators.fast.requests.filter((request) => request.action === 'GetMediaInfo').length).toBeGreaterThan(0);
	});

	it('Wait for Completion: an asset that fails to prepare is an error of its item; Continue On Fail keeps the others', async () => {
		emulators.fast.failJobsMatching({ kind: 'mediaAsset', match: 'broken' });
		const result = await run(
			[
				registerStep(
					{ inputUrl: '=oss://media-in/{{ $json.file }}', waitForCompletion: true, pollIntervalSeconds: 1 },
					'continueRegularOutput',
				),
			],
			[{ file: 'good.mp4' }, { file: 'broken.mp4' }],
			emulators.fast,
		);
		expect(result.status).toBe('success');
		const [good, broken] = result.items(REGISTER);
		expect([good.json.status, good.pairedItem]).toEqual(['succeeded', { item: 0 }]);
		const failed = emulators.fast.jobs.list('mediaAsset')[1];
		expect(broken.pairedItem).toEqual({ item: 1 });
		expect(broken.json.error).toBe(`The media asset ${failed.jobId} failed: no error code given [item 1]`);
		expect(broken.json.details).toMatchObject({ status: 'failed', outcome: 'failed' });
	});

	it('a URL registered before is refused by Alibaba Cloud unless Overwrite is on, which replaces the asset', async () => {
		const first = await run([registerStep({})]);
		const [original] = emulators.emulator.jobs.list('mediaAsset');
		expect(first.status).toBe('success');
		const again = await run([registerStep({})]);
		expect(again.status).toBe('error');
		expect(again.nodeError(REGISTER)?.message).toMatch(/InputURL/);
		const overwritten = await run([registerStep({ options: { overwrite: true } })]);
		expect(overwritten.status).toBe('success');
		const assets = emulators.emulator.jobs.list('mediaAsset');
		expect(assets).toHaveLength(1);
		expect(assets[0].jobId).not.toBe(original.jobId);
		expect(overwritten.output(REGISTER)[0].MediaId).toBe(assets[0].jobId);
		expect(registrations(emulators.emulator).at(-1)?.query.Overwrite).toBe('true');
	});

	const invalid: Array<[string, IDataObject, string | RegExp]> = [
		['no Input URL', { inputUrl: '={{ $json.nothing }}' }, 'Input URL is required but empty [item 0]'],
		[
			'an Input URL that is no OSS or VOD address',
			{ inputUrl: 'ftp://media/in.mp4' },
			/^Input URL must be an OSS object .*\[item 0\]$/,
		],
		[
			'a text asset without Business Type',
			{ mediaType: 'text' },
			'Business Type must be subtitles or font for a text media asset (got none) [item 0]',
		],
		[
			'a text asset that is an opening',
			{ mediaType: 'text', options: { businessType: 'opening' } },
			'Business Type must be subtitles or font for a text media asset (got opening) [item 0]',
		],
		['a Title over 128 bytes', { title: '界'.repeat(43) }, 'Title must be at most 128 bytes (got 129 bytes) [item 0]'],
		[
			'a Description over 1024 bytes',
			{ options: { description: 'd'.repeat(1025) } },
			'Description must be at most 1024 bytes (got 1025 bytes) [item 0]',
		],
		[
			'a Cover URL over 128 bytes',
			{ options: { coverUrl: `https://b.oss-cn-shanghai.aliyuncs.com/${'c'.repeat(100)}.png` } },
			/^Cover URL must be at most 128 bytes \(got 143 bytes\) \[item 0\]$/,
		],
		[
			'17 Media Tags',
			{ options: { mediaTags: Array.from({ length: 17 }, (_, index) => `t${index}`).join(',') } },
			'Media Tags must have at most 16 tags (got 17) [item 0]',
		],
		[
			'a tag over 32 bytes',
			{ options: { mediaTags: `ok,${'x'.repeat(33)}` } },
			/^Media Tags › "x+" must be at most 32 bytes \(got 33 bytes\) \[item 0\]$/,
		],
		[
			'a Reference ID of 5 characters',
			{ options: { referenceId: 'ab-12' } },
			'Reference ID must be 6 to 64 letters, digits, hyphens or underscores (got "ab-12") [item 0]',
		],
		[
			'a Category ID that is no whole number',
			{ options: { categoryId: 1.5 } },
			/^Category ID must be a whole number from 1 to \d+ \(got 1\.5\) \[item 0\]$/,
		],
		[
			'Register Config that is no JSON',
			{ options: { registerConfig: '{NeedSprite: false}' } },
			/^Register Config is not valid JSON: .+ \[item 0\]$/,
		],
		[
			'User Data over 1024 bytes',
			{ options: { userData: JSON.stringify({ note: 'u'.repeat(1020) }) } },
			'User Data must be at most 1024 bytes (got 1031 bytes) [item 0]',
		],
		[
			'an unknown Media Type from an expression',
			{ mediaType: '={{ "movie" }}' },
			'Media Type must be one of image, video, audio, text (got "movie") [item 0]',
		],
		[
			'a Client Token with non-ASCII characters',
			{ options: { idempotencyKey: 'größe' } },
			'Client Token must contain only printable ASCII characters (got "größe") [item 0]',
		],
	];

	it.each(invalid)('%s: refused with the field and item named, nothing sent', async (_case, parameters, message) => {
		const result = await run([registerStep(parameters)]);
		expect(result.status).toBe('error');
		const error = result.nodeError(REGISTER);
		if (typeof message === 'string') expect(error?.message).toBe(message);
		else expect(error?.message).toMatch(message);
		expect(error?.description).toContain('Nothing was sent to Alibaba Cloud');
		expect(emulators.emulator.requests).toHaveLength(0);
	});

	it('checks every item first: a bad third item stops the batch before any registration', async () => {
		const result = await run(
			[registerStep({ inputUrl: '={{ $json.url }}' })],
			[{ url: INPUT }, { url: 'oss://media-in/b.mp4' }, { url: 'not a url' }],
		);
		expect(result.status).toBe('error');
		expect(result.nodeError(REGISTER)?.message).toMatch(/^Input URL must be .*\[item 2\]$/);
		expect(emulators.emulator.requests).toHaveLength(0);
	});

	it('Continue On Fail: the invalid item becomes an error item paired with it, the others are registered', async () => {
		const result = await run(
			[registerStep({ inputUrl: '={{ $json.url }}' }, 'continueRegularOutput')],
			[{ url: INPUT }, { url: '' }, { url: 'oss://media-in/c.mp4' }],
		);
		expect(result.status).toBe('success');
		const outputs = result.items(REGISTER);
		expect(outputs.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(outputs[1].json.error).toBe('Input URL is required but empty [item 1]');
		expect(emulators.emulator.jobs.list('mediaAsset')).toHaveLength(2);
	});
});

describe('Get Media Info', () => {
	it('by Media ID and by Input URL: status while analysed, then the file facts', async () => {
		const registered = await run([registerStep({})]);
		const mediaId = registered.output(REGISTER)[0].MediaId as string;
		const byId = getStep({ lookUpBy: 'mediaId', mediaId });
		const early = await run([byId]);
		expect(early.output(GET)[0]).toMatchObject({ mediaId, status: 'running', finished: false, rawStatus: 'Init' });
		expect(early.output(GET)[0]).not.toHaveProperty('durationSeconds');
		emulators.emulator.clock.advance(10_000);
		const [late] = (
			await run([getStep({ lookUpBy: 'inputUrl', inputUrl: INPUT, options: { urlType: 'cdn' } })])
		).output(GET);
		expect(late).toMatchObject({ mediaId, status: 'succeeded', durationSeconds: 30, width: 1280, height: 720 });
		const reads = emulators.emulator.requests.filter((request) => request.action === 'GetMediaInfo');
		expect(reads.map((request) => request.query)).toEqual([
			{ MediaId: mediaId },
			{ InputURL: INPUT, OutputType: 'cdn' },
		]);
	});

	it("reads the video a media producing job made, by the job's MediaId", async () => {
		const result = await run(
			[
				submitStep({ waitForCompletion: true, pollIntervalSeconds: 1 }),
				getStep({ lookUpBy: 'mediaId', mediaId: '={{ $json.mediaId }}' }),
			],
			[{}],
			emulators.fast,
		);
		expect(result.status).toBe('success');
		const [job] = emulators.fast.jobs.list('editing');
		expect(result.output(GET)[0]).toMatchObject({
			mediaId: job.data.MediaId,
			status: 'succeeded',
			durationSeconds: 30,
		});
	});

	it('an unknown asset is an error of its item; Continue On Fail outputs it paired, the other item is read', async () => {
		await run([registerStep({})]);
		const [asset] = emulators.emulator.jobs.list('mediaAsset');
		const result = await run(
			[getStep({ mediaId: '={{ $json.id }}' }, 'continueRegularOutput')],
			[{ id: 'no-such-media' }, { id: asset.jobId }],
		);
		expect(result.status).toBe('success');
		const [missing, found] = result.items(GET);
		expect(missing.pairedItem).toEqual({ item: 0 });
		expect(missing.json.details).toMatchObject({ code: 'ResourceNotFound' });
		expect([found.json.mediaId, found.pairedItem]).toEqual([asset.jobId, { item: 1 }]);
	});

	it.each([
		['an empty Media ID', { mediaId: '={{ $json.nothing }}' }, 'Media ID is required but empty [item 0]'],
		[
			'an Input URL that is no OSS object',
			{ lookUpBy: 'inputUrl', inputUrl: 'media.mp4' },
			/^Input URL must be an OSS object .*\[item 0\]$/,
		],
	] as Array<[string, IDataObject, string | RegExp]>)(
		'%s: refused before any request',
		async (_case, parameters, message) => {
			const result = await run([getStep(parameters)]);
			expect(result.status).toBe('error');
			const error = result.nodeError(GET)?.message;
			if (typeof message === 'string') expect(error).toBe(message);
			else expect(error).toMatch(message);
			expect(emulators.emulator.requests).toHaveLength(0);
		},
	);
});
