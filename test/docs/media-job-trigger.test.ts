/**
 * docs/nodes/media-job-trigger.md stays true to the trigger: its Watch row names the node's Watch options, and its RAM
 * table gives each option a row with exactly the actions watching it needs (derived from the job kind declarations),
 * naming no action the node cannot call.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { WATCH_OPTIONS } from '../../nodes/AlibabaCloudMediaJobTrigger/watch';
import { section, tableRows } from '../support/markdown';
import { actionsIn, ramActionsByNode, triggerActions } from '../support/ramActions';

const PAGE = readFileSync(join(__dirname, '..', '..', 'docs', 'nodes', 'media-job-trigger.md'), 'utf8');
const sorted = (actions: Iterable<string>) => [...new Set(actions)].sort();

it('names every Watch option in the Watch row, in the editor’s order', () => {
	const watch = tableRows(section(PAGE, '## Fields')).find(([field]) => field === 'Watch');
	expect(watch?.[1]).toBe(`${WATCH_OPTIONS.map((option) => option.name).join(', ')} (one or more).`);
});

describe('the RAM actions table', () => {
	const rows = tableRows(section(PAGE, '## RAM actions'));

	it.each(WATCH_OPTIONS.map((option) => [option.name, option.value]))(
		'%s: one row, with exactly the actions watching them needs',
		(name, value) => {
			const watching = rows.filter(([, when]) => new RegExp(`^watching ${name.toLowerCase()}\\b`).test(when));
			expect(watching).toHaveLength(1);
			expect(sorted(actionsIn(watching[0][0]))).toEqual(sorted(triggerActions([value])));
		},
	);

	it('names every action the trigger can call, and no other', () => {
		expect(sorted(rows.flatMap(([actions]) => actionsIn(actions)))).toEqual(
			sorted(ramActionsByNode().get('Media Job Trigger')!),
		);
	});
});
