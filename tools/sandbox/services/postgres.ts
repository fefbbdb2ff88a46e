/**
 * A throwaway PostgreSQL server on 127.0.0.1 for n8n's database in queue mode: its own data directory (under the
 * given folder), a free port, trust authentication on loopback only, no fsync (test data), one database `n8n`.
 */
import { spawnSync } from 'node:child_process';
import { chownSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { freePort } from '../n8n/processes';
import { asPostgresUser, postgresBinDir } from './debianTools';

export interface Postgres {
	host: string;
	port: number;
	user: string;
	password: string;
	database: string;
	/** The environment n8n reads to use this database. */
	n8nEnv(): Record<string, string>;
	stop(): Promise<void>;
}

const USER = 'n8n';
const DATABASE = 'n8n';
/** Trust authentication on loopback: n8n must send some password, any will do. */
const PASSWORD = 'not-checked';

function run(command: string, args: string[], logFile: string): void {
	const [program, programArgs] = asPostgresUser(command, args);
	const result = spawnSync(program, programArgs, { encoding: 'utf8', timeout: 120_000 });
	if (result.status !== 0) {
		throw new Error(
			`\`${[command, ...args].join(' ')}\` failed (${result.status ?? result.signal}): ${result.stderr || result.stdout}` +
				` (server log: ${logFile})`,
		);
	}
}

function ownedByPostgres(directory: string): void {
	mkdirSync(directory, { recursive: true });
	const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
	if (!isRoot) return;
	const postgresIds = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
	const groupIds = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
	chownSync(directory, Number(postgresIds.stdout.trim()), Number(groupIds.stdout.trim()));
}

export async function startPostgres(folder: string): Promise<Postgres> {
	const bin = postgresBinDir();
	const dataDir = join(folder, 'data');
	// A Unix socket path may not exceed 107 bytes: the socket lives in a short temporary folder, not in the run folder.
	const socketDir = mkdtempSync(join(tmpdir(), 'pg-'));
	const logFile = join(folder, 'postgres.log');
	ownedByPostgres(folder);
	ownedByPostgres(socketDir);
	const port = await freePort();
	run(join(bin, 'initdb'), ['-D', dataDir, '-U', USER, '--auth=trust', '-E', 'UTF8', '--no-sync'], logFile);
	const options = [
		`-p ${port}`,
		`-k ${socketDir}`,
		"-c listen_addresses='127.0.0.1'",
		'-c fsync=off',
		'-c synchronous_commit=off',
		'-c full_page_writes=off',
		'-c max_connections=100',
	].join(' ');
	run(join(bin, 'pg_ctl'), ['-D', dataDir, '-l', logFile, '-o', options, '-w', '-t', '60', 'start'], logFile);
	run(join(bin, 'createdb'), ['-h', '127.0.0.1', '-p', String(port), '-U', USER, DATABASE], logFile);
	return {
		host: '127.0.0.1',
		port,
		user: USER,
		password: PASSWORD,
		database: DATABASE,
		n8nEnv: () => ({
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: String(port),
			DB_POSTGRESDB_DATABASE: DATABASE,
			DB_POSTGRESDB_USER: USER,
			DB_POSTGRESDB_PASSWORD: PASSWORD,
		}),
		async stop() {
			const [program, programArgs] = asPostgresUser(join(bin, 'pg_ctl'), ['-D', dataDir, '-m', 'immediate', 'stop']);
			spawnSync(program, programArgs, { encoding: 'utf8', timeout: 60_000 });
			rmSync(socketDir, { recursive: true, force: true });
		},
	};
}
