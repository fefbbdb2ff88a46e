/** Parameter readers that fail with the service's MissingParameter / InvalidParameter answers. */
import { ApiError, invalidParameter, missingParameter } from './errors';

export type Params = Record<string, string>;
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** The gateway treats an empty value like an absent one. */
export function optional(params: Params, name: string): string | undefined {
	const v = params[name];
	return v === undefined || v === '' ? undefined : v;
}

export function required(params: Params, name: string): string {
	const v = optional(params, name);
	if (v === undefined) throw missingParameter(name);
	return v;
}

export function parseJson(name: string, raw: string): Json {
	try {
		return JSON.parse(raw) as Json;
	} catch {
		throw invalidParameter(name, 'It must be a valid JSON string.');
	}
}

export function isObject(v: Json | undefined): v is JsonObject {
	return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function jsonObject(params: Params, name: string, mandatory: true): JsonObject;
export function jsonObject(params: Params, name: string, mandatory?: false): JsonObject | undefined;
export function jsonObject(params: Params, name: string, mandatory = false): JsonObject | undefined {
	const raw = mandatory ? required(params, name) : optional(params, name);
	if (raw === undefined) return undefined;
	const v = parseJson(name, raw);
	if (!isObject(v)) throw invalidParameter(name, 'It must be a JSON object.');
	return v;
}

export function jsonArray(params: Params, name: string, mandatory = false): Json[] | undefined {
	const raw = mandatory ? required(params, name) : optional(params, name);
	if (raw === undefined) return undefined;
	const v = parseJson(name, raw);
	if (!Array.isArray(v)) throw invalidParameter(name, 'It must be a JSON array.');
	return v;
}

export function nonEmptyString(v: Json | undefined): v is string {
	return typeof v === 'string' && v.trim() !== '';
}

/** Integer from a query string or a JSON number/string field. */
export function intIn(name: string, v: Json | undefined, min: number, max: number): number | undefined {
	if (v === undefined || v === null || v === '') return undefined;
	const n = typeof v === 'number' ? v : typeof v === 'string' && /^-?\d+$/.test(v.trim()) ? Number(v) : NaN;
	if (!Number.isInteger(n) || n < min || n > max)
		throw invalidParameter(name, `It must be an integer from ${min} to ${max}.`);
	return n;
}

export function oneOf<T extends string>(name: string, v: string | undefined, allowed: readonly T[]): T | undefined {
	if (v === undefined) return undefined;
	if (!(allowed as readonly string[]).includes(v)) throw invalidParameter(name, `Valid values: ${allowed.join(', ')}.`);
	return v as T;
}

/** UTC ISO 8601 `yyyy-MM-ddTHH:mm:ssZ` (milliseconds tolerated, surrounding spaces trimmed as the docs' own examples have them). */
export function utcTime(name: string, v: Json | undefined): number {
	if (typeof v !== 'string') throw invalidParameter(name, 'It must be a UTC time in the yyyy-MM-ddTHH:mm:ssZ format.');
	const s = v.trim();
	const t = Date.parse(s);
	if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/.test(s) || Number.isNaN(t)) {
		throw invalidParameter(name, 'It must be a UTC time in the yyyy-MM-ddTHH:mm:ssZ format.');
	}
	return t;
}

export function optionalUtcTime(params: Params, name: string): number | undefined {
	const raw = optional(params, name);
	return raw === undefined ? undefined : utcTime(name, raw);
}

/** UserData: ≤ 512 bytes, and JSON where the operation says so. */
export function userData(params: Params, mustBeJson: boolean): string | undefined {
	const raw = optional(params, 'UserData');
	if (raw === undefined) return undefined;
	if (Buffer.byteLength(raw, 'utf8') > 512) throw invalidParameter('UserData', 'It cannot exceed 512 bytes.');
	if (mustBeJson && !isObject(parseJson('UserData', raw)))
		throw invalidParameter('UserData', 'It must be a JSON object.');
	return raw;
}

export function clientToken(params: Params): string | undefined {
	const raw = optional(params, 'ClientToken');
	if (raw === undefined) return undefined;
	if (raw.length > 64 || !/^[\x20-\x7e]+$/.test(raw))
		throw invalidParameter('ClientToken', 'It must be at most 64 printable ASCII characters.');
	return raw;
}

export { ApiError };
