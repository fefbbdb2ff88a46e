/**
 * What an account has configured beside its jobs, for the pick-lists: IMS templates, MPS queues (pipelines) and
 * online editing projects. Fields as the official SDK's list response models name them (ListTemplatesResponseBody,
 * ListPipelinesResponseBody, ListEditingProjectsResponseBody in ice-20201109/src/models). Tests add entries; every
 * entry is created at the virtual clock's now unless it says otherwise.
 */
import { Clock, isoSeconds } from './clock';
import { newId } from './ids';

export interface CatalogueTemplate {
	TemplateId: string;
	Name: string;
	/** Timeline (regular) or VETemplate (advanced). */
	Type: 'Timeline' | 'VETemplate';
	/** UploadFailed, ProcessFailed, Available, Uploading, Created, Processing. */
	Status: string;
	CreateSource: 'AliyunConsole' | 'WebSDK' | 'OpenAPI';
	createdAt: number;
}

export interface CataloguePipeline {
	PipelineId: string;
	Name: string;
	Speed: 'Boost' | 'Standard' | 'NarrowBandHDV2';
	Status: 'Active' | 'Paused';
	Priority: number;
	createdAt: number;
}

export interface CatalogueProject {
	ProjectId: string;
	Title: string;
	ProjectType: 'EditingProject' | 'LiveEditingProject';
	/** Draft, Editing, Producing, Produced, ProduceFailed. */
	Status: string;
	TemplateType?: 'Timeline' | 'VETemplate' | 'None';
	CreateSource: 'AliyunConsole' | 'WebSDK' | 'OpenAPI';
	createdAt: number;
	/** Insertion order, the tie-breaker for equal creation times. */
	seq: number;
}

export class Catalogue {
	templates: CatalogueTemplate[] = [];
	pipelines: CataloguePipeline[] = [];
	projects: CatalogueProject[] = [];
	private seq = 0;

	constructor(private readonly clock: Clock) {}

	addTemplate(template: Partial<CatalogueTemplate> = {}): CatalogueTemplate {
		const added: CatalogueTemplate = {
			TemplateId: newId(),
			Name: `template-${this.templates.length + 1}`,
			Type: 'Timeline',
			Status: 'Available',
			CreateSource: 'OpenAPI',
			createdAt: this.clock.now(),
			...template,
		};
		this.templates.push(added);
		return added;
	}

	addPipeline(pipeline: Partial<CataloguePipeline> = {}): CataloguePipeline {
		const added: CataloguePipeline = {
			PipelineId: newId(),
			Name: `pipeline-${this.pipelines.length + 1}`,
			Speed: 'Standard',
			Status: 'Active',
			Priority: 6,
			createdAt: this.clock.now(),
			...pipeline,
		};
		this.pipelines.push(added);
		return added;
	}

	addProject(project: Partial<Omit<CatalogueProject, 'seq'>> = {}): CatalogueProject {
		const added: CatalogueProject = {
			ProjectId: newId(),
			Title: `project-${this.projects.length + 1}`,
			ProjectType: 'EditingProject',
			Status: 'Draft',
			TemplateType: 'None',
			CreateSource: 'OpenAPI',
			createdAt: this.clock.now(),
			...project,
			seq: this.seq++,
		};
		this.projects.push(added);
		return added;
	}

	reset(): void {
		this.templates = [];
		this.pipelines = [];
		this.projects = [];
	}
}

export const created = (at: number): string => isoSeconds(at);
