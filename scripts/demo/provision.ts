/** Step 2: the real n8n, installed once into .cache/n8n-runtime by scripts/n8n/provision.mjs. */
import { spawn } from 'node:child_process';
import { join } from 'node:path';

import { REPO_ROOT } from '../../tools/sandbox/n8n';
import { detail, fail } from './output';
import { sandbox } from './sandbox';

/** `node scripts/n8n/provision.mjs`, its progress shown indented. */
export async function provision(): Promise<void> {
	const script = join(REPO_ROOT, 'scripts', 'n8n', 'provision.mjs');
	const check = await runQuiet(process.execPath, [script, '--check']);
	if (check === 0) {
		detail('n8n is already installed in .cache/n8n-runtime: reusing it.');
	} else {
		detail('First run: about 6 minutes. n8n 2.41.1 and Node.js 24 are downloaded from the npm registry');
		detail('(about 3 GB in .cache/n8n-runtime, reused by every later run). Progress:');
	}
	const exitCode = await new Promise<number | null>((resolveExit) => {
		const child = spawn(process.execPath, [script], {
			cwd: REPO_ROOT,
			stdio: ['ignore', 'pipe', 'pipe'],
			env: Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_(?!config_)/i.test(key))),
		});
		sandbox.provisioner = child;
		let pending = '';
		const onData = (chunk: Buffer) => {
			pending += chunk.toString();
			const lines = pending.split('\n');
			pending = lines.pop() ?? '';
			for (const line of lines) if (line.trim()) detail(line);
		};
		child.stdout!.on('data', onData);
		child.stderr!.on('data', onData);
		child.once('error', () => resolveExit(null));
		child.once('close', (code) => {
			if (pending.trim()) detail(pending);
			sandbox.provisioner = undefined;
			resolveExit(code);
		});
	});
	if (exitCode !== 0) {
		fail(
			`Installing n8n failed (exit ${exitCode}); the lines above say why, and the npm logs are in ` +
				'.cache/n8n-runtime/logs. Run `npm run demo` again to resume where it stopped.',
		);
	}
}

function runQuiet(command: string, args: string[]): Promise<number | null> {
	return new Promise((resolveRun) => {
		const child = spawn(command, args, { cwd: REPO_ROOT, stdio: 'ignore' });
		child.once('error', () => resolveRun(null));
		child.once('close', (code) => resolveRun(code));
	});
}
