/**
 * Every emulated job family, one declaration file each (README.md, "Job kinds"). Adding a kind: its file, and its
 * family in this list. The job kinds' names (EmulatorJobKind) come from here.
 */
import type { KindDeclaration } from '../engine/format';
import { batchMediaProducing } from './batchMediaProducing';
import { liveEditing } from './liveEditing';
import { mediaAssets } from './mediaAssets';
import { mediaCensor } from './mediaCensor';
import { mediaProducing } from './mediaProducing';
import { packaging } from './packaging';
import { snapshots } from './snapshots';
import { transcoding } from './transcoding';
import { vodWorkflow } from './vodWorkflow';

export const FAMILIES = [
	packaging,
	mediaProducing,
	liveEditing,
	vodWorkflow,
	mediaAssets,
	transcoding,
	snapshots,
	mediaCensor,
	batchMediaProducing,
] as const;

export type EmulatorJobKind = (typeof FAMILIES)[number]['kinds'][number]['name'];

export const KINDS: Readonly<Record<string, KindDeclaration>> = Object.fromEntries(
	FAMILIES.flatMap((family) => family.kinds.map((kind) => [kind.name, kind])),
);

export const EMULATOR_JOB_KINDS = Object.keys(KINDS) as EmulatorJobKind[];

export function kindOf(name: string): KindDeclaration {
	const kind = KINDS[name];
	if (!kind) throw new Error(`unknown job kind ${name}; use one of ${EMULATOR_JOB_KINDS.join(', ')}`);
	return kind;
}
