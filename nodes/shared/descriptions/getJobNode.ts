import type { INodeTypeDescription } from 'n8n-workflow';

import type { JobKind } from '../jobKinds';
import { JOB_KINDS } from '../jobKinds';
import type { JobKindDeclaration } from '../jobs/declaration';
import { getJobOptions, jobIdField } from './common';

/**
 * What every Get node's description has beyond its literal header (which n8n's lint rules read, subtitle and
 * documentation page included), from its job kind's declaration: the ID field and the options.
 */
export function getJobNodeDescription(kind: JobKind): Pick<INodeTypeDescription, 'properties'> {
	const { idField, getNode }: JobKindDeclaration = JOB_KINDS[kind];
	return {
		properties: [
			jobIdField({
				name: getNode.parameter,
				label: getNode.label,
				responseField: idField,
				submitNode: getNode.submitNode,
				example: getNode.example,
				note: getNode.note,
			}),
			getJobOptions,
		],
	};
}
