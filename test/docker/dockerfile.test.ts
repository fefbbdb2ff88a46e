/**
 * docker/Dockerfile and its entrypoint do what the README's "With Docker" commands expect, without a Docker engine
 * (test/e2e/docker-image.e2e.test.ts builds and runs the image in one): the Dockerfile's instructions are checked
 * against those commands and against n8n's official image (user `node`, home /home/node, entrypoint
 * `tini -- /docker-entrypoint.sh`), and the entrypoint script runs for real, with bash and with sh, in a folder laid
 * out like the image.
 */
import { spawnSync } from 'node:child_process';
import {
	existsSync,
	lstatSync,
	mkdirSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	readlinkSync,
	rmSync,
	symlinkSync,
	writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, posix } from 'node:path';
import { pathToFileURL } from 'node:url';

import { assignments, dockerInstructions, type Instruction } from '../support/dockerfile';
import { onlyFencedBlock } from '../support/markdown';

const ROOT = join(__dirname, '..', '..');
const DOCKER = join(ROOT, 'docker');
const ENTRYPOINT_SCRIPT = join(DOCKER, 'alibaba-media-entrypoint.sh');
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const instructions = dockerInstructions(readFileSync(join(DOCKER, 'Dockerfile'), 'utf8'));
const commands = onlyFencedBlock(
	readFileSync(join(ROOT, 'README.md'), 'utf8'),
	'### With Docker: an n8n image with the package',
	'bash',
).split('\n');

/** The words of the README's one command line that starts with `start`. */
function command(start: string): string[] {
	const lines = commands.filter((line) => line.startsWith(`${start} `));
	if (lines.length !== 1)
		throw new Error(`The README's Docker block has ${lines.length} "${start}" lines, expected one`);
	return lines[0].trim().split(/\s+/);
}

/** The value after `option` in `words` (`-t name`), or every value of a repeated option. */
const valuesOf = (words: string[], option: string) =>
	words.flatMap((word, index) => (word === option ? [words[index + 1]] : []));

const all = (keyword: string): Instruction[] => instructions.filter((instruction) => instruction.keyword === keyword);
const env = Object.assign({}, ...all('ENV').map(assignments)) as Record<string, string>;

/** The n8n version the e2e tests run (the provisioner's default line). */
function testedN8nVersion(): string {
	const runtime = pathToFileURL(join(ROOT, 'scripts', 'n8n', 'runtime.mjs')).href;
	const result = spawnSync(
		process.execPath,
		[
			'--input-type=module',
			'-e',
			`const m = await import(${JSON.stringify(runtime)}); console.log(m.N8N_LINES[m.DEFAULT_LINE].n8n);`,
		],
		{ encoding: 'utf8' },
	);
	if (result.status !== 0) throw new Error(`Cannot read ${runtime}: ${result.stderr}`);
	return result.stdout.trim();
}

/** A glob of a COPY source (`*` only) as a regular expression. */
const globToRegExp = (glob: string) =>
	new RegExp(`^${glob.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')}$`);

describe('docker/Dockerfile, built the way the README says', () => {
	const [, packageFile, copyTarget] = command('cp');
	const build = command('docker build');
	const run = command('docker run');

	it('gets the package file `npm pack` makes, into the folder it is built from', () => {
		expect(basename(packageFile)).toBe(`${manifest.name}-${manifest.version}.tgz`);
		expect(posix.normalize(copyTarget)).toBe('docker/');
		expect(build.at(-1)).toBe('docker');
	});

	it("builds on n8n's official image at the version the README passes, the one the package is tested on", () => {
		const [firstArg, from] = instructions;
		expect(firstArg.keyword).toBe('ARG');
		expect(from).toEqual({ keyword: 'FROM', args: 'n8nio/n8n:${N8N_VERSION}' });
		const defaults = assignments(firstArg);
		const passed = Object.fromEntries(valuesOf(build, '--build-arg').map((pair) => pair.split('=')));
		expect(passed).toEqual({ N8N_VERSION: defaults.N8N_VERSION });
		expect(defaults.N8N_VERSION).toBe(testedN8nVersion());
	});

	it('copies in only the package file the README puts next to it and the entrypoint script beside it', () => {
		const sources = all('COPY').flatMap((copy) => copy.args.split(' ').slice(0, -1));
		const tarballs = sources.filter((source) => globToRegExp(source).test(basename(packageFile)));
		expect(tarballs).toHaveLength(1);
		expect(sources.filter((source) => !tarballs.includes(source))).toEqual([basename(ENTRYPOINT_SCRIPT)]);
		expect(existsSync(ENTRYPOINT_SCRIPT)).toBe(true);
	});

	it("starts through the entrypoint script under tini, which then runs n8n's own entrypoint", () => {
		const copied = all('COPY').find((copy) => copy.args.startsWith(`${basename(ENTRYPOINT_SCRIPT)} `));
		const scriptInImage = copied!.args.split(' ').at(-1);
		const entrypoints = all('ENTRYPOINT');
		expect(entrypoints).toHaveLength(1);
		expect(JSON.parse(entrypoints[0].args)).toEqual(['tini', '--', scriptInImage]);
		expect(env.ALIBABA_MEDIA_NEXT_ENTRYPOINT).toBe('/docker-entrypoint.sh');
	});

	it('unpacks the package outside the volume, into the folder the entrypoint links', () => {
		expect(basename(env.ALIBABA_MEDIA_PACKAGE)).toBe(manifest.name);
		expect(env.ALIBABA_MEDIA_PACKAGE.startsWith('/home/node/')).toBe(false);
		const [unpack] = all('RUN');
		expect(unpack.args).toMatch(/tar -xzo -f "\$1" -C "\$ALIBABA_MEDIA_PACKAGE" --strip-components=1/);
	});

	it("runs n8n as n8n's user `node`, whose ~/.n8n is the README's volume, from the image it built", () => {
		expect(all('USER').at(-1)!.args).toBe('node');
		expect(valuesOf(run, '-v').map((volume) => volume.split(':')[1])).toEqual(['/home/node/.n8n']);
		expect(run.at(-1)).toBe(valuesOf(build, '-t')[0]);
	});
});

describe.each(['bash', 'sh'])('docker/alibaba-media-entrypoint.sh run with %s', (shell) => {
	let root: string;
	let home: string;
	let packageDir: string;
	let nextEntrypoint: string;

	beforeEach(() => {
		root = mkdtempSync(join(tmpdir(), 'alibaba-media-entrypoint-'));
		home = join(root, 'home', 'node');
		mkdirSync(join(home, '.n8n'), { recursive: true });
		packageDir = join(root, 'opt', 'alibaba-media', manifest.name);
		mkdirSync(packageDir, { recursive: true });
		writeFileSync(join(packageDir, 'package.json'), JSON.stringify({ name: manifest.name, version: '9.9.9' }));
		// n8n's entrypoint, standing in: it writes its process ID and its arguments, one a line, next to itself
		nextEntrypoint = join(root, 'docker-entrypoint.sh');
		writeFileSync(nextEntrypoint, '#!/bin/sh\nprintf \'%s\\n\' "$$" "$@" > "$0.ran"\n', { mode: 0o755 });
	});

	afterEach(() => rmSync(root, { recursive: true, force: true }));

	const start = (args: string[], extraEnv: Record<string, string> = {}) =>
		spawnSync(shell, [ENTRYPOINT_SCRIPT, ...args], {
			encoding: 'utf8',
			env: {
				PATH: process.env.PATH,
				HOME: home,
				ALIBABA_MEDIA_PACKAGE: packageDir,
				ALIBABA_MEDIA_NEXT_ENTRYPOINT: nextEntrypoint,
				...extraEnv,
			},
		});
	const ran = () => readFileSync(`${nextEntrypoint}.ran`, 'utf8').split('\n').slice(0, -1);
	const linkIn = (userFolder: string) => join(userFolder, '.n8n', 'nodes', 'node_modules', manifest.name);

	it("links the package into the volume's nodes folder and becomes n8n's entrypoint with the same arguments, at every start", () => {
		for (const args of [['worker', '--concurrency=5', 'two words'], []]) {
			const started = start(args);
			expect({ status: started.status, stderr: started.stderr }).toEqual({ status: 0, stderr: '' });
			expect(lstatSync(linkIn(home)).isSymbolicLink()).toBe(true);
			expect(readlinkSync(linkIn(home))).toBe(packageDir);
			// exec: the same process, not a child
			expect(ran()).toEqual([String(started.pid), ...args]);
		}
		// the second start replaced the link instead of putting one inside the package
		expect(readdirSync(packageDir)).toEqual(['package.json']);
		expect(readdirSync(join(home, '.n8n', 'nodes', 'node_modules'))).toEqual([manifest.name]);
	});

	it('replaces a copy installed into the volume earlier, and a link an older image left', () => {
		mkdirSync(linkIn(home), { recursive: true });
		writeFileSync(join(linkIn(home), 'package.json'), JSON.stringify({ name: manifest.name, version: '0.0.1' }));
		const first = start(['start']);
		expect(first.status).toBe(0);
		expect(first.stderr).toContain('replacing the copy');
		expect(readlinkSync(linkIn(home))).toBe(packageDir);

		rmSync(linkIn(home));
		symlinkSync(join(root, 'opt', 'older-image'), linkIn(home));
		expect(start(['start']).status).toBe(0);
		expect(readlinkSync(linkIn(home))).toBe(packageDir);
	});

	it('uses N8N_USER_FOLDER when it is set, as n8n does', () => {
		const userFolder = join(root, 'data');
		expect(start([], { N8N_USER_FOLDER: userFolder }).status).toBe(0);
		expect(readlinkSync(linkIn(userFolder))).toBe(packageDir);
		expect(existsSync(join(home, '.n8n', 'nodes'))).toBe(false);
	});

	it("does not start n8n without the image's settings", () => {
		const started = start(['start'], { ALIBABA_MEDIA_PACKAGE: '' });
		expect(started.status).not.toBe(0);
		expect(started.stderr).toContain('the package folder in the image');
		expect(existsSync(`${nextEntrypoint}.ran`)).toBe(false);
	});
});
