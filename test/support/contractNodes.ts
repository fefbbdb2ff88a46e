/**
 * Walks a value along a field node of the Alibaba wire contract (../shared/alibaba-api/contract.json) and
 * collects every place where the two disagree. The rules are the ones in the contract's README ("How to use it").
 */

export interface FieldNode {
	type: 'string' | 'integer' | 'number' | 'boolean' | 'object' | 'array' | 'map' | 'any' | 'json-string';
	fields?: Record<string, FieldNode>;
	items?: FieldNode;
	values?: FieldNode;
	json?: FieldNode;
	json_source?: string[];
	open?: boolean;
	json_free_form?: boolean;
	location?: 'query' | 'body';
	required?: boolean;
	enum?: unknown[];
	job_states?: string;
	minimum?: number;
	maximum?: number;
	min_length?: number;
	max_length?: number;
	max_bytes?: number;
	max_range_days?: number;
}

export interface JobStateEntry {
	values?: string[];
	/** Only the activity vocabulary: the SDK lists no values, its example shows these. */
	values_seen_in_example?: string[];
}

export interface Misfit {
	/** In the contract's path notation, e.g. `ListPackageJobs:response:PackageJobList.PackageJobs[].OutputUrl`. */
	path: string;
	problem: string;
}

export interface WalkContext {
	jobStates: Record<string, JobStateEntry>;
	/** Paths of fields outside an `open` object that are accepted, each with the reason why. */
	allowedExtras: Record<string, string>;
	misfits: Misfit[];
}

const join = (path: string, name: string): string => (path.endsWith(':') ? `${path}${name}` : `${path}.${name}`);

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

function typeProblem(node: FieldNode, value: unknown): string | undefined {
	const found = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
	const ok: Record<FieldNode['type'], boolean> = {
		string: typeof value === 'string',
		'json-string': typeof value === 'string',
		integer: Number.isInteger(value),
		number: typeof value === 'number' && Number.isFinite(value),
		boolean: typeof value === 'boolean',
		object: isPlainObject(value),
		map: isPlainObject(value),
		array: Array.isArray(value),
		any: true,
	};
	return ok[node.type] ? undefined : `expected ${node.type}, found ${found} ${JSON.stringify(value)}`;
}

/** enum, job state vocabulary, numeric range and length limits. */
export function limitProblems(node: FieldNode, value: unknown, ctx: WalkContext): string[] {
	const problems: string[] = [];
	if (node.enum && !node.enum.includes(value))
		problems.push(`${JSON.stringify(value)} is not one of ${node.enum.join(', ')}`);
	if (node.job_states) {
		const entry = ctx.jobStates[node.job_states];
		const vocabulary = entry?.values ?? entry?.values_seen_in_example;
		if (!vocabulary) problems.push(`unknown job_states vocabulary ${node.job_states}`);
		else if (!vocabulary.includes(value as string))
			problems.push(`${JSON.stringify(value)} is not a ${node.job_states} state (${vocabulary.join(', ')})`);
	}
	if (typeof value === 'number') {
		if (node.minimum !== undefined && value < node.minimum) problems.push(`${value} is below ${node.minimum}`);
		if (node.maximum !== undefined && value > node.maximum) problems.push(`${value} is above ${node.maximum}`);
	}
	if (typeof value === 'string') {
		const chars = [...value].length;
		if (node.max_length !== undefined && chars > node.max_length)
			problems.push(`${chars} characters, more than ${node.max_length}`);
		if (node.min_length !== undefined && chars < node.min_length)
			problems.push(`${chars} characters, fewer than ${node.min_length}`);
		const bytes = Buffer.byteLength(value, 'utf8');
		if (node.max_bytes !== undefined && bytes > node.max_bytes)
			problems.push(`${bytes} bytes, more than ${node.max_bytes}`);
	}
	return problems;
}

/** Checks a JSON value (a response body, or the JSON inside a json-string) against its node, recursively. */
export function walk(node: FieldNode, value: unknown, path: string, ctx: WalkContext): void {
	const report = (problem: string, at = path): void => void ctx.misfits.push({ path: at, problem });
	const wrongType = typeProblem(node, value);
	if (wrongType) return report(wrongType);
	for (const problem of limitProblems(node, value, ctx)) report(problem);

	if (node.type === 'json-string') return walkJsonText(node, value as string, path, ctx);
	if (node.type === 'array' && node.items)
		for (const item of value as unknown[]) walk(node.items, item, `${path}[]`, ctx);
	if (node.type === 'map' && node.values)
		for (const item of Object.values(value as Record<string, unknown>)) walk(node.values, item, `${path}{}`, ctx);
	if (node.type === 'object') walkObject(node, value as Record<string, unknown>, path, ctx);
}

function walkObject(node: FieldNode, value: Record<string, unknown>, path: string, ctx: WalkContext): void {
	const fields = node.fields ?? {};
	for (const [name, child] of Object.entries(value)) {
		if (child === undefined) continue;
		const at = join(path, name);
		const field = fields[name];
		if (field) walk(field, child, at, ctx);
		else if (!node.open) ctx.misfits.push({ path: at, problem: 'field not in the contract (closed object)' });
		else if (!(at in ctx.allowedExtras))
			ctx.misfits.push({ path: at, problem: 'field not in the contract (open object, no documented reason)' });
	}
	for (const [name, field] of Object.entries(fields))
		if (field.required && value[name] === undefined)
			ctx.misfits.push({ path: join(path, name), problem: 'required field missing' });
}

function walkJsonText(node: FieldNode, text: string, path: string, ctx: WalkContext): void {
	let parsed: unknown;
	try {
		parsed = JSON.parse(text);
	} catch {
		ctx.misfits.push({ path, problem: `not JSON text: ${text.slice(0, 80)}` });
		return;
	}
	if (node.json_free_form || !node.json) return;
	walk(node.json, parsed, `${path}<json>`, ctx);
}
