/**
 * Request parameter readers for declarations: `{ Name: param.text({ maxLength: 128 }), Input: param.json(...) }`.
 * A reader gets the request's parameters, its own name and the values read before it (in declaration order), and
 * fails with the service's MissingParameter / InvalidParameter answer. Parameters a declaration does not name are
 * ignored, as the RPC gateway does.
 */
import { invalidParameter } from '../errors';
import {
	clientToken,
	intIn,
	isObject,
	jsonObject,
	oneOf,
	optional,
	optionalUtcTime,
	Params,
	parseJson,
	required as requiredText,
} from '../params';
import type { Json, JsonObject } from '../params';
import { Field, parseField } from './schema';

export type Reader<T> = (params: Params, name: string, earlier: Record<string, unknown>) => T;
export type ParameterSpecs = Record<string, Reader<unknown>>;
export type Values<Specs> = { [Name in keyof Specs]: Specs[Name] extends Reader<infer T> ? T : never };

interface TextOptions {
	maxLength?: number;
	maxBytes?: number;
	oneOf?: readonly string[];
}

function text(options: TextOptions & { required: true }): Reader<string>;
function text(options?: TextOptions & { required?: false }): Reader<string | undefined>;
function text(options: TextOptions & { required?: boolean } = {}): Reader<string | undefined> {
	return (params, name) => {
		const value = options.required ? requiredText(params, name) : optional(params, name);
		if (value === undefined) return undefined;
		if (options.maxLength !== undefined && value.length > options.maxLength)
			throw invalidParameter(name, `It cannot exceed ${options.maxLength} characters.`);
		if (options.maxBytes !== undefined && Buffer.byteLength(value, 'utf8') > options.maxBytes)
			throw invalidParameter(name, `It cannot exceed ${options.maxBytes} bytes.`);
		return options.oneOf ? oneOf(name, value, options.oneOf) : value;
	};
}

function json(schema: Field, options: { required: true }): Reader<Json>;
function json(schema: Field, options?: { required?: false }): Reader<Json | undefined>;
function json(schema: Field, options: { required?: boolean } = {}): Reader<Json | undefined> {
	return (params, name) => {
		const raw = options.required ? requiredText(params, name) : optional(params, name);
		return raw === undefined ? undefined : parseField({ ...schema, required: true }, parseJson(name, raw), name);
	};
}

export const param = {
	text,
	/** An integer in [min, max] (a JSON-free query value: digits only). */
	integer:
		(min: number, max: number): Reader<number | undefined> =>
		(params, name) =>
			intIn(name, optional(params, name), min, max),
	boolean: (): Reader<boolean | undefined> => (params, name) => {
		const value = optional(params, name);
		if (value !== undefined && value !== 'true' && value !== 'false')
			throw invalidParameter(name, 'It must be true or false.');
		return value === undefined ? undefined : value === 'true';
	},
	/** UTC `yyyy-MM-ddTHH:mm:ssZ`, as milliseconds. */
	time: (): Reader<number | undefined> => (params, name) => optionalUtcTime(params, name),
	/** JSON text whose structure is `schema`; the value is returned parsed. */
	json,
	/** A JSON object of any fields (structures the SDK has no model for). */
	jsonObject: (): Reader<JsonObject | undefined> => (params, name) => jsonObject(params, name),
	/** Free text of at most `maxBytes`, or a JSON object when `json` (the ICE UserData of most Submit actions). */
	userData:
		(options: { maxBytes?: number; json: boolean }): Reader<string | undefined> =>
		(params, name) => {
			const raw = optional(params, name);
			if (raw === undefined) return undefined;
			if (options.maxBytes !== undefined && Buffer.byteLength(raw, 'utf8') > options.maxBytes)
				throw invalidParameter(name, `It cannot exceed ${options.maxBytes} bytes.`);
			if (options.json && !isObject(parseJson(name, raw))) throw invalidParameter(name, 'It must be a JSON object.');
			return raw;
		},
	/** At most 64 printable ASCII characters; a Submit declared `idempotent` answers the job submitted with it. */
	clientToken: (): Reader<string | undefined> => (params) => clientToken(params),
	/** A comma-separated list of at most `max` items (e.g. QueryMediaCensorJobList JobIds). */
	list:
		(max: number): Reader<string[] | undefined> =>
		(params, name) => {
			const raw = optional(params, name);
			if (raw === undefined) return undefined;
			const items = raw.split(',').map((item) => item.trim());
			if (items.some((item) => item === '')) throw invalidParameter(name, 'It must be a comma-separated list.');
			if (items.length > max) throw invalidParameter(name, `At most ${max} items are allowed.`);
			return items;
		},
};

/** Reads every declared parameter, in declaration order. */
export function readParameters<Specs extends ParameterSpecs>(params: Params, specs: Specs): Values<Specs> {
	const values: Record<string, unknown> = {};
	for (const [name, read] of Object.entries(specs)) values[name] = read(params, name, values);
	return values as Values<Specs>;
}
