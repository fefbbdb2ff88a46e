/**
 * The example workflows in examples/*.json, as users import them: each file is checked as n8n import JSON (the
 * runs are in examples-run.test.ts).
 */
import { readFileSync } from 'node:fs';

import { NodeHelpers, safeParseWorkflowStructure, type INode, type INodeTypeDescription } from 'n8n-workflow';

import { getHarness } from '../../tools/sandbox/engine';
import { PACKAGE_NAME } from '../../tools/sandbox/workflows/workflows';
import {
	ALIBABA_CREDENTIAL,
	EVENTBRIDGE_CREDENTIAL,
	examplePath,
	exampleFiles,
	FILES,
	loadExample,
	RECIPIENT,
	SMTP_CREDENTIAL,
	WEBHOOK_URL,
} from '../support/examples';

const BASE = 'n8n-nodes-base';

// ---------------------------------------------------------------------------------------------------------------
// Static: every example is valid n8n import JSON using only nodes that exist, with the sandbox credentials
// ---------------------------------------------------------------------------------------------------------------

describe('every example is importable n8n workflow JSON', () => {
	it('the examples the suites name are exactly the files in examples/', () => {
		expect(exampleFiles()).toEqual(Object.values(FILES).sort());
	});

	it('workflow ids are fixed, distinct and short; node ids are distinct UUIDs across all examples', () => {
		const workflowIds = new Set<string>();
		const nodeIds = new Set<string>();
		for (const file of exampleFiles()) {
			const workflow = loadExample(file);
			expect(workflow.id).toMatch(/^alibabaExample\d{2}$/);
			expect(workflowIds.has(workflow.id as string)).toBe(false);
			workflowIds.add(workflow.id as string);
			for (const node of workflow.nodes) {
				expect(node.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
				expect(nodeIds.has(node.id)).toBe(false);
				nodeIds.add(node.id);
			}
		}
	});

	describe.each(exampleFiles())('%s', (file) => {
		const workflow = loadExample(file);

		it('has the export fields n8n writes, with executionOrder v1, no pinned data, inactive', () => {
			expect(typeof workflow.name).toBe('string');
			expect((workflow.name as string).length).toBeGreaterThan(0);
			expect(workflow.settings).toEqual({ executionOrder: 'v1' });
			expect(workflow.pinData).toEqual({});
			expect(workflow.active).toBe(false);
			expect(Array.isArray(workflow.nodes)).toBe(true);
			expect(typeof workflow.connections).toBe('object');
		});

		it('passes n8n’s own import structure check (safeParseWorkflowStructure, as `n8n import:workflow`)', () => {
			const result = safeParseWorkflowStructure(workflow);
			expect(result.success ? [] : result.issues).toEqual([]);
		});

		it('unique node names and ids; every connection joins existing nodes through existing outputs', async () => {
			const names = workflow.nodes.map((node) => node.name);
			expect(new Set(names).size).toBe(names.length);
			const ids = workflow.nodes.map((node) => node.id);
			expect(new Set(ids).size).toBe(ids.length);

			const harness = await getHarness();
			const byName = new Map(workflow.nodes.map((node) => [node.name, node]));
			for (const [source, byType] of Object.entries(workflow.connections)) {
				const sourceNode = byName.get(source);
				expect(sourceNode).toBeDefined();
				const description = harness.registry.getByNameAndVersion(sourceNode!.type, sourceNode!.typeVersion).description;
				const outputs = Array.isArray(description.outputs) ? description.outputs.length : 1;
				for (const [type, buckets] of Object.entries(byType)) {
					expect(type).toBe('main');
					expect(buckets.length).toBeLessThanOrEqual(outputs);
					for (const bucket of buckets) {
						for (const target of bucket ?? []) {
							expect(byName.has(target.node)).toBe(true);
							expect(target.type).toBe('main');
							expect(target.index).toBe(0);
						}
					}
				}
			}
		});

		it('every node type and typeVersion is one this package or n8n-nodes-base (2.41) provides', async () => {
			const harness = await getHarness();
			for (const node of workflow.nodes) {
				const [pkg] = node.type.split('.');
				expect([PACKAGE_NAME, BASE]).toContain(pkg);
				const description = harness.registry.getByNameAndVersion(node.type, node.typeVersion).description;
				const versions = ([] as number[]).concat(description.version);
				expect({ node: node.name, versions }).toEqual({
					node: node.name,
					versions: expect.arrayContaining([node.typeVersion]),
				});
			}
		});

		it('every parameter is one the node has, and the editor would show no parameter issue', async () => {
			const harness = await getHarness();
			for (const node of workflow.nodes) {
				const description: INodeTypeDescription = harness.registry.getByNameAndVersion(
					node.type,
					node.typeVersion,
				).description;
				const known = new Set(description.properties.map((property) => property.name));
				const unknown = Object.keys(node.parameters).filter((name) => !known.has(name));
				expect({ node: node.name, unknown }).toEqual({ node: node.name, unknown: [] });

				const full = NodeHelpers.getNodeParameters(
					description.properties,
					node.parameters,
					true,
					false,
					node,
					description,
				);
				const issues = NodeHelpers.getNodeParametersIssues(
					description.properties,
					{ ...node, parameters: full ?? {} } as INode,
					description,
				);
				expect({ node: node.name, issues }).toEqual({ node: node.name, issues: null });
			}
		});

		it('our nodes use “Alibaba Cloud (sandbox)”, Send Email “Sandbox SMTP”, a Webhook “EventBridge token”', async () => {
			const harness = await getHarness();
			for (const node of workflow.nodes) {
				const declared = (
					harness.registry.getByNameAndVersion(node.type, node.typeVersion).description.credentials ?? []
				).map((credential) => credential.name);
				for (const type of Object.keys(node.credentials ?? {})) expect(declared).toContain(type);

				if (node.type.startsWith(`${PACKAGE_NAME}.`)) {
					expect(node.credentials).toEqual({ alibabaCloudApi: ALIBABA_CREDENTIAL });
				} else if (node.type === `${BASE}.emailSend`) {
					expect(node.credentials).toEqual({ smtp: SMTP_CREDENTIAL });
				} else if (node.type === `${BASE}.webhook`) {
					expect(node.parameters.authentication).toBe('headerAuth');
					expect(node.credentials).toEqual({ httpHeaderAuth: EVENTBRIDGE_CREDENTIAL });
				} else {
					expect(node.credentials).toBeUndefined();
				}
			}
		});

		it('explains itself in one Sticky Note and has exactly one starting node', () => {
			const notes = workflow.nodes.filter((node) => node.type === `${BASE}.stickyNote`);
			expect(notes).toHaveLength(1);
			expect(String(notes[0].parameters.content).length).toBeGreaterThan(200);
			const targets = new Set(
				Object.values(workflow.connections).flatMap((byType) =>
					Object.values(byType).flatMap((buckets) =>
						buckets.flatMap((bucket) => bucket ?? []).map((char) => char.node),
					),
				),
			);
			const roots = workflow.nodes.filter((node) => node.type !== `${BASE}.stickyNote` && !targets.has(node.name));
			expect(roots).toHaveLength(1);
			expect(roots[0].type).toMatch(/manualTrigger$|alibabaCloudMediaJobTrigger$|formTrigger$|webhook$/);
		});
	});

	it.each([FILES.trigger, FILES.moderateThenRegister])(
		'%s writes the Slack webhook URL in exactly one place (the HTTP Request URL), so it can be replaced',
		(file) => {
			const text = readFileSync(examplePath(file), 'utf8');
			expect(text.split(WEBHOOK_URL)).toHaveLength(2);
			const http = loadExample(file).nodes.filter((node) => node.type === `${BASE}.httpRequest`);
			expect(http.map((node) => node.parameters.url)).toEqual([WEBHOOK_URL]);
		},
	);

	it('every email goes to the one replaceable recipient', () => {
		const withEmail = exampleFiles().filter((file) =>
			loadExample(file).nodes.some((node) => node.type === `${BASE}.emailSend`),
		);
		expect(withEmail).toEqual([FILES.produce, FILES.trigger, FILES.uploadToHls, FILES.transcodeWithCover].sort());
		for (const file of withEmail) {
			const emails = loadExample(file).nodes.filter((node) => node.type === `${BASE}.emailSend`);
			expect(emails).toHaveLength(1);
			expect(emails[0].parameters.toEmail).toBe(RECIPIENT);
		}
	});
});
