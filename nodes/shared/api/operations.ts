/**
 * Every Alibaba Cloud API action the package calls, with what the transport and the README need to know
 * about it. `idempotent` says whether sending the same request twice is harmless: only those are retried
 * after an error that leaves the outcome unknown (timeout, connection reset, 5xx).
 */
import type { ProductCode } from './products';

export interface ApiOperation {
	product: ProductCode;
	action: string;
	idempotent: boolean;
	documentationUrl: string;
}

const DOCUMENTATION_PATH: Record<ProductCode, string> = {
	ice: 'ims/developer-reference/api-ice-2020-11-09',
	vod: 'vod/developer-reference/api-vod-2017-03-21',
};

function operation(product: ProductCode, action: string, idempotent: boolean): ApiOperation {
	return {
		product,
		action,
		idempotent,
		documentationUrl: `https://www.alibabacloud.com/help/en/${DOCUMENTATION_PATH[product]}-${action.toLowerCase()}`,
	};
}

const ice = (action: string, idempotent: boolean) => operation('ice', action, idempotent);
const vod = (action: string, idempotent: boolean) => operation('vod', action, idempotent);

export const OPERATIONS = {
	// SubmitPackageJob has no client token: a second attempt could create a second job.
	SubmitPackageJob: ice('SubmitPackageJob', false),
	GetPackageJob: ice('GetPackageJob', true),
	ListPackageJobs: ice('ListPackageJobs', true),
	// Submissions carry a ClientToken generated per item, so the service deduplicates a resent request.
	SubmitMediaProducingJob: ice('SubmitMediaProducingJob', true),
	GetMediaProducingJob: ice('GetMediaProducingJob', true),
	ListMediaProducingJobs: ice('ListMediaProducingJobs', true),
	SubmitLiveEditingJob: ice('SubmitLiveEditingJob', false),
	GetLiveEditingJob: ice('GetLiveEditingJob', true),
	SubmitWorkflowJob: vod('SubmitWorkflowJob', false),
	GetJobDetail: vod('GetJobDetail', true),
	// Media assets. RegisterMediaInfo carries a ClientToken per item ("ensures the idempotence of the request",
	// SDK RegisterMediaInfoRequest), so a resent registration returns the asset already registered.
	GetMediaInfo: ice('GetMediaInfo', true),
	RegisterMediaInfo: ice('RegisterMediaInfo', true),
	// Pick-lists (not in the shared contract). Their shapes are those of the official SDK's models in
	// github.com/aliyun/alibabacloud-typescript-sdk (commit 06a71f9), ice-20201109/src/models/:
	// ListTemplatesRequest.ts / ListTemplatesResponseBody.ts (PageNo, PageSize, Keyword, Status → Templates, TotalCount),
	// ListPipelinesRequest.ts / ListPipelinesResponseBody.ts (Speed → PipelineList, no paging),
	// ListEditingProjectsRequest.ts / ListEditingProjectsResponseBody.ts (Keyword, MaxResults, NextToken → ProjectList).
	ListTemplates: ice('ListTemplates', true),
	ListPipelines: ice('ListPipelines', true),
	ListEditingProjects: ice('ListEditingProjects', true),
} satisfies Record<string, ApiOperation>;

/** The RAM action a RAM user needs to call the operation, e.g. `ice:SubmitPackageJob`. */
export function ramAction(operation: ApiOperation): string {
	return `${operation.product}:${operation.action}`;
}
