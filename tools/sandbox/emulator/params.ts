/** Parameter readers that fail with the service's MissingParameter / InvalidParameter answers. */
import { ApiError, invalidParameter, missingParameter } from './errors';

export type Params = Record<string, string>;
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** The gateway treats an empty value like an absent one. */
export function optional(params: Params, name: string): string | undefined {
	const entryValue = params[name];
	return entryValue === undefined || entryValue === '' ? undefined : entryValue;
}

export function required(params: Params, name: string): string {
	const value = optional(params, name);
	if (value === undefined) throw missingParameter(name);
	return value;
}

export function parseJson(name: string, raw: string): Json {
	try {
		return JSON.parse(raw) as Json;
	} catch {
		throw invalidParameter(name, 'It must be a valid JSON string.');
	}
}

export function isObject(value: Json | undefined): value is JsonObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function jsonObject(params: Params, name: string, mandatory: true): JsonObject;
export function jsonObject(params: Params, name: string, mandatory?: false): JsonObject | undefined;
export function jsonObject(params: Params, name: string, mandatory = false): JsonObject | undefined {
	const raw = mandatory ? required(params, name) : optional(params, name);
	if (raw === undefined) return undefined;
	const value = parseJson(name, raw);
	if (!isObject(value)) throw invalidParameter(name, 'It must be a JSON object.');
	return value;
}

export function jsonArray(params: Params, name: string, mandatory = false): Json[] | undefined {
	const raw = mandatory ? required(params, name) : optional(params, name);
	if (raw === undefined) return undefined;
	const value = parseJson(name, raw);
	if (!Array.isArray(value)) throw invalidParameter(name, 'It must be a JSON array.');
	return value;
}

export function nonEmptyString(value: Json | undefined): value is string {
	return typeof value === 'string' && value.trim() !== '';
}

/** Integer from a query string or a JSON number/string field. */
export function intIn(name: string, value: Json | undefined, min: number, max: number): number | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const count =
		typeof value === 'number' ? value : typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : NaN;
	if (!Number.isInteger(count) || count < min || count > max)
		throw invalidParameter(name, `It must be an integer from ${min} to ${max}.`);
	return count;
}

export function oneOf<T extends string>(name: string, value: string | undefined, allowed: readonly T[]): T | undefined {
	if (value === undefined) return undefined;
	if (!(allowed as readonly string[]).includes(value))
		throw invalidParameter(name, `Valid values: ${allowed.join(', ')}.`);
	return value as T;
}

/** UTC ISO 8601 `yyyy-MM-ddTHH:mm:ssZ` (milliseconds tolerated, surrounding spaces trimmed as the docs' own examples have them). */
export function utcTime(name: string, value: Json | undefined): number {
	if (typeof value !== 'string')
		throw invalidParameter(name, 'It must be a UTC time in the yyyy-MM-ddTHH:mm:ssZ format.');
	const text = value.trim();
	const moment = Date.parse(text);
	if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/.test(text) || Number.isNaN(moment)) {
		throw invalidParameter(name, 'It must be a UTC time in the yyyy-MM-ddTHH:mm:ssZ format.');
	}
	return moment;
}

export function optionalUtcTime(params: Params, name: string): number | undefined {
	const raw = optional(params, name);
	return raw === undefined ? undefined : utcTime(name, raw);
}

export function clientToken(params: Params): string | undefined {
	const raw = optional(params, 'ClientToken');
	if (raw === undefined) return undefined;
	if (raw.length > 64 || !/^[\x20-\x7e]+$/.test(raw))
		throw invalidParameter('ClientToken', 'It must be at most 64 printable ASCII characters.');
	return raw;
}

export { ApiError };
