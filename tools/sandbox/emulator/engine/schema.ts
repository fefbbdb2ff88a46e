/**
 * The structure of JSON carried in a string parameter, as the contract describes it (SubmitTranscodeJob `OutputGroup`,
 * SubmitSnapshotJob `TemplateConfig`, ...). `parseField` checks a value and returns it as the job keeps it; a
 * structure the contract takes from the SDK request model is closed (a field it lacks is refused), one known only
 * from examples is `open` (extra fields are kept). Paths in errors count array items from 1: `OutputGroup.1.Output`.
 */
import { invalidParameter } from '../errors';
import { intIn, isObject, Json, JsonObject } from '../params';

interface Common {
	required?: boolean;
}

export type Field =
	| (Common & { type: 'string'; enum?: readonly string[]; maxBytes?: number })
	| (Common & { type: 'integer'; min?: number; max?: number })
	| (Common & { type: 'number' })
	| (Common & { type: 'boolean' })
	| (Common & {
			type: 'object';
			fields: Record<string, Field>;
			open?: boolean;
			/** A rule across the fields, run once they are read (e.g. an OSS URL when Type is OSS). */
			check?: (value: JsonObject, path: string) => void;
	  })
	| (Common & { type: 'array'; items: Field; min?: number; max?: number });

/** Builders, so that a declaration reads like the contract's field tree. */
export const field = {
	string: (options: { enum?: readonly string[]; maxBytes?: number } = {}): Field => ({ type: 'string', ...options }),
	/** A JSON integer; integer text is read as the number too (as the emulator always has for Priority, Width...). */
	integer: (options: { min?: number; max?: number } = {}): Field => ({ type: 'integer', ...options }),
	number: (): Field => ({ type: 'number' }),
	boolean: (): Field => ({ type: 'boolean' }),
	object: (
		fields: Record<string, Field>,
		options: { open?: boolean; check?: (value: JsonObject, path: string) => void } = {},
	): Field => ({ type: 'object', fields, ...options }),
	array: (items: Field, options: { min?: number; max?: number } = {}): Field => ({ type: 'array', items, ...options }),
	required: (of: Field): Field => ({ ...of, required: true }),
	/** Plain string fields, for models that have many (`field.strings('Dx', 'Dy', 'Width')`). */
	strings: (...names: string[]): Record<string, Field> =>
		Object.fromEntries(names.map((name) => [name, { type: 'string' } as Field])),
};

const absent = (value: Json | undefined, node: Field): boolean =>
	value === undefined || value === null || (node.type === 'string' && node.required === true && value === '');

/** Checks `value` against `node`; returns it as kept (integers as numbers, unknown fields of open objects as given). */
export function parseField(node: Field, value: Json | undefined, path: string): Json | undefined {
	if (absent(value, node)) {
		if (node.required) throw invalidParameter(path, 'It is required.');
		return undefined;
	}
	const present = value as Json;
	switch (node.type) {
		case 'string':
			return parseString(node, present, path);
		case 'integer':
			return intIn(path, present, node.min ?? Number.MIN_SAFE_INTEGER, node.max ?? Number.MAX_SAFE_INTEGER);
		case 'number':
			if (typeof present !== 'number' || !Number.isFinite(present))
				throw invalidParameter(path, 'It must be a number.');
			return present;
		case 'boolean':
			if (typeof present !== 'boolean') throw invalidParameter(path, 'It must be true or false.');
			return present;
		case 'object':
			return parseObject(node, present, path);
		case 'array':
			return parseArray(node, present, path);
	}
}

function parseString(node: Extract<Field, { type: 'string' }>, value: Json, path: string): string {
	if (typeof value !== 'string') throw invalidParameter(path, 'It must be a string.');
	if (node.enum && !node.enum.includes(value)) throw invalidParameter(path, `Valid values: ${node.enum.join(', ')}.`);
	if (node.maxBytes !== undefined && Buffer.byteLength(value, 'utf8') > node.maxBytes)
		throw invalidParameter(path, `It cannot exceed ${node.maxBytes} bytes.`);
	return value;
}

function parseObject(node: Extract<Field, { type: 'object' }>, value: Json, path: string): JsonObject {
	if (!isObject(value)) throw invalidParameter(path, 'It must be a JSON object.');
	const known = Object.keys(node.fields);
	const extra = Object.keys(value).find((name) => !known.includes(name));
	if (extra !== undefined && !node.open)
		throw invalidParameter(`${path}.${extra}`, `Unknown field; the valid fields are ${known.join(', ')}.`);
	const parsed: JsonObject = {};
	for (const [name, child] of Object.entries(node.fields)) {
		const one = parseField(child, value[name], `${path}.${name}`);
		if (one !== undefined) parsed[name] = one;
	}
	// Kept in the order the fields were sent.
	const kept: JsonObject = {};
	for (const name of Object.keys(value)) {
		if (name in parsed) kept[name] = parsed[name];
		else if (!known.includes(name)) kept[name] = value[name];
	}
	node.check?.(kept, path);
	return kept;
}

function parseArray(node: Extract<Field, { type: 'array' }>, value: Json, path: string): Json[] {
	if (!Array.isArray(value)) throw invalidParameter(path, 'It must be a JSON array.');
	if (node.min !== undefined && value.length < node.min)
		throw invalidParameter(path, `At least ${node.min} item${node.min === 1 ? ' is' : 's are'} required.`);
	if (node.max !== undefined && value.length > node.max)
		throw invalidParameter(path, `At most ${node.max} items are allowed.`);
	return value.map((item, index) => {
		const parsed = parseField({ ...node.items, required: true }, item, `${path}.${index + 1}`);
		return parsed as Json;
	});
}

/**
 * A copy of `value` without the fields at `paths` (`Output.OutputUrl`, `ProcessConfig.Encryption.KeyServiceType`;
 * `[]` steps into every item): an answer model that lacks a field the request had.
 */
export function withoutFields<T extends Json | undefined>(value: T, paths: readonly string[]): T {
	if (value === undefined || paths.length === 0) return value;
	if (Array.isArray(value)) return value.map((item) => withoutFields(item, paths)) as T;
	if (!isObject(value)) return value;
	const copy: JsonObject = {};
	for (const [name, child] of Object.entries(value)) {
		if (paths.includes(name)) continue;
		const below = paths
			.filter((path) => path.startsWith(`${name}.`) || path.startsWith(`${name}[].`))
			.map((path) => path.slice(path.indexOf('.') + 1));
		copy[name] = withoutFields(child, below);
	}
	return copy as T;
}
