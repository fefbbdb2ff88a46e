/**
 * Every node listed in package.json `n8n.nodes` has a codex file beside its source (`nodes/X/X.node.json`, copied
 * into dist by gulp): n8n's format, categories n8n knows, and the words people search the node panel for (`alias`).
 * Its documentation link and the node's documentationUrl name the same page of docs/nodes/, which exists; its
 * credential link names a heading of the README.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

import { codexPathOf, codexProblems, knownCategories } from '../../scripts/release/codex';
import { headingAnchors } from '../support/markdown';

const ROOT = join(__dirname, '..', '..');
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const nodeFiles: string[] = manifest.n8n.nodes;
const categories = knownCategories();
const repositoryPage = manifest.homepage.replace(/#.*$/, '');
/** Where GitHub shows a file of the main branch. */
const filesPage = `${repositoryPage}/blob/main/`;

/** The anchors GitHub gives the README's headings. */
const README_ANCHORS = headingAnchors(readFileSync(join(ROOT, 'README.md'), 'utf8'));

/** dist/nodes/X/X.node.js → nodes/X/X.node.ts */
const sourceOf = (file: string) => join(ROOT, 'nodes', basename(dirname(file)), basename(file).replace(/\.js$/, '.ts'));

function loadNode(file: string): { name: string; documentationUrl?: string } {
	const exports = require(sourceOf(file)) as Record<string, unknown>;
	const NodeClass = Object.values(exports).find((value) => typeof value === 'function') as new () => {
		description: { name: string; documentationUrl?: string };
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

	it('links its codex and its documentationUrl to the same existing page of docs/nodes/', () => {
		const { primaryDocumentation } = codexOf(file).resources;
		const nodePage = (url: string | undefined) => {
			const path = url?.startsWith(filesPage) ? url.slice(filesPage.length) : undefined;
			return {
				url,
				inDocsNodes: path !== undefined && /^docs\/nodes\/[a-z0-9-]+\.md$/.test(path),
				exists: path !== undefined && existsSync(join(ROOT, path)),
			};
		};
		const documentationUrl = loadNode(file).documentationUrl;
		expect(nodePage(documentationUrl)).toEqual({ url: documentationUrl, inDocsNodes: true, exists: true });
		expect(primaryDocumentation.map(({ url }: { url: string }) => url)).toEqual([documentationUrl]);
	});

	it('links its credential documentation to a heading of the README', () => {
		const { credentialDocumentation = [] } = codexOf(file).resources;
		for (const { url } of credentialDocumentation) {
			const [page, anchor] = url.split('#');
			expect({ page, anchorInReadme: README_ANCHORS.has(anchor) }).toEqual({
				page: `${filesPage}README.md`,
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
