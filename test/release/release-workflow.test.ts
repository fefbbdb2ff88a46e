/**
 * The GitHub release workflow publishes the way n8n's verification requires: from a GitHub Action, with npm
 * provenance (an OIDC token: `id-token: write`), publicly, on a version tag, and only after `npm run release:check`
 * passed on the supported Node versions.
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

it('may request the OIDC token npm provenance needs', () => {
	expect(workflow.permissions['id-token']).toBe('write');
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

it('the scripts it runs exist', () => {
	const scripts = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts;
	expect(scripts['release:check']).toBe('tsx scripts/release/check.ts');
});
