/**
 * n8n in queue mode, the way teams scale it: one main (`n8n start`: editor, webhooks, triggers and pollers) and
 * workers (`n8n worker`) that run the executions the main puts on a Redis queue, all sharing one PostgreSQL
 * database. PostgreSQL and Redis are Debian's, started on 127.0.0.1 in the run folder.
 *
 * ```ts
 * const cluster = await N8nQueueCluster.create({ tarball: packageTarball(), workers: 2 });
 * await cluster.main.importCredentials([...]); await cluster.main.importWorkflows([...]);
 * await cluster.start();                         // main, then the workers
 * cluster.executionsStartedBy(0);                 // execution IDs worker 0 logged as started
 * await cluster.killWorker(0);                   // SIGKILL, as when a container dies
 * await cluster.dispose();
 * ```
 *
 * All processes share one user folder (the package is installed there once and every process loads it), as
 * containers that mount one volume do.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { startPostgres, type Postgres } from '../services/postgres';
import { startRedis, type Redis } from '../services/redis';
import { N8n } from './instance';
import { newRunDir } from './paths';
import { BackgroundProcess, freePort } from './processes';

interface QueueClusterOptions {
	tarball: string;
	name?: string;
	workers?: number;
	/** Executions each worker runs at once (`n8n worker --concurrency`). */
	concurrency?: number;
	/** Extra environment for every process (main and workers). */
	env?: Record<string, string>;
}

/**
 * A worker that dies holds its job's lock until the lock expires; n8n 2.41 then fails the job (it sets Bull's
 * maxStalledCount to 0) and the main's queue recovery marks the execution crashed. Short locks and a recovery every
 * minute make that visible within a test; the defaults are 30 s and 180 minutes.
 */
const FAST_CRASH_DETECTION = {
	QUEUE_WORKER_LOCK_DURATION: '8000',
	QUEUE_WORKER_LOCK_RENEW_TIME: '2000',
	QUEUE_WORKER_STALLED_INTERVAL: '4000',
	N8N_EXECUTIONS_QUEUE_RECOVERY_INTERVAL: '1',
};

export class N8nQueueCluster {
	readonly workers: BackgroundProcess[] = [];

	private constructor(
		readonly main: N8n,
		readonly postgres: Postgres,
		readonly redis: Redis,
		private readonly options: QueueClusterOptions,
	) {}

	static async create(options: QueueClusterOptions): Promise<N8nQueueCluster> {
		const label = options.name ?? 'queue';
		const runDir = newRunDir(label);
		const postgres = await startPostgres(join(runDir, 'postgres'));
		const redis = await startRedis(join(runDir, 'redis'));
		const main = await N8n.create({
			tarball: options.tarball,
			name: label,
			runDir,
			env: {
				...postgres.n8nEnv(),
				...redis.n8nEnv(),
				EXECUTIONS_MODE: 'queue',
				...FAST_CRASH_DETECTION,
				...options.env,
			},
		});
		return new N8nQueueCluster(main, postgres, redis, options);
	}

	/** Starts the main, then the workers; resolves when all are ready. */
	async start(): Promise<void> {
		await this.main.start();
		for (let index = 0; index < (this.options.workers ?? 2); index++) await this.startWorker(index);
	}

	/** Starts worker `index` (again, after a kill); resolves when it says it is ready and its health check answers. */
	async startWorker(index: number): Promise<void> {
		const healthPort = await freePort();
		const worker = new BackgroundProcess(
			this.main.runtime.node,
			[this.main.runtime.n8nBin, 'worker', `--concurrency=${this.options.concurrency ?? 10}`],
			{
				cwd: this.main.runDir,
				env: {
					...this.main.env(),
					N8N_RUNNERS_BROKER_PORT: String(await freePort()),
					QUEUE_HEALTH_CHECK_ACTIVE: 'true',
					QUEUE_HEALTH_CHECK_PORT: String(healthPort),
				},
				logFile: join(this.main.logDir, `worker-${index}-${Date.now()}.log`),
				readyText: 'n8n worker is now ready',
			},
		);
		this.workers[index] = worker;
		await worker.ready(120_000, async () => {
			const response = await fetch(`http://127.0.0.1:${healthPort}/healthz`, { signal: AbortSignal.timeout(2000) });
			return response.status === 200;
		});
	}

	/** The execution IDs worker `index` logged as started ("Worker started execution <id>"). */
	executionsStartedBy(index: number): string[] {
		const log = readFileSync(this.workers[index].logFile, 'utf8');
		return [...log.matchAll(/Worker started execution (\d+)/g)].map((match) => match[1]);
	}

	/** The worker that logged execution `executionId` as started, if any. */
	workerOf(executionId: string): number | undefined {
		const index = this.workers.findIndex((_, worker) => this.executionsStartedBy(worker).includes(executionId));
		return index === -1 ? undefined : index;
	}

	/** SIGKILL to worker `index` and its task runner: a crash, not a shutdown. */
	async killWorker(index: number): Promise<void> {
		await this.workers[index].kill();
	}

	/** Stops the main (SIGTERM) and starts it again, with `env` changed if given. */
	async restartMain(env: Record<string, string> = {}): Promise<void> {
		await this.main.stop();
		Object.assign(this.main.extraEnv, env);
		await this.main.start();
		await this.main.login();
	}

	async dispose(): Promise<void> {
		await Promise.all(this.workers.map(async (worker) => await worker.stop(10_000)));
		await this.main.dispose();
		await this.redis.stop();
		await this.postgres.stop();
	}
}
