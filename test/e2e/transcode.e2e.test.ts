/**
 * The transcoding nodes in a real n8n 2.41 (package installed from its tarball): `n8n execute` of Submit Transcode Job
 * with Wait for Completion for two items (Fields mode, overrides) → Get Transcode Job by the ParentJobId, and a JSON
 * mode submission; counted in what the emulator received and created.
 *
 * Runs only under test/e2e/jest.config.js (`npm run test:e2e`); under the unit-test config it skips itself.
 */
import type { Emulator } from '../../tools/sandbox/emulator';
import { startEmulator } from '../../tools/sandbox/emulator';
import { alibabaCredential, N8n, newId, packageTarball, PACKAGE_NAME } from '../../tools/sandbox/n8n';
import { describeE2e } from './describeE2e';

const SUBMIT = 'Submit Transcode Job';
const GET = 'Get Transcode Job';
const TEMPLATE = 'S00000001-200030';

function node(name: string, type: string, left: number, parameters: Record<string, unknown>, extra = {}) {
	return { id: newId(), name, type, typeVersion: 1, position: [left, 0], parameters, ...extra };
}

describeE2e('real n8n: Submit Transcode Job (Wait for Completion) → Get Transcode Job', () => {
	let emulator: Emulator;
	let n8n: N8n | undefined;
	const alibaba = { id: newId(), name: 'Alibaba Cloud (emulator)' };
	const credentials = { alibabaCloudApi: { id: alibaba.id, name: alibaba.name } };

	beforeAll(async () => {
		// 600× real time: a transcoding job (a minute of emulator time) is over in a tenth of a second.
		emulator = await startEmulator({ clock: 'real', speed: 600 });
		n8n = await N8n.create({ tarball: packageTarball(), name: 'transcode' });
		await n8n.importCredentials([alibabaCredential(emulator, alibaba)]);
	}, 300_000);

	afterAll(async () => {
		await n8n?.dispose();
		await emulator?.stop();
	}, 60_000);

	it('two items: two jobs, each waited for, its output read back by the ParentJobId', async () => {
		const workflowId = await n8n!.importWorkflow({
			name: 'e2e: transcode and read',
			nodes: [
				node('Start', 'n8n-nodes-base.manualTrigger', 0, {}),
				node('Videos', 'n8n-nodes-base.code', 110, {
					jsCode: "return ['ep1', 'ep2'].map((name) => ({ json: { name } }));",
				}),
				node(
					SUBMIT,
					`${PACKAGE_NAME}.alibabaCloudSubmitTranscodeJob`,
					220,
					{
						inputs: { input: [{ type: 'OSS', media: '=oss://media-in/e2e/{{ $json.name }}.mp4' }] },
						outputs: {
							output: [
								{
									type: 'OSS',
									media: '=oss://media-out/e2e/{{ $json.name }}-720p.mp4',
									templateId: TEMPLATE,
									overrides: { width: 1280, height: 720, videoBitrate: 2000 },
								},
							],
						},
						waitForCompletion: true,
						pollIntervalSeconds: 1,
						options: { jobName: '={{ $json.name }}' },
					},
					{ credentials },
				),
				node(
					GET,
					`${PACKAGE_NAME}.alibabaCloudGetTranscodeJob`,
					440,
					{ parentJobId: '={{ $json.jobId }}' },
					{ credentials },
				),
			],
			connections: {
				Start: { main: [[{ node: 'Videos', type: 'main', index: 0 }]] },
				Videos: { main: [[{ node: SUBMIT, type: 'main', index: 0 }]] },
				[SUBMIT]: { main: [[{ node: GET, type: 'main', index: 0 }]] },
			},
		});
		const result = await n8n!.execute(workflowId);
		if (!result.ok) throw new Error(`n8n execute failed: ${result.errorMessage}\nlog: ${result.logFile}`);

		const jobs = emulator.jobs.list('transcode');
		expect(jobs).toHaveLength(2);
		const waited = result.output(SUBMIT);
		expect(waited.map((output) => output.jobId).sort()).toEqual(jobs.map((job) => job.jobId).sort());
		expect(waited[0]).toMatchObject({
			jobKind: 'transcode',
			status: 'succeeded',
			outputUrl: 'oss://media-out/e2e/ep1-720p.mp4',
			outputs: [{ status: 'succeeded', width: 1280, height: 720 }],
		});
		expect(result.output(GET).map((read) => [read.jobId, read.status])).toEqual(
			waited.map((output) => [output.jobId, 'succeeded']),
		);
		const submissions = emulator.requests.filter((request) => request.action === 'SubmitTranscodeJob');
		expect(submissions).toHaveLength(2);
		expect(JSON.parse(submissions[0].query.OutputGroup)[0].ProcessConfig.Transcode.OverwriteParams).toEqual({
			Video: { Width: '1280', Height: '720', Bitrate: '2000' },
		});
		expect(new Set(submissions.map((request) => request.query.ClientToken)).size).toBe(2);
	});

	it('JSON mode: the groups as written', async () => {
		emulator.clearRequests();
		const outputGroup = [
			{
				Output: { Type: 'OSS', Media: 'oss://media-out/e2e/json.mp4' },
				ProcessConfig: { Transcode: { TemplateId: TEMPLATE, OverwriteParams: { Audio: { Bitrate: '96' } } } },
			},
		];
		const workflowId = await n8n!.importWorkflow({
			name: 'e2e: transcode from JSON',
			nodes: [
				node('Start', 'n8n-nodes-base.manualTrigger', 0, {}),
				node(
					SUBMIT,
					`${PACKAGE_NAME}.alibabaCloudSubmitTranscodeJob`,
					220,
					{
						jobDefinition: 'json',
						inputGroupJson: '[{"Type":"OSS","Media":"oss://media-in/e2e/json.mp4"}]',
						outputGroupJson: JSON.stringify(outputGroup),
					},
					{ credentials },
				),
			],
			connections: { Start: { main: [[{ node: SUBMIT, type: 'main', index: 0 }]] } },
		});
		const result = await n8n!.execute(workflowId);
		if (!result.ok) throw new Error(`n8n execute failed: ${result.errorMessage}\nlog: ${result.logFile}`);
		const [request] = emulator.requests;
		expect(JSON.parse(request.query.OutputGroup)).toEqual(outputGroup);
		expect(result.output(SUBMIT)[0].TranscodeParentJob).toMatchObject({
			ParentJobId: emulator.jobs.list('transcode').at(-1)?.jobId,
		});
	});
});
