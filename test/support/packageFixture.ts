/**
 * A small unpacked community package on disk, laid out like `npm pack` output of this repository (package.json,
 * README, LICENSE, dist/ with one node, one credential, their icons and the node's codex), for the release checks.
 * `breakIt` changes the files before they are written, so each test can break one thing.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export const FIXTURE_NODE = 'dist/nodes/ExampleVideo/ExampleVideo.node.js';
export const FIXTURE_CODEX = 'dist/nodes/ExampleVideo/ExampleVideo.node.json';
export const FIXTURE_DARK_ICON = 'dist/icons/example.dark.svg';

const SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10"/></svg>\n';

export function fixtureFiles(): Record<string, string | object> {
	return {
		'package.json': {
			name: 'n8n-nodes-example-video',
			version: '1.0.0',
			description: 'Example video node',
			keywords: ['n8n-community-node-package'],
			license: 'MIT',
			homepage: 'https://github.com/example/n8n-nodes-example-video#readme',
			repository: { type: 'git', url: 'git+https://github.com/example/n8n-nodes-example-video.git' },
			author: { name: 'Example', email: 'example@example.com' },
			main: 'index.js',
			files: ['dist'],
			n8n: {
				n8nNodesApiVersion: 1,
				strict: true,
				credentials: ['dist/credentials/ExampleApi.credentials.js'],
				nodes: [FIXTURE_NODE],
			},
			peerDependencies: { 'n8n-workflow': '*' },
		},
		'README.md': '# n8n-nodes-example-video\n',
		'LICENSE.md': 'MIT License\n',
		[FIXTURE_NODE]: [
			'"use strict";',
			'Object.defineProperty(exports, "__esModule", { value: true });',
			'exports.ExampleVideo = void 0;',
			'class ExampleVideo {',
			'\tconstructor() {',
			'\t\tthis.description = {',
			"\t\t\tdisplayName: 'Example Video', name: 'exampleVideo', group: ['transform'], version: 1,",
			"\t\t\ticon: { light: 'file:../../icons/example.svg', dark: 'file:../../icons/example.dark.svg' },",
			"\t\t\tdescription: 'Example', defaults: { name: 'Example Video' }, inputs: ['main'], outputs: ['main'],",
			'\t\t\tusableAsTool: true, properties: [],',
			'\t\t};',
			'\t}',
			'}',
			'exports.ExampleVideo = ExampleVideo;',
			'',
		].join('\n'),
		[FIXTURE_CODEX]: {
			node: 'n8n-nodes-example-video.exampleVideo',
			nodeVersion: '1.0',
			codexVersion: '1.0',
			categories: ['Development'],
			resources: { primaryDocumentation: [{ url: 'https://github.com/example/n8n-nodes-example-video#readme' }] },
			alias: ['Video', 'HLS', 'Transcode'],
		},
		'dist/credentials/ExampleApi.credentials.js': [
			'"use strict";',
			'Object.defineProperty(exports, "__esModule", { value: true });',
			'exports.ExampleApi = void 0;',
			'class ExampleApi {',
			'\tconstructor() {',
			"\t\tthis.name = 'exampleApi';",
			"\t\tthis.displayName = 'Example API';",
			"\t\tthis.icon = { light: 'file:../icons/example.svg', dark: 'file:../icons/example.dark.svg' };",
			'\t\tthis.properties = [];',
			'\t}',
			'}',
			'exports.ExampleApi = ExampleApi;',
			'',
		].join('\n'),
		'dist/icons/example.svg': SVG,
		[FIXTURE_DARK_ICON]: SVG,
	};
}

/** Writes the fixture (after `breakIt` changed it; a file set to undefined is left out) into a new temp folder. */
export function writePackageFixture(breakIt: (files: Record<string, any>) => void = () => {}): string {
	const files = fixtureFiles();
	breakIt(files);
	const dir = mkdtempSync(join(tmpdir(), 'release-fixture-'));
	for (const [path, content] of Object.entries(files)) {
		if (content === undefined) continue;
		mkdirSync(dirname(join(dir, path)), { recursive: true });
		writeFileSync(join(dir, path), typeof content === 'string' ? content : `${JSON.stringify(content, null, '\t')}\n`);
	}
	return dir;
}
