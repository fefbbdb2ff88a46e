import { createHash, randomUUID } from 'node:crypto';

/**
 * A ClientToken for one item of one run of a node in one execution. The same execution, node, run and item
 * always give the same token, so when n8n runs the node again ("Retry On Fail" reruns the same run) Alibaba
 * returns the job it already created instead of creating a second one. Every run of a loop (Loop Over Items runs
 * the node once per batch, each time with item 0) and every new execution gets a new token, and so a new job.
 */
export function clientTokenFor(
	executionId: string | undefined,
	nodeId: string,
	runIndex: number,
	itemIndex: number,
): string {
	const execution = executionId && executionId !== '' ? executionId : randomUUID();
	return createHash('sha256').update(`${execution}\n${nodeId}\n${runIndex}\n${itemIndex}`).digest('hex').slice(0, 32);
}
