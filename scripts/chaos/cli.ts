/** `npm run chaos [-- --total N]`: see chaos.ts. Exit code 1 when a job was lost or duplicated, or a secret leaked. */
import { runChaos } from './chaos';

async function main(): Promise<void> {
	const totalFlag = process.argv.indexOf('--total');
	const total = totalFlag > 0 ? Number(process.argv[totalFlag + 1]) : 1000;
	const report = await runChaos({ total });
	console.table(report.figures);
	console.log(
		`secrets found: ${report.secretsFound} (scanned ${report.scanned.outputItems} output items and errors, ${report.scanned.logLines} log lines); ${Math.round(report.durationMs / 1000)} s`,
	);
	const bad = report.figures.some((figure) => figure.lost > 0 || figure.duplicates > 0 || figure.wrongJobId > 0);
	process.exit(bad || report.secretsFound > 0 ? 1 : 0);
}

void main();
