/**
 * SubmitMediaCensorJob's query, from the node's fields or from the parameters written as JSON, checked as the API
 * reference and the SDK state them: `Input` `{Type: OSS|Media, Media}` (an SDK model: no other field), `Output` a
 * plain OSS URL (not the `{Type, Media}` of other jobs), Title ≤ 64 bytes, Description and UserData (plain text)
 * ≤ 128 bytes, at most 5 `CoverImages` `{Bucket, Location, Object, RoleArn}`, `ScheduleConfig` `{PipelineId,
 * Priority}` (an SDK model). Structured parameters are sent as JSON text. There is no ClientToken.
 */
import type { IDataObject } from 'n8n-workflow';

import type { ReadParameter } from '../shared/execution/executeOperation';
import { pickedId } from '../shared/helpers/pickedId';
import {
	InvalidFieldError,
	isBlank,
	jsonArray,
	jsonObject,
	knownKeysOnly,
	maxUtf8Bytes,
	optionalIntegerInRange,
	optionalText,
	ossObjectUrl,
	requireOneOf,
	requireText,
} from '../shared/helpers/validation';
import { ossObjectParts } from '../shared/oss/objectUrl';
import { PRIORITY } from '../shared/descriptions/common';
import { MEDIA_TYPES, mediaReference } from '../shared/requests/mediaReference';

/** The Input Type field's value for a job that moderates only texts and cover images. */
export const NO_VIDEO = 'none';
export const TITLE_MAX_BYTES = 64;
export const DESCRIPTION_MAX_BYTES = 128;
export const USER_DATA_MAX_BYTES = 128;
export const MAX_COVER_IMAGES = 5;

const PARAMETERS = [
	'Input',
	'Output',
	'Title',
	'Description',
	'Barrages',
	'CoverImages',
	'TemplateId',
	'ScheduleConfig',
	'NotifyUrl',
	'UserData',
] as const;
/** What a job moderates; a request with none of them has nothing to moderate. */
const MODERATED = ['Input', 'CoverImages', 'Title', 'Description', 'Barrages'] as const;

type Parameters = Partial<Record<(typeof PARAMETERS)[number], string | IDataObject | IDataObject[]>>;

/** MNS queue (mns://…) or HTTP(S) callback, as the API reference names them. */
const NOTIFY_URL = /^(mns|https?):\/\/\S+$/i;

function optionalBytes(value: unknown, field: string, maxBytes: number): string | undefined {
	const checked = optionalText(value, field);
	return checked === undefined ? undefined : maxUtf8Bytes(checked, field, maxBytes);
}

function optionalNotifyUrl(value: unknown, field: string): string | undefined {
	const url = optionalText(value, field);
	if (url !== undefined && !NOTIFY_URL.test(url)) {
		throw new InvalidFieldError(field, `must be an MNS queue (mns://…) or an http(s):// URL (got "${url}")`);
	}
	return url;
}

function scheduleConfig(pipelineId: unknown, priority: unknown, label: (key: string) => string): IDataObject {
	const config: IDataObject = {};
	const pipeline = optionalText(pipelineId, label('PipelineId'));
	if (pipeline !== undefined) config.PipelineId = pipeline;
	const level = optionalIntegerInRange(priority, label('Priority'), PRIORITY.min, PRIORITY.max);
	if (level !== undefined) config.Priority = level;
	return config;
}

function coverImageOfUrl(url: unknown, field: string): IDataObject {
	const parts = ossObjectParts(ossObjectUrl(url, field));
	if (!parts) {
		throw new InvalidFieldError(
			field,
			`must name an OSS object as oss://bucket/path/image.jpg or https://bucket.oss-<region>.aliyuncs.com/path/image.jpg (got "${String(url)}")`,
		);
	}
	return parts.location
		? { Bucket: parts.bucket, Location: parts.location, Object: parts.key }
		: { Bucket: parts.bucket, Object: parts.key };
}

function maxCoverImages<T>(images: T[], field: string): T[] {
	if (images.length > MAX_COVER_IMAGES) {
		throw new InvalidFieldError(field, `can hold at most ${MAX_COVER_IMAGES} images (got ${images.length})`);
	}
	return images;
}

/** The Fields mode: Input Type and Input Media, the rest from Options (labels as the user sees them). */
function fromFields(parameter: ReadParameter): Parameters {
	const inputType = requireOneOf(parameter('inputType', 'OSS'), 'Input Type', [...MEDIA_TYPES, NO_VIDEO]);
	const options = (parameter('options', {}) ?? {}) as IDataObject;
	const covers = ((options.coverImages as IDataObject | undefined)?.image ?? []) as IDataObject[];
	const parameters: Parameters = {
		Input:
			inputType === NO_VIDEO
				? undefined
				: mediaReference(inputType, parameter('inputMedia', ''), { type: 'Input Type', media: 'Input Media' }),
		Output: isBlank(options.snapshotOutput) ? undefined : ossObjectUrl(options.snapshotOutput, 'Snapshot Output'),
		Title: optionalBytes(options.title, 'Title', TITLE_MAX_BYTES),
		Description: optionalBytes(options.description, 'Description', DESCRIPTION_MAX_BYTES),
		Barrages: optionalText(options.barrages, 'Barrages'),
		CoverImages: maxCoverImages(covers, 'Cover Images').map((cover, position) =>
			coverImageOfUrl(cover.url, `Cover Images › Image ${position + 1}`),
		),
		TemplateId: optionalText(options.templateId, 'Template ID'),
		ScheduleConfig: scheduleConfig(pickedId(parameter, 'options.pipelineId', 'Pipeline ID'), options.priority, (key) =>
			key === 'PipelineId' ? 'Pipeline ID' : key,
		),
		NotifyUrl: optionalNotifyUrl(options.notifyUrl, 'Notify URL'),
		UserData: optionalBytes(options.userData, 'User Data', USER_DATA_MAX_BYTES),
	};
	if (inputType === NO_VIDEO && !somethingToModerate(parameters)) {
		throw new InvalidFieldError(
			'Input Type',
			'is No Video, and Options give no Title, Description, Barrages or Cover Images: there is nothing to moderate',
		);
	}
	return parameters;
}

function coverImageOfJson(value: unknown, field: string): IDataObject {
	if (value === null || typeof value !== 'object' || Array.isArray(value)) {
		throw new InvalidFieldError(field, 'must be a JSON object like {"Bucket": "…", "Object": "…"}');
	}
	// Open structure (the SDK has no model for it): fields beyond these four are kept as written.
	const image = { ...(value as IDataObject) };
	image.Bucket = requireText(image.Bucket, `${field} › Bucket`);
	image.Object = requireText(image.Object, `${field} › Object`);
	for (const key of ['Location', 'RoleArn']) {
		if (image[key] === undefined) continue;
		image[key] = requireText(image[key], `${field} › ${key}`);
	}
	return image;
}

/** The JSON mode: the API's parameters as one JSON object, named by their API names in errors. */
function fromJson(value: unknown): Parameters {
	const label = 'Job (JSON)';
	const at = (key: string) => `${label} › ${key}`;
	const job = knownKeysOnly(jsonObject(value, label), label, PARAMETERS);
	const given = (key: (typeof PARAMETERS)[number]) => !isBlank(job[key]);
	const inputJson = given('Input')
		? knownKeysOnly(jsonObject(job.Input, at('Input')), at('Input'), ['Type', 'Media'])
		: {};
	const schedule = given('ScheduleConfig')
		? knownKeysOnly(jsonObject(job.ScheduleConfig, at('ScheduleConfig')), at('ScheduleConfig'), [
				'PipelineId',
				'Priority',
			])
		: {};
	const covers = given('CoverImages') ? jsonArray(job.CoverImages, at('CoverImages')) : [];
	const parameters: Parameters = {
		Input: given('Input')
			? mediaReference(inputJson.Type, inputJson.Media, { type: at('Input › Type'), media: at('Input › Media') })
			: undefined,
		Output: given('Output') ? ossObjectUrl(job.Output, at('Output')) : undefined,
		Title: optionalBytes(job.Title, at('Title'), TITLE_MAX_BYTES),
		Description: optionalBytes(job.Description, at('Description'), DESCRIPTION_MAX_BYTES),
		Barrages: optionalText(job.Barrages, at('Barrages')),
		CoverImages: maxCoverImages(covers, at('CoverImages')).map((cover, position) =>
			coverImageOfJson(cover, at(`CoverImages › ${position + 1}`)),
		),
		TemplateId: optionalText(job.TemplateId, at('TemplateId')),
		ScheduleConfig: scheduleConfig(schedule.PipelineId, schedule.Priority, (key) => at(`ScheduleConfig › ${key}`)),
		NotifyUrl: optionalNotifyUrl(job.NotifyUrl, at('NotifyUrl')),
		UserData: optionalBytes(job.UserData, at('UserData'), USER_DATA_MAX_BYTES),
	};
	if (!somethingToModerate(parameters)) {
		throw new InvalidFieldError(label, `has none of ${MODERATED.join(', ')}: there is nothing to moderate`);
	}
	return parameters;
}

function somethingToModerate(parameters: Parameters): boolean {
	return MODERATED.some((key) => {
		const value = parameters[key];
		return Array.isArray(value) ? value.length > 0 : value !== undefined;
	});
}

/** The query of one item: JSON parameters as JSON text, empty ones left out. */
export function censorQuery(parameter: ReadParameter): Record<string, string | undefined> {
	const parameters =
		parameter('jobDefinition', 'fields') === 'json' ? fromJson(parameter('jobJson', '')) : fromFields(parameter);
	const query: Record<string, string | undefined> = {};
	for (const key of PARAMETERS) {
		const value = parameters[key];
		if (value === undefined || (typeof value === 'object' && Object.keys(value).length === 0)) continue;
		query[key] = typeof value === 'string' ? value : JSON.stringify(value);
	}
	return query;
}
