/**
 * Every job kind the package knows, one module each. Adding a kind: its module here, its Submit and Get nodes.
 * Everything else (Wait for Completion, the lost-answer search, both triggers, the README check) reads this table.
 */
import type { JobKindDeclaration } from '../jobs/declaration';
import { batchMediaProducingJobs } from './batchMediaProducing';
import { liveEditingJobs } from './liveEditing';
import { mediaAssets } from './mediaAsset';
import { mediaCensorJobs } from './mediaCensor';
import { mediaProducingJobs } from './mediaProducing';
import { packageJobs } from './package';
import { snapshotJobs } from './snapshot';
import { transcodeJobs } from './transcode';
import { vodWorkflowTasks } from './vodWorkflow';

export const JOB_KINDS = {
	package: packageJobs,
	mediaProducing: mediaProducingJobs,
	liveEditing: liveEditingJobs,
	vodWorkflow: vodWorkflowTasks,
	mediaAsset: mediaAssets,
	snapshot: snapshotJobs,
	transcode: transcodeJobs,
	mediaCensor: mediaCensorJobs,
	batchMediaProducing: batchMediaProducingJobs,
} satisfies Record<string, JobKindDeclaration>;

export type JobKind = keyof typeof JOB_KINDS;

export const JOB_KIND_NAMES = Object.keys(JOB_KINDS) as JobKind[];

/** The kind's declaration with its submission, for the kinds a Submit node creates. */
export function submittedKind(kind: JobKind): Required<Pick<JobKindDeclaration, 'submit'>> & JobKindDeclaration {
	const declaration: JobKindDeclaration = JOB_KINDS[kind];
	if (!declaration.submit) throw new Error(`The ${declaration.label} kind declares no submission`);
	return { ...declaration, submit: declaration.submit };
}
