/**
 * Unauthenticated JSON control API for other processes (e2e tests, the sandbox). Mirrors the
 * in-process handle; see README.md in this folder for the route list.
 */
import { isoSeconds } from './clock';
import { EmulatorControl } from './control';
import { SendOptions } from './callbacks/dispatcher';
import { Fault } from './faults';
import { FailureRule, EmulatorJobKind, SeedOptions, VerdictRule } from './jobs';

export const ADMIN_PREFIX = '/__emulator';

interface AdminAnswer {
	status: number;
	json: unknown;
}

class AdminError extends Error {
	constructor(
		readonly status: number,
		message: string,
	) {
		super(message);
	}
}

function parseBody(body: Buffer): Record<string, unknown> {
	if (body.length === 0) return {};
	try {
		const value = JSON.parse(body.toString('utf8')) as unknown;
		if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
	} catch {
		// fall through
	}
	throw new AdminError(400, 'the body must be a JSON object');
}

const str = (value: unknown, name: string): string => {
	if (typeof value !== 'string' || value === '') throw new AdminError(400, `${name} must be a non-empty string`);
	return value;
};

const optionalStr = (value: unknown, name: string): string | undefined =>
	value === undefined ? undefined : str(value, name);

export async function handleAdmin(
	control: EmulatorControl,
	method: string,
	route: string,
	rawQuery: string,
	rawBody: Buffer,
): Promise<AdminAnswer> {
	try {
		return {
			status: 200,
			json: await route_(
				control,
				method.toUpperCase(),
				route.replace(/\/+$/, '') || '/',
				new URLSearchParams(rawQuery),
				parseBody(rawBody),
			),
		};
	} catch (err) {
		const status = err instanceof AdminError ? err.status : 400;
		return { status, json: { error: err instanceof Error ? err.message : String(err) } };
	}
}

function clockJson(control: EmulatorControl): unknown {
	const { clock } = control.state;
	return { mode: clock.mode, now: isoSeconds(clock.now()), nowMs: clock.now() };
}

function route_(
	control: EmulatorControl,
	method: string,
	route: string,
	query: URLSearchParams,
	body: Record<string, unknown>,
): unknown {
	const { state } = control;
	const key = `${method} ${route}`;
	const jobRoute = /^\/jobs\/([^/]+)(?:\/(fail|finish|cancel|skip))?$/.exec(route);
	switch (key) {
		case 'GET /':
		case 'GET /health':
			return { ok: true, url: control.url(), region: state.region, clock: clockJson(control) };
		case 'GET /clock':
			return clockJson(control);
		case 'POST /clock/advance':
			if (typeof body.ms !== 'number') throw new AdminError(400, 'ms must be a number');
			state.clock.advance(body.ms);
			return clockJson(control);
		case 'POST /clock/set':
			if (typeof body.date !== 'string' && typeof body.date !== 'number')
				throw new AdminError(400, 'date must be an ISO string or ms');
			state.clock.set(body.date);
			return clockJson(control);
		case 'GET /jobs':
			return { jobs: control.listJobs((query.get('kind') ?? undefined) as EmulatorJobKind | undefined) };
		case 'POST /jobs/seed':
			return { jobIds: control.seedJobs(body as unknown as SeedOptions) };
		case 'POST /failure-rules': {
			const rule: FailureRule = {
				kind: body.kind as FailureRule['kind'],
				match: typeof body.matchRegex === 'string' ? new RegExp(body.matchRegex) : (body.match as string | undefined),
				code: optionalStr(body.code, 'code'),
				message: optionalStr(body.message, 'message'),
				times: body.times as number | undefined,
			};
			control.failJobsMatching(rule);
			return { ok: true };
		}
		case 'DELETE /failure-rules':
			control.clearFailureRules();
			return { ok: true };
		case 'POST /verdict-rules': {
			if (typeof body.verdict !== 'object' || body.verdict === null || Array.isArray(body.verdict))
				throw new AdminError(400, 'verdict must be an object');
			const rule: VerdictRule = {
				kind: body.kind as VerdictRule['kind'],
				match: typeof body.matchRegex === 'string' ? new RegExp(body.matchRegex) : (body.match as string | undefined),
				verdict: body.verdict as VerdictRule['verdict'],
				times: body.times as number | undefined,
			};
			control.addVerdictRule(rule);
			return { ok: true };
		}
		case 'DELETE /verdict-rules':
			control.clearVerdictRules();
			return { ok: true };
		case 'POST /faults':
			if (body.type === 'throttle')
				state.faults.throttle({ qps: body.qps as number, action: body.action as string | undefined });
			else state.faults.add(body as unknown as Fault);
			return { ok: true };
		case 'DELETE /faults':
			state.faults.clear();
			return { ok: true };
		case 'GET /requests':
			return { requests: state.requests };
		case 'DELETE /requests':
			control.clearRequests();
			return { ok: true };
		case 'POST /accounts':
			control.addAccount({
				accessKeyId: str(body.accessKeyId, 'accessKeyId'),
				accessKeySecret: str(body.accessKeySecret, 'accessKeySecret'),
				securityToken: body.securityToken as string | undefined,
				securityTokenExpiresAt:
					typeof body.securityTokenExpiresAt === 'string'
						? Date.parse(body.securityTokenExpiresAt)
						: (body.securityTokenExpiresAt as number | undefined),
				allowedActions: body.allowedActions as string[] | undefined,
			});
			return { ok: true };
		case 'POST /reset':
			control.reset();
			return { ok: true };
		case 'POST /callbacks/flush':
			return state.dispatcher.flush().then((sent) => ({ sent }));
		case 'GET /callbacks/deliveries':
			return { deliveries: state.dispatcher.deliveries };
		case 'POST /callbacks/send':
			return state.dispatcher.send(body as unknown as SendOptions);
		case 'POST /callbacks/resend':
			return state.dispatcher.resend(str(body.id, 'id'));
	}
	if (jobRoute) {
		const [, jobId, verb] = jobRoute;
		if (method === 'GET' && !verb) {
			const job = control.getJob(jobId);
			if (!job) throw new AdminError(404, `no job ${jobId}`);
			return job;
		}
		if (method === 'POST' && verb === 'fail')
			return control.failJob(jobId, optionalStr(body.code, 'code'), optionalStr(body.message, 'message'));
		if (method === 'POST' && verb === 'finish') return control.finishJob(jobId);
		if (method === 'POST' && verb === 'cancel') return control.cancelWorkflowTask(jobId);
		if (method === 'POST' && verb === 'skip') return control.skipWorkflowTask(jobId);
	}
	throw new AdminError(404, `no admin route ${method} ${ADMIN_PREFIX}${route}`);
}
