/**
 * `npm run --silent release:notes -- <version>`: prints the CHANGELOG.md section of a version, the body of its GitHub
 * release (.github/workflows/release.yml). CHANGELOG.md follows Keep a Changelog: a version's section starts at its
 * heading, `## [1.2.3] - 2025-06-30`, and ends at the next `## ` heading or at the link definitions at the end
 * (`[1.2.3]: https://…`). A version whose heading carries no date yet (`## [0.1.0] - Unreleased`) is refused, so
 * that no release goes out with a changelog that calls it unreleased.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const HEADING = /^## \[([^\]]+)\](?: - (.+))?$/;
const LINK_DEFINITION = /^\[[^\]]+\]: \S+$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The heading's date (as written, e.g. `2025-06-30` or `Unreleased`) and the text under it, trimmed. */
export function changelogSection(changelog: string, version: string): { date: string; body: string } {
	const lines = changelog.split('\n');
	const start = lines.findIndex((line) => HEADING.exec(line)?.[1] === version);
	if (start < 0) throw new Error(`CHANGELOG.md has no section "## [${version}] - YYYY-MM-DD"`);
	const rest = lines.slice(start + 1);
	const end = rest.findIndex((line) => line.startsWith('## ') || LINK_DEFINITION.test(line));
	return {
		date: HEADING.exec(lines[start])![2] ?? '',
		body: (end < 0 ? rest : rest.slice(0, end)).join('\n').trim(),
	};
}

/** The release notes of a version: its section's text; throws unless the section is dated and says something. */
export function releaseNotes(changelog: string, version: string): string {
	const { date, body } = changelogSection(changelog, version);
	if (!DATE.test(date)) {
		throw new Error(
			`CHANGELOG.md dates ${version} "${date}": write the release date (## [${version}] - YYYY-MM-DD) before tagging`,
		);
	}
	if (!body) throw new Error(`CHANGELOG.md says nothing under ${version}`);
	return body;
}

if (require.main === module) {
	const version = process.argv[2]?.replace(/^v/, '');
	try {
		if (!version) throw new Error('Usage: npm run --silent release:notes -- <version>');
		const changelog = readFileSync(join(__dirname, '..', '..', 'CHANGELOG.md'), 'utf8');
		process.stdout.write(`${releaseNotes(changelog, version)}\n`);
	} catch (error) {
		process.stderr.write(`${(error as Error).message}\n`);
		process.exit(1);
	}
}
