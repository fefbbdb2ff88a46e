import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

import type { N8n } from './instance';
import { tail } from './processes';

/**
 * Installs a package tarball the way n8n 2.41's community-package installer does (CommunityPackagesService
 * .downloadPackage): unpack into `.n8n/nodes/node_modules/<name>`, drop devDependencies, peerDependencies and
 * optionalDependencies from its package.json, run `npm install --ignore-scripts …` inside it (with the runtime's
 * Node 24 npm), and record it in `.n8n/nodes/package.json`. Only `npm pack <name>@<version>` from the registry
 * is replaced by our tarball. n8n loads every package in that folder at start.
 */
export async function installPackage(
	instance: Pick<N8n, 'userFolder' | 'runtime' | 'run'>,
	tarball: string,
): Promise<{ name: string; version: string; directory: string }> {
	const nodesDir = join(instance.userFolder, '.n8n', 'nodes');
	// n8n: `npm pack name@version` into .n8n/nodes, then `tar -xzf <tgz> -C node_modules/<name> --strip-components=1`
	const unpacked = join(nodesDir, 'node_modules', '.e2e-unpack');
	rmSync(unpacked, { recursive: true, force: true });
	mkdirSync(unpacked, { recursive: true });
	const untar = await instance.run(['-xzf', resolve(tarball), '-C', unpacked, '--strip-components=1'], {
		command: 'tar',
		label: 'tar-package',
	});
	if (untar.exitCode !== 0) throw new Error(`Cannot unpack ${tarball}: ${untar.stderr}; log: ${untar.logFile}`);
	const manifest = JSON.parse(readFileSync(join(unpacked, 'package.json'), 'utf8'));
	const name: string = manifest.name;
	const directory = join(nodesDir, 'node_modules', ...name.split('/'));
	rmSync(directory, { recursive: true, force: true });
	mkdirSync(dirname(directory), { recursive: true });
	renameSync(unpacked, directory);
	const { devDependencies: _dev, peerDependencies: _peer, optionalDependencies: _optional, ...trimmed } = manifest;
	writeFileSync(join(directory, 'package.json'), JSON.stringify(trimmed, null, 2), 'utf8');
	const install = await instance.run(
		[
			instance.runtime.npmCli,
			'install',
			'--audit=false',
			'--fund=false',
			'--bin-links=false',
			'--install-strategy=shallow',
			'--ignore-scripts=true',
			'--package-lock=false',
		],
		{ command: instance.runtime.node, cwd: directory, label: 'npm-install-package', timeoutMs: 180_000 },
	);
	if (install.exitCode !== 0) {
		throw new Error(`npm install in ${directory} failed; log: ${install.logFile}\n${tail(install.logFile)}`);
	}
	const ledgerPath = join(nodesDir, 'package.json');
	const ledger = existsSync(ledgerPath)
		? JSON.parse(readFileSync(ledgerPath, 'utf8'))
		: { name: 'installed-nodes', private: true, dependencies: {} };
	ledger.dependencies = { ...(ledger.dependencies ?? {}), [name]: manifest.version };
	writeFileSync(ledgerPath, JSON.stringify(ledger, null, 2), 'utf8');
	return { name, version: manifest.version, directory };
}
