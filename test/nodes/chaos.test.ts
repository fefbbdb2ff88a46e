import { runChaos } from '../../scripts/chaos/chaos';
import { SUBMIT_NODES } from '../../tools/sandbox/workflows/submitNodes';

// The small size of `npm run chaos`: five submissions per Submit node, so each node meets a fault (one request in five).
const TOTAL = 5 * SUBMIT_NODES.length;

it('no job lost or duplicated under faults; every unknown outcome reported; no secret in outputs or logs', async () => {
	const report = await runChaos({ total: TOTAL, batchSize: 10 });
	for (const figure of report.figures) {
		expect({ node: figure.node, lost: figure.lost, duplicates: figure.duplicates, wrong: figure.wrongJobId }).toEqual({
			node: figure.node,
			lost: 0,
			duplicates: 0,
			wrong: 0,
		});
		expect(figure.faultsInjected).toBeGreaterThan(0);
		expect(figure.itemsWithJobId + figure.itemsUnknown + figure.itemsRejected).toBe(figure.items);
		// What the list operations can settle is settled; only VOD (no list operation) stays unknown.
		expect(figure.unknownUnresolved).toBe(figure.node === 'Submit VOD Workflow Job' ? figure.itemsUnknown : 0);
		// The kinds without ClientToken that have a job list (packaging, live editing, snapshots) settle lost answers
		// themselves from it.
		const node = SUBMIT_NODES.find((candidate) => candidate.label === figure.node);
		if (node && !node.idempotent && node.settlesLostAnswers) {
			expect(figure.settledFound + figure.settledNotCreated).toBeGreaterThan(0);
		}
	}
	expect(report.scanned.outputItems).toBe(TOTAL);
	expect(report.scanned.logLines).toBeGreaterThan(0);
	expect(report.secretsFound).toBe(0);
}, 60_000);
