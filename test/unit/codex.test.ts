/**
 * Every node listed in package.json `n8n.nodes` has a codex file beside its source (`nodes/X/X.node.json`, copied
 * into dist by gulp): n8n's format, categories n8n knows, and the words people search the node panel for (`alias`),
 * with documentation links that point at sections of the README.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

import { codexPathOf, codexProblems, knownCategories } from '../../scripts/release/codex';

const ROOT = join(__dirname, '..', '..');
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const nodeFiles: string[] = manifest.n8n.nodes;
const categories = knownCategories();
const repositoryPage = manifest.homepage.replace(/#.*$/, '');

/** The anchors GitHub gives the README's headings. */
const README_ANCHORS = new Set(
	readFileSync(join(ROOT, 'README.md'), 'utf8')
		.split('\n')
		.filter((line) => /^#{1,6} /.test(line))
		.map((line) =>
			line
				.replace(/^#+ /, '')
				.trim()
				.toLowerCase()
				.replace(/[^\w\- ]/g, '')
				.replace(/ /g, '-'),
		),
);

/** dist/nodes/X/X.node.js → nodes/X/X.node.ts */
const sourceOf = (file: string) => join(ROOT, 'nodes', basename(dirname(file)), basename(file).replace(/\.js$/, '.ts'));

function loadNode(file: string): { name: string; usableAsTool?: boolean } {
	const exports = require(sourceOf(file)) as Record<string, unknown>;
	const NodeClass = Object.values(exports).find((value) => typeof value === 'function') as new () => {
		description: { name: string };
	};
	return new NodeClass().description;
}

function codexOf(file: string) {
	return JSON.parse(readFileSync(codexPathOf(sourceOf(file)), 'utf8'));
}

describe.each(nodeFiles.map((file) => [basename(file, '.node.js'), file]))('%s', (_name, file) => {
	it('has a codex file beside its source', () => {
		expect(existsSync(codexPathOf(sourceOf(file)))).toBe(true);
	});

	it('is a valid codex for the node, with known categories and at least three search words', () => {
		expect(codexProblems(codexOf(file), `${manifest.name}.${loadNode(file).name}`, categories)).toEqual([]);
	});

	it('links its documentation to sections of the README, or to its own existing page of docs/nodes/', () => {
		const { primaryDocumentation, credentialDocumentation = [] } = codexOf(file).resources;
		for (const { url } of [...primaryDocumentation, ...credentialDocumentation]) {
			const nodePage = /^blob\/main\/(docs\/nodes\/[a-z0-9-]+\.md)$/.exec(url.slice(repositoryPage.length + 1))?.[1];
			if (url.startsWith(`${repositoryPage}/`) && nodePage) {
				expect({ url, exists: existsSync(join(ROOT, nodePage)) }).toEqual({ url, exists: true });
				continue;
			}
			const [page, anchor] = url.split('#');
			expect({ page, anchorInReadme: README_ANCHORS.has(anchor) }).toEqual({
				page: repositoryPage,
				anchorInReadme: true,
			});
		}
	});
});

describe('the words of the node panel search', () => {
	const aliasesOf = (className: string) => {
		const file = nodeFiles.find((listed) => basename(listed, '.node.js') === className);
		return file ? (codexOf(file).alias as string[]).map((alias) => alias.toLowerCase()) : undefined;
	};
	const allAliases = new Set(
		nodeFiles.flatMap((file) => codexOf(file).alias.map((alias: string) => alias.toLowerCase())),
	);

	it.each([
		'video',
		'hls',
		'dash',
		'transcode',
		'package',
		'render',
		'edit',
		'clip',
		'live',
		'vod',
		'aliyun',
		'ims',
		'oss',
	])('some node is found by "%s"', (word) => {
		expect(allAliases).toContain(word);
	});

	it.each([
		['hls', 'AlibabaCloudSubmitPackageJob'],
		['hls', 'AlibabaCloudGetPackageJob'],
		['video', 'AlibabaCloudSubmitMediaProducingJob'],
		['video', 'AlibabaCloudSubmitVodWorkflowJob'],
		['render', 'AlibabaCloudSubmitMediaProducingJob'],
		['transcode', 'AlibabaCloudSubmitVodWorkflowJob'],
		['clip', 'AlibabaCloudSubmitLiveEditingJob'],
		['vod', 'AlibabaCloudGetVodWorkflowJob'],
	])('"%s" finds %s', (word, className) => {
		expect(aliasesOf(className)).toContain(word);
	});

	it('"upload" finds the Upload to OSS node, once the package has one', () => {
		const uploads = nodeFiles.map((file) => basename(file, '.node.js')).filter((name) => /UploadToOss/i.test(name));
		for (const className of uploads) expect(aliasesOf(className)).toEqual(expect.arrayContaining(['upload', 'oss']));
	});

	it('every node is found by "Aliyun", the name Alibaba Cloud goes by in China', () => {
		const without = nodeFiles.filter((file) => !codexOf(file).alias.includes('Aliyun'));
		expect(without).toEqual([]);
	});
});
