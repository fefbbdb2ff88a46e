/**
 * A job kind is declared in one place: its module in nodes/shared/jobKinds/ (named after its key in JOB_KINDS). No
 * other file of nodes/ names one of its API actions, except its Submit node, which builds that action's request.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

import type { JobKind } from '../../nodes/shared/jobKinds';
import { JOB_KINDS } from '../../nodes/shared/jobKinds';
import type { JobKindDeclaration } from '../../nodes/shared/jobs/declaration';

const ROOT = join(__dirname, '..', '..');
const NODES = join(ROOT, 'nodes');

function filesUnder(folder: string): string[] {
	return readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
		entry.isDirectory() ? filesUnder(join(folder, entry.name)) : [join(folder, entry.name)],
	);
}

/** Every API action a kind's declaration names. */
function actionsOf(declaration: JobKindDeclaration): string[] {
	const operations = [
		declaration.submit?.operation,
		declaration.get.operation,
		declaration.list?.operation,
		declaration.finishedRead?.operation,
		...(declaration.trigger?.sources({ jobTypes: [] }).map((source) => source.operation) ?? []),
	];
	return [...new Set(operations.flatMap((operation) => (operation ? [operation.action] : [])))];
}

/** The files of the Submit node whose request builder sends the kind's submission (the node that `submits` it). */
function submitNodeFiles(kind: JobKind): string[] {
	const nodeFile = filesUnder(NODES).find(
		(file) => file.endsWith('.node.ts') && readFileSync(file, 'utf8').includes(`submits: '${kind}'`),
	);
	return nodeFile ? filesUnder(dirname(nodeFile)).filter((file) => file.endsWith('.ts')) : [];
}

const KINDS = Object.keys(JOB_KINDS) as JobKind[];

/** The modules that may name an action: every kind that declares it (a list can serve two kinds). */
function modulesDeclaring(action: string): string[] {
	return KINDS.filter((kind) => actionsOf(JOB_KINDS[kind]).includes(action)).map((kind) =>
		join(NODES, 'shared', 'jobKinds', `${kind}.ts`),
	);
}

const files = filesUnder(NODES).filter((file) => /\.(ts|json)$/.test(file));

describe('a job kind’s actions are named only by its module and its Submit node', () => {
	it.each(KINDS)('%s', (kind) => {
		const strays = actionsOf(JOB_KINDS[kind]).flatMap((action) => {
			const owners = new Set([...modulesDeclaring(action), ...submitNodeFiles(kind)]);
			return files
				.filter((file) => !owners.has(file) && new RegExp(`\\b${action}\\b`).test(readFileSync(file, 'utf8')))
				.map((file) => `${relative(ROOT, file)}: ${action}`);
		});
		expect(strays).toEqual([]);
	});

	it('every kind has its module file and names at least its Get action', () => {
		for (const kind of KINDS) {
			const module = readFileSync(join(NODES, 'shared', 'jobKinds', `${kind}.ts`), 'utf8');
			expect(module).toContain(`'${JOB_KINDS[kind].get.operation.action}'`);
		}
	});
});
