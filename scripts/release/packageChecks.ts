/**
 * What n8n's verification looks at in a published package, checked on an unpacked `npm pack` directory (or any
 * directory laid out like one, e.g. a test fixture). Each check is a function of the directory and its package.json;
 * none uses the network. The scanner and the build steps are run by check.ts.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

import { codexPathOf, codexProblems, knownCategories } from './codex';

export interface CheckResult {
	name: string;
	ok: boolean;
	/** What was found (pass) or everything that is wrong (fail). */
	detail: string;
}

export interface Manifest {
	name?: string;
	keywords?: string[];
	license?: string;
	files?: string[];
	homepage?: string;
	repository?: string | { type?: string; url?: string };
	dependencies?: Record<string, string>;
	optionalDependencies?: Record<string, string>;
	bundleDependencies?: string[] | boolean;
	bundledDependencies?: string[] | boolean;
	n8n?: { n8nNodesApiVersion?: number; strict?: boolean; nodes?: string[]; credentials?: string[] };
}

interface PackageDir {
	dir: string;
	manifest: Manifest;
	categories: Set<string>;
}

export const COMMUNITY_KEYWORD = 'n8n-community-node-package';
const LICENSE_FILE = /^licen[cs]e(\.(md|txt))?$/i;
const README_FILE = /^readme(\.md)?$/i;

const pass = (name: string, detail: string): CheckResult => ({ name, ok: true, detail });
const verdict = (name: string, problems: string[], detail: string): CheckResult =>
	problems.length ? { name, ok: false, detail: problems.join('; ') } : pass(name, detail);

function packageName({ manifest }: PackageDir): CheckResult {
	const ok = /^(@[a-z0-9-~][a-z0-9-._~]*\/)?n8n-nodes-[a-z0-9-._~]+$/.test(manifest.name ?? '');
	return verdict(
		'package name',
		ok ? [] : [`"${manifest.name}" must start with n8n-nodes- (or @scope/n8n-nodes-)`],
		manifest.name!,
	);
}

function keyword({ manifest }: PackageDir): CheckResult {
	const ok = manifest.keywords?.includes(COMMUNITY_KEYWORD) ?? false;
	return verdict('keyword', ok ? [] : [`keywords must include "${COMMUNITY_KEYWORD}"`], COMMUNITY_KEYWORD);
}

function noRuntimeDependencies({ manifest }: PackageDir): CheckResult {
	const fields = ['dependencies', 'optionalDependencies', 'bundleDependencies', 'bundledDependencies'] as const;
	const problems = fields.flatMap((field) => {
		const value = manifest[field];
		const count = Array.isArray(value)
			? value.length
			: typeof value === 'object'
				? Object.keys(value).length
				: value
					? 1
					: 0;
		return count
			? [
					`"${field}" is not empty (${Array.isArray(value) || typeof value !== 'object' ? value : Object.keys(value).join(', ')})`,
				]
			: [];
	});
	return verdict('no runtime dependencies', problems, 'no dependencies field');
}

function licence({ dir, manifest }: PackageDir): CheckResult {
	const problems: string[] = [];
	if (!manifest.license || /^(UNLICENSED|SEE LICENSE)/i.test(manifest.license))
		problems.push('package.json needs an open-source "license" (an SPDX id such as MIT)');
	const file = readdirSync(dir).find((entry) => LICENSE_FILE.test(entry));
	if (!file) problems.push('no LICENSE file in the package');
	return verdict('licence', problems, `${manifest.license}, ${file}`);
}

function repositoryAndHomepage({ manifest }: PackageDir): CheckResult {
	const url = typeof manifest.repository === 'string' ? manifest.repository : manifest.repository?.url;
	const problems: string[] = [];
	// npm provenance ties the package to the repository the GitHub Action ran in: it must be named, as a URL
	if (!url || !/^(git\+)?https:\/\/\S+$/.test(url)) problems.push(`"repository.url" must be an https URL (got ${url})`);
	if (!manifest.homepage || !/^https:\/\/\S+$/.test(manifest.homepage))
		problems.push(`"homepage" must be an https URL (got ${manifest.homepage})`);
	return verdict('repository and homepage', problems, `${url}`);
}

function filesInDir(dir: string, under = ''): string[] {
	return readdirSync(join(dir, under), { withFileTypes: true }).flatMap((entry) => {
		const path = under ? `${under}/${entry.name}` : entry.name;
		return entry.isDirectory() ? filesInDir(dir, path) : [path];
	});
}

/** `files` is set and the package holds only package.json, the README, the licence and dist/. */
function filesList({ dir, manifest }: PackageDir): CheckResult {
	const problems: string[] = [];
	if (!Array.isArray(manifest.files) || manifest.files.length === 0)
		problems.push('package.json needs a "files" list (e.g. ["dist"]) so nothing else is published');
	const files = filesInDir(dir);
	const stray = files.filter(
		(file) =>
			!(file === 'package.json' || LICENSE_FILE.test(file) || README_FILE.test(file) || file.startsWith('dist/')),
	);
	if (stray.length) problems.push(`not dist/, README, LICENCE or package.json: ${stray.slice(0, 10).join(', ')}`);
	if (!files.some((file) => README_FILE.test(file))) problems.push('no README in the package');
	if (!files.some((file) => file.startsWith('dist/'))) problems.push('no dist/ in the package');
	return verdict('files list', problems, `${files.length} files: package.json, README, LICENCE, dist/`);
}

function listedFiles(manifest: Manifest): { nodes: string[]; credentials: string[] } {
	return { nodes: manifest.n8n?.nodes ?? [], credentials: manifest.n8n?.credentials ?? [] };
}

function n8nSection({ dir, manifest }: PackageDir): CheckResult {
	const section = manifest.n8n;
	if (!section) return verdict('n8n section', ['package.json has no "n8n" section'], '');
	const problems: string[] = [];
	if (section.n8nNodesApiVersion !== 1)
		problems.push(`n8nNodesApiVersion must be 1 (got ${section.n8nNodesApiVersion})`);
	if (section.strict !== true) problems.push('"strict": true is required for verification');
	const { nodes, credentials } = listedFiles(manifest);
	if (!nodes.length) problems.push('"nodes" lists no node');
	for (const file of [...nodes, ...credentials].filter((listed) => !existsSync(join(dir, listed))))
		problems.push(`listed but not in the package: ${file}`);
	return verdict('n8n section', problems, `${nodes.length} nodes, ${credentials.length} credential(s), strict`);
}

interface Described {
	file: string;
	name?: string;
	icon?: unknown;
	error?: string;
}

/** Loads a built node or credential file as n8n does (require, then `new` its exported class). */
function loadDescription(dir: string, file: string, kind: 'node' | 'credential'): Described {
	try {
		const exports = require(resolve(dir, file)) as Record<string, unknown>;
		const Class = Object.values(exports).find((value) => typeof value === 'function') as
			| (new () => Record<string, any>)
			| undefined;
		if (!Class) return { file, error: 'exports no class' };
		const instance = new Class();
		const source = kind === 'node' ? instance.description : instance;
		return { file, name: source?.name, icon: source?.icon };
	} catch (error) {
		return { file, error: `does not load: ${(error as Error).message.split('\n')[0]}` };
	}
}

function iconFiles(icon: unknown): string[] {
	if (typeof icon === 'string') return [icon];
	if (icon && typeof icon === 'object') {
		const { light, dark } = icon as { light?: string; dark?: string };
		return [light, dark].filter((path): path is string => typeof path === 'string');
	}
	return [];
}

function iconProblems(dir: string, described: Described, kind: string): string[] {
	if (described.error) return [`${described.file}: ${described.error}`];
	const icon = described.icon as { light?: unknown; dark?: unknown } | string | undefined;
	if (!icon || typeof icon === 'string' || !icon.light || !icon.dark)
		return [`${described.file}: the ${kind} needs a light and a dark icon ({ light, dark })`];
	return iconFiles(icon).flatMap((reference) => {
		if (!reference.startsWith('file:')) return [`${described.file}: icon "${reference}" is not a file: icon`];
		const path = resolve(dir, dirname(described.file), reference.slice('file:'.length));
		if (!existsSync(path) || !statSync(path).isFile())
			return [`${described.file}: icon file missing: ${relative(dir, path)}`];
		if (
			path.endsWith('.svg') &&
			!/^\s*(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*<svg[\s>]/.test(readFileSync(path, 'utf8'))
		)
			return [`${described.file}: ${relative(dir, path)} is not an SVG`];
		if (!/\.(svg|png)$/.test(path)) return [`${described.file}: ${relative(dir, path)} is neither SVG nor PNG`];
		return [];
	});
}

function icons({ dir, manifest }: PackageDir): CheckResult {
	const { nodes, credentials } = listedFiles(manifest);
	const present = (file: string) => existsSync(join(dir, file));
	const problems = [
		...nodes.filter(present).flatMap((file) => iconProblems(dir, loadDescription(dir, file, 'node'), 'node')),
		...credentials
			.filter(present)
			.flatMap((file) => iconProblems(dir, loadDescription(dir, file, 'credential'), 'credential')),
	];
	return verdict(
		'icons',
		problems,
		`light and dark icon of ${nodes.length + credentials.length} nodes/credentials present`,
	);
}

function codex({ dir, manifest, categories }: PackageDir): CheckResult {
	const { nodes } = listedFiles(manifest);
	const problems = nodes
		.filter((file) => existsSync(join(dir, file)))
		.flatMap((file) => {
			const described = loadDescription(dir, file, 'node');
			if (described.error) return [`${file}: ${described.error}`];
			const codexFile = codexPathOf(file);
			if (!existsSync(join(dir, codexFile))) return [`no codex ${codexFile}`];
			let parsed: unknown;
			try {
				parsed = JSON.parse(readFileSync(join(dir, codexFile), 'utf8'));
			} catch (error) {
				return [`${codexFile}: ${(error as Error).message}`];
			}
			return codexProblems(parsed, `${manifest.name}.${described.name}`, categories).map(
				(problem) => `${codexFile}: ${problem}`,
			);
		});
	return verdict('codex', problems, `${nodes.length} codex files with categories and aliases`);
}

export const PACKAGE_CHECKS = [
	packageName,
	keyword,
	noRuntimeDependencies,
	licence,
	repositoryAndHomepage,
	filesList,
	n8nSection,
	icons,
	codex,
];

/** Every check on an unpacked package directory. `categories`: the codex categories n8n knows (default: n8n's own). */
export function checkPackageDirectory(dir: string, options: { categories?: Set<string> } = {}): CheckResult[] {
	let manifest: Manifest;
	try {
		manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Manifest;
	} catch (error) {
		return [
			{
				name: 'package.json',
				ok: false,
				detail: `cannot read ${join(dir, 'package.json')}: ${(error as Error).message}`,
			},
		];
	}
	const context = { dir, manifest, categories: options.categories ?? knownCategories() };
	return PACKAGE_CHECKS.map((check) => check(context));
}
