import { createHash, randomUUID } from 'node:crypto';

/** What makes one item's submission unique: where it runs (instance, workflow, execution) and which item it is. */
export interface SubmissionIdentity {
	/** n8n's instance ID. Derived from the encryption key, so copies of one n8n (a restored backup) share it. */
	instanceId: string;
	workflowId: string | undefined;
	executionId: string | undefined;
	/**
	 * Random, made once per execution and node and kept in the node's execution context: what tells apart two copies
	 * of one n8n (same instance ID, same workflows, execution IDs counting up from the same number).
	 */
	executionNonce: string;
	nodeId: string;
	runIndex: number;
	itemIndex: number;
}

/**
 * A ClientToken for one item of one run of a node in one execution. The same execution, node, run and item always
 * give the same token, so when n8n runs the node again ("Retry On Fail" reruns the same run) Alibaba returns the job
 * it already created instead of creating a second one. Every run of a loop (Loop Over Items runs the node once per
 * batch, each time with item 0), every new execution and every other n8n instance running the same workflow gets a
 * new token, and so a new job.
 */
export function clientTokenFor(identity: SubmissionIdentity): string {
	const execution = identity.executionId || randomUUID();
	const parts = [
		identity.instanceId,
		identity.workflowId ?? '',
		execution,
		identity.executionNonce,
		identity.nodeId,
		identity.runIndex,
		identity.itemIndex,
	];
	return createHash('sha256').update(parts.join('\n')).digest('hex').slice(0, 32);
}
