/**
 * n8n's official image, n8nio/n8n:<version>, standing in. Docker Hub is out of reach here (the machines reach only the
 * npm registry and Debian's packages), so the tests make an image that gives docker/Dockerfile and n8n what the
 * official one gives them, from what is here:
 * - busybox's sh and tools (the official image is Alpine, whose sh, tar and coreutils are busybox's) and tini;
 * - user `node` (uid 1000) with /home/node/.n8n, working folder /home/node, NODE_ENV=production, port 5678, and
 *   ENTRYPOINT ["tini", "--", "/docker-entrypoint.sh"], an entrypoint that runs `n8n` with the container's arguments;
 * - the provisioned n8n at n8n's path, /usr/local/lib/node_modules/n8n, and its Node.js as /usr/local/bin/node.
 * What differs: glibc instead of musl (the provisioned Node.js and native modules are built for glibc), and none of
 * the official image's fonts, git, ssh, graphicsmagick or task-runner launcher, which nothing of this package uses.
 */
import { spawnSync } from 'node:child_process';
import {
	chmodSync,
	copyFileSync,
	linkSync,
	mkdirSync,
	readFileSync,
	rmSync,
	symlinkSync,
	writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';

import type { N8nRuntime } from '../n8n/runtime';
import { REPO_ROOT } from '../n8n/paths';
import { dockerTools } from '../services/debianTools';
import { succeeded } from '../n8n/processes';
import type { DockerEngine } from './engine';

const LABEL = 'org.n8n-nodes-alibaba-cloud-media.stand-in-of';

/** n8n's own entrypoint does more (custom certificates); what matters to docker/Dockerfile is that it runs n8n. */
const ENTRYPOINT = '#!/bin/sh\nif [ "$#" -gt 0 ]; then exec n8n "$@"; else exec n8n; fi\n';

const DOCKERFILE = `FROM {{rootfs}}
RUN ["/bin/busybox", "--install", "-s"]
RUN chown -R node:node /home/node
ENV NODE_ENV=production SHELL=/bin/sh
WORKDIR /home/node
EXPOSE 5678/tcp
USER node
ENTRYPOINT ["tini", "--", "/docker-entrypoint.sh"]
LABEL ${LABEL}="{{provisioned}}"
`;

/** The shared libraries `binaries` load (ldd), with the dynamic loader: what a rootfs needs to run them. */
function sharedLibraries(binaries: string[]): string[] {
	const libraries = new Set<string>();
	for (const binary of binaries) {
		const ldd = spawnSync('ldd', [binary], { encoding: 'utf8' });
		for (const match of ldd.stdout.matchAll(/(\/\S+)\s+\(0x/g)) libraries.add(match[1]);
	}
	return [...libraries];
}

/** Native addons of an n8n install (sqlite3, isolated-vm, …). */
function nativeAddons(folder: string): string[] {
	return spawnSync('find', [folder, '-name', '*.node', '-type', 'f'], { encoding: 'utf8' })
		.stdout.split('\n')
		.filter(Boolean);
}

/** Hard links when the runtime is on the same file system as .cache/docker (no copy of n8n's 3 GB), a copy otherwise. */
function linkOrCopyTree(from: string, to: string): void {
	mkdirSync(dirname(to), { recursive: true });
	if (spawnSync('cp', ['-al', from, to]).status === 0) return;
	rmSync(to, { recursive: true, force: true });
	const copy = spawnSync('cp', ['-a', from, to], { encoding: 'utf8' });
	if (copy.status !== 0) throw new Error(`cp -a ${from} ${to}: ${copy.stderr}`);
}

function writeRootfs(rootfs: string, runtime: N8nRuntime): void {
	rmSync(rootfs, { recursive: true, force: true });
	const n8nModules = dirname(dirname(dirname(runtime.n8nBin))); // <prefix>/node_modules/n8n/bin/n8n
	const file = (path: string, text: string, mode = 0o644) => {
		mkdirSync(dirname(join(rootfs, path)), { recursive: true });
		writeFileSync(join(rootfs, path), text, { mode });
	};
	const copy = (from: string, path: string) => {
		mkdirSync(dirname(join(rootfs, path)), { recursive: true });
		copyFileSync(from, join(rootfs, path));
	};
	const [busybox, tini] = [dockerTools.busybox(), dockerTools.tini()];
	copy(busybox, 'bin/busybox');
	copy(tini, 'usr/bin/tini');
	linkOrCopyTree(n8nModules, join(rootfs, 'usr/local/lib/node_modules'));
	mkdirSync(join(rootfs, 'usr/local/bin'), { recursive: true });
	linkSync(runtime.node, join(rootfs, 'usr/local/bin/node'));
	symlinkSync('../lib/node_modules/n8n/bin/n8n', join(rootfs, 'usr/local/bin/n8n'));
	const binaries = [busybox, tini, runtime.node, ...nativeAddons(n8nModules)];
	for (const library of sharedLibraries(binaries)) copy(library, library.slice(1));
	file('etc/passwd', 'root:x:0:0:root:/root:/bin/sh\nnode:x:1000:1000:node:/home/node:/bin/sh\n');
	file('etc/group', 'root:x:0:\nnode:x:1000:\n');
	file('docker-entrypoint.sh', ENTRYPOINT, 0o755);
	mkdirSync(join(rootfs, 'home/node/.n8n'), { recursive: true });
	mkdirSync(join(rootfs, 'tmp'));
	chmodSync(join(rootfs, 'tmp'), 0o1777); // mkdir's mode passes through the umask
}

/**
 * Tags the stand-in as n8nio/n8n:<the runtime's n8n version> in `engine`, unless it already holds one made from this
 * very runtime (provisioned at the same moment). Returns the tag.
 */
export async function buildStandInN8nImage(engine: DockerEngine, runtime: N8nRuntime): Promise<string> {
	const tag = `n8nio/n8n:${runtime.versions.n8n}`;
	const provisioned = `${runtime.dir} ${JSON.parse(readFileSync(join(runtime.dir, 'runtime.json'), 'utf8')).provisionedAt}`;
	const built = await engine.docker(['image', 'inspect', tag, '--format', `{{index .Config.Labels "${LABEL}"}}`]);
	if (built.exitCode === 0 && built.stdout.trim() === provisioned) return tag;

	const work = join(REPO_ROOT, '.cache', 'docker', `stand-in-${runtime.versions.n8n}`);
	const rootfs = join(work, 'rootfs');
	const rootfsTag = `n8n-stand-in-rootfs:${runtime.versions.n8n}`;
	writeRootfs(rootfs, runtime);
	try {
		// one layer straight from a tar stream: `docker build` would first send the 3 GB as its context
		const importing = ['-o', 'pipefail', '-c', 'tar -C "$1" -c . | "$2" import - "$3"', 'bash', rootfs];
		const imported = await engine.run('bash', [...importing, dockerTools.docker(), rootfsTag], {
			label: 'import-stand-in',
			timeoutMs: 900_000,
		});
		succeeded(imported, `tar -C ${rootfs} -c . | docker import - ${rootfsTag}`);
	} finally {
		rmSync(rootfs, { recursive: true, force: true });
	}
	const context = join(work, 'context');
	mkdirSync(context, { recursive: true });
	writeFileSync(
		join(context, 'Dockerfile'),
		DOCKERFILE.replace('{{rootfs}}', rootfsTag).replace('{{provisioned}}', provisioned),
	);
	await engine.dockerOk(['build', '--tag', tag, context], { label: 'build-stand-in', timeoutMs: 300_000 });
	return tag;
}
