/**
 * Comparing what was submitted with what a job list shows, for the lost-answer search: JSON text and values compare
 * by content (key order never matters), other text as text.
 */
import type { IDataObject } from 'n8n-workflow';

import { parsedJson } from '../helpers/json';

/** JSON text parsed; other text stays text, so that two different non-JSON values never compare equal. */
export function parsedOrText(value: unknown): unknown {
	return parsedJson(value) ?? value;
}

/** JSON text or value with its keys sorted, so that key order never decides whether two values are the same. */
function canonical(value: unknown): string {
	const sorted = (node: unknown): unknown => {
		if (Array.isArray(node)) return node.map(sorted);
		if (node && typeof node === 'object') {
			const entries = Object.entries(node as IDataObject).sort(([left], [right]) => left.localeCompare(right));
			return Object.fromEntries(entries.map(([key, inner]) => [key, sorted(inner)]));
		}
		return node;
	};
	return JSON.stringify(sorted(parsedOrText(value)) ?? null);
}

export const sameContent = (submitted: unknown, listed: unknown): boolean => canonical(submitted) === canonical(listed);

/** True when nothing was submitted for the field, or the listed job has the same. */
export const sameIfGiven = (submitted: unknown, listed: unknown): boolean =>
	submitted === undefined || sameContent(submitted, listed);

/** Bucket and object key of `oss://bucket/key` or `http(s)://bucket.oss-<region>[-internal].aliyuncs.com/key`. */
function ossObjectOf(url: unknown): string | undefined {
	if (typeof url !== 'string') return undefined;
	const match =
		/^oss:\/\/([^/]+)\/(.+)$/i.exec(url) ?? /^https?:\/\/([^./]+)\.oss-[^/]+\.aliyuncs\.com\/([^?#]+)/i.exec(url);
	if (!match) return undefined;
	try {
		return `${match[1]}/${decodeURIComponent(match[2])}`;
	} catch {
		return `${match[1]}/${match[2]}`;
	}
}

/**
 * Two `{Type, Media}` references (JSON text or values) to the same file or media asset. An OSS object compares by
 * bucket and key, so `oss://bucket/key` submitted matches the http(s) URL a job list may show for it.
 */
export function sameMedia(submitted: unknown, listed: unknown): boolean {
	const [left, right] = [submitted, listed].map((value) => parsedOrText(value) as IDataObject | undefined);
	if (!left || !right || typeof left !== 'object' || typeof right !== 'object' || left.Type !== right.Type)
		return false;
	if (left.Media === right.Media) return true;
	const object = ossObjectOf(left.Media);
	return object !== undefined && object === ossObjectOf(right.Media);
}
