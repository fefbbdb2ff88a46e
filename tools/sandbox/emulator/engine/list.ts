/** The operation of a declared List action: window, filters, sort, page size and keyset page tokens. */
import { invalidParameter } from '../errors';
import type { Job } from '../jobs';
import { intIn, oneOf, optional, optionalUtcTime } from '../params';
import type { Operation, OperationContext } from '../operations/context';
import type { ListDeclaration } from './format';
import { paginate } from './paging';
import { setAt } from './paths';

const DAY_MS = 24 * 60 * 60 * 1000;

function creationWindow(declaration: ListDeclaration, ctx: OperationContext): (job: Job) => boolean {
	if (!declaration.window) return () => true;
	const { start: startName, end: endName, maxDays } = declaration.window;
	const start = optionalUtcTime(ctx.params, startName);
	const end = optionalUtcTime(ctx.params, endName);
	if (start !== undefined && end !== undefined) {
		if (end < start) throw invalidParameter(endName, `It must not be earlier than ${startName}.`);
		if (maxDays !== undefined && end - start > maxDays * DAY_MS)
			throw invalidParameter(endName, `${startName} and ${endName} can be at most ${maxDays} days apart.`);
	}
	return (job) => (start === undefined || job.createdAt >= start) && (end === undefined || job.createdAt <= end);
}

function direction(declaration: ListDeclaration, ctx: OperationContext): 'asc' | 'desc' {
	const sort = declaration.sort;
	if (!sort) return 'desc';
	const value = oneOf(sort.parameter, optional(ctx.params, sort.parameter), [sort.desc, sort.asc]);
	return value === undefined ? sort.default : value === sort.asc ? 'asc' : 'desc';
}

function pageSize(declaration: ListDeclaration, ctx: OperationContext): number {
	const { parameter, min, max } = declaration.pageSize;
	const size = intIn(parameter, optional(ctx.params, parameter), min, max);
	return size === undefined || size === 0 ? declaration.pageSize.default : size;
}

export function listOperation(declaration: ListDeclaration): Operation {
	return (ctx) => {
		const inWindow = creationWindow(declaration, ctx);
		const filters: Record<string, unknown> = {};
		for (const [name, filter] of Object.entries(declaration.filters))
			filters[name] = filter.read(ctx.params, name, filters);
		const order = direction(declaration, ctx);
		const size = pageSize(declaration, ctx);
		const jobs = ctx.jobs.list(declaration.kinds);
		if (declaration.kinds.length > 1)
			jobs.sort((left, right) => left.createdAt - right.createdAt || left.seq - right.seq);
		const { page, nextToken } = paginate(jobs, {
			direction: order,
			pageSize: size,
			token: optional(ctx.params, declaration.token),
			tokenName: declaration.token,
			matches: (job) =>
				inWindow(job) &&
				Object.entries(declaration.filters).every(
					([name, filter]) => filters[name] === undefined || filter.matches(job, filters[name], ctx),
				),
		});
		const answer: Record<string, unknown> = { ...(declaration.extras?.({ pageSize: size, filters, ctx }) ?? {}) };
		setAt(
			answer,
			declaration.itemsAt,
			page.map((job) => declaration.item(job, ctx)),
		);
		if (nextToken !== undefined) setAt(answer, declaration.tokenAt, nextToken);
		return answer;
	};
}
