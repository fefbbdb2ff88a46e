/**
 * The README's "With Docker" install, exactly as written, in a Docker engine of the tests' own (dockerd from Debian's
 * docker.io): its bash block builds docker/Dockerfile with the package file the e2e setup packed, and starts the
 * image with the README's port and volume. n8n's official image cannot be pulled here (no Docker Hub), so the block
 * builds on a stand-in tagged as it, made from the provisioned n8n (tools/sandbox/docker/standInImage.ts says what it
 * has and what differs). On n8n 1.x the block's N8N_VERSION is the 1.x version under test.
 *
 * Runs only under the e2e jest configs; under the unit-test config it skips itself.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

import { containerLauncher } from '../../tools/sandbox/docker/containerLauncher';
import { DockerEngine } from '../../tools/sandbox/docker/engine';
import { buildStandInN8nImage } from '../../tools/sandbox/docker/standInImage';
import type { Emulator } from '../../tools/sandbox/emulator';
import { startEmulator } from '../../tools/sandbox/emulator';
import { loadRuntime, N8n, N8nSession, newRunDir, packageTarball, PACKAGE_NAME } from '../../tools/sandbox/n8n';
import { sleep, succeeded } from '../../tools/sandbox/n8n/processes';
import { onlyFencedBlock } from '../support/markdown';
import { describeE2e } from './describeE2e';
import { listedPackageNodes, runOneNodeOfThePackage } from './installedPackage';

const ROOT = join(__dirname, '..', '..');
const BLOCK = onlyFencedBlock(
	readFileSync(join(ROOT, 'README.md'), 'utf8'),
	'### With Docker: an n8n image with the package',
	'bash',
);
const README_N8N_VERSION = /--build-arg N8N_VERSION=(\S+)/.exec(BLOCK)?.[1];
const CONTAINER = /docker run .*--name (\S+)/.exec(BLOCK)?.[1];
const VOLUME = /docker run .*-v (\S+):\/home\/node\/\.n8n/.exec(BLOCK)?.[1];
const IMAGE = /docker run .* (\S+)$/m.exec(BLOCK)?.[1];
const PORT = Number(/docker run .*-p (\d+):5678/.exec(BLOCK)?.[1]);
const READY = 'Editor is now accessible via';

/** The README's block for this run: the packed file for the placeholder path, the n8n version under test. */
function dockerScript(tarball: string, n8nVersion: string): string {
	const placeholder = `/path/to/${basename(tarball)}`;
	if (!BLOCK.includes(placeholder) || !README_N8N_VERSION || !CONTAINER || !VOLUME || !IMAGE || !PORT) {
		throw new Error(`The README's Docker block changed shape; this test reads its cp, build and run lines:\n${BLOCK}`);
	}
	if (!/^[\w./-]+$/.test(tarball)) throw new Error(`The tarball path ${tarball} needs quoting in a shell`);
	return BLOCK.replace(placeholder, tarball).replace(`N8N_VERSION=${README_N8N_VERSION}`, `N8N_VERSION=${n8nVersion}`);
}

const portTaken = (port: number) =>
	new Promise<boolean>((answer) => {
		const socket = connect(port, '127.0.0.1');
		socket.once('connect', () => {
			socket.destroy();
			answer(true);
		});
		socket.once('error', () => answer(false));
	});

describeE2e('README: the Docker image, built and run in a Docker engine', () => {
	const runDir = newRunDir('docker-image');
	let engine: DockerEngine | undefined;
	let emulator: Emulator;
	let workFolder = '';

	/** Waits until the README's container says the editor is up and answers /healthz on the published port. */
	async function editorUp(): Promise<N8nSession> {
		const session = new N8nSession(`http://127.0.0.1:${PORT}`, () => `docker logs ${CONTAINER} (${runDir}/docker)`);
		const deadline = Date.now() + 180_000;
		for (;;) {
			const logs = await engine!.docker(['logs', CONTAINER!], { label: 'logs' });
			const health = await fetch(`${session.url}/healthz`, { signal: AbortSignal.timeout(2000) }).catch(
				() => undefined,
			);
			if (`${logs.stdout}${logs.stderr}`.includes(READY) && health?.status === 200) return session;
			if (Date.now() > deadline) throw new Error(`n8n in ${CONTAINER} did not come up; log: ${logs.logFile}`);
			await sleep(1000);
		}
	}

	beforeAll(async () => {
		const runtime = loadRuntime();
		engine = await DockerEngine.start(join(runDir, 'docker'));
		await buildStandInN8nImage(engine, runtime);
		// this engine is the tests' own: what an earlier run left under the README's names can go
		await engine.docker(['rm', '--force', CONTAINER!]);
		await engine.docker(['volume', 'rm', '--force', VOLUME!]);
		if (await portTaken(PORT)) throw new Error(`Port ${PORT} is taken; the README's docker run publishes it`);
		emulator = await startEmulator({ clock: 'manual', host: await engine.bridgeGateway() });
		workFolder = mkdtempSync(join(tmpdir(), 'docker-image-'));
		cpSync(join(ROOT, 'docker'), join(workFolder, 'docker'), { recursive: true });
		const script = dockerScript(packageTarball(), runtime.versions.n8n);
		succeeded(
			await engine.run('bash', ['-e', '-c', script], { label: 'readme-docker', cwd: workFolder, timeoutMs: 600_000 }),
			"the README's Docker block",
		);
	}, 1_200_000);

	afterAll(async () => {
		await engine?.docker(['rm', '--force', CONTAINER!]);
		await engine?.docker(['volume', 'rm', '--force', VOLUME!]);
		await engine?.stop();
		await emulator?.stop();
		if (workFolder) rmSync(workFolder, { recursive: true, force: true });
	}, 120_000);

	it("starts n8n with the package linked into the volume's .n8n/nodes", async () => {
		await editorUp();
		const link = `/home/node/.n8n/nodes/node_modules/${PACKAGE_NAME}`;
		const target = await engine!.dockerOk(['exec', CONTAINER!, 'readlink', link]);
		expect(target).toBe(`/opt/alibaba-media/${PACKAGE_NAME}`);
		const manifest = JSON.parse(await engine!.dockerOk(['exec', CONTAINER!, 'cat', `${link}/package.json`]));
		expect(manifest.version).toBe(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version);
	});

	it('lists every node and the credentials of the package in the editor', async () => {
		const session = await editorUp();
		await session.setupOwnerAndLogin();
		const { listed, declared } = await listedPackageNodes(session);
		expect(listed).toEqual(declared);
		const credentialTypes = await session.request('/types/credentials.json');
		expect((credentialTypes.body as Array<{ name: string }>).map((type) => type.name)).toEqual(
			expect.arrayContaining(['alibabaCloudApi', 'alibabaCloudMediaCallbackApi']),
		);
	});

	it('runs a node of the package with `n8n execute` in a container of the image, on the same volume', async () => {
		await engine!.dockerOk(['stop', CONTAINER!], { timeoutMs: 60_000 });
		const n8n = await N8n.create({
			name: 'docker-image',
			runDir,
			env: engine!.env,
			launcher: containerLauncher({ image: IMAGE!, volume: VOLUME!, inputDir: join(runDir, 'input') }),
		});
		await runOneNodeOfThePackage(n8n, emulator);
	});
});
