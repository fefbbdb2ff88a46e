/** The parts of an OSS object URL, for the APIs that name a file as `{Bucket, Location, Object}` (MPS style). */

export interface OssObjectParts {
	bucket: string;
	key: string;
	/** The OSS region as MPS names it (`oss-cn-shanghai`); only an https URL says it. */
	location?: string;
}

const OSS_URL = /^oss:\/\/([^/\s]+)\/(.+)$/i;
const OSS_HTTP_URL = /^https?:\/\/([^./\s]+)\.(oss-[a-z0-9-]+?)(?:-internal)?\.aliyuncs\.com\/([^?#]+)/i;

function decoded(key: string): string {
	try {
		return decodeURIComponent(key);
	} catch {
		return key;
	}
}

/** `oss://bucket/key` or `https://bucket.oss-<region>[-internal].aliyuncs.com/key`; anything else: undefined. */
export function ossObjectParts(url: string): OssObjectParts | undefined {
	const oss = OSS_URL.exec(url);
	if (oss) return { bucket: oss[1], key: oss[2] };
	const http = OSS_HTTP_URL.exec(url);
	return http ? { bucket: http[1], key: decoded(http[3]), location: http[2].toLowerCase() } : undefined;
}
