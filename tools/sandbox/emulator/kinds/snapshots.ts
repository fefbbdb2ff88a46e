/**
 * ICE snapshots: SubmitSnapshotJob, GetSnapshotJob, ListSnapshotJobs and GetSnapshotUrls. No ClientToken: a resend
 * makes a second job. The snapshots are named by the Output pattern with `{Count}` numbered; GetSnapshotUrls
 * answers only for a job that succeeded. No callback event: ICE's SnapshotComplete has no documented message body
 * for these jobs (README.md, "Job kinds").
 */
import { isoSeconds } from '../clock';
import { invalidParameter } from '../errors';
import { declare } from '../engine/format';
import { findJob } from '../engine/actions';
import { param } from '../engine/parameters';
import { field } from '../engine/schema';
import type { Job } from '../jobs';
import { JsonObject } from '../params';
import type { OperationContext } from '../operations/context';
import { SOURCE_SECONDS } from './common/files';
import { jobIdFilter, statusFilter } from './common/filters';
import { mediaObject, numbered, ossFile, ossHttpUrl } from './common/media';
import { pipelineOf, scheduleConfig } from './common/schedule';

const TYPES = ['Normal', 'Sprite', 'WebVtt'] as const;
const NOT_FOUND = { status: 404, code: 'ResourceNotFound', noun: 'snapshot job' };
/** A sprite image holds Lines × Columns snapshots; 10 × 10 when the job does not say (own choice). */
const SPRITE_GRID = 10;

/** TemplateConfig of the SDK request model (closed): TemplateId required, OverwriteParams integers as integers. */
const templateConfig = field.object({
	TemplateId: field.required(field.string()),
	OverwriteParams: field.object({
		BlackLevel: field.integer(),
		// A count or interval under 1 would take no snapshot (own choice: the contract states no range).
		Count: field.integer({ min: 1 }),
		FrameType: field.string(),
		Height: field.integer(),
		Interval: field.integer({ min: 1 }),
		IsSptFrag: field.boolean(),
		PixelBlackThreshold: field.integer(),
		SpriteSnapshotConfig: field.object({
			...Object.fromEntries(
				['CellHeight', 'CellWidth', 'Columns', 'Lines', 'Margin', 'Padding'].map((name) => [name, field.integer()]),
			),
			Color: field.string(),
		}),
		Time: field.integer(),
		// The answers' Type lists these three (GetSnapshotJob, ListSnapshotJobs).
		Type: field.string({ enum: TYPES }),
		Width: field.integer(),
	}),
});

export const SNAPSHOT = declare.kind({
	name: 'snapshot',
	// Stated three times alike (GetSnapshotJob, the ListSnapshotJobs filter and items): no running state after Init.
	states: { running: ['Init'], success: 'Success', failure: 'Fail' },
	statusField: 'Status',
	timing: { stepsMs: [], finishMs: 10_000 },
	seed: (position) => {
		const number = String(position).padStart(5, '0');
		return {
			Name: `seed-snapshot-${number}`,
			Input: { Type: 'OSS', Media: `oss://sandbox-bucket/input/video-${number}.mp4` },
			Output: { Type: 'OSS', Media: `oss://sandbox-bucket/snapshots/${number}/cover-{Count}.jpg` },
			TemplateConfig: { TemplateId: 'S00000001-100010', OverwriteParams: { Count: 3 } },
		};
	},
});

const overwriteOf = (job: Job): JsonObject =>
	((job.data.TemplateConfig as JsonObject).OverwriteParams ?? {}) as JsonObject;
const typeOf = (job: Job): string => String(overwriteOf(job).Type ?? 'Normal');

/** Count snapshots, or one per Interval seconds of the (30 s) source; one when the job says neither. */
function snapshotCount(job: Job): number {
	const overwrite = overwriteOf(job);
	if (typeof overwrite.Count === 'number') return overwrite.Count;
	if (typeof overwrite.Interval === 'number') return Math.max(1, Math.floor(SOURCE_SECONDS / overwrite.Interval));
	return 1;
}

/** Where the images go: the Output's OSS URL pattern; a media asset output goes to the sandbox's storage. */
function outputPattern(job: Job, region: string): string {
	const output = job.data.Output as JsonObject;
	const url = output.Type === 'OSS' ? String(output.Media) : `oss://outin-sandbox/snapshot/${job.jobId}/{Count}.jpg`;
	return ossHttpUrl(url, region, 'http');
}

/** The image URLs: one per snapshot, one per sprite sheet for Sprite; without `{Count}` the one file named. */
function snapshotUrls(job: Job, region: string): string[] {
	const pattern = outputPattern(job, region);
	if (!pattern.includes('{Count}')) return [pattern];
	const sprite = (overwriteOf(job).SpriteSnapshotConfig ?? {}) as JsonObject;
	const perImage =
		typeOf(job) === 'Sprite' ? Number(sprite.Lines ?? SPRITE_GRID) * Number(sprite.Columns ?? SPRITE_GRID) : 1;
	const images = Math.ceil(snapshotCount(job) / Math.max(1, perImage));
	return Array.from({ length: images }, (_, index) => numbered(pattern, index + 1));
}

/** WebVtt jobs also write a .vtt index beside the images: the pattern without `{Count}`, extension vtt. */
const webVttUrl = (job: Job, region: string): string =>
	outputPattern(job, region)
		.replace(/[-_]?\{Count\}/g, '')
		.replace(/\.[^./]*$/, '')
		.concat('.vtt');

function mediaView(value: JsonObject, region: string, withFile: boolean): Record<string, unknown> {
	const file = withFile && value.Type === 'OSS' ? ossFile(String(value.Media), region) : undefined;
	return { Type: value.Type, Media: value.Media, OssFile: file };
}

/** ListSnapshotJobs items lack Code, Message, TemplateConfig, UserData and the OssFile of Input and Output. */
function snapshotJobView(job: Job, ctx: OperationContext, forList = false): Record<string, unknown> {
	const state = ctx.jobs.state(job);
	const done = state.status === SNAPSHOT.states.success;
	const overwrite = overwriteOf(job);
	return {
		JobId: job.jobId,
		Name: job.data.Name,
		Async: true,
		Type: typeOf(job),
		Input: mediaView(job.data.Input as JsonObject, ctx.region, !forList),
		Output: mediaView(job.data.Output as JsonObject, ctx.region, !forList),
		TemplateId: (job.data.TemplateConfig as JsonObject).TemplateId,
		TemplateConfig: forList
			? undefined
			: JSON.stringify({
					Type: typeOf(job),
					FrameType: overwrite.FrameType,
					Time: overwrite.Time,
					Count: snapshotCount(job),
				}),
		PipelineId: job.data.PipelineId,
		Count: done ? snapshotCount(job) : undefined,
		Status: state.status,
		Code: forList ? undefined : state.failure?.code,
		Message: forList ? undefined : state.failure?.message,
		TriggerSource: 'API',
		CreateTime: isoSeconds(job.createdAt),
		SubmitTime: isoSeconds(job.createdAt),
		ModifiedTime: isoSeconds(state.modifiedAt),
		FinishTime: state.finishedAt !== undefined ? isoSeconds(state.finishedAt) : undefined,
		UserData: forList ? undefined : job.data.UserData,
	};
}

export const snapshots = declare.family({
	name: 'snapshots',
	product: 'ICE',
	kinds: [SNAPSHOT],
	submit: declare.submit({
		action: 'SubmitSnapshotJob',
		parameters: {
			// JSON objects (pitfall snapshot-json-objects-template-required).
			Input: param.json(mediaObject(), { required: true }),
			Output: param.json(mediaObject(), { required: true }),
			TemplateConfig: param.json(templateConfig, { required: true }),
			ScheduleConfig: param.json(scheduleConfig(false)),
			Name: param.text(),
			UserData: param.userData({ json: true }),
		},
		kind: SNAPSHOT.name,
		create: (values) => ({
			Name: values.Name,
			Input: values.Input,
			Output: values.Output,
			TemplateConfig: values.TemplateConfig,
			PipelineId: pipelineOf(values.ScheduleConfig),
			UserData: values.UserData,
		}),
		answer: (job) => ({ JobId: job.jobId }),
		idAt: 'JobId',
		samples: [
			{
				query: {
					Input: JSON.stringify({ Type: 'OSS', Media: 'oss://bucket/in/video.mp4' }),
					Output: JSON.stringify({ Type: 'OSS', Media: 'oss://bucket/out/cover-{Count}.jpg' }),
					TemplateConfig: JSON.stringify({ TemplateId: 'S00000001-100010', OverwriteParams: { Count: 3, Time: 1000 } }),
					Name: 'covers',
					UserData: '{"k":"v"}',
				},
			},
			{
				query: {
					Input: JSON.stringify({ Type: 'Media', Media: 'media-in-1' }),
					Output: JSON.stringify({ Type: 'OSS', Media: 'oss://bucket/out/sprite-{Count}.jpg' }),
					TemplateConfig: JSON.stringify({
						TemplateId: 'S00000001-100020',
						OverwriteParams: { Type: 'WebVtt', Interval: 2, SpriteSnapshotConfig: { Lines: 2, Columns: 2 } },
					}),
					ScheduleConfig: JSON.stringify({ PipelineId: 'pipe-1' }),
				},
			},
		],
	}),
	gets: [
		declare.get({
			action: 'GetSnapshotJob',
			id: 'JobId',
			kinds: [SNAPSHOT.name],
			notFound: NOT_FOUND,
			at: 'SnapshotJob',
			view: (job, ctx) => snapshotJobView(job, ctx),
		}),
	],
	list: {
		action: 'ListSnapshotJobs',
		kinds: [SNAPSHOT.name],
		filters: { Status: statusFilter(['Init', 'Success', 'Fail']), JobId: jobIdFilter() },
		window: { start: 'StartOfCreateTime', end: 'EndOfCreateTime' },
		sort: { parameter: 'OrderBy', asc: 'CreateTimeAsc', desc: 'CreateTimeDesc', default: 'desc' },
		// At most 100, default 20 (contract); no minimum is stated: 0 stands for the default, as in ListPackageJobs.
		pageSize: { parameter: 'PageSize', min: 0, max: 100, default: 20 },
		token: 'NextPageToken',
		tokenAt: 'NextPageToken',
		itemsAt: 'Jobs',
		item: (job, ctx) => snapshotJobView(job, ctx, true),
	},
	reads: [
		declare.read({
			action: 'GetSnapshotUrls',
			kinds: [SNAPSHOT.name],
			parameters: {
				JobId: param.text({ required: true }),
				OrderBy: param.text({ oneOf: ['Asc', 'Desc'] }),
				PageNumber: param.integer(1, Number.MAX_SAFE_INTEGER),
				PageSize: param.integer(1, 30),
				// How long the URLs stay valid (s); the emulator's URLs are not signed, so it is only checked.
				Timeout: param.integer(1, 129_600),
			},
			run: (values, ctx) => {
				const job = findJob(ctx, values.JobId, [SNAPSHOT.name], NOT_FOUND);
				const status = ctx.jobs.state(job).status;
				// The contract names no error for a job without snapshots; the emulator refuses rather than answer none.
				if (status !== SNAPSHOT.states.success)
					throw invalidParameter(
						'JobId',
						`The snapshot job has not succeeded (Status ${status}); it has no snapshots.`,
					);
				const urls = snapshotUrls(job, ctx.region);
				if (values.OrderBy === 'Desc') urls.reverse();
				const size = values.PageSize ?? 10;
				const from = ((values.PageNumber ?? 1) - 1) * size;
				return {
					SnapshotUrls: urls.slice(from, from + size),
					Total: urls.length,
					WebVTTUrl: typeOf(job) === 'WebVtt' ? webVttUrl(job, ctx.region) : undefined,
				};
			},
			sample: ({ jobId }) => ({ JobId: jobId, PageSize: '2', OrderBy: 'Desc' }),
		}),
	],
});
