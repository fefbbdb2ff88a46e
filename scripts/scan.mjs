// Runs n8n's community-package scanner (the check n8n runs before verifying a package) on the source tree
// and on exactly what `npm pack` would publish, unpacked. Exits non-zero on any violation.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { analyzePackage, SOURCE_FILE_PATTERNS } from '@n8n/scan-community-package/scanner/scanner.mjs';

const root = process.cwd();
const work = mkdtempSync(join(tmpdir(), 'n8n-scan-'));

async function check(label, dir, patterns) {
	const result = await analyzePackage(dir, patterns);
	if (result.passed) {
		console.log(`scan ${label}: passed${result.message ? ` (${result.message})` : ''}`);
		return true;
	}
	console.error(`scan ${label}: FAILED: ${result.message}\n${result.details ?? ''}`);
	return false;
}

try {
	// n8n's patterns cover nodes/ and credentials/; alibaba/ (what both import) is held to the same rules.
	const sourceOk = await check('source tree', root, [...SOURCE_FILE_PATTERNS, 'alibaba/**/*.{js,ts}']);
	const tarball = execFileSync('npm', ['pack', '--silent', '--pack-destination', work], { cwd: root })
		.toString()
		.trim()
		.split('\n')
		.pop();
	const unpacked = join(work, 'package');
	execFileSync('tar', ['-xzf', join(work, tarball), '-C', work]);
	const packedOk = await check(`npm pack output (${tarball})`, unpacked, ['**/*.js', 'package.json']);
	process.exitCode = sourceOk && packedOk ? 0 : 1;
} finally {
	rmSync(work, { recursive: true, force: true });
}
