/** What a demo run keeps (emails, webhook posts, old runs pruned) and how it counts the emulator's requests. */
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import type { Emulator } from '../../tools/sandbox/emulator';
import type { ReceivedMail } from '../../tools/sandbox/sinks/smtp-sink';
import type { ReceivedRequest } from '../../tools/sandbox/sinks/webhook-sink';
import { DEMO_DIR, KEEP_RUNS } from './settings';

export function pruneOldRuns(): void {
	if (!existsSync(DEMO_DIR)) return;
	const runs = readdirSync(DEMO_DIR).sort();
	for (const run of runs.slice(0, Math.max(0, runs.length - (KEEP_RUNS - 1)))) {
		rmSync(join(DEMO_DIR, run), { recursive: true, force: true });
	}
}

function slug(text: string): string {
	return text
		.replace(/[^A-Za-z0-9]+/g, '-')
		.replace(/^-|-$/g, '')
		.slice(0, 60);
}

export function saveMail(dir: string, mail: ReceivedMail, index: number): string {
	mkdirSync(dir, { recursive: true });
	const file = join(dir, `${String(index).padStart(2, '0')}-${slug(mail.subject) || 'email'}.eml`);
	writeFileSync(file, `${mail.raw}\r\n`);
	return file;
}

export function saveWebhook(dir: string, request: ReceivedRequest, index: number): string {
	mkdirSync(dir, { recursive: true });
	const file = join(dir, `${String(index).padStart(2, '0')}-${request.method}.json`);
	const { method, path, headers, body, json, receivedAt } = request;
	writeFileSync(file, JSON.stringify({ receivedAt, method, path, headers, body: json ?? body }, null, 2));
	return file;
}

export function countActions(emu: Emulator, from = 0): string {
	const counts = new Map<string, number>();
	for (const request of emu.requests.slice(from)) {
		const action = request.action ?? `${request.method} ${request.path}`;
		counts.set(action, (counts.get(action) ?? 0) + 1);
	}
	return [...counts].map(([action, count]) => `${count}× ${action}`).join(', ');
}

export const KIND_WORDS: Record<string, string> = {
	package: 'packaging job',
	editing: 'production job',
	template: 'production job (template)',
	liveEditing: 'live editing job',
	workflow: 'VOD workflow task',
};
