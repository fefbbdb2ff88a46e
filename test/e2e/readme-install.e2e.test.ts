/**
 * The README's "Today: from the package file" install, exactly as written: its bash block runs with bash in a fresh
 * HOME, with the provisioned runtime's node and npm first on PATH and the placeholder path replaced by the tarball the
 * e2e setup packed. n8n then started on that HOME (its `~/.n8n`) must list the package's nodes and credentials and
 * run one of the nodes against the emulator.
 *
 * The block's `npm install` contacts the npm registry: npm resolves the package's peer dependency (n8n-workflow and
 * the metadata of its dependencies) even with --omit=peer, though it installs nothing but the package.
 *
 * Runs only under the e2e jest configs; under the unit-test config it skips itself.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';

import type { Emulator } from '../../tools/sandbox/emulator';
import { startEmulator } from '../../tools/sandbox/emulator';
import { N8n, newRunDir, packageTarball, PACKAGE_NAME } from '../../tools/sandbox/n8n';
import { tail } from '../../tools/sandbox/n8n/processes';
import { onlyFencedBlock } from '../support/markdown';
import { describeE2e } from './describeE2e';
import { listedPackageNodes, runOneNodeOfThePackage } from './installedPackage';

const README = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
const INSTALL_SECTION = '### Today: from the package file, into `~/.n8n/nodes`';

/** The README's block with its placeholder path replaced by `tarball`; throws if the block changed shape. */
function installScript(tarball: string): string {
	const block = onlyFencedBlock(README, INSTALL_SECTION, 'bash');
	const placeholder = `/path/to/${basename(tarball)}`;
	const uses = block.split(placeholder).length - 1;
	if (uses !== 1) {
		throw new Error(`The README's install block names ${placeholder} ${uses} times, expected once:\n${block}`);
	}
	if (!/^[\w./-]+$/.test(tarball)) throw new Error(`The tarball path ${tarball} needs quoting in a shell`);
	return block.replace(placeholder, tarball);
}

/**
 * A fresh HOME outside the repository: npm installs into the nearest folder up from the current one that holds a
 * package.json or node_modules, so under the repository `npm install` in `~/.n8n/nodes` would install there.
 */
function freshHome(): string {
	const home = mkdtempSync(join(tmpdir(), 'readme-install-home-'));
	for (let folder = dirname(home); folder !== dirname(folder); folder = dirname(folder)) {
		const taken = ['package.json', 'node_modules'].find((entry) => existsSync(join(folder, entry)));
		if (taken) throw new Error(`${join(folder, taken)} exists: npm would install there instead of in ~/.n8n/nodes`);
	}
	return home;
}

describeE2e('README: install from the package file into ~/.n8n/nodes', () => {
	let emulator: Emulator;
	let n8n: N8n | undefined;
	let home = '';

	beforeAll(async () => {
		const script = installScript(packageTarball());
		emulator = await startEmulator({ clock: 'manual' });
		const runDir = newRunDir('readme-install');
		home = freshHome();
		n8n = await N8n.create({ name: 'readme-install', runDir, userFolder: home });
		// The runtime's npm, as `npm` on PATH (its bin folder holds only node).
		const bin = join(runDir, 'bin');
		mkdirSync(bin, { recursive: true });
		symlinkSync(n8n.runtime.npmCli, join(bin, 'npm'));
		const install = await n8n.run(['-e', '-c', script], {
			command: 'bash',
			cwd: home,
			label: 'readme-install',
			timeoutMs: 240_000,
			env: { HOME: home, PATH: `${bin}:${n8n.runtime.nodeBinDir}:${process.env.PATH ?? ''}` },
		});
		if (install.exitCode !== 0) {
			throw new Error(
				`The README's install block failed (exit ${install.exitCode ?? install.signal}); log: ${install.logFile}\n` +
					tail(install.logFile),
			);
		}
	}, 300_000);

	afterAll(async () => {
		await n8n?.dispose();
		await emulator?.stop();
		if (home) rmSync(home, { recursive: true, force: true });
	}, 60_000);

	it('puts the package into ~/.n8n/nodes, where n8n loads community packages from', () => {
		const installed = join(home, '.n8n', 'nodes', 'node_modules', PACKAGE_NAME, 'package.json');
		expect(existsSync(installed)).toBe(true);
		const manifest = JSON.parse(readFileSync(installed, 'utf8'));
		const packed = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8'));
		expect({ name: manifest.name, version: manifest.version }).toEqual({ name: PACKAGE_NAME, version: packed.version });
		// --omit=peer: no second n8n-workflow next to it
		expect(existsSync(join(home, '.n8n', 'nodes', 'node_modules', 'n8n-workflow'))).toBe(false);
	});

	it('runs a node of the installed package with `n8n execute` against the emulator', async () => {
		await runOneNodeOfThePackage(n8n!, emulator);
	});

	it('lists every node and the credentials of the package in the editor once n8n is (re)started', async () => {
		await n8n!.start();
		await n8n!.setupOwnerAndLogin();
		const { listed, declared } = await listedPackageNodes(n8n!);
		expect(listed).toEqual(declared);
		const credentialTypes = await n8n!.request('/types/credentials.json');
		expect((credentialTypes.body as Array<{ name: string }>).map((type) => type.name)).toEqual(
			expect.arrayContaining(['alibabaCloudApi', 'alibabaCloudMediaCallbackApi']),
		);
	});
});
