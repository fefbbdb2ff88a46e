/** The operations of a declared Submit, Get and read action: parameters checked, then the job made or looked up. */
import { ApiError } from '../errors';
import type { Job } from '../jobs';
import { newId } from '../ids';
import { optional, required } from '../params';
import type { Operation, OperationContext } from '../operations/context';
import type { GetDeclaration, NotFound, ReadDeclaration, SubmitDeclaration } from './format';
import { readParameters } from './parameters';
import { setAt } from './paths';

export function submitOperation(declaration: SubmitDeclaration): Operation {
	return (ctx) => {
		const values = readParameters(ctx.params, declaration.parameters);
		declaration.check?.(values, ctx);
		const kind = typeof declaration.kind === 'string' ? declaration.kind : declaration.kind(values);
		const token = declaration.idempotent ? optional(ctx.params, 'ClientToken') : undefined;
		const earlier = token !== undefined ? ctx.jobs.findByClientToken(kind, token) : undefined;
		if (earlier) return declaration.answer(earlier, ctx);
		const jobId = newId();
		const data = declaration.create(values, { ...ctx, jobId });
		return declaration.answer(ctx.jobs.submit(kind, data, { jobId, clientToken: token }), ctx);
	};
}

/** The job of that ID among `kinds`, or the declared not-found error. */
export function findJob(ctx: OperationContext, jobId: string, kinds: readonly string[], notFound: NotFound): Job {
	const job = ctx.jobs.get(jobId, kinds);
	if (!job)
		throw new ApiError(notFound.status, notFound.code, `The specified ${notFound.noun} "${jobId}" is not found.`);
	return job;
}

export function getOperation(declaration: GetDeclaration): Operation {
	return (ctx) => {
		const jobId = required(ctx.params, declaration.id);
		const values = readParameters(ctx.params, declaration.parameters ?? {});
		declaration.check?.(values);
		const job = findJob(ctx, jobId, declaration.kinds, declaration.notFound);
		const answer: Record<string, unknown> = { ...(declaration.extras?.(values) ?? {}) };
		setAt(answer, declaration.at, declaration.view(job, ctx, values));
		return answer;
	};
}

export function readOperation(declaration: ReadDeclaration): Operation {
	return (ctx) => declaration.run(readParameters(ctx.params, declaration.parameters), ctx);
}
