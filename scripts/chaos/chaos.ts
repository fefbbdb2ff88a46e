/**
 * Chaos run: many submissions through n8n's real engine against the local emulator, with faults on one
 * submission request in five, then a count of what the emulator really created against what the nodes output.
 *
 * Reuses three things from test/ (there is no other engine runner or emulator in the package): the emulator,
 * the n8n harness, and the Submit node set-up shared with the semantics matrix.
 */
import { createRequire } from 'node:module';

import type { IDataObject } from 'n8n-workflow';
import { LoggerProxy } from 'n8n-workflow';

import { startEmulator } from '../../tools/sandbox/emulator';
import type { Emulator } from '../../tools/sandbox/emulator';
import type { Fault } from '../../tools/sandbox/emulator/faults';
import { callSdk, sdk } from '../../tools/sandbox/emulator/sdkClient';
import { runWorkflow } from '../../tools/sandbox/engine';
import type { SubmitNodeCase } from '../../tools/sandbox/workflows/submitNodes';
import {
	SUBMIT,
	SUBMIT_NODES,
	direct,
	faultSubmissions,
	jobIdOf,
	jobsPerMarker,
	markedItems,
	markerOf,
} from '../../tools/sandbox/workflows/submitNodes';
import { sandboxCredentials, startingWith } from '../../tools/sandbox/workflows/workflows';
import { JOB_KINDS } from '../../nodes/shared/jobKinds';
import type { JobKindDeclaration } from '../../nodes/shared/jobs/declaration';

interface ChaosOptions {
	/** Submissions in all, split evenly over the Submit nodes. */
	total: number;
	/** Items per execution. */
	batchSize?: number;
}

interface NodeFigures {
	node: string;
	items: number;
	faultsInjected: number;
	jobsCreated: number;
	itemsWithJobId: number;
	itemsUnknown: number;
	itemsRejected: number;
	lost: number;
	duplicates: number;
	wrongJobId: number;
	/** Answers lost, settled by the node itself from the job list: found, or shown not to exist. */
	settledFound: number;
	settledNotCreated: number;
	unknownFound: number;
	unknownNotCreated: number;
	unknownUnresolved: number;
}

interface ChaosReport {
	figures: NodeFigures[];
	secretsFound: number;
	scanned: { outputItems: number; logLines: number };
	durationMs: number;
}

const TIMEOUT_SECONDS = 1;
/** One request in five gets a fault, the five kinds in turn. */
const FAULTS: Fault[] = [
	{ type: 'error', status: 503 },
	{ type: 'error', status: 500, afterEffect: true },
	{ type: 'reset', afterEffect: true },
	{ type: 'error', status: 400, code: 'Throttling.User' },
	{ type: 'delay', ms: TIMEOUT_SECONDS * 1000 + 500 },
];

function faultFor(count: number): Fault | undefined {
	return count % 5 === 0 ? FAULTS[(count / 5) % FAULTS.length] : undefined;
}

function captureLogs(lines: string[]): void {
	const record = (level: string) => (message: string, meta?: unknown) =>
		lines.push(`${level} ${message} ${meta === undefined ? '' : JSON.stringify(meta)}`);
	const logger = {
		error: record('error'),
		warn: record('warn'),
		info: record('info'),
		debug: record('debug'),
		scoped: () => logger,
	};
	// n8n-core keeps its own copies of @n8n/di and @n8n/backend-common: `context.logger` comes from those.
	const fromCore = createRequire(require.resolve('n8n-core'));
	const { Container } = fromCore('@n8n/di') as { Container: { set(type: unknown, value: unknown): void } };
	const { Logger } = fromCore('@n8n/backend-common') as { Logger: unknown };
	Container.set(Logger, logger);
	LoggerProxy.init(logger as never);
}

/**
 * Looks an unknown submission up the way a user could: its kind's job list (the one its declaration names) over the
 * run's creation-time window, matched on its marker. Kinds without a list (VOD workflow tasks) stay unresolved.
 */
async function lookUp(emulator: Emulator, node: SubmitNodeCase, marker: string, sinceMs: number, untilMs: number) {
	const source = (JOB_KINDS[node.jobKind] as JobKindDeclaration).list;
	if (!source) return 'unresolved' as const;
	const client = sdk(emulator, emulator.stsCredentials);
	const window = { start: Math.floor(sinceMs / 1000), end: Math.ceil(untilMs / 1000), ascending: true };
	const found: IDataObject[] = [];
	let token: string | undefined;
	do {
		const query = Object.entries(source.query(window, { jobTypes: [] }, token)).filter(
			(entry): entry is [string, string | number] => entry[1] !== undefined,
		);
		const response = await callSdk(
			client,
			source.operation.action,
			Object.fromEntries(query.map(([key, value]) => [key, String(value)])),
		);
		const page = source.page(response as IDataObject);
		found.push(...page.jobs.filter((job) => JSON.stringify(job).includes(marker)));
		token = page.nextToken;
	} while (token);
	return found.length > 0 ? ('found' as const) : ('notCreated' as const);
}

export async function runChaos(options: ChaosOptions): Promise<ChaosReport> {
	const started = Date.now();
	const batchSize = options.batchSize ?? 50;
	const logLines: string[] = [];
	captureLogs(logLines);
	const emulator = await startEmulator();
	const sts = emulator.stsCredentials;
	const credentials = sandboxCredentials(emulator, { ...sts });
	const texts: string[] = [];
	const figures: NodeFigures[] = [];
	try {
		// The total spread over the nodes, the first ones taking one more when it does not divide evenly.
		const share = (position: number) =>
			Math.floor(options.total / SUBMIT_NODES.length) + (position < options.total % SUBMIT_NODES.length ? 1 : 0);
		let firstMarker = 0;
		for (const [position, node] of SUBMIT_NODES.entries()) {
			let faultsInjected = 0;
			const restore = faultSubmissions(emulator, node.action, (count) => {
				const fault = faultFor(count);
				if (fault) faultsInjected++;
				return fault;
			});
			const items = markedItems(share(position), firstMarker);
			firstMarker += items.length;
			const outputs = new Map<string, IDataObject>();
			const sinceMs = emulator.clock.now() - 60_000;
			const workflow = direct(
				node,
				{ retryOnFail: true, maxTries: 2, waitBetweenTries: 10, onError: 'continueRegularOutput' },
				{ options: { ...(node.parameters.options as IDataObject), timeout: TIMEOUT_SECONDS } },
			);
			for (let first = 0; first < items.length; first += batchSize) {
				const batch = items.slice(first, first + batchSize);
				const run = await runWorkflow(workflow, { credentials, pinData: startingWith(batch) });
				for (const item of run.items(SUBMIT)) {
					const input = batch[(item.pairedItem as { item: number }).item];
					outputs.set(input.marker as string, item.json);
					texts.push(JSON.stringify(item.json));
				}
				if (run.error) texts.push(JSON.stringify(run.error));
			}
			restore();
			// A slow answer is processed after the node gave up on it: let it land before counting.
			await new Promise((resolve) => setTimeout(resolve, FAULTS[4].type === 'delay' ? FAULTS[4].ms + 500 : 0));
			const untilMs = emulator.clock.now() + 60_000;

			const jobs = jobsPerMarker(emulator, node.kind);
			const figure: NodeFigures = {
				node: node.label,
				items: items.length,
				faultsInjected,
				jobsCreated: [...jobs.values()].reduce((sum, list) => sum + list.length, 0),
				itemsWithJobId: 0,
				itemsUnknown: 0,
				itemsRejected: 0,
				lost: 0,
				duplicates: 0,
				wrongJobId: 0,
				settledFound: 0,
				settledNotCreated: 0,
				unknownFound: 0,
				unknownNotCreated: 0,
				unknownUnresolved: 0,
			};
			for (const item of items) {
				const marker = item.marker as string;
				const output = outputs.get(marker) ?? {};
				const created = jobs.get(marker) ?? [];
				const jobId = jobIdOf(output);
				const outcome = (output.details as IDataObject | undefined)?.outcome;
				if (jobId) figure.itemsWithJobId++;
				if (outcome === 'unknown') figure.itemsUnknown++;
				if (outcome === 'rejected') figure.itemsRejected++;
				if (output.lostAnswer) figure.settledFound++;
				const description = String((output.details as IDataObject | undefined)?.description ?? '');
				if (outcome === 'rejected' && description.includes('no such job exists')) figure.settledNotCreated++;
				if (created.length > 1) figure.duplicates++;
				if (created.length > 0 && !jobId && outcome !== 'unknown') figure.lost++;
				if (jobId && !created.some((job) => job.jobId === jobId)) figure.wrongJobId++;
				if (outcome === 'unknown') {
					const resolution = await lookUp(emulator, node, marker, sinceMs, untilMs);
					if (resolution === 'found') figure.unknownFound++;
					else if (resolution === 'notCreated') figure.unknownNotCreated++;
					else figure.unknownUnresolved++;
				}
			}
			const unmarked = emulator.jobs.list(node.kind).filter((job) => markerOf(job) === undefined).length;
			figure.lost += unmarked;
			figures.push(figure);
		}
	} finally {
		await emulator.stop();
	}
	const haystack = [...texts, ...logLines];
	const secretsFound = haystack.filter(
		(text) => text.includes(sts.accessKeySecret) || text.includes(sts.securityToken),
	).length;
	return {
		figures,
		secretsFound,
		scanned: { outputItems: texts.length, logLines: logLines.length },
		durationMs: Date.now() - started,
	};
}
