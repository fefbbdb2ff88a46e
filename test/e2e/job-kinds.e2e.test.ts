/**
 * The four job kinds of transcoding, snapshots, content moderation and batch production in a real n8n 2.41 (package
 * installed from its tarball), one table row each:
 * - `n8n execute` of Manual Trigger → Submit (Wait for Completion, checked every second) → Get on the job ID: the
 *   finished job with its kind's output, the same job read back, and exactly the calls the emulator received;
 * - under `n8n start`, the Media Job Trigger watching every kind in an active workflow: finished jobs of each kind
 *   seeded in the emulator are emitted exactly once, across several polls.
 *
 * `n8n execute` and `n8n start` open the same SQLite database, so every `n8n execute` runs before `n8n start`.
 * Runs only under test/e2e/jest.config.js (`npm run test:e2e`); under the unit-test config it skips itself.
 */
import type { IDataObject } from 'n8n-workflow';

import { WATCH_VALUES } from '../../nodes/AlibabaCloudMediaJobTrigger/watch';
import { JOB_KINDS, submittedKind } from '../../nodes/shared/jobKinds';
import type { JobKindDeclaration } from '../../nodes/shared/jobs/declaration';
import { readJobQuery } from '../../nodes/shared/jobs/summary';
import type { Emulator } from '../../tools/sandbox/emulator';
import { startEmulator } from '../../tools/sandbox/emulator';
import { kindOf } from '../../tools/sandbox/emulator/kinds';
import { alibabaCredential, N8n, packageTarball } from '../../tools/sandbox/n8n';
import { triggerWorkflow } from '../../tools/sandbox/workflows/jobTrigger';
import { SUBMIT_NODES } from '../../tools/sandbox/workflows/submitNodes';
import { chain, CREDENTIAL_REFERENCE } from '../../tools/sandbox/workflows/workflows';
import { describeE2e } from './describeE2e';
import { assertOk, FAST_POLL_TIMES, itemsEmittedByTriggerExecutions, sleep, SPEED, waitFor } from './exampleRuns';

type Kind = 'transcode' | 'snapshot' | 'mediaCensor' | 'batchMediaProducing';

interface KindCase {
	kind: Kind;
	/** Submit's parameters (Fields mode); Wait for Completion is added. */
	parameters: IDataObject;
	/** JSON parameters of the Submit request (query or form), as parsed objects: at least these fields. */
	sent: Record<string, object>;
	/** The kind's own output fields of the finished job. */
	finished: IDataObject;
}

const SOURCE = 'oss://media-in/e2e/ep1.mp4';
const TRANSCODED = 'oss://media-out/e2e/ep1-720p.mp4';
const TRANSCODE_TEMPLATE = 'S00000001-200030';
const SNAPSHOT_TEMPLATE = '96e8864746a0b6f3ae3e1b1a2b3c4d5e';
/** The emulator writes `http://<bucket>.oss-<region>.aliyuncs.com/<key>`, {Count} as a five-digit number. */
const cover = (count: number) =>
	`http://media-out.oss-cn-shanghai.aliyuncs.com/e2e/ep1/cover-${String(count).padStart(5, '0')}.jpg`;
const PROMO = 'https://media-out.oss-cn-shanghai.aliyuncs.com/e2e/promo-{index}.mp4';
const promo = (index: number) => PROMO.replace('{index}', String(index));
/** What the emulator decides for every moderation job submitted here (seeded ones pass). */
const VERDICT = { Suggestion: 'review', Scene: 'ad', Label: 'qrcode' };

const KINDS: KindCase[] = [
	{
		kind: 'transcode',
		parameters: {
			inputs: { input: [{ type: 'OSS', media: SOURCE }] },
			outputs: {
				output: [
					{
						type: 'OSS',
						media: TRANSCODED,
						templateId: TRANSCODE_TEMPLATE,
						overrides: { width: 1280, height: 720, videoBitrate: 2000 },
					},
				],
			},
		},
		sent: {
			OutputGroup: [
				{
					Output: { Type: 'OSS', Media: TRANSCODED },
					ProcessConfig: {
						Transcode: {
							TemplateId: TRANSCODE_TEMPLATE,
							OverwriteParams: { Video: { Width: '1280', Height: '720', Bitrate: '2000' } },
						},
					},
				},
			],
		},
		finished: { outputUrl: TRANSCODED, outputs: [{ status: 'succeeded', width: 1280, height: 720 }] },
	},
	{
		kind: 'snapshot',
		parameters: {
			inputMedia: SOURCE,
			outputMedia: 'oss://media-out/e2e/ep1/cover-{Count}.jpg',
			templateId: SNAPSHOT_TEMPLATE,
			settings: { count: 3 },
		},
		sent: { TemplateConfig: { TemplateId: SNAPSHOT_TEMPLATE, OverwriteParams: { Count: 3 } } },
		finished: { snapshotCount: 3, coverUrl: cover(1), snapshotUrls: [cover(1), cover(2), cover(3)] },
	},
	{
		kind: 'mediaCensor',
		parameters: { inputType: 'OSS', inputMedia: SOURCE },
		sent: { Input: { Type: 'OSS', Media: SOURCE } },
		finished: {
			suggestion: 'review',
			inputUrl: SOURCE,
			scenes: expect.arrayContaining([
				{ scene: 'ad', label: 'qrcode', suggestion: 'review', rate: 99.91 },
				{ scene: 'porn', label: 'normal', suggestion: 'pass', rate: 99.9 },
			]),
		},
	},
	{
		kind: 'batchMediaProducing',
		parameters: {
			mediaGroups: { group: [{ media: 'c3f8d1a0e2b94f6a8b7c6d5e4f3a2b1c, 0c8f20b48fb04483915d4f2cd8ac1a2b' }] },
			speechTexts: { entry: [{ text: 'Spring is here.' }] },
			outputMediaUrl: PROMO,
			count: 2,
		},
		sent: {
			InputConfig: { SpeechTextArray: ['Spring is here.'] },
			OutputConfig: { MediaURL: PROMO, Count: 2 },
		},
		finished: {
			videoUrls: [promo(0), promo(1)],
			failedVideos: 0,
			videos: [
				{ status: 'succeeded', mediaUrl: promo(0) },
				{ status: 'succeeded', mediaUrl: promo(1) },
			],
		},
	},
];

const declarationOf = (kind: Kind): JobKindDeclaration => JOB_KINDS[kind];
const nodesOf = (kind: Kind) => SUBMIT_NODES.find((entry) => entry.jobKind === kind)!;
const getLabel = (kind: Kind) => nodesOf(kind).label.replace(/^Submit/, 'Get');

describeE2e('real n8n: transcoding, snapshot, moderation and batch production jobs end to end', () => {
	let emulator: Emulator;
	let n8n: N8n | undefined;
	const workflowIds = new Map<Kind | 'trigger', string>();

	beforeAll(async () => {
		// A real clock at SPEED×: a job (at most a minute of emulator time) ends within the first second of its wait.
		emulator = await startEmulator({ clock: 'real', speed: SPEED });
		emulator.addVerdictRule({ kind: 'mediaCensor', verdict: VERDICT });
		n8n = await N8n.create({ tarball: packageTarball(), name: 'job-kinds' });
		await n8n.importCredentials([alibabaCredential(emulator, CREDENTIAL_REFERENCE.alibabaCloudApi)]);
		const submitAndGet = KINDS.map(({ kind, parameters }) => ({
			name: `e2e: ${kind} submitted, waited for and read`,
			...chain(
				{
					name: nodesOf(kind).label,
					type: nodesOf(kind).type,
					parameters: { ...parameters, waitForCompletion: true, pollIntervalSeconds: 1 },
				},
				{
					name: getLabel(kind),
					type: nodesOf(kind).getType,
					parameters: { [declarationOf(kind).getNode.parameter]: '={{ $json.jobId }}' },
				},
			),
		}));
		const trigger = {
			name: 'e2e: every job kind watched',
			...triggerWorkflow({ watch: WATCH_VALUES, outcomes: ['failed', 'succeeded'], pollTimes: FAST_POLL_TIMES }),
		};
		const ids = await n8n.importWorkflows([...submitAndGet, trigger]);
		KINDS.forEach(({ kind }, index) => workflowIds.set(kind, ids[index]));
		workflowIds.set('trigger', ids[KINDS.length]);
		// Active from the next `n8n start` on (publishing does not run anything now).
		await n8n.publishWorkflow(workflowIds.get('trigger')!);
	}, 300_000);

	afterAll(async () => {
		await n8n?.dispose();
		await emulator?.stop();
	}, 60_000);

	describe('`n8n execute`: Submit with Wait for Completion → Get', () => {
		beforeEach(() => emulator.clearRequests());

		it.each(KINDS)('$kind: the finished job with its output, read back by its ID', async (row) => {
			const { kind } = row;
			const result = await n8n!.execute(workflowIds.get(kind)!);
			assertOk(result);

			const jobs = emulator.jobs.list(kind);
			expect(jobs).toHaveLength(1);
			const [job] = jobs;

			// What the emulator received: one submission; the Wait's reads until the job had ended, then the Get node's,
			// each finished read followed by its second read where the kind has one (snapshot URLs).
			const { submit, get, finishedRead } = submittedKind(kind);
			const [submitted, ...reads] = emulator.requests;
			expect(submitted.action).toBe(submit.operation.action);
			const params = { ...submitted.query, ...submitted.form };
			for (const [name, value] of Object.entries(row.sent)) expect(JSON.parse(params[name])).toMatchObject(value);
			const getCalls = reads.filter((request) => request.action === get.operation.action);
			expect(getCalls.length).toBeGreaterThanOrEqual(2);
			const afterFinished = finishedRead ? [finishedRead.operation.action] : [];
			expect(reads.map((request) => request.action)).toEqual([
				...Array<string>(getCalls.length - 1).fill(get.operation.action),
				...afterFinished,
				get.operation.action,
				...afterFinished,
			]);
			for (const read of getCalls) expect(read.query).toEqual(readJobQuery(kind, job.jobId));
			expect(emulator.requests.every((request) => request.status === 200)).toBe(true);

			// n8n's output: the job as the Wait's last read saw it, finished; the Get node's read of it, the same.
			const [waited] = result.output(nodesOf(kind).label);
			expect(waited).toMatchObject({
				jobKind: kind,
				jobId: job.jobId,
				status: 'succeeded',
				finished: true,
				requestId: getCalls.at(-2)!.requestId,
				submission: { RequestId: submitted.requestId },
				...row.finished,
			});
			const { submission: _submission, ...finishedJob } = waited;
			expect(result.output(getLabel(kind))).toEqual([{ ...finishedJob, requestId: getCalls.at(-1)!.requestId }]);
		});
	});

	describe('`n8n start`: the Media Job Trigger watching every kind', () => {
		const listAction = (kind: Kind) => declarationOf(kind).list!.operation.action;
		const calls = (action: string) => emulator.requests.filter((request) => request.action === action).length;

		beforeAll(async () => {
			emulator.clearRequests();
			await n8n!.start();
			// The activation poll reads every list and emits nothing; jobs seeded after it are new to the trigger.
			await waitFor(
				'the trigger’s activation poll',
				() => KINDS.every(({ kind }) => calls(listAction(kind)) >= 1),
				60_000,
			);
			await n8n!.setupOwnerAndLogin();
		}, 300_000);

		afterAll(async () => {
			await n8n?.stop();
		}, 60_000);

		it('watches every kind of the table', () => {
			expect(WATCH_VALUES).toEqual(expect.arrayContaining(KINDS.map(({ kind }) => kind)));
		});

		it('emits every finished job of each kind exactly once, across several polls', async () => {
			emulator.clearRequests();
			const seeded = KINDS.flatMap(({ kind }) => {
				const { success, failure } = kindOf(kind).states;
				const [succeeded, failed] = emulator.seedJobs({ kind, count: 2, status: [success, failure] });
				return [
					{ jobId: succeeded, jobKind: kind, status: 'succeeded' },
					{ jobId: failed, jobKind: kind, status: 'failed' },
				];
			});
			await waitFor(
				'three polls of every list after the jobs were seeded',
				() => KINDS.every(({ kind }) => calls(listAction(kind)) >= 3),
				60_000,
			);
			// Time for the last execution a poll started to be saved.
			await sleep(2000);

			const emitted = await itemsEmittedByTriggerExecutions(n8n!, workflowIds.get('trigger')!);
			const byJobId = (left: { jobId: unknown }, right: { jobId: unknown }) =>
				String(left.jobId).localeCompare(String(right.jobId));
			// Jobs that had finished before activation (the executions above) are not among them.
			expect(emitted.map(({ jobId, jobKind, status }) => ({ jobId, jobKind, status })).sort(byJobId)).toEqual(
				[...seeded].sort(byJobId),
			);

			// Lists whose items lack fields: each emitted job read once with its Get call, never again.
			for (const { kind } of KINDS.filter((row) => declarationOf(row.kind).list!.readEmittedJobs)) {
				const reads = emulator.requests.filter(
					(request) => request.action === declarationOf(kind).get.operation.action,
				);
				expect(reads.map((request) => JSON.stringify(request.query)).sort()).toEqual(
					seeded
						.filter((job) => job.jobKind === kind)
						.map((job) => JSON.stringify(readJobQuery(kind, job.jobId)))
						.sort(),
				);
			}
		}, 180_000);
	});
});
