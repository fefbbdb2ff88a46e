/**
 * The Alibaba Cloud wire contract (../shared/alibaba-api/contract.json, outside the repo) as a test oracle:
 * `responseMisfits` for what the emulator answers, `requestMisfits` for what the nodes send.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { DOCUMENTED_REQUEST_EXTRAS, DOCUMENTED_RESPONSE_EXTRAS } from './contractAllowances';
import { CONTRACT_EXTENSIONS } from './contractExtensions';
import { FieldNode, JobStateEntry, limitProblems, Misfit, walk, WalkContext } from './contractNodes';

export type { Misfit } from './contractNodes';

const CONTRACT_DIR = path.resolve(__dirname, '..', '..', '..', 'shared', 'alibaba-api');

interface ContractOperation {
	product: 'ICE' | 'VOD';
	version: string;
	action: string;
	request: { parameters: Record<string, FieldNode> };
	response: { body: FieldNode };
}

interface ContractProduct {
	version: string;
	endpoints: { documented_regions: Record<string, { host: string; vpc_host?: string; sdk_host?: string }> };
}

interface Contract {
	products: Record<'ICE' | 'VOD', ContractProduct>;
	operations: Record<string, ContractOperation>;
	job_states: Record<string, JobStateEntry>;
}

interface RecordedRequest {
	action: string;
	product: 'ICE' | 'VOD';
	version: string;
	query: Record<string, string>;
	body: Record<string, string>;
}

let cached: Contract | undefined;

const contractAvailable = (): boolean => existsSync(path.join(CONTRACT_DIR, 'contract.json'));

export function loadContract(): Contract {
	cached ??= JSON.parse(readFileSync(path.join(CONTRACT_DIR, 'contract.json'), 'utf8')) as Contract;
	return cached;
}

export function officialSdkRequests(): RecordedRequest[] {
	const file = path.join(CONTRACT_DIR, 'official-sdk-requests.json');
	return (JSON.parse(readFileSync(file, 'utf8')) as { requests: RecordedRequest[] }).requests;
}

/**
 * `describe` when the contract is there. Without it the suite is skipped with a message saying so, except under
 * CI=true, where a missing contract is a failure (a CI run must not pass by checking nothing).
 */
export function describeWithContract(name: string, body: () => void): void {
	if (contractAvailable()) return describe(name, body);
	const missing = `the Alibaba API contract is missing: ${path.join(CONTRACT_DIR, 'contract.json')}`;
	if (process.env.CI === 'true') {
		describe(name, () => {
			it('needs the contract', () => {
				throw new Error(`${missing} (CI=true: the contract suites cannot be skipped)`);
			});
		});
		return;
	}
	describe.skip(`${name} [skipped: ${missing}]`, body);
}

function operation(action: string): ContractOperation {
	// The list operations of the pick-lists are not in the shared contract: contractExtensions.ts holds them.
	const op = loadContract().operations[action] ?? CONTRACT_EXTENSIONS[action];
	if (!op) throw new Error(`the contract has no operation ${action}`);
	return op;
}

function context(allowedExtras: Record<string, string>): WalkContext {
	return { jobStates: loadContract().job_states, allowedExtras, misfits: [] };
}

/** Misfits of a successful response body of `action` against the contract's response tree. */
export function responseMisfits(
	action: string,
	body: unknown,
	allowedExtras: Record<string, string> = DOCUMENTED_RESPONSE_EXTRAS,
): Misfit[] {
	const ctx = context(allowedExtras);
	walk(operation(action).response.body, body, `${action}:response:`, ctx);
	return ctx.misfits;
}

/**
 * The contract has no error model; api-notes.md (Errors) gives the body of every failed call. RequestId is the
 * one field both share.
 */
const ERROR_BODY: FieldNode = {
	type: 'object',
	fields: Object.fromEntries(
		['RequestId', 'HostId', 'Code', 'Message', 'Recommend'].map((name) => [name, { type: 'string', required: true }]),
	),
};

export function errorBodyMisfits(action: string, body: unknown): Misfit[] {
	const ctx = context({});
	walk(ERROR_BODY, body, `${action}:error:`, ctx);
	return ctx.misfits;
}

/** Misfits of the parameters of one request (decoded query and form body) against the contract. */
export function requestMisfits(
	action: string,
	request: { query?: Record<string, string>; form?: Record<string, string> },
	allowedExtras: Record<string, string> = DOCUMENTED_REQUEST_EXTRAS,
): Misfit[] {
	const parameters = operation(action).request.parameters;
	const ctx = context(allowedExtras);
	const report = (name: string, problem: string): void =>
		void ctx.misfits.push({ path: `${action}:request:${name}`, problem });
	const sent = { query: request.query ?? {}, body: request.form ?? {} };
	for (const location of ['query', 'body'] as const) {
		for (const [name, text] of Object.entries(sent[location])) {
			const node = parameters[name];
			if (!node) report(name, `not a parameter of ${action} (sent in the ${location})`);
			else if (node.location !== location) report(name, `belongs in the ${node.location}, sent in the ${location}`);
			else checkParameter(node, text, `${action}:request:${name}`, ctx);
		}
	}
	for (const [name, node] of Object.entries(parameters)) {
		if (node.required && sent.query[name] === undefined && sent.body[name] === undefined)
			report(name, 'required parameter missing');
		if (node.max_range_days !== undefined) checkRange(name, node.max_range_days, sent.query, report);
	}
	return ctx.misfits;
}

function checkParameter(node: FieldNode, text: string, at: string, ctx: WalkContext): void {
	const report = (problem: string): void => void ctx.misfits.push({ path: at, problem });
	if (node.type === 'json-string') return walk(node, text, at, ctx);
	if (node.type === 'string') return limitProblems(node, text, ctx).forEach(report);
	if (node.type === 'boolean')
		return text === 'true' || text === 'false' ? undefined : report(`not a boolean: ${text}`);
	const pattern = node.type === 'integer' ? /^-?\d+$/ : /^-?\d+(\.\d+)?$/;
	if (!pattern.test(text)) return report(`not ${node.type === 'integer' ? 'an integer' : 'a number'}: ${text}`);
	limitProblems(node, Number(text), ctx).forEach(report);
}

/** `EndTime` with max_range_days: at most that many days after `StartTime` (ListMediaProducingJobs). */
function checkRange(
	endName: string,
	days: number,
	query: Record<string, string>,
	report: (name: string, problem: string) => void,
): void {
	const startName = endName.replace(/^End/, 'Start');
	const start = Date.parse(query[startName] ?? '');
	const end = Date.parse(query[endName] ?? '');
	if (Number.isNaN(start) || Number.isNaN(end)) return;
	if (end - start > days * 24 * 60 * 60 * 1000) report(endName, `more than ${days} days after ${startName}`);
}
