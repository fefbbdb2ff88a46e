/**
 * The ICE and VOD RAM actions each node of the package can call, derived from what the code declares: the job kind
 * modules (submit, get, list, lost-answer search, second read of a finished job, trigger lists, callback events) and
 * the nodes' pick-lists. The README's permission table and policy are checked against it (test/docs/readme.test.ts),
 * and so is the Media Job Trigger page's (test/docs/media-job-trigger.test.ts).
 */
import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

import type { INodeType } from 'n8n-workflow';

import { WATCH_VALUES, watchedSources } from '../../nodes/AlibabaCloudMediaJobTrigger/watch';
import { PICK_LIST_OPERATIONS, ramAction } from '../../nodes/shared/api/operations';
import type { JobKind } from '../../nodes/shared/jobKinds';
import { JOB_KINDS } from '../../nodes/shared/jobKinds';
import type { JobKindDeclaration } from '../../nodes/shared/jobs/declaration';
import { JOB_EVENTS } from '../../nodes/shared/jobs/jobEvents';
import { SUBMIT_NODES } from '../../tools/sandbox/workflows/submitNodes';

const ROOT = join(__dirname, '..', '..');

export interface PackageNode {
	/** The display name without "Alibaba Cloud ", as the README's tables name the node. */
	label: string;
	type: string;
	description: INodeType['description'];
	methods: INodeType['methods'];
}

/** Every node package.json lists, loaded from its source. */
export function packageNodes(): PackageNode[] {
	const files: string[] = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).n8n.nodes;
	return files.map((file) => {
		const source = join(ROOT, 'nodes', basename(dirname(file)), basename(file).replace(/\.js$/, '.ts'));
		const exports = require(source) as Record<string, unknown>;
		const NodeClass = Object.values(exports).find((value) => typeof value === 'function') as new () => INodeType;
		const node = new NodeClass();
		return {
			label: node.description.displayName.replace(/^Alibaba Cloud /, ''),
			type: node.description.name,
			description: node.description,
			methods: node.methods,
		};
	});
}

/** The RAM actions a text names in code spans: `ice:GetPackageJob`, `vod:SubmitWorkflowJob`. */
export function actionsIn(text: string): string[] {
	return [...text.matchAll(/`((?:ice|vod):[A-Za-z]+)`/g)].map((match) => match[1]);
}

const declarationOf = (kind: JobKind): JobKindDeclaration => JOB_KINDS[kind];

/** Reading one job to its end: its Get action, and the second read a finished job may need. */
function readActions(kind: JobKind): string[] {
	const { get, finishedRead } = declarationOf(kind);
	return [get.operation, ...(finishedRead ? [finishedRead.operation] : [])].map(ramAction);
}

function submitActions(kind: JobKind): string[] {
	const { submit, list } = declarationOf(kind);
	return [
		...(submit ? [ramAction(submit.operation)] : []),
		...(submit?.lostAnswer ? [ramAction(submit.lostAnswer.list.operation)] : []),
		// Wait for Completion: each job's Get, and its kind's list when several jobs are due at once.
		...readActions(kind),
		...(list ? [ramAction(list.operation)] : []),
	];
}

/** The Media Job Trigger's actions for what it watches (every Watch option by default); its pick-lists aside. */
export function triggerActions(watch: string[] = WATCH_VALUES): string[] {
	return watchedSources(watch, { jobTypes: [] }).flatMap((source) => {
		const { get, finishedRead } = declarationOf(source.kind as JobKind);
		return [
			source.operation,
			...(source.readEmittedJobs ? [get.operation] : []),
			...(finishedRead ? [finishedRead.operation] : []),
		].map(ramAction);
	});
}

/** With Confirm with the API: the Get of each kind a callback event reports. */
function eventTriggerActions(): string[] {
	return Object.values(JOB_EVENTS).flatMap((facts) => readActions(facts.kind as JobKind));
}

/** searchPipelines → ListPipelines, searchAllEditingProjects → ListEditingProjects. */
function pickListActions(node: PackageNode): string[] {
	const methods = Object.keys(node.methods?.listSearch ?? {});
	return Object.entries(PICK_LIST_OPERATIONS)
		.filter(([action]) => methods.some((method) => method.endsWith(action.replace(/^List/, ''))))
		.map(([, operation]) => ramAction(operation));
}

/** The ICE and VOD RAM actions of each node, by its label. */
export function ramActionsByNode(): Map<string, Set<string>> {
	const byType = new Map<string, JobKind>();
	for (const entry of SUBMIT_NODES) byType.set(entry.type, entry.jobKind);
	const getNodes = new Map(SUBMIT_NODES.map((entry) => [entry.getType, entry.jobKind]));
	const actions = new Map<string, Set<string>>();
	for (const node of packageNodes()) {
		const submitted = byType.get(node.type);
		const read = getNodes.get(node.type);
		const own = submitted
			? submitActions(submitted)
			: read
				? readActions(read)
				: node.type === 'alibabaCloudMediaJobTrigger'
					? triggerActions()
					: node.type === 'alibabaCloudMediaEventTrigger'
						? eventTriggerActions()
						: [];
		actions.set(node.label, new Set([...own, ...pickListActions(node)]));
	}
	return actions;
}
