import type { IDataObject, INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeApiError, NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { ALIBABA_CLOUD_CREDENTIALS, timeoutOption } from '../shared/descriptions/common';
import { nodeDocumentationUrl } from '../shared/descriptions/documentation';
import { pickListField } from '../shared/descriptions/pickList';
import { inFlight } from '../shared/helpers/inFlight';
import { DAY_SECONDS } from '../shared/helpers/time';
import { nodeErrorOf } from '../shared/helpers/validation';
import type { JobKind } from '../shared/jobKinds';
import { JOB_KINDS } from '../shared/jobKinds';
import { PRODUCTION_JOB_TYPES } from '../shared/jobKinds/mediaProducing';
import type { JobSource, ListWindow } from '../shared/jobs/declaration';
import { epochSeconds } from '../shared/jobs/lists';
import { scanJobs } from '../shared/jobs/scanJobs';
import { withFinishedRead } from '../shared/jobs/finishedRead';
import { readJobQuery, summarizeJob } from '../shared/jobs/summary';
import { searchAllEditingProjects, searchPipelines } from '../shared/listSearch/pickLists';
import { callApi } from '../shared/transport/request';
import { claimPoll } from './pollClaim';
import type { TriggerSettings } from './settings';
import { MAX_LOOK_BACK_HOURS, readSettings } from './settings';
import type { ObservedJob, SourceState, TriggerState } from './state';
import { advanceState, baselineState, readState, scanWindow, STATE_VERSION, writeState } from './state';
import { WATCH_OPTIONS, watchableLabels, watchedLabels, watchedSources, watchesFilteredBy } from './watch';

/** "Fetch test event" reads at most this many pages (of 100) per job list to find a sample. */
const SAMPLE_PAGES = 3;
/** Emitted jobs read at once with their Get call; the pace of the action keeps them within Alibaba's quota. */
const READS_IN_FLIGHT = 10;

function settingsOf(context: IPollFunctions): TriggerSettings {
	try {
		return readSettings((name, fallback, options) => context.getNodeParameter(name, fallback, options));
	} catch (error) {
		throw nodeErrorOf(context.getNode(), error);
	}
}

const kindOf = (source: JobSource): JobKind => source.kind as JobKind;

/** One emitted item: the normalized job fields, what the list adds (the production JobType), Alibaba's job as is. */
function jobItem(source: JobSource, job: IDataObject): IDataObject {
	return { ...summarizeJob(kindOf(source), job), ...source.itemFields, job };
}

/**
 * The job as its Get operation returns it, for lists whose items lack fields (packaging jobs' OutputUrl).
 * A job the Get no longer finds is emitted as listed; any other failure fails the poll, which leaves the saved
 * state as it was, so the job is emitted by the next poll instead of being lost.
 */
async function completeJob(
	context: IPollFunctions,
	source: JobSource,
	job: IDataObject,
	timeoutMs: number,
): Promise<IDataObject> {
	if (!source.readEmittedJobs) return job;
	const { get } = JOB_KINDS[kindOf(source)];
	const query = readJobQuery(kindOf(source), summarizeJob(kindOf(source), job).jobId) as Record<string, string>;
	try {
		const response = await callApi(context, get.operation, { query }, { timeoutMs });
		return (response[get.responseKey] as IDataObject | undefined) ?? job;
	} catch (error) {
		if (error instanceof NodeApiError && error.context.code === 'ResourceNotFound') return job;
		throw error instanceof NodeApiError ? error : new NodeOperationError(context.getNode(), error as Error);
	}
}

function observe(source: JobSource, job: IDataObject, settings: TriggerSettings): ObservedJob {
	const summary = summarizeJob(kindOf(source), job);
	return {
		id: summary.jobId,
		createdAt: epochSeconds(summary.createdAt),
		finished: summary.finished,
		matches: summary.jobId !== '' && source.matches(job, settings.filters),
	};
}

function finishedTime(item: IDataObject): number {
	const ms = Date.parse(String(item.finishedAt ?? item.createdAt ?? ''));
	return Number.isNaN(ms) ? 0 : ms;
}

function localNowSeconds(): number {
	return Math.floor(Date.now() / 1000);
}

/**
 * Activation (or new API filters): read the jobs created within the look-back window, newest first, and
 * remember them without emitting anything. Packaging jobs are read without a time filter and the scan stops
 * once past the look-back window measured from the newest CreateTime; production jobs need a window of at
 * most 30 days, taken around n8n's clock with a day of margin on each side. A list in no known order (moderation
 * jobs) is read over that window to its end: stopping at the first old page could miss newer jobs after it.
 */
async function activate(
	context: IPollFunctions,
	source: JobSource,
	settings: TriggerSettings,
	scope: string,
): Promise<SourceState> {
	let window: ListWindow = { ascending: false };
	if (source.maxWindowSeconds !== undefined || source.unordered) {
		const end = localNowSeconds() + DAY_SECONDS;
		window = { start: end - settings.lookBackSeconds - 2 * DAY_SECONDS, end, ascending: false };
	}
	let newestCreated: number | undefined;
	const jobs = await scanJobs(context, source, settings.filters, window, {
		timeoutMs: settings.timeoutMs,
		stopAfter: source.unordered
			? undefined
			: (page) => {
					newestCreated ??= epochSeconds(summarizeJob(kindOf(source), page[0]).createdAt);
					const oldest = epochSeconds(summarizeJob(kindOf(source), page[page.length - 1]).createdAt);
					return (
						newestCreated !== undefined && oldest !== undefined && oldest < newestCreated - settings.lookBackSeconds
					);
				},
	});
	const observed = jobs.map((job) => observe(source, job, settings));
	return baselineState(scope, observed, settings.lookBackSeconds, window.start);
}

/** "Fetch test event": the most recently finished job that the trigger would emit; the state is not touched. */
async function sample(context: IPollFunctions, settings: TriggerSettings): Promise<INodeExecutionData[][]> {
	const candidates: Array<{ source: JobSource; job: IDataObject }> = [];
	for (const source of watchedSources(settings.sources, settings.filters)) {
		let window: ListWindow = { ascending: false };
		const end = localNowSeconds() + DAY_SECONDS;
		if (source.maxWindowSeconds !== undefined) {
			window = { start: end - source.maxWindowSeconds + 1, end, ascending: false };
		} else if (source.unordered) {
			// In no known order, the first pages are not the newest: look only where the look-back window reaches.
			window = { start: end - settings.lookBackSeconds - 2 * DAY_SECONDS, end, ascending: false };
		}
		const wanted = (job: IDataObject) => {
			const summary = summarizeJob(kindOf(source), job);
			return summary.finished && settings.outcomes.includes(summary.status) && observe(source, job, settings).matches;
		};
		const jobs = await scanJobs(context, source, settings.filters, window, {
			timeoutMs: settings.timeoutMs,
			maxPages: SAMPLE_PAGES,
			stopAfter: source.unordered ? undefined : (page) => page.some(wanted),
		});
		candidates.push(...jobs.filter(wanted).map((job) => ({ source, job })));
	}
	if (candidates.length === 0) {
		const watched = watchedLabels(settings.sources);
		throw new NodeOperationError(context.getNode(), 'No finished job matches the trigger’s settings yet', {
			description: `Looked at the ${SAMPLE_PAGES * 100} most recent ${watched} for one that ${settings.outcomes.join(' or ')} and passes the filters. Run a job, or widen Watch, Outcomes or the options, and fetch again. Once the workflow is active, every job that finishes from then on is emitted.`,
		});
	}
	const newest = (candidate: (typeof candidates)[number]) => finishedTime(jobItem(candidate.source, candidate.job));
	candidates.sort((left, right) => newest(right) - newest(left));
	const [{ source, job }] = candidates;
	const item = jobItem(source, await completeJob(context, source, job, settings.timeoutMs));
	return [[{ json: await withFinishedRead(context, kindOf(source), item, { timeoutMs: settings.timeoutMs }) }]];
}

/**
 * Reads the emitted jobs whose list items lack fields, several at once (the pace keeps them within the quota). Any
 * failure fails the poll after the reads in flight have ended, so no job is emitted from half a set of reads.
 */
async function completeJobs(
	context: IPollFunctions,
	finished: Array<{ source: JobSource; job: IDataObject }>,
	timeoutMs: number,
): Promise<IDataObject[]> {
	const items: IDataObject[] = [];
	let failure: unknown;
	await inFlight(finished.length, READS_IN_FLIGHT, async (index) => {
		const { source, job } = finished[index];
		try {
			const item = jobItem(source, await completeJob(context, source, job, timeoutMs));
			items[index] = await withFinishedRead(context, kindOf(source), item, { timeoutMs });
		} catch (error) {
			failure ??= error;
			return 'stop';
		}
		return undefined;
	});
	if (failure !== undefined) throw failure;
	return items;
}

/**
 * One poll of an active workflow: every watched list is scanned and the jobs that finished since the last poll are
 * emitted. Everything is read and computed before the saved state is touched: n8n keeps static data in memory even
 * when a poll fails, so a half-updated state would lose or repeat jobs on the next poll.
 */
async function pollLists(
	context: IPollFunctions,
	settings: TriggerSettings,
	staticData: IDataObject,
): Promise<INodeExecutionData[][] | null> {
	const previous = readState(staticData);
	const next: TriggerState = { version: STATE_VERSION, sources: {} };
	const finished: Array<{ source: JobSource; job: IDataObject }> = [];
	for (const source of watchedSources(settings.sources, settings.filters)) {
		const scope = source.scope(settings.filters);
		const known = previous.sources[source.key];
		if (!known || known.scope !== scope) {
			next.sources[source.key] = await activate(context, source, settings, scope);
			continue;
		}
		const window = scanWindow(known, source.maxWindowSeconds);
		const jobs = await scanJobs(context, source, settings.filters, window, { timeoutMs: settings.timeoutMs });
		const byId = new Map<string, IDataObject>();
		for (const job of jobs) byId.set(summarizeJob(kindOf(source), job).jobId, job);
		const observed = jobs.map((job) => observe(source, job, settings));
		const { state, finished: finishedIds } = advanceState(
			known,
			window,
			observed,
			settings.lookBackSeconds,
			localNowSeconds(),
		);
		next.sources[source.key] = state;
		for (const jobId of finishedIds) {
			const listed = byId.get(jobId) as IDataObject;
			if (settings.outcomes.includes(summarizeJob(kindOf(source), listed).status))
				finished.push({ source, job: listed });
		}
	}
	const items = await completeJobs(context, finished, settings.timeoutMs);
	writeState(staticData, next);

	if (items.length === 0) return null;
	items.sort((left, right) => finishedTime(left) - finishedTime(right));
	return [items.map((json) => ({ json }))];
}

export class AlibabaCloudMediaJobTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Alibaba Cloud Media Job Trigger',
		name: 'alibabaCloudMediaJobTrigger',
		icon: { light: 'file:../../icons/alibabaCloud.svg', dark: 'file:../../icons/alibabaCloud.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{"when " + [].concat($parameter["outcomes"] || []).join(" or ")}}',
		description: `Starts the workflow when an Alibaba Cloud Intelligent Media Services job finishes (${watchableLabels()}), with its status, outputs, and error code and message.`,
		documentationUrl: nodeDocumentationUrl('media-job-trigger'),
		defaults: { name: 'Media Job Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: ALIBABA_CLOUD_CREDENTIALS,
		properties: [
			{
				displayName: 'Watch',
				name: 'watch',
				type: 'multiOptions',
				required: true,
				default: ['package', 'production'],
				options: WATCH_OPTIONS,
				description: 'Which jobs to watch',
			},
			{
				displayName: 'Outcomes',
				name: 'outcomes',
				type: 'multiOptions',
				required: true,
				default: ['failed', 'succeeded'],
				options: [
					{ name: 'Failed', value: 'failed', description: 'The job ended with an error code and message' },
					{ name: 'Succeeded', value: 'succeeded', description: 'The job produced its output' },
				],
				description: 'Which job outcomes start the workflow',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Look-Back Window (Hours)',
						name: 'lookBackHours',
						type: 'number',
						typeOptions: { minValue: 1, maxValue: MAX_LOOK_BACK_HOURS },
						default: 24,
						description:
							'How long a running job is followed: a job that was created longer ago than this and is still running is no longer waited for. Also how far back jobs running at activation are picked up.',
					},
					pickListField({
						displayName: 'Pipeline ID',
						name: 'pipelineId',
						searchListMethod: 'searchPipelines',
						placeholder: 'e.g. 5246b8d12a62433ab77845074039****',
						description: `${watchesFilteredBy('pipelineId')} only: only jobs of this MPS pipeline (queue), picked from the list or by ID`,
					}),
					{
						displayName: 'Production Job Types',
						name: 'jobTypes',
						type: 'multiOptions',
						default: [],
						options: [
							{ name: 'Editing (Timeline or Project)', value: PRODUCTION_JOB_TYPES[0] },
							{ name: 'Live Editing', value: PRODUCTION_JOB_TYPES[2] },
							{ name: 'Template', value: PRODUCTION_JOB_TYPES[1] },
						],
						description: `${watchesFilteredBy('jobTypes')} only: which kinds; none selected means all`,
					},
					pickListField({
						displayName: 'Project ID',
						name: 'projectId',
						searchListMethod: 'searchAllEditingProjects',
						placeholder: 'e.g. fcb8a1a5a8f9477a9b2c0f5e6d7c****',
						description: `${watchesFilteredBy('projectId')} only: only jobs of this editing project, picked from the list or by ID`,
					}),
					timeoutOption,
				],
			},
		],
	};

	methods = { listSearch: { searchPipelines, searchAllEditingProjects } };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const settings = settingsOf(this);
		if (this.getMode() === 'manual') return await sample(this, settings);

		const staticData = this.getWorkflowStaticData('node');
		const release = claimPoll(staticData);
		if (!release) {
			this.logger.debug(`${this.getNode().name}: the previous poll is still running, so this one yields`);
			return null;
		}
		try {
			return await pollLists(this, settings, staticData);
		} finally {
			release();
		}
	}
}
