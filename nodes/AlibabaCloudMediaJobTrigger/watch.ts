/** What the trigger can watch: every job kind that declares a Watch option, and the lists each one reads. */
import type { INodePropertyOptions } from 'n8n-workflow';

import { JOB_KINDS } from '../shared/jobKinds';
import type { JobSource, SourceFilters, TriggerWatch } from '../shared/jobs/declaration';

const WATCHES: TriggerWatch[] = Object.values(JOB_KINDS).flatMap((kind) =>
	'trigger' in kind ? [kind.trigger as TriggerWatch] : [],
);

export const WATCH_OPTIONS: Array<INodePropertyOptions & { value: string }> = WATCHES.map((watch) => watch.option).sort(
	(left, right) => left.name.localeCompare(right.name),
);
export const WATCH_VALUES = WATCH_OPTIONS.map((option) => option.value);

/** The lists to read for what the user watches. */
export function watchedSources(watch: string[], filters: SourceFilters): JobSource[] {
	return WATCHES.filter((entry) => watch.includes(entry.option.value)).flatMap((entry) => entry.sources(filters));
}

/** The watched job lists in words, e.g. "packaging jobs and production jobs". */
export function watchedLabels(watch: string[]): string {
	return WATCH_OPTIONS.filter((option) => watch.includes(option.value))
		.map((option) => option.name.toLowerCase())
		.join(' and ');
}

/** Every job list the trigger can watch in words, for the node's description: "batch production jobs, … or transcoding jobs". */
export function watchableLabels(): string {
	const names = WATCH_OPTIONS.map((option) => option.name.toLowerCase());
	return `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
}

/** Which Watch options a filter applies to, e.g. "Packaging Jobs" for Pipeline ID. */
export function watchesFilteredBy(filter: TriggerWatch['filters'][number]): string {
	return WATCHES.filter((entry) => entry.filters.includes(filter))
		.map((entry) => entry.option.name)
		.join(', ');
}
