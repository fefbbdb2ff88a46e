import type { IBinaryData, IExecuteFunctions } from 'n8n-workflow';

import { InvalidFieldError } from '../helpers/validation';

/**
 * The item's file in the binary property, found by n8n's own `assertBinaryData` (whatever the instance's binary
 * mode); when there is none, the error names the field and what the item has instead.
 */
export function binaryOf(context: IExecuteFunctions, itemIndex: number, property: string): IBinaryData {
	let binary: IBinaryData | undefined;
	try {
		binary = context.helpers.assertBinaryData(itemIndex, property);
	} catch {
		binary = undefined;
	}
	if (binary) return binary;
	const present = Object.keys(context.getInputData()[itemIndex]?.binary ?? {});
	throw new InvalidFieldError(
		'Input Binary Field',
		`"${property}" is not a binary property of the item (${present.length ? `it has: ${present.join(', ')}` : 'it has no binary data'})`,
	);
}
