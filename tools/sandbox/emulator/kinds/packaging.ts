/** ICE packaging jobs: SubmitPackageJob, GetPackageJob, ListPackageJobs. No completion event is documented. */
import { isoSeconds } from '../clock';
import { declare } from '../engine/format';
import { param } from '../engine/parameters';
import { field } from '../engine/schema';
import { statusView } from '../engine/views';
import type { Job } from '../jobs';
import type { OperationContext } from '../operations/context';
import { mediaObject, ossHttpUrl } from './common/media';
import { pipelineOf, scheduleConfig } from './common/schedule';
import { jobIdFilter, statusFilter } from './common/filters';

const seedNumber = (position: number): string => String(position).padStart(5, '0');

export const PACKAGE = declare.kind({
	name: 'package',
	// The contract's packaging vocabulary (ListPackageJobs Status) has no running state after Init.
	states: { running: ['Init'], success: 'Success', failure: 'Fail' },
	statusField: 'Status',
	timing: { stepsMs: [], finishMs: 60_000 },
	seed: (position) => ({
		Name: `seed-package-${seedNumber(position)}`,
		Inputs: [{ Input: { Type: 'OSS', Media: `oss://sandbox-bucket/input/video-${seedNumber(position)}.mp4` } }],
		Output: { Type: 'OSS', Media: `oss://sandbox-bucket/output/package-${seedNumber(position)}/index.m3u8` },
		TriggerSource: 'API',
	}),
});

/** oss://bucket/path → http://bucket.oss-<region>.aliyuncs.com/path, as GetPackageJob reports it. */
function packageOutputUrl(output: { Type: string; Media: string }, region: string, jobId: string): string {
	if (output.Type === 'OSS') return ossHttpUrl(output.Media, region, 'http');
	return `http://outin-${jobId.slice(0, 16)}.oss-${region}.aliyuncs.com/package/${output.Media}/index.m3u8`;
}

/** ListPackageJobs items are GetPackageJob's job without OutputUrl. */
function packageJobView(job: Job, ctx: OperationContext, forList = false): Record<string, unknown> {
	const data = job.data;
	return {
		JobId: job.jobId,
		TriggerSource: data.TriggerSource ?? 'API',
		Name: data.Name,
		Inputs: data.Inputs,
		Output: data.Output,
		OutputUrl: forList ? undefined : data.OutputUrl,
		PipelineId: data.PipelineId,
		Priority: data.Priority,
		...statusView(ctx.jobs.state(job), 'FinishTime'),
		CreateTime: isoSeconds(job.createdAt),
		SubmitTime: isoSeconds(job.createdAt),
		UserData: data.UserData,
	};
}

export const packaging = declare.family({
	name: 'packaging',
	product: 'ICE',
	kinds: [PACKAGE],
	submit: declare.submit({
		action: 'SubmitPackageJob',
		parameters: {
			// Items are wrapped: {"Input": {Type, Media}} (SDK request model; bare {Type, Media} items are refused).
			Inputs: param.json(field.array(field.object({ Input: field.required(mediaObject()) }), { min: 1 }), {
				required: true,
			}),
			Output: param.json(mediaObject(), { required: true }),
			ScheduleConfig: param.json(scheduleConfig({ min: 1, max: 10 })),
			Name: param.text({ maxLength: 128 }),
			UserData: param.userData({ maxBytes: 512, json: false }),
		},
		kind: 'package',
		create: (values, ctx) => {
			const schedule = values.ScheduleConfig as { Priority?: number } | undefined;
			return {
				Name: values.Name,
				Inputs: values.Inputs,
				Output: values.Output,
				PipelineId: pipelineOf(schedule),
				Priority: schedule?.Priority ?? 6,
				UserData: values.UserData,
				TriggerSource: 'API',
				OutputUrl: packageOutputUrl(values.Output as { Type: string; Media: string }, ctx.region, ctx.jobId),
			};
		},
		answer: (job) => ({ JobId: job.jobId }),
		idAt: 'JobId',
		samples: [
			{
				query: {
					Inputs: JSON.stringify([{ Input: { Type: 'OSS', Media: 'oss://bucket/in.mp4' } }]),
					Output: JSON.stringify({ Type: 'OSS', Media: 'oss://bucket/out/index.m3u8' }),
					Name: 'pkg',
					ScheduleConfig: JSON.stringify({ PipelineId: 'p', Priority: 7 }),
					UserData: '{"k":"v"}',
				},
			},
		],
	}),
	gets: [
		declare.get({
			action: 'GetPackageJob',
			id: 'JobId',
			kinds: ['package'],
			notFound: { status: 404, code: 'ResourceNotFound', noun: 'package job' },
			at: 'PackageJob',
			view: (job, ctx) => packageJobView(job, ctx),
		}),
	],
	list: {
		action: 'ListPackageJobs',
		kinds: ['package'],
		filters: { Status: statusFilter(['Init', 'Success', 'Fail']), JobId: jobIdFilter() },
		window: { start: 'StartOfCreateTime', end: 'EndOfCreateTime' },
		sort: { parameter: 'OrderBy', asc: 'CreateTimeAsc', desc: 'CreateTimeDesc', default: 'desc' },
		// The documented range is 0–100; 0 means "not set" (default 20).
		pageSize: { parameter: 'PageSize', min: 0, max: 100, default: 20 },
		token: 'NextPageToken',
		tokenAt: 'PackageJobList.NextPageToken',
		itemsAt: 'PackageJobList.PackageJobs',
		item: (job, ctx) => packageJobView(job, ctx, true),
	},
});
