/**
 * Dotted paths into answers, as declarations name places: `PackageJobList.PackageJobs`, and with `[]` for every item
 * of an array, `TranscodeParentJob.TranscodeJobList[]`.
 */

/** Every value the path reaches (none when a step is missing). */
export function valuesAt(root: unknown, path: string): unknown[] {
	let current: unknown[] = [root];
	for (const step of path.split('.')) {
		const name = step.endsWith('[]') ? step.slice(0, -2) : step;
		current = current
			.map((value) =>
				value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[name] : undefined,
			)
			.filter((value) => value !== undefined);
		if (step.endsWith('[]')) current = current.flatMap((value) => (Array.isArray(value) ? value : []));
	}
	return current;
}

/** Sets a value at a path of plain names, creating the objects on the way. */
export function setAt(root: Record<string, unknown>, path: string, value: unknown): void {
	const steps = path.split('.');
	let target = root;
	for (const step of steps.slice(0, -1)) target = (target[step] ??= {}) as Record<string, unknown>;
	target[steps[steps.length - 1]] = value;
}
