/**
 * The emulator's media asset and pick-list operations, called with Alibaba's official OpenAPI client: registration
 * and its lifecycle, the ClientToken, Overwrite, the parameter checks, GetMediaInfo by ID and URL, and the lists.
 */
import { callSdk } from '../../tools/sandbox/emulator/sdkClient';
import { emulatorOperationsSuite, json, ossOut, timeline } from '../support/emulatorOperations';

const { emulators, client, expectError } = emulatorOperationsSuite();
const URL = 'https://bucket.oss-cn-shanghai.aliyuncs.com/in/video.mp4';

describe('RegisterMediaInfo and GetMediaInfo', () => {
	it('registers an asset that is analysed in about 3 s: Init → Preparing → Normal, file facts only once Normal', async () => {
		const { MediaId } = await callSdk(client(), 'RegisterMediaInfo', { InputURL: URL, Title: 'Launch' });
		const read = async () => (await callSdk(client(), 'GetMediaInfo', { MediaId })).MediaInfo;
		const statuses: string[] = [];
		for (const step of [0, 1_000, 2_000]) {
			emulators.emulator.clock.advance(step);
			const info = await read();
			statuses.push(info.MediaBasicInfo.Status);
			if (info.MediaBasicInfo.Status !== 'Normal') expect(info).not.toHaveProperty('FileInfoList');
		}
		expect(statuses).toEqual(['Init', 'Preparing', 'Normal']);
		const done = await read();
		expect(done.MediaBasicInfo).toMatchObject({
			MediaId,
			InputURL: URL,
			MediaType: 'video',
			Title: 'Launch',
			Source: 'oss',
		});
		expect(done.FileInfoList[0].FileBasicInfo).toMatchObject({
			FileType: 'source_file',
			Duration: '30.000000',
			Width: '1280',
			Height: '720',
			FormatName: 'mov,mp4,m4a,3gp,3g2,mj2',
		});
		const byUrl = await callSdk(client(), 'GetMediaInfo', { InputURL: 'oss://bucket/in/video.mp4' });
		expect(byUrl.MediaInfo.MediaId).toBe(MediaId);
	});

	it('the same ClientToken returns the asset already registered; the same URL without it is refused', async () => {
		const first = await callSdk(client(), 'RegisterMediaInfo', { InputURL: URL, ClientToken: 'token-1' });
		const again = await callSdk(client(), 'RegisterMediaInfo', { InputURL: URL, ClientToken: 'token-1' });
		expect(again.MediaId).toBe(first.MediaId);
		await expectError('RegisterMediaInfo', { InputURL: URL }, 'InvalidParameter', 'already registered');
		const replaced = await callSdk(client(), 'RegisterMediaInfo', { InputURL: URL, Overwrite: 'true' });
		expect(replaced.MediaId).not.toBe(first.MediaId);
		expect(emulators.emulator.jobs.list('mediaAsset').map((asset) => asset.jobId)).toEqual([replaced.MediaId]);
		await expectError('GetMediaInfo', { MediaId: first.MediaId }, 'ResourceNotFound');
	});

	it('checks what the contract limits', async () => {
		const cases: Array<[Record<string, string>, string, string]> = [
			[{}, 'MissingParameter', 'InputURL'],
			[{ InputURL: 'ftp://b/in.mp4' }, 'InvalidParameter', 'InputURL'],
			[{ InputURL: URL, MediaType: 'movie' }, 'InvalidParameter', 'MediaType'],
			[{ InputURL: URL, MediaType: 'text', BusinessType: 'opening' }, 'InvalidParameter', 'BusinessType'],
			[{ InputURL: URL, Title: 'x'.repeat(129) }, 'InvalidParameter', 'Title'],
			[{ InputURL: URL, MediaTags: Array(17).fill('t').join(',') }, 'InvalidParameter', 'MediaTags'],
			[{ InputURL: URL, ReferenceId: 'abc' }, 'InvalidParameter', 'ReferenceId'],
			[{ InputURL: URL, SmartTagTemplateId: 'S1' }, 'InvalidParameter', 'SmartTagTemplateId'],
			[{ InputURL: URL, UserData: 'not json' }, 'InvalidParameter', 'UserData'],
			[{ InputURL: URL, Overwrite: 'yes' }, 'InvalidParameter', 'Overwrite'],
		];
		for (const [query, code, name] of cases) await expectError('RegisterMediaInfo', query, code, name);
		await expectError('GetMediaInfo', {}, 'MissingParameter', 'InputURL');
		await expectError('GetMediaInfo', { MediaId: 'm', OutputType: 'ftp' }, 'InvalidParameter', 'OutputType');
		expect(emulators.emulator.jobs.list('mediaAsset')).toHaveLength(0);
	});

	it("a media producing job's MediaId is an asset: Preparing while the job runs, Normal with its output size after", async () => {
		const job = await callSdk(
			client(),
			'SubmitMediaProducingJob',
			{ OutputMediaConfig: json({ ...JSON.parse(ossOut), Width: 640, Height: 360 }) },
			{ Timeline: timeline },
		);
		const read = async () => (await callSdk(client(), 'GetMediaInfo', { MediaId: job.MediaId })).MediaInfo;
		expect((await read()).MediaBasicInfo.Status).toBe('Preparing');
		emulators.emulator.clock.advance(60_000);
		expect((await read()).FileInfoList[0].FileBasicInfo).toMatchObject({ Width: '640', Height: '360' });
	});
});

describe('pick-list operations', () => {
	it('ListTemplates pages with PageNo/PageSize and filters; ListEditingProjects pages with NextToken', async () => {
		const { catalogue, clock } = emulators.emulator;
		for (let index = 0; index < 5; index++) {
			clock.advance(1000);
			catalogue.addTemplate({ Name: `t${index}` });
			catalogue.addProject({ Title: `p${index}` });
		}
		const page = await callSdk(client(), 'ListTemplates', { PageNo: '2', PageSize: '2' });
		expect([page.Templates.map((template: any) => template.Name), page.TotalCount]).toEqual([['t2', 't1'], 5]);
		const first = await callSdk(client(), 'ListEditingProjects', { MaxResults: '3' });
		const rest = await callSdk(client(), 'ListEditingProjects', { MaxResults: '3', NextToken: first.NextToken });
		expect([...first.ProjectList, ...rest.ProjectList].map((project: any) => project.Title)).toEqual([
			'p4',
			'p3',
			'p2',
			'p1',
			'p0',
		]);
		expect(rest.NextToken).toBeUndefined();
		await expectError('ListEditingProjects', { NextToken: 'garbage' }, 'InvalidParameter', 'NextToken');
	});
});
