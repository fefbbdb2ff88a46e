/**
 * The one home for input validation. Every check is a pure function that either returns the cleaned value or
 * throws InvalidFieldError naming the field as the user sees it; the per-item runner adds the item index and
 * turns it into a NodeOperationError (nodeErrorOf) before any request is sent.
 */
import type { IDataObject, INode, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/** The most User Data (UserData) Alibaba keeps with a job, in UTF-8 bytes. */
export const USER_DATA_MAX_BYTES = 512;

export class InvalidFieldError extends Error {
	constructor(
		readonly field: string,
		readonly problem: string,
	) {
		super(`${field} ${problem}`);
		this.name = 'InvalidFieldError';
	}
}

/**
 * The error a node reports for a check that failed before anything was sent: an InvalidFieldError names the field
 * (and the item, when there is one); anything else is wrapped as it is.
 */
export function nodeErrorOf(node: INode, error: unknown, itemIndex?: number): NodeOperationError {
	if (!(error instanceof InvalidFieldError)) {
		return new NodeOperationError(node, error as Error, itemIndex === undefined ? {} : { itemIndex });
	}
	if (itemIndex === undefined) {
		return new NodeOperationError(node, error.message, {
			description: `Fix the field "${error.field}". Nothing was sent to Alibaba Cloud.`,
		});
	}
	return new NodeOperationError(node, `${error.message} [item ${itemIndex}]`, {
		itemIndex,
		description: `Fix the field "${error.field}" of item ${itemIndex} (or the expression that fills it). Nothing was sent to Alibaba Cloud.`,
	});
}

function describe(value: unknown): string {
	const text = typeof value === 'string' ? value : JSON.stringify(value);
	return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

export function isBlank(value: unknown): boolean {
	return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

export function requireText(value: unknown, field: string): string {
	if (isBlank(value)) throw new InvalidFieldError(field, 'is required but empty');
	if (typeof value !== 'string' && typeof value !== 'number') {
		throw new InvalidFieldError(field, `must be text (got ${describe(value)})`);
	}
	return String(value).trim();
}

export function optionalText(value: unknown, field: string): string | undefined {
	return isBlank(value) ? undefined : requireText(value, field);
}

export function requireOneOf<T extends string>(value: unknown, field: string, allowed: readonly T[]): T {
	const text = requireText(value, field);
	if (!(allowed as readonly string[]).includes(text)) {
		throw new InvalidFieldError(field, `must be one of ${allowed.join(', ')} (got "${describe(text)}")`);
	}
	return text as T;
}

export interface NumberBounds {
	default: number;
	min: number;
	max: number;
}

/** The default and bounds a Number field shows, so the check uses exactly what the user sees. */
export function boundsOf(field: INodeProperties): NumberBounds {
	return {
		default: field.default as number,
		min: field.typeOptions?.minValue ?? Number.NEGATIVE_INFINITY,
		max: field.typeOptions?.maxValue ?? Number.POSITIVE_INFINITY,
	};
}

/**
 * A number within the bounds its field shows (typeOptions minValue / maxValue), typed or from an expression.
 * An empty value is an error, not 0: an empty "Check Every" would otherwise poll in a tight loop.
 */
export function numberInRange(value: unknown, field: string, min: number, max: number): number {
	return checkedNumber(value, field, min, max, 'a number');
}

export function integerInRange(value: unknown, field: string, min: number, max: number): number {
	return checkedNumber(value, field, min, max, 'a whole number');
}

function checkedNumber(value: unknown, field: string, min: number, max: number, kind: string): number {
	if (isBlank(value)) throw new InvalidFieldError(field, `is required but empty (${kind} from ${min} to ${max})`);
	const number = typeof value === 'string' ? Number(value.trim()) : value;
	const whole = kind === 'a whole number';
	if (
		typeof number !== 'number' ||
		!Number.isFinite(number) ||
		(whole && !Number.isInteger(number)) ||
		number < min ||
		number > max
	) {
		throw new InvalidFieldError(field, `must be ${kind} from ${min} to ${max} (got ${describe(value)})`);
	}
	return number;
}

export function optionalIntegerInRange(value: unknown, field: string, min: number, max: number): number | undefined {
	return isBlank(value) ? undefined : integerInRange(value, field, min, max);
}

const OSS_OR_HTTP = /^(oss|https?):\/\/[^\s/]+\/.+$/i;

/** An OSS object as the APIs accept it: `oss://bucket/key` or an http(s) URL of the object. */
export function ossObjectUrl(value: unknown, field: string): string {
	const text = requireText(value, field);
	if (!OSS_OR_HTTP.test(text)) {
		throw new InvalidFieldError(
			field,
			`must be an OSS object as oss://bucket/path/file or an http(s):// URL of the object (got "${describe(text)}")`,
		);
	}
	return text;
}

export function maxUtf8Bytes(value: string, field: string, maxBytes: number): string {
	const bytes = Buffer.byteLength(value, 'utf8');
	if (bytes > maxBytes) {
		throw new InvalidFieldError(field, `must be at most ${maxBytes} bytes (got ${bytes} bytes)`);
	}
	return value;
}

/** Accepts a JSON object given as text (typed in a JSON field) or already parsed (from an expression). */
export function jsonObject(value: unknown, field: string): IDataObject {
	const parsed = typeof value === 'string' ? parseJson(value, field) : value;
	if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
		throw new InvalidFieldError(field, `must be a JSON object like {"key": "value"} (got ${describe(value)})`);
	}
	return parsed as IDataObject;
}

export function optionalJsonObject(value: unknown, field: string): IDataObject | undefined {
	if (isBlank(value)) return undefined;
	const parsed = jsonObject(value, field);
	return Object.keys(parsed).length === 0 ? undefined : parsed;
}

export function jsonArray(value: unknown, field: string): unknown[] {
	const parsed = typeof value === 'string' ? parseJson(value, field) : value;
	if (!Array.isArray(parsed)) {
		throw new InvalidFieldError(field, `must be a JSON array like [{...}] (got ${describe(value)})`);
	}
	return parsed;
}

export function nonEmptyList<T>(values: T[] | undefined, field: string, what: string): T[] {
	if (!values || values.length === 0) throw new InvalidFieldError(field, `needs at least one ${what}`);
	return values;
}

function parseJson(text: string, field: string): unknown {
	let problem: string;
	try {
		return JSON.parse(text);
	} catch (error) {
		problem = (error as Error).message;
	}
	throw new InvalidFieldError(field, `is not valid JSON: ${problem}`);
}

const HTTP_URL = /^https?:\/\/[^\s/?#]+(\/\S*)?$/i;

/** An http(s) URL, e.g. an OSS object URL like https://bucket.oss-cn-shanghai.aliyuncs.com/path/file.mp4. */
export function httpUrl(value: unknown, field: string): string {
	const text = requireText(value, field);
	if (!HTTP_URL.test(text)) {
		throw new InvalidFieldError(field, `must be an http(s):// URL (got "${describe(text)}")`);
	}
	return text;
}

/** Printable ASCII text (inner spaces allowed) of at most maxLength characters, e.g. a ClientToken. */
export function asciiText(value: unknown, field: string, maxLength: number): string {
	const text = requireText(value, field);
	if (!/^[\x20-\x7e]+$/.test(text)) {
		throw new InvalidFieldError(field, `must contain only printable ASCII characters (got "${describe(text)}")`);
	}
	if (text.length > maxLength) {
		throw new InvalidFieldError(field, `must be at most ${maxLength} characters (got ${text.length})`);
	}
	return text;
}

/** A ClientToken is at most 64 printable ASCII characters. */
export const CLIENT_TOKEN_MAX_LENGTH = 64;

/**
 * The ClientToken of one item: the user's own (Options › Client Token), checked, or else the one made for this
 * execution, run and item, so that a resent submission is recognised by Alibaba instead of creating a second job.
 */
export function clientTokenOf(own: unknown, itemToken: string): string {
	return isBlank(own) ? itemToken : asciiText(own, 'Client Token', CLIENT_TOKEN_MAX_LENGTH);
}

const ISO_TIME = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * A point in time as Alibaba's APIs want it: UTC as `yyyy-MM-ddTHH:mm:ssZ`. Fractional seconds (what
 * `{{ $now.toUTC().toISO() }}` gives) are cut to whole seconds; `+00:00` counts as UTC. Any other offset is
 * refused rather than converted: a local time written where UTC was meant is the likelier mistake. A date object
 * from an expression (n8n's DateTime or a JS Date) is an exact instant and is converted to UTC.
 */
export function utcSeconds(value: unknown, field: string): string {
	if (value instanceof Date || typeof (value as { toJSDate?: unknown } | null)?.toJSDate === 'function') {
		const date = value instanceof Date ? value : (value as { toJSDate(): Date }).toJSDate();
		if (Number.isNaN(date.getTime())) throw new InvalidFieldError(field, 'is not a valid date and time');
		return `${date.toISOString().slice(0, 19)}Z`;
	}
	const text = requireText(value, field);
	const match = ISO_TIME.exec(text);
	if (!match) {
		throw new InvalidFieldError(field, `must be a UTC time like 2021-06-21T08:01:00Z (got "${describe(text)}")`);
	}
	if (match[3] !== 'Z' && match[3] !== '+00:00') {
		throw new InvalidFieldError(
			field,
			`must be in UTC, ending in Z (got "${describe(text)}"); in an expression add .toUTC(), e.g. {{ $now.toUTC().toISO() }}`,
		);
	}
	const normalized = `${match[1]}Z`;
	const time = Date.parse(normalized);
	if (Number.isNaN(time) || new Date(time).toISOString().slice(0, 19) !== match[1]) {
		throw new InvalidFieldError(field, `is not a real date and time (got "${describe(text)}")`);
	}
	return normalized;
}

/** A JSON object that must be given (text or parsed); an empty field says "is required but empty". */
export function requiredJsonObject(value: unknown, field: string): IDataObject {
	if (isBlank(value)) throw new InvalidFieldError(field, 'is required but empty');
	return jsonObject(value, field);
}

/** A whole number of at least `min`, for settings whose API states no upper limit. */
export function integerAtLeast(value: unknown, field: string, min: number): number {
	if (isBlank(value)) throw new InvalidFieldError(field, `is required but empty (a whole number of at least ${min})`);
	const number = typeof value === 'string' ? Number(value.trim()) : value;
	if (typeof number !== 'number' || !Number.isSafeInteger(number) || number < min) {
		throw new InvalidFieldError(field, `must be a whole number of at least ${min} (got ${describe(value)})`);
	}
	return number;
}

export function optionalIntegerAtLeast(value: unknown, field: string, min: number): number | undefined {
	return isBlank(value) ? undefined : integerAtLeast(value, field, min);
}

/** true or false, also written as text ("true", "false"). */
export function booleanValue(value: unknown, field: string): boolean {
	if (value === true || value === 'true') return true;
	if (value === false || value === 'false') return false;
	throw new InvalidFieldError(field, `must be true or false (got ${describe(value)})`);
}

/**
 * A JSON object with only the keys a closed structure has (an SDK request model): an unknown key, which the service
 * would refuse, is named. Returns the object as given.
 */
export function knownKeysOnly(object: IDataObject, field: string, known: readonly string[]): IDataObject {
	const unknown = Object.keys(object).find((key) => !known.includes(key));
	if (unknown !== undefined) {
		throw new InvalidFieldError(
			`${field} › ${unknown}`,
			`is not a field the API knows here; it takes ${known.join(', ')}`,
		);
	}
	return object;
}

/**
 * User Data that the API takes as a JSON object (live editing and transcoding jobs' UserData): at most 512 bytes;
 * typed text is sent as typed, an object from an expression as JSON. Undefined when empty.
 */
export function userDataJsonObject(value: unknown, field = 'User Data'): string | undefined {
	if (isBlank(value)) return undefined;
	const text = typeof value === 'string' ? value.trim() : JSON.stringify(value);
	jsonObject(text, field);
	return maxUtf8Bytes(text, field, USER_DATA_MAX_BYTES);
}

/**
 * The structure of JSON an API parameter carries, as the SDK's request model states it: objects list every field
 * they may have (closed), leaves their type and, where stated, their values or range. `label` names an array's items
 * in errors, e.g. "Output" → "Output Group (JSON) › Output 2 › …".
 */
export type JsonShape = { required?: boolean } & (
	| { type: 'string'; enum?: readonly string[] }
	| { type: 'integer'; min?: number; max?: number }
	| { type: 'number' }
	| { type: 'boolean' }
	| { type: 'object'; fields: Record<string, JsonShape> }
	| { type: 'array'; items: JsonShape; label: string; minItems?: number }
);

/**
 * Checks a parsed JSON value against its shape: unknown fields, missing required ones, types (a number where the API
 * wants text is refused: the API takes many numbers as JSON strings), values and ranges. Throws InvalidFieldError
 * naming the place, e.g. `Output Group (JSON) › Output 1 › ProcessConfig › Transcode › TemplateId`.
 */
export function checkJsonShape(value: unknown, shape: JsonShape, field: string): void {
	const wrongType = (wanted: string) => new InvalidFieldError(field, `must be ${wanted} (got ${describe(value)})`);
	switch (shape.type) {
		case 'string':
			if (typeof value !== 'string') {
				throw typeof value === 'number'
					? new InvalidFieldError(field, `must be a JSON string, e.g. "${value}": the API takes this number as text`)
					: wrongType('a JSON string');
			}
			if (shape.enum && !shape.enum.includes(value)) {
				throw new InvalidFieldError(field, `must be one of ${shape.enum.join(', ')} (got "${describe(value)}")`);
			}
			return;
		case 'integer':
			if (!Number.isInteger(value)) throw wrongType('a whole number (a JSON number, not text)');
			if (
				(shape.min !== undefined && (value as number) < shape.min) ||
				(shape.max !== undefined && (value as number) > shape.max)
			) {
				throw new InvalidFieldError(field, `must be a whole number from ${shape.min} to ${shape.max} (got ${value})`);
			}
			return;
		case 'number':
			if (typeof value !== 'number' || !Number.isFinite(value)) throw wrongType('a JSON number');
			return;
		case 'boolean':
			if (typeof value !== 'boolean') throw wrongType('true or false');
			return;
		case 'array':
			if (!Array.isArray(value)) throw wrongType('a JSON array');
			if (value.length < (shape.minItems ?? 0))
				throw new InvalidFieldError(field, `needs at least one ${shape.label.toLowerCase()}`);
			value.forEach((item, position) => checkJsonShape(item, shape.items, `${field} › ${shape.label} ${position + 1}`));
			return;
		case 'object': {
			if (value === null || typeof value !== 'object' || Array.isArray(value)) throw wrongType('a JSON object');
			const record = knownKeysOnly(value as IDataObject, field, Object.keys(shape.fields));
			for (const [key, fieldShape] of Object.entries(shape.fields)) {
				const entry = record[key];
				if (entry === undefined) {
					if (fieldShape.required) throw new InvalidFieldError(`${field} › ${key}`, 'is required but missing');
					continue;
				}
				if (fieldShape.required && typeof entry === 'string' && entry.trim() === '') {
					throw new InvalidFieldError(`${field} › ${key}`, 'is required but empty');
				}
				checkJsonShape(entry, fieldShape, `${field} › ${key}`);
			}
			return;
		}
	}
}
