/** A value of an API answer as text: trimmed, or undefined when absent or empty. */
export function text(value: unknown): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	return String(value).trim();
}
