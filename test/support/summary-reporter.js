// Prints one plain closing line that any CI can read: "<label>: N passed, N failed[, N skipped]", and keeps the
// counts in test-results/ so that .ci/run can print the total of several jest runs (unit and end-to-end) last.
const { mkdirSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

class SummaryReporter {
	constructor(globalConfig, options = {}) {
		this.rootDir = globalConfig.rootDir;
		this.label = options.label ?? 'tests';
	}

	onRunComplete(_contexts, results) {
		const counts = {
			passed: results.numPassedTests,
			failed: results.numFailedTests + results.numRuntimeErrorTestSuites,
			skipped: results.numPendingTests + results.numTodoTests,
		};
		const dir = join(this.rootDir, 'test-results');
		mkdirSync(dir, { recursive: true });
		writeFileSync(join(dir, `${this.label}.json`), JSON.stringify(counts));
		process.stdout.write(
			`\n${this.label}: ${counts.passed} passed, ${counts.failed} failed${counts.skipped ? `, ${counts.skipped} skipped` : ''}\n`,
		);
	}
}

module.exports = SummaryReporter;
