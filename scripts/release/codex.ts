/**
 * n8n's codex file (`<Node>.node.json` beside `<Node>.node.js`): what n8n-core's DirectoryLoader reads for a
 * community node (categories, subcategories, alias, resources.primaryDocumentation/credentialDocumentation) and
 * what the editor's node panel searches besides the display name (`codex.alias`).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface Codex {
	node: string;
	nodeVersion: string;
	codexVersion: string;
	categories: string[];
	subcategories?: Record<string, string[]>;
	alias: string[];
	resources: {
		primaryDocumentation: Array<{ url: string }>;
		credentialDocumentation?: Array<{ url: string }>;
	};
}

/** The fewest search words a node should carry: its product, what it does, and the brand (Aliyun). */
export const MIN_ALIASES = 3;

/** The categories n8n's own nodes use (read from n8n-nodes-base's codex files): the ones its editor knows. */
export function knownCategories(): Set<string> {
	if (cachedCategories) return cachedCategories;
	const nodesDir = join(dirname(require.resolve('n8n-nodes-base/package.json')), 'dist', 'nodes');
	const categories = new Set<string>();
	for (const file of readdirSync(nodesDir, { recursive: true, encoding: 'utf8' })) {
		if (!file.endsWith('.node.json')) continue;
		const codex = JSON.parse(readFileSync(join(nodesDir, file), 'utf8')) as Partial<Codex>;
		for (const category of codex.categories ?? []) categories.add(category.trim());
	}
	cachedCategories = categories;
	return categories;
}
let cachedCategories: Set<string> | undefined;

const isUrl = (value: unknown) => typeof value === 'string' && /^https:\/\/\S+$/.test(value);

function documentationProblems(label: string, links: unknown, required: boolean): string[] {
	if (links === undefined && !required) return [];
	if (!Array.isArray(links) || links.length === 0) return [`resources.${label} must list at least one { url }`];
	return links.filter((link) => !isUrl(link?.url)).map((link) => `resources.${label}: not an https URL: ${link?.url}`);
}

/** Everything wrong with a codex for the node type `<package>.<name>` (empty: valid). */
export function codexProblems(codex: unknown, nodeType: string, categories: Set<string>): string[] {
	if (typeof codex !== 'object' || codex === null) return ['not a JSON object'];
	const candidate = codex as Partial<Codex>;
	const problems: string[] = [];
	if (candidate.node !== nodeType) problems.push(`"node" is ${JSON.stringify(candidate.node)}, not "${nodeType}"`);
	if (candidate.nodeVersion !== '1.0') problems.push('"nodeVersion" must be "1.0"');
	if (candidate.codexVersion !== '1.0') problems.push('"codexVersion" must be "1.0"');
	if (!Array.isArray(candidate.categories) || candidate.categories.length === 0)
		problems.push('"categories" must list at least one category');
	else
		for (const category of candidate.categories.filter((name) => !categories.has(name)))
			problems.push(`unknown category "${category}" (n8n's: ${[...categories].sort().join(', ')})`);
	const aliases = candidate.alias;
	if (!Array.isArray(aliases) || aliases.length < MIN_ALIASES)
		problems.push(`"alias" must list at least ${MIN_ALIASES} search words`);
	else {
		if (aliases.some((alias) => typeof alias !== 'string' || !alias.trim()))
			problems.push('"alias" holds an empty or non-text entry');
		const lower = aliases.map((alias) => String(alias).toLowerCase());
		const repeated = lower.filter((alias, index) => lower.indexOf(alias) !== index);
		if (repeated.length) problems.push(`"alias" repeats ${[...new Set(repeated)].join(', ')}`);
	}
	problems.push(...documentationProblems('primaryDocumentation', candidate.resources?.primaryDocumentation, true));
	problems.push(
		...documentationProblems('credentialDocumentation', candidate.resources?.credentialDocumentation, false),
	);
	return problems;
}

/** `dist/nodes/X/X.node.js` (or `.ts`) → `…/X.node.json`. */
export function codexPathOf(nodeFile: string): string {
	return nodeFile.replace(/\.(js|ts)$/, '.json');
}
