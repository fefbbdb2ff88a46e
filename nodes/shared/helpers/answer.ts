/** Reading Alibaba's answers, whose fields may be absent, of another type than documented, or numbers given as text. */
import type { IDataObject } from 'n8n-workflow';

import { text } from './text';

export function asObject(value: unknown): IDataObject | undefined {
	return value && typeof value === 'object' && !Array.isArray(value) ? (value as IDataObject) : undefined;
}

/** The objects of a list; anything else in it is left out. */
export function asList(value: unknown): IDataObject[] {
	return Array.isArray(value) ? value.map(asObject).filter((entry): entry is IDataObject => entry !== undefined) : [];
}

/** A number Alibaba may give as text ("216.206667", "960"); undefined when absent or not a number. */
export function numberOf(value: unknown): number | undefined {
	const raw = text(value);
	if (raw === undefined) return undefined;
	const number = Number(raw);
	return Number.isFinite(number) ? number : undefined;
}

/** The record without its undefined fields. */
export function withoutEmpty(record: IDataObject): IDataObject {
	return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined));
}
