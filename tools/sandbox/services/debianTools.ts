/**
 * Servers from Debian's packages (postgresql, redis-server), started by hand for the queue-mode tests. `.ci/run`
 * installs the packages; here we only find the binaries and say how to get them when they are missing.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export class MissingServerError extends Error {}

/** The directory of PostgreSQL's server binaries (initdb, pg_ctl), the newest installed major version. */
export function postgresBinDir(): string {
	const root = '/usr/lib/postgresql';
	const versions = existsSync(root)
		? readdirSync(root)
				.filter((entry) => existsSync(join(root, entry, 'bin', 'pg_ctl')))
				.sort((left, right) => Number(right) - Number(left))
		: [];
	if (versions.length === 0) {
		throw new MissingServerError(
			'PostgreSQL server is not installed: `apt-get install -y postgresql` (Debian), as .ci/run does',
		);
	}
	return join(root, versions[0], 'bin');
}

export function redisServerBinary(): string {
	const found = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' }).stdout.trim();
	if (!found) {
		throw new MissingServerError('Redis is not installed: `apt-get install -y redis-server` (Debian), as .ci/run does');
	}
	return found;
}

/**
 * PostgreSQL refuses to run as root. As root, its commands run as the `postgres` user the Debian package creates
 * (with `runuser`); as anyone else, as that user.
 */
export function asPostgresUser(command: string, args: string[]): [string, string[]] {
	const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
	return isRoot ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
}

/** A program from Debian's packages on PATH (or at one of `paths`), with how to install it when it is missing. */
function debianProgram(name: string, debianPackage: string, paths: string[] = []): string {
	const found =
		paths.find((path) => existsSync(path)) ??
		spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).stdout.trim();
	if (!found) {
		throw new MissingServerError(
			`${name} is not installed: \`apt-get install -y ${debianPackage}\` (Debian), as .ci/run does`,
		);
	}
	return found;
}

/** The Docker engine and the tools the stand-in for n8n's image is made of (test/e2e/docker-image.e2e.test.ts). */
export const dockerTools = {
	dockerd: () => debianProgram('dockerd', 'docker.io'),
	docker: () => debianProgram('docker', 'docker.io'),
	busybox: () => debianProgram('busybox', 'busybox-static', ['/bin/busybox']),
	tini: () => debianProgram('tini', 'tini', ['/usr/bin/tini']),
};
