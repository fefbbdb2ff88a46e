/**
 * Contract entries for the ICE list operations behind the pick-lists, which the shared contract
 * (../shared/alibaba-api/contract.json) does not have. Written in the contract's own notation from the official
 * SDK models at github.com/aliyun/alibabacloud-typescript-sdk, commit 06a71f93987bc01319e08965323789ddbe23f7f8
 * (the commit the shared contract was read from), ice-20201109/src/models/:
 * - ListTemplatesRequest.ts, ListTemplatesResponseBody.ts
 * - ListPipelinesRequest.ts, ListPipelinesResponseBody.ts
 * - ListEditingProjectsRequest.ts, ListEditingProjectsResponseBody.ts
 * and ice-20201109/src/client.ts (`listTemplatesWithOptions` …: every parameter in the query, RPC, POST /).
 * Names and wire types from `names()`/`types()` (the SDK's `number` taken as integer: page numbers, sizes, counts and a
 * priority), enums from the `@remarks`. Nothing here changes an operation the shared contract has.
 */
import type { FieldNode } from './contractNodes';

const string: FieldNode = { type: 'string' };
const integer: FieldNode = { type: 'integer' };
const query = (node: FieldNode): FieldNode => ({ ...node, location: 'query' });
const oneOf = (...values: string[]): FieldNode => ({ type: 'string', enum: values });
const SOURCES = ['AliyunConsole', 'WebSDK', 'OpenAPI'];
const SORTS = ['CreationTime:Asc', 'CreationTime:Desc'];
const TEMPLATE_STATUSES = ['UploadFailed', 'ProcessFailed', 'Available', 'Uploading', 'Created', 'Processing'];
const object = (fields: Record<string, FieldNode>): FieldNode => ({ type: 'object', fields });

export interface ContractExtension {
	product: 'ICE';
	version: '2020-11-09';
	action: string;
	source: string;
	request: { parameters: Record<string, FieldNode> };
	response: { body: FieldNode };
}

export const CONTRACT_EXTENSIONS: Record<string, ContractExtension> = {
	ListTemplates: {
		product: 'ICE',
		version: '2020-11-09',
		action: 'ListTemplates',
		source: 'ice-20201109/src/models/ListTemplatesRequest.ts, ListTemplatesResponseBody.ts',
		request: {
			parameters: {
				CreateSource: query(oneOf(...SOURCES)),
				Keyword: query(string),
				PageNo: query(integer),
				PageSize: query(integer),
				SortType: query(oneOf(...SORTS)),
				Status: query(oneOf(...TEMPLATE_STATUSES)),
				Type: query(oneOf('Timeline', 'VETemplate')),
			},
		},
		response: {
			body: object({
				RequestId: string,
				TotalCount: integer,
				Templates: {
					type: 'array',
					items: object({
						ClipsParam: string,
						Config: string,
						CoverURL: string,
						CreateSource: oneOf(...SOURCES),
						CreationTime: string,
						ModifiedSource: oneOf(...SOURCES),
						ModifiedTime: string,
						Name: string,
						PreviewMedia: string,
						PreviewMediaStatus: oneOf('PrepareFail', 'Init', 'Normal', 'Preparing'),
						Status: oneOf(...TEMPLATE_STATUSES),
						TemplateId: string,
						Type: oneOf('Timeline', 'VETemplate'),
					}),
				},
			}),
		},
	},
	ListPipelines: {
		product: 'ICE',
		version: '2020-11-09',
		action: 'ListPipelines',
		source: 'ice-20201109/src/models/ListPipelinesRequest.ts, ListPipelinesResponseBody.ts',
		request: { parameters: { Speed: query(oneOf('Boost', 'Standard', 'NarrowBandHDV2')) } },
		response: {
			body: object({
				RequestId: string,
				PipelineList: {
					type: 'array',
					items: object({
						CreateTime: string,
						ModifiedTime: string,
						Name: string,
						PipelineId: string,
						Priority: integer,
						Speed: string,
						Status: oneOf('Active', 'Paused'),
					}),
				},
			}),
		},
	},
	ListEditingProjects: {
		product: 'ICE',
		version: '2020-11-09',
		action: 'ListEditingProjects',
		source: 'ice-20201109/src/models/ListEditingProjectsRequest.ts, ListEditingProjectsResponseBody.ts',
		request: {
			parameters: {
				CreateSource: query(oneOf(...SOURCES)),
				EndTime: query(string),
				Keyword: query(string),
				// A string in the request model; "A maximum of 100 entries can be returned on each page".
				MaxResults: query({ type: 'string' }),
				NextToken: query(string),
				ProjectType: query(oneOf('EditingProject', 'LiveEditingProject')),
				SortBy: query(oneOf(...SORTS)),
				StartTime: query(string),
				Status: query(string),
				TemplateType: query(oneOf('Timeline', 'VETemplate', 'None')),
			},
		},
		response: {
			body: object({
				RequestId: string,
				NextToken: string,
				MaxResults: integer,
				ProjectList: {
					type: 'array',
					items: object({
						BusinessConfig: string,
						BusinessStatus: string,
						CoverURL: string,
						CreateSource: oneOf(...SOURCES),
						CreateTime: string,
						Description: string,
						ErrorCode: string,
						ErrorMessage: string,
						ModifiedSource: oneOf(...SOURCES),
						ModifiedTime: string,
						ProjectId: string,
						ProjectType: oneOf('EditingProject', 'LiveEditingProject'),
						Status: oneOf('Draft', 'Editing', 'Producing', 'Produced', 'ProduceFailed'),
						TemplateType: oneOf('Timeline', 'VETemplate'),
						Title: string,
					}),
				},
			}),
		},
	},
};
