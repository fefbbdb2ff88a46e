/**
 * Helpers of the real-n8n examples suite: the emulator's speed, example 3's fast Poll Times, reading `n8n execute`,
 * jobs created directly in the emulator, and the trigger's executions read back from n8n.
 */
import { join } from 'node:path';

import type OpenApi from '@alicloud/openapi-client';
import type { IDataObject } from 'n8n-workflow';

import { callSdk } from '../../tools/sandbox/emulator/sdkClient';
import type { ExecuteResult, N8n } from '../../tools/sandbox/n8n';

/** How fast the emulator's clock runs: a job's 60 s lifecycle takes half a second. See the suite's beforeAll. */
export const SPEED = 120;

/**
 * Example 3 polls every minute. n8n 2.41 allows nothing shorter per Poll Times entry: at activation it rejects any
 * entry whose cron fires more than once a minute (n8n-workflow `isSubMinuteCron`: a 6-field cron must have one
 * fixed second, so a step, a range or a list there, e.g. `0,30 * * * * *`, fails with "The polling interval is too
 * short"). Waiting minutes for each poll would make the suite several minutes long, so the imported copy uses
 * twelve Custom entries `0 * * * * *`, `5 * * * * *`, … `55 * * * * *`: each one is minute-granular, exactly what
 * n8n itself generates for "Every Minute" (`<random second> * * * * *`), and n8n registers each entry as its own
 * cron, so together they poll every 5 s. Several Poll Times entries are an ordinary editor feature ("Add Poll
 * Time"); the trigger's logic does not depend on the interval.
 */
export const FAST_POLL_TIMES = {
	item: Array.from({ length: 12 }, (_, index) => ({ mode: 'custom', cronExpression: `${index * 5} * * * * *` })),
};

export type Workflow = {
	id: string;
	nodes: Array<{ name: string; type: string; parameters: Record<string, any> }>;
	[key: string]: unknown;
};

export function nodesThatRan(result: ExecuteResult): string[] {
	return Object.keys(result.run?.data.resultData.runData ?? {});
}

export function assertOk(result: ExecuteResult): void {
	if (!result.ok) {
		throw new Error(
			`n8n execute failed: ${result.errorMessage}\nlog: ${result.logFile}\n${result.stdout.slice(-3000)}`,
		);
	}
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function waitFor(what: string, condition: () => boolean, timeoutMs: number): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!condition()) {
		if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
		await sleep(100);
	}
}

/** A packaging job created directly in the emulator (a signed call with the official SDK), not by a workflow. */
export async function submitPackageJob(client: OpenApi, name: string): Promise<string> {
	const answer = await callSdk(client, 'SubmitPackageJob', {
		Name: name,
		Inputs: JSON.stringify([{ Input: { Type: 'OSS', Media: `oss://media-in/${name}.mp4` } }]),
		Output: JSON.stringify({ Type: 'OSS', Media: `oss://media-out/${name}/index.m3u8` }),
	});
	return answer.JobId as string;
}

/** A production job created directly in the emulator, writing to `outputUrl`. */
export async function submitProductionJob(client: OpenApi, outputUrl: string): Promise<string> {
	const answer = await callSdk(
		client,
		'SubmitMediaProducingJob',
		{ OutputMediaTarget: 'oss-object', OutputMediaConfig: JSON.stringify({ MediaURL: outputUrl }) },
		{
			Timeline: JSON.stringify({
				VideoTracks: [{ VideoTrackClips: [{ MediaURL: 'https://media-in.oss-cn-shanghai.aliyuncs.com/a.mp4' }] }],
			}),
		},
	);
	return answer.JobId as string;
}

export interface ListedExecution {
	id: string;
	mode: string;
	status: string;
}

/** A workflow's executions as n8n's REST API lists them (the owner logged in), newest first. */
export async function executionsOf(n8n: N8n, workflowId: string): Promise<ListedExecution[]> {
	const filter = encodeURIComponent(JSON.stringify({ workflowId }));
	const list = await n8n.rest('GET', `/executions?filter=${filter}&limit=100`);
	expect(list.status).toBe(200);
	return (list.body.data?.results ?? list.body.data ?? []) as ListedExecution[];
}

/** GET `url` until it is no longer 404: n8n registers a published workflow's webhooks and forms after it starts. */
export async function whenRegistered(url: string, init: RequestInit = {}, timeoutMs = 60_000): Promise<Response> {
	const deadline = Date.now() + timeoutMs;
	let answer = await fetch(url, init);
	while (answer.status === 404 && Date.now() < deadline) {
		await sleep(1000);
		answer = await fetch(url, init);
	}
	return answer;
}

/**
 * The trigger's executions as n8n's REST API lists them (each a successful `trigger` execution whose trigger ran
 * once), and the items they emitted together.
 */
export async function itemsEmittedByTriggerExecutions(n8n: N8n, workflowId: string): Promise<IDataObject[]> {
	const results = await executionsOf(n8n, workflowId);
	expect(results.length).toBeGreaterThanOrEqual(1);
	expect(results.length).toBeLessThanOrEqual(5);

	// flatted is how n8n serializes execution data for the editor; use the copy n8n itself ships.
	const flatted = require(join(n8n.runtime.dir, 'n8n', 'node_modules', 'flatted')) as {
		parse: (text: string) => any;
	};
	const emitted: IDataObject[] = [];
	for (const { id, mode, status } of results) {
		expect({ id, mode, status }).toEqual({ id, mode: 'trigger', status: 'success' });
		const one = await n8n.rest('GET', `/executions/${id}`);
		expect(one.status).toBe(200);
		const data = flatted.parse((one.body.data ?? one.body).data);
		const triggerRuns = data.resultData.runData['Media Job Trigger'] as Array<{
			data: { main: Array<Array<{ json: IDataObject }>> };
		}>;
		expect(triggerRuns).toHaveLength(1);
		emitted.push(...triggerRuns[0].data.main[0].map((item) => item.json));
	}
	return emitted;
}

/** The job IDs the trigger's executions emitted together (see itemsEmittedByTriggerExecutions). */
export async function jobIdsEmittedByTriggerExecutions(n8n: N8n, workflowId: string): Promise<string[]> {
	return (await itemsEmittedByTriggerExecutions(n8n, workflowId)).map((item) => item.jobId as string);
}
