/**
 * A throwaway community-node package written to a temp dir, for the harness's own tests (the real
 * package must be built before the harness can load it). It has the same shape as a built package:
 * package.json with an `n8n` section pointing at `dist/...` JS files.
 *
 * - credential `fixtureApi` (`apiKey`, `baseUrl`): `authenticate` FUNCTION adds `x-fixture-auth`;
 *   `test` request GET `{baseUrl}/check` with a 403 `responseCode` rule.
 * - node `fixtureEcho`: per item, `httpRequestWithAuthentication('fixtureApi', GET {baseUrl}/{path})`;
 *   honours `continueOnFail()`; item output is the response body with `pairedItem`.
 * - polling node `fixtureTrigger`: GET `{baseUrl}/events?after={lastId}`; keeps `lastId` and a
 *   `polls` counter in node static data; manual mode returns the newest event without moving state.
 */
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const CREDENTIAL = `
class FixtureApi {
	constructor() {
		this.name = 'fixtureApi';
		this.displayName = 'Fixture API';
		this.properties = [
			{ displayName: 'API Key', name: 'apiKey', type: 'string', typeOptions: { password: true }, default: '' },
			{ displayName: 'Base URL', name: 'baseUrl', type: 'string', default: 'http://127.0.0.1:9' },
		];
		this.test = {
			request: { baseURL: '={{$credentials.baseUrl}}', url: '/check', method: 'GET' },
			rules: [{ type: 'responseCode', properties: { value: 403, message: 'The API key was rejected' } }],
		};
	}
	async authenticate(credentials, requestOptions) {
		return {
			...requestOptions,
			headers: { ...(requestOptions.headers || {}), 'x-fixture-auth': 'key=' + credentials.apiKey },
		};
	}
}
module.exports = { FixtureApi };
`;

const ECHO_NODE = `
class FixtureEcho {
	constructor() {
		this.description = {
			displayName: 'Fixture Echo',
			name: 'fixtureEcho',
			group: ['transform'],
			version: 1,
			description: 'Calls the fixture server',
			defaults: { name: 'Fixture Echo' },
			inputs: ['main'],
			outputs: ['main'],
			credentials: [{ name: 'fixtureApi', required: true }],
			properties: [{ displayName: 'Path', name: 'path', type: 'string', default: 'echo' }],
		};
	}
	async execute() {
		const items = this.getInputData();
		const { baseUrl } = await this.getCredentials('fixtureApi');
		const out = [];
		for (let i = 0; i < items.length; i++) {
			try {
				const path = this.getNodeParameter('path', i);
				const body = await this.helpers.httpRequestWithAuthentication.call(this, 'fixtureApi', {
					method: 'GET',
					url: baseUrl + '/' + path,
					qs: { item: i },
					json: true,
				});
				out.push({ json: body, pairedItem: { item: i } });
			} catch (error) {
				if (this.continueOnFail()) {
					out.push({ json: { error: error.message }, pairedItem: { item: i } });
					continue;
				}
				throw error;
			}
		}
		return [out];
	}
}
module.exports = { FixtureEcho };
`;

const TRIGGER_NODE = `
class FixtureTrigger {
	constructor() {
		this.description = {
			displayName: 'Fixture Trigger',
			name: 'fixtureTrigger',
			group: ['trigger'],
			version: 1,
			description: 'Polls the fixture server',
			defaults: { name: 'Fixture Trigger' },
			polling: true,
			inputs: [],
			outputs: ['main'],
			credentials: [{ name: 'fixtureApi', required: true }],
			properties: [],
		};
	}
	async poll() {
		const state = this.getWorkflowStaticData('node');
		const { baseUrl } = await this.getCredentials('fixtureApi');
		const manual = this.getMode() === 'manual';
		const after = manual ? 0 : (state.lastId || 0);
		const body = await this.helpers.httpRequestWithAuthentication.call(this, 'fixtureApi', {
			method: 'GET',
			url: baseUrl + '/events',
			qs: { after },
			json: true,
		});
		if (manual) return body.events.length ? [[{ json: body.events[body.events.length - 1] }]] : null;
		state.polls = (state.polls || 0) + 1;
		if (body.events.length === 0) return null;
		state.lastId = Math.max(...body.events.map((e) => e.id));
		return [body.events.map((e) => ({ json: e }))];
	}
}
module.exports = { FixtureTrigger };
`;

export const FIXTURE_PACKAGE = 'n8n-nodes-harness-fixture';

/** Writes the fixture package to a new temp dir and returns its root. */
export function writeFixturePackage(): string {
	const root = mkdtempSync(join(tmpdir(), 'n8n-harness-fixture-'));
	const files: Record<string, string> = {
		'package.json': JSON.stringify(
			{
				name: FIXTURE_PACKAGE,
				version: '0.0.1',
				n8n: {
					n8nNodesApiVersion: 1,
					credentials: ['dist/credentials/FixtureApi.credentials.js'],
					nodes: ['dist/nodes/FixtureEcho/FixtureEcho.node.js', 'dist/nodes/FixtureTrigger/FixtureTrigger.node.js'],
				},
			},
			null,
			2,
		),
		'dist/credentials/FixtureApi.credentials.js': CREDENTIAL,
		'dist/nodes/FixtureEcho/FixtureEcho.node.js': ECHO_NODE,
		'dist/nodes/FixtureTrigger/FixtureTrigger.node.js': TRIGGER_NODE,
	};
	for (const [file, content] of Object.entries(files)) {
		mkdirSync(dirname(join(root, file)), { recursive: true });
		writeFileSync(join(root, file), content);
	}
	// Like an installed community package, resolve n8n-workflow (peer dependency) from the host.
	mkdirSync(join(root, 'node_modules'));
	symlinkSync(dirname(require.resolve('n8n-workflow/package.json')), join(root, 'node_modules', 'n8n-workflow'));
	return root;
}
