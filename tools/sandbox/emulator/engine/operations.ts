/** The declared families as the server's operations table, and what the contract suite needs to know of them. */
import type { Operation } from '../operations/context';
import { getOperation, readOperation, submitOperation } from './actions';
import type { Family, Product } from './format';
import { listOperation } from './list';

export function familyOperations(families: readonly Family[]): Record<Product, Record<string, Operation>> {
	const known = new Set(families.flatMap((family) => family.kinds.map((kind) => kind.name)));
	const table: Record<Product, Record<string, Operation>> = { ICE: {}, VOD: {} };
	const add = (family: Family, action: string, kinds: readonly string[], operation: Operation): void => {
		const unknown = kinds.find((kind) => !known.has(kind));
		if (unknown !== undefined) throw new Error(`${family.name}: ${action} names the unknown job kind ${unknown}`);
		if (table[family.product][action]) throw new Error(`${family.name}: ${action} is declared twice`);
		table[family.product][action] = operation;
	};
	for (const family of families) {
		const own = family.kinds.map((kind) => kind.name);
		if (family.submit) {
			const kinds = typeof family.submit.kind === 'string' ? [family.submit.kind] : own;
			add(family, family.submit.action, kinds, submitOperation(family.submit));
		}
		for (const get of family.gets ?? []) add(family, get.action, get.kinds, getOperation(get));
		if (family.list) add(family, family.list.action, family.list.kinds, listOperation(family.list));
		for (const read of family.reads ?? []) add(family, read.action, read.kinds, readOperation(read));
	}
	return table;
}

/** Paths of the objects whose Status/State show job states, per read action (Get, List, other reads). */
export function statePaths(families: readonly Family[]): Record<string, readonly string[]> {
	const paths: Record<string, readonly string[]> = {};
	for (const family of families) {
		for (const get of family.gets ?? []) paths[get.action] = get.statesAt ?? [get.at];
		if (family.list) paths[family.list.action] = [`${family.list.itemsAt}[]`];
		for (const read of family.reads ?? []) if (read.statesAt) paths[read.action] = read.statesAt;
	}
	return paths;
}
