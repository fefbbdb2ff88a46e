import { createHash, randomUUID } from 'node:crypto';

/**
 * A ClientToken for one item of one execution. The same execution, node and item always give the same token,
 * so when n8n runs the node again ("Retry On Fail") Alibaba returns the job it already created instead of
 * creating a second one; a new execution gets a new token and so a new job.
 */
export function clientTokenFor(executionId: string | undefined, nodeId: string, itemIndex: number): string {
	const execution = executionId && executionId !== '' ? executionId : randomUUID();
	return createHash('sha256').update(`${execution}\n${nodeId}\n${itemIndex}`).digest('hex').slice(0, 32);
}
