/** A throwaway Redis server on 127.0.0.1 (n8n's queue in queue mode): a free port, nothing saved to disk. */
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';

import { freePort, killGroup, live, sleep } from '../n8n/processes';
import { redisServerBinary } from './debianTools';

export interface Redis {
	host: string;
	port: number;
	/** The environment n8n reads to use this Redis for its queue. */
	n8nEnv(): Record<string, string>;
	stop(): Promise<void>;
}

async function answersPing(port: number): Promise<boolean> {
	return await new Promise((resolvePing) => {
		const socket = connect(port, '127.0.0.1');
		socket.setTimeout(1000);
		socket.once('connect', () => socket.write('PING\r\n'));
		socket.once('data', (data) => {
			socket.destroy();
			resolvePing(data.toString().startsWith('+PONG'));
		});
		socket.once('error', () => resolvePing(false));
		socket.once('timeout', () => {
			socket.destroy();
			resolvePing(false);
		});
	});
}

export async function startRedis(folder: string): Promise<Redis> {
	mkdirSync(folder, { recursive: true });
	const port = await freePort();
	const logFile = join(folder, 'redis.log');
	const log = createWriteStream(logFile);
	const child = spawn(
		redisServerBinary(),
		['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', folder],
		{ stdio: ['ignore', 'pipe', 'pipe'], detached: true },
	);
	live.add(child);
	child.stdout!.pipe(log);
	child.stderr!.pipe(log);
	const deadline = Date.now() + 20_000;
	while (!(await answersPing(port))) {
		if (child.exitCode !== null || Date.now() > deadline) {
			killGroup(child, 'SIGKILL');
			throw new Error(`redis-server did not answer on 127.0.0.1:${port}; log: ${logFile}`);
		}
		await sleep(100);
	}
	return {
		host: '127.0.0.1',
		port,
		n8nEnv: () => ({ QUEUE_BULL_REDIS_HOST: '127.0.0.1', QUEUE_BULL_REDIS_PORT: String(port) }),
		async stop() {
			killGroup(child, 'SIGTERM');
			live.delete(child);
		},
	};
}
