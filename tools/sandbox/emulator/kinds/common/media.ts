/** Media references shared by the job kinds: `{Type, Media}` objects, OSS URLs and the files they name. */
import { invalidParameter } from '../../errors';
import { JsonObject } from '../../params';
import { Field, field } from '../../engine/schema';

export const MEDIA_TYPES = ['OSS', 'Media'] as const;

const OSS_OR_HTTP_URL = /^(oss|https?):\/\/[^/]+\/.+/;

/** An OSS object as `oss://bucket/key` or its HTTP(S) URL. */
export function checkOssUrl(path: string, url: string): void {
	if (!OSS_OR_HTTP_URL.test(url))
		throw invalidParameter(path, 'It must be an OSS URL (oss://bucket/object) or an HTTP(S) URL.');
}

/**
 * `{Type, Media}` (SDK request models): Type OSS names an OSS URL, Media a media asset ID. `extra` adds the fields
 * a model has beside them (SubmitTranscodeJob: InputUrl, OutputUrl).
 */
export function mediaObject(extra: Record<string, Field> = {}): Field {
	return field.object(
		{ Type: field.required(field.string({ enum: MEDIA_TYPES })), Media: field.required(field.string()), ...extra },
		{
			check: (value: JsonObject, path: string) => {
				if (value.Type === 'OSS') checkOssUrl(`${path}.Media`, String(value.Media));
			},
		},
	);
}

/** Bucket and key of `oss://bucket/key` or `http(s)://bucket.oss-<region>[-internal].aliyuncs.com/key`. */
export function ossObject(url: string): { bucket: string; key: string } | undefined {
	const oss = /^oss:\/\/([^/]+)\/(.+)$/i.exec(url);
	if (oss) return { bucket: oss[1], key: oss[2] };
	const http = /^https?:\/\/([^./]+)\.oss-[^/]+\.aliyuncs\.com\/(.+)$/i.exec(url);
	return http ? { bucket: http[1], key: http[2] } : undefined;
}

/** The `{Bucket, Location, Object}` of an OSS URL, as MPS answers name files. */
export function ossFile(url: string, region: string): { Bucket: string; Location: string; Object: string } | undefined {
	const object = ossObject(url);
	return object && { Bucket: object.bucket, Location: `oss-${region}`, Object: object.key };
}

/** oss://bucket/key → <scheme>://bucket.oss-<region>.aliyuncs.com/key; other URLs as given. */
export function ossHttpUrl(url: string, region: string, scheme: 'http' | 'https' = 'https'): string {
	const oss = /^oss:\/\/([^/]+)\/(.+)$/i.exec(url);
	return oss ? `${scheme}://${oss[1]}.oss-${region}.aliyuncs.com/${oss[2]}` : url;
}

/** An output pattern with `{Count}` made the n-th file's name (1-based, five digits: output-00001.jpg). */
export function numbered(pattern: string, position: number): string {
	return pattern.replace(/\{Count\}/g, String(position).padStart(5, '0'));
}
