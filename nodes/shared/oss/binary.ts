import type { IBinaryData, INodeExecutionData } from 'n8n-workflow';

import { InvalidFieldError } from '../helpers/validation';

/** The binary property an item must carry; the error names what the item has instead. */
export function binaryOf(item: INodeExecutionData, property: string): IBinaryData {
	const binary = item.binary?.[property];
	if (!binary) {
		const present = Object.keys(item.binary ?? {});
		throw new InvalidFieldError(
			'Input Binary Field',
			`"${property}" is not a binary property of the item (${present.length ? `it has: ${present.join(', ')}` : 'it has no binary data'})`,
		);
	}
	return binary;
}
