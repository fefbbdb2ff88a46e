/**
 * The release checks (scripts/release/packageChecks.ts) on a small package laid out like `npm pack` output: it passes
 * as written, and each way a package can fail n8n's verification makes exactly the matching check fail, naming what
 * is wrong. The CLI (`npm run release:check -- --dir`) prints the table and exits 1 on a broken package.
 */
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';

import { checkPackageDirectory } from '../../scripts/release/packageChecks';
import { FIXTURE_CODEX, FIXTURE_DARK_ICON, FIXTURE_NODE, writePackageFixture } from '../support/packageFixture';

const ROOT = join(__dirname, '..', '..');
const made: string[] = [];

function fixture(breakIt?: (files: Record<string, any>) => void): string {
	const dir = writePackageFixture(breakIt);
	made.push(dir);
	return dir;
}

afterAll(() => {
	for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** The failing checks and their details. */
function failures(dir: string): Record<string, string> {
	return Object.fromEntries(
		checkPackageDirectory(dir)
			.filter((check) => !check.ok)
			.map((check) => [check.name, check.detail]),
	);
}

it('passes every check on a well-formed package', () => {
	const results = checkPackageDirectory(fixture());
	expect(results.filter((check) => !check.ok)).toEqual([]);
	expect(results.map((check) => check.name)).toEqual([
		'package name',
		'keyword',
		'no runtime dependencies',
		'licence',
		'repository and homepage',
		'files list',
		'n8n section',
		'icons',
		'codex',
	]);
});

const manifest = (change: (json: Record<string, any>) => void) => (files: Record<string, any>) =>
	change(files['package.json']);

it.each<[string, (files: Record<string, any>) => void, string, RegExp]>([
	[
		'a dark icon is missing',
		(files) => delete files[FIXTURE_DARK_ICON],
		'icons',
		/icon file missing: dist\/icons\/example\.dark\.svg/,
	],
	[
		'a node has only one icon',
		(files) =>
			(files[FIXTURE_NODE] = files[FIXTURE_NODE].replace(/icon: \{[^}]+\}/, "icon: 'file:../../icons/example.svg'")),
		'icons',
		/needs a light and a dark icon/,
	],
	['an icon is not an SVG', (files) => (files[FIXTURE_DARK_ICON] = 'not an image'), 'icons', /is not an SVG/],
	[
		'it has runtime dependencies',
		manifest((json) => (json.dependencies = { axios: '^1.0.0' })),
		'no runtime dependencies',
		/"dependencies" is not empty \(axios\)/,
	],
	['it has no licence file', (files) => delete files['LICENSE.md'], 'licence', /no LICENSE file/],
	['its licence field is missing', manifest((json) => delete json.license), 'licence', /"license"/],
	[
		'its name lacks the n8n-nodes- prefix',
		(files) => {
			files['package.json'].name = 'example-video';
			files[FIXTURE_CODEX].node = 'example-video.exampleVideo';
		},
		'package name',
		/n8n-nodes-/,
	],
	[
		'the community keyword is missing',
		manifest((json) => (json.keywords = ['n8n'])),
		'keyword',
		/n8n-community-node-package/,
	],
	['it names no repository', manifest((json) => delete json.repository), 'repository and homepage', /repository\.url/],
	['it has no files list', manifest((json) => delete json.files), 'files list', /"files" list/],
	[
		'it ships sources',
		(files) => (files['src/ExampleVideo.node.ts'] = 'export {}'),
		'files list',
		/src\/ExampleVideo\.node\.ts/,
	],
	['n8n.strict is off', manifest((json) => (json.n8n.strict = false)), 'n8n section', /"strict": true/],
	[
		'n8n.nodes lists a file it does not ship',
		manifest((json) => json.n8n.nodes.push('dist/nodes/Gone/Gone.node.js')),
		'n8n section',
		/listed but not in the package: dist\/nodes\/Gone\/Gone\.node\.js/,
	],
	[
		'a node has no codex',
		(files) => delete files[FIXTURE_CODEX],
		'codex',
		/no codex dist\/nodes\/ExampleVideo\/ExampleVideo\.node\.json/,
	],
	['a codex has no aliases', (files) => delete files[FIXTURE_CODEX].alias, 'codex', /"alias" must list at least 3/],
	[
		'a codex names another node',
		(files) => (files[FIXTURE_CODEX].node = 'n8n-nodes-example-video.other'),
		'codex',
		/"node" is/,
	],
	[
		'a codex has an unknown category',
		(files) => (files[FIXTURE_CODEX].categories = ['Video']),
		'codex',
		/unknown category "Video"/,
	],
])('fails when %s', (_case, breakIt, check, message) => {
	const failed = failures(fixture(breakIt));
	expect(Object.keys(failed)).toEqual([check]);
	expect(failed[check]).toMatch(message);
});

describe('npm run release:check -- --dir <unpacked package>', () => {
	const cli = (dir: string) =>
		spawnSync(
			process.execPath,
			[join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), 'scripts/release/check.ts', '--dir', dir],
			{
				cwd: ROOT,
				encoding: 'utf8',
				timeout: 90_000,
			},
		);

	it('prints a table and exits 1 on a package with a missing icon and a dependencies field', () => {
		const result = cli(
			fixture((files) => {
				delete files[FIXTURE_DARK_ICON];
				files['package.json'].dependencies = { axios: '^1.0.0' };
			}),
		);
		expect(result.status).toBe(1);
		expect(result.stdout).toMatch(/FAIL {2}no runtime dependencies/);
		expect(result.stdout).toMatch(/FAIL {2}icons .*example\.dark\.svg/);
		expect(result.stdout).toMatch(/PASS {2}codex/);
		expect(result.stdout).toMatch(/FAILED: no runtime dependencies, icons/);
	}, 90_000);

	it("exits 0 on the well-formed package, n8n's scanner included", () => {
		const result = cli(fixture());
		expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: '' });
		expect(result.stdout).toMatch(/PASS {2}scanner \(package\)/);
		expect(result.stdout).toMatch(/PASSED: all 10 checks/);
	}, 90_000);
});
