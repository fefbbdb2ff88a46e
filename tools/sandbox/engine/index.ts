/**
 * Test harness: runs real workflows through n8n-core's execution engine.
 *
 * - Our package is loaded from its BUILT `dist` by n8n-core's `PackageDirectoryLoader` (package root
 *   defaults to the repo root; run `npm run build` first). n8n-nodes-base is loaded lazily by
 *   n8n-core's `LazyPackageDirectoryLoader`, so any base node (Manual Trigger, Set, If, NoOp,
 *   HTTP Request, Send Email, Sticky Note, ...) can be used in a workflow.
 * - Workflows run in `new WorkflowExecute(additionalData, mode, runExecutionData).processRunExecutionData(workflow)`;
 *   HTTP goes over real sockets (point credentials at the emulator). Nothing of n8n is mocked; only the
 *   database-backed services are replaced: credentials come from the test (see `TestCredentialsHelper`).
 * - Polling triggers are driven by n8n-core's own `PollTriggerExecutor` with a `PollContext`, and static
 *   data is kept/saved the way n8n's ActiveWorkflowManager does (see `pollOnce`).
 *
 * Usage (node types in workflow JSON are `n8n-nodes-alibaba-cloud-media.<node>`; credentials are
 * referenced as `credentials: { alibabaCloudApi: { id: '1', name: 'Alibaba Cloud (sandbox)' } }`):
 *
 *   const run = await runWorkflow('test/workflows/package.json', {
 *     credentials: { alibabaCloudApi: { accessKeyId, accessKeySecret, region, iceEndpoint, vodEndpoint } },
 *   });
 *   expect(run.status).toBe('success');
 *   expect(run.output('Submit Package Job')[0].JobId).toBeDefined();
 */
import './env';

import type {
	ICredentialDataDecryptedObject,
	INodeCredentialTestResult,
	INodeExecutionData,
	INodeListSearchResult,
} from 'n8n-workflow';

import { N8nHarness } from './harness';
import { REPO_ROOT } from './registry';
import type {
	ListSearchOptions,
	PollOnceOptions,
	PollResult,
	RunFromTriggerOptions,
	RunWorkflowOptions,
	WorkflowSource,
} from './types';
import type { WorkflowRun } from './workflowRun';
import type { ServedWebhook, ServeWebhookOptions } from './webhookServer';

export { N8nHarness, type HarnessOptions } from './harness';
export { REPO_ROOT, TypeRegistry, type LoadTimings } from './registry';
export { TestCredentialsHelper, type CredentialRequest, type TestCredentials } from './credentials-helper';
export { userFolder } from './env';
export type * from './types';
export { WorkflowRun } from './workflowRun';
export type { ServedWebhook, ServeWebhookOptions, WebhookCall } from './webhookServer';

const harnesses = new Map<string, Promise<N8nHarness>>();

/** The shared harness for a package root (default: the repo root, i.e. our built `dist`). Loaded once per process. */
export async function getHarness(packageRoot: string = REPO_ROOT): Promise<N8nHarness> {
	let harness = harnesses.get(packageRoot);
	if (!harness) {
		harness = N8nHarness.create({ packageRoot });
		harnesses.set(packageRoot, harness);
		harness.catch(() => harnesses.delete(packageRoot));
	}
	return await harness;
}

/** See {@link N8nHarness.runWorkflow}. Uses the package at the repo root. */
export async function runWorkflow(source: WorkflowSource, options: RunWorkflowOptions): Promise<WorkflowRun> {
	return await (await getHarness()).runWorkflow(source, options);
}

/** See {@link N8nHarness.runWorkflowFromTrigger}. Uses the package at the repo root. */
export async function runWorkflowFromTrigger(
	source: WorkflowSource,
	triggerNodeName: string,
	data: INodeExecutionData[][],
	options: RunFromTriggerOptions,
): Promise<WorkflowRun> {
	return await (await getHarness()).runWorkflowFromTrigger(source, triggerNodeName, data, options);
}

/** See {@link N8nHarness.pollOnce}. Uses the package at the repo root. */
export async function pollOnce(
	source: WorkflowSource,
	triggerNodeName: string,
	options: PollOnceOptions,
): Promise<PollResult> {
	return await (await getHarness()).pollOnce(source, triggerNodeName, options);
}

/** See {@link N8nHarness.pollAndRun}. Uses the package at the repo root. */
export async function pollAndRun(
	source: WorkflowSource,
	triggerNodeName: string,
	options: PollOnceOptions,
): Promise<{ poll: PollResult; run: WorkflowRun | undefined }> {
	return await (await getHarness()).pollAndRun(source, triggerNodeName, options);
}

/** See {@link N8nHarness.listSearch}. Uses the package at the repo root. */
export async function listSearch(
	source: WorkflowSource,
	nodeName: string,
	methodName: string,
	options: ListSearchOptions,
): Promise<INodeListSearchResult> {
	return await (await getHarness()).listSearch(source, nodeName, methodName, options);
}

/** See {@link N8nHarness.serveWebhook}. Uses the package at the repo root. */
export async function serveWebhook(
	source: WorkflowSource,
	triggerNodeName: string,
	options: ServeWebhookOptions,
): Promise<ServedWebhook> {
	return await (await getHarness()).serveWebhook(source, triggerNodeName, options);
}

/** See {@link N8nHarness.testCredential}. Uses the package at the repo root; type defaults to `alibabaCloudApi`. */
export async function testCredential(
	credentialData: ICredentialDataDecryptedObject,
	options?: { type?: string; id?: string; name?: string },
): Promise<INodeCredentialTestResult> {
	return await (await getHarness()).testCredential(credentialData, options);
}
