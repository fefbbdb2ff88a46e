/**
 * RegisterMediaInfo's parameters from the node's fields, checked against the limits Alibaba states for them
 * (SDK RegisterMediaInfoRequest, as the contract gives them) before anything is sent.
 */
import type { IDataObject } from 'n8n-workflow';

import type { ReadParameter } from '../shared/execution/executeOperation';
import {
	InvalidFieldError,
	clientTokenOf,
	isBlank,
	maxUtf8Bytes,
	optionalIntegerInRange,
	optionalJsonObject,
	optionalText,
	requireOneOf,
	requireText,
} from '../shared/helpers/validation';

export const MEDIA_TYPES = ['image', 'video', 'audio', 'text'] as const;
export const BUSINESS_TYPES = ['subtitles', 'font', 'watermark', 'opening', 'ending', 'general'] as const;
export const SMART_TAG_TEMPLATES = ['S00000101-300080', 'S00000103-000001', 'S00000103-000002'] as const;
/** A text asset is a subtitle file or a font (SDK: "When the value is text, the businessType must be subtitles or font"). */
const TEXT_BUSINESS_TYPES = ['subtitles', 'font'];

const MAX_TITLE_BYTES = 128;
const MAX_COVER_URL_BYTES = 128;
const MAX_DESCRIPTION_BYTES = 1024;
const MAX_USER_DATA_BYTES = 1024;
const MAX_TAGS = 16;
const MAX_TAG_BYTES = 32;
const MAX_CATEGORY_ID = Number.MAX_SAFE_INTEGER;
const REFERENCE_ID = /^[A-Za-z0-9_-]{6,64}$/;
/** An OSS object (http(s) URL or oss://bucket/key) or a VOD video (vod://VideoId), the inputs RegisterMediaInfo takes. */
const INPUT_URL = /^((oss|https?):\/\/[^\s/]+\/\S+|vod:\/\/[A-Za-z0-9]+)$/i;

function inputUrl(value: unknown): string {
	const url = requireText(value, 'Input URL');
	if (!INPUT_URL.test(url)) {
		throw new InvalidFieldError(
			'Input URL',
			`must be an OSS object as https://bucket.oss-region.aliyuncs.com/path/file or oss://bucket/path/file, or a VOD video as vod://VideoId (got "${url.length > 60 ? `${url.slice(0, 57)}...` : url}")`,
		);
	}
	return url;
}

function mediaTags(value: unknown): string | undefined {
	const given = optionalText(value, 'Media Tags');
	if (given === undefined) return undefined;
	const tags = given
		.split(',')
		.map((tag) => tag.trim())
		.filter((tag) => tag !== '');
	if (tags.length > MAX_TAGS)
		throw new InvalidFieldError('Media Tags', `must have at most ${MAX_TAGS} tags (got ${tags.length})`);
	for (const tag of tags) maxUtf8Bytes(tag, `Media Tags › "${tag}"`, MAX_TAG_BYTES);
	return tags.join(',');
}

function referenceId(value: unknown): string | undefined {
	const id = optionalText(value, 'Reference ID');
	if (id !== undefined && !REFERENCE_ID.test(id)) {
		throw new InvalidFieldError(
			'Reference ID',
			`must be 6 to 64 letters, digits, hyphens or underscores (got "${id}")`,
		);
	}
	return id;
}

function bytesAtMost(value: unknown, field: string, maxBytes: number): string | undefined {
	const given = optionalText(value, field);
	return given === undefined ? undefined : maxUtf8Bytes(given, field, maxBytes);
}

function jsonText(value: unknown, field: string, maxBytes?: number): string | undefined {
	const parsed = optionalJsonObject(value, field);
	if (parsed === undefined) return undefined;
	const serialized = JSON.stringify(parsed);
	return maxBytes === undefined ? serialized : maxUtf8Bytes(serialized, field, maxBytes);
}

function optionalChoice<T extends string>(value: unknown, field: string, allowed: readonly T[]): T | undefined {
	return isBlank(value) ? undefined : requireOneOf(value, field, allowed);
}

export function registrationQuery(parameter: ReadParameter, itemClientToken: string): IDataObject {
	const options = parameter('options', {}) as IDataObject;
	const mediaTypeValue = parameter('mediaType', 'auto');
	const mediaType = mediaTypeValue === 'auto' ? undefined : optionalChoice(mediaTypeValue, 'Media Type', MEDIA_TYPES);
	const businessType = optionalChoice(options.businessType, 'Business Type', BUSINESS_TYPES);
	if (mediaType === 'text' && !TEXT_BUSINESS_TYPES.includes(businessType ?? '')) {
		throw new InvalidFieldError(
			'Business Type',
			`must be subtitles or font for a text media asset (got ${businessType ?? 'none'})`,
		);
	}
	return {
		InputURL: inputUrl(parameter('inputUrl', '')),
		MediaType: mediaType,
		Title: bytesAtMost(parameter('title', ''), 'Title', MAX_TITLE_BYTES),
		BusinessType: businessType,
		Description: bytesAtMost(options.description, 'Description', MAX_DESCRIPTION_BYTES),
		MediaTags: mediaTags(options.mediaTags),
		CoverURL: bytesAtMost(options.coverUrl, 'Cover URL', MAX_COVER_URL_BYTES),
		CateId: optionalIntegerInRange(options.categoryId, 'Category ID', 1, MAX_CATEGORY_ID),
		ReferenceId: referenceId(options.referenceId),
		Overwrite: options.overwrite === true ? true : undefined,
		RegisterConfig: jsonText(options.registerConfig, 'Register Config'),
		SmartTagTemplateId: optionalChoice(options.smartTagTemplateId, 'Smart Tag Template', SMART_TAG_TEMPLATES),
		WorkflowId: optionalText(options.workflowId, 'Workflow ID'),
		UserData: jsonText(options.userData, 'User Data', MAX_USER_DATA_BYTES),
		ClientToken: clientTokenOf(options.idempotencyKey, itemClientToken),
	};
}
