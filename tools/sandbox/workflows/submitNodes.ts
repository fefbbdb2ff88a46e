/**
 * Shared setup for the semantics matrix, the chaos run and the contract suite: every submitting node with one marker
 * per input item that the emulator keeps with the job, workflows with Loop Over Items and Retry On Fail, faults aimed
 * at the n-th submission, and the count of jobs the emulator really created per input item. What a node's action is
 * and whether a resend is safe come from its job kind's declaration.
 */
import type { IConnections, IDataObject, INode } from 'n8n-workflow';

import type { Emulator } from '../emulator';
import type { JobSnapshot } from '../emulator/control';
import type { Fault } from '../emulator/faults';
import type { EmulatorJobKind } from '../emulator/jobs';
import type { WorkflowDefinition } from '../engine';
import type { JobKind } from '../../../nodes/shared/jobKinds';
import { submittedKind } from '../../../nodes/shared/jobKinds';
import { CREDENTIAL_REFERENCE, MANUAL_TRIGGER, PACKAGE_NAME, START } from './workflows';

export interface SubmitNodeCase {
	label: string;
	type: string;
	/** The job kind the node submits (nodes/shared/jobKinds). */
	jobKind: JobKind;
	/** The node's Get node, which reads the job by the kind's Get ID field. */
	getType: string;
	action: string;
	kind: EmulatorJobKind;
	/** Whether a resent submission is deduplicated by Alibaba (ClientToken). */
	idempotent: boolean;
	/** Whether a lost answer is settled: resent with the same ClientToken, or found in the job list. */
	settlesLostAnswers: boolean;
	parameters: IDataObject;
	/** Parameters that leave a required field empty for an item without a marker: an invalid item. */
	emptyWithoutMarker: IDataObject;
}

type SubmitNodeEntry = Omit<SubmitNodeCase, 'action' | 'idempotent' | 'settlesLostAnswers'>;

function submitNodeCase(entry: SubmitNodeEntry): SubmitNodeCase {
	const { operation, lostAnswer } = submittedKind(entry.jobKind).submit;
	return {
		...entry,
		action: operation.action,
		idempotent: operation.idempotent,
		settlesLostAnswers: operation.idempotent || lostAnswer !== undefined,
	};
}

const MARKER_PATTERN = /item-\d{6}/;
const USER_DATA_WITH_MARKER = '={{ JSON.stringify({ marker: $json.marker }) }}';

const SUBMIT_NODE_ENTRIES: SubmitNodeEntry[] = [
	{
		label: 'Submit Package Job',
		type: 'alibabaCloudSubmitPackageJob',
		jobKind: 'package',
		getType: 'alibabaCloudGetPackageJob',
		kind: 'package',
		emptyWithoutMarker: { jobName: '={{ $json.marker }}', outputMedia: '={{ $json.marker ? "oss://b/o.m3u8" : "" }}' },
		parameters: {
			jobName: '={{ $json.marker }}',
			inputs: { input: [{ type: 'OSS', media: 'oss://media-in/in.mp4' }] },
			outputType: 'OSS',
			outputMedia: 'oss://media-out/hls/index.m3u8',
		},
	},
	{
		label: 'Submit Media Producing Job',
		type: 'alibabaCloudSubmitMediaProducingJob',
		jobKind: 'mediaProducing',
		getType: 'alibabaCloudGetMediaProducingJob',
		kind: 'editing',
		emptyWithoutMarker: { outputMediaUrl: '={{ $json.marker ? "https://b.oss-cn-shanghai.aliyuncs.com/o.mp4" : "" }}' },
		parameters: {
			source: 'timeline',
			timeline: JSON.stringify({
				VideoTracks: [{ VideoTrackClips: [{ MediaId: 'c3f8d1a0e2b94f6a8b7c6d5e4f3a2b1c' }] }],
			}),
			outputMediaUrl: 'https://media-out.oss-cn-shanghai.aliyuncs.com/videos/out.mp4',
			options: { userData: USER_DATA_WITH_MARKER },
		},
	},
	{
		label: 'Submit Live Editing Job',
		type: 'alibabaCloudSubmitLiveEditingJob',
		jobKind: 'liveEditing',
		getType: 'alibabaCloudGetLiveEditingJob',
		kind: 'liveEditing',
		emptyWithoutMarker: { outputMediaUrl: '={{ $json.marker ? "https://b.oss-cn-shanghai.aliyuncs.com/o.mp4" : "" }}' },
		parameters: {
			clips: { clip: [{ startTime: '2021-06-21T08:01:00Z', endTime: '2021-06-21T08:03:00Z' }] },
			liveStreamConfig: { stream: { appName: 'live', domainName: 'live.example.com', streamName: 'studio-1' } },
			outputMediaUrl: 'https://media-out.oss-cn-shanghai.aliyuncs.com/live/out.mp4',
			options: { userData: USER_DATA_WITH_MARKER },
		},
	},
	{
		label: 'Submit VOD Workflow Job',
		type: 'alibabaCloudSubmitVodWorkflowJob',
		jobKind: 'vodWorkflow',
		getType: 'alibabaCloudGetVodWorkflowJob',
		kind: 'workflow',
		emptyWithoutMarker: { workflowId: '={{ $json.marker ? "34d577eade633860bdf1237e2f0e2a4b" : "" }}' },
		parameters: { workflowId: '34d577eade633860bdf1237e2f0e2a4b', mediaId: '={{ $json.marker }}' },
	},
	{
		label: 'Submit Transcode Job',
		type: 'alibabaCloudSubmitTranscodeJob',
		jobKind: 'transcode',
		getType: 'alibabaCloudGetTranscodeJob',
		kind: 'transcode',
		emptyWithoutMarker: {
			outputs: {
				output: [
					{
						type: 'OSS',
						media: 'oss://media-out/transcode/out.mp4',
						templateId: '={{ $json.marker ? "S00000001-200030" : "" }}',
					},
				],
			},
		},
		parameters: {
			inputs: { input: [{ type: 'OSS', media: 'oss://media-in/in.mp4' }] },
			outputs: {
				output: [{ type: 'OSS', media: 'oss://media-out/transcode/out.mp4', templateId: 'S00000001-200030' }],
			},
			options: { userData: USER_DATA_WITH_MARKER },
		},
	},
	{
		label: 'Submit Media Censor Job',
		type: 'alibabaCloudSubmitMediaCensorJob',
		jobKind: 'mediaCensor',
		getType: 'alibabaCloudGetMediaCensorJob',
		kind: 'mediaCensor',
		emptyWithoutMarker: { inputMedia: '={{ $json.marker ? "oss://media-in/in.mp4" : "" }}' },
		// Every item moderates the same video: only User Data (which the job list shows) tells their jobs apart.
		parameters: { inputType: 'OSS', inputMedia: 'oss://media-in/in.mp4', options: { userData: '={{ $json.marker }}' } },
	},
	{
		label: 'Register Media Info',
		type: 'alibabaCloudRegisterMediaInfo',
		jobKind: 'mediaAsset',
		getType: 'alibabaCloudGetMediaInfo',
		kind: 'mediaAsset',
		emptyWithoutMarker: { inputUrl: '={{ $json.marker ? "oss://media-in/" + $json.marker + ".mp4" : "" }}' },
		parameters: { inputUrl: '=oss://media-in/{{ $json.marker }}.mp4' },
	},
	{
		label: 'Submit Snapshot Job',
		type: 'alibabaCloudSubmitSnapshotJob',
		jobKind: 'snapshot',
		getType: 'alibabaCloudGetSnapshotJob',
		kind: 'snapshot',
		emptyWithoutMarker: { inputMedia: '={{ $json.marker ? "oss://media-in/in.mp4" : "" }}' },
		parameters: {
			inputMedia: 'oss://media-in/in.mp4',
			outputMedia: 'oss://media-out/covers/cover-{Count}.jpg',
			templateId: '96e8864746a0b6f3ae3e1b1a2b3c4d5e',
			settings: { time: 5000, count: 3 },
			options: { jobName: '={{ $json.marker }}' },
		},
	},
	{
		label: 'Submit Batch Media Producing Job',
		type: 'alibabaCloudSubmitBatchMediaProducingJob',
		jobKind: 'batchMediaProducing',
		getType: 'alibabaCloudGetBatchMediaProducingJob',
		kind: 'batchMediaProducing',
		emptyWithoutMarker: {
			outputMediaUrl: '={{ $json.marker ? "https://b.oss-cn-shanghai.aliyuncs.com/promo-{index}.mp4" : "" }}',
		},
		parameters: {
			mediaGroups: { group: [{ media: 'c3f8d1a0e2b94f6a8b7c6d5e4f3a2b1c, 0c8f20b48fb04483915d4f2cd8ac1a2b' }] },
			speechTexts: { entry: [{ text: 'Spring is here.' }] },
			outputMediaUrl: 'https://media-out.oss-cn-shanghai.aliyuncs.com/promo/out-{index}.mp4',
			count: 2,
			options: { userData: USER_DATA_WITH_MARKER },
		},
	},
];

export const SUBMIT_NODES: SubmitNodeCase[] = SUBMIT_NODE_ENTRIES.map(submitNodeCase);

export function marker(count: number): string {
	return `item-${String(count).padStart(6, '0')}`;
}

export function markedItems(count: number, first = 0): IDataObject[] {
	return Array.from({ length: count }, (_, index) => ({ marker: marker(first + index) }));
}

export function markerOf(job: JobSnapshot): string | undefined {
	return MARKER_PATTERN.exec(JSON.stringify(job.data))?.[0];
}

/** How many jobs the emulator created for each marker (markers without a job are absent). */
export function jobsPerMarker(emulator: Emulator, kind: EmulatorJobKind): Map<string, JobSnapshot[]> {
	const perMarker = new Map<string, JobSnapshot[]>();
	for (const job of emulator.jobs.list(kind)) {
		const key = markerOf(job) ?? '(no marker)';
		perMarker.set(key, [...(perMarker.get(key) ?? []), job]);
	}
	return perMarker;
}

export function jobCounts(emulator: Emulator, kind: EmulatorJobKind, items: IDataObject[]): number[] {
	const perMarker = jobsPerMarker(emulator, kind);
	return items.map((item) => perMarker.get(item.marker as string)?.length ?? 0);
}

/**
 * Injects a fault into chosen submissions: `pick(n)` is asked for the n-th request of `action` (1-based) and
 * returns the fault for it, if any. Uses the emulator's own fault injector, one request ahead of time.
 */
export function faultSubmissions(
	emulator: Emulator,
	action: string,
	pick: (count: number) => Fault | undefined,
): () => void {
	const faults = emulator.faults;
	const original = faults.take.bind(faults);
	let seen = 0;
	faults.take = (requested: string) => {
		if (requested === action) {
			const fault = pick(++seen);
			if (fault) faults.add({ ...fault, action, count: 1 });
		}
		return original(requested);
	};
	return () => {
		faults.take = original;
	};
}

interface NodeSettings {
	retryOnFail?: boolean;
	maxTries?: number;
	waitBetweenTries?: number;
	onError?: INode['onError'];
}

export const SUBMIT = 'Submit';
const LOOP = 'Loop Over Items';
export const DONE = 'Done';

function submitNode(node: SubmitNodeCase, settings: NodeSettings, parameters: IDataObject): INode {
	return {
		id: 'submit',
		name: SUBMIT,
		type: `${PACKAGE_NAME}.${node.type}`,
		typeVersion: 1,
		position: [440, 0],
		parameters: { ...node.parameters, ...parameters } as INode['parameters'],
		credentials: CREDENTIAL_REFERENCE,
		...settings,
	};
}

/** Manual Trigger → Submit. */
export function direct(node: SubmitNodeCase, settings: NodeSettings = {}, parameters: IDataObject = {}) {
	const connections: IConnections = { [START]: { main: [[{ node: SUBMIT, type: 'main', index: 0 }]] } };
	return { nodes: [MANUAL_TRIGGER, submitNode(node, settings, parameters)], connections } satisfies WorkflowDefinition;
}

/** Manual Trigger → Loop Over Items (n8n-nodes-base SplitInBatches v3, batch size 1) ⇄ Submit; done → Done. */
export function loopOverItems(node: SubmitNodeCase, settings: NodeSettings = {}, parameters: IDataObject = {}) {
	const nodes: INode[] = [
		MANUAL_TRIGGER,
		{
			id: 'loop',
			name: LOOP,
			type: 'n8n-nodes-base.splitInBatches',
			typeVersion: 3,
			position: [220, 0],
			parameters: { batchSize: 1, options: {} },
		},
		submitNode(node, settings, parameters),
		{ id: 'done', name: DONE, type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [440, 200], parameters: {} },
	];
	const connections: IConnections = {
		[START]: { main: [[{ node: LOOP, type: 'main', index: 0 }]] },
		[LOOP]: { main: [[{ node: DONE, type: 'main', index: 0 }], [{ node: SUBMIT, type: 'main', index: 0 }]] },
		[SUBMIT]: { main: [[{ node: LOOP, type: 'main', index: 0 }]] },
	};
	return { nodes, connections } satisfies WorkflowDefinition;
}

export function jobIdOf(json: IDataObject): string | undefined {
	const submission = (json.submission ?? json) as IDataObject;
	// A transcoding job is named by the ParentJobId inside the whole parent job SubmitTranscodeJob answers.
	const transcodeParent = submission.TranscodeParentJob as IDataObject | undefined;
	return (submission.JobId ?? submission.TaskId ?? submission.MediaId ?? transcodeParent?.ParentJobId) as
		| string
		| undefined;
}
