/**
 * The search methods behind the pick-list fields (`methods.listSearch`): one page of the resource per call, filtered
 * by what the user types, with the token of the next page. Shapes: see PICK_LIST_OPERATIONS in api/operations.ts.
 */
import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { PICK_LIST_OPERATIONS } from '../api/operations';
import { asList } from '../helpers/answer';
import { text } from '../helpers/text';
import { callApi } from '../transport/request';

/** Entries per page of the paged lists. */
export const PICK_LIST_PAGE_SIZE = 20;

function labelled(name: unknown, id: string, detail: Array<unknown>): string {
	const facts = detail.map((fact) => text(fact)).filter(Boolean);
	return `${text(name) ?? id}${facts.length > 0 ? ` (${facts.join(', ')})` : ''}`;
}

/** IMS templates ready for use (Status Available), newest first, by name or ID (Keyword). */
export async function searchTemplates(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const pageNo = Number(paginationToken ?? '1') || 1;
	const response = await callApi(this, PICK_LIST_OPERATIONS.ListTemplates, {
		query: {
			Status: 'Available',
			Keyword: text(filter),
			PageNo: pageNo,
			PageSize: PICK_LIST_PAGE_SIZE,
			SortType: 'CreationTime:Desc',
		},
	});
	const templates = asList(response.Templates);
	const total = Number(response.TotalCount ?? 0);
	return {
		results: templates.map((template) => ({
			name: labelled(template.Name, String(template.TemplateId), [template.Type]),
			value: String(template.TemplateId),
		})),
		paginationToken: pageNo * PICK_LIST_PAGE_SIZE < total ? String(pageNo + 1) : undefined,
	};
}

/** MPS queues of the account (ListPipelines has no paging or search: filtered here by name or ID). */
export async function searchPipelines(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const response = await callApi(this, PICK_LIST_OPERATIONS.ListPipelines, { query: {} });
	const wanted = text(filter)?.toLowerCase();
	const pipelines = asList(response.PipelineList).filter(
		(pipeline) =>
			wanted === undefined ||
			[pipeline.Name, pipeline.PipelineId].some((value) =>
				String(value ?? '')
					.toLowerCase()
					.includes(wanted),
			),
	);
	return {
		results: pipelines.map((pipeline) => ({
			name: labelled(pipeline.Name, String(pipeline.PipelineId), [pipeline.Speed, pipeline.Status]),
			value: String(pipeline.PipelineId),
		})),
	};
}

type ProjectType = 'EditingProject' | 'LiveEditingProject';

/** Editing projects (of one type, or of both), newest first, by Keyword. */
async function searchProjects(
	context: ILoadOptionsFunctions,
	projectType: ProjectType | undefined,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const response = await callApi(context, PICK_LIST_OPERATIONS.ListEditingProjects, {
		query: {
			ProjectType: projectType,
			Keyword: text(filter),
			MaxResults: String(PICK_LIST_PAGE_SIZE),
			NextToken: text(paginationToken),
			SortBy: 'CreationTime:Desc',
		},
	});
	return {
		results: asList(response.ProjectList).map((project) => ({
			name: labelled(project.Title, String(project.ProjectId), [project.Status]),
			value: String(project.ProjectId),
		})),
		paginationToken: text(response.NextToken),
	};
}

/** Online editing projects (not live editing ones), for Submit Media Producing Job. */
export async function searchEditingProjects(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchProjects(this, 'EditingProject', filter, paginationToken);
}

/** Live editing projects, for Submit Live Editing Job. */
export async function searchLiveEditingProjects(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchProjects(this, 'LiveEditingProject', filter, paginationToken);
}

/** Projects of both types, for the trigger's filter (production jobs of regular and live editing projects). */
export async function searchAllEditingProjects(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchProjects(this, undefined, filter, paginationToken);
}
