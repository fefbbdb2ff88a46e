import type { INodeTypeDescription } from 'n8n-workflow';

import type { JobKind } from '../jobs/jobKinds';
import { JOB_KINDS } from '../jobs/jobKinds';
import { getJobOptions, jobIdField } from './common';

/**
 * What every Get node's description has beyond its literal header (which n8n's lint rules read, subtitle included),
 * from its job kind's entry in JOB_KINDS: the Get operation's documentation URL, the ID field and the options.
 */
export function getJobNodeDescription(kind: JobKind): Pick<INodeTypeDescription, 'documentationUrl' | 'properties'> {
	const { get, idField, getNode } = JOB_KINDS[kind];
	return {
		documentationUrl: get.documentationUrl,
		properties: [
			jobIdField({
				name: getNode.parameter,
				label: getNode.label,
				responseField: idField as 'JobId' | 'TaskId',
				submitNode: getNode.submitNode,
				example: getNode.example,
				note: getNode.note,
			}),
			getJobOptions,
		],
	};
}
