/**
 * The pick-lists (resource locators) of Submit Media Producing Job (Template ID, Project ID) and Submit Package Job
 * (Options › Pipeline ID): their listSearch methods called as the editor calls them (n8n's LoadOptionsContext over
 * the loaded node) against the emulator, page by page and filtered; and what the nodes send for each saved form of
 * the value: the editor's `{__rl, mode, value}` and the plain ID text of workflows saved before the field was a list.
 */
import type { IDataObject, INodeListSearchResult } from 'n8n-workflow';

import { listSearch, runWorkflow } from '../../tools/sandbox/engine';
import { TRIGGER, TriggerDriver, triggerWorkflow } from '../../tools/sandbox/workflows/jobTrigger';
import { chain, sandboxCredentials, startingWith } from '../../tools/sandbox/workflows/workflows';
import { requestMisfits } from '../support/contract';
import { suiteEmulators } from '../support/emulators';
import { ITEM, minimal, submit as liveEditingWorkflow, SUBMIT as LIVE } from '../support/liveEditing';
import { submitStep } from '../support/mediaProducing';

const emulators = suiteEmulators({ emulator: {} });
const PRODUCING = 'Submit Media Producing Job';
const PACKAGE = 'Submit Package Job';
const PACKAGE_PARAMETERS = {
	inputs: { input: [{ type: 'OSS', media: 'oss://media-in/in.mp4' }] },
	outputType: 'OSS',
	outputMedia: 'oss://media-out/hls/index.m3u8',
};
const packageStep = (parameters: IDataObject = {}) => ({
	name: PACKAGE,
	type: 'alibabaCloudSubmitPackageJob',
	parameters: { ...PACKAGE_PARAMETERS, ...parameters },
});

function search(
	nodeName: string,
	method: string,
	options: { filter?: string; paginationToken?: string } = {},
): Promise<INodeListSearchResult> {
	const workflow =
		nodeName === LIVE
			? liveEditingWorkflow(minimal())
			: chain(nodeName === PACKAGE ? packageStep() : submitStep({ source: 'template' }));
	return listSearch(workflow, nodeName, method, {
		credentials: sandboxCredentials(emulators.emulator),
		...options,
	});
}

/** Every page of a list, following the pagination tokens as the editor does while scrolling. */
async function allPages(nodeName: string, method: string, filter?: string): Promise<INodeListSearchResult[]> {
	const pages = [await search(nodeName, method, { filter })];
	while (pages.at(-1)?.paginationToken) {
		pages.push(await search(nodeName, method, { filter, paginationToken: pages.at(-1)?.paginationToken }));
	}
	return pages;
}

function requestsFitTheContract(action: string): void {
	const requests = emulators.emulator.requests.filter((request) => request.action === action);
	expect(requests.length).toBeGreaterThan(0);
	expect(requests.flatMap((request) => requestMisfits(action, { query: request.query, form: request.form }))).toEqual(
		[],
	);
}

describe('Template ID pick-list (ListTemplates)', () => {
	it('lists the templates ready for use, newest first, 20 a page, and filters by name or ID', async () => {
		const { catalogue, clock } = emulators.emulator;
		const ready = Array.from({ length: 25 }, (_, index) => {
			clock.advance(1000);
			return catalogue.addTemplate({ Name: `promo ${index}`, Type: index % 2 ? 'VETemplate' : 'Timeline' });
		});
		catalogue.addTemplate({ Name: 'promo processing', Status: 'Processing' });
		const pages = await allPages(PRODUCING, 'searchTemplates');
		expect(pages.map((page) => page.results.length)).toEqual([20, 5]);
		expect(pages.flatMap((page) => page.results.map((result) => result.value))).toEqual(
			[...ready].reverse().map((template) => template.TemplateId),
		);
		expect(pages[0].results[0]).toEqual({ name: 'promo 24 (Timeline)', value: ready[24].TemplateId });

		const filtered = await search(PRODUCING, 'searchTemplates', { filter: 'promo 1' });
		expect(filtered.results.map((result) => result.name).sort()).toEqual(
			['promo 1', ...Array.from({ length: 10 }, (_, index) => `promo 1${index}`)]
				.map((name) => `${name} (${Number(name.split(' ')[1]) % 2 ? 'VETemplate' : 'Timeline'})`)
				.sort(),
		);
		const byId = await search(PRODUCING, 'searchTemplates', { filter: ready[3].TemplateId });
		expect(byId.results.map((result) => result.value)).toEqual([ready[3].TemplateId]);
		requestsFitTheContract('ListTemplates');
	});

	it('an empty account: an empty list without a next page', async () => {
		expect(await search(PRODUCING, 'searchTemplates')).toEqual({ results: [], paginationToken: undefined });
	});
});

describe('Project ID pick-list (ListEditingProjects)', () => {
	it('lists editing projects (not live editing ones) newest first, page by page with NextToken, and filters', async () => {
		const { catalogue, clock } = emulators.emulator;
		const projects = Array.from({ length: 23 }, (_, index) => {
			clock.advance(1000);
			return catalogue.addProject({ Title: `campaign ${index}`, Status: index === 0 ? 'Produced' : 'Draft' });
		});
		catalogue.addProject({ Title: 'campaign live', ProjectType: 'LiveEditingProject' });
		const pages = await allPages(PRODUCING, 'searchEditingProjects');
		expect(pages.map((page) => page.results.length)).toEqual([20, 3]);
		expect(pages.flatMap((page) => page.results.map((result) => result.value))).toEqual(
			[...projects].reverse().map((project) => project.ProjectId),
		);
		expect(pages[1].results.at(-1)).toEqual({ name: 'campaign 0 (Produced)', value: projects[0].ProjectId });
		const filtered = await search(PRODUCING, 'searchEditingProjects', { filter: 'campaign 2' });
		expect(filtered.results.map((result) => result.name)).toEqual([
			'campaign 22 (Draft)',
			'campaign 21 (Draft)',
			'campaign 20 (Draft)',
			'campaign 2 (Draft)',
		]);
		requestsFitTheContract('ListEditingProjects');
	});
});

describe('Live editing Project ID pick-list (ListEditingProjects, ProjectType LiveEditingProject)', () => {
	it('lists only live editing projects', async () => {
		const { catalogue } = emulators.emulator;
		catalogue.addProject({ Title: 'regular' });
		const live = catalogue.addProject({ Title: 'studio highlights', ProjectType: 'LiveEditingProject' });
		expect(await search(LIVE, 'searchLiveEditingProjects')).toEqual({
			results: [{ name: 'studio highlights (Draft)', value: live.ProjectId }],
			paginationToken: undefined,
		});
		const request = emulators.emulator.requests.find((logged) => logged.action === 'ListEditingProjects');
		expect(request?.query.ProjectType).toBe('LiveEditingProject');
		requestsFitTheContract('ListEditingProjects');
	});
});

describe('Pipeline ID pick-list (ListPipelines)', () => {
	it('lists every MPS queue and filters by name or ID (ListPipelines itself has no search or pages)', async () => {
		const { catalogue } = emulators.emulator;
		const standard = catalogue.addPipeline({ Name: 'standard-queue' });
		const boost = catalogue.addPipeline({ Name: 'boost-queue', Speed: 'Boost', Status: 'Paused' });
		const all = await search(PACKAGE, 'searchPipelines');
		expect(all).toEqual({
			results: [
				{ name: 'standard-queue (Standard, Active)', value: standard.PipelineId },
				{ name: 'boost-queue (Boost, Paused)', value: boost.PipelineId },
			],
		});
		expect((await search(PACKAGE, 'searchPipelines', { filter: 'BOOST' })).results).toHaveLength(1);
		expect((await search(PACKAGE, 'searchPipelines', { filter: standard.PipelineId })).results).toEqual([
			{ name: 'standard-queue (Standard, Active)', value: standard.PipelineId },
		]);
		requestsFitTheContract('ListPipelines');
	});
});

describe('saved values: the editor form and the plain ID of older workflows send the same request', () => {
	const rl = (mode: string, value: string) => ({ __rl: true, mode, value });

	async function sent(steps: ReturnType<typeof chain>, action: string): Promise<Record<string, string>> {
		const run = await runWorkflow(steps, {
			credentials: sandboxCredentials(emulators.emulator),
			pinData: startingWith([{ id: 'from-expression' }]),
		});
		expect(run.error).toBeUndefined();
		const request = emulators.emulator.requests.find((logged) => logged.action === action);
		return request?.query ?? {};
	}

	it.each([
		['plain text (saved before the pick-list)', 'tpl-plain', 'tpl-plain'],
		['From List', rl('list', 'tpl-listed'), 'tpl-listed'],
		['By ID', rl('id', 'tpl-typed'), 'tpl-typed'],
		['By ID with an expression', rl('id', '={{ $json.id }}'), 'from-expression'],
		[
			'By URL (the ID read out of the address)',
			rl('url', 'https://ims.console.aliyun.com/template/detail?templateId=ab8Cd3f1e2b94f6a8b7c6d5e4f3a2b1c&x=1'),
			'ab8Cd3f1e2b94f6a8b7c6d5e4f3a2b1c',
		],
	])('Template ID as %s', async (_form, templateId, expected) => {
		const query = await sent(
			chain(submitStep({ source: 'template', templateId, clipsParam: '{"Media0":"m"}' })),
			'SubmitMediaProducingJob',
		);
		expect(query.TemplateId).toBe(expected);
	});

	it.each([
		['plain text (saved before the pick-list)', 'project-plain', 'project-plain'],
		['From List', rl('list', 'project-listed'), 'project-listed'],
	])('Project ID as %s', async (_form, projectId, expected) => {
		const query = await sent(chain(submitStep({ source: 'project', projectId })), 'SubmitMediaProducingJob');
		expect(query.ProjectId).toBe(expected);
	});

	it.each([
		['plain text (saved before the pick-list)', 'live-plain', 'live-plain'],
		['From List', rl('list', 'live-listed'), 'live-listed'],
		['left at its default (no project)', undefined, undefined],
	])('Live editing Project ID as %s', async (_form, projectId, expected) => {
		const run = await runWorkflow(liveEditingWorkflow(minimal(projectId === undefined ? {} : { projectId })), {
			credentials: sandboxCredentials(emulators.emulator),
			pinData: startingWith([ITEM]),
		});
		expect(run.error).toBeUndefined();
		const request = emulators.emulator.requests.find((logged) => logged.action === 'SubmitLiveEditingJob');
		expect(request?.query.ProjectId).toBe(expected);
	});

	it.each([
		['plain text (saved before the pick-list)', 'pipe-plain', 'pipe-plain'],
		['From List', rl('list', 'pipe-listed'), 'pipe-listed'],
		['By ID', rl('id', 'pipe-typed'), 'pipe-typed'],
		[
			'By URL',
			rl('url', 'https://mps.console.aliyun.com/pipeline/0123456789abcdef0123456789abcdef'),
			'0123456789abcdef0123456789abcdef',
		],
	])('Pipeline ID as %s', async (_form, pipelineId, expected) => {
		const query = await sent(chain(packageStep({ options: { pipelineId } })), 'SubmitPackageJob');
		expect(JSON.parse(query.ScheduleConfig)).toEqual({ PipelineId: expected });
	});

	it('By URL without a 32-character ID in the address is refused before sending, naming the field and the item', async () => {
		const page = 'https://ims.console.aliyun.com/template/list';
		const withTemplate = (templateId: string | IDataObject) =>
			chain(submitStep({ source: 'template', templateId, clipsParam: '{}' }));
		const options = { credentials: sandboxCredentials(emulators.emulator), pinData: startingWith([{ page }]) };
		// Typed in: the field's own check, n8n refuses to start the workflow.
		await expect(runWorkflow(withTemplate(rl('url', page)), options)).rejects.toThrow(
			'The address must contain the 32-character ID',
		);
		// From an expression: the node's check.
		const run = await runWorkflow(withTemplate(rl('url', '={{ $json.page }}')), options);
		expect(run.nodeError(PRODUCING)?.message).toBe(
			`Template ID must be an address that contains the 32-character ID, e.g. a console page of it (got "${page}") [item 0]`,
		);
		expect(emulators.emulator.requests).toHaveLength(0);
	});

	it('a pick-list value whose expression gives nothing is refused before sending; an empty optional one is not sent', async () => {
		const run = await runWorkflow(
			chain(submitStep({ source: 'template', templateId: rl('id', '={{ $json.nothing }}'), clipsParam: '{}' })),
			{
				credentials: sandboxCredentials(emulators.emulator),
				pinData: startingWith([{}]),
			},
		);
		expect(run.nodeError(PRODUCING)?.message).toBe('Template ID is required but empty [item 0]');
		expect(emulators.emulator.requests).toHaveLength(0);
		const unset = await runWorkflow(chain(packageStep({ options: { pipelineId: rl('list', '') } })), {
			credentials: sandboxCredentials(emulators.emulator),
			pinData: startingWith([{}]),
		});
		expect(unset.status).toBe('success');
		const request = emulators.emulator.requests.find((logged) => logged.action === 'SubmitPackageJob');
		expect(request?.query.ScheduleConfig).toBeUndefined();
	});
});

describe('Media Job Trigger filters: Pipeline ID and Project ID pick-lists', () => {
	const rl = (mode: string, value: string) => ({ __rl: true, mode, value });
	const credentials = () => sandboxCredentials(emulators.emulator);

	it('lists pipelines, and projects of both kinds (regular and live editing)', async () => {
		const { catalogue } = emulators.emulator;
		const pipeline = catalogue.addPipeline({ Name: 'nightly' });
		const regular = catalogue.addProject({ Title: 'regular' });
		const live = catalogue.addProject({ Title: 'live', ProjectType: 'LiveEditingProject' });
		const workflow = triggerWorkflow({ watch: ['package', 'production'] });
		const pipelines = await listSearch(workflow, TRIGGER, 'searchPipelines', { credentials: credentials() });
		expect(pipelines.results.map((result) => result.value)).toEqual([pipeline.PipelineId]);
		const projects = await listSearch(workflow, TRIGGER, 'searchAllEditingProjects', { credentials: credentials() });
		expect(projects.results.map((result) => result.value).sort()).toEqual([regular.ProjectId, live.ProjectId].sort());
		const request = emulators.emulator.requests.find((logged) => logged.action === 'ListEditingProjects');
		expect(request?.query).not.toHaveProperty('ProjectType');
		requestsFitTheContract('ListEditingProjects');
	});

	it.each([
		['plain text (saved before the pick-list)', 'pipe-A'],
		['From List', rl('list', 'pipe-A')],
	])('Pipeline ID as %s keeps only that pipeline’s packaging jobs', async (_form, pipelineId) => {
		const trigger = new TriggerDriver(
			emulators.emulator,
			triggerWorkflow({ watch: ['package'], outcomes: ['failed', 'succeeded'], options: { pipelineId } }),
		);
		expect(await trigger.poll()).toEqual([]);
		const wanted = emulators.emulator.seedJobs({
			kind: 'package',
			count: 2,
			intervalMs: 1000,
			data: { PipelineId: 'pipe-A' },
		});
		emulators.emulator.seedJobs({ kind: 'package', count: 2, intervalMs: 1000, data: { PipelineId: 'pipe-B' } });
		emulators.emulator.clock.advance(2 * 60_000);
		expect((await trigger.poll()).map((item) => item.jobId).sort()).toEqual([...wanted].sort());
	});

	it.each([
		['plain text (saved before the pick-list)', 'proj-1'],
		['By ID', rl('id', 'proj-1')],
	])('Project ID as %s goes to ListMediaProducingJobs', async (_form, projectId) => {
		const trigger = new TriggerDriver(
			emulators.emulator,
			triggerWorkflow({ watch: ['production'], outcomes: ['failed', 'succeeded'], options: { projectId } }),
		);
		await trigger.poll();
		const lists = emulators.emulator.requests.filter((logged) => logged.action === 'ListMediaProducingJobs');
		expect(lists.length).toBeGreaterThan(0);
		expect(lists.every((logged) => logged.query.ProjectId === 'proj-1')).toBe(true);
	});
});
