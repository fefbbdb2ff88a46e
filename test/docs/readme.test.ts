/**
 * The README stays true: its node table and node paragraphs name exactly the nodes package.json lists, its RAM table
 * and policy name exactly the actions each node can call (derived from the job kind declarations), the examples and
 * counts it states exist, the package file it tells people to install is the one `npm pack` makes, and every link of
 * the README and the docs resolves, anchors included.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

import { fencedBlocks, headingAnchors, linkTargets, section, tableRows } from '../support/markdown';
import { actionsIn, packageNodes, ramActionsByNode } from '../support/ramActions';

const ROOT = join(__dirname, '..', '..');
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const nodes = packageNodes();
const nodeLabels = nodes.map((node) => node.label).sort();

const bold = (text: string) => [...text.matchAll(/\*\*([^*]+)\*\*/g)].map((match) => match[1]);

const NUMBER_WORDS = [
	'zero',
	'one',
	'two',
	'three',
	'four',
	'five',
	'six',
	'seven',
	'eight',
	'nine',
	'ten',
	'eleven',
	'twelve',
];
const exampleFiles = readdirSync(join(ROOT, 'examples')).filter((file) => file.endsWith('.json'));

describe('the nodes it names', () => {
	it('has one row per node in the node table, by display name', () => {
		const named = tableRows(README.split('\n')).map(([node]) => bold(node)[0]);
		expect([...named].sort()).toEqual(nodeLabels.map((label) => `Alibaba Cloud ${label}`).sort());
	});

	it('gives every node a paragraph under "The nodes", and names no node that does not exist', () => {
		const paragraphs = section(README, '## The nodes').join('\n');
		const named = bold(paragraphs).filter((name) => /(Job|Info|OSS|Trigger)$/.test(name));
		expect([...new Set(named)].sort()).toEqual(nodeLabels);
	});

	it('links every node reference page of docs/nodes from the README', () => {
		const pages = readdirSync(join(ROOT, 'docs', 'nodes')).filter((page) => page !== 'common.md');
		const linked = new Set(linkTargets(README));
		expect(pages.filter((page) => !linked.has(`docs/nodes/${page}`))).toEqual([]);
	});
});

describe('the RAM permissions', () => {
	const rows = tableRows(section(README, '### RAM permissions'));
	const derived = ramActionsByNode();

	it('has a row per node listing exactly the ICE and VOD actions the node can call', () => {
		const listed = new Map(rows.map(([node, ...rest]) => [node, new Set(actionsIn(rest.join(' ')))]));
		for (const label of nodeLabels) {
			expect({ node: label, actions: [...(listed.get(label) ?? ['(no row)'])].sort() }).toEqual({
				node: label,
				actions: [...derived.get(label)!].sort(),
			});
		}
	});

	it("names in the credential Test row the actions the credential's test calls", () => {
		const credentials = readFileSync(join(ROOT, 'credentials', 'AlibabaCloudApi.credentials.ts'), 'utf8');
		const testRow = rows.find(([node]) => node.includes('Test button'));
		for (const action of actionsIn(testRow!.join(' '))) {
			expect(credentials).toContain(`'${action.split(':')[1]}'`);
		}
		expect(actionsIn(testRow!.join(' ')).sort()).toEqual(['ice:ListPackageJobs', 'vod:GetMessageCallback']);
	});

	it('grants in the least-privilege policy every action of the table, and nothing else', () => {
		const [policyText] = fencedBlocks(section(README, '### RAM permissions'), 'json');
		const policy = JSON.parse(policyText) as { Statement: Array<{ Action: string[] }> };
		const granted = policy.Statement.flatMap((statement) => statement.Action).filter((action) =>
			/^(ice|vod):/.test(action),
		);
		const tabled = new Set(rows.flatMap((row) => actionsIn(row.join(' '))));
		expect([...granted].sort()).toEqual([...tabled].sort());
		expect(new Set(granted).size).toBe(granted.length);
	});
});

describe('what it tells people to install', () => {
	it('names the file `npm pack` makes of this version', () => {
		const packageFile = `${manifest.name}-${manifest.version}.tgz`;
		const install = section(README, '## Install').join('\n');
		const named = [...install.matchAll(/n8n-nodes-[a-z-]+-\d+\.\d+\.\d+\.tgz/g)].map((match) => match[0]);
		expect(named.length).toBeGreaterThan(0);
		expect([...new Set(named)]).toEqual([packageFile]);
	});
});

describe('the examples and counts it states', () => {
	const pages = {
		'README.md': README,
		'examples/README.md': readFileSync(join(ROOT, 'examples', 'README.md'), 'utf8'),
	};

	it.each(Object.keys(pages))('%s names only example files that exist', (page) => {
		const named = [...pages[page as keyof typeof pages].matchAll(/\b(\d\d-[a-z0-9-]+\.json)/g)].map(
			(match) => match[1],
		);
		expect(named.filter((file) => !exampleFiles.includes(file))).toEqual([]);
	});

	it.each(Object.keys(pages))('%s counts the examples right', (page) => {
		const text = pages[page as keyof typeof pages].toLowerCase();
		const counts = [
			...text.matchAll(/\b([a-z]+) (?:example )?(?:examples|workflows to start from|example workflows)\b/g),
		]
			.map((match) => NUMBER_WORDS.indexOf(match[1]))
			.filter((count) => count >= 0);
		expect(counts.length).toBeGreaterThan(0);
		expect(counts.filter((count) => count !== exampleFiles.length)).toEqual([]);
	});
});

describe('links', () => {
	const markdownFiles = (dir: string): string[] =>
		readdirSync(dir).flatMap((entry) => {
			const path = join(dir, entry);
			if (statSync(path).isDirectory()) return markdownFiles(path);
			return entry.endsWith('.md') ? [path] : [];
		});
	const pages = [
		join(ROOT, 'README.md'),
		join(ROOT, 'CHANGELOG.md'),
		join(ROOT, 'examples', 'README.md'),
		...markdownFiles(join(ROOT, 'docs')),
	];

	it.each(pages.map((page) => relative(ROOT, page)))('every relative link of %s resolves, anchors included', (page) => {
		const text = readFileSync(join(ROOT, page), 'utf8');
		const broken = linkTargets(text)
			.filter((target) => !/^[a-z]+:/i.test(target))
			.filter((target) => {
				const [path, anchor] = target.split('#');
				const file = path === '' ? join(ROOT, page) : resolve(dirname(join(ROOT, page)), path);
				if (!existsSync(file)) return true;
				if (anchor === undefined || !file.endsWith('.md')) return false;
				return !headingAnchors(readFileSync(file, 'utf8')).has(anchor);
			});
		expect(broken).toEqual([]);
	});
});

it('stays short enough to read: about 3,000 words', () => {
	expect(README.split(/\s+/).filter(Boolean).length).toBeLessThanOrEqual(3_200);
});
