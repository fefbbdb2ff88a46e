/** ScheduleConfig (SDK request models): the MPS queue and, where the model has it, the priority. */
import { Field, field } from '../../engine/schema';

/** `priority`: the range the contract states (1–10), `'unbounded'` where it states none, `false` without Priority. */
export function scheduleConfig(priority: { min: number; max: number } | 'unbounded' | false): Field {
	const fields: Record<string, Field> = { PipelineId: field.string() };
	if (priority) fields.Priority = field.integer(priority === 'unbounded' ? {} : priority);
	return field.object(fields);
}

/** The pipeline of a parsed ScheduleConfig. */
export const pipelineOf = (schedule: unknown): string | undefined =>
	typeof (schedule as { PipelineId?: unknown })?.PipelineId === 'string'
		? (schedule as { PipelineId: string }).PipelineId
		: undefined;
