/**
 * The GitHub release's notes come from CHANGELOG.md (scripts/release/notes.ts): the version's Keep a Changelog
 * section, refused while its heading carries no date.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { changelogSection, releaseNotes } from '../../scripts/release/notes';

const ROOT = join(__dirname, '..', '..');
const CHANGELOG = readFileSync(join(ROOT, 'CHANGELOG.md'), 'utf8');
const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

const KEEP_A_CHANGELOG = `# Changelog

## [Unreleased]

- Something not released yet.

## [1.1.0] - 2026-03-02

### Fixed

- The second fix.

## [1.0.0] - 2026-01-15

### Added

- The first version.

[1.1.0]: https://github.com/owner/repo/compare/v1.0.0...v1.1.0
[1.0.0]: https://github.com/owner/repo/releases/tag/v1.0.0
`;

it("takes a version's section, from its heading to the next one", () => {
	expect(releaseNotes(KEEP_A_CHANGELOG, '1.1.0')).toBe('### Fixed\n\n- The second fix.');
});

it('leaves out the link definitions that end the file', () => {
	expect(releaseNotes(KEEP_A_CHANGELOG, '1.0.0')).toBe('### Added\n\n- The first version.');
});

it('refuses a version the changelog does not date, or does not have', () => {
	const undated = KEEP_A_CHANGELOG.replace('## [1.1.0] - 2026-03-02', '## [1.1.0] - Unreleased');
	expect(() => releaseNotes(undated, '1.1.0')).toThrow('CHANGELOG.md dates 1.1.0 "Unreleased"');
	expect(() => releaseNotes(KEEP_A_CHANGELOG, '1.2.0')).toThrow('no section "## [1.2.0] - YYYY-MM-DD"');
	expect(() => releaseNotes(KEEP_A_CHANGELOG, 'Unreleased')).toThrow('dates Unreleased ""');
});

it("finds the package's version in CHANGELOG.md, with something under it", () => {
	const section = changelogSection(CHANGELOG, version);
	expect(section.date).toMatch(/^(\d{4}-\d{2}-\d{2}|Unreleased)$/);
	expect(section.body.length).toBeGreaterThan(0);
});

it('prints the notes for a tag name, as the release workflow asks (npm run --silent release:notes -- v1.2.3)', () => {
	const cli = spawnSync(
		process.execPath,
		['--import', 'tsx', join(ROOT, 'scripts', 'release', 'notes.ts'), `v${version}`],
		{
			cwd: ROOT,
			encoding: 'utf8',
		},
	);
	const { date, body } = changelogSection(CHANGELOG, version);
	if (/^\d{4}-\d{2}-\d{2}$/.test(date)) {
		expect({ status: cli.status, stdout: cli.stdout }).toEqual({ status: 0, stdout: `${body}\n` });
	} else {
		expect({ status: cli.status, stderr: cli.stderr }).toEqual({
			status: 1,
			stderr: `CHANGELOG.md dates ${version} "${date}": write the release date (## [${version}] - YYYY-MM-DD) before tagging\n`,
		});
	}
});
