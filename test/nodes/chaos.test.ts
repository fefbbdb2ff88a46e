import { runChaos } from '../../scripts/chaos/chaos';

// The small size of `npm run chaos`: 40 submissions split evenly over the Submit nodes (the remainder is not sent),
// a fault on every fifth request.
it('no job lost or duplicated under faults; every unknown outcome reported; no secret in outputs or logs', async () => {
	const report = await runChaos({ total: 40, batchSize: 10 });
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
		// Packaging and live editing settle lost answers themselves from the job list.
		if (figure.node === 'Submit Package Job' || figure.node === 'Submit Live Editing Job') {
			expect(figure.settledFound + figure.settledNotCreated).toBeGreaterThan(0);
		}
	}
	const items = report.figures.reduce((sum, figure) => sum + figure.items, 0);
	expect(items).toBe(Math.floor(40 / report.figures.length) * report.figures.length);
	expect(report.scanned.outputItems).toBe(items);
	expect(report.scanned.logLines).toBeGreaterThan(0);
	expect(report.secretsFound).toBe(0);
}, 60_000);
