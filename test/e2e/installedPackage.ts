/** Checks that an n8n loaded the package from where it was installed: one node run, every node listed. */
import type { Emulator } from '../../tools/sandbox/emulator';
import { alibabaCredential, type N8n, type N8nSession, newId, PACKAGE_NAME } from '../../tools/sandbox/n8n';
import { packageNodes } from '../support/ramActions';

const SUBMIT = 'Submit Package Job';

/**
 * Runs Manual Trigger → Submit Package Job with `n8n execute` and returns the job ID, after asserting that the
 * emulator received that one request, accepted it, and holds the job.
 */
export async function runOneNodeOfThePackage(
	n8n: Pick<N8n, 'importCredentials' | 'importWorkflow' | 'execute'>,
	emulator: Emulator,
): Promise<string> {
	const credential = { id: newId(), name: 'Alibaba Cloud (emulator)' };
	await n8n.importCredentials([alibabaCredential(emulator, credential)]);
	const workflowId = await n8n.importWorkflow({
		name: 'installed package: one packaging job',
		nodes: [
			{ id: newId(), name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0] },
			{
				id: newId(),
				name: SUBMIT,
				type: `${PACKAGE_NAME}.alibabaCloudSubmitPackageJob`,
				typeVersion: 1,
				position: [220, 0],
				parameters: {
					jobName: 'installed-package',
					inputs: { input: [{ type: 'OSS', media: 'oss://media-in/installed/in.mp4' }] },
					outputType: 'OSS',
					outputMedia: 'oss://media-out/installed/index.m3u8',
				},
				credentials: { alibabaCloudApi: credential },
			},
		],
		connections: { Start: { main: [[{ node: SUBMIT, type: 'main', index: 0 }]] } },
	});
	emulator.clearRequests();
	const result = await n8n.execute(workflowId);
	if (!result.ok) throw new Error(`n8n execute failed: ${result.errorMessage}; log: ${result.logFile}`);
	const [submitted] = result.output(SUBMIT);
	expect(emulator.requests.map((request) => [request.action, request.status])).toEqual([['SubmitPackageJob', 200]]);
	expect(emulator.jobs.get(submitted.JobId)).toBeDefined();
	return submitted.JobId;
}

/**
 * The package's node types a started n8n lists for its editor (`/types/nodes.json`), each once (without the "…Tool"
 * variant n8n adds of a node usable as an AI Agent tool), sorted; and the ones package.json declares.
 */
export async function listedPackageNodes(n8n: Pick<N8nSession, 'request'>): Promise<{ listed: string[]; declared: string[] }> {
	const nodeTypes = await n8n.request('/types/nodes.json');
	if (nodeTypes.status !== 200) throw new Error(`GET /types/nodes.json answered ${nodeTypes.status}`);
	const listed = new Set(
		(nodeTypes.body as Array<{ name: string }>)
			.map((type) => type.name)
			.filter((name) => name.startsWith(`${PACKAGE_NAME}.`))
			.map((name) => name.replace(/Tool$/, '')),
	);
	return {
		listed: [...listed].sort(),
		declared: packageNodes()
			.map((node) => `${PACKAGE_NAME}.${node.type}`)
			.sort(),
	};
}
