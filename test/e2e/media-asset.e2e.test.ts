/**
 * The media asset nodes and the pick-lists in a real n8n 2.41 (package installed from its tarball): `n8n execute`
 * of Register Media Info with Wait for Completion → Get Media Info by URL, a workflow saved with the Template ID as
 * plain text (before it was a pick-list), and the editor's "From List" of the Template ID field over n8n's REST
 * API (POST /rest/dynamic-node-parameters/resource-locator-results).
 *
 * Runs only under test/e2e/jest.config.js (`npm run test:e2e`); under the unit-test config it skips itself.
 */
import type { Emulator } from '../../tools/sandbox/emulator';
import { startEmulator } from '../../tools/sandbox/emulator';
import { alibabaCredential, N8n, newId, packageTarball, PACKAGE_NAME } from '../../tools/sandbox/n8n';
import { describeE2e } from './describeE2e';

const REGISTER = 'Register Media Info';
const GET = 'Get Media Info';
const INPUT = 'oss://media-in/e2e/launch.mp4';

function node(name: string, type: string, left: number, parameters: Record<string, unknown>, extra = {}) {
	return { id: newId(), name, type, typeVersion: 1, position: [left, 0], parameters, ...extra };
}

describeE2e('real n8n: Register Media Info → Get Media Info, and the Template ID pick-list', () => {
	let emulator: Emulator;
	let n8n: N8n | undefined;
	const alibaba = { id: newId(), name: 'Alibaba Cloud (emulator)' };
	const credentials = { alibabaCloudApi: { id: alibaba.id, name: alibaba.name } };

	beforeAll(async () => {
		// 600× real time: registration (about 3 s of emulator time) is over within a few milliseconds.
		emulator = await startEmulator({ clock: 'real', speed: 600 });
		n8n = await N8n.create({ tarball: packageTarball(), name: 'media-asset' });
		await n8n.importCredentials([alibabaCredential(emulator, alibaba)]);
	}, 300_000);

	afterAll(async () => {
		await n8n?.dispose();
		await emulator?.stop();
	}, 60_000);

	it('registers an OSS file, waits until it is analysed, and reads it back by its URL', async () => {
		const workflowId = await n8n!.importWorkflow({
			name: 'e2e: register and read a media asset',
			nodes: [
				node('Start', 'n8n-nodes-base.manualTrigger', 0, {}),
				node(
					REGISTER,
					`${PACKAGE_NAME}.alibabaCloudRegisterMediaInfo`,
					220,
					{ inputUrl: INPUT, title: 'Launch', waitForCompletion: true, pollIntervalSeconds: 1 },
					{ credentials },
				),
				node(
					GET,
					`${PACKAGE_NAME}.alibabaCloudGetMediaInfo`,
					440,
					{ lookUpBy: 'inputUrl', inputUrl: '={{ $json.inputUrl }}' },
					{ credentials },
				),
			],
			connections: {
				Start: { main: [[{ node: REGISTER, type: 'main', index: 0 }]] },
				[REGISTER]: { main: [[{ node: GET, type: 'main', index: 0 }]] },
			},
		});
		const result = await n8n!.execute(workflowId);
		if (!result.ok) throw new Error(`n8n execute failed: ${result.errorMessage}\nlog: ${result.logFile}`);
		const [asset] = emulator.jobs.list('mediaAsset');
		expect(emulator.jobs.list('mediaAsset')).toHaveLength(1);
		expect(result.output(REGISTER)[0]).toMatchObject({ mediaId: asset.jobId, status: 'succeeded', title: 'Launch' });
		expect(result.output(GET)[0]).toMatchObject({
			mediaId: asset.jobId,
			status: 'succeeded',
			durationSeconds: 30,
			width: 1280,
			height: 720,
		});
		const register = emulator.requests.find((request) => request.action === 'RegisterMediaInfo');
		expect(register?.query).toMatchObject({ InputURL: INPUT, Title: 'Launch' });
		expect(register?.query.ClientToken).toMatch(/^[0-9a-f]{32}$/);
	});

	it('a workflow saved before Template ID was a pick-list (the ID as plain text) still runs', async () => {
		const submit = 'Submit Media Producing Job';
		const workflowId = await n8n!.importWorkflow({
			name: 'e2e: template ID saved as text',
			nodes: [
				node('Start', 'n8n-nodes-base.manualTrigger', 0, {}),
				node(
					submit,
					`${PACKAGE_NAME}.alibabaCloudSubmitMediaProducingJob`,
					220,
					{
						source: 'template',
						templateId: 'tpl-saved-as-text',
						clipsParam: '{"Media0":"https://media-in.oss-cn-shanghai.aliyuncs.com/a.mp4"}',
						outputMediaUrl: 'https://media-out.oss-cn-shanghai.aliyuncs.com/e2e/out.mp4',
					},
					{ credentials },
				),
			],
			connections: { Start: { main: [[{ node: submit, type: 'main', index: 0 }]] } },
		});
		const result = await n8n!.execute(workflowId);
		if (!result.ok) throw new Error(`n8n execute failed: ${result.errorMessage}\nlog: ${result.logFile}`);
		const request = emulator.requests.find((logged) => logged.action === 'SubmitMediaProducingJob');
		expect(request?.query.TemplateId).toBe('tpl-saved-as-text');
		expect(result.output(submit)[0].JobId).toMatch(/^[0-9a-f]{32}$/);
	});

	it("the editor's Template ID list: n8n calls the node's search method with the stored credential", async () => {
		const ready = emulator.catalogue.addTemplate({ Name: 'launch teaser' });
		emulator.catalogue.addTemplate({ Name: 'launch draft', Status: 'Created' });
		await n8n!.start();
		await n8n!.setupOwnerAndLogin();
		const response = await n8n!.rest('POST', '/dynamic-node-parameters/resource-locator-results', {
			path: 'parameters.templateId',
			nodeTypeAndVersion: { name: `${PACKAGE_NAME}.alibabaCloudSubmitMediaProducingJob`, version: 1 },
			currentNodeParameters: { source: 'template', templateId: { __rl: true, mode: 'list', value: '' } },
			methodName: 'searchTemplates',
			filter: 'launch',
			credentials,
		});
		expect(response.status).toBe(200);
		const { results } = response.body.data ?? response.body;
		expect(results).toEqual([{ name: 'launch teaser (Timeline)', value: ready.TemplateId }]);
		const listed = emulator.requests.find((request) => request.action === 'ListTemplates');
		expect(listed?.query).toMatchObject({ Keyword: 'launch', Status: 'Available' });
	}, 300_000);
});
