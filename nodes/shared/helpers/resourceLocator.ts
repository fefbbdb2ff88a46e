import { InvalidFieldError } from './validation';

/** IMS template, editing project and MPS pipeline IDs are 32 hexadecimal characters. */
const ALIBABA_ID = /(?:^|[^0-9a-f])([0-9a-f]{32})(?![0-9a-f])/i;

/**
 * The value of a pick-list field (an n8n resource locator). The editor saves `{__rl: true, mode, value}`; workflows
 * saved before the field became a pick-list hold the ID as plain text, and an expression may give either. Both
 * give the ID. In the "By URL" mode the value is a page address (e.g. the console's page of the template): the ID
 * is the 32-character hexadecimal ID in it, whatever the rest of the address looks like.
 */
export function locatorValue(value: unknown, field: string): unknown {
	// The field's default, `{mode, value}`, may come without the `__rl` marker.
	if (!(value && typeof value === 'object' && 'value' in value && ('__rl' in value || 'mode' in value))) return value;
	const { mode, value: given } = value as { mode?: unknown; value: unknown };
	if (mode !== 'url' || typeof given !== 'string' || given.trim() === '') return given;
	const id = ALIBABA_ID.exec(given)?.[1];
	if (!id) {
		throw new InvalidFieldError(
			field,
			`must be an address that contains the 32-character ID, e.g. a console page of it (got "${given.slice(0, 120)}")`,
		);
	}
	return id;
}
