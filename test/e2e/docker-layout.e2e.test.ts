/**
 * The Docker image's way of installing, without a Docker engine: the RUN step of docker/Dockerfile runs with sh on
 * the packed tarball (its image paths moved into a temp folder), docker/alibaba-media-entrypoint.sh links the
 * unpacked package into a user folder's `.n8n/nodes`, and a real n8n started on that folder lists the package's nodes
 * through the link and runs one against the emulator.
 *
 * Runs only under the e2e jest configs; under the unit-test config it skips itself.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

import type { Emulator } from '../../tools/sandbox/emulator';
import { startEmulator } from '../../tools/sandbox/emulator';
import { N8n, packageTarball, PACKAGE_NAME } from '../../tools/sandbox/n8n';
import { assignments, dockerInstructions } from '../support/dockerfile';
import { describeE2e } from './describeE2e';
import { listedPackageNodes, runOneNodeOfThePackage } from './installedPackage';

const DOCKER = join(__dirname, '..', '..', 'docker');
const instructions = dockerInstructions(readFileSync(join(DOCKER, 'Dockerfile'), 'utf8'));
const IMAGE_ENV = Object.assign(
	{},
	...instructions.filter((instruction) => instruction.keyword === 'ENV').map(assignments),
) as Record<string, string>;

/** The Dockerfile's RUN step with every absolute image path it names moved under `root`. */
function installStep(root: string): string {
	const runs = instructions.filter((instruction) => instruction.keyword === 'RUN');
	if (runs.length !== 1) throw new Error(`docker/Dockerfile has ${runs.length} RUN steps, this test knows one`);
	return runs[0].args.replace(/(^|[\s"'])\//g, `$1${root}/`);
}

function sh(script: string, args: string[], env: Record<string, string>): void {
	const result = spawnSync('sh', ['-c', script, 'sh', ...args], {
		encoding: 'utf8',
		env: { PATH: process.env.PATH, ...env },
	});
	if (result.status !== 0) throw new Error(`sh exited with ${result.status}: ${result.stderr}\n${script}`);
}

describeE2e('Docker image layout: the package unpacked by the Dockerfile, linked by its entrypoint', () => {
	let emulator: Emulator;
	let n8n: N8n | undefined;
	let root = '';
	const home = () => join(root, 'home', 'node');

	beforeAll(async () => {
		root = mkdtempSync(join(tmpdir(), 'docker-layout-'));
		const packageDir = `${root}${IMAGE_ENV.ALIBABA_MEDIA_PACKAGE}`;
		const nextEntrypoint = `${root}${IMAGE_ENV.ALIBABA_MEDIA_NEXT_ENTRYPOINT}`;
		// docker build: COPY the package file and the entrypoint, then the RUN step
		mkdirSync(join(root, 'tmp', 'alibaba-media'), { recursive: true });
		copyFileSync(packageTarball(), join(root, 'tmp', 'alibaba-media', basename(packageTarball())));
		copyFileSync(join(DOCKER, 'alibaba-media-entrypoint.sh'), join(root, 'alibaba-media-entrypoint.sh'));
		sh(installStep(root), [], { ALIBABA_MEDIA_PACKAGE: packageDir });
		// docker run: the entrypoint, with n8n's own entrypoint standing in as a no-op
		mkdirSync(join(home(), '.n8n'), { recursive: true });
		writeFileSync(nextEntrypoint, '#!/bin/sh\n', { mode: 0o755 });
		sh(`exec "${root}/alibaba-media-entrypoint.sh" "$@"`, ['start'], {
			HOME: home(),
			ALIBABA_MEDIA_PACKAGE: packageDir,
			ALIBABA_MEDIA_NEXT_ENTRYPOINT: nextEntrypoint,
		});
		emulator = await startEmulator({ clock: 'manual' });
		n8n = await N8n.create({ name: 'docker-layout', userFolder: home() });
	}, 120_000);

	afterAll(async () => {
		await n8n?.dispose();
		await emulator?.stop();
		if (root) rmSync(root, { recursive: true, force: true });
	}, 60_000);

	it('leaves the unpacked package in the image and a link to it in the volume', () => {
		const link = join(home(), '.n8n', 'nodes', 'node_modules', PACKAGE_NAME);
		expect(lstatSync(link).isSymbolicLink()).toBe(true);
		expect(JSON.parse(readFileSync(join(link, 'package.json'), 'utf8')).name).toBe(PACKAGE_NAME);
	});

	it('runs a node of the linked package with `n8n execute` against the emulator', async () => {
		await runOneNodeOfThePackage(n8n!, emulator);
	});

	it('lists every node of the package in the editor under `n8n start`', async () => {
		await n8n!.start();
		await n8n!.setupOwnerAndLogin();
		const { listed, declared } = await listedPackageNodes(n8n!);
		expect(listed).toEqual(declared);
	});
});
