// The last line of a CI run: the sum of every jest run's counts (test-results/*.json, written by the summary reporter).
import { readdirSync, readFileSync } from 'node:fs';

const total = { passed: 0, failed: 0, skipped: 0 };
for (const file of readdirSync('test-results').filter((name) => name.endsWith('.json'))) {
	const counts = JSON.parse(readFileSync(`test-results/${file}`, 'utf8'));
	for (const key of Object.keys(total)) total[key] += counts[key] ?? 0;
}
console.log(
	`total: ${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ''}`,
);
