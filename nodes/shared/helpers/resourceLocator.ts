/**
 * The value of a pick-list field (an n8n resource locator). The editor saves `{__rl: true, mode, value}`; workflows
 * saved before the field became a pick-list hold the ID as plain text, and an expression may give either. Both
 * give the ID.
 */
export function locatorValue(value: unknown): unknown {
	// The field's default, `{mode, value}`, may come without the `__rl` marker.
	if (value && typeof value === 'object' && 'value' in value && ('__rl' in value || 'mode' in value)) {
		return (value as { value: unknown }).value;
	}
	return value;
}
