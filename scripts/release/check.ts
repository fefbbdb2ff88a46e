/**
 * `npm run release:check`: everything n8n's verification of a community package checks, run locally and offline
 * before a release (the GitHub release workflow runs it before `npm publish --provenance`):
 *
 * build → lint → n8n's scanner on the source tree → `npm pack` → the package checks (packageChecks.ts) on the
 * unpacked tarball → n8n's scanner on the unpacked tarball. Prints a pass/fail table; exits 1 on any failure.
 *
 * `--dir <unpacked package>` checks that directory only (package checks and scanner; no build, lint or pack).
 * `--skip-build-and-lint` reuses the dist/ and lint of a run that just did them (npm run test:all).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

import { checkPackageDirectory, type CheckResult } from './packageChecks';

const ROOT = resolve(__dirname, '..', '..');
// Inside the repository, so that the package's own require('n8n-workflow') resolves when its nodes are loaded.
const WORK = join(ROOT, '.cache', 'release-check');
const SOURCE_PATTERNS_FALLBACK = ['package.json', '{alibaba,nodes,credentials}/**/*.{js,ts,json}'];

interface Step extends CheckResult {
	seconds: number;
}

function run(command: string, args: string[], label: string): CheckResult {
	const result = spawnSync(command, args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
	const log = join(WORK, `${label.replace(/\W+/g, '-')}.log`);
	writeFileSync(log, `$ ${command} ${args.join(' ')}\n${result.stdout ?? ''}${result.stderr ?? ''}`);
	if (result.status === 0) return { name: label, ok: true, detail: `\`${command} ${args.join(' ')}\`` };
	const tail = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim().split('\n').slice(-8).join('\n    ');
	return {
		name: label,
		ok: false,
		detail: `exit ${result.status ?? result.signal}, log ${relative(ROOT, log)}\n    ${tail}`,
	};
}

/** n8n's scanner (@n8n/scan-community-package): the analyzer n8n's verification runs, with its file patterns. */
async function scan(label: string, dir: string, patterns?: string[]): Promise<CheckResult> {
	const scanner = await import('@n8n/scan-community-package/scanner/scanner.mjs');
	const result = await scanner.analyzePackage(
		dir,
		patterns ?? scanner.SOURCE_FILE_PATTERNS ?? SOURCE_PATTERNS_FALLBACK,
	);
	return result.passed
		? { name: label, ok: true, detail: result.message ?? 'no violations' }
		: { name: label, ok: false, detail: `${result.message}\n${result.details ?? ''}` };
}

function pack(): { tarball: string; dir: string } | CheckResult {
	const out = join(WORK, 'pack');
	rmSync(out, { recursive: true, force: true });
	mkdirSync(out, { recursive: true });
	const packed = run('npm', ['pack', '--silent', '--pack-destination', out], 'npm pack');
	if (!packed.ok) return packed;
	const tarball = readdirSync(out).find((file) => file.endsWith('.tgz'));
	if (!tarball) return { name: 'npm pack', ok: false, detail: `no tarball in ${out}` };
	const extracted = run('tar', ['-xzf', join(out, tarball), '-C', out], 'unpack');
	if (!extracted.ok) return extracted;
	return { tarball: join(out, tarball), dir: join(out, 'package') };
}

async function timed(steps: Step[], work: () => CheckResult | CheckResult[] | Promise<CheckResult>): Promise<boolean> {
	const started = Date.now();
	const results = [await work()].flat();
	const seconds = (Date.now() - started) / 1000 / results.length;
	steps.push(...results.map((result) => ({ ...result, seconds })));
	return results.every((result) => result.ok);
}

function printTable(steps: Step[], subject: string): void {
	const width = Math.max(...steps.map((step) => step.name.length));
	console.log(`\nRelease check of ${subject}\n`);
	for (const step of steps) {
		const [first, ...rest] = step.detail.split('\n');
		console.log(
			`  ${step.ok ? 'PASS' : 'FAIL'}  ${step.name.padEnd(width)}  ${step.seconds.toFixed(1).padStart(5)} s  ${first}`,
		);
		for (const line of rest.filter((text) => text.trim())) console.log(`        ${' '.repeat(width + 10)}${line}`);
	}
	const failed = steps.filter((step) => !step.ok);
	console.log(
		failed.length
			? `\nFAILED: ${failed.map((step) => step.name).join(', ')}\n`
			: `\nPASSED: all ${steps.length} checks\n`,
	);
}

async function main(argv: string[]): Promise<number> {
	mkdirSync(WORK, { recursive: true });
	const steps: Step[] = [];
	const dirIndex = argv.indexOf('--dir');
	if (dirIndex >= 0) {
		const dir = resolve(argv[dirIndex + 1] ?? '.');
		await timed(steps, () => checkPackageDirectory(dir));
		await timed(steps, () => scan('scanner (package)', dir, ['**/*.js', 'package.json']));
		printTable(steps, relative(process.cwd(), dir) || dir);
		return steps.every((step) => step.ok) ? 0 : 1;
	}
	if (!argv.includes('--skip-build-and-lint')) {
		if (!(await timed(steps, () => run('npm', ['run', 'build'], 'build')))) return finish(steps);
		await timed(steps, () => run('npm', ['run', 'lint'], 'lint'));
	}
	await timed(steps, () => scan('scanner (source tree)', ROOT));
	const started = Date.now();
	const packed = pack();
	if ('ok' in packed) {
		steps.push({ ...packed, seconds: (Date.now() - started) / 1000 });
		return finish(steps);
	}
	steps.push({
		name: 'npm pack',
		ok: true,
		detail: relative(ROOT, packed.tarball),
		seconds: (Date.now() - started) / 1000,
	});
	await timed(steps, () => checkPackageDirectory(packed.dir));
	await timed(steps, () => scan('scanner (tarball)', packed.dir, ['**/*.js', 'package.json']));
	return finish(steps);
}

function finish(steps: Step[]): number {
	printTable(steps, 'the package (npm pack output)');
	return steps.every((step) => step.ok) ? 0 : 1;
}

main(process.argv.slice(2)).then(
	(code) => {
		process.exitCode = code;
	},
	(error: Error) => {
		console.error(error.stack ?? error.message);
		process.exitCode = 1;
	},
);
