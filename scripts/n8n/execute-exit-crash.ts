/**
 * Why `n8n execute` of n8n 2.41 sometimes dies with SIGSEGV after printing its run, and that the e2e harness avoids
 * it (docs/n8n-versions.md). Two measurements, with the provisioned n8n 2.41 (Node 24, isolated-vm 7):
 *
 * 1. The mechanism, without n8n: `process.exit()` while an isolated-vm isolate runs JavaScript on its own thread,
 *    against the same work awaited, the isolate disposed and given 200 ms to go (`--tries` times each).
 * 2. n8n itself: the media-asset e2e workflow (Register Media Info with Wait for Completion → Get Media Info) run
 *    with `n8n execute` `--runs` times with n8n's default expression engine ("vm", an isolate pool that builds the
 *    next isolate when an execution ends) and `--runs` times as the harness runs it (the legacy engine).
 *
 *   npx tsx scripts/n8n/execute-exit-crash.ts [--tries 20] [--runs 40]
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

import { startEmulator } from '../../tools/sandbox/emulator';
import { alibabaCredential, N8n, newId, PACKAGE_NAME } from '../../tools/sandbox/n8n';
import { buildAndPack } from '../../tools/sandbox/n8n/pack';
import { loadRuntime } from '../../tools/sandbox/n8n/runtime';

function option(name: string, fallback: number): number {
	const index = process.argv.indexOf(`--${name}`);
	return index === -1 ? fallback : Number(process.argv[index + 1]);
}

const WORK = 'const o = {}; for (let i = 0; i < 1e6; i++) o["key" + i] = i;';
const EXIT_WHILE_RUNNING =
	"const ivm = require('isolated-vm'); const isolate = new ivm.Isolate({ memoryLimit: 128 });" +
	`isolate.createContextSync().eval(${JSON.stringify(WORK)}).catch(() => {}); setTimeout(() => process.exit(0), 20);`;
const EXIT_AFTER_DISPOSE =
	"const ivm = require('isolated-vm'); const isolate = new ivm.Isolate({ memoryLimit: 128 });" +
	`isolate.createContextSync().eval(${JSON.stringify(WORK)}).catch(() => {})` +
	'.then(() => { isolate.dispose(); setTimeout(() => process.exit(0), 200); });';

type Tally = { sigsegv: number; clean: number; other: number };

function mechanism(tries: number): Record<string, Tally> {
	const runtime = loadRuntime();
	const env = { ...process.env, NODE_PATH: join(runtime.dir, 'n8n', 'node_modules') };
	const results: Record<string, Tally> = {};
	for (const [label, code] of [
		['exit while the isolate runs', EXIT_WHILE_RUNNING],
		['exit once the isolate is disposed', EXIT_AFTER_DISPOSE],
	] as const) {
		const tally: Tally = { sigsegv: 0, clean: 0, other: 0 };
		for (let attempt = 0; attempt < tries; attempt++) {
			const child = spawnSync(runtime.node, ['-e', code], { env, stdio: 'ignore' });
			if (child.signal === 'SIGSEGV') tally.sigsegv += 1;
			else if (child.status === 0) tally.clean += 1;
			else tally.other += 1;
		}
		results[label] = tally;
	}
	return results;
}

async function executeRuns(runs: number, engine: 'vm' | 'harness default'): Promise<Tally> {
	const emulator = await startEmulator({ clock: 'real', speed: 600 });
	const n8n = await N8n.create({
		tarball: process.env.N8N_E2E_TARBALL || buildAndPack(),
		name: 'execute-exit-crash',
		env: engine === 'vm' ? { N8N_EXPRESSION_ENGINE: 'vm' } : {},
	});
	try {
		const alibaba = { id: newId(), name: 'Alibaba Cloud (emulator)' };
		const credentials = { alibabaCloudApi: alibaba };
		await n8n.importCredentials([alibabaCredential(emulator, alibaba)]);
		const node = (name: string, type: string, left: number, parameters: Record<string, unknown>) => ({
			id: newId(),
			name,
			type,
			typeVersion: 1,
			position: [left, 0],
			parameters,
			...(type.startsWith(PACKAGE_NAME) ? { credentials } : {}),
		});
		const workflowId = await n8n.importWorkflow({
			nodes: [
				node('Start', 'n8n-nodes-base.manualTrigger', 0, {}),
				node('Register Media Info', `${PACKAGE_NAME}.alibabaCloudRegisterMediaInfo`, 220, {
					inputUrl: "={{ 'oss://media-in/e2e/' + $now.toMillis() + '.mp4' }}",
					waitForCompletion: true,
					pollIntervalSeconds: 1,
				}),
				node('Get Media Info', `${PACKAGE_NAME}.alibabaCloudGetMediaInfo`, 440, {
					lookUpBy: 'inputUrl',
					inputUrl: '={{ $json.inputUrl }}',
				}),
			],
			connections: {
				Start: { main: [[{ node: 'Register Media Info', type: 'main', index: 0 }]] },
				'Register Media Info': { main: [[{ node: 'Get Media Info', type: 'main', index: 0 }]] },
			},
		});
		const tally: Tally = { sigsegv: 0, clean: 0, other: 0 };
		for (let run = 0; run < runs; run++) {
			const result = await n8n.execute(workflowId);
			if (result.ok) tally.clean += 1;
			else if (result.errorMessage === 'exit code SIGSEGV') tally.sigsegv += 1;
			else tally.other += 1;
			if (!result.ok) process.stdout.write(`  ${engine}, run ${run + 1}: ${result.errorMessage} (${result.logFile})\n`);
		}
		return tally;
	} finally {
		await n8n.dispose({ keep: false });
		await emulator.stop();
	}
}

async function main(): Promise<void> {
	const tries = option('tries', 20);
	const runs = option('runs', 40);
	const runtime = loadRuntime();
	process.stdout.write(`n8n ${runtime.versions.n8n}, Node ${runtime.versions.node}\n`);
	for (const [label, tally] of Object.entries(mechanism(tries))) {
		process.stdout.write(
			`${label}: SIGSEGV ${tally.sigsegv}, clean ${tally.clean}, other ${tally.other} (of ${tries})\n`,
		);
	}
	for (const engine of ['vm', 'harness default'] as const) {
		const tally = await executeRuns(runs, engine);
		process.stdout.write(
			`n8n execute, expression engine ${engine === 'vm' ? '"vm"' : 'legacy (the harness)'}: ` +
				`SIGSEGV ${tally.sigsegv}, clean ${tally.clean}, other ${tally.other} (of ${runs})\n`,
		);
	}
}

main().then(
	() => process.exit(0),
	(error: unknown) => {
		process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
		process.exit(1);
	},
);
