/** ICE packaging jobs: SubmitPackageJob, GetPackageJob, ListPackageJobs. */
import { isoSeconds } from '../clock';
import { ApiError, invalidParameter } from '../errors';
import { Job, JobStore, VOCABULARY } from '../jobs';
import {
	intIn,
	isObject,
	Json,
	JsonObject,
	jsonArray,
	jsonObject,
	nonEmptyString,
	oneOf,
	optional,
	optionalUtcTime,
	required,
	userData,
} from '../params';
import { Operation } from './context';
import { paginate } from './paging';
import { statusView } from './views';

const MEDIA_TYPES = ['OSS', 'Media'] as const;

/** These structures come from the SDK's request model: a field it does not have is refused, not ignored. */
function onlyFields(name: string, value: JsonObject, allowed: readonly string[]): void {
	const extra = Object.keys(value).find((key) => !allowed.includes(key));
	if (extra !== undefined)
		throw invalidParameter(`${name}.${extra}`, `Unknown field; the valid fields are ${allowed.join(', ')}.`);
}

function checkMediaObject(name: string, value: Json | undefined): void {
	if (!isObject(value)) throw invalidParameter(name, 'It must be an object with Type and Media.');
	onlyFields(name, value, ['Type', 'Media']);
	if (!nonEmptyString(value.Type)) throw invalidParameter(`${name}.Type`, 'It is required.');
	if (!(MEDIA_TYPES as readonly string[]).includes(value.Type))
		throw invalidParameter(`${name}.Type`, 'Valid values: OSS, Media.');
	if (!nonEmptyString(value.Media)) throw invalidParameter(`${name}.Media`, 'It is required.');
	if (value.Type === 'OSS' && !/^(oss|https?):\/\/[^/]+\/.+/.test(value.Media)) {
		throw invalidParameter(`${name}.Media`, 'It must be an OSS URL (oss://bucket/object) or an HTTP(S) URL.');
	}
}

/** oss://bucket/path → http://bucket.oss-<region>.aliyuncs.com/path, as GetPackageJob reports it. */
function packageOutputUrl(output: { Type: string; Media: string }, region: string, jobId: string): string {
	if (output.Type === 'OSS') {
		const match = /^oss:\/\/([^/]+)\/(.+)$/.exec(output.Media);
		return match ? `http://${match[1]}.oss-${region}.aliyuncs.com/${match[2]}` : output.Media;
	}
	return `http://outin-${jobId.slice(0, 16)}.oss-${region}.aliyuncs.com/package/${output.Media}/index.m3u8`;
}

export const submitPackageJob: Operation = ({ params, jobs, region }) => {
	const inputs = jsonArray(params, 'Inputs', true)!;
	if (inputs.length === 0) throw invalidParameter('Inputs', 'At least one input is required.');
	inputs.forEach((item, index) => {
		if (!isObject(item) || item.Input === undefined)
			throw invalidParameter(`Inputs.${index + 1}`, 'Each element must be {"Input":{"Type":...,"Media":...}}.');
		onlyFields(`Inputs.${index + 1}`, item, ['Input']);
		checkMediaObject(`Inputs.${index + 1}.Input`, item.Input);
	});
	const output = jsonObject(params, 'Output', true);
	checkMediaObject('Output', output);
	const schedule = jsonObject(params, 'ScheduleConfig');
	if (schedule) onlyFields('ScheduleConfig', schedule, ['PipelineId', 'Priority']);
	const priority = schedule ? intIn('ScheduleConfig.Priority', schedule.Priority, 1, 10) : undefined;
	if (schedule?.PipelineId !== undefined && typeof schedule.PipelineId !== 'string')
		throw invalidParameter('ScheduleConfig.PipelineId');
	const name = optional(params, 'Name');
	if (name !== undefined && name.length > 128) throw invalidParameter('Name', 'It cannot exceed 128 characters.');
	const data = {
		Name: name,
		Inputs: inputs,
		Output: output,
		PipelineId: typeof schedule?.PipelineId === 'string' ? schedule.PipelineId : undefined,
		Priority: priority ?? 6,
		UserData: userData(params, false),
		TriggerSource: 'API',
	};
	const job = jobs.submit('package', data);
	job.data.OutputUrl = packageOutputUrl(output as { Type: string; Media: string }, region, job.jobId);
	return { JobId: job.jobId };
};

/** ListPackageJobs items are the same as GetPackageJob's job without OutputUrl. */
function packageJobView(jobs: JobStore, job: Job, forList = false): Record<string, unknown> {
	const state = jobs.state(job);
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
		...statusView(state, 'FinishTime'),
		CreateTime: isoSeconds(job.createdAt),
		SubmitTime: isoSeconds(job.createdAt),
		UserData: data.UserData,
	};
}

export const getPackageJob: Operation = ({ params, jobs }) => {
	const jobId = required(params, 'JobId');
	const job = jobs.get(jobId, 'package');
	if (!job) throw new ApiError(404, 'ResourceNotFound', `The specified package job "${jobId}" is not found.`);
	return { PackageJob: packageJobView(jobs, job) };
};

export const listPackageJobs: Operation = ({ params, jobs }) => {
	const start = optionalUtcTime(params, 'StartOfCreateTime');
	const end = optionalUtcTime(params, 'EndOfCreateTime');
	if (start !== undefined && end !== undefined && end < start)
		throw invalidParameter('EndOfCreateTime', 'It must not be earlier than StartOfCreateTime.');
	const status = oneOf('Status', optional(params, 'Status'), [
		...VOCABULARY.package.running,
		VOCABULARY.package.success,
		VOCABULARY.package.failure,
	]);
	const orderBy =
		oneOf('OrderBy', optional(params, 'OrderBy'), ['CreateTimeDesc', 'CreateTimeAsc'] as const) ?? 'CreateTimeDesc';
	// PageSize 0 means "not set" (the documented range is 0–100, default 20).
	const pageSize = intIn('PageSize', optional(params, 'PageSize'), 0, 100) || 20;
	const jobId = optional(params, 'JobId');
	const { page, nextToken } = paginate(jobs.list('package'), {
		direction: orderBy === 'CreateTimeAsc' ? 'asc' : 'desc',
		pageSize,
		token: optional(params, 'NextPageToken'),
		tokenName: 'NextPageToken',
		matches: (job) =>
			(jobId === undefined || job.jobId === jobId) &&
			(start === undefined || job.createdAt >= start) &&
			(end === undefined || job.createdAt <= end) &&
			(status === undefined || jobs.state(job).status === status),
	});
	return {
		PackageJobList: { PackageJobs: page.map((job) => packageJobView(jobs, job, true)), NextPageToken: nextToken },
	};
};
