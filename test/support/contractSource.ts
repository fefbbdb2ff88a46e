import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * Alibaba's wire contract, read from ../shared/alibaba-api beside the repository (never copied into it). Where
 * the folder is missing, suites that need it skip with a message, except under CI=true, where that is an error.
 */
export const CONTRACT_DIR = resolve(__dirname, '..', '..', '..', 'shared', 'alibaba-api');

export interface ContractEndpoints {
	documented_regions: Record<string, { host: string; vpc_host?: string; sdk_host?: string }>;
}

export interface ContractFile {
	products: Record<'ICE' | 'VOD', { version: string; endpoints: ContractEndpoints }>;
	operations: Record<string, unknown>;
	job_states: Record<string, { values?: string[]; values_seen_in_example?: string[] }>;
}

let cached: ContractFile | undefined;

export function readContract(): ContractFile | undefined {
	const file = resolve(CONTRACT_DIR, 'contract.json');
	if (!existsSync(file)) {
		if (process.env.CI === 'true') throw new Error(`The API contract is missing: ${file} (required under CI=true).`);
		console.warn(`The API contract is missing (${file}): contract checks are skipped.`);
		return undefined;
	}
	cached ??= JSON.parse(readFileSync(file, 'utf8')) as ContractFile;
	return cached;
}
