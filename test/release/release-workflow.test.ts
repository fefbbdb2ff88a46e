/**
 * The GitHub release workflow publishes the way n8n's verification requires: from a GitHub Action, with npm
 * provenance (an OIDC token: `id-token: write`), publicly, on a version tag, and only after `npm run release:check`
 * passed on the supported Node versions. Before npm, it makes the GitHub release the README sends people to for the
 * package file, with the version's CHANGELOG.md section as notes.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { parse } from 'yaml';

const ROOT = join(__dirname, '..', '..');
const workflow = parse(readFileSync(join(ROOT, '.github', 'workflows', 'release.yml'), 'utf8'));
const runs = (job: string): string[] =>
	workflow.jobs[job].steps.map((step: { run?: string }) => step.run ?? '').filter(Boolean);

it('runs on pushed version tags', () => {
	expect(workflow.on.push.tags).toEqual(['v*']);
});

it('may request the OIDC token npm provenance needs and write releases only in the job that publishes', () => {
	expect(workflow.permissions).toEqual({ contents: 'read' });
	expect(workflow.jobs.check.permissions).toBeUndefined();
	expect(workflow.jobs.publish.permissions).toEqual({ contents: 'write', 'id-token': 'write' });
});

it('checks the release on Node 20 and 22 with a clean install first', () => {
	expect(workflow.jobs.check.strategy.matrix.node).toEqual([20, 22]);
	expect(runs('check')).toEqual(['npm ci --no-audit --no-fund', 'npm run release:check']);
});

it('publishes with provenance, publicly, only after the checks, from a clean install that is checked again', () => {
	expect(workflow.jobs.publish.needs).toBe('check');
	const steps = runs('publish');
	expect(steps[0]).toMatch(/^npm ci\b/);
	expect(steps.at(-1)).toBe('npm publish --provenance --access public');
	expect(steps.indexOf('npm run release:check')).toBeGreaterThan(0);
	expect(steps.indexOf('npm run release:check')).toBeLessThan(steps.length - 1);
});

it('attaches the package file the README names to a GitHub release with the CHANGELOG notes, before npm', () => {
	const steps = runs('publish');
	const notes = steps.findIndex((step) => step.startsWith('npm run --silent release:notes -- "${GITHUB_REF_NAME}"'));
	const pack = steps.indexOf('npm pack --pack-destination "${RUNNER_TEMP}"');
	const release = steps.findIndex((step) => step.startsWith('gh release create "${GITHUB_REF_NAME}"'));
	// the notes are checked before anything is built or published
	expect(notes).toBeGreaterThan(0);
	expect(notes).toBeLessThan(steps.indexOf('npm run release:check'));
	expect(pack).toBeGreaterThan(steps.indexOf('npm run release:check'));
	expect(release).toBeGreaterThan(pack);
	expect(release).toBeLessThan(steps.length - 1);
	expect(steps[notes]).toContain('> "${RUNNER_TEMP}/release-notes.md"');
	// the file `npm pack` makes: <name>-<version>.tgz, the version being the tag's (checked in an earlier step)
	const { name } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
	const create = steps[release].replace(/\\\n\s*/g, '');
	expect(create).toContain(`"\${RUNNER_TEMP}/${name}-\${GITHUB_REF_NAME#v}.tgz"`);
	expect(create).toContain('--notes-file "${RUNNER_TEMP}/release-notes.md"');
});

it('the scripts it runs exist', () => {
	const scripts = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts;
	expect(scripts['release:check']).toBe('tsx scripts/release/check.ts');
	expect(scripts['release:notes']).toBe('tsx scripts/release/notes.ts');
});
