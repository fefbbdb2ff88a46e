/**
 * An AI Agent in a real n8n 2.41 uses the package's nodes as tools: n8n's own AI Agent node
 * (@n8n/n8n-nodes-langchain.agent, bundled with n8n) with its OpenAI Chat Model node pointed (the credential's Base
 * URL) at a local OpenAI-compatible server on 127.0.0.1 that answers from a script, not a model:
 *
 * 1. call the Submit Package Job tool with the source and the output the script chose;
 * 2. call the Get Package Job tool with the JobId the first tool returned;
 * 3. answer with the job's ID and status.
 *
 * The package is installed from its `npm pack` tarball as a community package; n8n 2.41 turns every node with
 * `usableAsTool: true` into a tool (`<node>Tool`) with no setting to turn on. Checked: what the emulator received
 * (one SubmitPackageJob with the scripted inputs and output, one GetPackageJob for the returned JobId), the tools n8n
 * offered the model (names, descriptions, argument schemas), what the tools returned to it, and the agent's answer.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { AlibabaCloudGetPackageJob } from '../../nodes/AlibabaCloudGetPackageJob/AlibabaCloudGetPackageJob.node';
import { AlibabaCloudSubmitPackageJob } from '../../nodes/AlibabaCloudSubmitPackageJob/AlibabaCloudSubmitPackageJob.node';
import { type ChatRequest, type ScriptedOpenAi, startScriptedOpenAi } from '../../tools/sandbox/ai/scriptedOpenAi';
import type { Emulator } from '../../tools/sandbox/emulator';
import { startEmulator } from '../../tools/sandbox/emulator';
import { alibabaCredential, N8n, newId, packageTarball, PACKAGE_NAME } from '../../tools/sandbox/n8n';
import { describeE2e } from './describeE2e';

const SOURCE = 'oss://media-in/agent/launch.mp4';
const TARGET = 'oss://media-out/agent/launch/index.m3u8';
const AGENT = 'AI Agent';
const MODEL = 'OpenAI Chat Model';
const SUBMIT = 'Submit Package Job';
const GET = 'Get Package Job';
const PROMPT = `Package ${SOURCE} for HLS streaming into ${TARGET}, then tell me the job's ID and status.`;

const findTool = (request: ChatRequest, pattern: RegExp) => {
	const tool = request.tools.find((offered) => pattern.test(offered.name));
	if (!tool)
		throw new Error(`no tool matching ${pattern} among ${request.tools.map((offered) => offered.name).join(', ')}`);
	return tool.name;
};

const jobIdIn = (toolResult: string) => /"(?:JobId|jobId)"\s*:\s*"([^"]+)"/.exec(toolResult.replace(/\\"/g, '"'))?.[1];
const statusIn = (toolResult: string) => /"status"\s*:\s*"([^"]+)"/.exec(toolResult.replace(/\\"/g, '"'))?.[1];

/** The model's part: submit, then read the job the submission returned, then answer. */
function script(request: ChatRequest) {
	const [submitted, read] = request.toolResults;
	if (submitted === undefined)
		return { toolCalls: [{ name: findTool(request, /submit/i), arguments: { sourceUrl: SOURCE, outputUrl: TARGET } }] };
	const jobId = jobIdIn(submitted);
	if (!jobId) throw new Error(`no JobId in what the Submit tool returned: ${submitted.slice(0, 500)}`);
	if (read === undefined) return { toolCalls: [{ name: findTool(request, /get/i), arguments: { jobId } }] };
	return { content: `Packaging job ${jobId} is ${statusIn(read) ?? 'unknown'}.` };
}

function node(name: string, type: string, typeVersion: number, position: number[], parameters: object, extra = {}) {
	return { id: newId(), name, type, typeVersion, position, parameters, ...extra };
}

describeE2e('real n8n: an AI Agent submits and reads a packaging job through the package’s nodes as tools', () => {
	let emulator: Emulator;
	let model: ScriptedOpenAi;
	let n8n: N8n | undefined;
	const alibaba = { id: newId(), name: 'Alibaba Cloud (emulator)' };
	const openAi = { id: newId(), name: 'Scripted OpenAI' };

	beforeAll(async () => {
		emulator = await startEmulator({ clock: 'manual' });
		model = await startScriptedOpenAi(script);
		n8n = await N8n.create({ tarball: packageTarball(), name: 'ai-agent' });
		await n8n.importCredentials([
			alibabaCredential(emulator, alibaba),
			{ ...openAi, type: 'openAiApi', data: { apiKey: 'sk-scripted-test-key', url: model.baseUrl } },
		]);
	}, 300_000);

	afterAll(async () => {
		await n8n?.dispose();
		await model?.stop();
		await emulator?.stop();
	}, 60_000);

	it('ships n8n’s AI Agent and OpenAI Chat Model nodes (@n8n/n8n-nodes-langchain) with the provisioned n8n', () => {
		const langchain = join(n8n!.runtime.dir, 'n8n', 'node_modules', '@n8n', 'n8n-nodes-langchain', 'package.json');
		const nodes: string[] = JSON.parse(readFileSync(langchain, 'utf8')).n8n.nodes;
		expect(nodes).toEqual(
			expect.arrayContaining([
				expect.stringMatching(/\/Agent\.node\.js$/),
				expect.stringMatching(/\/LmChatOpenAi\.node\.js$/),
			]),
		);
	});

	let result: Awaited<ReturnType<N8n['execute']>>;

	it('runs the agent with `n8n execute`: two tool calls, then the answer', async () => {
		const alibabaCredentials = { alibabaCloudApi: alibaba };
		const workflowId = await n8n!.importWorkflow({
			name: 'e2e: AI agent packages a video',
			// as the editor saves new workflows; the engine runs an agent's tool calls before resuming it only in v1 order
			settings: { executionOrder: 'v1' },
			nodes: [
				node('Start', 'n8n-nodes-base.manualTrigger', 1, [0, 0], {}),
				node(AGENT, '@n8n/n8n-nodes-langchain.agent', 3.1, [220, 0], {
					promptType: 'define',
					text: PROMPT,
					options: {},
				}),
				node(
					MODEL,
					'@n8n/n8n-nodes-langchain.lmChatOpenAi',
					1.2,
					[100, 220],
					{ model: { __rl: true, mode: 'id', value: 'scripted-model' }, options: { maxRetries: 0 } },
					{ credentials: { openAiApi: openAi } },
				),
				node(
					SUBMIT,
					`${PACKAGE_NAME}.alibabaCloudSubmitPackageJobTool`,
					1,
					[300, 220],
					{
						inputs: {
							input: [
								{
									type: 'OSS',
									media: "={{ $fromAI('sourceUrl', 'The source video, as oss://bucket/path', 'string') }}",
								},
							],
						},
						outputType: 'OSS',
						outputMedia:
							"={{ $fromAI('outputUrl', 'Where the HLS playlist goes, as oss://bucket/path.m3u8', 'string') }}",
					},
					{ credentials: alibabaCredentials },
				),
				node(
					GET,
					`${PACKAGE_NAME}.alibabaCloudGetPackageJobTool`,
					1,
					[440, 220],
					{ jobId: "={{ $fromAI('jobId', 'The JobId that Submit Package Job returned', 'string') }}" },
					{ credentials: alibabaCredentials },
				),
			],
			connections: {
				Start: { main: [[{ node: AGENT, type: 'main', index: 0 }]] },
				[MODEL]: { ai_languageModel: [[{ node: AGENT, type: 'ai_languageModel', index: 0 }]] },
				[SUBMIT]: { ai_tool: [[{ node: AGENT, type: 'ai_tool', index: 0 }]] },
				[GET]: { ai_tool: [[{ node: AGENT, type: 'ai_tool', index: 0 }]] },
			},
		});
		result = await n8n!.execute(workflowId, { timeoutMs: 180_000 });
		if (!result.ok)
			throw new Error(
				`n8n execute failed: ${result.errorMessage}\nmodel errors: ${model.errors.join(' | ')}\nlog: ${result.logFile}\n${result.stdout.slice(-3000)}`,
			);
		expect(model.errors).toEqual([]);
		expect(model.requests).toHaveLength(3);
	});

	it('the emulator received the scripted packaging job, then the read of the JobId it returned', () => {
		const calls = emulator.requests.map((request) => [request.action, request.status, request.errorCode]);
		expect(calls).toEqual([
			['SubmitPackageJob', 200, undefined],
			['GetPackageJob', 200, undefined],
		]);
		const [submit, get] = emulator.requests;
		expect(JSON.parse(submit.query.Inputs)).toEqual([{ Input: { Type: 'OSS', Media: SOURCE } }]);
		expect(JSON.parse(submit.query.Output)).toEqual({ Type: 'OSS', Media: TARGET });
		const createdJobIds = emulator.jobs.list('package').map((job) => job.jobId);
		expect(createdJobIds).toHaveLength(1);
		expect(get.query).toEqual({ JobId: createdJobIds[0] });
	});

	it('n8n offered the model both nodes as tools, described by the nodes themselves, with the $fromAI arguments', () => {
		const [first] = model.requests;
		expect(first.hadApiKey).toBe(true);
		expect(JSON.stringify(first.messages)).toContain(PROMPT);
		const tools = Object.fromEntries(first.tools.map((tool) => [tool.name, tool]));
		expect(Object.keys(tools).sort()).toEqual(['Get_Package_Job', 'Submit_Package_Job']);
		expect(tools.Submit_Package_Job.description).toBe(new AlibabaCloudSubmitPackageJob().description.description);
		expect(tools.Get_Package_Job.description).toBe(new AlibabaCloudGetPackageJob().description.description);
		expect(Object.keys(tools.Submit_Package_Job.parameters.properties ?? {}).sort()).toEqual([
			'outputUrl',
			'sourceUrl',
		]);
		expect(Object.keys(tools.Get_Package_Job.parameters.properties ?? {})).toEqual(['jobId']);
	});

	it('the tools returned the job ID, then the job read back; the agent answered with both', () => {
		const jobId = emulator.jobs.list('package').map((job) => job.jobId)[0];
		const [submitted, read] = model.requests[2].toolResults;
		expect(jobIdIn(submitted)).toBe(jobId);
		expect(jobIdIn(read)).toBe(jobId);
		const status = statusIn(read);
		expect(status).toBe('running');
		expect(result.output(AGENT)).toEqual([{ output: `Packaging job ${jobId} is ${status}.` }]);
	});
});
