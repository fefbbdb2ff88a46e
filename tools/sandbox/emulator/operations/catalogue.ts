/**
 * ICE list operations behind the pick-lists: ListTemplates, ListPipelines, ListEditingProjects. They are not in the
 * shared contract; parameters, values and response fields follow the official SDK models (ice-20201109/src/models:
 * ListTemplatesRequest/ResponseBody, ListPipelinesRequest/ResponseBody, ListEditingProjectsRequest/ResponseBody), and
 * test/support/contractExtensions.ts holds them for the contract suites. Own choices where the SDK is silent: the
 * default PageSize of ListTemplates (10) and what Keyword matches (ID or title/name, as ListTemplates' remark says).
 */
import { created } from '../catalogue';
import { invalidParameter } from '../errors';
import { intIn, oneOf, optional, optionalUtcTime } from '../params';
import { Operation } from './context';

const SOURCES = ['AliyunConsole', 'WebSDK', 'OpenAPI'] as const;
const TEMPLATE_STATUSES = ['UploadFailed', 'ProcessFailed', 'Available', 'Uploading', 'Created', 'Processing'] as const;
const SORTS = ['CreationTime:Asc', 'CreationTime:Desc'] as const;
const DEFAULT_TEMPLATE_PAGE_SIZE = 10;

const matchesKeyword = (keyword: string | undefined, values: string[]): boolean =>
	keyword === undefined || values.some((value) => value.includes(keyword));

export const listTemplates: Operation = ({ params, catalogue }) => {
	const type = oneOf('Type', optional(params, 'Type'), ['Timeline', 'VETemplate'] as const);
	const status = oneOf('Status', optional(params, 'Status'), TEMPLATE_STATUSES);
	const source = oneOf('CreateSource', optional(params, 'CreateSource'), SOURCES);
	const sort = oneOf('SortType', optional(params, 'SortType'), SORTS) ?? 'CreationTime:Desc';
	const pageNo = intIn('PageNo', optional(params, 'PageNo'), 1, Number.MAX_SAFE_INTEGER) ?? 1;
	const pageSize =
		intIn('PageSize', optional(params, 'PageSize'), 1, Number.MAX_SAFE_INTEGER) ?? DEFAULT_TEMPLATE_PAGE_SIZE;
	const keyword = optional(params, 'Keyword');
	const matching = catalogue.templates
		.map((template, position) => ({ template, position }))
		.filter(
			({ template }) =>
				(type === undefined || template.Type === type) &&
				(status === undefined || template.Status === status) &&
				(source === undefined || template.CreateSource === source) &&
				matchesKeyword(keyword, [template.TemplateId, template.Name]),
		)
		.sort((left, right) => left.template.createdAt - right.template.createdAt || left.position - right.position);
	if (sort === 'CreationTime:Desc') matching.reverse();
	const page = matching.slice((pageNo - 1) * pageSize, pageNo * pageSize);
	return {
		Templates: page.map(({ template }) => ({
			TemplateId: template.TemplateId,
			Name: template.Name,
			Type: template.Type,
			Status: template.Status,
			CreateSource: template.CreateSource,
			ModifiedSource: template.CreateSource,
			CreationTime: created(template.createdAt),
			ModifiedTime: created(template.createdAt),
		})),
		TotalCount: matching.length,
	};
};

export const listPipelines: Operation = ({ params, catalogue }) => {
	const speed = oneOf('Speed', optional(params, 'Speed'), ['Boost', 'Standard', 'NarrowBandHDV2'] as const);
	return {
		PipelineList: catalogue.pipelines
			.filter((pipeline) => speed === undefined || pipeline.Speed === speed)
			.map((pipeline) => ({
				PipelineId: pipeline.PipelineId,
				Name: pipeline.Name,
				Speed: pipeline.Speed,
				Status: pipeline.Status,
				Priority: pipeline.Priority,
				CreateTime: created(pipeline.createdAt),
				ModifiedTime: created(pipeline.createdAt),
			})),
	};
};

/** NextToken: the position of the next project in the sorted, filtered list, base64 (opaque to the client). */
function decodeToken(token: string | undefined): number {
	if (token === undefined) return 0;
	const position = Number(Buffer.from(token, 'base64').toString('utf8').replace(/^p:/, ''));
	if (!Buffer.from(token, 'base64').toString('utf8').startsWith('p:') || !Number.isInteger(position) || position < 0)
		throw invalidParameter('NextToken', 'The token is invalid.');
	return position;
}

const encodeToken = (position: number): string => Buffer.from(`p:${position}`).toString('base64');

export const listEditingProjects: Operation = ({ params, catalogue }) => {
	const projectType = oneOf('ProjectType', optional(params, 'ProjectType'), [
		'EditingProject',
		'LiveEditingProject',
	] as const);
	const templateType = oneOf('TemplateType', optional(params, 'TemplateType'), [
		'Timeline',
		'VETemplate',
		'None',
	] as const);
	const source = oneOf('CreateSource', optional(params, 'CreateSource'), SOURCES);
	const sort = oneOf('SortBy', optional(params, 'SortBy'), SORTS) ?? 'CreationTime:Desc';
	// "A maximum of 100 entries can be returned on each page. Default value: 10."
	const maxResults = intIn('MaxResults', optional(params, 'MaxResults'), 1, 100) ?? 10;
	const start = optionalUtcTime(params, 'StartTime');
	const end = optionalUtcTime(params, 'EndTime');
	const status = optional(params, 'Status');
	const keyword = optional(params, 'Keyword');
	const matching = catalogue.projects
		.filter(
			(project) =>
				(projectType === undefined || project.ProjectType === projectType) &&
				(templateType === undefined || project.TemplateType === templateType) &&
				(source === undefined || project.CreateSource === source) &&
				(status === undefined || project.Status === status) &&
				(start === undefined || project.createdAt >= start) &&
				(end === undefined || project.createdAt <= end) &&
				matchesKeyword(keyword, [project.ProjectId, project.Title]),
		)
		.sort((left, right) => left.createdAt - right.createdAt || left.seq - right.seq);
	if (sort === 'CreationTime:Desc') matching.reverse();
	const from = decodeToken(optional(params, 'NextToken'));
	const page = matching.slice(from, from + maxResults);
	return {
		ProjectList: page.map((project) => ({
			ProjectId: project.ProjectId,
			Title: project.Title,
			ProjectType: project.ProjectType,
			Status: project.Status,
			// The response lists Timeline and VETemplate only: a general editing project (None) has no template type.
			TemplateType: project.TemplateType === 'None' ? undefined : project.TemplateType,
			CreateSource: project.CreateSource,
			ModifiedSource: project.CreateSource,
			CreateTime: created(project.createdAt),
			ModifiedTime: created(project.createdAt),
		})),
		NextToken: from + maxResults < matching.length ? encodeToken(from + maxResults) : undefined,
		MaxResults: maxResults,
	};
};
