/** A node's parameters for a pure `buildRequest`: read by name, dotted paths into collections, as n8n does. */
import type { ReadParameter } from '../../nodes/shared/execution/executeOperation';

export function parameterReader(parameters: Record<string, unknown>): ReadParameter {
	return (name, fallback) => {
		let value: unknown = parameters;
		for (const key of name.split('.')) {
			value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
		}
		return value === undefined ? fallback : value;
	};
}
