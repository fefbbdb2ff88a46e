/**
 * The Alibaba Cloud API actions the package calls, described for the transport: the product, whether
 * sending the same request twice is harmless (`idempotent`: only those are retried after an error that leaves the
 * outcome unknown — timeout, connection reset, 5xx), and the per-second quota where Alibaba documents one. The
 * actions of a job kind are declared in its module (shared/jobKinds); the ones here serve no job kind.
 */
import type { ProductCode } from '../../../alibaba/products';

export interface ApiOperation {
	product: ProductCode;
	action: string;
	idempotent: boolean;
	/** Requests per second per account, where Alibaba documents it (api-notes); see transport/pacing.ts otherwise. */
	quotaPerSecond?: number;
}

interface OperationFacts {
	idempotent: boolean;
	quotaPerSecond?: number;
}

function operation(product: ProductCode, action: string, facts: OperationFacts): ApiOperation {
	return { product, action, ...facts };
}

/** An Intelligent Media Services (ICE) action. */
export const ice = (action: string, facts: OperationFacts): ApiOperation => operation('ice', action, facts);
/** An ApsaraVideo VOD action. */
export const vod = (action: string, facts: OperationFacts): ApiOperation => operation('vod', action, facts);

/** A read: calling it twice is harmless. */
export const READ = { idempotent: true } as const;

/**
 * The pick-lists' actions (not in the shared contract). Their shapes are those of the official SDK's models in
 * github.com/aliyun/alibabacloud-typescript-sdk (commit 06a71f9), ice-20201109/src/models/:
 * ListTemplatesRequest.ts / ListTemplatesResponseBody.ts (PageNo, PageSize, Keyword, Status → Templates, TotalCount),
 * ListPipelinesRequest.ts / ListPipelinesResponseBody.ts (Speed → PipelineList, no paging),
 * ListEditingProjectsRequest.ts / ListEditingProjectsResponseBody.ts (Keyword, MaxResults, NextToken → ProjectList).
 */
export const PICK_LIST_OPERATIONS = {
	ListTemplates: ice('ListTemplates', READ),
	ListPipelines: ice('ListPipelines', READ),
	ListEditingProjects: ice('ListEditingProjects', READ),
} satisfies Record<string, ApiOperation>;

/** The RAM action a RAM user needs to call the operation, e.g. `ice:ListTemplates`. */
export function ramAction(operation: ApiOperation): string {
	return `${operation.product}:${operation.action}`;
}
