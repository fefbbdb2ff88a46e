import { requireText } from '../helpers/validation';
import type { JobKind } from '../jobs/jobKinds';
import { JOB_KINDS, readJobQuery } from '../jobs/jobKinds';
import type { ApiRequest } from '../transport/request';
import type { OperationDefinition } from './executeOperation';

/** The whole behaviour of a Get node: read one job by the ID in `field`, output the normalized job. */
export function readJobOperation(kind: JobKind, field: { name: string; label: string }): OperationDefinition {
	return {
		operation: JOB_KINDS[kind].get,
		reads: kind,
		buildRequest: (parameter) => ({
			query: readJobQuery(kind, requireText(parameter(field.name, ''), field.label)) as ApiRequest['query'],
		}),
	};
}
