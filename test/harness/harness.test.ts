/**
 * Self-test of the harness against a throwaway fixture package (see fixture.ts) and a node:http
 * server started here: real workflows, real n8n-core engine, real sockets.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { AddressInfo } from 'node:net';

import { NodeApiError, type IConnections, type INode } from 'n8n-workflow';

import { N8nHarness, type WorkflowDefinition } from '../../tools/sandbox/engine/index';
import { FIXTURE_PACKAGE, writeFixturePackage } from './fixture';

interface SeenRequest {
	method: string;
	url: string;
	headers: IncomingHttpHeaders;
}

let server: Server;
let baseUrl: string;
const seen: SeenRequest[] = [];
let events: Array<{ id: number; name: string }> = [];
let harness: N8nHarness;
let loadMs: number;
let fixtureRoot: string;

beforeAll(async () => {
	server = createServer((req, res) => {
		seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
		const url = new URL(req.url ?? '/', 'http://x');
		const authorized = req.headers['x-fixture-auth'] === 'key=good';
		const send = (status: number, body: unknown) => {
			res.writeHead(status, { 'content-type': 'application/json' });
			res.end(JSON.stringify(body));
		};
		if (!authorized) return send(403, { Code: 'Forbidden', Message: 'bad key' });
		if (url.pathname === '/echo' || url.pathname === '/check') {
			return send(200, { ok: true, item: Number(url.searchParams.get('item')) });
		}
		if (url.pathname === '/fail') {
			return send(400, { Code: 'InvalidParameter', Message: 'The parameter is invalid.' });
		}
		if (url.pathname === '/events') {
			const after = Number(url.searchParams.get('after') ?? 0);
			return send(200, { events: events.filter((event) => event.id > after) });
		}
		return send(404, { Code: 'NotFound' });
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

	const started = performance.now();
	fixtureRoot = writeFixturePackage();
	harness = await N8nHarness.create({ packageRoot: fixtureRoot });
	loadMs = performance.now() - started;
});

afterAll(async () => {
	await new Promise<void>((resolve) => server.close(() => resolve()));
	rmSync(fixtureRoot, { recursive: true, force: true });
});

beforeEach(() => {
	seen.length = 0;
	events = [];
});

const credentials = () => ({ fixtureApi: { apiKey: 'good', baseUrl } });
const credentialRef = { fixtureApi: { id: '1', name: 'Fixture (sandbox)' } };

function echoWorkflow(echo: Partial<INode> = {}): WorkflowDefinition {
	const nodes: INode[] = [
		{
			id: 'a',
			name: 'When clicking Execute',
			type: 'n8n-nodes-base.manualTrigger',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		},
		{
			id: 'b',
			name: 'Echo',
			type: `${FIXTURE_PACKAGE}.fixtureEcho`,
			typeVersion: 1,
			position: [200, 0],
			parameters: { path: 'echo' },
			credentials: credentialRef,
			...echo,
		},
		{
			id: 'c',
			name: 'Set',
			type: 'n8n-nodes-base.set',
			typeVersion: 3.4,
			position: [400, 0],
			parameters: {
				assignments: {
					assignments: [
						{ id: 'x', name: 'seenOk', value: '={{ $json.ok }}', type: 'boolean' },
						{ id: 'y', name: 'error', value: '={{ $json.error }}', type: 'string' },
					],
				},
				options: {},
			},
		},
	];
	const connections: IConnections = {
		'When clicking Execute': { main: [[{ node: 'Echo', type: 'main', index: 0 }]] },
		Echo: { main: [[{ node: 'Set', type: 'main', index: 0 }]] },
	};
	return { name: 'echo', nodes, connections };
}

describe('harness', () => {
	test('loads the package with PackageDirectoryLoader and base nodes lazily', () => {
		expect(harness.packageName).toBe(FIXTURE_PACKAGE);
		expect(harness.registry.getByNameAndVersion(`${FIXTURE_PACKAGE}.fixtureEcho`).description.name).toBe('fixtureEcho');
		// The loader added "Poll Times" to the polling node, as n8n does.
		const trigger = harness.registry.getByNameAndVersion(`${FIXTURE_PACKAGE}.fixtureTrigger`);
		expect(trigger.description.properties.map((property) => property.name)).toContain('pollTimes');
		expect(typeof harness.registry.getCredentialType('fixtureApi').authenticate).toBe('function');
		process.stdout.write(
			`harness load: ${loadMs.toFixed(0)} ms (package ${harness.timings.packageMs.toFixed(0)} ms, ` +
				`n8n-nodes-base lazy index ${harness.timings.baseMs.toFixed(0)} ms)\n`,
		);
	});

	test('Manual Trigger → fixture node → Set runs through the engine with the authenticated request', async () => {
		const run = await harness.runWorkflow(echoWorkflow(), { credentials: credentials() });
		expect(run.error).toBeUndefined();
		expect(run.status).toBe('success');
		expect(run.executedNodes()).toEqual(['When clicking Execute', 'Echo', 'Set']);
		expect(run.output('Echo')).toEqual([{ ok: true, item: 0 }]);
		expect(run.items('Echo')[0].pairedItem).toEqual({ item: 0 });
		expect(run.output('Set')[0]).toMatchObject({ seenOk: true });
		expect(seen).toHaveLength(1);
		expect(seen[0].url).toBe('/echo?item=0');
		expect(seen[0].headers['x-fixture-auth']).toBe('key=good');
		const asked = run.credentialRequests.map(({ type, id, nodeName }) => [type, id, nodeName]);
		expect(asked).toContainEqual(['fixtureApi', '1', 'Echo']);
		process.stdout.write(`one workflow run: ${run.durationMs.toFixed(0)} ms\n`);
	});

	test('a node error surfaces unchanged (NodeApiError data with httpCode, description, context)', async () => {
		const run = await harness.runWorkflow(echoWorkflow({ parameters: { path: 'fail' } }), {
			credentials: credentials(),
		});
		expect(run.status).toBe('error');
		const error = run.nodeError('Echo');
		// n8n stores `{ ...error, message, stack }`: the data of the NodeApiError, not the instance.
		expect(error).toMatchObject({
			name: 'NodeApiError',
			httpCode: '400',
			message: 'Bad request - please check your parameters',
			description: 'Request failed with status code 400',
			context: { data: { Code: 'InvalidParameter', Message: 'The parameter is invalid.' } },
			node: expect.objectContaining({ name: 'Echo' }),
		});
		expect(run.error).toMatchObject({ name: 'NodeApiError', httpCode: '400', message: error?.message });
		expect(run.executedNodes()).not.toContain('Set');
	});

	test('wrong credentials: the 403 surfaces as NodeApiError 403', async () => {
		const run = await harness.runWorkflow(echoWorkflow(), {
			credentials: { fixtureApi: { apiKey: 'bad', baseUrl } },
		});
		expect(run.status).toBe('error');
		expect(run.nodeError('Echo')).toMatchObject({ name: 'NodeApiError', httpCode: '403' });
	});

	test('onError continueRegularOutput keeps the items and the run goes on', async () => {
		const run = await harness.runWorkflow(
			echoWorkflow({ parameters: { path: 'fail' }, onError: 'continueRegularOutput' }),
			{ credentials: credentials() },
		);
		expect(run.status).toBe('success');
		expect(run.nodeError('Echo')).toBeUndefined();
		expect(run.output('Echo')[0].error).toMatch(/Bad request|invalid/i);
		expect(run.items('Echo')[0].pairedItem).toEqual({ item: 0 });
		expect(run.output('Set')[0].error).toMatch(/Bad request|invalid/i);
	});

	test('legacy continueOnFail: true behaves the same', async () => {
		const run = await harness.runWorkflow(echoWorkflow({ parameters: { path: 'fail' }, continueOnFail: true }), {
			credentials: credentials(),
		});
		expect(run.status).toBe('success');
		expect(run.output('Set')).toHaveLength(1);
	});

	test('a missing credential fails the node like n8n', async () => {
		const run = await harness.runWorkflow(echoWorkflow(), { credentials: {} });
		expect(run.status).toBe('error');
		expect(run.nodeError('Echo')?.message).toMatch(/does not exist|credential/i);
	});

	test('base nodes used by our workflows load on demand', () => {
		const started = performance.now();
		for (const type of ['manualTrigger', 'set', 'if', 'noOp', 'httpRequest', 'emailSend', 'stickyNote']) {
			expect(harness.registry.getByNameAndVersion(`n8n-nodes-base.${type}`).description.name).toBe(type);
		}
		process.stdout.write(`base nodes loaded on demand: ${(performance.now() - started).toFixed(0)} ms\n`);
	});

	test('a workflow JSON file; HTTP Request node with the predefined credential type; If', async () => {
		const file = join(mkdtempSync(join(tmpdir(), 'n8n-harness-wf-')), 'wf.json');
		const workflow: WorkflowDefinition = {
			nodes: [
				{
					id: 'a',
					name: 'Start',
					type: 'n8n-nodes-base.manualTrigger',
					typeVersion: 1,
					position: [0, 0],
					parameters: {},
				},
				{
					id: 'b',
					name: 'HTTP',
					type: 'n8n-nodes-base.httpRequest',
					typeVersion: 4.2,
					position: [200, 0],
					parameters: {
						url: `${baseUrl}/echo`,
						authentication: 'predefinedCredentialType',
						nodeCredentialType: 'fixtureApi',
						options: {},
					},
					credentials: credentialRef,
				},
				{
					id: 'c',
					name: 'If',
					type: 'n8n-nodes-base.if',
					typeVersion: 2.2,
					position: [400, 0],
					parameters: {
						conditions: {
							options: { caseSensitive: true, leftValue: '', typeValidation: 'strict', version: 2 },
							conditions: [
								{
									id: 'k',
									leftValue: '={{ $json.ok }}',
									rightValue: '',
									operator: { type: 'boolean', operation: 'true', singleValue: true },
								},
							],
							combinator: 'and',
						},
						options: {},
					},
				},
				{ id: 'd', name: 'Yes', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [600, 0], parameters: {} },
			],
			connections: {
				Start: { main: [[{ node: 'HTTP', type: 'main', index: 0 }]] },
				HTTP: { main: [[{ node: 'If', type: 'main', index: 0 }]] },
				If: { main: [[{ node: 'Yes', type: 'main', index: 0 }], []] },
			},
		};
		writeFileSync(file, JSON.stringify(workflow));
		const run = await harness.runWorkflow(file, { credentials: credentials() });
		rmSync(dirname(file), { recursive: true, force: true });
		expect(run.error).toBeUndefined();
		expect(seen[0].headers['x-fixture-auth']).toBe('key=good');
		expect(run.output('Yes')).toEqual([{ ok: true, item: 0 }]);
	});

	test('pinData short-circuits a node, as in the editor', async () => {
		const run = await harness.runWorkflow(echoWorkflow(), {
			credentials: credentials(),
			pinData: { Echo: [{ json: { ok: true, pinned: 1 } }] },
		});
		expect(seen).toHaveLength(0);
		expect(run.output('Set')[0]).toMatchObject({ seenOk: true });
	});

	describe('polling', () => {
		const pollWorkflow: WorkflowDefinition = {
			name: 'poll',
			nodes: [
				{
					id: 't',
					name: 'Trigger',
					type: `${FIXTURE_PACKAGE}.fixtureTrigger`,
					typeVersion: 1,
					position: [0, 0],
					parameters: { pollTimes: { item: [{ mode: 'everyMinute' }] } },
					credentials: credentialRef,
				},
				{
					id: 's',
					name: 'Set',
					type: 'n8n-nodes-base.set',
					typeVersion: 3.4,
					position: [200, 0],
					parameters: {
						assignments: { assignments: [{ id: 'z', name: 'eventName', value: '={{ $json.name }}', type: 'string' }] },
						options: {},
					},
				},
			],
			connections: { Trigger: { main: [[{ node: 'Set', type: 'main', index: 0 }]] } },
		};

		test('pollOnce keeps static data between polls as n8n does', async () => {
			events = [
				{ id: 1, name: 'one' },
				{ id: 2, name: 'two' },
			];
			const first = await harness.pollOnce(pollWorkflow, 'Trigger', { credentials: credentials() });
			expect(first.emitted).toBe(true);
			expect(first.items?.[0].map((item) => item.json.id)).toEqual([1, 2]);
			expect(first.staticData).toEqual({ 'node:Trigger': { polls: 1, lastId: 2 } });
			expect(first.savedStaticData).toEqual(first.staticData);
			expect(seen[0].headers['x-fixture-auth']).toBe('key=good');

			// Nothing new: no emit, nothing saved, but the in-memory state moved (poll counter).
			const second = await harness.pollOnce(pollWorkflow, 'Trigger', {
				credentials: credentials(),
				staticData: first.staticData,
			});
			expect(second.items).toBeNull();
			expect(second.emitted).toBe(false);
			expect(second.savedStaticData).toBeUndefined();
			expect(second.staticData).toEqual({ 'node:Trigger': { polls: 2, lastId: 2 } });
			expect(seen[1].url).toBe('/events?after=2');

			events.push({ id: 3, name: 'three' });
			const third = await harness.pollOnce(pollWorkflow, 'Trigger', {
				credentials: credentials(),
				staticData: second.staticData,
			});
			expect(third.items?.[0].map((item) => item.json.id)).toEqual([3]);
			expect(third.savedStaticData).toEqual({ 'node:Trigger': { polls: 3, lastId: 3 } });
		});

		test('manual mode (Fetch test event) does not save state', async () => {
			events = [{ id: 7, name: 'seven' }];
			const result = await harness.pollOnce(pollWorkflow, 'Trigger', {
				credentials: credentials(),
				mode: 'manual',
				staticData: { 'node:Trigger': { lastId: 7 } },
			});
			expect(result.items?.[0][0].json).toEqual({ id: 7, name: 'seven' });
			expect(result.savedStaticData).toBeUndefined();
			expect(result.staticData).toEqual({ 'node:Trigger': { lastId: 7 } });
		});

		test('a poll error rejects unchanged', async () => {
			await expect(
				harness.pollOnce(pollWorkflow, 'Trigger', { credentials: { fixtureApi: { apiKey: 'bad', baseUrl } } }),
			).rejects.toBeInstanceOf(NodeApiError);
			await expect(
				harness.pollOnce(pollWorkflow, 'Trigger', {
					credentials: { fixtureApi: { apiKey: 'bad', baseUrl } },
					tick: 'activation',
				}),
			).rejects.toMatchObject({ httpCode: '403' });
		});

		test('pollAndRun runs Trigger → Set with the emitted items', async () => {
			events = [{ id: 5, name: 'five' }];
			const { poll, run } = await harness.pollAndRun(pollWorkflow, 'Trigger', { credentials: credentials() });
			expect(poll.emitted).toBe(true);
			expect(run?.status).toBe('success');
			expect(run?.run.mode).toBe('trigger');
			expect(run?.output('Trigger')).toEqual([{ id: 5, name: 'five' }]);
			expect(run?.output('Set')).toEqual([{ eventName: 'five' }]);
		});
	});

	describe('testCredential (CredentialsTester reproduction)', () => {
		test('OK when the test request succeeds, signed by authenticate', async () => {
			const result = await harness.testCredential({ apiKey: 'good', baseUrl }, { type: 'fixtureApi' });
			expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
			expect(seen[0]).toMatchObject({ method: 'GET', url: '/check' });
			expect(seen[0].headers['x-fixture-auth']).toBe('key=good');
		});

		test('a responseCode rule gives its message', async () => {
			const result = await harness.testCredential({ apiKey: 'bad', baseUrl }, { type: 'fixtureApi' });
			expect(result).toEqual({ status: 'Error', message: 'The API key was rejected' });
		});

		test('connection refused gives the error code', async () => {
			const result = await harness.testCredential(
				{ apiKey: 'good', baseUrl: 'http://127.0.0.1:9' },
				{ type: 'fixtureApi' },
			);
			expect(result).toEqual({ status: 'Error', message: 'ECONNREFUSED' });
		});
	});
});
