/**
 * Process environment for running n8n-core inside tests.
 *
 * MUST be imported before anything imports `n8n-core` (n8n-core reads `N8N_USER_FOLDER` when its
 * InstanceSettings/config are first constructed and would otherwise create `~/.n8n/config`).
 * `tools/sandbox/engine/index.ts` imports this module first; tests only need to import the harness.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

if (!process.env.N8N_USER_FOLDER) {
	process.env.N8N_USER_FOLDER = mkdtempSync(join(tmpdir(), 'n8n-harness-'));
}
// Keep n8n quiet and offline; none of these change how nodes execute.
process.env.N8N_DIAGNOSTICS_ENABLED ??= 'false';
process.env.N8N_LOG_LEVEL ??= 'silent';

export const userFolder: string = process.env.N8N_USER_FOLDER;
