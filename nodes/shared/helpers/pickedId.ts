import type { ReadParameter } from '../execution/executeOperation';
import { InvalidFieldError } from './validation';

/**
 * The ID in a pick-list field (descriptions/pickList.ts), read with n8n's `extractValue`: the picked or typed ID, or
 * the one in the address of the "By URL" mode. An address without an ID (from an expression: typed ones are refused
 * by the field itself) is refused naming the field, as every other bad value is.
 */
export function pickedId(parameter: ReadParameter, name: string, field: string): unknown {
	let id: unknown;
	let extracted = true;
	try {
		id = parameter(name, '', { extractValue: true });
	} catch {
		extracted = false;
	}
	if (extracted) return id;
	const raw = parameter(name, '') as { value?: unknown } | undefined;
	throw new InvalidFieldError(
		field,
		`must be an address that contains the 32-character ID, e.g. a console page of it (got "${String(raw?.value).slice(0, 120)}")`,
	);
}
